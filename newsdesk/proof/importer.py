"""`newsdesk proof import`: the annotations of a proof marked in any PDF reader, as proof items.

Each mark the proofreader made becomes exactly one item:

| annotation                               | item                                           |
|------------------------------------------|------------------------------------------------|
| Highlight, Underline, Squiggly           | highlight: the characters under its QuadPoints |
| StrikeOut                                | delete: the characters under its QuadPoints    |
| Caret                                    | insert at the gap nearest its tip; Contents    |
| StrikeOut + Caret grouped (IRT, RT Group)| replace: the struck characters; Caret Contents |
| Text (sticky note), FreeText             | note at the character under/next to its corner |
| Ink, Square, Circle, Line, Polygon, …    | note on the characters under the shape         |

Characters are those whose box centre lies in a quadrilateral (readers write quads a little
larger than the glyphs, in either corner order; one per line, across lines and column breaks).
Replies (IRT without RT /Group) join their parent's note; popups and links are not marks.

The proof carries the part texts of its revision: a mark on text that has not changed since
maps to the same characters now; a mark on changed text is flagged for a person.

Bad input never crashes and is never applied wrongly: an encrypted, damaged or foreign PDF, a
proof of another edition, or a malformed annotation gives a Chinese message.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from newsdesk.errors import NewsdeskError
from newsdesk.model.edition import Edition, ProofItem
from newsdesk.proof.anchor import current_text, make_item, map_range
from newsdesk.proof.export import (
    ATTACHMENT,
    CATALOG_KEY,
    PROOF_FORMAT,
    PROOF_VERSION,
    proof_identity,
)

MAX_PROOF_BYTES = 512 * 1024 * 1024
MAX_MAP_BYTES = 64 * 1024 * 1024
MAX_ANNOTS = 20_000  # per page: far beyond any proofreader

MARKUP = {"/Highlight": "highlight", "/Underline": "highlight", "/Squiggly": "highlight"}
SHAPES = {"/Ink", "/Square", "/Circle", "/Line", "/Polygon", "/PolyLine", "/Stamp"}
NOT_MARKS = {"/Popup", "/Link", "/Widget", "/PrinterMark", "/TrapNet", "/Watermark"}


# What a malformed annotation dictionary can raise while it is read (a wrong type, a reference
# loop, an absurd number): the mark is reported and skipped, never a crash.
_BAD_DATA = (
    ValueError,
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
    ArithmeticError,
    RecursionError,
)


class ProofImportError(NewsdeskError):
    """The file as a whole cannot be read as a Newsdesk proof of this edition."""


@dataclass
class Mark:
    """One mark mapped to the edition: the JSON of `newsdesk proof import --json`, plus a flag."""

    kind: str
    page: int
    story: str
    part: str
    start: int
    end: int
    text: str
    replacement: str = ""
    contents: str = ""
    author: str = ""
    flag: str = ""  # why it cannot be applied (its text changed since the proof)
    proof_start: int = 0  # the range in the proof's text (differs when the text moved)
    proof_text: str = ""
    proof_source: str = ""  # the whole part's text in the proof

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "page": self.page,
            "story": self.story,
            "part": self.part,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "replacement": self.replacement,
            "contents": self.contents,
            "author": self.author,
        }


@dataclass
class ImportResult:
    marks: list[Mark] = field(default_factory=list)  # mapped to the current text
    flagged: list[Mark] = field(default_factory=list)  # on text changed since the proof
    problems: list[str] = field(default_factory=list)  # marks that could not be read or placed
    revision: int = 0  # of the proof

    def items(self, edition: Edition) -> list[ProofItem]:
        """Proof items for the edition: mapped marks anchored to the text now; flagged ones keep
        the proof's text and their flag."""
        out = []
        for mark in self.marks:
            out.append(
                make_item(
                    edition,
                    kind=mark.kind,
                    story=mark.story,
                    part=mark.part,
                    start=mark.start,
                    end=mark.end,
                    replacement=mark.replacement,
                    contents=mark.contents,
                    author=mark.author,
                    page=mark.page,
                )
            )
        for mark in self.flagged:
            item = make_item(
                edition,
                kind=mark.kind,
                story=mark.story,
                part=mark.part,
                start=mark.proof_start,
                end=mark.proof_start + len(mark.proof_text),
                replacement=mark.replacement,
                contents=mark.contents,
                author=mark.author,
                page=mark.page,
                flag=mark.flag,
                text=mark.proof_source,
            )
            out.append(item)
        for item in out:
            item.revision = self.revision
        return out


# --- reading values defensively ----------------------------------------------------------------


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        number = float(value)
        return number if math.isfinite(number) and abs(number) < 1e7 else None
    return None


def _numbers(value: Any, limit: int = 4096) -> list[float] | None:
    """A PDF array of numbers as floats; None when it is anything else."""
    import pikepdf

    if not isinstance(value, pikepdf.Array) or len(value) > limit:
        return None
    out = []
    for v in value:
        n = _number(v)
        if n is None:
            return None
        out.append(n)
    return out


def _text(value: Any) -> str:
    import pikepdf

    if isinstance(value, pikepdf.String):
        try:
            text = str(value)
        except (UnicodeDecodeError, ValueError):
            return ""
        return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return ""


def _name(value: Any) -> str:
    import pikepdf

    return str(value) if isinstance(value, pikepdf.Name) else ""


def _rect(value: Any) -> tuple[float, float, float, float] | None:
    nums = _numbers(value)
    if nums is None or len(nums) != 4:
        return None
    x0, y0, x1, y1 = nums
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _quads(annot: Any) -> list[tuple[float, float, float, float]] | None:
    """Bounding boxes of the QuadPoints' quadrilaterals (any corner order)."""
    nums = _numbers(annot.get("/QuadPoints"), limit=8 * 4096)
    if not nums or len(nums) % 8:
        return None
    out = []
    for i in range(0, len(nums), 8):
        xs, ys = nums[i : i + 8 : 2], nums[i + 1 : i + 8 : 2]
        out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def _key(obj: Any) -> tuple[int, int] | None:
    try:
        key = obj.objgen
    except (AttributeError, ValueError):
        return None
    return key if key != (0, 0) else None


# --- the proof's map ---------------------------------------------------------------------------


def _load_map(pdf: Any) -> dict[str, Any]:
    import pikepdf

    raw = None
    try:
        entry = pdf.Root.get(CATALOG_KEY)
        if isinstance(entry, pikepdf.Dictionary) and isinstance(entry.get("/Map"), pikepdf.Stream):
            raw = entry.Map.read_bytes()
        elif ATTACHMENT in pdf.attachments:
            raw = pdf.attachments[ATTACHMENT].get_file().read_bytes()
    except (pikepdf.PdfError, KeyError, ValueError, TypeError, AttributeError):
        raise ProofImportError("校样中的定位数据已损坏，无法读取批注") from None
    if raw is None:
        raise ProofImportError(
            "这不是 Newsdesk 导出的校样 PDF（其中没有校样定位数据）。"
            "请用 newsdesk proof export 导出的校样批注后再导入"
        )
    if len(raw) > MAX_MAP_BYTES:
        raise ProofImportError("校样中的定位数据过大，已拒绝读取")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ProofImportError("校样中的定位数据已损坏，无法读取批注") from None
    if not isinstance(data, dict) or data.get("format") != PROOF_FORMAT:
        raise ProofImportError("这不是 Newsdesk 导出的校样 PDF（定位数据格式不符）")
    if data.get("version") != PROOF_VERSION:
        raise ProofImportError(
            f"校样定位数据的版本 {data.get('version')!r} 不受支持（可能来自更新版本的 Newsdesk）"
        )
    if not _valid_map(data):
        raise ProofImportError("校样中的定位数据已损坏，无法读取批注")
    return data


def _valid_map(data: dict) -> bool:
    """Every value the mapper reads has the type it expects."""
    pages, texts = data.get("pages"), data.get("texts")
    if not isinstance(pages, list) or not isinstance(texts, dict):
        return False
    if not isinstance(data.get("revision"), int) or not isinstance(data.get("edition"), dict):
        return False
    for parts in texts.values():
        if not isinstance(parts, dict) or not all(isinstance(t, str) for t in parts.values()):
            return False
    for page in pages:
        if not isinstance(page, dict) or not isinstance(page.get("number"), int):
            return False
        lines = page.get("lines")
        if not isinstance(lines, list):
            return False
        for line in lines:
            if not isinstance(line, dict) or not isinstance(line.get("chars"), list):
                return False
            if not isinstance(line.get("story"), str) or not isinstance(line.get("part"), str):
                return False
            text = texts.get(line["story"], {}).get(line["part"])
            if text is None:
                return False
            for c in line["chars"]:
                if not (
                    isinstance(c, list)
                    and len(c) == 6
                    and all(isinstance(v, int | float) and not isinstance(v, bool) for v in c)
                    and isinstance(c[4], int)
                    and isinstance(c[5], int)
                    and 0 <= c[4] < c[5] <= len(text)
                ):
                    return False
    return True


def open_proof(path: str | os.PathLike) -> Any:
    """The annotated proof opened with pikepdf; ProofImportError for what cannot be read."""
    import pikepdf

    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise ProofImportError(f"找不到校样文件：{path}") from None
    if not path.is_file():
        raise ProofImportError(f"{path} 不是文件")
    if size > MAX_PROOF_BYTES:
        raise ProofImportError(f"校样文件过大（{size // 1048576} MB），已拒绝读取：{path}")
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError:
        raise ProofImportError(
            f"校样 PDF 已加密，需要密码才能打开：{path}。请在阅读器中另存为不加密的 PDF 后再导入"
        ) from None
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError):
        raise ProofImportError(f"无法读取校样：{path} 不是 PDF 文件或已损坏") from None


# --- mapping marks ----------------------------------------------------------------------------


@dataclass
class _Char:
    story: str
    part: str
    x0: float
    y0: float
    x1: float
    y1: float
    start: int
    end: int
    line: int


def _page_chars(page: dict) -> list[_Char]:
    out = []
    for n, line in enumerate(page["lines"]):
        for x0, y0, x1, y1, start, end in line["chars"]:
            out.append(_Char(line["story"], line["part"], x0, y0, x1, y1, start, end, n))
    return out


def _under(chars: list[_Char], boxes) -> list[_Char]:
    """Characters whose box centre lies in one of `boxes`."""
    out = []
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.y0 + c.y1) / 2
        if any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in boxes):
            out.append(c)
    return out


def _distance(c: _Char, x: float, y: float) -> float:
    dx = max(c.x0 - x, 0.0, x - c.x1)
    dy = max(c.y0 - y, 0.0, y - c.y1)
    return math.hypot(dx, dy)


def _nearest(chars: list[_Char], x: float, y: float, within: float) -> _Char | None:
    best = min(chars, key=lambda c: _distance(c, x, y), default=None)
    if best is None or _distance(best, x, y) > within:
        return None
    return best


def _caret_offset(chars: list[_Char], rect) -> tuple[_Char | None, int]:
    """(char beside the gap, offset of the gap) for a Caret's rectangle, or (None, 0)."""
    x0, y0, x1, y1 = rect
    x = (x0 + x1) / 2
    probe = y1 - (y1 - y0) * 0.25  # the caret's tip reaches up into the line
    height = y1 - y0
    lines: dict[int, list[_Char]] = {}
    for c in chars:
        lines.setdefault(c.line, []).append(c)

    def score(row: list[_Char]) -> float:
        left, right = min(c.x0 for c in row), max(c.x1 for c in row)
        if not left - height <= x <= right + height:
            return math.inf
        top, bottom = max(c.y1 for c in row), min(c.y0 for c in row)
        return max(bottom - probe, 0.0, probe - top)

    best = min(lines.values(), key=score, default=None)
    if best is None or score(best) > max(height * 1.5, 12.0):
        return None, 0
    row = sorted(best, key=lambda c: c.x0)
    for c in row:
        if x < (c.x0 + c.x1) / 2:
            return c, c.start
    return row[-1], row[-1].end


class _PageMarks:
    def __init__(self, number: int, chars: list[_Char], result: ImportResult) -> None:
        self.number = number
        self.chars = chars
        self.result = result

    def problem(self, what: str, author: str, reason: str) -> None:
        by = f"（{author}）" if author else ""
        self.result.problems.append(f"第{self.number}版 {what}{by}：{reason}")

    def range_of(self, chars: list[_Char], any_part: bool) -> tuple[str, str, int, int] | str:
        groups: dict[tuple[str, str], list[_Char]] = {}
        for c in chars:
            groups.setdefault((c.story, c.part), []).append(c)
        if not groups:
            return "不在稿件文字上（标在了空白、图片、广告或转版行上），未能对应到文字"
        if len(groups) > 1 and not any_part:
            return "跨越了两篇稿件或稿件的两个部分，请分开标注"
        (story, part), picked = max(groups.items(), key=lambda kv: len(kv[1]))
        return story, part, min(c.start for c in picked), max(c.end for c in picked)


def _annotations(page: Any) -> list[Any]:
    import pikepdf

    annots = page.obj.get("/Annots")
    if not isinstance(annots, pikepdf.Array):
        return []
    return [a for a in list(annots)[:MAX_ANNOTS] if isinstance(a, pikepdf.Dictionary)]


def read_marks(edition: Edition, path: str | os.PathLike) -> ImportResult:
    """Every mark of the annotated proof at `path`, mapped to the edition's text now."""
    import pikepdf

    pdf = open_proof(path)
    try:
        data = _load_map(pdf)
        identity = data["edition"]
        if identity != proof_identity(edition):
            raise ProofImportError(
                "这份校样属于另一期版面（"
                f"{identity.get('paper', '')} {identity.get('date', '')} 第{identity.get('number', '')}期），"
                f"不是 {edition.paper} {edition.date.isoformat()} 第{edition.number}期，未导入"
            )
        if len(pdf.pages) != len(data["pages"]):
            raise ProofImportError(
                f"校样的页数（{len(pdf.pages)}）与导出时（{len(data['pages'])}）不符："
                "可能被删减或重排了页面，无法对应批注"
            )
        result = ImportResult(revision=data["revision"])
        for index, page in enumerate(pdf.pages):
            try:
                _read_page(edition, data, index, page, result)
            except (pikepdf.PdfError, *_BAD_DATA):
                result.problems.append(f"第{data['pages'][index]['number']}版的批注已损坏，已跳过")
        return result
    finally:
        pdf.close()


def _read_page(edition: Edition, data: dict, index: int, page: Any, result: ImportResult) -> None:
    import pikepdf

    info = data["pages"][index]
    marks = _PageMarks(info["number"], _page_chars(info), result)
    annots = _annotations(page)
    by_key = {k: a for a in annots if (k := _key(a)) is not None}
    grouped: dict[tuple[int, int], Any] = {}  # caret key -> strikeout grouped with it
    replies: dict[tuple[int, int], list[str]] = {}
    skip: set[int] = set()  # indexes of annotations that are part of another mark
    index_of = {k: n for n, a in enumerate(annots) if (k := _key(a)) is not None}
    for n, annot in enumerate(annots):
        try:
            _link(n, annot, by_key, index_of, annots, grouped, replies, skip)
        except (pikepdf.PdfError, *_BAD_DATA):
            continue  # read on its own below, where a malformed mark is reported
    for n, annot in enumerate(annots):
        if n in skip:
            continue
        key = _key(annot)
        extra = [r for r in replies.get(key, []) if r] if key else []
        try:
            _one(edition, data, marks, annot, grouped.get(key) if key else None, extra)
        except (pikepdf.PdfError, *_BAD_DATA):
            marks.problem("一处批注", "", "批注数据格式有误，已跳过")


def _link(n, annot, by_key, index_of, annots, grouped, replies, skip) -> None:
    """Record a StrikeOut + Caret group (one replace mark) and replies to other marks."""
    import pikepdf

    subtype = _name(annot.get("/Subtype"))
    irt = annot.get("/IRT")
    target = _key(irt) if isinstance(irt, pikepdf.Dictionary) else None
    if target is None or target not in by_key or target == _key(annot):
        return  # no link, a link off the page, or a mark pointing at itself
    other = _name(by_key[target].get("/Subtype"))
    if _name(annot.get("/RT")) == "/Group":
        pair = {subtype, other}
        if pair == {"/StrikeOut", "/Caret"}:
            caret_key = target if other == "/Caret" else _key(annot)
            strike_index = n if subtype == "/StrikeOut" else index_of[target]
            if caret_key is not None:
                grouped[caret_key] = annots[strike_index]
                skip.add(strike_index)
        else:
            skip.add(n)  # another member of a group: the group is one mark
    elif subtype in ("/Text", "/FreeText") and annot.get("/RT") in (None, pikepdf.Name.R):
        replies.setdefault(target, []).append(_text(annot.get("/Contents")))
        skip.add(n)


def _one(edition, data, marks: _PageMarks, annot, strike, replies: list[str]) -> None:
    subtype = _name(annot.get("/Subtype"))
    if not subtype or subtype in NOT_MARKS:
        return
    contents = _text(annot.get("/Contents"))
    if replies:
        contents = "\n".join([c for c in [contents, *replies] if c])
    author = _text(annot.get("/T"))
    label = {
        "/Highlight": "高亮",
        "/Underline": "下划线",
        "/Squiggly": "波浪线",
        "/StrikeOut": "删除线",
        "/Caret": "插入符",
        "/Text": "注释",
        "/FreeText": "文字批注",
    }.get(subtype, "手写/图形批注")
    if subtype in MARKUP or subtype == "/StrikeOut":
        boxes = _quads(annot)
        if boxes is None:
            marks.problem(label, author, "QuadPoints 缺失或格式有误，无法确定标注的文字")
            return
        kind = MARKUP.get(subtype, "delete")
        where = marks.range_of(_under(marks.chars, boxes), any_part=kind == "highlight")
        if isinstance(where, str):
            marks.problem(label, author, where)
            return
        _add(edition, data, marks, kind, where, "", contents, author)
        return
    if subtype == "/Caret":
        rect = _inner_rect(annot)
        if rect is None:
            marks.problem(label, author, "Rect 缺失或格式有误，无法确定插入位置")
            return
        if strike is not None:
            boxes = _quads(strike)
            if boxes is None:
                marks.problem("替换", author, "删除线的 QuadPoints 缺失或格式有误")
                return
            where = marks.range_of(_under(marks.chars, boxes), any_part=False)
            if isinstance(where, str):
                marks.problem("替换", author, where)
                return
            replacement = contents or _text(strike.get("/Contents"))
            note = _text(strike.get("/Contents")) if contents else ""
            _add(edition, data, marks, "replace", where, replacement, note, author)
            return
        char, offset = _caret_offset(marks.chars, rect)
        if char is None:
            marks.problem(label, author, "不在稿件文字旁，未能对应到插入位置")
            return
        where = (char.story, char.part, offset, offset)
        _add(edition, data, marks, "insert", where, contents, "", author)
        return
    if subtype in ("/Text", "/FreeText"):
        rect = _rect(annot.get("/Rect"))
        if rect is None:
            marks.problem(label, author, "Rect 缺失或格式有误，无法确定位置")
            return
        x, y = (rect[0], rect[3]) if subtype == "/Text" else ((rect[0] + rect[2]) / 2, rect[3])
        if subtype == "/FreeText":
            under = _under(marks.chars, [rect])
            if under:
                where = marks.range_of(under, any_part=True)
                if not isinstance(where, str):
                    s = where[2]
                    _add(
                        edition,
                        data,
                        marks,
                        "note",
                        (where[0], where[1], s, s),
                        "",
                        contents,
                        author,
                    )
                    return
        char = _nearest(marks.chars, x, y, within=72.0)
        if char is None:
            marks.problem(label, author, "离稿件文字太远，未能对应到文字")
            return
        where = (char.story, char.part, char.start, char.start)
        _add(edition, data, marks, "note", where, "", contents, author)
        return
    # Pen marks and shapes: a note on the characters under them.
    rect = _shape_rect(annot)
    if rect is None:
        marks.problem(label, author, "Rect 缺失或格式有误，无法确定位置")
        return
    under = _under(marks.chars, [rect])
    if not under:
        near = _nearest(marks.chars, (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2, 36.0)
        under = [near] if near is not None else []
    where = marks.range_of(under, any_part=True)
    if isinstance(where, str):
        marks.problem(label, author, where)
        return
    _add(edition, data, marks, "note", where, "", contents, author)


def _inner_rect(annot):
    """A Caret's Rect less its /RD margins."""
    rect = _rect(annot.get("/Rect"))
    rd = _numbers(annot.get("/RD"))
    if rect is None or not rd or len(rd) != 4:
        return rect
    x0, y0, x1, y1 = rect[0] + rd[0], rect[1] + rd[3], rect[2] - rd[2], rect[3] - rd[1]
    return rect if x1 <= x0 or y1 <= y0 else (x0, y0, x1, y1)


def _shape_rect(annot):
    """An ink mark's extent from its strokes, a shape's from its Rect."""
    import pikepdf

    ink = annot.get("/InkList")
    if isinstance(ink, pikepdf.Array):
        points: list[float] = []
        for stroke in list(ink)[:1000]:
            nums = _numbers(stroke, limit=100_000)
            if nums:
                points += nums[: len(nums) // 2 * 2]
        if points:
            xs, ys = points[0::2], points[1::2]
            return min(xs), min(ys), max(xs), max(ys)
    return _rect(annot.get("/Rect"))


def _add(edition, data, marks: _PageMarks, kind, where, replacement, contents, author) -> None:
    story, part, start, end = where
    old = data["texts"].get(story, {}).get(part, "")
    now = current_text(edition, story, part)
    mark = Mark(kind, marks.number, story, part, start, end, old[start:end], replacement)
    mark.contents, mark.author = contents, author
    mark.proof_start, mark.proof_text = start, old[start:end]
    mark.proof_source = old
    if now is None:
        mark.flag = "这篇稿件已被删除或改名"
        marks.result.flagged.append(mark)
        return
    moved = map_range(old, now, start, end)
    if moved is None:
        mark.flag = f"校样（修订 {data['revision']}）之后这处文字已改动，需人工核对"
        marks.result.flagged.append(mark)
        return
    mark.start, mark.end = moved
    mark.text = now[mark.start : mark.end]
    marks.result.marks.append(mark)
