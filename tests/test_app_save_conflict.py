"""The window never loses work (issue 10): recovery is offered before a damaged file is read, a
save over a file changed on disk asks keep mine / reload / save as, and a save removes only the
autosaves this window wrote or offered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from model_helpers import make_edition  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402

from newsdesk.app.save_conflict import ROLES, ConflictChoice, conflict_box  # noqa: E402
from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.model.autosave import autosave_path, write_autosave  # noqa: E402
from newsdesk.model.edition_file import load_edition, save_edition  # noqa: E402


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    w = MainWindow(default_registry())
    qtbot.addWidget(w)
    return w


@pytest.fixture
def edition_file(tmp_path) -> Path:
    path = tmp_path / "today.newsdesk"
    save_edition(make_edition(), path, keep_backup=False)
    return path


def _answer_recovery(monkeypatch, answer=QMessageBox.StandardButton.Yes) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _press_when_asked(choice: ConflictChoice, seen: list[str]) -> None:
    """Press the button for `choice` on the conflict question once it is shown."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        for button in box.buttons():
            if box.buttonRole(button) == ROLES[choice]:
                button.click()
                return
        box.reject()  # no such button: fail the test rather than wait for ever

    QTimer.singleShot(0, press)


def _someone_else_saves(path: Path, paper: str) -> None:
    other = load_edition(path)
    other.paper = paper
    save_edition(other, path)


def test_a_damaged_file_with_a_good_autosave_offers_recovery_first(
    window, edition_file, monkeypatch
):
    good = make_edition()
    good.paper = "自动保存里的版面"
    write_autosave(good, edition_file)
    edition_file.write_bytes(edition_file.read_bytes()[:200])  # cut off: damaged
    asked = _answer_recovery(monkeypatch)
    critical: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: critical.append(a[2]))
    assert window.open_path(edition_file)
    assert asked and not critical
    assert window.edition.paper == "自动保存里的版面"
    assert not window.undo_stack.isClean()
    # Saving writes the recovered work over the damaged file, which is not a conflict.
    assert window.save()
    assert load_edition(edition_file).paper == "自动保存里的版面"
    assert not autosave_path(edition_file).exists()


def test_declining_recovery_of_a_damaged_file_reports_the_damage(window, edition_file, monkeypatch):
    write_autosave(make_edition(), edition_file)
    edition_file.write_bytes(b"{")
    _answer_recovery(monkeypatch, QMessageBox.StandardButton.No)
    critical: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: critical.append(a[2]))
    assert not window.open_path(edition_file)
    assert critical and "today.newsdesk" in critical[0]
    assert autosave_path(edition_file).exists()  # still there for the next try


def test_after_an_upgrade_rewrote_the_file_the_autosave_is_still_offered(
    window, edition_file, monkeypatch, capsys
):
    from newsdesk.cli import main

    lost = make_edition()
    lost.paper = "崩溃前的改动"
    auto = write_autosave(lost, edition_file)
    earlier = edition_file.stat().st_mtime - 60
    os.utime(auto, (earlier, earlier))
    assert main(["upgrade", str(edition_file)]) == 0
    asked = _answer_recovery(monkeypatch)
    assert window.open_path(edition_file)
    assert asked and ("saved again later" in asked[0] or "文件后来又保存过" in asked[0])
    assert window.edition.paper == "崩溃前的改动"


@pytest.mark.parametrize(
    "choice", [ConflictChoice.KEEP_MINE, ConflictChoice.RELOAD, ConflictChoice.CANCEL]
)
def test_a_save_over_a_file_changed_on_disk_asks(window, edition_file, monkeypatch, choice):
    assert window.open_path(edition_file)
    window.edition.paper = "我的改动"
    _someone_else_saves(edition_file, "别人的改动")
    seen: list[str] = []
    _press_when_asked(choice, seen)
    saved = window.save()
    assert seen and "today.newsdesk" in seen[0]
    on_disk = load_edition(edition_file).paper
    if choice is ConflictChoice.KEEP_MINE:
        assert saved and on_disk == "我的改动"
    elif choice is ConflictChoice.RELOAD:
        assert saved and on_disk == "别人的改动" and window.edition.paper == "别人的改动"
    else:
        assert not saved and on_disk == "别人的改动" and window.edition.paper == "我的改动"


def test_save_as_from_the_conflict_keeps_both(window, edition_file, monkeypatch, tmp_path):
    assert window.open_path(edition_file)
    window.edition.paper = "我的改动"
    _someone_else_saves(edition_file, "别人的改动")
    mine = tmp_path / "mine.newsdesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(mine), ""))
    _press_when_asked(ConflictChoice.SAVE_AS, [])
    assert window.save()
    assert load_edition(edition_file).paper == "别人的改动"
    assert load_edition(mine).paper == "我的改动" and window.path == mine


def test_a_save_keeps_an_autosave_this_window_never_saw(window, edition_file):
    assert window.open_path(edition_file)
    other = make_edition()
    other.paper = "另一个窗口的工作"
    write_autosave(other, edition_file)  # another window, after this one opened the file
    window.edition.number = 3
    assert window.save()
    assert autosave_path(edition_file).exists()
    assert load_edition(autosave_path(edition_file)).paper == "另一个窗口的工作"


def test_a_save_removes_the_autosave_this_window_wrote(window, edition_file):
    assert window.open_path(edition_file)
    window.edition.number = 4
    window.undo_stack.resetClean()  # unsaved edits, so the timer writes an autosave
    window.autosave()
    assert autosave_path(edition_file).exists()
    assert window.save()
    assert not autosave_path(edition_file).exists()


def test_the_conflict_question_offers_each_answer_once(qtbot):
    box, buttons = conflict_box(None, Path("today.newsdesk"))
    qtbot.addWidget(box)
    assert sorted(c.value for c in buttons.values()) == sorted(c.value for c in ConflictChoice)
    assert "today.newsdesk" in box.text()
    assert buttons[box.defaultButton()] is ConflictChoice.SAVE_AS  # the answer that loses nothing
