"""Every menu and toolbar action of the window, triggered on the sample edition as a user would
click it: none raises, none leaves the window without its edition, and whatever they changed is
undone to the opened file byte for byte. (A button that exists but fails when clicked is a defect
a feature test may not catch.) Dialogs are answered Cancel as soon as they open."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6.QtWidgets")

from app_helpers import isolate_settings, open_sample_window, record_messages  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
)

from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402

# Leaving the application is not something to click through here.
SKIP = {"&Quit", "退出(&Q)"}


def _actions(window) -> list[QAction]:
    seen: list[QAction] = []
    for action in window.findChildren(QAction):
        if action.isSeparator() or action.menu() is not None or action.text() in SKIP:
            continue
        if action not in seen:
            seen.append(action)
    return seen


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    """Recent files and the language choice go to this test's settings, not the user's."""
    restore = isolate_settings(tmp_path / "settings")
    yield
    restore()


@pytest.fixture
def window(qapp, registry, tmp_path, monkeypatch):
    folder = tmp_path / "sample"
    write_sample(folder / "sample.newsdesk")
    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    said = record_messages(
        monkeypatch,
        QMessageBox.StandardButton.Cancel,
        ("warning", "critical", "information", "question"),
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    w = open_sample_window(folder, registry, tmp_path / "ed")
    w.said = said
    yield w
    w.undo_stack.clear()
    w.setWindowModified(False)
    w.close()


def _cancel_dialogs() -> QTimer:
    """Close any modal dialog (New, Edition Properties, Find, exports) the moment it shows."""
    timer = QTimer()

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.reject()

    timer.timeout.connect(poll)
    timer.start(30)
    return timer


def test_every_action_runs_and_is_undone(window, qtbot) -> None:
    original = edition_to_json_bytes(window.edition)
    names = [action.text() for action in _actions(window)]
    assert len(names) > 30  # the menus are all there
    timer = _cancel_dialogs()
    triggered = []
    for name in names:
        # Menus that rebuild themselves (recent files, a language switch) make new actions.
        action = next((a for a in _actions(window) if a.text() == name), None)
        if action is None or not action.isEnabled():
            continue
        # Select a story block first, so actions that work on a selection have one.
        block = next(b for b in window.edition.pages[0].blocks if b.kind == "story")
        window.page_list.setCurrentRow(0)
        window.canvas.selection.set([block.id])
        action.trigger()
        QApplication.processEvents()
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, QDialog) and dialog.isVisible() and not dialog.isModal():
                dialog.close()  # non-modal panels (Find) closed again
        assert window.edition is not None, name
        assert window.pages, name
        triggered.append(name)
    timer.stop()
    assert len(triggered) > 30
    # Whatever the actions changed is one undo stack away from the opened file.
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    if window.edition.paper == "滨江日报":  # not replaced by File → New (cancelled above)
        # Save was clicked too: the saved revision counts up, and a save is not an edit to undo.
        assert _without_revision(edition_to_json_bytes(window.edition)) == _without_revision(
            original
        )


def _without_revision(data: bytes) -> dict:
    obj = json.loads(data)
    obj.pop("revision")
    return obj
