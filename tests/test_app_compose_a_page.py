"""A layout editor's first page, end to end, with real input on the real widgets: a new edition
from the template, two copy files in, one story dragged onto page 1 across three columns, moved
two columns right, shortened, its overset continued on page 3 through the out-port and the pages
panel (下转第三版 / 上接第一版), a sentence typed in the story editor (the copyfit badge follows),
pages reordered (the jump numbers follow), then everything undone with Ctrl+Z: the saved file is
byte for byte the first save."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from app_helpers import (  # noqa: E402
    click_item,
    drop,
    isolate_settings,
    record_messages,
    type_text,
    when_dialog_opens,
)
from canvas_helpers import _move, pixel  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
)

from newsdesk.fonts import default_registry  # noqa: E402

# Our own copy for the test: long enough to overrun a three-column block on page 1.
LONG_HEAD = "江滨绿道全线贯通"
LONG_PARAGRAPH = (
    "经过两年施工，沿江十八公里的绿道昨天全线贯通，步行和骑行的市民从早到晚络绎不绝。"
    "绿道串起了六个公园和三座码头，沿线新种乔木四千余株，设置休息驿站十二处。"
)
LONG = f"# {LONG_HEAD}\n@ 本报记者 方远\n\n" + "\n".join(
    f"　　{LONG_PARAGRAPH}第{n}段。" for n in range(1, 120)
)
SHORT = "# 明日晴转多云\n\n　　气温回升到十五度，早晚仍凉，请注意添衣。\n"


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    restore = isolate_settings(tmp_path / "settings")
    yield
    restore()


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    # A message box in this walk is a failure to report, not a modal dialog to hang on.
    messages = record_messages(monkeypatch, QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    w = MainWindow(default_registry())
    w.resize(1400, 950)
    w.show()
    w.activateWindow()
    qtbot.addWidget(w)
    w.messages = messages
    yield w
    w.undo_stack.clear()


def _shortcut(window, keys: str) -> None:
    """Press the shortcut on the focused widget, as the keyboard does."""
    sequence = QKeySequence(keys)
    combo = sequence[0]
    if QApplication.activeWindow() is not window:  # shortcuts go to the active window only
        window.activateWindow()
        QTest.qWaitForWindowActive(window)
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())
    QApplication.processEvents()


def _new_edition(window) -> None:
    def fill(dialog) -> None:
        paper = dialog.findChild(QLineEdit, "paper")
        paper.setFocus()
        QTest.keyClick(paper, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(paper, "Binjiang Evening")
        combo = dialog.findChild(QComboBox, "template")
        combo.setCurrentIndex(combo.findData(4))
        box = dialog.findChild(QDialogButtonBox)
        QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    seen = when_dialog_opens(fill)
    window.view.setFocus()
    _shortcut(window, "Ctrl+N")
    assert seen, "File → New did not open its dialog"


def _page_text(window, index: int) -> str:
    return "".join(line.text for line in window.pages[index].lines())


def _frame(window, block_id: str):
    return next(f for f in window.view.page().frames if f.block == block_id)


def _free_top_line(window) -> float:
    """The y just below the masthead furniture in the top third of page 1."""
    page = window.edition.pages[0]
    furniture = [b for b in page.blocks if b.y < page.height / 3]
    return max((b.y + b.height for b in furniture), default=page.grid.margin_top)


def _overlap(a, b) -> bool:
    return (
        a.x < b.x + b.width - 0.5
        and b.x < a.x + a.width - 0.5
        and a.y < b.y + b.height - 0.5
        and b.y < a.y + a.height - 0.5
    )


def _mouse_drag(window, start, end, steps: int = 6) -> None:
    view = window.view
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, steps + 1):
        pos = QPoint(
            round(start.x() + (end.x() - start.x()) * k / steps),
            round(start.y() + (end.y() - start.y()) * k / steps),
        )
        _move(view, pos, Qt.KeyboardModifier.NoModifier)
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    QApplication.processEvents()


def _drop_page(panel, row: int, target_pos: QPoint) -> None:
    """Drag the thumbnail at `row` and drop it at target_pos."""
    drop(panel.viewport(), panel.mimeData([panel.item(row)]), target_pos)
    QApplication.processEvents()


def test_compose_a_page_then_undo_everything(window, qtbot, tmp_path, monkeypatch) -> None:
    # 1. A new 4-page edition from the template, saved under a name.
    _new_edition(window)
    assert len(window.edition.pages) == 4 and window.edition.paper == "Binjiang Evening"
    target = tmp_path / "evening.newsdesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    _shortcut(window, "Ctrl+S")
    assert target.exists(), window.messages
    first_save = target.read_bytes()

    # 2. Two copy files in, at once (GB18030 and UTF-8 with a BOM).
    long_file, short_file = tmp_path / "绿道.txt", tmp_path / "天气.txt"
    long_file.write_bytes(LONG.encode("gb18030"))
    short_file.write_bytes(b"\xef\xbb\xbf" + SHORT.encode("utf-8"))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(long_file), str(short_file)], "")
    )
    window.import_copy_action.trigger()
    assert not window.messages
    by_slug = {s.slug: sid for sid, s in window.edition.stories.items()}
    story = by_slug["绿道"]
    assert "天气" in by_slug

    # 3. Select the story in the stories panel and press Enter: the place gun is loaded.
    tree = window.story_tree
    row = next(
        tree.unplaced_group.child(i)
        for i in range(tree.unplaced_group.childCount())
        if tree.unplaced_group.child(i).text(0) == "绿道"
    )
    tree.setFocus()
    tree.setCurrentItem(row)
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert window.canvas.gun is not None and window.canvas.gun.story == story

    # 4. Drag across three columns on page 1, just below the masthead.
    window.show_page(0)
    window.view.set_zoom(0.5)
    QApplication.processEvents()
    page = window.edition.pages[0]
    grid = page.grid
    pitch = grid.column_width + grid.gutter
    left = grid.left(page.width)
    top = _free_top_line(window) + grid.leading * 1.2
    start = pixel(window, left + 0.3 * pitch, top)
    end = pixel(window, left + 2.6 * pitch, top + 6 * grid.leading)
    _mouse_drag(window, start, end)
    placed = [b for b in page.blocks if b.story == story]
    assert len(placed) == 1, window.statusBar().currentMessage()
    block = placed[0]
    assert block.width == pytest.approx(3 * grid.column_width + 2 * grid.gutter)
    assert block.x == pytest.approx(left)
    others = [b for b in page.blocks if b is not block]
    assert not [b.id for b in others if _overlap(b, block)]  # down to the 报尾, never over it
    fit = window.engine.copyfit()[story]
    assert fit.overset_chars > 0  # deeper than the page: the rest waits for a continuation

    # 5. Drag it two columns to the right.
    grab = pixel(window, block.x + block.width / 2, block.y + 3 * grid.leading)
    _mouse_drag(window, grab, grab + QPoint(round(2 * pitch * window.view.zoom), 0))
    assert block.x == pytest.approx(left + 2 * pitch)

    # 6. Drag its bottom edge up by four lines (the block is selected after the move).
    assert window.canvas.selection.ids == [block.id]
    height = block.height
    bottom = pixel(window, block.x + block.width / 2, block.y + block.height)
    _mouse_drag(window, bottom, bottom - QPoint(0, round(4 * grid.leading * window.view.zoom)))
    assert block.height == pytest.approx(height - 4 * grid.leading)

    # 7. Click the red + out-port, then page 3 in the pages panel: 转版.
    QApplication.processEvents()
    window.canvas.refresh(full=True)
    ports = [p for p in window.canvas._ports if p.block == block.id]
    assert ports, "an overset block shows its out-port"
    from newsdesk.app import overlays
    from newsdesk.app.page_view import PAGE_MARGIN

    box = overlays.out_port_rect(ports[0].rect, window.view.zoom)
    QTest.mouseClick(
        window.view,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        (box.center() + QPointF(PAGE_MARGIN, PAGE_MARGIN)).toPoint(),
    )
    assert window.canvas.gun is not None and window.canvas.gun.story == story
    panel = window.page_list
    click_item(panel, 2)
    assert [p for p in window.edition.pages[2].blocks if p.story == story]
    assert "（下转第三版）" in _page_text(window, 0)
    assert "（上接第一版）" in _page_text(window, 2)
    said = window.statusBar().currentMessage()
    assert window.canvas.gun is None and "“绿道”" in said and "3" in said, said

    # 8. Double-click the first body line on the page: the story editor opens at that
    # character; type there and the copyfit badge changes with the copy.
    frame = _frame(window, block.id)
    line = next(line for line in frame.lines if line.part == "body")
    QTest.mouseDClick(
        window.view,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        pixel(window, line.x + 1, line.baseline - 4),
    )
    editor = window.story_dock.editor
    assert editor.story_id == story and editor.body.textCursor().position() == 0
    badge_before = editor.badge.text()
    editor.body.setFocus()
    # Three sentences: more than a line the flow's own adjustments (a column ended a line
    # early so no short last line stands alone at a column top) could absorb.
    type_text(editor.body, "沿线还将增设三处公共厕所和两个自行车停放点。" * 3)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: editor.badge.text() != badge_before, timeout=3000)
    assert editor.badge.text().strip() == window.engine.copyfit()[story].label
    assert window.edition.stories[story].paragraphs[0].text.startswith("沿线还将增设")

    # 9. Move page 3 before page 2 in the pages panel: the jump numbers follow.
    _drop_page(panel, 2, panel.visualItemRect(panel.item(1)).center() - QPoint(8, 0))
    assert "（下转第二版）" in _page_text(window, 0), _page_text(window, 0)[:200]
    assert "（上接第一版）" in _page_text(window, 1)

    # 10. Ctrl+Z until nothing is left to undo, on the page; then Ctrl+S.
    click_item(panel, 0)
    window.view.setFocus()
    frame = _frame(window, block.id)
    line = next(line for line in frame.lines if line.part == "body")
    QTest.mouseClick(
        window.view,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        pixel(window, line.x + 30, line.baseline - 4),
    )
    assert "绿道" in window.statusBar().currentMessage()  # the line clicked
    for _ in range(500):
        if not window.undo_stack.canUndo():
            break
        _shortcut(window, "Ctrl+Z")
    assert not window.undo_stack.canUndo()
    assert window.edition.stories.keys().isdisjoint({story})
    assert "绿道" not in window.statusBar().currentMessage()  # no stale story named
    window.view.setFocus()
    _shortcut(window, "Ctrl+S")
    assert target.read_bytes() == first_save
    assert not window.messages
