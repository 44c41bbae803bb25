"""The laid-out edition as plain JSON data (shape documented in docs/layout-json.md)."""

from __future__ import annotations

from newsdesk.compose.justify import LOOSE, count_loose
from newsdesk.layout.engine import LayoutEngine
from newsdesk.layout.result import Line, PageLayout

FORMAT = 1


def _r(v: float) -> float:
    return round(v, 2)


def line_json(line: Line) -> dict:
    return {
        "text": line.text,
        "part": line.part,
        "paragraph": line.paragraph,
        "start": line.start,
        "end": line.end,
        "x": _r(line.x),
        "baseline": _r(line.baseline),
        "width": _r(line.width),
        "column": line.column,
        "spread": round(line.spread, 3),
        "hyphen": line.hyphen,
    }


def page_json(page: PageLayout) -> dict:
    return {
        "number": page.number,
        "loose_lines": count_loose(ln for f in page.frames for ln in f.lines),
        "label": page.label,
        "width": _r(page.width),
        "height": _r(page.height),
        "blocks": [
            {
                "id": f.block,
                "kind": f.kind,
                "x": _r(f.x),
                "y": _r(f.y),
                "width": _r(f.width),
                "height": _r(f.height),
                "story": f.story,
                "empty_lines": f.empty_lines,
                "lines": [line_json(ln) for ln in f.lines],
                "images": [
                    {
                        "path": im.path,
                        "x": _r(im.x),
                        "y": _r(im.y),
                        "width": _r(im.width),
                        "height": _r(im.height),
                        "crop": [_r(v) for v in im.crop],
                        "ppi": _r(im.ppi),
                        "pdf": im.is_pdf,
                        "missing": im.missing,
                    }
                    for im in f.images
                ],
            }
            for f in page.frames
        ],
        "jumps": [
            {
                "story": j.story,
                "direction": j.direction,
                "text": j.text,
                "page": j.page,
                "target_page": j.target_page,
                "block": j.block,
                "partner_block": j.partner_block,
                "column": j.column,
            }
            for j in page.jumps
        ],
        "missing_glyphs": [
            {
                "char": m.char,
                "story": m.story,
                "part": m.part,
                "paragraph": m.paragraph,
                "offset": m.offset,
            }
            for m in page.missing
        ],
    }


def edition_json(
    engine: LayoutEngine, pages: list[PageLayout] | None = None, warnings: list[str] | None = None
) -> dict:
    """The whole laid-out edition; `warnings` are what loading the file noticed (missing links)."""
    pages = engine.layout() if pages is None else pages
    fits = engine.copyfit()
    stories = {}
    for sid, fit in fits.items():
        story = engine.edition.stories[sid]
        data = fit.to_json()
        data["slug"] = story.slug
        data["headline"] = story.headline
        data["overset_text"] = _overset_text(story, fit.overset_chars)
        stories[sid] = data
    return {
        "format": FORMAT,
        "paper": engine.edition.paper,
        "pages": [page_json(p) for p in pages],
        "stories": stories,
        "loose_lines": count_loose(ln for p in pages for f in p.frames for ln in f.lines),
        "loose_limit_em": LOOSE,
        "audit": [f.to_json() for f in engine.audit()],
        "warnings": list(warnings or []),
    }


def _overset_text(story, overset: int) -> str:
    """The characters that did not fit (paragraphs joined with newlines)."""
    if overset <= 0:
        return ""
    out, need = [], overset
    for p in reversed(story.paragraphs):
        take = min(need, len(p.text))
        out.append(p.text[len(p.text) - take :])
        need -= take
        if need <= 0:
            break
    return "\n".join(reversed(out))
