"""Helpers for GUI tests that drive the real window: one sample edition opened once per module,
every test's edits undone afterwards (and checked to restore the file byte for byte), and real
key events for Chinese text (QTest.keyClicks only knows ASCII)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from newsdesk.model.serialize import edition_to_json_bytes


def type_text(widget, text: str) -> None:
    """Key press and release events carrying each character, as a keyboard (or IME) sends them."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def ime_commit(widget, preedit: str, commit: str) -> None:
    """An input method composing `preedit` (pinyin), then committing `commit` (汉字)."""
    QApplication.sendEvent(widget, QInputMethodEvent(preedit, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(commit)
    QApplication.sendEvent(widget, event)


def open_sample_window(folder: Path, registry, tmp: Path):
    """A shown MainWindow on a copy of the sample edition in `folder`."""
    from newsdesk.app.main_window import MainWindow

    shutil.copytree(folder, tmp / "ed")
    window = MainWindow(registry)
    window.resize(1400, 900)
    window.show()
    assert window.open_path(tmp / "ed" / "sample.newsdesk")
    QApplication.processEvents()
    return window


def undo_all(window, original: bytes) -> None:
    """Undo every edit of a test; the edition must be byte-identical to how it was opened."""
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    window.undo_stack.clear()
    assert edition_to_json_bytes(window.edition) == original


def close_window(window, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.close()
