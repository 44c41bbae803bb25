"""Helpers for GUI tests that drive the real window: one sample edition opened once per module,
every test's edits undone afterwards (and checked to restore the file byte for byte), and real
key events for Chinese text (QTest.keyClicks only knows ASCII)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
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


def isolate_settings(folder: Path):
    """Point QSettings (recent files, language, dialog defaults) at `folder` for one test or
    module; returns the function that points them back at the user's."""
    from PySide6.QtCore import QSettings, QStandardPaths

    fmt, scope = QSettings.Format.NativeFormat, QSettings.Scope.UserScope
    QSettings.setPath(fmt, scope, str(folder))

    def restore() -> None:
        location = QStandardPaths.StandardLocation.GenericConfigLocation
        QSettings.setPath(fmt, scope, QStandardPaths.writableLocation(location))

    return restore


def when_dialog_opens(fill) -> list:
    """Run `fill(dialog)` on the next modal dialog (exec() blocks the test until it closes)."""
    from PySide6.QtCore import QTimer

    seen: list = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog)
        fill(dialog)

    QTimer.singleShot(0, poll)
    return seen


def drop(widget, mime, pos) -> None:
    """A drag entering `widget` (a viewport) at `pos` and dropped there, as Qt delivers it."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    move = Qt.DropAction.MoveAction
    left = Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(widget, QDragEnterEvent(pos, move, mime, left, none))
    QApplication.sendEvent(widget, QDragMoveEvent(pos, move, mime, left, none))
    QApplication.sendEvent(widget, QDropEvent(QPointF(pos), move, mime, left, none))


def click_item(list_widget, row: int) -> None:
    """A left click in the middle of a list widget's row (a page thumbnail)."""
    from PySide6.QtTest import QTest

    rect = list_widget.visualItemRect(list_widget.item(row))
    QTest.mouseClick(
        list_widget.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )


@contextmanager
def sample_window(registry, tmp_path_factory):
    """A shown window on its own copy of the sample edition, for a test module: no autosave
    outside the test's folders, Discard to the unsaved-changes question, closed afterwards."""
    import pytest

    from newsdesk.sample import write_sample

    folder = tmp_path_factory.mktemp("sample")
    write_sample(folder / "sample.newsdesk")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSDESK_RECOVERY_DIR", str(folder / "recovery"))
        mp.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
        window = open_sample_window(folder, registry, tmp_path_factory.mktemp("ed"))
        yield window
        window.undo_stack.clear()
        window.close()


def record_messages(monkeypatch, answer, names=("warning", "critical", "information")) -> list:
    """Message boxes answered `answer` at once and recorded as "title: text" (a modal box left
    open would hang the test)."""
    said: list[str] = []

    def message(_parent, title, text, *args, **kwargs):
        said.append(f"{title}: {text}")
        return answer

    for name in names:
        monkeypatch.setattr(QMessageBox, name, message)
    return said


def dark_pixels(icon) -> int:
    """How many sampled pixels of a page thumbnail are dark (text and rules, not a white sheet)."""
    image = icon.pixmap(96, 135).toImage()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < 160
    )
