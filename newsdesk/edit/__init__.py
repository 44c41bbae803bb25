"""Edit operations: every change to an edition as a small, pure, invertible value (no Qt).

The window's undo stack, the proof importer and a shared newsroom store all apply these same
operations; see docs/architecture.md ("Edits").
"""

from newsdesk.edit.blocks import InsertBlock, RemoveBlock, ThreadInsert, ThreadRemove
from newsdesk.edit.operation import Batch, Operation, OperationError, operation_from_json
from newsdesk.edit.pages import InsertPage, MovePage, RemovePage
from newsdesk.edit.proof_items import AddProofItem, RemoveProofItem, SetProofStatus
from newsdesk.edit.set_fields import SetFields
from newsdesk.edit.stories import AddStory, RemoveStory
from newsdesk.edit.text import ReplaceParagraphs, ReplaceText

__all__ = [
    "AddProofItem",
    "AddStory",
    "Batch",
    "InsertBlock",
    "InsertPage",
    "MovePage",
    "Operation",
    "OperationError",
    "RemoveBlock",
    "RemovePage",
    "RemoveProofItem",
    "RemoveStory",
    "ReplaceParagraphs",
    "ReplaceText",
    "SetFields",
    "SetProofStatus",
    "ThreadInsert",
    "ThreadRemove",
    "operation_from_json",
]
