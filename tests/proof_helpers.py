"""Annotated proofs made the way other PDF readers make them: pikepdf dictionaries whose
QuadPoints come from the proof's own character boxes (as Acrobat and pdf.js take them from the
text), a little larger than the glyphs, in either corner order, one quadrilateral per line."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf

PAD_X, PAD_Y = 0.6, 1.2  # readers draw quads a little larger than the glyphs


def proof_data(path: Path) -> dict:
    with pikepdf.open(path) as pdf:
        return json.loads(pdf.attachments["newsdesk-proof.json"].get_file().read_bytes())


def chars_of(data: dict, story: str, part: str = "body") -> list[tuple[int, int, list]]:
    """(page index, line index, char) for every character of a story part, in text order."""
    out = []
    for p, page in enumerate(data["pages"]):
        for n, line in enumerate(page["lines"]):
            if line["story"] == story and line["part"] == part:
                out += [(p, n, c) for c in line["chars"]]
    out.sort(key=lambda t: t[2][4])
    return out


def quads_for(data: dict, story: str, part: str, start: int, end: int) -> tuple[int, list]:
    """(page index, per-line boxes) covering characters [start, end), padded like a reader's."""
    lines: dict[tuple[int, int], list] = {}
    for p, n, c in chars_of(data, story, part):
        if c[4] >= start and c[5] <= end:
            lines.setdefault((p, n), []).append(c)
    pages = {p for p, _ in lines}
    assert len(pages) == 1, "the range must sit on one page"
    boxes = [
        (
            min(c[0] for c in cs) - PAD_X,
            min(c[1] for c in cs) - PAD_Y,
            max(c[2] for c in cs) + PAD_X,
            max(c[3] for c in cs) + PAD_Y,
        )
        for _key, cs in sorted(lines.items(), key=lambda kv: kv[1][0][4])
    ]
    return pages.pop(), boxes


def quad_points(boxes, order: str = "acrobat") -> list[float]:
    """Acrobat and pdf.js write UL, UR, LL, LR; the PDF spec's drawing is LL, LR, UR, UL."""
    out: list[float] = []
    for x0, y0, x1, y1 in boxes:
        if order == "acrobat":
            out += [x0, y1, x1, y1, x0, y0, x1, y0]
        else:
            out += [x0, y0, x1, y0, x1, y1, x0, y1]
    return out


def rect_of(boxes) -> list[float]:
    return [
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    ]


class Annotator:
    """Adds annotations to a copy of a proof, as a reader does on save."""

    def __init__(self, proof: Path) -> None:
        self.pdf = pikepdf.open(proof)
        self.data = proof_data(proof)

    def add(self, page: int, **entries) -> pikepdf.Object:
        annot = self.pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, **entries))
        page_obj = self.pdf.pages[page].obj
        if "/Annots" not in page_obj:
            page_obj.Annots = pikepdf.Array()
        page_obj.Annots.append(annot)
        return annot

    def markup(self, subtype, story, part, start, end, order="acrobat", **extra):
        page, boxes = quads_for(self.data, story, part, start, end)
        return self.add(
            page,
            Subtype=pikepdf.Name("/" + subtype),
            Rect=pikepdf.Array(rect_of(boxes)),
            QuadPoints=pikepdf.Array(quad_points(boxes, order)),
            T=pikepdf.String("校对员甲"),
            **extra,
        )

    def caret(self, story, part, offset, text, **extra):
        """An Acrobat Insert Text caret: its tip at the gap before `offset`, hanging below."""
        chars = chars_of(self.data, story, part)
        if offset < len(chars) and any(c[4] == offset for _, _, c in chars):
            page, _, c = next(t for t in chars if t[2][4] == offset)
            x = c[0]
        else:
            page, _, c = next(t for t in chars if t[2][5] == offset)
            x = c[2]
        height = c[3] - c[1]
        rect = [x - height * 0.3, c[1] - height * 0.45, x + height * 0.3, c[1] + height * 0.25]
        return self.add(
            page,
            Subtype=pikepdf.Name.Caret,
            Rect=pikepdf.Array(rect),
            Contents=pikepdf.String(text),
            T=pikepdf.String("校对员甲"),
            **extra,
        )

    def save(self, path: Path) -> Path:
        self.pdf.save(path)
        self.pdf.close()
        return path
