"""Proof items (校对记号) in the edition: add one, remove one, set its status.

Applying a mark to the text is a Batch of the text edit (ReplaceText) and SetProofStatus, so the
text change and the mark's "applied" status are undone together (newsdesk/proof/apply.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsdesk.edit.operation import Operation, OperationError
from newsdesk.model.edition import Edition, ProofItem
from newsdesk.model.serialize import _Invalid, from_json_value, to_json_value

STATUSES = ("open", "applied", "rejected")


def item_to_json(item: ProofItem) -> dict:
    return to_json_value(item, ProofItem)


def item_from_json(value: object) -> ProofItem:
    try:
        item = from_json_value(value, ProofItem, "item")
    except _Invalid as exc:
        raise OperationError(f"校对记号数据无效：{exc}") from None
    if not item.id:
        raise OperationError("校对记号缺少 id")
    if not 0 <= item.start <= item.end or item.end - item.start != len(item.text):
        raise OperationError("校对记号的起止位置与所标文字不符")
    return item


def _index(edition: Edition, item_id: str) -> int:
    for i, item in enumerate(edition.proof_items):
        if item.id == item_id:
            return i
    raise OperationError(f"找不到校对记号 {item_id}（可能已被删除）")


@dataclass(frozen=True)
class AddProofItem(Operation):
    """Insert a proof item at `index` of the edition's list (-1 = at the end)."""

    kind: ClassVar[str] = "add_proof_item"
    item: dict  # the item in the file's JSON form
    index: int = -1

    def _apply(self, edition: Edition) -> Operation:
        item = item_from_json(self.item)
        if any(other.id == item.id for other in edition.proof_items):
            raise OperationError(f"校对记号 {item.id} 已存在")
        count = len(edition.proof_items)
        if not -1 <= self.index <= count:
            raise OperationError(f"校对记号的位置 {self.index} 超出范围")
        index = count if self.index == -1 else self.index
        edition.proof_items.insert(index, item)
        return RemoveProofItem(item.id)


@dataclass(frozen=True)
class RemoveProofItem(Operation):
    kind: ClassVar[str] = "remove_proof_item"
    item_id: str

    def _apply(self, edition: Edition) -> Operation:
        index = _index(edition, self.item_id)
        item = edition.proof_items.pop(index)
        return AddProofItem(item_to_json(item), index)


@dataclass(frozen=True)
class SetProofStatus(Operation):
    """Mark a proof item open, applied or rejected."""

    kind: ClassVar[str] = "set_proof_status"
    item_id: str
    status: str

    def _apply(self, edition: Edition) -> Operation:
        if self.status not in STATUSES:
            raise OperationError(f"未知的校对状态：{self.status}")
        item = edition.proof_items[_index(edition, self.item_id)]
        old = item.status
        item.status = self.status  # type: ignore[assignment]
        return SetProofStatus(self.item_id, old)

    def describe(self) -> str:
        return {"applied": "应用校对", "rejected": "不采纳校对", "open": "重开校对"}[self.status]
