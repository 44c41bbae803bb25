"""Unbreakable units: Latin words, numbers, e-mail addresses, URLs, —— and …….

A unit is a run of characters a line may not be broken inside (TYPESETTING.md, rule 2). The result
is two arrays over the paragraph:

- `joined[i]` = 1 when characters i-1 and i belong to one unit (no break, no stretch between them);
- `soft[i]` = 1 when, as a last resort for a unit wider than the measure, a break before i is
  acceptable (after / . - or @);
- `in_run[i]` = 1 when character i is part of a Latin/number run (for CJK–Latin spacing).
"""

from __future__ import annotations

from newsdesk.compose.classes import (
    ALNUM,
    DASH,
    DIGIT,
    ELLIPSIS,
    INVISIBLE,
    SPACE,
    UNIT_SUFFIX,
    WAVE,
    ZERO_WIDTH_SPACE,
)

# Characters that continue a Latin run when an alphanumeric follows them: 1,234 · 3.5 ·
# 0939-8211939 · a.b@c.org · https://x.org/a?b=c · don't.
_JOINERS = frozenset("/.:-@_?=&#~+'’")
# Last-resort break points inside an over-long unit: after these.
_SOFT_AFTER = frozenset("/.-@")
# A sign directly before a digit (and not after a letter or digit) belongs to the number: -3℃.
_SIGNS = frozenset("-−+＋－±")


def find_units(text: str, cls: list[int]) -> tuple[bytearray, bytearray, bytearray]:
    """Mark unit interiors, last-resort break points and Latin runs."""
    n = len(text)
    joined = bytearray(n + 1)
    soft = bytearray(n + 1)
    in_run = bytearray(n)
    i = 0
    while i < n:
        c = cls[i]
        if c in ALNUM:
            j = i + 1
            while j < n:
                cj = cls[j]
                if cj in ALNUM:
                    j += 1
                    continue
                if cj == INVISIBLE and text[j] != ZERO_WIDTH_SPACE:
                    j += 1  # a soft hyphen or joiner inside a word keeps it whole
                    continue
                if cj == UNIT_SUFFIX:
                    j += 1  # 3.5% ends the number
                    break
                # A run of joiners continues the unit only when an alphanumeric follows.
                k = j
                while k < n and (text[k] in _JOINERS or (text[k] == "," and cls[k - 1] == DIGIT)):
                    k += 1
                if k > j and k < n and cls[k] in ALNUM:
                    if text[j] == "," and cls[k] != DIGIT:
                        break  # a comma joins digits only (1,234), not words
                    j = k
                    continue
                break
            if (
                c == DIGIT
                and i > 0
                and text[i - 1] in _SIGNS
                and (i < 2 or cls[i - 2] not in ALNUM)
            ):
                i -= 1  # the sign opens the number
            for k in range(i, j):
                in_run[k] = 1
            for k in range(i + 1, j):
                joined[k] = 1
                if k - 1 > i and text[k - 1] in _SOFT_AFTER and cls[k] in ALNUM:
                    soft[k] = 1
            i = j
        elif c == DASH or c == ELLIPSIS:
            j = i + 1
            while j < n and cls[j] == c:
                joined[j] = 1
                j += 1
            i = j
        else:
            i += 1
    return joined, soft, in_run


def break_opportunities(
    text: str,
    cls: list[int],
    joined: bytearray,
    start_forbidden: frozenset[str],
    end_forbidden: frozenset[str],
) -> bytearray:
    """`brk[i]` = 1 when a line may end before character i (避头尾 and units respected).

    brk[0] is 0 and brk[n] is 1 (the paragraph's end).
    """
    n = len(text)
    brk = bytearray(n + 1)
    brk[n] = 1
    prev = text[0] if n else ""
    for i in range(1, n):
        ch = text[i]
        if (
            not joined[i]
            and ch not in start_forbidden
            and prev not in end_forbidden
            and cls[i] != SPACE  # break after a space, never before it
            and cls[i] != INVISIBLE  # a zero-width character stays with what precedes it
            and not (cls[i] == WAVE and _between_numbers(text, cls, i))
        ):
            brk[i] = 1
        if cls[i] != INVISIBLE:
            prev = ch  # 避头尾 looks through zero-width characters
    return brk


def _between_numbers(text: str, cls: list[int], i: int) -> bool:
    """Whether the ～ at i joins two numbers (3℃～8℃, 5%～8%, −12℃～+5℃): it never starts a
    line there, at any level."""
    n = len(text)
    before = i > 0 and (
        cls[i - 1] == DIGIT or (cls[i - 1] == UNIT_SUFFIX and i > 1 and cls[i - 2] == DIGIT)
    )
    k = i + 1
    if k < n and text[k] in _SIGNS:
        k += 1
    return before and k < n and cls[k] == DIGIT
