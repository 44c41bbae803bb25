"""The window's undo stack wraps engine operations: apply, undo, redo, typing merged into words,
refused operations never reach the stack, and undo restores the saved file byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from newsdesk.edit import ReplaceText, SetFields  # noqa: E402
from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    write_sample(folder / "sample.newsdesk")
    return folder


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path, sample_dir):
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    # Closing a window with unsaved edits asks; the test answers "discard".
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    shutil.copytree(sample_dir, tmp_path / "ed")
    w = MainWindow(default_registry())
    qtbot.addWidget(w)
    assert w.open_path(tmp_path / "ed" / "sample.newsdesk")
    return w


def test_move_undo_redo_relays_the_page(window) -> None:
    original = edition_to_json_bytes(window.edition)
    block = window.edition.pages[0].blocks[-1]
    x0 = block.x
    assert window.apply(SetFields(("block", block.id), {"x": x0 + 126.0}))
    assert window.isWindowModified()
    frame = next(f for f in window.pages[0].frames if f.block == block.id)
    assert frame.x == pytest.approx(x0 + 126.0)  # the page was laid out again at once
    window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == original
    assert not window.isWindowModified()
    window.undo_stack.redo()
    assert block.x == pytest.approx(x0 + 126.0)


def test_refused_operation_is_not_an_undo_step(window) -> None:
    assert not window.apply(SetFields(("block", "no-such"), {"x": 1.0}))
    assert window.undo_stack.count() == 0
    assert "找不到" in window.statusBar().currentMessage()


def test_typing_merges_into_word_steps(window) -> None:
    original = edition_to_json_bytes(window.edition)
    sid = next(iter(window.edition.stories))
    for i, ch in enumerate("今天下雨"):
        window.apply(ReplaceText(sid, "body", i, i, ch))
    window.apply(ReplaceText(sid, "body", 4, 4, "，"))
    window.apply(ReplaceText(sid, "body", 5, 5, "明"))
    assert window.edition.stories[sid].body_text().startswith("今天下雨，明")
    assert window.undo_stack.count() == 2  # 「今天下雨，」 and 「明」
    window.undo_stack.undo()
    assert window.edition.stories[sid].body_text().startswith("今天下雨，")
    window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == original
