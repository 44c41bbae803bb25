"""Galley proofs (小样): copy set in columns and pages, without an edition.

Without a page size the galley is one column per page, the page as wide as the measure plus
margins and A4-high. With a page size the type area is cut into columns (given, or as many of the
measure as fit) that are filled in order, then the next page. Heads from the copy's markup
(引题/主题/副题) go above the body on the first page, across the type area; bylines open the body.
Page numbers are 1-based; paragraph numbers count body paragraphs from 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from newsdesk.compose.flow import ColumnSlot, FlowState, flow
from newsdesk.compose.headline import set_heads
from newsdesk.compose.setter import TextSetter
from newsdesk.errors import NewsdeskError
from newsdesk.layout.result import Frame, Line, MissingGlyph, PageLayout
from newsdesk.model.edition import Paragraph, ParagraphStyle, Story, default_styles
from newsdesk.model.units import mm


@dataclass
class GalleySpec:
    size: float = 9.0  # pt
    leading: float = 13.5  # pt
    measure: float = 117.0  # pt, column width when the page does not decide it
    indent: float = 2.0  # em
    page: tuple[float, float] | None = None  # pt; None = one column per A4-high page
    margins: float = mm(15)
    columns: int = 0  # 0 = as many columns of `measure` as fit the page
    gutter: float | None = None  # pt; None = one em
    role: str = "serif"


@dataclass
class Galley:
    pages: list[PageLayout]
    measure: float
    spec: GalleySpec
    body_lines: list[tuple[Line, int]] = field(default_factory=list)  # (line, page number)
    head_lines: list[Line] = field(default_factory=list)
    missing: list[MissingGlyph] = field(default_factory=list)
    overset_chars: int = 0


def _geometry(spec: GalleySpec) -> tuple[float, float, list[float], float, int]:
    """(page width, page height, column lefts, column width, lines per column)."""
    m = spec.margins
    gutter = spec.size if spec.gutter is None else spec.gutter
    if spec.page is None:
        width = spec.measure + 2 * m
        height = mm(297)
        lefts = [m]
        col_w = spec.measure
    else:
        width, height = spec.page
        type_w = width - 2 * m
        if spec.columns > 0:
            cols = spec.columns
            col_w = (type_w - (cols - 1) * gutter) / cols
        else:
            cols = max(1, int((type_w + gutter + 1e-6) // (spec.measure + gutter)))
            col_w = spec.measure
        lefts = [m + k * (col_w + gutter) for k in range(cols)]
    if col_w < spec.size * 2:
        raise NewsdeskError(
            f"栏宽太窄：{col_w:.1f} 磅，不足两个字（字号 {spec.size:g} 磅）。请减少栏数或加大版面。"
        )
    lines = int((height - 2 * m) / spec.leading + 1e-6)
    if lines < 1:
        raise NewsdeskError("版面太矮，放不下一行正文。")
    return width, height, lefts, col_w, lines


def build_galley(
    setter: TextSetter, story: Story, spec: GalleySpec, styles: dict | None = None
) -> Galley:
    """Set a story as a galley: heads on the first page, then the body through columns."""
    styles = dict(styles or default_styles())
    body = ParagraphStyle("body", spec.role, spec.size, spec.leading, 0.0, spec.indent, "justify")
    styles["body"] = body
    byline = styles.get("byline")
    if byline is not None:
        styles["byline"] = ParagraphStyle(
            "byline", byline.role, spec.size, spec.leading, 0.0, 0.0, "left"
        )
    width, height, lefts, col_w, per_col = _geometry(spec)
    m = spec.margins
    paragraphs = [Paragraph(b, "byline") for b in story.byline.split("\n") if b.strip()]
    first_body = len(paragraphs)
    paragraphs += story.paragraphs
    galley = Galley([], col_w, spec)

    head_lines, head_h = [], 0.0
    if story.kicker or story.headline or story.deck:
        type_w = lefts[-1] + col_w - lefts[0]
        head_lines, head_h = set_heads(setter, story, styles, lefts[0], m, type_w)
        galley.head_lines = head_lines
    state = FlowState(0, 0)
    number = 0
    while True:
        number += 1
        skip = math.ceil(head_h / spec.leading - 1e-6) if number == 1 else 0
        top = m + skip * spec.leading
        slots = [
            ColumnSlot(x, top, col_w, max(0, per_col - skip), column=k) for k, x in enumerate(lefts)
        ]
        result = flow(setter, paragraphs, slots, start=state, story=story.id, styles=styles)
        page = PageLayout(number - 1, number, f"第{number}页", width, height)
        if number == 1 and head_lines:
            page.frames.append(
                Frame("", "headline", lefts[0], m, lefts[-1] + col_w - lefts[0], head_h)
            )
            page.frames[-1].lines = head_lines
        frames = [Frame("", "galley", s.x, s.top, s.width, s.lines * spec.leading) for s in slots]
        for line in result.lines:
            frames[line.column].lines.append(line)
            if line.paragraph >= first_body:
                line.paragraph -= first_body
            else:
                line.part = "byline"
            galley.body_lines.append((line, number))
        for mg in result.missing:
            if mg.paragraph >= first_body:
                mg.paragraph -= first_body
            else:
                mg.part = "byline"
        page.frames.extend(f for f in frames if f.lines)
        page.missing = result.missing
        galley.missing.extend(result.missing)
        galley.pages.append(page)
        if not result.overset_chars:
            break
        if result.end == state and number > 1:
            galley.overset_chars = result.overset_chars  # nothing fits a column: give up
            break
        state = result.end
    return galley
