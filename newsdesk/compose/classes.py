"""Character classes for Chinese line composition, after clreq (W3C) and GB/T 15834—2011.

Every character of a paragraph is classified once; the later steps (break, adjust, justify) read
only these small integers. The class decides three things:

- where the glyph sits in its em box (the blank halves that punctuation compression may remove),
- what may start or end a line (避头尾, see `line_start_forbidden` / `line_end_forbidden`),
- how the character joins its neighbours (Latin words and numbers stay together).
"""

from __future__ import annotations

# Class codes. Plain ints keep the per-character arrays cheap.
HAN = 0  # ideographs, kana, hangul, full-width letters: one em, breakable on either side
LATIN = 1  # Latin/Greek/Cyrillic letters
DIGIT = 2  # 0-9
SPACE = 3  # inter-word space (ASCII, NBSP); zero width at a line edge
OPEN = 4  # full-width opening brackets and quotes: glyph in the right half (“ （ 《 …)
CLOSE = 5  # full-width closing brackets and quotes: glyph in the left half (” ） 》 …)
COMMA = 6  # ，、；： pause marks: glyph in the left half
STOP = 7  # 。．？！ stop marks: glyph in the left half
MIDDLE = 8  # interpuncts · ・ ‧: glyph centred
DASH = 9  # — ⸺ ―: joins its twin into one unbreakable ——
ELLIPSIS = 10  # … ⋯: joins its twin into one unbreakable ……
WAVE = 11  # ～ 〜 and the en dash: may not start a line at the GB level
ASCII_OPEN = 12  # ( [ {
ASCII_CLOSE = 13  # ) ] }
ASCII_PUNCT = 14  # , . ; : ? ! (half-width sentence punctuation)
UNIT_SUFFIX = 15  # % ‰ ℃ ％ ℉: stays with the number before it
SYMBOL = 16  # anything else that is neither letter nor punctuation (¥ $ # & + = …)
CONNECTOR = 17  # / @ - _ and similar, that join Latin runs (URLs, e-mail, 0939-8211939)
INVISIBLE = 18  # format and control characters: zero width, no glyph, never 缺字 (see below)

NAMES = {
    HAN: "han",
    LATIN: "latin",
    DIGIT: "digit",
    SPACE: "space",
    OPEN: "open",
    CLOSE: "close",
    COMMA: "comma",
    STOP: "stop",
    MIDDLE: "middle",
    DASH: "dash",
    ELLIPSIS: "ellipsis",
    WAVE: "wave",
    ASCII_OPEN: "ascii_open",
    ASCII_CLOSE: "ascii_close",
    ASCII_PUNCT: "ascii_punct",
    UNIT_SUFFIX: "unit_suffix",
    SYMBOL: "symbol",
    CONNECTOR: "connector",
    INVISIBLE: "invisible",
}

# The explicit table (clreq §3.1 punctuation, plus the half-width marks extracted copy carries).
TABLE: dict[str, int] = {}


def _put(chars: str, cls: int) -> None:
    for ch in chars:
        TABLE[ch] = cls


_put("“‘（【《〈「『〔〖［｛〘〚｟⦅", OPEN)
_put("”’）】》〉」』〕〗］｝〙〛｠⦆", CLOSE)
_put("，、；：", COMMA)
_put("。．？！", STOP)
_put("·・‧•", MIDDLE)
_put("—⸺―⸻", DASH)
_put("…⋯", ELLIPSIS)
_put("～〜–", WAVE)
_put("([{", ASCII_OPEN)
_put(")]}", ASCII_CLOSE)
_put(",.;:?!", ASCII_PUNCT)
_put("%‰‱℃℉％", UNIT_SUFFIX)
_put(" \u00a0\u2009\u200a\u2002\u2003\u3000", SPACE)
_put("/@-_\\#&+=~'", CONNECTOR)
_put("0123456789", DIGIT)
_put("\t", SPACE)  # a tab inside a paragraph is set as a Latin word space

# Zero width, no glyph: BOM/ZWNBSP, soft hyphen (we do not hyphenate, so it never shows), zero
# width space (a break opportunity), joiners, word joiner, bidi marks and variation selectors.
ZERO_WIDTH_SPACE = "\u200b"
_put("\ufeff\u00ad\u200b\u200c\u200d\u2060\u200e\u200f\u034f", INVISIBLE)
_put("".join(chr(c) for c in range(0x202A, 0x202F)), INVISIBLE)
_put("".join(chr(c) for c in range(0x2066, 0x206A)), INVISIBLE)
_put("".join(chr(c) for c in range(0xFE00, 0xFE10)), INVISIBLE)

# Full-width punctuation whose glyph fills only half of the em box: (left blank, right blank), em.
# GB style (clreq 3.1.1 "GB"): pause and stop marks sit in the left half of their box.
BLANKS: dict[int, tuple[float, float]] = {
    OPEN: (0.5, 0.0),
    CLOSE: (0.0, 0.5),
    COMMA: (0.0, 0.5),
    STOP: (0.0, 0.5),
    MIDDLE: (0.25, 0.25),
}

PUNCTUATION = frozenset({OPEN, CLOSE, COMMA, STOP, MIDDLE, DASH, ELLIPSIS, WAVE})
HALF_PUNCT = frozenset({ASCII_OPEN, ASCII_CLOSE, ASCII_PUNCT})
ALNUM = frozenset({LATIN, DIGIT})


def classify(ch: str) -> int:
    """The class of one character."""
    cls = TABLE.get(ch)
    if cls is not None:
        return cls
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xE0100 <= code <= 0xE01EF:
        return INVISIBLE  # other C0/C1 controls (form feed, …) and variation selectors 17–256
    if ch.isascii():
        if ch.isalpha():
            return LATIN
        if ch.isspace():
            return SPACE
        return SYMBOL
    if (
        0x2E80 <= code <= 0x9FFF  # CJK radicals, kana, CJK symbols, unified ideographs
        or 0xAC00 <= code <= 0xD7AF  # hangul
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF10 <= code <= 0xFF5A  # full-width digits and letters
        or 0x20000 <= code <= 0x3FFFF  # ideographs beyond the BMP (生僻字)
    ):
        return HAN
    if ch.isalpha():
        return LATIN  # accented Latin, Greek, Cyrillic
    if ch.isdigit():
        return DIGIT
    if ch.isspace():
        return SPACE
    return SYMBOL


# Line-start and line-end prohibitions (避头尾) per level. "basic" keeps the marks nobody would
# accept at a line edge; "gb" is the list of TYPESETTING.md; "strict" adds dashes, ellipses and
# the small kana and iteration marks that strict jlreq/clreq settings keep off the line start.
_START_BASIC = set("、，。．：；！？”’」』）】〗〕］｝》〉〙〛｠⦆,.;:?!)]}")
_START_GB = _START_BASIC | set("～〜–·・‧%‰‱℃℉％")
_START_STRICT = _START_GB | set("—⸺―…⋯ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー々〻ゝゞヽヾ")
_END_BASIC = set("“‘「『（【《〈〖〔［｛〘〚｟⦅([{")
_END_GB = set(_END_BASIC)
_END_STRICT = _END_GB | set("￥＄$£€¥#＃")

START_FORBIDDEN: dict[str, frozenset[str]] = {
    "basic": frozenset(_START_BASIC),
    "gb": frozenset(_START_GB),
    "strict": frozenset(_START_STRICT),
}
END_FORBIDDEN: dict[str, frozenset[str]] = {
    "basic": frozenset(_END_BASIC),
    "gb": frozenset(_END_GB),
    "strict": frozenset(_END_STRICT),
}
KINSOKU_LEVELS = ("basic", "gb", "strict")


def line_start_forbidden(level: str) -> frozenset[str]:
    """Characters that may not begin a line at this level."""
    return START_FORBIDDEN[level]


def line_end_forbidden(level: str) -> frozenset[str]:
    """Characters that may not end a line at this level."""
    return END_FORBIDDEN[level]
