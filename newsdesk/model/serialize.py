"""Edition dataclasses <-> JSON values, driven by the dataclasses' type hints.

The converter walks the type hints of newsdesk.model.edition, so a field added there is saved and
loaded without touching this file (add it to edition.schema.json and docs/edition-format.md too).
A field whose metadata has {"transient": True} is never written to the file.

Loading is strict: every value is type-checked and an unknown key is refused, because silently
dropping a field the user cannot see would lose work. Problems raise EditionFileError with a
Chinese message that names the file and the JSON path of the bad value, e.g. pages[0].blocks[2].x.

The file is canonical: keys in dataclass field order, floats always written as floats, two-space
indent, UTF-8 without escapes, one trailing newline. So save(load(file)) == file, byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import math
import re
import types
import typing
from functools import cache
from typing import Any, Literal, Union

from newsdesk.errors import EditionFileError
from newsdesk.model.edition import Edition
from newsdesk.model.migrations import (
    CURRENT_VERSION,
    FORMAT_NAME,
    migrate_to_current,
    problem_prefix,
)
from newsdesk.model.validate import edition_problems

EXTENSION = ".newsdesk"

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Invalid(Exception):
    """A value that does not fit its field; carries the JSON path and a Chinese reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path or '（顶层）'}：{reason}")
        self.path = path
        self.reason = reason


def json_path(parent: str, key: str | int) -> str:
    """pages[0].blocks[2].x ; stories["s 1"] for keys that are not identifiers."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if _IDENTIFIER.fullmatch(key):
        return f"{parent}.{key}" if parent else key
    return f"{parent}[{json.dumps(key, ensure_ascii=False)}]"


# --- type hints -------------------------------------------------------------------------------


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def persisted_fields(cls: type) -> list[dataclasses.Field]:
    """The fields of a dataclass that go into the file, in declaration order."""
    return [f for f in dataclasses.fields(cls) if f.init and not f.metadata.get("transient", False)]


def _is_required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _union_args(tp: Any) -> tuple[Any, ...] | None:
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        return typing.get_args(tp)
    return None


def _describe(value: Any) -> str:
    """What a JSON value is, in the words of the error messages."""
    if value is None:
        return "空值 null"
    if isinstance(value, bool):
        return "布尔值 " + ("true" if value else "false")
    if isinstance(value, int | float):
        return f"数字 {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        return f"字符串 {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, list):
        return "数组"
    if isinstance(value, dict):
        return "对象"
    return type(value).__name__


def _type_name(tp: Any) -> str:
    """The expected type, for error messages."""
    if tp is str:
        return "字符串"
    if tp is bool:
        return "布尔值（true/false）"
    if tp is int:
        return "整数"
    if tp is float:
        return "数字"
    if tp is _dt.date:
        return "日期（YYYY-MM-DD）"
    if dataclasses.is_dataclass(tp):
        return "对象"
    origin = typing.get_origin(tp)
    if origin in (list, tuple):
        return "数组"
    if origin is dict:
        return "对象"
    if origin is Literal:
        return "取值之一：" + "、".join(
            json.dumps(a, ensure_ascii=False) for a in typing.get_args(tp)
        )
    args = _union_args(tp)
    if args:
        return " 或 ".join(_type_name(a) for a in args)
    return str(tp)


# --- dataclasses -> JSON values ----------------------------------------------------------------


def to_json_value(value: Any, tp: Any) -> Any:
    """A model value as plain JSON values (dict, list, str, float, int, bool, None)."""
    args = _union_args(tp)
    if args is not None:
        if value is None:
            return None
        non_none = [a for a in args if a is not type(None)]
        return to_json_value(value, non_none[0])
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return {
            f.name: to_json_value(getattr(value, f.name), hints[f.name])
            for f in persisted_fields(tp)
        }
    if tp is float:
        return float(value)  # 10 and 10.0 are written alike, so the bytes are canonical
    if tp in (str, int, bool):
        return value
    if tp is _dt.date:
        return value.isoformat()
    origin = typing.get_origin(tp)
    if origin is Literal:
        return value
    if origin is list:
        (item,) = typing.get_args(tp)
        return [to_json_value(v, item) for v in value]
    if origin is tuple:
        targs = typing.get_args(tp)
        if len(targs) == 2 and targs[1] is Ellipsis:
            return [to_json_value(v, targs[0]) for v in value]
        return [to_json_value(v, t) for v, t in zip(value, targs)]
    if origin is dict:
        _, item = typing.get_args(tp)
        return {k: to_json_value(v, item) for k, v in value.items()}
    raise TypeError(f"serialize: unsupported field type {tp!r}")


def edition_to_json_obj(edition: Edition) -> dict[str, Any]:
    """The whole file as a JSON object: format and version first, then the edition's fields."""
    body = to_json_value(edition, Edition)
    return {"format": FORMAT_NAME, "version": CURRENT_VERSION, **body}


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _write(value: Any, indent: str, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            out.append(("," if i else "") + "\n" + inner + _scalar(key) + ": ")
            _write(item, inner, out)
        out.append("\n" + indent + "}")
    elif isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            # Short lists of numbers (CMYK, crop, fit sizes) read best on one line.
            out.append("[" + ", ".join(_scalar(v) for v in value) + "]")
            return
        inner = indent + "  "
        out.append("[")
        for i, item in enumerate(value):
            out.append(("," if i else "") + "\n" + inner)
            _write(item, inner, out)
        out.append("\n" + indent + "]")
    else:
        out.append(_scalar(value))


def canonical_json(obj: Any) -> str:
    """JSON text in the file's canonical layout: two-space indent, scalar lists on one line.

    Raises ValueError for NaN or infinity.
    """
    out: list[str] = []
    _write(obj, "", out)
    return "".join(out)


def edition_to_json_bytes(edition: Edition, source: str = "") -> bytes:
    """The canonical bytes of an edition file (UTF-8, two-space indent, trailing newline).

    `source` names the file in the error raised for an edition that cannot be written.
    """
    prefix = f"无法保存版面文件 {source}：" if source else "无法保存版面："
    obj = edition_to_json_obj(edition)
    try:
        text = canonical_json(obj)
    except ValueError:
        raise EditionFileError(f"{prefix}版面中有无效的数值（NaN 或无穷大）") from None
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        raise EditionFileError(f"{prefix}文字中有无效的 Unicode 字符（孤立的代理项）") from None


# --- JSON values -> dataclasses ----------------------------------------------------------------


def _check_text(value: str, path: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _Invalid(path, "包含无效的 Unicode 字符（孤立的代理项）") from None
    return value


def from_json_value(obj: Any, tp: Any, path: str) -> Any:
    """A JSON value as a model value of type tp; raises _Invalid naming the path."""
    args = _union_args(tp)
    if args is not None:
        if obj is None and type(None) in args:
            return None
        non_none = [a for a in args if a is not type(None)]
        if obj is None:
            raise _Invalid(path, f"不能为 null，应为{_type_name(non_none[0])}")
        return from_json_value(obj, non_none[0], path)
    if dataclasses.is_dataclass(tp):
        return _dataclass_from_json(obj, tp, path)
    if tp is bool:
        if isinstance(obj, bool):
            return obj
    elif tp is int:
        if isinstance(obj, int) and not isinstance(obj, bool):
            return obj
    elif tp is float:
        if isinstance(obj, int | float) and not isinstance(obj, bool):
            if not math.isfinite(obj):
                raise _Invalid(path, "数值无效（非有限数）")
            return float(obj)
    elif tp is str:
        if isinstance(obj, str):
            return _check_text(obj, path)
    elif tp is _dt.date:
        if isinstance(obj, str):
            if not _ISO_DATE.fullmatch(obj):
                raise _Invalid(path, f"日期格式应为 YYYY-MM-DD，实际为 {_describe(obj)}")
            try:
                return _dt.date.fromisoformat(obj)
            except ValueError:
                raise _Invalid(path, f"不存在的日期 {obj}") from None
    else:
        origin = typing.get_origin(tp)
        if origin is Literal:
            allowed = typing.get_args(tp)
            for value in allowed:
                if obj == value and type(obj) is type(value):
                    return value
            raise _Invalid(path, f"取值 {_describe(obj)} 无效，应为{_type_name(tp)}")
        if origin is list:
            if isinstance(obj, list):
                (item,) = typing.get_args(tp)
                return [from_json_value(v, item, json_path(path, i)) for i, v in enumerate(obj)]
        elif origin is tuple:
            if isinstance(obj, list):
                return _tuple_from_json(obj, tp, path)
        elif origin is dict:
            if isinstance(obj, dict):
                _, item = typing.get_args(tp)
                return {k: from_json_value(v, item, json_path(path, k)) for k, v in obj.items()}
        else:
            raise TypeError(f"serialize: unsupported field type {tp!r}")
    raise _Invalid(path, f"应为{_type_name(tp)}，实际为{_describe(obj)}")


def _tuple_from_json(obj: list, tp: Any, path: str) -> tuple:
    targs = typing.get_args(tp)
    if len(targs) == 2 and targs[1] is Ellipsis:
        return tuple(from_json_value(v, targs[0], json_path(path, i)) for i, v in enumerate(obj))
    if len(obj) != len(targs):
        raise _Invalid(path, f"应为 {len(targs)} 个元素的数组，实际有 {len(obj)} 个")
    return tuple(
        from_json_value(v, t, json_path(path, i)) for i, (v, t) in enumerate(zip(obj, targs))
    )


def _dataclass_from_json(obj: Any, cls: type, path: str) -> Any:
    if not isinstance(obj, dict):
        raise _Invalid(path, f"应为对象，实际为{_describe(obj)}")
    hints = _hints(cls)
    fields = persisted_fields(cls)
    known = {f.name for f in fields}
    for key in obj:
        if key not in known:
            raise _Invalid(
                json_path(path, key),
                "未知的字段（文件可能由更新版本的 Newsdesk 创建，或被手工改错）",
            )
    kwargs = {}
    for f in fields:
        if f.name in obj:
            kwargs[f.name] = from_json_value(obj[f.name], hints[f.name], json_path(path, f.name))
        elif _is_required(f):
            raise _Invalid(json_path(path, f.name), "缺少必需的字段")
    return cls(**kwargs)


def edition_from_json(obj: Any, source: str = "") -> Edition:
    """An Edition from the parsed JSON of an edition file of any supported version.

    Checks the "format" and "version" keys, migrates older versions, then type-checks every
    field. `source` (the file's path) is named in error messages.
    """
    obj = migrate_to_current(obj, source)
    body = {k: v for k, v in obj.items() if k not in ("format", "version")}
    try:
        edition = _dataclass_from_json(body, Edition, "")
    except _Invalid as exc:
        raise EditionFileError(f"{problem_prefix(source)}{exc}") from None
    # Values of the right type that cannot be laid out (zero sizes, negative widths).
    problems = edition_problems(edition)
    if problems:
        lines = [f"{path} {reason}" for path, reason in problems[:5]]
        more = f"；另有 {len(problems) - 5} 处" if len(problems) > 5 else ""
        raise EditionFileError(f"{problem_prefix(source)}{'；'.join(lines)}{more}")
    return edition
