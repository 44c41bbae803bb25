"""Proof items as edit operations: import them, apply one to the text, reject one.

Applying is one Batch — the text edit (ReplaceText) and the item's status — so one undo takes
both back. An item is applied only where its characters are found unchanged (anchor.resolve);
otherwise the operation is refused with a message and nothing changes.
"""

from __future__ import annotations

from newsdesk.edit import AddProofItem, Batch, Operation, OperationError, ReplaceText
from newsdesk.edit.proof_items import SetProofStatus, item_to_json
from newsdesk.edit.text import PART_NAMES
from newsdesk.model.edition import Edition, ProofItem
from newsdesk.proof.anchor import resolve

KIND_NAMES = {
    "highlight": "高亮",
    "delete": "删除",
    "insert": "增补",
    "replace": "改正",
    "note": "批注",
}


def _short(text: str, size: int = 12) -> str:
    text = text.replace("\n", "↵")
    return text if len(text) <= size else text[:size] + "…"


def describe_item(item: ProofItem) -> str:
    """One line for lists and the undo history: 删除「某某」, 增补「某某」, 改正「甲」为「乙」."""
    if item.kind == "delete":
        return f"删除「{_short(item.text)}」"
    if item.kind == "insert":
        return f"增补「{_short(item.replacement)}」"
    if item.kind == "replace":
        return f"改正「{_short(item.text)}」为「{_short(item.replacement)}」"
    if item.kind == "highlight":
        return f"高亮「{_short(item.text)}」" + (
            f"：{_short(item.contents)}" if item.contents else ""
        )
    return f"批注：{_short(item.contents) or '（无内容）'}"


def find_item(edition: Edition, item_id: str) -> ProofItem:
    for item in edition.proof_items:
        if item.id == item_id:
            return item
    raise OperationError(f"找不到校对记号 {item_id}（可能已被删除）")


def import_operation(items: list[ProofItem], source: str = "") -> Operation:
    """Add proof items to the edition as one step (导入校样批注)."""
    label = f"导入校样批注（{len(items)} 处）" + (f"：{source}" if source else "")
    return Batch(tuple(AddProofItem(item_to_json(item)) for item in items), label)


def apply_operation(edition: Edition, item_id: str) -> Operation:
    """The edit that carries out a proof item: its text change (if any) and status "applied".

    Raises OperationError (Chinese) when the item cannot be applied safely.
    """
    item = find_item(edition, item_id)
    if item.status != "open":
        done = "已应用" if item.status == "applied" else "已拒绝"
        raise OperationError(f"这处校对{done}：{describe_item(item)}")
    if item.flag:
        raise OperationError(f"不能自动应用（{item.flag}）：{describe_item(item)}")
    where = resolve(edition, item)
    if where is None:
        raise OperationError(
            f"{PART_NAMES.get(item.part, item.part)}中所标的文字已改动，请人工核对：{describe_item(item)}"
        )
    start, end = where
    ops: list[Operation] = []
    if item.kind == "delete":
        ops.append(ReplaceText(item.story, item.part, start, end, ""))
    elif item.kind in ("insert", "replace"):
        if not item.replacement:
            raise OperationError(f"校对记号没有写要{KIND_NAMES[item.kind]}的文字，请人工处理")
        ops.append(ReplaceText(item.story, item.part, start, end, item.replacement))
    ops.append(SetProofStatus(item.id, "applied"))
    return Batch(tuple(ops), f"应用校对：{describe_item(item)}")


def reject_operation(edition: Edition, item_id: str) -> Operation:
    """Keep the text as it is; the item is marked rejected (不采纳)."""
    item = find_item(edition, item_id)
    if item.status == "rejected":
        raise OperationError(f"这处校对已拒绝：{describe_item(item)}")
    return Batch((SetProofStatus(item.id, "rejected"),), f"拒绝校对：{describe_item(item)}")


def reopen_operation(edition: Edition, item_id: str) -> Operation:
    item = find_item(edition, item_id)
    return Batch((SetProofStatus(item.id, "open"),), f"重开校对：{describe_item(item)}")
