"""Justification: place the characters of one chosen line so that it fills the measure.

Shrink and stretch follow the priorities of clreq (TYPESETTING.md rule 6):

- shrink: line-end punctuation (already trimmed by the setter), Latin word spaces, interpuncts,
  brackets, ，、；：, the CJK–Latin gap (¼ → ⅛ em), then 。？！;
- stretch: Latin word spaces, the CJK–Latin gap (up to ⅓ em), then equally between CJK characters
  and around CJK punctuation; never inside ——, …… or a Latin word, number, URL or e-mail address,
  nor between two non-CJK characters (a word and its comma). A line with no legal stretch point
  (a lone Latin word, a fragment of an over-long URL) stays flush left, short of the edge.

Positions are em-box left edges in em, measured from the line's start.
"""

from __future__ import annotations

from itertools import accumulate
from typing import TYPE_CHECKING

from newsdesk.compose.adjust import CJK_LATIN_GAP, CJK_LATIN_MAX, CJK_LATIN_MIN
from newsdesk.compose.classes import (
    CLOSE,
    COMMA,
    DASH,
    ELLIPSIS,
    HAN,
    INVISIBLE,
    MIDDLE,
    OPEN,
    SPACE,
    STOP,
    WAVE,
)

if TYPE_CHECKING:
    from newsdesk.compose.setter import Prepared

SPACE_SHRINK = 1.0 / 3.0  # a word space may lose a third of its width
SPACE_STRETCH = 0.5  # em a word space may gain before other positions stretch

# Shrink priority per class of the blank's owner (lower first); spaces 0, gaps 4.
_BLANK_PRIORITY = {MIDDLE: 1, OPEN: 2, CLOSE: 2, COMMA: 3, STOP: 5}
_GAP_PRIORITY = 4
_SPACE_PRIORITY = 0


def place(
    p: Prepared, s: int, e: int, avail: float, fill: bool
) -> tuple[list[float], float, float]:
    """Positions of characters s..e-1 and the line's set width, in em.

    `fill` stretches a short line to `avail` (justified non-last lines); a line longer than
    `avail` (pushed in) is always shrunk. Returns (xs, width, natural width).
    """
    m = e - s
    adv, cls = p.adv, p.cls
    ink = m  # trailing spaces take no room at the line end (they hang, invisible)
    while ink > 1 and (cls[s + ink - 1] == SPACE or cls[s + ink - 1] == INVISIBLE):
        ink -= 1
    j = s + ink - 1  # the last visible character
    # Pair cuts inside the line, from the prepared arrays (slices keep this loop-free).
    lcut = [p.start_cut[s]] + p.cut_bl[s:j] + [0.0] * (m - ink)
    if cls[s] == INVISIBLE:  # the line's first visible character is the one at the start
        f = s
        while f < j and cls[f] == INVISIBLE:
            f += 1
        lcut[f - s] = p.start_cut[f]
    rcut = [a + b for a, b in zip(p.cut_a[s:j], [0.0] + p.cut_br[s : j - 1])]
    end_cut = adv[j] if cls[j] == SPACE else p.rb[j]
    rcut.append(max(end_cut, p.cut_br[j - 1]) if ink > 1 else end_cut)
    rcut += adv[j + 1 : e]
    track = p.tracking
    if track:
        gaps = [g + track for g in p.gap[s:j]] + [0.0] * (m - ink + 1)
    else:
        gaps = p.gap[s:j] + [0.0] * (m - ink + 1)
    natural = sum(adv[s:e]) - sum(lcut) - sum(rcut) + sum(gaps)
    width = natural
    if natural > avail + 1e-9:
        width = natural - _shrink(p, s, ink, lcut, rcut, gaps, natural - avail)
    elif fill and natural < avail - 1e-9:
        width = natural + _stretch(p, s, ink, gaps, avail - natural)
    steps = [a - lc - rc + g for a, lc, rc, g in zip(adv[s:e], lcut, rcut, gaps)]
    pens = [0.0, *accumulate(steps)]
    xs = [pen - lc for pen, lc in zip(pens, lcut)]
    return xs, width, natural


def _shrink(p: Prepared, s: int, m: int, lcut, rcut, gaps, need: float) -> float:
    """Take `need` em out of the line in clreq priority order; returns what was taken."""
    buckets: dict[int, list[tuple[str, int, float]]] = {}
    cls = p.cls
    for k in range(m):
        i = s + k
        c = cls[i]
        if c == SPACE and k < m - 1:
            cap = p.adv[i] * SPACE_SHRINK
            buckets.setdefault(_SPACE_PRIORITY, []).append(("r", k, cap))
        prio = _BLANK_PRIORITY.get(c)
        if prio is not None:
            left = p.lb[i] - lcut[k]
            right = p.rb[i] - rcut[k]
            if left > 1e-9:
                buckets.setdefault(prio, []).append(("l", k, left))
            if right > 1e-9:
                buckets.setdefault(prio, []).append(("r", k, right))
        if k < m - 1 and p.gap[i]:
            buckets.setdefault(_GAP_PRIORITY, []).append(("g", k, CJK_LATIN_GAP - CJK_LATIN_MIN))
    taken = 0.0
    for prio in sorted(buckets):
        if need <= 1e-12:
            break
        items = buckets[prio]
        total = sum(cap for _, _, cap in items)
        share = min(1.0, need / total) if total > 0 else 0.0
        for kind, k, cap in items:
            amount = cap * share
            if kind == "l":
                lcut[k] += amount
            elif kind == "r":
                rcut[k] += amount
            else:
                gaps[k] -= amount
        got = total * share
        taken += got
        need -= got
    return taken


# Kinds of the position between characters i and i+1 (Prepared.positions), for stretching.
INSIDE_UNIT = 0  # inside ——, ……, a Latin word or a number: never stretched
AFTER_SPACE = 1  # a Latin word space
CJK_LATIN = 2  # the CJK–Latin gap
FREE = 3  # between any other two characters
MARK_PAIR = 4  # between two adjacent full-width marks (。” ）、): never stretched
LATIN_TIGHT = 5  # between two non-CJK characters (word and comma, ¥ and 100): never stretched

# Classes that make the position next to them a legal stretch point (clreq: between Han
# characters and around CJK punctuation).
_CJK = frozenset({HAN, OPEN, CLOSE, COMMA, STOP, MIDDLE, DASH, ELLIPSIS, WAVE})


def position_kinds(cls, joined, gap, lb, rb) -> bytearray:
    """The kind of every position between neighbouring characters (see the constants above).

    Zero-width characters are looked through: the position before one is never stretched (it
    stays with what precedes it), the position after one is judged by the visible character
    before it."""
    n = len(cls)
    kinds = bytearray(n)
    v = -1  # the last visible character up to i
    for i in range(n - 1):
        if cls[i] != INVISIBLE:
            v = i
        if gap[i]:
            kinds[i] = CJK_LATIN
        elif cls[i + 1] == INVISIBLE or v < 0 or joined[i + 1]:
            kinds[i] = INSIDE_UNIT
        elif cls[v] == SPACE:
            kinds[i] = AFTER_SPACE
        elif (lb[v] or rb[v]) and (lb[i + 1] or rb[i + 1]):
            kinds[i] = MARK_PAIR
        elif cls[v] in _CJK or cls[i + 1] in _CJK:
            kinds[i] = FREE
        else:
            kinds[i] = LATIN_TIGHT
    return kinds


def _stretch(p: Prepared, s: int, m: int, gaps: list[float], need: float) -> float:
    """Add up to `need` em to the line at its legal stretch points: spaces, CJK–Latin gaps, then
    every free position; returns what was added (less than `need` when the line has no legal
    stretch point: it is then set flush left rather than letter-spaced)."""
    kinds = p.positions[s : s + m - 1]
    wanted = need
    spaces = [k for k, v in enumerate(kinds) if v == AFTER_SPACE]
    if spaces:
        add = min(SPACE_STRETCH, need / len(spaces))
        for k in spaces:
            gaps[k] += add
        need -= add * len(spaces)
    cjk_gaps = [k for k, v in enumerate(kinds) if v == CJK_LATIN]
    if need > 1e-12 and cjk_gaps:
        add = min(CJK_LATIN_MAX - CJK_LATIN_GAP, need / len(cjk_gaps))
        for k in cjk_gaps:
            gaps[k] += add
        need -= add * len(cjk_gaps)
    if need > 1e-12:
        free = [k for k, v in enumerate(kinds) if v == FREE or v == AFTER_SPACE]
        # Two adjacent marks (。” 《。) never part: a line of marks alone stays flush left.
        if not free:
            # Word spaces and CJK–Latin gaps beyond their usual limits, never inside a word.
            free = spaces + cjk_gaps
        if free:
            add = need / len(free)
            for k in free:
                gaps[k] += add
            need = 0.0
    return wanted - need
