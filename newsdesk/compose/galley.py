"""Galley proofs (小样): copy set in columns and pages, without an edition.

Without a page size the galley is one column per page, the page as wide as the measure plus
margins and A4-high. With a page size the type area is cut into columns (given, or as many of the
measure as fit) that are filled in order, then the next page. Heads from the copy's markup
(引题/主题/副题) go above the body on the first page, across the type area; a dateline (本报讯
（记者 林晓）) runs into the first paragraph in its own face, as on the page (compose/dateline.py),
other bylines open the body as lines of their own.
Page numbers are 1-based; paragraph numbers count body paragraphs from 0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from newsdesk.compose.dateline import is_dateline, offsets_back, run_in
from newsdesk.compose.flow import ColumnSlot, FlowState, flow
from newsdesk.compose.setter import TextSetter
from newsdesk.errors import NewsdeskError
from newsdesk.layout.result import Frame, Line, MissingGlyph, PageLayout
from newsdesk.model.story import Paragraph, ParagraphStyle, Story, default_styles
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


# Narrowest column and shortest type area a galley accepts: below this, nothing readable is set.
MIN_COLUMN_CHARS = 4
MIN_TYPE_LINES = 4


def _geometry(spec: GalleySpec) -> tuple[float, float, list[float], float, int]:
    """(page width, page height, column lefts, column width, lines per column).

    Columns are whole characters wide (TYPESETTING rule 8) unless the user fixed the gutter: then
    the type area is shared out exactly. Without a gutter the remainder widens the gutters.
    """
    m, size = spec.margins, spec.size
    if spec.page is None:
        width, height = spec.measure + 2 * m, mm(297)
        lefts, col_w = [m], spec.measure
    else:
        width, height = spec.page
        type_w = width - 2 * m
        if type_w < MIN_COLUMN_CHARS * size - 1e-6:
            raise NewsdeskError(
                f"页边距太大：{_mm(width)}×{_mm(height)} 毫米的版面左右各留 {_mm(m)} 毫米后，"
                f"版心宽只有 {_mm(type_w)} 毫米，放不下 {MIN_COLUMN_CHARS} 个字。请减小 --margins"
            )
        if spec.columns > 0:
            cols = spec.columns
            gutter = size if spec.gutter is None else spec.gutter
            col_w = (type_w - (cols - 1) * gutter) / cols
            if spec.gutter is None:
                col_w = math.floor(col_w / size + 1e-6) * size
        else:
            col_w = spec.measure
            if col_w > type_w + 1e-6:
                raise NewsdeskError(
                    f"栏宽 {col_w / size:g} 字（{_mm(col_w)} 毫米）超过版心宽 {_mm(type_w)} 毫米。"
                    "请减小栏宽或页边距"
                )
            gutter = size if spec.gutter is None else spec.gutter
            cols = max(1, int((type_w + gutter + 1e-6) // (col_w + gutter)))
        if spec.gutter is None and cols > 1:
            gutter = (type_w - cols * col_w) / (cols - 1)  # the remainder goes into the gutters
        lefts = [m + k * (col_w + gutter) for k in range(cols)]
    if col_w < MIN_COLUMN_CHARS * size - 1e-6:
        raise NewsdeskError(
            f"栏宽太窄：{col_w:.1f} 磅，不足 {MIN_COLUMN_CHARS} 个字（字号 {size:g} 磅）。"
            "请减少栏数或加大版面。"
        )
    if spec.indent * size + size > col_w + 1e-6:
        raise NewsdeskError(
            f"首行缩进 {spec.indent:g} 字太大：栏宽只有 {col_w / size:.4g} 字，"
            "缩进后首行放不下一个字。请减小 --indent"
        )
    lines = int((height - 2 * m) / spec.leading + 1e-6)
    if lines < MIN_TYPE_LINES:
        raise NewsdeskError(
            f"版面太矮：上下各留 {_mm(m)} 毫米页边距后，版心只能放 {max(lines, 0)} 行正文"
            f"（至少要 {MIN_TYPE_LINES} 行）。请减小页边距或加大版面"
        )
    return width, height, lefts, col_w, lines


def _mm(points: float) -> str:
    return f"{points / mm(1):.4g}"


# Main-head sizes a galley tries, largest first (一号 to 小四 of the 字号 table).
HEAD_SIZES = (26.0, 24.0, 22.0, 18.0, 16.0, 15.0, 14.0, 12.0)
# A phrase break inside a head: one or more full-width spaces.
_PHRASE_BREAK = re.compile("\u3000+")


def _scaled(style: ParagraphStyle, size: float) -> ParagraphStyle:
    return replace(style, size=size, leading=style.leading * size / style.size)


def _fits_one_line(setter: TextSetter, text: str, style: ParagraphStyle, width: float) -> bool:
    return len(setter.set_paragraph(setter.prepare(text, style), width)) <= 1


def _break_phrases(setter: TextSetter, text: str, style: ParagraphStyle, width: float) -> str:
    """A head line too long for one line is broken at its full-width spaces, not mid-phrase.

    Each space becomes a line break in place, so source offsets of the head stay the same.
    """
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if "\u3000" in line.strip() and not _fits_one_line(setter, line.strip(), style, width):
            lines[k] = _PHRASE_BREAK.sub(lambda g: "\n" * len(g.group()), line)
    return "\n".join(lines)


def _fitted_side_head(
    setter: TextSetter, text: str, style: ParagraphStyle, width: float, body: float
) -> ParagraphStyle:
    """A kicker or deck style: the largest size down to 五号 (not below the body) that keeps each
    of its lines on one line, else one small enough for about eight characters a line."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for size in sorted({style.size, *(s for s in (14.0, 12.0, 10.5) if s < style.size)})[::-1]:
        if size < body:
            break
        scaled = _scaled(style, size)
        if all(_fits_one_line(setter, line, scaled, width) for line in lines):
            return scaled
    return _scaled(style, min(style.size, max(body, width / 8)))


def _fitted_heads(
    setter: TextSetter, story: Story, styles: dict, width: float, body: float
) -> tuple[Story, dict]:
    """The story's heads and styles for a galley `width` wide.

    The kicker and deck keep their size when they fit, else shrink (never below the body);
    the main head takes the largest of HEAD_SIZES (up to its style's size) that
    sets each of its lines in at most two lines. Heads break at full-width spaces first.
    """
    styles = dict(styles)
    texts = {}
    for part in ("kicker", "headline", "deck"):
        style = styles.get(part) or ParagraphStyle(part)
        text = texts[part] = _break_phrases(setter, getattr(story, part), style, width)
        if part != "headline":
            styles[part] = _fitted_side_head(setter, text, style, width, body)
        else:
            styles[part] = style
    base = styles["headline"]
    sizes = tuple(size for size in HEAD_SIZES if body < size <= base.size) or (base.size,)
    pieces = [line.strip() for line in texts["headline"].split("\n") if line.strip()]
    lines = 2 * max(1, len(pieces))
    if pieces:
        # A long head in a narrow galley: allow three, then four lines a line of copy.
        def count(size: float) -> int:
            style = _scaled(base, size)
            return sum(len(setter.set_paragraph(setter.prepare(p, style), width)) for p in pieces)

        lines = next(
            (n * len(pieces) for n in (2, 3, 4) if count(sizes[-1]) <= n * len(pieces)),
            lines,
        )
    heads = replace(story.heads, fit_sizes=sizes, lines=lines)
    return replace(story, heads=heads, **texts), styles


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
    run_in_chars = 0
    if story.paragraphs and is_dateline(story.byline):
        # 电头 run into the first paragraph in its own face, as the page layout sets it.
        paragraphs = [run_in(story.byline, story.paragraphs[0]), *story.paragraphs[1:]]
        run_in_chars = len(story.byline.strip())
    else:
        paragraphs = [Paragraph(b, "byline") for b in story.byline.split("\n") if b.strip()]
        paragraphs += story.paragraphs
    first_body = len(paragraphs) - len(story.paragraphs)
    galley = Galley([], col_w, spec)

    head_lines, head_h = [], 0.0
    if story.kicker or story.headline or story.deck:
        type_w = lefts[-1] + col_w - lefts[0]
        from newsdesk.compose.headline import set_heads  # copy without heads never loads it

        head_story, head_styles = _fitted_heads(setter, story, styles, type_w, spec.size)
        head_lines, head_h = set_heads(setter, head_story, head_styles, lefts[0], m, type_w)
        galley.head_lines = head_lines
        if math.ceil(head_h / spec.leading - 1e-6) >= per_col:
            raise NewsdeskError(
                f"版面太矮：标题占 {head_h:.0f} 磅，版心高只有 {per_col * spec.leading:.0f} 磅，"
                "第一页放不下正文。请加大版面或减小页边距"
            )
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
        if run_in_chars:
            result.lines = offsets_back(result.lines, run_in_chars)
            for mg in result.missing:
                if mg.paragraph == 0:
                    if mg.offset < run_in_chars:
                        mg.part = "byline"  # a character of the dateline, at its offset there
                    else:
                        mg.offset -= run_in_chars
        for line in result.lines:
            frames[line.column].lines.append(line)
            if line.paragraph >= first_body:
                line.paragraph -= first_body
            else:
                line.part = "byline"
            galley.body_lines.append((line, number))
        for mg in result.missing:
            if mg.part != "body":
                continue
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
