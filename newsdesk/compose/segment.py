"""Unbreakable units: Latin words, numbers, e-mail addresses, URLs, —— and …….

A unit is a run of characters a line may not be broken inside (TYPESETTING.md, rule 2). The result
is four arrays over the paragraph:

- `joined[i]` = 1 when characters i-1 and i belong to one unit (no break, no stretch between them);
- `soft[i]`: a break before i inside a unit. SOFT_URL (1) where readers expect a URL or e-mail
  address to break (after / . - _ ? & =, before @) and after the hyphen of a compound word: the
  line breaker uses it whenever the line would otherwise be loose. SOFT_LAST (2) only as a last
  resort, for a unit wider than the measure (inside a number after - or ., say 0939-8211939),
  and SOFT_GROUP (3) between the space-separated groups of one number, the very last of all;
- `hyph[i]` = 1 at a syllable boundary of a long English word (pyphen): a break there adds a
  hyphen at the line end;
- `in_run[i]` = 1 when character i is part of a Latin/number run (for CJK–Latin spacing).

Digit groups separated by one space (a phone number 8765 4322, 5 000 000) are one unit: the space
is never a break, never stretched and never shrunk.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.compose.classes import (
    ALNUM,
    DASH,
    DIGIT,
    ELLIPSIS,
    INVISIBLE,
    LATIN,
    SPACE,
    UNIT_SUFFIX,
    WAVE,
    ZERO_WIDTH_SPACE,
)

# Characters that continue a Latin run when an alphanumeric follows them: 1,234 · 3.5 ·
# 0939-8211939 · a.b@c.org · https://x.org/a?b=c · don't.
_JOINERS = frozenset("/.:-@_?=&#~+'’")
SOFT_URL = 1  # a break readers expect (URL, e-mail, compound word): used to keep lines tight
SOFT_LAST = 2  # a break only for a unit wider than the measure (inside a number)
SOFT_GROUP = 3  # between the space-separated groups of a number (8765 4322): the very last
# Where a URL or e-mail address may break: after these, and before @.
_URL_AFTER = frozenset("/.-_?&=")
# Last-resort break points inside any over-long unit (a long number): after these.
_SOFT_AFTER = frozenset("/.-@")
# Hyphenate English words of at least this many letters, keeping HYPH_LEFT letters before the
# hyphen and HYPH_RIGHT after it (newspaper practice: never a two-letter tail).
HYPH_MIN_WORD = 6
HYPH_LEFT = 2
HYPH_RIGHT = 3
HYPH_MAX_WORD = 45  # longer runs of letters are no words (pneumonoultramicroscopic… is 45)
# A sign directly before a digit (and not after a letter or digit) belongs to the number: -3℃.
_SIGNS = frozenset("-−+＋－±")


def find_units(
    text: str, cls: list[int]
) -> tuple[bytearray, bytearray, bytearray, bytearray | None]:
    """Mark unit interiors, break points inside units, hyphenation points and Latin runs.

    Returns (joined, soft, in_run, hyph); hyph is None when the paragraph has no word long
    enough to hyphenate (nearly every Chinese paragraph)."""
    n = len(text)
    joined = bytearray(n + 1)
    soft = bytearray(n + 1)
    in_run = bytearray(n)
    hyph = None
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
                if (
                    text[j] == " "
                    and cls[j - 1] == DIGIT
                    and j + 1 < n
                    and cls[j + 1] == DIGIT
                    and _digit_groups_join(text, cls, j)
                ):
                    j += 1  # 8765 4322: one number, the space inside it is fixed
                    continue
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
            in_run[i:j] = b"\x01" * (j - i)
            joined[i + 1 : j] = b"\x01" * (j - i - 1)
            if j - i > 2:
                hyph = _unit_breaks(text, cls, i, j, soft, hyph)
            i = j
        elif c == DASH or c == ELLIPSIS:
            j = i + 1
            while j < n and cls[j] == c:
                joined[j] = 1
                j += 1
            i = j
        else:
            i += 1
    return joined, soft, in_run, hyph


def _digit_groups_join(text: str, cls: list[int], j: int) -> bool:
    """Whether the space at j joins two digit groups of one number: the group before it has at
    least two digits, the one after it at least three (8765 4322, +86 571 8765 4322, 5 000)."""
    a = j
    while a > 0 and cls[a - 1] == DIGIT:
        a -= 1
    b = j + 1
    while b < len(text) and cls[b] == DIGIT:
        b += 1
    return j - a >= 2 and b - j - 1 >= 3 and (a == 0 or cls[a - 1] != LATIN)


def _unit_breaks(text, cls, i: int, j: int, soft: bytearray, hyph):
    """Break points inside the unit text[i:j]: URL/e-mail points, compound-word hyphens and
    syllables of long words (SOFT_URL, hyph), or last-resort points (SOFT_LAST)."""
    unit = text[i:j]
    url = "@" in unit or "/" in unit or ("." in unit and j - i >= 10 and not unit[0].isdigit())
    for m in _SEPARATOR.finditer(unit):
        # A separator at unit offset m.start(): the break is after it, or before it for @.
        k = i + m.start() + (0 if m.group() == "@" else 1)
        before, here = text[k - 1], text[k]
        if k - i < 2 or j - k < 2:
            continue  # never a one-character piece
        if url:
            if here == "@" or (before in _URL_AFTER and cls[k] in ALNUM):
                soft[k] = SOFT_URL
        elif (
            before == "-" and cls[k] == LATIN and cls[k - 2] == LATIN and k - i >= 3 and j - k >= 3
        ):
            soft[k] = SOFT_URL  # state-of-the-art: after the hyphen, nothing added
        elif before in _SOFT_AFTER and cls[k] in ALNUM:
            soft[k] = SOFT_LAST  # 0571-|8765, a unit too wide for the line
        elif before == " " and cls[k] == DIGIT:
            soft[k] = SOFT_GROUP  # 8765 |4322: only when nothing else is left
    if url:
        return hyph
    # Syllables of each letters-only piece of the unit long enough to hyphenate.
    k = i
    while k < j:
        if cls[k] != LATIN or not text[k].isascii():
            k += 1
            continue
        e = k
        while e < j and cls[e] == LATIN and text[e].isascii():
            e += 1
        word = text[k:e]
        if (
            HYPH_MIN_WORD <= e - k <= HYPH_MAX_WORD
            and not word.isupper()
            and (e == j or cls[e] not in ALNUM)
        ):
            if k == i or text[k - 1] in "-":
                for pos in _syllables(word):
                    if hyph is None:
                        hyph = bytearray(len(text) + 1)
                    hyph[k + pos] = 1
        k = e
    return hyph


_SEPARATOR = re.compile(r"[/.\-_?&=@ ]")


@lru_cache(maxsize=4096)
def _syllables(word: str) -> tuple[int, ...]:
    """Hyphenation points of an English word (offsets into it), from pyphen's en_US patterns."""
    return tuple(_hyphenator().positions(word.lower()))


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen  # loaded on the first long English word only

    return pyphen.Pyphen(lang="en_US", left=HYPH_LEFT, right=HYPH_RIGHT)


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
    if n > 1 and INVISIBLE not in cls:
        return _breaks_visible(text, cls, joined, start_forbidden, end_forbidden)
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


def _breaks_visible(text, cls, joined, start_forbidden, end_forbidden) -> bytearray:
    """break_opportunities() for a paragraph without zero-width characters (nearly all): every
    position not inside a unit, then the few that 避头尾, spaces and ～ rule out (found in C)."""
    n = len(text)
    brk = joined.translate(_NOT)  # 1 where no unit continues; brk[n] = 1, the paragraph's end
    brk[0] = 0
    for m in _char_class(start_forbidden).finditer(text, 1):
        brk[m.start()] = 0
    for m in _char_class(end_forbidden).finditer(text, 0, n - 1):
        brk[m.start() + 1] = 0
    codes = bytes(cls)
    for k in (SPACE, WAVE):
        i = codes.find(k, 1)
        while i >= 0:
            if k == SPACE or _between_numbers(text, cls, i):
                brk[i] = 0  # break after a space, never before it; 3℃～8℃ stays whole
            i = codes.find(k, i + 1)
    return brk


_NOT = bytes([1, 0]) + bytes(254)  # bytes.translate: 0 -> 1, 1 -> 0


@lru_cache(maxsize=16)
def _char_class(chars: frozenset[str]) -> re.Pattern:
    """A pattern matching any one of `chars` (a 避头尾 set)."""
    if not chars:
        return re.compile(r"(?!)")
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]")


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
