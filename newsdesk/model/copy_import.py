"""Plain-text copy (稿件) import: encoding detection and the light markup of docs/copy-format.md.

Newsroom copy arrives as UTF-8 (with or without BOM), UTF-16 from Windows editors, GB18030/GBK
from older systems, or Big5 from Taiwan and Hong Kong. Detection order: BOM; UTF-16 without BOM
when its NUL bytes sit on one side (ASCII, digits and newlines have a zero high byte) and the
reading is plausible text; strict UTF-8 (a file that is UTF-8 but for a few bytes is refused with
the place of the first bad one); GB18030 or Big5, whichever reads as the more common characters,
and only when that reading is mostly common hanzi (GB 2312 level 1, Big5 level 1) and punctuation.
Any guess that reads as rare, private-use or unassigned characters is refused ("无法识别文字编码")
rather than imported as mojibake: so are Latin-1/cp1252 files (single high bytes inside ASCII
words), which would otherwise read as GB or UTF-16 nonsense.

Markup, one marker at the start of a line followed by a space:
    ^ 引题 (kicker)   # 主题 (headline)   ## 副题 (deck)   @ 署名/电头 (byline)
Every other non-empty line is a body paragraph. A leading backslash keeps a line that happens to
start with a marker as a paragraph. Leading spaces (copy often indents with 　　) are dropped:
the composer indents paragraphs itself.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from newsdesk.errors import CopyImportError, read_problem
from newsdesk.files import read_regular_file
from newsdesk.model.story import Paragraph, Story

# Markers in the order they are tried ("## " before "# ").
MARKERS: list[tuple[str, str]] = [
    ("## ", "deck"),
    ("# ", "headline"),
    ("^ ", "kicker"),
    ("@ ", "byline"),
]

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# Controls that never occur in text copy; their presence means a binary file.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_SAMPLE = 1 << 16  # bytes looked at by the heuristics; whole-file decoding is still strict


@dataclass
class CopyParts:
    """What a copy file contains, before it becomes a Story."""

    kicker: list[str] = field(default_factory=list)
    headline: list[str] = field(default_factory=list)
    deck: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


# --- encodings --------------------------------------------------------------------------------


def gb2312_chars(first: int = 0xA1, last: int = 0xF7) -> frozenset[str]:
    """The characters of GB 2312 rows with lead bytes first..last (all of GB 2312 by default;
    0xB0–0xD7 is level 1, 0xB0–0xF7 all hanzi)."""
    chars = []
    for lead in range(first, last + 1):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@cache
def _common_hanzi() -> frozenset[str]:
    """The 6,763 hanzi of GB 2312: what ordinary Chinese copy is almost entirely made of."""
    return gb2312_chars(0xB0, 0xF7)


@cache
def _common_symbols() -> frozenset[str]:
    """Punctuation, symbols, numbers and full-width forms of GB 2312 rows 1–3 (，。“”①％…)."""
    return gb2312_chars(0xA1, 0xA3) | frozenset("\u2014\u2015\u2e3a\ufe4f\uff5f\uff60")


@cache
def _level1_hanzi() -> frozenset[str]:
    """The 3,755 most frequent hanzi (GB 2312 level 1): well over 99 % of running text."""
    return gb2312_chars(0xB0, 0xD7)


@cache
def _common_traditional() -> frozenset[str]:
    """The 5,401 frequent hanzi of Big5 (A440–C67E): what Taiwan and Hong Kong copy is made of."""
    chars = []
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if lead == 0xC6 and trail > 0x7E:
                break  # C6A1 on: kana and symbols
            try:
                chars.append(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _is_punctuation(ch: str) -> bool:
    return "\u2000" <= ch <= "\u206f" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _is_latin(ch: str) -> bool:
    """ASCII and the accented letters of Latin-1 (pinyin, names in wire copy)."""
    return ch < "\u0100" and ch.isprintable()


def _chinese_score(text: str, common: frozenset[str] | None = None) -> float:
    """Share of non-ASCII, non-space characters that are `common` hanzi or CJK punctuation.

    Narrow on purpose: GB18030 turns almost any byte pair into *some* character, but rarely into
    common hanzi; a misread file (Big5, UTF-16, Latin-1) is full of kana, rare hanzi, private-use
    characters and box drawing. ASCII is left out: it reads the same in every candidate.
    """
    common = _common_hanzi() if common is None else common
    total = hits = 0
    for ch in text:
        if ch < "\x80" or ch.isspace():
            continue
        total += 1
        if ch in common or ch in _common_symbols() or _is_latin(ch):
            hits += 1
    return hits / total if total else 1.0


def _level1_score(text: str) -> float:
    return _chinese_score(text, _level1_hanzi())


def _plausible_score(text: str) -> float:
    """Share of characters copy is made of: ASCII text, any CJK ideograph, punctuation."""
    hits = sum(
        1
        for ch in text
        if (" " <= ch <= "~")
        or ch in "\t\n\r\f\u00b7\u00d7"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or _is_punctuation(ch)
    )
    return hits / len(text) if text else 0.0


def _has_junk(text: str) -> bool:
    """Unassigned or private-use characters: a sign of a misread file (one alone is allowed)."""
    junk = 0
    previous = False
    for ch in text:
        bad = ch >= "\u0080" and unicodedata.category(ch) in ("Cn", "Co", "Cs")
        if bad:
            junk += 1
            if previous or junk > 1 + len(text) // 200:
                return True
        previous = bad
    return False


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _sample_text(data: bytes, encoding: str) -> str | None:
    """The first _SAMPLE bytes decoded strictly; a character cut at the end is not an error."""
    try:
        return codecs.getincrementaldecoder(encoding)("strict").decode(data[:_SAMPLE], final=False)
    except UnicodeDecodeError:
        return None


def _utf16_by_nuls(data: bytes) -> str | None:
    """The UTF-16 byte order told by where the NUL bytes sit, or None when they are scattered.

    ASCII, digits and newlines in UTF-16 have a zero high byte: in UTF-16 LE the NULs sit at odd
    offsets, in BE at even ones. Binary data has NULs everywhere.
    """
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd >= 4 * even and odd:
        return "utf-16-le"
    if even >= 4 * odd and even:
        return "utf-16-be"
    return None


def _utf16_plausible(data: bytes, encoding: str, score, threshold: float) -> bool:
    text = _sample_text(data, encoding)
    return (
        text is not None
        and score(text) >= threshold
        and not _has_junk(text)
        and _strict(data, encoding) is not None
    )


def _mostly_single_high_bytes(data: bytes) -> bool:
    """Bytes >= 0x80 that mostly stand alone between ASCII: Latin-1/cp1252 (Café), not Chinese.

    A GB or Big5 hanzi takes two bytes, and hanzi come in runs, so their high bytes have high
    neighbours; a Western accented letter is one high byte inside an ASCII word.
    """
    sample = data[:_SAMPLE]
    high = isolated = 0
    for i, byte in enumerate(sample):
        if byte < 0x80:
            continue
        high += 1
        if (i == 0 or sample[i - 1] < 0x80) and (i + 1 == len(sample) or sample[i + 1] < 0x80):
            isolated += 1
    return high > 0 and isolated * 2 > high


def _mostly_utf8(data: bytes) -> bool:
    """Many valid multi-byte UTF-8 characters and only a few bad bytes: UTF-8 with a flaw."""
    text = data[: _SAMPLE * 4].decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch >= "\x80") - bad
    return good >= 8 and bad <= max(2, good // 50)


class BadUtf8(ValueError):
    """A file that is UTF-8 but for a few bytes; `offset` is where the first bad byte is."""

    def __init__(self, offset: int, line: int, byte: int):
        super().__init__("bad utf-8")
        self.offset, self.line, self.byte = offset, line, byte


def detect_encoding(data: bytes) -> str:
    """The encoding of a copy file's bytes ('utf-8', 'utf-8-bom', 'utf-16-le', 'gb18030', ...).

    Raises ValueError when the bytes are not text in a supported encoding (BadUtf8 when they are
    UTF-8 with a few bad bytes).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding + "-bom" if encoding == "utf-8" else encoding
    if b"\x00" in data:
        # NUL bytes: UTF-16 (its newlines, digits and spaces have a zero byte) or binary.
        order = _utf16_by_nuls(data)
        # Both byte orders may read as "characters" (a lone U+3000 puts its NUL on the wrong side
        # for the NUL count); the reading with more common hanzi and punctuation wins.
        best: tuple[tuple[float, float, bool], str] | None = None
        for candidate in ("utf-16-le", "utf-16-be"):
            text = _sample_text(data, candidate)
            if text is None or _has_junk(text) or _strict(data, candidate) is None:
                continue
            key = (_chinese_score(text), _plausible_score(text), candidate == order)
            # Chinese with hardly any ASCII has few NULs (开 is U+5F00): its hanzi must be common.
            acceptable = (candidate == order and key[1] >= 0.8) or _level1_score(text) >= 0.9
            if acceptable and (best is None or key > best[0]):
                best = (key, candidate)
        if best is not None:
            return best[1]
        raise ValueError("binary")
    try:
        text = data.decode("utf-8")
        if not _BINARY_CONTROLS.search(text, 0, _SAMPLE):
            return "utf-8"
        # Control characters: UTF-16 made only of bytes below 0x80 (—— is 14 20, 丁 01 4E)?
        for order in ("utf-16-le", "utf-16-be"):
            if _utf16_plausible(data, order, _level1_score, 0.9):
                return order
        return "utf-8"  # refused as binary when decoded
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            line = data.count(b"\n", 0, exc.start) + 1
            raise BadUtf8(exc.start, line, data[exc.start]) from None
    # Chinese-only UTF-16 without BOM has no NULs; GB18030 may read it as nonsense, or not at all.
    gb = _sample_text(data, "gb18030")
    gb_score = _chinese_score(gb, _level1_hanzi()) if gb is not None else 0.0
    if gb is None or gb_score < 0.5 or _BINARY_CONTROLS.search(gb):
        for order in ("utf-16-le", "utf-16-be"):
            if _utf16_plausible(data, order, _level1_score, 0.9):
                return order
    if _mostly_single_high_bytes(data):
        raise ValueError("western")  # Latin-1/cp1252: refused rather than guessed
    # Traditional-character copy from Taiwan or Hong Kong: Big5 (Windows cp950, or HKSCS). Big5
    # and GB share their byte ranges; the reading with the more common characters wins.
    big5, big5_score = None, 0.0
    for encoding in ("cp950", "big5hkscs"):
        text = _sample_text(data, encoding)
        if text is not None and not _has_junk(text):
            big5, big5_score = encoding, _chinese_score(text, _common_traditional())
            break
    if gb is not None and gb_score >= max(0.6, big5_score) and not _has_junk(gb):
        if _strict(data, "gb18030") is not None:
            return "gb18030"
    if big5 and big5_score >= 0.75 and _strict(data, big5) is not None:
        return big5
    raise ValueError("undecodable")


_SUPPORTED = "支持 UTF-8、UTF-16、GB18030/GBK、Big5"


def decode_copy_bytes(data: bytes, source: str = "") -> str:
    """The text of a copy file's bytes, BOM removed. CopyImportError names `source`."""
    name = f"稿件文件 {source}" if source else "稿件"
    try:
        encoding = detect_encoding(data)
    except BadUtf8 as bad:
        raise CopyImportError(
            f"无法导入{name}：第 {bad.line} 行（第 {bad.offset + 1} 字节）有一个不合 UTF-8 编码的"
            f"字节 0x{bad.byte:02X}，文件其余部分是 UTF-8。请修正该处或重新另存为 UTF-8"
        ) from None
    except ValueError:
        raise CopyImportError(
            f"无法导入{name}：无法识别文字编码（{_SUPPORTED}），可能不是文本文件，"
            "或是其他编码；请另存为 UTF-8 后再导入"
        ) from None
    codec = {"utf-8-bom": "utf-8-sig", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(
        encoding, encoding
    )
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:  # a BOM that promises more than the bytes keep
        raise CopyImportError(
            f"无法导入{name}：文件开头标明是 {encoding.upper()} 编码，但第 {exc.start + 1} 字节起"
            "的内容不合这种编码，文件可能已损坏"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.rstrip("\x1a")  # DOS end-of-file mark
    control = _BINARY_CONTROLS.search(text, 0, _SAMPLE)
    if control is None and "\x00" in text:
        control = re.compile("\x00").search(text)
    if control is not None:
        at = control.start()
        line = text.count("\n", 0, at) + 1
        raise CopyImportError(
            f"无法导入{name}：看起来不是文本文件（第 {line} 行有控制字符 U+{ord(text[at]):04X}）"
        )
    return text


def read_copy_file(path: str | os.PathLike) -> str:
    """The text of a copy file in any supported encoding."""
    path = Path(path)
    try:
        data = read_regular_file(path, "copy")  # never a pipe or a device, never gigabytes
    except OSError as exc:
        raise CopyImportError(f"无法导入稿件文件 {path}：{read_problem(exc)}") from None
    return decode_copy_bytes(data, str(path))


# --- markup -----------------------------------------------------------------------------------

# A marker, then a space (or tab, or 　), or nothing more on the line.
_MARKED_LINE = re.compile(r"(##|#|\^|@)(?=[ \t\u3000]|\s*$)(.*)", re.DOTALL)
_PART_OF = {marker.strip(): part for marker, part in MARKERS}

# Spaces that may open a line of copy: ASCII, tab, no-break, ideographic (　) and the like.
_LEADING_SPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"


# A tab (or several) inside a line is a word space; pasted copy uses tabs where a space was meant.
_TABS = re.compile(r"[ ]*\t[\t ]*")


def normalise_copy_text(text: str) -> str:
    """Copy text with the debris of other tools removed, line ends made LF.

    U+FEFF (a byte-order mark, left at the start of each of several concatenated files) goes
    everywhere; a form feed (page break from pdftotext), vertical tab, NEL or U+2028/U+2029 ends
    a line; a run of tabs inside a line becomes one space.
    """
    text = text.replace("\ufeff", "")
    text = "\n".join(text.splitlines())
    return _TABS.sub(" ", text) if "\t" in text else text


def parse_copy_parts(text: str) -> CopyParts:
    """Split copy text into kicker, headline, deck, byline and paragraph lines."""
    parts = CopyParts()
    for raw in normalise_copy_text(text).split("\n"):
        marked = _MARKED_LINE.match(raw)
        if marked:
            content = marked.group(2).strip().strip(_LEADING_SPACE)
            if content:
                getattr(parts, _PART_OF[marked.group(1)]).append(content)
        else:
            line = raw.rstrip().lstrip(_LEADING_SPACE)
            if line.startswith("\\") and line[1:].startswith(tuple(m for m, _ in MARKERS)):
                line = line[1:]  # escaped marker: "\# 不是标题" is a paragraph "# 不是标题"
            if line:
                parts.paragraphs.append(line)
    return parts


def parse_copy(text: str, story_id: str = "story", slug: str = "") -> Story:
    """A Story from copy text. Several lines of one head kind are joined with line breaks."""
    parts = parse_copy_parts(text)
    return Story(
        id=story_id,
        slug=slug,
        kicker="\n".join(parts.kicker),
        headline="\n".join(parts.headline),
        deck="\n".join(parts.deck),
        byline="\n".join(parts.byline),
        paragraphs=[Paragraph(p) for p in parts.paragraphs],
    )


def import_copy_file(path: str | os.PathLike, story_id: str = "story") -> Story:
    """A Story from a copy file; its slug (稿件名) is the file name without extension."""
    path = Path(path)
    story = parse_copy(read_copy_file(path), story_id, slug=path.stem)
    if not (story.paragraphs or story.headline or story.kicker or story.deck or story.byline):
        raise CopyImportError(f"无法导入稿件文件 {path}：文件中没有文字")
    return story
