"""The one QUndoCommand: a thin wrapper around engine edit operations (newsdesk.edit).

The window applies an operation first (so a refused one never reaches the stack), then pushes an
EditCommand holding the operation and its inverse. Undo applies the inverses in reverse order,
redo the operations again. Consecutive typing in one part of one story merges into word-sized
steps, as desktop editors do: a step ends at a space or punctuation, after a pause, or when the
cursor jumps.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from newsdesk.edit import Operation, ReplaceText, SetFields

TYPING_ID = 0x7E57  # QUndoCommand.id() for merge-able typing
SCALE_ID = 0x5CA1  # … and for scaling a picture with the wheel
MERGE_SECONDS = 2.0
_WORD_END = set(" \n，。、；：！？,.;:!?）」』”")


class EditCommand(QUndoCommand):
    def __init__(
        self,
        op: Operation,
        inverse: Operation,
        apply: Callable[[Operation], Operation],
        text: str = "",
    ) -> None:
        super().__init__(text or op.describe())
        self.ops = [op]
        self.inverses = [inverse]
        self._apply = apply  # applies an operation to the edition and re-lays the page
        self._first_redo = True  # push() calls redo(): the operation has been applied already
        self._stamp = time.monotonic()

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        self.inverses = [self._apply(op) for op in self.ops]

    def undo(self) -> None:
        for inverse in reversed(self.inverses):
            self._apply(inverse)

    # -- typing merges into word-sized steps --------------------------------------------------

    def id(self) -> int:
        op = self.ops[-1]
        if isinstance(op, ReplaceText) and op.start == op.end:
            return TYPING_ID
        return SCALE_ID if _scales_picture(op) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, EditCommand) and other.id() == SCALE_ID:
            # The notches of one turn of the wheel scaling a picture are one step.
            mine, theirs = self.ops[-1], other.ops[-1]
            if mine.target != theirs.target or other._stamp - self._stamp > MERGE_SECONDS:
                return False
            self.ops.extend(other.ops)
            self.inverses.extend(other.inverses)
            self._stamp = other._stamp
            return True
        if not isinstance(other, EditCommand) or other.id() != TYPING_ID:
            return False
        mine, theirs = self.ops[-1], other.ops[-1]
        assert isinstance(mine, ReplaceText) and isinstance(theirs, ReplaceText)
        adjacent = (
            mine.story == theirs.story
            and mine.part == theirs.part
            and theirs.start == mine.start + len(mine.text)
        )
        word_ended = (
            bool(mine.text) and mine.text[-1] in _WORD_END and theirs.text[:1] not in _WORD_END
        )
        if not adjacent or word_ended or other._stamp - self._stamp > MERGE_SECONDS:
            return False
        self.ops.extend(other.ops)
        self.inverses.extend(other.inverses)
        self._stamp = other._stamp
        return True


def _scales_picture(op: Operation) -> bool:
    """A SetFields of a block's scale (and crop focus) only: what scaling with the wheel does."""
    return (
        isinstance(op, SetFields)
        and op.target[:1] == ("block",)
        and "scale" in op.values
        and set(op.values) <= {"scale", "crop"}
    )
