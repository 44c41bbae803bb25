"""Find/replace (Ctrl+F, Ctrl+H) through the dialog's widgets: within a story and across the
edition, next/previous with wrap-around, the hit selected in the story editor and its block on
the page, replace one, replace all as ONE undo step."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from app_helpers import sample_window, undo_all  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from newsdesk.edit.find import find_all  # noqa: E402
from newsdesk.edit.text import part_text  # noqa: E402
from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402


@pytest.fixture(scope="module")
def window(qapp, registry, tmp_path_factory):
    with sample_window(registry, tmp_path_factory) as w:
        yield w


@pytest.fixture
def dialog(window):
    original = edition_to_json_bytes(window.edition)
    window.activateWindow()  # the dialog of the last test had the activation
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dlg = window.find_dialog
    assert dlg.isVisible()
    yield dlg
    dlg.hide()
    undo_all(window, original)


def type_into(line_edit, text: str) -> None:
    line_edit.clear()
    line_edit.insert(text)  # QTest.keyClicks only knows ASCII; insert() is the typed result


def selection(window):
    editor = window.story_dock.editor
    edit = next(e for e in editor.parts.values() if e.textCursor().hasSelection())
    cursor = edit.textCursor()
    return editor.story_id, edit.part, cursor.selectionStart(), cursor.selectionEnd()


def test_find_next_and_previous_across_the_edition(window, dialog) -> None:
    everywhere = find_all(window.edition, "市民")
    assert len(everywhere) > 3 and len({h.story for h in everywhere}) > 1
    type_into(dialog.find_text, "市民")
    dialog.scope.setCurrentIndex(dialog.scope.findData("edition"))
    window.story_dock.editor.show_story(None)
    QTest.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    first = everywhere[0]
    assert selection(window) == (first.story, first.part, first.start, first.end)
    QTest.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    second = everywhere[1]
    assert selection(window) == (second.story, second.part, second.start, second.end)
    assert "2" in dialog.status.text()
    # The block holding the hit is outlined on the page shown.
    frame = next(
        f
        for f in window.pages[window.page_list.currentRow()].frames
        if (f.x, f.y, f.width, f.height) == window.view.highlight
    )
    assert frame.story == second.story
    QTest.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)
    assert selection(window)[2:] == (first.start, first.end)
    QTest.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)  # wraps to the last
    last = everywhere[-1]
    assert selection(window) == (last.story, last.part, last.start, last.end)


def test_find_within_the_story_and_replace_one(window, dialog) -> None:
    sid = "lead-bridge"
    window.open_story_editor(sid, "body", 0)
    type_into(dialog.find_text, "三桥")
    type_into(dialog.replace_text, "新桥")
    dialog.scope.setCurrentIndex(dialog.scope.findData("story"))
    hits = find_all(window.edition, "三桥", sid)
    assert hits and all(h.story == sid for h in hits)
    QTest.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert selection(window)[0] == sid
    start = selection(window)[2]
    part = selection(window)[1]
    QTest.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    story = window.edition.stories[sid]
    text = part_text(story, part)
    assert text[start : start + 2] == "新桥"
    assert len(find_all(window.edition, "三桥", sid)) == len(hits) - 1
    # It moved on to the next hit, selected in the editor, which shows the model's text.
    assert selection(window)[2:] != (start, start + 2)
    assert window.story_dock.editor.parts[part].raw_text() == text


def test_replace_all_is_one_undo_step(window, dialog) -> None:
    before = edition_to_json_bytes(window.edition)
    count = len(find_all(window.edition, "市民"))
    assert count > 5
    type_into(dialog.find_text, "市民")
    type_into(dialog.replace_text, "居民们")
    dialog.scope.setCurrentIndex(dialog.scope.findData("edition"))
    steps = window.undo_stack.count()
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    assert find_all(window.edition, "市民") == []
    assert len(find_all(window.edition, "居民们")) >= count
    assert window.undo_stack.count() == steps + 1
    assert str(count) in dialog.status.text()
    assert any("居民们" in line.text for page in window.pages for line in page.lines())
    window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == before


def test_match_case_and_not_found(window, dialog) -> None:
    type_into(dialog.find_text, "k31")
    dialog.scope.setCurrentIndex(dialog.scope.findData("edition"))
    assert dialog.hits()  # K31 in the lead story, whatever the case
    dialog.match_case.setChecked(True)
    assert dialog.hits() == []
    QTest.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() in ("找不到", "Not found")
    dialog.match_case.setChecked(False)
