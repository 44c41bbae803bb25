"""File → New from the page template, Save (asking for a name), Edition Properties as one undo
step, Open Recent with a vanished file, and the unsaved-changes question — through the dialogs,
filled with key clicks and closed with button clicks."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from app_helpers import isolate_settings, when_dialog_opens  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from newsdesk.edit import SetFields  # noqa: E402
from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.model.edition_file import load_edition  # noqa: E402
from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402


@pytest.fixture(autouse=True, scope="module")
def own_settings(tmp_path_factory):
    """Recent files and dialog defaults go to a settings file of this module, not the user's."""
    restore = isolate_settings(tmp_path_factory.mktemp("settings"))
    yield
    restore()


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    write_sample(folder / "sample.newsdesk")
    return folder


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(default_registry())
    qtbot.addWidget(w)
    return w


def type_text(widget, text: str) -> None:
    """Key clicks for ASCII; Chinese arrives as an input method commits it (QTest.keyClicks
    only knows ASCII keys)."""
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def _retype(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(widget, text)


def _click_ok(dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _new_edition(window, qtbot, paper="江城晚报", pages=8, number="1234") -> None:
    def fill(dialog) -> None:
        _retype(dialog.findChild(QLineEdit, "paper"), paper)
        date = dialog.findChild(QDateEdit, "date")
        date.setFocus()
        date.setCurrentSection(QDateEdit.Section.YearSection)
        QTest.keyClicks(date, "2026-12-24")
        _retype(dialog.findChild(QSpinBox, "number"), number)
        combo = dialog.findChild(QComboBox, "template")
        combo.setCurrentIndex(combo.findData(pages))
        _click_ok(dialog)

    seen = when_dialog_opens(fill)
    _trigger(window, "Ctrl+N")
    assert seen, "the New dialog did not open"


def _trigger(window, shortcut: str) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    wanted = QKeySequence(shortcut)
    action = next(a for a in window.findChildren(QAction) if wanted in a.shortcuts())
    action.trigger()


def _page_text(window, index: int) -> str:
    return "".join(line.text for line in window.pages[index].lines())


def test_new_edition_from_the_template_then_save_asks_for_a_name(
    window, qtbot, tmp_path, monkeypatch
):
    _new_edition(window, qtbot)
    edition = window.edition
    assert edition.paper == "江城晚报" and edition.number == 1234
    assert edition.date == dt.date(2026, 12, 24)
    assert len(window.pages) == 8 and window.page_list.count() == 8
    assert window.path is None
    assert "江城晚报" in _page_text(window, 0)  # the masthead
    assert "第1234期" in _page_text(window, 0) and "今日8版" in _page_text(window, 0)
    assert "第二版" in _page_text(window, 1) and "2026年12月24日" in _page_text(window, 1)
    ads = [b for p in edition.pages for b in p.blocks if b.kind == "ad"]
    assert ads and all(not b.image for b in ads)  # booked spaces, waiting for the ad files
    assert window.windowTitle().startswith(("Untitled", "未命名"))

    target = tmp_path / "jc.newsdesk"
    asked = []

    def save_name(*args, **kwargs):
        asked.append(args)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    _trigger(window, "Ctrl+S")
    assert asked, "Save of an untitled edition must ask for a name"
    assert target.exists() and window.path == target
    assert load_edition(target).paper == "江城晚报"
    assert window.windowTitle().startswith("jc.newsdesk")
    assert str(target.resolve()) in window.recent.paths()


def test_new_with_unsaved_changes_asks_first(window, qtbot, sample_dir, tmp_path, monkeypatch):
    shutil.copytree(sample_dir, tmp_path / "ed")
    assert window.open_path(tmp_path / "ed" / "sample.newsdesk")
    assert window.apply(SetFields(("edition",), {"number": 77}))
    assert window.isWindowModified() and window.windowTitle().startswith("sample.newsdesk[*]")
    asked = []

    def cancel(*args, **kwargs):
        asked.append(args)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    _trigger(window, "Ctrl+N")
    assert asked and window.edition.number == 77  # cancelled: the edition stays
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    _new_edition(window, qtbot, paper="晨报", pages=4)
    assert window.edition.paper == "晨报" and len(window.pages) == 4
    assert not window.isWindowModified()


def test_edition_properties_are_one_undo_step(window, qtbot, sample_dir, tmp_path) -> None:
    shutil.copytree(sample_dir, tmp_path / "ed")
    assert window.open_path(tmp_path / "ed" / "sample.newsdesk")
    original = edition_to_json_bytes(window.edition)

    def fill(dialog) -> None:
        _retype(dialog.findChild(QLineEdit, "paper"), "滨江晚报")
        _retype(dialog.findChild(QSpinBox, "number"), "9001")
        _retype(dialog.findChild(QSpinBox, "pages"), "5")
        _click_ok(dialog)

    seen = when_dialog_opens(fill)
    action = next(
        a
        for a in window.menuBar().actions()[0].menu().actions()
        if "…" in a.text() and ("Properties" in a.text() or "属性" in a.text())
    )
    action.trigger()
    assert seen
    edition = window.edition
    assert (edition.paper, edition.number, len(edition.pages)) == ("滨江晚报", 9001, 5)
    assert window.undo_stack.count() == 1
    front = _page_text(window, 0)
    assert "第9001期" in front and "今日5版" in front  # masthead fields follow at once
    assert "第五版" in _page_text(window, 4)  # the added inside page has its header
    window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == original
    window.undo_stack.redo()
    assert window.edition.number == 9001 and len(window.pages) == 5


def test_recent_files_drop_a_vanished_file_with_a_message(
    window, sample_dir, tmp_path, monkeypatch
):
    shutil.copytree(sample_dir, tmp_path / "ed")
    path = tmp_path / "ed" / "sample.newsdesk"
    assert window.open_path(path)
    name = str(path.resolve())
    assert window.recent.paths()[0] == name
    menu = window.recent.menu
    menu.aboutToShow.emit()
    assert any(a.data() == name for a in menu.actions())
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a))
    moved = tmp_path / "moved.newsdesk"
    path.rename(moved)
    next(a for a in menu.actions() if a.data() == name).trigger()
    assert warnings and name in warnings[0][2]
    assert name not in window.recent.paths()
    menu.aboutToShow.emit()
    assert not any(a.data() == name for a in menu.actions())
