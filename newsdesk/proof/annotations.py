"""Proof items drawn on a proof as standard PDF annotations, each with its appearance stream.

What any reader (Acrobat, Foxit, WPS, poppler, QtPdf/pdfium, pdf.js) shows and reads back:

- 高亮 highlight → /Highlight (yellow, multiplied over the text)
- 删除 delete    → /StrikeOut (red line through the characters)
- 增补 insert    → /Caret at the insertion point, Contents = the text to insert
- 改正 replace   → /StrikeOut + /Caret grouped (the StrikeOut's IRT is the Caret, RT /Group),
                   the Caret's Contents = the replacement
- 批注 note      → /Text (a sticky note) at the position

QuadPoints go one quadrilateral per line in the order readers write them (upper-left,
upper-right, lower-left, lower-right). Every annotation carries /AP /N: without it poppler draws
no Caret and QtPdf neither Caret nor FreeText text (see PRINT.md).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from newsdesk.model.edition import Edition, ProofItem
from newsdesk.proof.anchor import resolve

COLOURS = {
    "highlight": (1.0, 0.9, 0.0),
    "delete": (0.9, 0.0, 0.0),
    "insert": (0.0, 0.35, 0.9),
    "replace": (0.9, 0.0, 0.0),
    "note": (1.0, 0.8, 0.2),
}
SUBJECTS = {
    "highlight": "高亮",
    "delete": "删除",
    "insert": "增补",
    "replace": "改正",
    "note": "批注",
}


def _pdf_date(when: _dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S") + "Z"


def _rgb(colour: tuple[float, float, float]) -> str:
    return " ".join(f"{c:.3f}" for c in colour)


def _appearance(pdf: Any, rect: list[float], code: str, resources: Any = None) -> Any:
    import pikepdf

    stream = pdf.make_stream(code.encode("ascii"))
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Form
    stream.BBox = pikepdf.Array(rect)
    stream.Resources = resources if resources is not None else pikepdf.Dictionary()
    return pikepdf.Dictionary(N=stream)


def _base(pdf: Any, subtype: str, rect: list[float], item: ProofItem, when: str) -> Any:
    import pikepdf

    return pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name("/" + subtype),
        Rect=pikepdf.Array(rect),
        Contents=pikepdf.String(item.contents),
        T=pikepdf.String(item.author or "Newsdesk"),
        Subj=pikepdf.String(SUBJECTS[item.kind]),
        NM=pikepdf.String(item.id + ("-caret" if subtype == "Caret" else "")),
        M=pikepdf.String(when),
        CreationDate=pikepdf.String(when),
        F=4,  # print
        C=pikepdf.Array(COLOURS[item.kind]),
        CA=1,
    )


def _union(quads: list[tuple[float, float, float, float]]) -> list[float]:
    return [
        min(q[0] for q in quads) - 1,
        min(q[1] for q in quads) - 1,
        max(q[2] for q in quads) + 1,
        max(q[3] for q in quads) + 1,
    ]


def _quad_points(quads) -> Any:
    import pikepdf

    points: list[float] = []
    for x0, y0, x1, y1 in quads:
        points += [x0, y1, x1, y1, x0, y0, x1, y0]  # UL, UR, LL, LR as Acrobat writes them
    return pikepdf.Array([round(v, 2) for v in points])


def markup(pdf: Any, kind: str, quads, item: ProofItem, when: str) -> Any:
    """A Highlight or StrikeOut over `quads` (PDF user space boxes, one per line)."""
    import pikepdf

    rect = _union(quads)
    subtype = "Highlight" if kind == "highlight" else "StrikeOut"
    annot = _base(pdf, subtype, rect, item, when)
    annot.QuadPoints = _quad_points(quads)
    colour = _rgb(COLOURS[item.kind])
    if subtype == "Highlight":
        gs = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name.Multiply)
        resources = pikepdf.Dictionary(ExtGState=pikepdf.Dictionary(GS0=gs))
        code = f"/GS0 gs {colour} rg " + " ".join(
            f"{x0:.2f} {y0:.2f} {x1 - x0:.2f} {y1 - y0:.2f} re f" for x0, y0, x1, y1 in quads
        )
        annot.AP = _appearance(pdf, rect, code, resources)
    else:
        code = f"{colour} RG 0.8 w " + " ".join(
            f"{x0:.2f} {(y0 + y1) / 2:.2f} m {x1:.2f} {(y0 + y1) / 2:.2f} l S"
            for x0, y0, x1, y1 in quads
        )
        annot.AP = _appearance(pdf, rect, code)
    return annot


def caret(pdf: Any, x: float, bottom: float, height: float, item: ProofItem, when: str) -> Any:
    """A Caret whose tip points up at the gap at `x`, just under the line whose em box starts at
    `bottom` (PDF y); its Contents is the text to insert."""
    import pikepdf

    w = max(height * 0.6, 4.0)
    h = max(height * 0.55, 4.0)
    rect = [x - w / 2, bottom - h * 0.6, x + w / 2, bottom + h * 0.4]
    annot = _base(pdf, "Caret", rect, item, when)
    annot.Contents = pikepdf.String(item.replacement)
    annot.Sy = pikepdf.Name("/None")  # no paragraph symbol
    x0, y0, x1, y1 = rect
    colour = _rgb(COLOURS["insert"])
    code = f"{colour} rg {x0:.2f} {y0:.2f} m {x:.2f} {y1:.2f} l {x1:.2f} {y0:.2f} l h f"
    annot.AP = _appearance(pdf, rect, code)
    return annot


def note(pdf: Any, x: float, top: float, item: ProofItem, when: str) -> Any:
    """A sticky note whose icon's top-left corner is at (x, top)."""
    import pikepdf

    size = 14.0
    rect = [x, top - size, x + size, top]
    annot = _base(pdf, "Text", rect, item, when)
    annot.Name = pikepdf.Name.Comment
    annot.Open = False
    x0, y0, x1, y1 = rect
    lines = " ".join(
        f"{x0 + 3:.2f} {y1 - 4 - 3 * n:.2f} m {x1 - 3:.2f} {y1 - 4 - 3 * n:.2f} l S"
        for n in range(3)
    )
    code = (
        f"{_rgb(COLOURS['note'])} rg 0.4 0.3 0 RG 0.6 w "
        f"{x0 + 0.5:.2f} {y0 + 0.5:.2f} {size - 1:.2f} {size - 1:.2f} re B {lines}"
    )
    annot.AP = _appearance(pdf, rect, code)
    return annot


def _locate(data: dict, item: ProofItem, start: int, end: int):
    """(page index, quads covering [start, end), the boxes of those characters) on the proof."""
    from newsdesk.proof.export import line_quads

    for index, _page in enumerate(data["pages"]):
        quads = line_quads(data, index, item, start, end)
        if quads:
            return index, quads
    return None, []


def _point_boxes(data: dict, item: ProofItem, offset: int):
    """(page index, the box of the character at `offset`, True if the point is after it)."""
    for index, page in enumerate(data["pages"]):
        best = None
        for line in page["lines"]:
            if line["story"] != item.story or line["part"] != item.part:
                continue
            for c in line["chars"]:
                if c[4] <= offset < c[5]:
                    return index, c, False
                if c[5] == offset:
                    best = c
        if best is not None:
            return index, best, True
    return None, None, False


def annotate_items(
    pdf: Any, edition: Edition, data: dict, items: list[ProofItem]
) -> tuple[int, list[str]]:
    """Draw `items` on the proof `pdf` whose map is `data`. Returns (items drawn,
    messages for items that could not be drawn: text changed, or not on these pages)."""
    import pikepdf

    when = _pdf_date(_dt.datetime.now(_dt.UTC))
    written, skipped = 0, []
    for item in items:
        where = resolve(edition, item)
        if where is None:
            skipped.append(
                f"校对记号 {item.id}（{item.text or item.replacement}）的原文已改动，未画出"
            )
            continue
        start, end = where
        new: list[Any] = []
        index = None
        if item.kind in ("highlight", "delete", "replace") and end > start:
            index, quads = _locate(data, item, start, end)
            if index is not None:
                strike = markup(pdf, item.kind, quads, item, when)
                new.append(strike)
                if item.kind == "replace":
                    x1, y0 = quads[-1][2], quads[-1][1]
                    mark = caret(pdf, x1, y0, quads[-1][3] - y0, item, when)
                    new.append(mark)
        elif item.kind in ("insert", "note"):
            index, box, after = _point_boxes(data, item, start)
            if index is not None:
                if item.kind == "insert":
                    x = box[2] if after else box[0]
                    new.append(caret(pdf, x, box[1], box[3] - box[1], item, when))
                else:
                    x = box[2] - 1 if after else box[0] + 1
                    new.append(note(pdf, x, box[3] - 1, item, when))
        if index is None or not new:
            skipped.append(f"校对记号 {item.id} 不在这份校样的版面上，未画出")
            continue
        page = pdf.pages[index]
        refs = [pdf.make_indirect(a) for a in new]
        for ref in refs:
            ref.P = page.obj
        if len(refs) == 2:  # replace: the StrikeOut is grouped with its Caret
            refs[0].IRT = refs[1]
            refs[0].RT = pikepdf.Name.Group
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            page.obj.Annots = annots = pikepdf.Array()
        for ref in refs:
            annots.append(ref)
        written += 1
    return written, skipped
