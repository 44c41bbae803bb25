"""The pages panel: thumbnails painted from the layout (again only for pages that changed), add
pages of the template's types from the panel's button, delete (asking when a page holds content),
drag to reorder — jump lines and page headers follow — and a story dropped on a thumbnail.

Qt's own drag loop (QDrag.exec) cannot be driven offscreen, so the reorder test sends the drag
enter, move and drop events to the panel's viewport with the mime data the panel itself makes for
the dragged thumbnail: the same dropEvent a person's drag reaches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from app_helpers import dark_pixels, drop  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QToolButton  # noqa: E402

from newsdesk.app.pages_panel import STORY_MIME  # noqa: E402
from newsdesk.edit import ReplaceText  # noqa: E402
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
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    shutil.copytree(sample_dir, tmp_path / "ed")
    w = MainWindow(default_registry())
    qtbot.addWidget(w)
    assert w.open_path(tmp_path / "ed" / "sample.newsdesk")
    w.show()
    qtbot.waitExposed(w)
    w.page_list.finish_thumbnails()
    return w


def _text(window, index: int) -> str:
    return "".join(line.text for line in window.pages[index].lines())


def _drag(panel, mime: QMimeData, pos: QPoint) -> None:
    drop(panel.viewport(), mime, pos)


def test_thumbnails_are_painted_and_only_changed_pages_again(window, qtbot) -> None:
    panel = window.page_list
    assert panel.count() == 4
    assert sorted(panel.painted) == sorted(p.id for p in window.edition.pages)
    for row in range(4):
        assert dark_pixels(panel.item(row).icon()) > 40  # text and rules, not a white sheet
    assert "390×540 mm" in panel.item(0).toolTip()
    panel.painted.clear()
    assert window.apply(ReplaceText("essay", "body", 0, 0, "新加的文字。"))
    QApplication.processEvents()
    assert panel.painted == []  # not while the editor is still typing
    qtbot.waitUntil(lambda: panel.painted == ["p4"], timeout=3000)
    QTest.qWait(100)
    assert panel.painted == ["p4"], panel.painted  # the other three were not repainted


def test_drag_to_reorder_renumbers_jumps_and_headers(window) -> None:
    panel = window.page_list
    original = edition_to_json_bytes(window.edition)
    assert "（下转第三版）" in _text(window, 0)
    mime = panel.mimeData([panel.item(2)])  # page 3 (城事), where the lead story continues
    rect = panel.visualItemRect(panel.item(1))
    _drag(panel, mime, QPoint(rect.left() + 3, rect.center().y()))  # before page 2
    assert [p.id for p in window.edition.pages] == ["p1", "p3", "p2", "p4"]
    assert window.undo_stack.count() == 1
    assert "（下转第二版）" in _text(window, 0)  # the jump line follows the page
    assert _text(window, 1).startswith("第二版")  # and so does the page header ({版次})
    assert panel.item(1).text().endswith("城事") and panel.currentRow() == 1
    window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == original
    assert "（下转第三版）" in _text(window, 0)


def test_add_pages_from_the_button_and_delete_them(window, monkeypatch) -> None:
    panel = window.page_list
    original = edition_to_json_bytes(window.edition)
    panel.setCurrentRow(1)
    button = window.findChild(QToolButton, "add-page")
    inside = next(a for a in button.menu().actions() if a.text() == "内页")
    inside.trigger()
    assert len(window.edition.pages) == 5 and panel.count() == 5
    assert panel.currentRow() == 2 and _text(window, 2).startswith("第三版")
    assert "（下转第四版）" in _text(window, 0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a))
    panel.setFocus()
    QTest.keyClick(panel, Qt.Key.Key_Delete)  # only furniture on it: no question
    assert not asked and len(window.edition.pages) == 4
    assert edition_to_json_bytes(window.edition) == original


def test_deleting_a_page_with_content_asks(window, monkeypatch) -> None:
    panel = window.page_list
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    text = window.edition.stories["hotline"].body_text()
    assert not panel.delete_page(2)
    assert len(window.edition.pages) == 4
    assert panel.delete_page(2)
    assert [p.id for p in window.edition.pages] == ["p1", "p2", "p4"]
    assert window.edition.stories["hotline"].body_text() == text  # unplaced, never lost
    window.undo_stack.undo()
    assert len(window.pages) == 4 and panel.count() == 4


def test_double_click_shows_the_page(window, qtbot) -> None:
    panel = window.page_list
    rect = panel.visualItemRect(panel.item(3))
    QTest.mouseDClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.currentRow() == 3 and window.view.page() is window.pages[3]


def test_story_dropped_on_a_thumbnail_continues_there(window, monkeypatch) -> None:
    panel = window.page_list
    calls = []
    monkeypatch.setattr(
        window,
        "continue_story_on_page",
        lambda sid, index: calls.append((sid, index)),
        raising=False,
    )
    mime = QMimeData()
    mime.setData(STORY_MIME, b"lead-bridge")
    rect = panel.visualItemRect(panel.item(3))
    _drag(panel, mime, rect.center())
    assert calls == [("lead-bridge", 3)]


def test_a_loaded_cursor_clicked_on_a_thumbnail_continues_there(window, monkeypatch) -> None:
    from types import SimpleNamespace

    panel = window.page_list
    calls = []
    monkeypatch.setattr(
        window,
        "continue_story_on_page",
        lambda sid, index: calls.append((sid, index)),
        raising=False,
    )
    monkeypatch.setattr(
        window, "canvas", SimpleNamespace(gun=SimpleNamespace(story="feature-ferry")), raising=False
    )
    rect = panel.visualItemRect(panel.item(2))
    QTest.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert calls == [("feature-ferry", 2)]
