"""Plain-text copy (稿件) import: encoding detection and the light markup of docs/copy-format.md.

Newsroom copy arrives as UTF-8 (with or without BOM), UTF-16 from Windows editors, or GB18030/GBK
from older systems. Detection order: BOM; UTF-16 without BOM by the pattern of NUL bytes (the
newlines, digits and spaces of UTF-16 text have a zero high byte; the byte order whose reading
looks like text wins); strict UTF-8; GB18030 (a superset of GBK and GB2312). A BOM-less UTF-16
file with no ASCII at all has no NUL bytes; it is recognised when its UTF-16 reading is Chinese
text and its GB18030 reading is not made of common characters.

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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from newsdesk.errors import CopyImportError, read_problem
from newsdesk.model.edition import Paragraph, Story

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


@cache
def _common_hanzi() -> frozenset[str]:
    """The 6,763 hanzi of GB 2312: what ordinary Chinese copy is almost entirely made of."""
    chars = []
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _chinese_score(text: str) -> float:
    """Share of non-space characters that are GB 2312 hanzi or CJK/full-width punctuation.

    Narrow on purpose: GB18030 turns almost any byte pair into *some* hanzi, but rarely into
    common ones, so a misread file scores low.
    """
    common = _common_hanzi()
    total = hits = 0
    for ch in text:
        if ch.isspace():
            continue
        total += 1
        if ch in common or _is_punctuation(ch):
            hits += 1
    return hits / total if total else 0.0


def _is_punctuation(ch: str) -> bool:
    return "\u2000" <= ch <= "\u206f" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


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


def _best_utf16(data: bytes, score) -> tuple[str | None, float]:
    """The UTF-16 byte order whose reading of the sample scores best."""
    best, best_score = None, 0.0
    if len(data) % 2:
        return best, best_score
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _sample_text(data, encoding)
        if text is not None and (value := score(text)) > best_score:
            best, best_score = encoding, value
    return best, best_score


def detect_encoding(data: bytes) -> str:
    """The encoding of a copy file's bytes ('utf-8', 'utf-8-bom', 'utf-16-le', 'gb18030', ...).

    Raises ValueError when the bytes are not text in a supported encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding + "-bom" if encoding == "utf-8" else encoding
    if b"\x00" in data:
        # NUL bytes: UTF-16 (its newlines, digits and spaces have a zero byte) or binary.
        best, best_score = _best_utf16(data, _plausible_score)
        if best and best_score >= 0.8 and _strict(data, best) is not None:
            return best
        raise ValueError("binary")
    if _strict(data, "utf-8") is not None:
        return "utf-8"
    gb = _sample_text(data, "gb18030")
    # Chinese-only UTF-16 without BOM has no NULs, and GB18030 may read it as nonsense.
    if gb is None:
        best, best_score = _best_utf16(data, _plausible_score)
        if best and best_score > 0.6 and _strict(data, best) is not None:
            return best
    else:
        # Both readings decode: UTF-16 only if it is common Chinese and GB18030 is not. (ASCII
        # read as UTF-16 gives ideographs too, but mostly rare ones.)
        best, best_score = _best_utf16(data, _chinese_score)
        if best and best_score > 0.9 and _chinese_score(gb) < 0.5:
            if _strict(data, best) is not None:
                return best
    if gb is not None and _strict(data, "gb18030") is not None:
        return "gb18030"
    raise ValueError("undecodable")


def decode_copy_bytes(data: bytes, source: str = "") -> str:
    """The text of a copy file's bytes, BOM removed. CopyImportError names `source`."""
    name = f"稿件文件 {source}" if source else "稿件"
    try:
        encoding = detect_encoding(data)
    except ValueError:
        raise CopyImportError(
            f"无法导入{name}：无法识别文字编码（支持 UTF-8、UTF-16、GB18030/GBK），可能不是文本文件"
        ) from None
    codec = {"utf-8-bom": "utf-8-sig", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(
        encoding, encoding
    )
    text = data.decode(codec)
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.rstrip("\x1a")  # DOS end-of-file mark
    if _BINARY_CONTROLS.search(text[:_SAMPLE]) or "\x00" in text:
        raise CopyImportError(f"无法导入{name}：看起来不是文本文件（含有控制字符）")
    return text


def read_copy_file(path: str | os.PathLike) -> str:
    """The text of a copy file in any supported encoding."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CopyImportError(f"无法导入稿件文件 {path}：{read_problem(exc)}") from None
    return decode_copy_bytes(data, str(path))


# --- markup -----------------------------------------------------------------------------------

# A marker, then a space (or tab, or 　), or nothing more on the line.
_MARKED_LINE = re.compile(r"(##|#|\^|@)(?=[ \t\u3000]|\s*$)(.*)", re.DOTALL)
_PART_OF = {marker.strip(): part for marker, part in MARKERS}

# Spaces that may open a line of copy: ASCII, tab, no-break, ideographic (　) and the like.
_LEADING_SPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"


def parse_copy_parts(text: str) -> CopyParts:
    """Split copy text into kicker, headline, deck, byline and paragraph lines."""
    parts = CopyParts()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for raw in text.split("\n"):
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
