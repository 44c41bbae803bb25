"""`newsdesk proof export`: the page proof (大样) a proofreader marks in any PDF reader.

The pages are painted by the print export's RGB proof preset (same layout, same painter as the
print file), then each sheet is enlarged around the trim for a slug line (paper, date, issue,
page, edition revision, time of the proof) and a light 校样 mark, both outside the trim so they
never cover text. Inside the PDF travels the map from any point of a page back to (story, part,
character offset) for this revision: an embedded JSON file (docs/proofing.md). Open proof items
of the edition can be drawn on it as standard annotations, for another round.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import NewsdeskError, write_problem
from newsdesk.model.edition import Edition, ProofItem
from newsdesk.model.units import mm
from newsdesk.proof.charmap import page_char_map

PROOF_FORMAT = "newsdesk-proof"
PROOF_VERSION = 1
ATTACHMENT = "newsdesk-proof.json"
CATALOG_KEY = "/NewsdeskProof"

SIDE = mm(8)  # room left and right of the trim
TOP = mm(18)  # the 校样 mark
BOTTOM = mm(12)  # the slug line


@dataclass
class ProofResult:
    path: Path
    pages: list[int]  # page numbers in the proof
    revision: int
    marks: int = 0  # annotations written for open proof items
    skipped: list[str] = field(default_factory=list)  # open items that could not be drawn


def proof_identity(edition: Edition) -> dict[str, Any]:
    """What names an edition in a proof: paper, date and issue number."""
    return {"paper": edition.paper, "date": edition.date.isoformat(), "number": edition.number}


def _pdf_box(box, page_height: float) -> list[float]:
    """A page-coordinate box (y down) in the proof sheet's PDF user space (y up)."""
    return [
        round(SIDE + box.x0, 2),
        round(BOTTOM + page_height - box.y1, 2),
        round(SIDE + box.x1, 2),
        round(BOTTOM + page_height - box.y0, 2),
    ]


def proof_map(edition: Edition, laid: list, registry: Any, created: _dt.datetime) -> dict[str, Any]:
    """The JSON the proof carries: identity, revision, per-line character boxes, part texts."""
    from newsdesk.edit.text import part_text

    pages = []
    texts: dict[str, dict[str, str]] = {}
    for page in laid:
        lines = []
        for lb in page_char_map(page, edition, registry):
            lines.append(
                {
                    "story": lb.story,
                    "part": lb.part,
                    "vertical": lb.vertical,
                    "chars": [[*_pdf_box(c, page.height), c.start, c.end] for c in lb.chars],
                }
            )
            parts = texts.setdefault(lb.story, {})
            if lb.part not in parts:
                parts[lb.part] = part_text(edition.stories[lb.story], lb.part)
        pages.append(
            {
                "number": page.number,
                "label": page.label,
                "trim": [
                    round(SIDE, 2),
                    round(BOTTOM, 2),
                    round(SIDE + page.width, 2),
                    round(BOTTOM + page.height, 2),
                ],
                "lines": lines,
            }
        )
    return {
        "format": PROOF_FORMAT,
        "version": PROOF_VERSION,
        "edition": proof_identity(edition),
        "revision": edition.revision,
        "created": created.isoformat(),
        "pages": pages,
        "texts": texts,
    }


def _slug_overlay(edition: Edition, laid: list, created: _dt.datetime) -> bytes:
    """One reportlab page per proof page: the slug line and the 校样 mark, outside the trim."""
    from reportlab.pdfgen.canvas import Canvas

    from newsdesk.fonts.registry import bundled_font_dir
    from newsdesk.render.pdf import register_ttf

    font = register_ttf(bundled_font_dir() / "NewsdeskHei-Regular.ttf")
    buf = io.BytesIO()
    canvas = Canvas(buf, initialFontName=font, invariant=1)
    stamp = created.astimezone().strftime("%Y-%m-%d %H:%M")
    for page in laid:
        width, height = page.width + 2 * SIDE, page.height + TOP + BOTTOM
        canvas.setPageSize((width, height))
        slug = "　".join(
            [
                edition.paper,
                edition.date.isoformat(),
                f"第{edition.number}期",
                f"{page.label}（第{page.number}版）",
                f"修订 {edition.revision}",
                f"校样时间 {stamp}",
                "Newsdesk 大样",
            ]
        )
        canvas.setFillColorRGB(0.35, 0.35, 0.35)
        canvas.setFont(font, 8)
        canvas.drawString(SIDE, BOTTOM / 2 - 3, slug)
        canvas.setFillColorRGB(0.93, 0.62, 0.62)  # light red, like a 校样 stamp
        canvas.setFont(font, 30)
        canvas.drawRightString(width - SIDE, BOTTOM + page.height + (TOP - 30) / 2 + 4, "校　样")
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _check_target(output: Path, edition: Edition, edition_path, base_dir) -> Path:
    from newsdesk.export.output_guard import check_output, protected_files
    from newsdesk.files import output_target

    real, problem = output_target(output)
    if problem:
        raise NewsdeskError(f"拒绝导出：{output} {problem}，不能写成 PDF。请换一个输出文件名")
    protected = protected_files(edition, edition_path, base_dir)
    check_output(output, protected)
    check_output(real, protected)
    folder = Path(real).parent
    if not folder.is_dir():
        raise NewsdeskError(f"输出目录不存在：{folder}")
    return Path(real)


def export_proof(
    edition: Edition,
    output: str | os.PathLike,
    *,
    base_dir: str | os.PathLike | None = None,
    pages: list[int] | None = None,
    engine: Any = None,
    registry: Any = None,
    created: _dt.datetime | None = None,
    edition_path: str | os.PathLike | None = None,
    marks: bool = True,
) -> ProofResult:
    """Write the page proof of `edition` (pages by number, all when None) to `output`.

    With `marks`, the edition's open proof items are drawn as annotations (another round).
    """
    import pikepdf

    from newsdesk.export.print_export import export_edition, select_pages

    base = Path(base_dir) if base_dir is not None else None
    target = _check_target(Path(output), edition, edition_path, base)
    created = created or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    if engine is None:
        from newsdesk.layout.engine import LayoutEngine

        engine = LayoutEngine(edition, registry=registry, base_dir=base)
    registry = registry if registry is not None else getattr(engine, "registry", None)
    laid = engine.layout()
    if not laid:
        raise NewsdeskError("这期版面还没有任何版，无法导出校样")
    selected = select_pages(laid, pages)
    tmp_dir = tempfile.mkdtemp(prefix=".newsdesk-proof-", dir=target.parent)
    painted = Path(tmp_dir) / "pages.pdf"
    finished = Path(tmp_dir) / "proof.pdf"
    try:
        export_edition(
            edition,
            base_dir=base,
            preset="proof",
            output=painted,
            pages=[p.number for p in selected],
            registry=registry,
            engine=engine,
            created=created,
            edition_path=edition_path,
        )
        data = proof_map(edition, selected, registry, created)
        overlay = _slug_overlay(edition, selected, created)
        result = ProofResult(target, [p.number for p in selected], edition.revision)
        with pikepdf.open(painted) as pdf, pikepdf.open(io.BytesIO(overlay)) as slug:
            for n, page in enumerate(selected):
                _enlarge_sheet(pdf, pdf.pages[n], page)
                pdf.pages[n].add_overlay(
                    slug.pages[n],
                    pikepdf.Rectangle(0, 0, page.width + 2 * SIDE, page.height + TOP + BOTTOM),
                )
            _embed_map(pdf, data)
            if marks:
                from newsdesk.proof.annotations import annotate_items

                result.marks, result.skipped = annotate_items(
                    pdf, edition, data, [i for i in edition.proof_items if i.status == "open"]
                )
            info = pdf.docinfo
            info.Title = pikepdf.String(
                f"{edition.paper} {edition.date.isoformat()} 第{edition.number}期 大样"
                f"（修订 {edition.revision}）"
            )
            info.Subject = pikepdf.String("Newsdesk 校样：可在任意 PDF 阅读器中批注后导入")
            pdf.save(finished, compress_streams=True)
        os.chmod(finished, 0o644 & ~_umask())
        os.replace(finished, target)
    except OSError as exc:
        raise NewsdeskError(f"无法写入校样 PDF：{target}（{write_problem(exc)}）") from exc
    finally:
        for name in (painted, finished):
            if name.exists():
                name.unlink()
        os.rmdir(tmp_dir)
    return result


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _enlarge_sheet(pdf: Any, page: Any, layout: Any) -> None:
    """Move the painted page into a larger sheet: content shifted, trim box around it."""
    import pikepdf

    width, height = layout.width + 2 * SIDE, layout.height + TOP + BOTTOM
    page.contents_add(
        pdf.make_stream(f"q 1 0 0 1 {SIDE:.4f} {BOTTOM:.4f} cm\n".encode()), prepend=True
    )
    page.contents_add(pdf.make_stream(b"\nQ\n"))
    trim = pikepdf.Array([SIDE, BOTTOM, SIDE + layout.width, BOTTOM + layout.height])
    page.obj.MediaBox = pikepdf.Array([0, 0, width, height])
    page.obj.TrimBox = trim
    page.obj.BleedBox = trim
    for key in ("/CropBox", "/ArtBox"):
        if key in page.obj:
            del page.obj[key]


def _embed_map(pdf: Any, data: dict[str, Any]) -> None:
    """The character map as an embedded file, also named from the catalog (/NewsdeskProof)."""
    import pikepdf

    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    spec = pikepdf.AttachedFileSpec(
        pdf,
        raw,
        description="Newsdesk 校样定位数据（版面文字位置，导入批注用）",
        filename=ATTACHMENT,
        mime_type="application/json",
    )
    pdf.attachments[ATTACHMENT] = spec
    stream = pdf.attachments[ATTACHMENT].obj.EF.F
    pdf.Root[CATALOG_KEY] = pikepdf.Dictionary(
        Version=PROOF_VERSION,
        Revision=data["revision"],
        Map=stream,
    )


def line_quads(data: dict[str, Any], page_index: int, item: ProofItem, start: int, end: int):
    """[(x0, y0, x1, y1)] per line of the proof page covering [start, end) of the item's part."""
    quads = []
    for line in data["pages"][page_index]["lines"]:
        if line["story"] != item.story or line["part"] != item.part:
            continue
        boxes = [c for c in line["chars"] if c[4] < end and c[5] > start]
        if boxes:
            quads.append(
                (
                    min(c[0] for c in boxes),
                    min(c[1] for c in boxes),
                    max(c[2] for c in boxes),
                    max(c[3] for c in boxes),
                )
            )
    return quads
