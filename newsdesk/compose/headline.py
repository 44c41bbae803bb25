"""Headline composition: 引题 / 主题 / 副题, fitted main heads, and vertical (竖排) main heads.

Heads are never justified: each line is centred (or flush left) in the head width. A main head of
several lines is balanced: it is set at the narrowest measure that keeps its number of lines, so a
two-line head does not leave one character alone on the second line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from itertools import accumulate

from newsdesk.compose.classes import (
    ASCII_CLOSE,
    ASCII_PUNCT,
    CLOSE,
    COMMA,
    INVISIBLE,
    SPACE,
    STOP,
)
from newsdesk.compose.flow import BASELINE_RATIO, make_line
from newsdesk.compose.setter import TextSetter
from newsdesk.layout.result import GlyphRun, Line
from newsdesk.model.story import ParagraphStyle, Story

# Vertical presentation forms (U+FE10.., U+FE30..) for 竖排 punctuation.
VERTICAL_FORMS = {
    "，": "︐",
    "、": "︑",
    "。": "︒",
    "：": "︓",
    "；": "︔",
    "！": "︕",
    "？": "︖",
    "（": "︵",
    "）": "︶",
    "｛": "︷",
    "｝": "︸",
    "〔": "︹",
    "〕": "︺",
    "【": "︻",
    "】": "︼",
    "《": "︽",
    "》": "︾",
    "〈": "︿",
    "〉": "﹀",
    "「": "﹁",
    "」": "﹂",
    "『": "﹃",
    "』": "﹄",
    # GB/T 15834—2011: mainland vertical text sets double quotes as ﹃﹄ and single as ﹁﹂.
    "“": "﹃",
    "”": "﹄",
    "‘": "﹁",
    "’": "﹂",
    "［": "﹇",
    "］": "﹈",
    "—": "︱",
    "⸺": "︱",
    "…": "︙",
    "〖": "︗",
    "〗": "︘",
    "～": "≀",
}

# A dash inside —— is drawn as the box-drawing vertical line: its bar fills the whole em box
# (︱ stops short of both ends), so two of them abut into one unbroken 2-em rule.
_DASH_CHARS = frozenset("—⸺―")
VERTICAL_DOUBLE_DASH = "│"

_PARTS = (("kicker", "kicker"), ("headline", "headline"), ("deck", "deck"))


def _head_style(style: ParagraphStyle, size: float | None, align: str) -> ParagraphStyle:
    if size is None or size <= 0:
        size = style.size
    leading = style.leading * size / style.size if style.size else size * 1.2
    return replace(style, size=size, leading=leading, indent=0.0, align=align)


def _balanced(setter: TextSetter, prep, width: float):
    """Lines of a head and the measure they are centred in (see `head_breaks`)."""
    greedy = setter.set_paragraph(prep, width)
    if len(greedy) <= 1:
        return greedy, width
    ends = head_breaks(prep, width / prep.size, len(greedy))
    if ends is not None:
        lines, start = [], 0
        for end in ends:
            lines.append(setter.set_range(prep, start, end, width))
            start = end
        if all(line.width <= width + 1e-6 for line in lines):
            return lines, width
    return greedy, width


# Costs of a head's line breaks, in em² of imbalance: a break at a space or after punctuation is
# free, any other costs as much as lines 6 em apart; a line of one or two characters is worse
# than anything but overflowing.
_PLAIN_BREAK = 36.0
_SHORT_LINE = 10_000.0
_PREFERRED_AFTER = frozenset({SPACE, COMMA, STOP, CLOSE, ASCII_PUNCT, ASCII_CLOSE})


# Balancing is for heads of a few lines. A head of more lines, or one so long that even the
# windowed search below would take more than a few hundred thousand steps, is an error in the
# copy (a paragraph marked ## , a pasted story): it is set greedily, in linear time, and the
# layout audit warns about it (HEAD_TOO_LONG).
MAX_BALANCED_LINES = 8
_MAX_BALANCE_STEPS = 300_000
# A head longer than this many characters is an error in the copy (a paragraph marked ## , a
# pasted story): the layout audit and `newsdesk galley` report it.
HEAD_TOO_LONG = 200


def head_breaks(prep, avail: float, count: int) -> list[int] | None:
    """Line ends (exclusive) for a head needing `count` lines at `avail` em: prefer breaking at a
    space or after punctuation, else lines of equal length (吞吐量 is not split into 吞吐|量 when
    the lines can balance elsewhere), and never a line of only one or two characters. Every
    legal break (避头尾, units) that gives a line no wider than `avail` is considered; None when
    no set of `count` lines fits, or when the head is too long to balance (then it is set
    greedily)."""
    if count > MAX_BALANCED_LINES:
        return None
    n = prep.n
    cls, brk, cum, adv = prep.cls, prep.brk, prep.cum, prep.adv
    counted = prep.count_cum
    cuts = [0] + [i for i in range(1, n) if brk[i]] + [n]
    target = (cum[n] - prep.start_cut[0]) / count

    def natural(a: int, b: int) -> float:
        width = adv[a] - prep.start_cut[a] + cum[b] - cum[a + 1]
        last = b - 1
        while last > a and cls[last] in (SPACE, INVISIBLE):
            width -= adv[last]
            last -= 1
        return width - (prep.rb[last] if last > a else 0.0)

    def cost(width: float, a: int, b: int) -> float:
        c = (width - target) ** 2
        if counted[b] - counted[a] <= 2 and counted[n] > 2 * count:
            c += _SHORT_LINE
        if b < n and cls[b - 1] not in _PREFERRED_AFTER and cls[b] != SPACE:
            c += _PLAIN_BREAK
        return c

    # The lines that fit, once: for each end cuts[j], (start index i, cost) of every line from
    # cuts[i] that is no wider than `avail`. Moving a line's start one break earlier never makes
    # it narrower by more than the start's punctuation trim (under 1 em), so the search stops
    # 1 em past the measure: the window is one line long and the whole search near-linear.
    m = len(cuts)
    fits: list[list[tuple[int, float]]] = [[] for _ in range(m)]
    steps = 0
    for j in range(1, m):
        b = cuts[j]
        for i in range(j - 1, -1, -1):
            width = natural(cuts[i], b)
            if width > avail + 1.0:
                break
            if width <= avail + 1e-6:
                fits[j].append((i, cost(width, cuts[i], b)))
        fits[j].reverse()  # earliest start first: ties go to the same breaks as ever
        steps += len(fits[j]) * count
        if steps > _MAX_BALANCE_STEPS:
            return None

    # best[k][j]: cheapest k lines ending at cuts[j]
    inf = float("inf")
    best = [[inf] * m for _ in range(count + 1)]
    back = [[0] * m for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        prev, row, brow = best[k - 1], best[k], back[k]
        for j in range(1, m):
            for i, c in fits[j]:
                total = prev[i] + c
                if total < row[j]:
                    row[j], brow[j] = total, i
    if best[count][m - 1] == inf:
        return None
    ends, j = [], m - 1
    for k in range(count, 0, -1):
        ends.append(cuts[j])
        j = back[k][j]
    return ends[::-1]


def set_heads(
    setter: TextSetter,
    story: Story,
    styles: dict[str, ParagraphStyle],
    x: float,
    top: float,
    width: float,
) -> tuple[list[Line], float]:
    """Set the kicker, main head and deck of a story from `top`; returns (lines, height)."""
    heads = story.heads
    align = "center" if heads.align == "center" else "left"
    out: list[Line] = []
    used = 0.0
    for part, style_name in _PARTS:
        text = getattr(story, part)
        if not text.strip():
            continue
        base = styles.get(style_name) or ParagraphStyle(style_name)
        if part == "headline":
            style = _fit_headline(setter, text, base, heads, width, align)
        else:
            style = _head_style(base, None, align)
        for start, piece in _pieces(text):  # a line break in the copy is a line break in the head
            prep = setter.prepare(piece, style)
            lines, measure = _balanced(setter, prep, width)
            shift = (width - measure) / 2 if align == "center" else 0.0
            for sl in lines:
                baseline = top + used + BASELINE_RATIO * style.size
                line = make_line(
                    sl,
                    column_x=x + shift,
                    baseline=baseline,
                    measure=measure,
                    story=story.id,
                    part=part,
                    paragraph=0,
                    color=style.color,
                )
                _shift_offsets(line, start)
                out.append(line)
                used += style.leading
    return out, used


def _pieces(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of a head with their offsets in it, outer spaces dropped."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            out.append((pos + raw.index(stripped[0]), stripped))
        pos += len(raw) + 1
    return out


def _shift_offsets(line: Line, by: int) -> None:
    """Offsets of a head line made relative to the whole head text (lines joined with \\n)."""
    if not by:
        return
    line.start += by
    line.end += by
    for run in line.runs:
        run.offsets = [o + by for o in run.offsets]


def _fit_headline(setter, text, base, heads, width, align) -> ParagraphStyle:
    """The main head's style: fixed size, or the largest of fit_sizes that fits in heads.lines."""
    if heads.fit_sizes:
        sizes = sorted(heads.fit_sizes, reverse=True)
        for size in sizes:
            style = _head_style(base, size, align)
            count = sum(
                len(setter.set_paragraph(setter.prepare(piece, style), width))
                for _, piece in _pieces(text)
            )
            if count <= max(1, heads.lines):
                return style
        return _head_style(base, sizes[-1], align)
    return _head_style(base, heads.headline_size or None, align)


def vertical_text(text: str) -> str:
    """The characters drawn for `text` set vertically (presentation forms for punctuation)."""
    return "".join(VERTICAL_FORMS.get(ch, ch) for ch in text)


def set_vertical_head(
    setter: TextSetter,
    text: str,
    style: ParagraphStyle,
    x: float,
    top: float,
    height: float,
    *,
    story: str = "",
    part: str = "headline",
    valign: str = "top",
) -> tuple[list[Line], float]:
    """A 竖排 head: columns top to bottom, the first column on the right; returns (lines, width).

    Each column is a Line whose single-face runs have vertical=True: `xs` is the em box's left
    edge, `ys` the glyph's top. A Line's `baseline` is its column's top and its `width` the height
    the column's characters take. Every character is upright and one em tall; line breaks follow
    the setter's 避头尾 rules.
    """
    size = style.size
    vstyle = replace(style, indent=0.0, align="left", tracking=0.0)
    per_column = max(1, int(height / size + 1e-6))
    # (prepared piece, its offset in `text`, start, end): a line break in the copy starts a column.
    columns = []
    for base, piece in _pieces(text):
        prep = setter.prepare(piece, vstyle)
        n = prep.n
        s = 0
        seen = _visible_before(prep)
        while s < n:
            # As many characters as take per_column em (zero-width ones take none).
            e = bisect_right(seen, seen[s] + per_column) - 1
            e = min(n, max(e, s + 1))
            if e < n:
                b = e
                while b > s and not prep.brk[b]:
                    b -= 1  # 避头尾 holds in columns too
                e = b if b > s else e
            columns.append((prep, base, s, e))
            s = e
    if not columns:
        return [], 0.0
    pitch = max(style.leading, size)
    width = len(columns) * size + (len(columns) - 1) * (pitch - size)
    out: list[Line] = []
    for k, (prep, base, s, e) in enumerate(columns):
        col_x = x + width - size - k * pitch
        seen = _visible_before(prep)
        used = (seen[e] - seen[s]) * size
        y0 = top + ((height - used) / 2 if valign == "center" else 0.0)
        runs: list[GlyphRun] = []
        j = s
        while j < e:
            face = prep.faces[j]
            miss = j in prep.missing
            t = j + 1
            while t < e and prep.faces[t] == face and (t in prep.missing) == miss:
                t += 1
            drawn, kept = [], []
            for i in range(j, t):
                ch = prep.text[i]
                if prep.cls[i] == INVISIBLE:
                    continue  # zero width, no glyph
                kept.append(i)
                form = VERTICAL_FORMS.get(ch)
                if ch in _DASH_CHARS and _in_dash_run(prep.text, i):
                    form = VERTICAL_DOUBLE_DASH
                if form is not None and _has(setter, face, form):
                    ch = form
                drawn.append(ch)
            runs.append(
                GlyphRun(
                    face=face,
                    size=size,
                    chars="".join(drawn),
                    xs=[col_x] * len(kept),
                    ys=[y0 + (seen[i] - seen[s]) * size for i in kept],
                    offsets=[base + i for i in kept],
                    color=style.color,
                    vertical=True,
                    missing=miss,
                )
            )
            j = t
        runs = [run for run in runs if run.chars]
        out.append(
            Line(
                text=prep.text[s:e],
                story=story,
                part=part,  # type: ignore[arg-type]
                paragraph=0,
                start=base + s,
                end=base + e,
                x=col_x,
                baseline=y0,
                width=used,
                column_x=col_x,
                measure=height,
                column=k,
                runs=runs,
            )
        )
    return out, width


def _visible_before(prep) -> list[int]:
    """seen[i] = how many characters before i take room in a vertical column (n+1 entries)."""
    return [0, *accumulate(0 if c == INVISIBLE else 1 for c in prep.cls)]


def _in_dash_run(text: str, i: int) -> bool:
    """Whether the dash at i belongs to —— (a neighbour is a dash too), or is ⸺ itself."""
    if text[i] == "⸺":
        return True
    return (i > 0 and text[i - 1] in _DASH_CHARS) or (
        i + 1 < len(text) and text[i + 1] in _DASH_CHARS
    )


def _has(setter: TextSetter, face_key: str, ch: str) -> bool:
    try:
        return setter.registry.face_by_key(face_key).has(ch)
    except Exception:
        return False
