"""Justification: place the characters of one chosen line so that it fills the measure.

Shrink and stretch follow the priorities of clreq (TYPESETTING.md rule 6):

- shrink: line-end punctuation (already trimmed by the setter), Latin word spaces, interpuncts,
  brackets, ，、；：, the CJK–Latin gap (to half of itself: ¼ → ⅛ em), then 。？！;
- stretch: Latin word spaces and CJK–Latin gaps first, each to at most ½ em; then evenly between
  the characters of the line (Han characters, around CJK punctuation; word spaces and gaps only
  on a line with no such position).
  Never before closing punctuation or after opening punctuation (「表示，」 keeps its comma on
  示, 「（i18n）」 and 「“iPhone”」 their brackets on the word, clreq §3.2), never inside ——,
  …… or a number group (8765 4322, 1,234, 3.5%). Only when the line has no such position, or its word spaces
  and gaps would open by more than LATIN_HOLE, is space put between the letters of its Latin
  runs (a lone word, a piece of a URL): the last resort that keeps the column flush. A line
  with no position at all (a lone number) stays flush left, short of the edge.

Positions are em-box left edges in em, measured from the line's start.
"""

from __future__ import annotations

from itertools import accumulate, compress
from operator import add, sub
from typing import TYPE_CHECKING

from newsdesk.compose.adjust import GAP_SHRINK
from newsdesk.compose.classes import (
    ASCII_CLOSE,
    ASCII_OPEN,
    ASCII_PUNCT,
    CLOSE,
    COMMA,
    CONNECTOR,
    DASH,
    DIGIT,
    ELLIPSIS,
    HAN,
    INVISIBLE,
    LATIN,
    MIDDLE,
    OPEN,
    SPACE,
    STOP,
    SYMBOL,
    UNIT_SUFFIX,
    WAVE,
)

if TYPE_CHECKING:
    from newsdesk.compose.setter import Prepared

SPACE_SHRINK = 1.0 / 3.0  # a word space may lose a third of its width
STRETCH_WIDTH = 0.5  # em: word spaces and CJK–Latin gaps stretch first, up to this width
LATIN_HOLE = 1.0  # em a word space or gap may gain before letters are spaced instead
LOOSE = 0.15  # em added per stretch point beyond which a line counts as loose
# The looseness budget's hard limit: the line breaker shares a loose line's space with the line
# before it (setter._share), neither going over this (TYPESETTING.md §6, issue 13).
TOO_LOOSE = 0.25
# A line holding nothing but a number (138 0013 8000 alone in a 7-字 column) is tracked evenly
# over all its characters, the groups keeping their look, up to this much per position.
NUMBER_TRACK = 0.25

# Shrink priority per class of the blank's owner (lower first); spaces 0, gaps 4.
_BLANK_PRIORITY = {MIDDLE: 1, OPEN: 2, CLOSE: 2, COMMA: 3, STOP: 5}
_GAP_PRIORITY = 4
_SPACE_PRIORITY = 0


def place(
    p: Prepared, s: int, e: int, avail: float, fill: bool
) -> tuple[list[float], float, float]:
    """Positions of characters s..e-1 and the line's set width, in em.

    `fill` stretches a short line to `avail` (justified non-last lines); a line longer than
    `avail` (pushed in) is always shrunk. Returns (xs, width, spread): spread is the space
    added per stretch point (em), 0 for a line that was not stretched.
    """
    m = e - s
    adv, cls = p.adv, p.cls
    ink = m  # trailing spaces take no room at the line end (they hang, invisible)
    while ink > 1 and (cls[s + ink - 1] == SPACE or cls[s + ink - 1] == INVISIBLE):
        ink -= 1
    j = s + ink - 1  # the last visible character
    tail = [0.0] * (m - ink) if ink < m else []
    # Pair cuts inside the line, from the prepared arrays (slices keep this loop-free).
    lcut = [p.start_cut[s], *p.cut_bl[s:j], *tail]
    if cls[s] == INVISIBLE:  # the line's first visible character is the one at the start
        f = s
        while f < j and cls[f] == INVISIBLE:
            f += 1
        lcut[f - s] = p.start_cut[f]
    rcut = list(map(add, p.cut_a[s:j], [0.0, *p.cut_br[s : j - 1]]))
    end_cut = adv[j] if cls[j] == SPACE else p.rb[j]
    rcut.append(max(end_cut, p.cut_br[j - 1]) if ink > 1 else end_cut)
    rcut += adv[j + 1 : e]
    track = p.tracking
    if track:
        gaps = [g + track for g in p.gap[s:j]]
    else:
        gaps = p.gap[s:j]
    gaps += tail
    gaps.append(0.0)
    line_adv = adv[s:e]
    natural = sum(line_adv) - sum(lcut) - sum(rcut) + sum(gaps)
    width = natural
    spread = 0.0
    if natural > avail + 1e-9:
        width = natural - _shrink(p, s, ink, lcut, rcut, gaps, natural - avail)
    elif fill and natural < avail - 1e-9:
        added, spread = _stretch(p, s, ink, gaps, avail - natural)
        width = natural + added
    # pen += advance - left cut - right cut + gap; a glyph's box starts at pen - its left cut.
    steps = [a - lc - rc + g for a, lc, rc, g in zip(line_adv, lcut, rcut, gaps)]
    xs = list(map(sub, [0.0, *accumulate(steps)], lcut))
    return xs, width, spread


def _shrink(p: Prepared, s: int, m: int, lcut, rcut, gaps, need: float) -> float:
    """Take `need` em out of the line in clreq priority order; returns what was taken."""
    buckets: dict[int, list[tuple[str, int, float]]] = {}
    cls = p.cls
    for k in range(m):
        i = s + k
        c = cls[i]
        if c == SPACE and k < m - 1 and not p.joined[i + 1]:
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
            buckets.setdefault(_GAP_PRIORITY, []).append(("g", k, p.gap[i] * GAP_SHRINK))
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
INSIDE_UNIT = 0  # inside ——, ……, a number group, or a superscript on its base: never stretched
AFTER_SPACE = 1  # a Latin word space
CJK_LATIN = 2  # the CJK–Latin gap
FREE = 3  # between Han characters, around CJK punctuation (not before closing marks)
MARK_PAIR = 4  # between two adjacent full-width marks (。” ）、): never stretched
LATIN_TIGHT = 5  # a word and its comma, a mark and a Latin run, before a closing mark: never
LETTER = 6  # between the letters of a Latin word, URL or e-mail: the last resort
NUMBER = 7  # inside a number: only a line holding nothing else, tracked evenly (NUMBER_TRACK)

# Position kinds -> 1 for FREE, else 0 (bytes.translate table: the FREE positions found in C).
_FREE_MASK = bytes(1 if kind == FREE else 0 for kind in range(256))
# Position kinds -> 1 for every stretch point (FREE, AFTER_SPACE, CJK_LATIN): the setter's
# looseness estimate counts them in C (setter.Prepared.stretch).
STRETCH_MASK = bytes(1 if kind in (FREE, AFTER_SPACE, CJK_LATIN) else 0 for kind in range(256))

# Classes that make the position next to them a legal stretch point (clreq: between Han
# characters and around CJK punctuation).
_CJK = frozenset({HAN, OPEN, CLOSE, COMMA, STOP, MIDDLE, DASH, ELLIPSIS, WAVE})
# Nothing is ever added before these (a closing mark stays on its character) ...
_CLOSING = frozenset({CLOSE, COMMA, STOP, ASCII_CLOSE, ASCII_PUNCT, UNIT_SUFFIX})
# ... nor after these.
_OPENING = frozenset({OPEN, ASCII_OPEN})
# Characters of a Latin run that letter-spacing may separate (digits never from each other).
_LATINISH = frozenset({LATIN, CONNECTOR, SYMBOL, ASCII_PUNCT})


def position_kinds(cls, joined, gap, lb, rb, text: str = "", codes=None) -> bytearray:
    """The kind of every position between neighbouring characters (see the constants above).

    Zero-width characters are looked through: the position before one is never stretched (it
    stays with what precedes it), the position after one is judged by the visible character
    before it. `codes` (2 × class + 1 for a character with a blank, per character) lets a
    paragraph without zero-width characters be classified by table lookups."""
    n = len(cls)
    if codes is not None and n > 1 and INVISIBLE not in cls:
        return _position_kinds_visible(cls, joined, gap, codes, text)
    kinds = bytearray(n)
    v = -1  # the last visible character up to i
    for i in range(n - 1):
        if cls[i] != INVISIBLE:
            v = i
        b = cls[i + 1]
        if gap[i]:
            kinds[i] = CJK_LATIN
            continue
        if b == INVISIBLE or v < 0:
            continue  # INSIDE_UNIT
        a = cls[v]
        if joined[i + 1]:
            kinds[i] = _unit_kind(a, b, text, cls, v, i + 1)
            continue
        if a == SPACE:
            kinds[i] = AFTER_SPACE
        elif (lb[v] or rb[v]) and (lb[i + 1] or rb[i + 1]):
            kinds[i] = MARK_PAIR
        elif b in _CLOSING or a in _OPENING:
            kinds[i] = LATIN_TIGHT  # （i18n） and “iPhone” keep their brackets on the word
        elif a in _CJK or b in _CJK:
            kinds[i] = FREE
        else:
            kinds[i] = LATIN_TIGHT
    return kinds


def _pair_kind(a: int, mark_a: bool, b: int, mark_b: bool) -> int:
    """position_kinds' answer between two visible characters outside a unit and without a gap."""
    if a == SPACE:
        return AFTER_SPACE
    if mark_a and mark_b:
        return MARK_PAIR
    if b in _CLOSING or a in _OPENING:
        return LATIN_TIGHT
    if a in _CJK or b in _CJK:
        return FREE
    return LATIN_TIGHT


# _pair_kind for every pair of (class, has a blank) codes, code = 2 × class + has a blank: a
# paragraph's positions are then one table lookup each, in C.
_PAIR_KINDS = bytes(
    _pair_kind(ca >> 1, bool(ca & 1), cb >> 1, bool(cb & 1)) if ca < 64 and cb < 64 else 0
    for ca in range(64)
    for cb in range(64)
)


def _position_kinds_visible(cls, joined, gap, codes, text: str) -> bytearray:
    """position_kinds() for a paragraph without zero-width characters (nearly all of them): the
    pair table for every position, then positions inside units and CJK–Latin gaps."""
    n = len(cls)
    table = _PAIR_KINDS
    kinds = bytearray([table[(a << 6) | b] for a, b in zip(codes, codes[1:])])
    kinds.append(0)
    for i in compress(range(n - 1), joined[1:n]):
        kinds[i] = _unit_kind(cls[i], cls[i + 1], text, cls, i, i + 1)
    for i in compress(range(n - 1), gap):
        kinds[i] = CJK_LATIN
    return kinds


def count_loose(lines) -> int:
    """Lines (layout `Line`s or `SetLine`s) whose justification added more than LOOSE em per
    stretch point: the looseness budget reported by `galley --json` and `layout --json`."""
    return sum(1 for line in lines if line.spread > LOOSE + 1e-9)


def _unit_kind(a: int, b: int, text: str, cls, va: int, vb: int) -> int:
    """The kind of a position inside a unit, between visible characters va (class a) and vb
    (class b): letter-spacing, number tracking or nothing."""
    if (a == LATIN and (b == LATIN or b == DIGIT or b in _LATINISH)) or (
        b == LATIN and (a == DIGIT or a in _LATINISH)
    ):
        return LETTER
    if a in _LATINISH and b in _LATINISH:
        return LETTER  # between the connectors of a URL (://)
    if text and _beside_group_hyphen(text, cls, va, vb):
        return LETTER  # 0571-8765: beside the hyphen between groups, not in one
    if a == DIGIT or b == DIGIT:
        return NUMBER
    return INSIDE_UNIT  # a number group, ——, ……


def _beside_group_hyphen(text: str, cls, a: int, b: int) -> bool:
    """Whether a and b are a digit and the hyphen joining it to the next digit group."""
    if text[b] == "-" and cls[a] == DIGIT:
        return b + 1 < len(text) and cls[b + 1] == DIGIT
    return text[a] == "-" and cls[b] == DIGIT and a > 0 and cls[a - 1] == DIGIT


def _lone_number(cls, s: int, m: int) -> bool:
    """Whether the line s..s+m-1 holds numbers and marks only: no Han character, no letter.
    Only such a line may be tracked inside its numbers; beside a word (一,13820 · 10,010(一)
    a number keeps its figures together and the line is set flush left instead."""
    line = cls[s : s + m]
    return HAN not in line and LATIN not in line


def _fill_capped(gaps: list[float], items: list[tuple[int, float]], need: float) -> float:
    """Add up to `need` em evenly over `items` (position, cap), no item beyond its cap
    (water filling); returns what was added."""
    items = sorted((cap, k) for k, cap in items if cap > 1e-9)
    added = 0.0
    level = 0.0  # what every still open item has received
    left = len(items)
    for cap, _k in items:
        # Raise the level to this item's cap if the remaining need allows.
        step = min(cap - level, (need - added) / left)
        level += step
        added += step * left
        left -= 1
        if added >= need - 1e-12:
            break
    for cap, k in items:
        gaps[k] += min(cap, level)
    return min(added, need)


def _stretch(p: Prepared, s: int, m: int, gaps: list[float], need: float):
    """Add up to `need` em to the line at its legal stretch points: word spaces and CJK–Latin
    gaps up to ½ em wide, then evenly between the line's characters, letters of its Latin runs
    only as the last resort. Returns (added, spread): less than `need` is added when the line has
    no stretch point at all (it is then set flush left); spread is what each position got."""
    kinds = p.positions[s : s + m - 1]
    if AFTER_SPACE in kinds or CJK_LATIN in kinds:
        spaces = [k for k, v in enumerate(kinds) if v == AFTER_SPACE]
        cjk_gaps = [k for k, v in enumerate(kinds) if v == CJK_LATIN]
    else:
        spaces = cjk_gaps = []  # a line of Han text and its punctuation: the usual case
    free = list(compress(range(len(kinds)), kinds.translate(_FREE_MASK)))
    added = 0.0
    if spaces or cjk_gaps:
        adv, gap = p.adv, p.gap
        items = [(k, STRETCH_WIDTH - adv[s + k]) for k in spaces]
        items += [(k, STRETCH_WIDTH - gap[s + k]) for k in cjk_gaps]
        added = _fill_capped(gaps, items, need)
    rest = need - added
    # Then evenly between the characters; word spaces and gaps keep their ½ em while there is
    # anywhere else to put the space.
    pool = free if free else spaces + cjk_gaps
    if rest > 1e-12:
        if not free and (not pool or rest / len(pool) > LATIN_HOLE - STRETCH_WIDTH):
            # Word spaces and gaps alone would open holes: space the letters too.
            pool += [k for k, v in enumerate(kinds) if v == LETTER]
        if not pool and _lone_number(p.cls, s, m):
            numbers = [k for k, v in enumerate(kinds) if v == NUMBER]
            if numbers and rest / len(numbers) <= NUMBER_TRACK + 1e-9:
                pool = numbers  # a lone number, tracked evenly: no group opens alone
        if pool:
            each = rest / len(pool)
            for k in pool:
                gaps[k] += each
            added = need
    # Every position that took space: the word spaces and gaps of the first step too.
    if added <= 0:
        stretch_points = 0
    elif spaces or cjk_gaps:
        stretch_points = len(set(pool).union(spaces, cjk_gaps))
    else:
        stretch_points = len(pool)
    spread = need / stretch_points if stretch_points else need
    return added, spread
