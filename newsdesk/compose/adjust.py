"""Punctuation compression (标点挤压, GB style) and CJK–Latin spacing, as per-character arrays.

All amounts are in em of the paragraph's size.

- `lb[i]`, `rb[i]`: the blank halves of a full-width mark (GB style: ，。、：；！？ and closing
  brackets sit in the left half, opening brackets in the right half).
- For each adjacent pair (i, i+1) of full-width marks on one line the pair is brought down to
  1.5 em: `cut_a[i]` is taken from the right blank of i, then `cut_bl[i]` from the left blank of
  i+1, then `cut_br[i]` from the right blank of i+1.
- `gap[i]`: the CJK–Latin space between i and i+1 (¼ em unless the paragraph style says
  otherwise: `ParagraphStyle.latin_gap`; absent at line edges and next to punctuation or
  brackets, clreq §3.2, since only Han/Latin-run neighbours get one).
"""

from __future__ import annotations

import re
from itertools import compress
from operator import add

from newsdesk.compose.classes import BLANKS, HAN, INVISIBLE

CJK_LATIN_GAP = 0.25  # em, the default of ParagraphStyle.latin_gap
GAP_SHRINK = 0.5  # the gap may lose half of itself (¼ → ⅛ em)
PAIR_LIMIT = 1.5  # two adjacent full-width marks take at most this much
_RUNS = re.compile(b"\x01+")  # runs of 1s in a bytearray (in_run)


def blanks(cls: list[int], adv: list[float]) -> tuple[list[float], list[float]]:
    """Blank halves of full-width punctuation (only when the face draws it full width)."""
    n = len(cls)
    lb = [0.0] * n
    rb = [0.0] * n
    for i in range(n):
        b = BLANKS.get(cls[i])
        if b is not None and adv[i] > 0.95:
            lb[i], rb[i] = b
    return lb, rb


def pair_cuts(
    adv: list[float], lb: list[float], rb: list[float]
) -> tuple[list[float], list[float], list[float]]:
    """How much each adjacent pair of full-width marks gives up to stay within 1.5 em."""
    n = len(adv)
    cut_a = [0.0] * n
    cut_bl = [0.0] * n
    cut_br = [0.0] * n
    right_left = list(rb)  # right blank still there after the pair on the left took its share
    if 0.0 not in adv:
        # No zero-width character to look through: a pair is a character right after a mark
        # with a blank (one pass in C finds those marks; lb and rb are never negative).
        after_marks = [k + 1 for k in compress(range(n - 1), map(add, lb, rb))]
        pairs = [(k - 1, k) for k in after_marks]
    else:
        pairs = []
        v = -1  # the last visible mark: zero-width characters between marks are looked through
        for k in range(n):
            if adv[k] == 0.0:
                continue
            pairs.append((v, k))
            v = k
    for i, k in pairs:
        if i < 0 or not (lb[i] or rb[i]) or not (lb[k] or rb[k]):
            continue
        need = adv[i] + adv[k] - PAIR_LIMIT
        if need <= 0:
            continue
        # cut_a belongs to the left mark, cut_bl/cut_br to the position just before the right one.
        take = min(right_left[i], need)
        cut_a[i] = take
        need -= take
        if need > 0:
            take = min(lb[k], need)
            cut_bl[k - 1] = take
            need -= take
        if need > 0:
            cut_br[k - 1] = min(rb[k], need)
            right_left[k] -= cut_br[k - 1]
    return cut_a, cut_bl, cut_br


def cjk_latin_gaps(cls: list[int], in_run: bytearray, amount: float = CJK_LATIN_GAP) -> list[float]:
    """`amount` em (¼ by default) between a Han character and a Latin letter or digit run."""
    n = len(cls)
    gap = [0.0] * n
    if amount <= 0 or 1 not in in_run:
        return gap  # no Latin run: nearly every Chinese paragraph
    if INVISIBLE not in cls:
        # Only a run's edges can take a gap (a Han character is never inside a run): the
        # character before its start and its last one, when the neighbour there is Han.
        for run in _RUNS.finditer(in_run):
            a, b = run.span()
            if a and cls[a - 1] == HAN:
                gap[a - 1] = amount
            if b < n and cls[b] == HAN:
                gap[b - 1] = amount
        return gap
    v = 0  # the last visible character up to i: zero-width ones are looked through
    for i in range(n - 1):
        if cls[i] != INVISIBLE:
            v = i
        if cls[i + 1] == INVISIBLE:
            continue
        if (cls[v] == HAN and in_run[i + 1]) or (in_run[v] and cls[i + 1] == HAN):
            gap[i] = amount
    return gap
