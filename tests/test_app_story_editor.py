"""The story editor dock, driven with real key and input-method events: every keystroke is an
edit operation, the page re-lays and the copyfit badge follows, Ctrl+Z in the editor uses the
window's undo stack, and the editor always shows exactly the story's text in the model."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from app_helpers import ime_commit, sample_window, type_text, undo_all  # noqa: E402
from PySide6.QtCore import QMimeData, Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent, QTextCharFormat  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from newsdesk.edit.text import part_text  # noqa: E402
from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402

STORY = "lead-bridge"  # 3,076 characters, threaded from page 1 to page 3
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(scope="module")
def window(qapp, registry, tmp_path_factory):
    with sample_window(registry, tmp_path_factory) as w:
        yield w


@pytest.fixture
def ed(window):
    """The story editor; after the test every edit is undone and the file is as it was."""
    original = edition_to_json_bytes(window.edition)
    yield window.story_dock.editor
    undo_all(window, original)
    editor = window.story_dock.editor
    for edit in editor.parts.values():
        if editor.story() is not None:
            assert edit.raw_text() == part_text(editor.story(), edit.part)


def story(window, sid=STORY):
    return window.edition.stories[sid]


def page_text(window, sid=STORY, part="body") -> str:
    return "".join(
        line.text
        for page in window.pages
        for line in page.lines()
        if line.story == sid and line.part == part
    )


def in_sync(editor) -> bool:
    return all(
        edit.raw_text() == part_text(editor.story(), edit.part) for edit in editor.parts.values()
    )


def test_typing_relays_the_page_and_changes_the_badge(window, ed) -> None:
    window.open_story_editor(STORY, "body", 10)
    assert ed.story_id == STORY and ed.body.hasFocus() or ed.body.textCursor().position() == 10
    assert ed.body.textCursor().position() == 10
    badge = ed.badge.text()
    typed = "桥上新增的一段文字" * 8
    type_text(ed.body, typed)
    body = part_text(story(window), "body")
    assert body[10 : 10 + len(typed)] == typed
    assert in_sync(ed)
    assert typed[:9] in page_text(window)  # the page was laid out again with the new text
    assert any("桥上新增" in line.text for page in window.pages for line in page.lines())
    assert ed.badge.text() != badge and "超" in ed.badge.text()
    # Typing merged into word-sized steps, not one step per character.
    assert window.undo_stack.count() < len(typed)


def test_ctrl_z_in_the_editor_uses_the_window_undo_stack(window, ed) -> None:
    before = part_text(story(window), "body")
    window.open_story_editor(STORY, "body", 0)
    type_text(ed.body, "今天")
    QTest.keyClick(ed.body, Qt.Key.Key_Z, CTRL)
    assert part_text(story(window), "body") == before
    assert ed.body.raw_text() == before
    assert window.undo_stack.index() == 0  # undone once, not twice (window shortcut + editor)
    QTest.keyClick(ed.body, Qt.Key.Key_Z, CTRL | SHIFT)
    assert part_text(story(window), "body") == "今天" + before
    assert ed.body.raw_text() == "今天" + before
    QTest.keyClick(ed.body, Qt.Key.Key_Z, CTRL)
    QTest.keyClick(ed.body, Qt.Key.Key_Y, CTRL)
    assert ed.body.raw_text() == "今天" + before


def test_enter_splits_and_backspace_joins_paragraphs(window, ed) -> None:
    s = story(window)
    count = len(s.paragraphs)
    first = s.paragraphs[0].text
    window.open_story_editor(STORY, "body", 5)
    QTest.keyClick(ed.body, Qt.Key.Key_Return)
    assert len(s.paragraphs) == count + 1
    assert s.paragraphs[0].text == first[:5] and s.paragraphs[1].text.startswith(first[5:])
    assert in_sync(ed)
    QTest.keyClick(ed.body, Qt.Key.Key_Backspace)  # at the start of the new paragraph: joins
    assert len(s.paragraphs) == count and s.paragraphs[0].text == first
    QTest.keyClick(ed.body, Qt.Key.Key_Delete)  # deletes the character after the cursor
    assert s.paragraphs[0].text == first[:5] + first[6:]
    assert in_sync(ed)
    # Shift+Enter is a paragraph break as well (never a hidden line separator inside one).
    QTest.keyClick(ed.body, Qt.Key.Key_Return, SHIFT)
    assert len(s.paragraphs) == count + 1 and in_sync(ed)


def test_paste_cut_and_the_edit_menu_undo(window, ed) -> None:
    s = story(window)
    before = s.body_text()
    window.open_story_editor(STORY, "body", 0)
    mime = QMimeData()
    mime.setText("第一段\r\n第二段\n")
    QApplication.clipboard().setMimeData(mime)
    QTest.keyClick(ed.body, Qt.Key.Key_V, CTRL)
    assert s.body_text() == "第一段\n第二段\n" + before
    assert in_sync(ed)
    cursor = ed.body.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(4, cursor.MoveMode.KeepAnchor)
    ed.body.setTextCursor(cursor)
    QTest.keyClick(ed.body, Qt.Key.Key_X, CTRL)
    assert s.body_text() == "第二段\n" + before and in_sync(ed)
    assert (
        QApplication.clipboard().text() == "第一段\n" or "第一段" in QApplication.clipboard().text()
    )
    undo = next(a for a in window.menuBar().actions()[1].menu().actions() if a.isEnabled())
    undo.trigger()  # Edit → Undo, as from the menu
    assert s.body_text() == "第一段\n第二段\n" + before and in_sync(ed)


def test_ime_commit_and_preedit(window, ed) -> None:
    s = story(window)
    before = s.body_text()
    window.open_story_editor(STORY, "body", 3)
    ime_commit(ed.body, "zhongwen", "中文")
    assert s.body_text() == before[:3] + "中文" + before[3:]
    assert in_sync(ed)
    # A pre-edit alone changes nothing in the story; cancelling it neither.
    QApplication.sendEvent(ed.body, QInputMethodEvent("pin", []))
    assert s.body_text() == before[:3] + "中文" + before[3:]
    QApplication.sendEvent(ed.body, QInputMethodEvent("", []))
    assert s.body_text() == before[:3] + "中文" + before[3:] and in_sync(ed)


def test_heads_are_edited_too(window, ed) -> None:
    s = story(window)
    headline = s.headline
    window.open_story_editor(STORY, "headline", len(headline))
    type_text(ed.parts["headline"], "今日")
    assert s.headline == headline + "今日"
    assert "今日" in page_text(window, part="headline")
    QTest.keyClick(ed.parts["headline"], Qt.Key.Key_Return)  # a line break in the head
    type_text(ed.parts["headline"], "通车")
    assert s.headline == headline + "今日\n通车" and in_sync(ed)
    QTest.keyClick(ed.parts["headline"], Qt.Key.Key_Z, CTRL)
    QTest.keyClick(ed.parts["headline"], Qt.Key.Key_Z, CTRL)
    assert s.headline == headline and in_sync(ed)
    window.open_story_editor(STORY, "kicker", 0)
    type_text(ed.parts["kicker"], "引")
    assert s.kicker.startswith("引") and in_sync(ed)


def _formats(edit, paragraph: int) -> list:
    block = edit.document().findBlockByNumber(paragraph)
    return list(block.layout().formats())


def test_inline_styles_from_the_editor(window, ed) -> None:
    s = story(window)
    window.open_story_editor(STORY, "body", 2)
    cursor = ed.body.textCursor()
    cursor.setPosition(2)
    cursor.setPosition(6, cursor.MoveMode.KeepAnchor)
    ed.body.setTextCursor(cursor)
    QTest.keyClick(ed.body, Qt.Key.Key_B, CTRL)
    assert [(sp.start, sp.end, sp.kind) for sp in s.paragraphs[0].spans] == [(2, 6, "bold")]
    ed.style_buttons["kai"].click()
    ed.style_buttons["emphasis"].click()
    kinds = sorted(sp.kind for sp in s.paragraphs[0].spans)
    assert kinds == ["bold", "emphasis", "kai"]
    # The editor shows them: bold weight, the 楷 face, a dotted underline.
    formats = _formats(ed.body, 0)
    assert formats and formats[0].start == 2 and formats[0].length == 4
    fmt = formats[0].format
    assert fmt.fontWeight() >= 700
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert fmt.fontFamilies() == [ed.highlighter.kai]
    # The page shows the bold run in the heavy face and emphasis dots under four characters.
    lines = [line for page in window.pages for line in page.lines() if line.story == STORY]
    assert sum(len(line.marks) for line in lines) == 4
    # Ctrl+B again on the bold selection takes bold off.
    QTest.keyClick(ed.body, Qt.Key.Key_B, CTRL)
    assert "bold" not in {sp.kind for sp in s.paragraphs[0].spans}
    # Typing inside a span extends it, and the editor shows it at once.
    cursor.setPosition(4)
    ed.body.setTextCursor(cursor)
    type_text(ed.body, "字")
    assert any(sp.kind == "kai" and (sp.start, sp.end) == (2, 7) for sp in s.paragraphs[0].spans)
    assert _formats(ed.body, 0)[0].length == 5


def test_paragraph_style_of_the_current_paragraph(window, ed) -> None:
    s = story(window)
    window.open_story_editor(STORY, "body", len(s.paragraphs[0].text) + 2)  # in paragraph 2
    box = ed.paragraph_style
    assert box.currentData() == "body"
    index = box.findData("subhead")
    assert index >= 0
    box.setCurrentIndex(index)
    box.activated.emit(index)
    assert s.paragraphs[1].style == "subhead" and s.paragraphs[0].style == "body"
    assert _formats(ed.body, 1) and _formats(ed.body, 1)[0].format.fontWeight() >= 700
    window.undo_stack.undo()
    assert s.paragraphs[1].style == "body"
    assert box.currentData() == "body"


def test_paste_is_cleaned_like_imported_copy(window, ed) -> None:
    s = story(window)
    before = s.body_text()
    window.open_story_editor(STORY, "body", 0)
    mime = QMimeData()
    mime.setText("\ufeff坏\x07字\t与\u2028新段")  # debris of other tools
    QApplication.clipboard().setMimeData(mime)
    QTest.keyClick(ed.body, Qt.Key.Key_V, CTRL)
    assert s.body_text() == "坏字 与\n新段" + before and in_sync(ed)


def test_refused_edit_restores_the_editor(window, ed, monkeypatch) -> None:
    s = story(window)
    before = s.body_text()
    window.open_story_editor(STORY, "body", 4)
    # The window refuses the edit (as it does an operation that cannot apply): the editor must
    # show the model's text again, not the keystroke.
    monkeypatch.setattr(window, "apply", lambda op, text="": False)
    type_text(ed.body, "拒")
    assert s.body_text() == before and ed.body.raw_text() == before
    assert ed.body.textCursor().position() == 4


def test_panel_selection_and_removed_story(window, ed) -> None:
    panel = window.story_tree
    item = panel.item_for("comment")
    panel.setCurrentItem(item)
    assert ed.story_id == "comment" and in_sync(ed)
    assert ed.badge.text().strip() == panel.item_for("comment").text(2)
