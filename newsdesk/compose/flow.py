"""Flow paragraphs through a sequence of column slots (columns, frames, pages).

Baseline rule (everyone uses it, so a block n lines high is n × leading tall): line i of a slot
has its em box top at `slot.top + i * leading` and its baseline at
`slot.top + i * leading + BASELINE_RATIO * size`. A paragraph continuing into the next slot keeps
its greedy line breaks and goes on at the new slot's width (slots may differ in width).

Paragraphs of another style (a subhead in the body) take their own leading; a slot holds
`slot.lines` lines of the body leading (styles["body"], else the first paragraph's style).

Three column rules: a subhead (style `subhead`, or a short 【小标题】 paragraph) never ends a column
without SUBHEAD_KEEP lines of text after it (背题), and a dateline (a `dateline` span, see
compose/dateline.py) is never split by a column break: either moves to the next slot; and a
paragraph's short last line (under SHORT_LAST_LINE of the measure) never stands alone at the top
of a column: the line before it moves on with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.compose.setter import (
    EMPHASIS_DIAMETER,
    EMPHASIS_DROP,
    PRINTED_AS,
    SetLine,
    TextSetter,
    gc_paused,
)
from newsdesk.layout.result import GlyphRun, Line, MarkItem, MissingGlyph
from newsdesk.model.story import BLACK, CMYK, Paragraph, ParagraphStyle, default_styles

BASELINE_RATIO = 0.88  # baseline below the em box top, in em
SUBHEAD_KEEP = 2  # body lines a subhead keeps after it in its column
# A paragraph's last line shorter than this part of the measure does not stand alone at the top
# of a column: the line before it goes along (the column above ends one line early).
SHORT_LAST_LINE = 0.5
_BRACKET_HEAD = re.compile(r"^\s*【[^】]{1,30}】\s*$")


def is_subhead(para: Paragraph) -> bool:
    """A paragraph set as a subhead: a `subhead…` style (subhead, subhead_poem), or a short
    【小标题】 of its own."""
    return para.style.startswith("subhead") or bool(_BRACKET_HEAD.match(para.text))


@dataclass
class ColumnSlot:
    """A column to fill: absolute page coordinates; `lines` = how many body lines fit."""

    x: float
    top: float
    width: float
    lines: int
    column: int = -1  # column index reported on its lines; -1 = the slot's position in the list
    # Lines of the same column below this slot (the layout flows a column in chunks): a subhead
    # or a dateline that fits there is not moved on.
    more: int = 0
    column_start: bool = True  # the slot starts its column (no lines of it above)
    later: bool = False  # another column follows in this flow (besides the slots given)


@dataclass(frozen=True)
class FlowState:
    """Where flowing stands: paragraph index and character offset in it."""

    paragraph: int = 0
    offset: int = 0


@dataclass
class FlowResult:
    lines: list[Line] = field(default_factory=list)
    slot_lines: list[int] = field(default_factory=list)
    end: FlowState = field(default_factory=FlowState)
    overset_chars: int = 0
    missing: list[MissingGlyph] = field(default_factory=list)
    empty_lines: int = 0
    moved_on: bool = False  # the last slot was left early for the next column (背题, 电头)

    @property
    def done(self) -> bool:
        return self.overset_chars == 0


# Characters the composer sets without a glyph (classes.INVISIBLE) or as another (a tab).
_NOT_PRINTED = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u034f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
    "\ufe00-\ufe0f\ufeff\U000e0100-\U000e01ef]"
)


@dataclass
class _PrintedLine:
    """What make_line needs of a SetLine, with zero-width characters left out (no glyph) and a
    tab drawn as a space; offsets still point into the source."""

    text: str
    source_text: str
    start: int
    end: int
    x: float
    width: float
    size: float
    xs: list[float]
    faces: list[str]
    missing: list[int]
    offsets: list[int]
    scales: list[float] | None = None
    rises: list[float] | None = None
    emph: bytes | None = None
    hyphen: float = 0.0
    spread: float = 0.0


def _printed(sl: SetLine) -> _PrintedLine:
    keep = [k for k, ch in enumerate(sl.text) if ch == "\t" or not _NOT_PRINTED.match(ch)]
    return _PrintedLine(
        text="".join(PRINTED_AS.get(sl.text[k], sl.text[k]) for k in keep),
        source_text=sl.text,
        start=sl.start,
        end=sl.end,
        x=sl.x,
        width=sl.width,
        size=sl.size,
        xs=[sl.xs[k] for k in keep],
        faces=[sl.faces[k] for k in keep],
        missing=sl.missing,
        offsets=[sl.start + k for k in keep],
        scales=[sl.scales[k] for k in keep] if sl.scales is not None else None,
        rises=[sl.rises[k] for k in keep] if sl.rises is not None else None,
        emph=bytes(sl.emph[k] for k in keep) if sl.emph is not None else None,
        hyphen=sl.hyphen,
        spread=sl.spread,
    )


def make_line(
    set_line: SetLine,
    *,
    column_x: float,
    baseline: float,
    measure: float,
    story: str,
    part: str,
    paragraph: int,
    column: int = 0,
    color: CMYK | None = None,
) -> Line:
    """A layout Line at absolute coordinates, its glyphs split into runs by face (and by size
    and baseline where a superscript or subscript is set), with its emphasis dots."""
    start = set_line.start
    if _NOT_PRINTED.search(set_line.text):
        set_line = _printed(set_line)
        text = set_line.text
        source_text = set_line.source_text
        offsets = set_line.offsets or range(start, start + len(text))
    else:
        text = source_text = set_line.text
        offsets = range(start, start + len(text))
    runs: list[GlyphRun] = []
    faces = set_line.faces
    xs = set_line.xs
    missing = set(set_line.missing) if set_line.missing else ()
    size = set_line.size
    m = len(text)
    scales = set_line.scales
    k = 0
    if scales is not None:
        runs = _script_runs(set_line, column_x, baseline, offsets, missing, color)
        k = m
    elif m and not missing and faces.count(faces[0]) == m:
        # One face, nothing missing (nearly every line): one run, no scan per glyph; the
        # positions shifted in C (map), the fields passed in order (this runs for every line).
        shifted = list(map(float(column_x).__add__, xs if len(xs) == m else xs[:m]))
        runs.append(
            GlyphRun(
                faces[0],
                size,
                text,
                shifted,
                [baseline] * m,
                list(offsets[:m]),
                BLACK if color is None else color,
            )
        )
        k = m
    while k < m:
        face = faces[k]
        miss = offsets[k] in missing
        j = k + 1
        while j < m and faces[j] == face and (offsets[j] in missing) == miss:
            j += 1
        run = GlyphRun(
            face=face,
            size=size,
            chars=text[k:j],
            xs=[column_x + x for x in xs[k:j]],
            ys=[baseline] * (j - k),
            offsets=list(offsets[k:j]),
            missing=miss,
        )
        if color is not None:
            run.color = color
        runs.append(run)
        k = j
    marks = _emphasis_marks(set_line, column_x, baseline, color) if set_line.emph else []
    hyphen = set_line.hyphen
    if hyphen and runs:
        _add_hyphen(runs, column_x + set_line.x + set_line.width - hyphen, baseline, color)
    return Line(  # fields in order (Line's): positional arguments are quicker
        source_text,
        story,
        part,  # type: ignore[arg-type]
        paragraph,
        set_line.start,
        set_line.end,
        column_x + set_line.x,
        baseline,
        set_line.width,
        column_x,
        measure,
        column,
        runs,
        marks,
        set_line.spread,
        bool(hyphen),
    )


def _add_hyphen(runs: list[GlyphRun], x: float, baseline: float, color) -> None:
    """The hyphen of a syllable break, drawn after the line's last glyph in its face; it carries
    the offset of that glyph (it is no character of the source)."""
    last = runs[-1]
    if last.missing or last.ys[-1] != baseline:
        run = GlyphRun(last.face, last.size, "", [], [], [])
        if color is not None:
            run.color = color
        runs.append(run)
        run.offsets.append(last.offsets[-1])
        last = run
    else:
        last.offsets.append(last.offsets[-1])
    last.chars += "-"
    last.xs.append(x)
    last.ys.append(baseline)


def _script_runs(set_line, column_x: float, baseline: float, offsets, missing, color) -> list:
    """Runs of a line holding superscripts/subscripts: split by face, missing, size and baseline,
    each sup/sub run at its reduced size on its raised (lowered) baseline."""
    text, faces, xs = set_line.text, set_line.faces, set_line.xs
    scales, rises, size = set_line.scales, set_line.rises, set_line.size
    runs = []
    m, k = len(text), 0
    while k < m:
        key = (faces[k], offsets[k] in missing, scales[k], rises[k])
        j = k + 1
        while j < m and (faces[j], offsets[j] in missing, scales[j], rises[j]) == key:
            j += 1
        run = GlyphRun(
            face=key[0],
            size=size * key[2],
            chars=text[k:j],
            xs=[column_x + x for x in xs[k:j]],
            ys=[baseline - key[3] * size] * (j - k),
            offsets=list(offsets[k:j]),
            missing=key[1],
        )
        if color is not None:
            run.color = color
        runs.append(run)
        k = j
    return runs


def _emphasis_marks(set_line, column_x: float, baseline: float, color) -> list[MarkItem]:
    """One dot centred under the em box of each emphasised character (着重号), below the
    descender; a sup/sub keeps its dot at the line's baseline, centred under its own box."""
    size = set_line.size
    scales = set_line.scales
    diameter = EMPHASIS_DIAMETER * size
    y = baseline + EMPHASIS_DROP * size
    marks = []
    for k, flag in enumerate(set_line.emph):
        if flag:
            box = size * (scales[k] if scales is not None else 1.0)
            mark = MarkItem(column_x + set_line.xs[k] + box / 2, y, diameter)
            if color is not None:
                mark.color = color
            marks.append(mark)
    return marks


def _keep_lines(setter, paragraphs, pi, offset, prep, width) -> int:
    """Lines that must go into one column from here: a subhead's lines and SUBHEAD_KEEP lines
    after it, or the lines of a dateline at the head of its paragraph; 0 = no such rule here."""
    para = paragraphs[pi]
    if offset == 0 and pi + 1 < len(paragraphs) and is_subhead(para):
        return len(setter.set_paragraph(prep, width)) + SUBHEAD_KEEP
    for span in para.spans:
        if span.kind == "dateline" and span.start <= offset < span.end:
            lines, start = 0, offset
            while start < span.end:
                line = setter.set_line(prep, start, width, first=start == 0)
                if line is None:
                    break
                lines, start = lines + 1, line.end
            return lines
    return 0


def _short_last_line_follows(setter, prep, sl: SetLine, slots, slot_index: int) -> bool:
    """Whether the line after `sl` (set in the next column) is its paragraph's last and shorter
    than SHORT_LAST_LINE of that column: a short line alone at a column's top."""
    width = slots[slot_index + 1].width if slot_index + 1 < len(slots) else slots[slot_index].width
    nxt = setter.set_line(prep, sl.end, width)
    return nxt is not None and nxt.last and nxt.x + nxt.width < SHORT_LAST_LINE * width


def flow(
    setter: TextSetter,
    paragraphs: list[Paragraph],
    slots: list[ColumnSlot],
    start: FlowState = FlowState(0, 0),
    story: str = "",
    part: str = "body",
    styles: dict[str, ParagraphStyle] | None = None,
) -> FlowResult:
    """Fill the slots in order with the paragraphs from `start`; report what did not fit."""
    with gc_paused():  # thousands of acyclic lines: no cyclic collection while they are built
        return _flow(setter, paragraphs, slots, start, story, part, styles)


def _flow(setter, paragraphs, slots, start, story, part, styles) -> FlowResult:
    if styles is None:
        styles = default_styles()
    result = FlowResult()
    body = styles.get("body")
    if body is None and paragraphs:
        body = styles.get(paragraphs[0].style)
    grid = body.leading if body is not None else 13.5
    pi, offset = start.paragraph, start.offset
    n_par = len(paragraphs)
    prep, prep_for = None, -1
    for slot_index, slot in enumerate(slots):
        capacity = slot.lines * grid + 1e-6
        used = 0.0
        count = 0
        column = slot.column if slot.column >= 0 else slot_index
        while pi < n_par:
            para = paragraphs[pi]
            style = styles.get(para.style) or body or ParagraphStyle("body")
            if used + style.leading > capacity:
                break
            if prep_for != pi:  # one paragraph, many lines: prepare it once
                prep, prep_for = setter.prepare(para.text, style, para.spans), pi
            if prep.n == 0:
                pi, offset = pi + 1, 0
                continue
            if (count or not slot.column_start) and (slot_index + 1 < len(slots) or slot.later):
                keep = _keep_lines(setter, paragraphs, pi, offset, prep, slot.width)
                if keep and used + keep * grid > capacity + slot.more * grid:
                    result.moved_on = True  # 背题 / a dateline split by the column: move on
                    break
            result.moved_on = False
            sl = setter.set_line(prep, offset, slot.width, first=offset == 0)
            if sl is None:
                pi, offset = pi + 1, 0
                continue
            if (
                not sl.last
                and used + 2 * style.leading > capacity
                and not slot.more
                and (count or not slot.column_start)
                and (slot_index + 1 < len(slots) or slot.later)
                and _short_last_line_follows(setter, prep, sl, slots, slot_index)
            ):
                # The paragraph's short last line would stand alone at the next column's top:
                # its line before it goes along (this column ends a line early).
                result.moved_on = True
                break
            baseline = slot.top + used + BASELINE_RATIO * style.size
            line = make_line(
                sl,
                column_x=slot.x,
                baseline=baseline,
                measure=slot.width,
                story=story,
                part=part,
                paragraph=pi,
                column=column,
                color=style.color,
            )
            result.lines.append(line)
            for m in sl.missing:
                result.missing.append(MissingGlyph(prep.text[m], story, part, pi, m))
            used += style.leading
            count += 1
            if sl.last:
                pi, offset = pi + 1, 0
            else:
                offset = sl.end
        result.slot_lines.append(count)
        if pi >= n_par:
            result.empty_lines = max(0, int((capacity - used) / grid + 1e-6))
            break
    # Slots after the one where the text ran out hold nothing.
    result.slot_lines.extend([0] * (len(slots) - len(result.slot_lines)))
    result.end = FlowState(pi, offset)
    if pi < n_par:
        result.overset_chars = (
            len(paragraphs[pi].text) - offset + sum(len(p.text) for p in paragraphs[pi + 1 :])
        )
    return result
