"""The edit operation: a small, pure, serialisable change to an Edition with an exact inverse.

Every change to an edition — a block moved, a word typed, a page added, a proof mark applied — is
an Operation. `op.apply(edition)` changes the edition in place and returns the operation that undoes
it exactly: applying the inverse restores an edition whose saved file is byte-identical. Operations
are plain values (frozen dataclasses of JSON types), so they can be written to a log, sent to a
shared newsroom store, replayed, and compared.

    inverse = op.apply(edition)       # raises OperationError and leaves the edition untouched
    inverse.apply(edition)            # back to where it was
    op.to_json() -> {"op": "move_block", ...};  operation_from_json(obj) -> op

An operation either applies fully or raises before changing anything: each one checks its targets
first, and a Batch undoes the part it applied when a later step fails.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

from newsdesk.errors import NewsdeskError
from newsdesk.model.edition import Edition


class OperationError(NewsdeskError):
    """An operation that cannot apply to this edition (a block that no longer exists, …)."""


_KINDS: dict[str, type[Operation]] = {}


@dataclass(frozen=True)
class Operation:
    """Base class: subclasses set `kind` and implement `_apply`."""

    kind: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            if cls.kind in _KINDS:
                raise TypeError(f"duplicate operation kind {cls.kind!r}")
            _KINDS[cls.kind] = cls

    def apply(self, edition: Edition) -> Operation:
        """Change the edition; return the exact inverse. Raises OperationError, changing nothing."""
        return self._apply(edition)

    def _apply(self, edition: Edition) -> Operation:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> str:
        """A short Chinese description for the undo history (撤销 移动块)."""
        return DESCRIPTIONS.get(self.kind, self.kind)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.kind}
        for f in dataclasses.fields(self):
            out[f.name] = _to_plain(getattr(self, f.name))
        return out


def _to_plain(value: Any) -> Any:
    if isinstance(value, Operation):
        return value.to_json()
    if isinstance(value, tuple | list):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    return value


def _frozen(value: Any) -> Any:
    """JSON lists become tuples so that operations stay hashable, comparable values."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def operation_from_json(obj: Any) -> Operation:
    """An operation from its JSON form; OperationError for anything that is not one."""
    if not isinstance(obj, dict) or not isinstance(obj.get("op"), str):
        raise OperationError("编辑操作格式无效：缺少 op 字段")
    cls = _KINDS.get(obj["op"])
    if cls is None:
        raise OperationError(f"未知的编辑操作：{obj['op']}（可能来自更新版本的 Newsdesk）")
    names = {f.name for f in dataclasses.fields(cls)}
    extra = set(obj) - names - {"op"}
    missing = names - set(obj)
    if extra or missing:
        raise OperationError(
            f"编辑操作 {obj['op']} 的参数不符：多余 {sorted(extra)}，缺少 {sorted(missing)}"
        )
    kwargs = {}
    for f in dataclasses.fields(cls):
        value = obj[f.name]
        if f.name == "ops":
            if not isinstance(value, list):
                raise OperationError("编辑操作 batch 的 ops 应为数组")
            kwargs[f.name] = tuple(operation_from_json(v) for v in value)
        elif f.name in _JSON_VALUE_FIELDS:
            kwargs[f.name] = value  # model values in JSON form, checked when applied
        else:
            kwargs[f.name] = _frozen(value)
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise OperationError(f"编辑操作 {obj['op']} 的参数无效：{exc}") from None


# Fields that hold a model value in its file form (a block, a page, a story, field values): they
# stay plain dicts/lists and are converted by the model's own (strict) loader when applied.
_JSON_VALUE_FIELDS = {"block", "page", "story", "values", "paragraphs", "item"}


@dataclass(frozen=True)
class Batch(Operation):
    """Several operations as one step (delete a page with its blocks; apply a proof group)."""

    kind: ClassVar[str] = "batch"
    ops: tuple[Operation, ...]
    label: str = ""

    def _apply(self, edition: Edition) -> Operation:
        done: list[Operation] = []
        try:
            for op in self.ops:
                done.append(op.apply(edition))
        except OperationError:
            for inverse in reversed(done):
                inverse.apply(edition)
            raise
        return Batch(tuple(reversed(done)), self.label)

    def describe(self) -> str:
        if self.label:
            return self.label
        return self.ops[0].describe() if len(self.ops) == 1 else DESCRIPTIONS["batch"]


# Undo history labels (the window shows 撤销「…」).
DESCRIPTIONS = {
    "batch": "多项编辑",
    "set": "修改属性",
    "insert_block": "添加块",
    "remove_block": "删除块",
    "thread_insert": "串接",
    "thread_remove": "断开串接",
    "replace_text": "输入文字",
    "replace_paragraphs": "修改段落",
    "insert_page": "添加版面",
    "remove_page": "删除版面",
    "move_page": "调整版序",
    "add_story": "导入稿件",
    "remove_story": "删除稿件",
    "add_proof_item": "添加校对记号",
    "remove_proof_item": "删除校对记号",
    "set_proof_status": "校对状态",
}
