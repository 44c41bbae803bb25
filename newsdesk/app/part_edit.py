"""One part of a story (引题, 主题, 副题, 署名, 转版标题 or the body) as a text editor whose every
change becomes a ReplaceText operation through the window, so typing, paste, cut, Enter (splits a
paragraph), Backspace at a paragraph start (joins two) and IME commits are all undoable edits.

The widget edits itself as Qt's editors do; after each change the difference between the text it
showed before (`shadow`, always equal to the story's text in the model) and its new text becomes
one ReplaceText with exact offsets. The document's own undo is off: Ctrl+Z and Ctrl+Shift+Z use
the window's undo stack, and `sync_from_model` carries undo, redo and find/replace back into the
widget as a minimal edit (the cursor lands where the text changed, the view does not jump).
Offsets in the widget equal offsets in the model: paragraphs are blocks, and a block separator
counts one character, as "\\n" does in the story's body text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from newsdesk.edit import ReplaceText
from newsdesk.edit.text import part_text
from newsdesk.model.copy_import import normalise_copy_text

# Qt's document marks paragraph ends with U+2029, Shift+Enter with U+2028; the model uses "\n".
_TO_MODEL = str.maketrans({"\u2029": "\n", "\u2028": "\n"})
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text_change(old: str, new: str, hint: int = -1) -> tuple[int, int, str] | None:
    """(start, end, text) such that old[:start] + text + old[end:] == new, or None if equal.

    The common prefix is taken no further than `hint` (where the widget says the change began),
    so typing 字 after 字 is an insertion at the cursor, not one character earlier or later.
    """
    if old == new:
        return None
    limit = min(len(old), len(new))
    if 0 <= hint < limit:
        limit = hint
    if old[:limit] == new[:limit]:
        start = limit
    else:
        start = 0
        while start < limit and old[start] == new[start]:
            start += 1
    # The longest common suffix (within what the prefix left), by halving on slice compares:
    # a keystroke in the middle of a 3,000-character body compares in C, not char by char.
    room = min(len(old), len(new)) - start
    lo, hi = 0, room  # a suffix of lo characters is common; one of hi + 1 is not (or too long)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid :] == new[len(new) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    tail = lo
    return start, len(old) - tail, new[start : len(new) - tail]


class PartEdit(QPlainTextEdit):
    """The editor of one story part. `apply(op) -> bool` is the window's apply."""

    def __init__(self, part: str, apply: Callable[[ReplaceText], bool], undo, redo) -> None:
        super().__init__()
        self.part = part
        self.story = None  # the model Story shown, or None
        self.shadow = ""  # the widget's text as the model has it
        self._apply = apply
        self._undo, self._redo = undo, redo
        self._syncing = False
        self.after_edit: Callable[[int, int], None] | None = None  # (start, end) just typed
        # Keys the editor handles itself even where the window has a shortcut (Ctrl+B …).
        self.key_handlers: list[tuple[QKeySequence, Callable[[], None]]] = []
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.document().contentsChange.connect(self._on_contents_change)

    # -- model -> widget ------------------------------------------------------------------------

    def raw_text(self) -> str:
        # str.replace runs in C; translate() with a mapping calls back per character.
        return self.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")

    def show_story(self, story) -> None:
        """Show a story's text (None: empty and read-only), cursor at the start."""
        self.story = story
        text = part_text(story, self.part) if story is not None else ""
        self._syncing = True
        try:
            self.setPlainText(text)
        finally:
            self._syncing = False
        self.shadow = text
        self.setReadOnly(story is None)

    def sync_from_model(self, move_cursor: bool = True) -> bool:
        """Bring the widget to the model's text with a minimal edit; True if it changed."""
        model = part_text(self.story, self.part) if self.story is not None else ""
        change = text_change(self.shadow, model)
        if change is None:
            return False
        start, end, text = change
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._syncing = True
        try:
            cursor.insertText(text)
        finally:
            self._syncing = False
        self.shadow = model
        if self.raw_text() != model:  # never leave the widget showing other text than the model
            self.show_story(self.story)
        elif move_cursor:
            cursor.setPosition(start + len(text))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
        return True

    # -- widget -> model ------------------------------------------------------------------------

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._syncing or self.story is None:
            return
        new = self.raw_text()
        change = text_change(self.shadow, new, position)
        if change is None:
            return  # a format or IME pre-edit change: the text is the same
        start, end, text = change
        self._syncing = True  # the window's editionChanged must not sync this widget back
        try:
            accepted = self._apply(ReplaceText(self.story.id, self.part, start, end, text))
        finally:
            self._syncing = False
        if accepted:
            self.shadow = new
            if self.after_edit is not None:
                self.after_edit(start, start + len(text))
        else:
            # Refused (the message is in the status bar): show the model's text again.
            self.show_story(self.story)
            cursor = self.textCursor()
            cursor.setPosition(min(start, len(self.shadow)))
            self.setTextCursor(cursor)

    @property
    def syncing(self) -> bool:
        return self._syncing

    # -- keys -----------------------------------------------------------------------------------

    def _handler(self, event: QKeyEvent):
        if event.matches(QKeySequence.StandardKey.Undo):
            return self._undo
        if event.matches(QKeySequence.StandardKey.Redo) or event.keyCombination() == (
            Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Y
        ):
            return self._redo
        for sequence, handler in self.key_handlers:
            if QKeySequence(event.keyCombination()) == sequence:
                return handler
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self._handler(event) is not None:
                event.accept()  # ours, not the window's Ctrl+Z (which would undo a second time)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        handler = self._handler(event)
        if handler is not None:
            handler()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Shift+Enter would insert U+2028 (a line break inside a Qt block): a paragraph here.
            self.textCursor().insertText("\n")
            self.ensureCursorVisible()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        """Paste plain text only, cleaned as imported copy is: line ends made "\\n", tabs a
        space, byte-order marks and control characters (debris of other tools) dropped."""
        if source.hasText():
            raw = source.text()
            text = _CONTROLS.sub("", normalise_copy_text(raw.translate(_TO_MODEL)))
            if raw.splitlines(keepends=True)[-1:] != raw.splitlines()[-1:]:
                text += "\n"  # copied whole lines: the paste ends with a paragraph break
            self.textCursor().insertText(text)
            self.ensureCursorVisible()
