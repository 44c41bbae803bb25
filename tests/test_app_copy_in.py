"""Copy in through File → 导入稿件… and the stories panel: several files (GB18030, UTF-16, .docx)
become unplaced stories in one undo step, bad files are named in Chinese while the others import,
and the panel shows placed/unplaced stories with 字数 and 版面状态, drags a story, deletes one."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")
docx = pytest.importorskip("docx")

from app_helpers import sample_window, undo_all  # noqa: E402
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QDrag, QMouseEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402

from newsdesk.app.stories_panel import STORY_MIME  # noqa: E402
from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402

COPY = (
    "# 江边夜市开张\n@ 本报讯（记者 周原）\n\n　　江边夜市昨晚开张，摊位一百二十个。\n市民说好。\n"
)


@pytest.fixture(scope="module")
def window(qapp, registry, tmp_path_factory):
    with sample_window(registry, tmp_path_factory) as w:
        yield w


@pytest.fixture
def clean(window):
    original = edition_to_json_bytes(window.edition)
    yield window
    undo_all(window, original)


@pytest.fixture
def copy_files(tmp_path):
    good = []
    gb = tmp_path / "夜市.txt"
    gb.write_bytes(COPY.encode("gb18030"))
    good.append(gb)
    utf16 = tmp_path / "天气.txt"
    utf16.write_bytes("\ufeff# 明日晴\n气温回升到十五度。\n".encode("utf-16-le"))
    good.append(utf16)
    document = docx.Document()
    document.add_paragraph("新馆开放", style="Title")
    document.add_paragraph("市图书馆新馆今日开放，藏书三百万册。")
    word = tmp_path / "新馆.docx"
    document.save(str(word))
    good.append(word)
    bad = []
    latin = tmp_path / "cafe.txt"
    latin.write_bytes(
        "Caf\xe9 au lait, na\xefve r\xe9sum\xe9 and more words here".encode("latin-1")
    )
    bad.append(latin)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    bad.append(binary)
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04broken")
    bad.append(broken)
    return good, bad


def run_import(window, monkeypatch, paths) -> list[str]:
    warnings = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], "")
    )
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _w, title, text, *a, **k: warnings.append(text)
    )
    window.import_copy_action.trigger()
    return warnings


def test_import_several_files_as_one_undo_step(clean, monkeypatch, copy_files) -> None:
    window = clean
    good, bad = copy_files
    before = set(window.edition.stories)
    steps = window.undo_stack.count()
    warnings = run_import(window, monkeypatch, [bad[0], good[0], bad[1], good[1], bad[2], good[2]])
    new = [sid for sid in window.edition.stories if sid not in before]
    assert len(new) == 3 and window.undo_stack.count() == steps + 1
    stories = [window.edition.stories[sid] for sid in new]
    assert [s.slug for s in stories] == ["夜市", "天气", "新馆"]
    assert stories[0].headline == "江边夜市开张" and stories[0].byline == "本报讯（记者 周原）"
    assert stories[0].paragraphs[0].text == "江边夜市昨晚开张，摊位一百二十个。"
    assert stories[1].headline == "明日晴"
    assert stories[2].headline == "新馆开放" and len(stories[2].paragraphs) == 1
    # One message names every bad file and says why, in Chinese.
    assert len(warnings) == 1
    for name, why in (
        ("cafe.txt", "无法识别文字编码"),
        ("photo.txt", "不是文本文件"),
        ("损坏.docx", "Word"),
    ):
        assert name in warnings[0] and why in warnings[0]
    # The panel lists them as unplaced, with their length in 字; the first one is in the editor.
    panel = window.story_tree
    unplaced = [panel.unplaced_group.child(i) for i in range(panel.unplaced_group.childCount())]
    row = next(item for item in unplaced if item.text(0) == "夜市")
    assert row.text(1) == "22 字"  # 17 + 5 characters and row.text(2) == "未上版"
    assert window.story_dock.editor.story_id == new[0]
    window.undo_stack.undo()
    assert set(window.edition.stories) == before
    assert window.story_dock.editor.story_id is None  # the story it showed is gone


def test_nothing_chosen_imports_nothing(clean, monkeypatch) -> None:
    steps = clean.undo_stack.count()
    assert run_import(clean, monkeypatch, []) == []
    assert clean.undo_stack.count() == steps


def test_panel_groups_columns_and_copyfit_never_cut(clean) -> None:
    window = clean
    panel = window.story_tree
    window.story_dock.hide()  # the narrowest the panel gets: its own dock only
    titles = [panel.headerItem().text(i) for i in range(3)]
    assert len(set(titles)) == 3  # 稿件 / 字数 / 版面状态, no two alike
    assert panel.placed_group.childCount() > 30
    for i in range(panel.unplaced_group.childCount()):  # the sample keeps a few in reserve
        assert panel.unplaced_group.child(i).text(2) in ("未上版", "Not placed")
    # Make one story overset so the panel has a 超 N 字 to show.
    from newsdesk.edit import ReplaceText

    window.apply(ReplaceText("comment", "body", 0, 0, "多出来的文字" * 20))
    panel.refresh()
    row = panel.item_for("comment")
    assert row.text(2).startswith("超 ") and row.text(2).endswith(" 字")
    metrics = panel.fontMetrics()
    for column in (1, 2):
        widest = max(
            metrics.horizontalAdvance(panel.placed_group.child(i).text(column))
            for i in range(panel.placed_group.childCount())
        )
        assert panel.columnWidth(column) >= widest
    assert row.foreground(2).color().red() > 150  # 超 in red
    window.story_dock.show()


def test_drag_a_story_carries_its_id(clean, monkeypatch) -> None:
    window = clean
    panel = window.story_tree
    dragged = []

    def fake_exec(drag, *args, **kwargs):
        dragged.append(bytes(drag.mimeData().data(STORY_MIME)).decode("utf-8"))
        return Qt.DropAction.IgnoreAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    item = panel.item_for("comment")
    panel.scrollToItem(item)
    rect = panel.visualItemRect(item)
    start = rect.center()
    viewport = panel.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for dx in (5, 15, 30, 60):  # a move with the button held (QTest.mouseMove drops it)
        pos = QPointF(start + QPoint(dx, 0))
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            pos,
            QPointF(viewport.mapToGlobal(pos)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, move)
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(60, 0)
    )
    assert dragged == ["comment"]


def test_unplaced_story_activate_and_delete(clean, monkeypatch, copy_files) -> None:
    window = clean
    run_import(window, monkeypatch, copy_files[0][:1])
    panel = window.story_tree
    sid = window.story_dock.editor.story_id
    item = panel.item_for(sid)
    assert item.parent() is panel.unplaced_group
    loaded = []
    monkeypatch.setattr(window, "load_place_gun", loaded.append, raising=False)
    panel.setCurrentItem(item)
    QTest.keyClick(panel, Qt.Key.Key_Return)  # Enter on an unplaced story loads the place gun
    assert loaded == [sid]
    # The context menu offers 删除稿件 for an unplaced story.
    menu = panel.context_menu(item)
    texts = [a.text() for a in menu.actions()]
    assert len(texts) == 3  # edit, place, delete
    menu.actions()[-1].trigger()
    assert sid not in window.edition.stories
    QApplication.processEvents()
    # A placed story's menu has no delete.
    panel.refresh()
    assert len(panel.context_menu(panel.item_for("comment")).actions()) == 1
