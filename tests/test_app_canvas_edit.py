"""The page canvas with real mouse and key events: tools, drawing frames, selection, marquee,
delete, the context menu, moving and resizing with snapping, nudging, zoom and pan."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from canvas_helpers import click, drag, pixel, press_and_move  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QContextMenuEvent, QWheelEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402

from newsdesk.app.canvas_tools import Tool  # noqa: E402
from newsdesk.model.units import mm  # noqa: E402


@pytest.fixture
def window(canvas_window):
    """The module's window on the sample (tests/conftest.py), reset around each test."""
    return canvas_window


def block(window, block_id):
    return window.edition.find_block(block_id)[1]


def test_tool_shortcuts_toolbar_and_menu(window) -> None:
    tools = window.canvas.tools
    window.view.setFocus()
    for key, tool in (
        (Qt.Key.Key_T, Tool.TEXT),
        (Qt.Key.Key_F, Tool.PICTURE),
        (Qt.Key.Key_Backslash, Tool.RULE),
        (Qt.Key.Key_M, Tool.BOX),
        (Qt.Key.Key_H, Tool.HAND),
        (Qt.Key.Key_V, Tool.SELECT),
        (Qt.Key.Key_T, Tool.TEXT),
        (Qt.Key.Key_Escape, Tool.SELECT),
    ):
        QTest.keyClick(window.view, key)
        assert tools.tool is tool, key
    # The same actions are in the toolbar and in the Tools menu.
    assert set(tools.toolbar.actions()) == set(tools.actions.values())
    assert set(tools.menu.actions()) == set(tools.actions.values())
    assert tools.actions[Tool.RULE].shortcut().toString() == "\\"


def test_text_tool_drag_draws_a_block_snapped_to_columns_and_lines(window) -> None:
    page = window.edition.pages[0]
    grid = page.grid
    count = len(page.blocks)
    window.canvas.tools.set_tool(Tool.TEXT)
    # From inside column 1, line 3 to inside column 3, line 20 (off the grid on purpose).
    start = (grid.column_x(page.width, 1) + 5, grid.margin_top + 3 * grid.leading + 4)
    end = (grid.column_x(page.width, 3) + 80, grid.margin_top + 20 * grid.leading - 3)
    drag(window, start, end)
    assert len(page.blocks) == count + 1
    new = page.blocks[-1]
    assert new.kind == "story" and not new.story
    assert (new.x, new.y, new.width, new.height) == pytest.approx(
        grid.block_rect(page.width, 1, 3, 3, 17)
    )
    assert window.canvas.selection.ids == [new.id]
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert len(page.blocks) == count


@pytest.mark.parametrize("tool,kind", [(Tool.PICTURE, "image"), (Tool.BOX, "box")])
def test_picture_and_box_tools_draw_their_kind(window, tool, kind) -> None:
    page = window.edition.pages[0]
    grid = page.grid
    window.canvas.tools.set_tool(tool)
    drag(window, (grid.column_x(page.width, 2), 300), (grid.column_x(page.width, 4) - 20, 420))
    assert page.blocks[-1].kind == kind
    assert page.blocks[-1].width == pytest.approx(grid.span_width(2))


def test_rule_tool_draws_a_horizontal_rule_across_whole_columns(window) -> None:
    page = window.edition.pages[0]
    grid = page.grid
    window.canvas.tools.set_tool(Tool.RULE)
    drag(window, (grid.column_x(page.width, 0) + 3, 500), (grid.column_x(page.width, 2) + 60, 506))
    rule = page.blocks[-1]
    assert rule.kind == "rule" and rule.width == pytest.approx(grid.span_width(3))
    frame = next(f for f in window.pages[0].frames if f.block == rule.id)
    (item,) = frame.rules
    assert item.y1 == item.y2  # horizontal, on a grid line
    assert (item.y1 - grid.margin_top) / grid.leading == pytest.approx(
        round((item.y1 - grid.margin_top) / grid.leading)
    )


def test_click_selects_shift_click_adds_and_marquee_selects_what_it_touches(window) -> None:
    canvas = window.canvas
    port, briefs = block(window, "p1-port"), block(window, "p1-briefs")
    click(window, port.x + 40, port.y + 100)
    assert canvas.selection.ids == ["p1-port"]
    click(window, briefs.x + 40, briefs.y + 100, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.selection.ids == ["p1-port", "p1-briefs"]
    # The selected blocks are drawn with handles: white squares outlined in blue at the corners.
    image = window.view.grab().toImage()
    corner = pixel(window, port.x, port.y)
    around = [
        image.pixelColor(corner.x() + dx, corner.y() + dy)
        for dx in range(-5, 6)
        for dy in range(-5, 6)
    ]
    assert sum(c.blue() > 200 and c.blue() - c.red() > 120 for c in around) >= 16  # outline
    assert image.pixelColor(corner.x(), corner.y()).lightness() > 240  # the white inside
    # A drag that starts on empty page (the top margin) draws a marquee.
    drag(window, (5, 5), (port.x + 10, 60))
    assert set(canvas.selection.ids) == {
        b.id for b in window.edition.pages[0].blocks if b.y < 60 and b.x < port.x + 10
    }
    assert canvas.selection.ids  # the masthead at least
    click(window, 5, 5)
    assert canvas.selection.ids == []


def test_delete_keeps_the_text_as_overset_and_undoes(window) -> None:
    port = block(window, "p1-port")
    chars = sum(len(p.text) for p in window.edition.stories["port"].paragraphs)
    click(window, port.x + 40, port.y + 100)
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert all(b.id != "p1-port" for b in window.edition.pages[0].blocks)
    fit = window.engine.copyfit()["port"]
    assert fit.overset_chars == chars  # every character is still in the story
    window.undo_stack.undo()
    click(window, port.x + 40, port.y + 100)
    QTest.keyClick(window.view, Qt.Key.Key_Backspace)
    assert all(b.id != "p1-port" for b in window.edition.pages[0].blocks)


def test_context_menu_unlinks_restacks_and_deletes(window) -> None:
    feature = block(window, "p1-feature")

    def right_click(b) -> dict:
        pos = pixel(window, b.x + 30, b.y + 200)
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, window.view.mapToGlobal(pos))
        QApplication.sendEvent(window.view, event)
        menu = window.canvas.menu
        assert isinstance(menu, QMenu) and menu.isVisible()
        entries = {a.objectName(): a for a in menu.actions() if a.objectName()}
        menu.close()
        return entries

    entries = right_click(feature)
    assert {"unlink", "forward", "backward", "delete"} <= set(entries)
    entries["unlink"].trigger()
    story = window.edition.stories["feature-ferry"]
    assert "p1-feature" not in story.thread  # the text flows on in p2-feature
    assert window.engine.copyfit()["feature-ferry"].overset_chars > 0
    window.undo_stack.undo()
    page = window.edition.pages[0]
    index = [b.id for b in page.blocks].index("p1-feature")
    right_click(feature)["forward"].trigger()
    assert [b.id for b in page.blocks].index("p1-feature") == index + 1
    assert story.thread == ["p1-feature", "p2-feature"]  # still threaded
    right_click(feature)["delete"].trigger()
    assert all(b.id != "p1-feature" for b in page.blocks)


def test_drag_moves_snapped_as_one_undo_step_with_a_live_size_label(window) -> None:
    port = block(window, "p1-port")
    grid = window.edition.pages[0].grid
    pitch = grid.column_width + grid.gutter
    x0, y0 = port.x, port.y
    grab = (port.x + 50, port.y + 50)
    # 1.3 columns right and 2.4 lines down, off the grid: lands 1 column right and 2 lines down.
    to = (grab[0] + 1.3 * pitch, grab[1] + 2.4 * grid.leading)
    press_and_move(window, grab, to)
    assert "栏 ×" in window.statusBar().currentMessage()
    assert "mm" in window.statusBar().currentMessage()
    assert window.canvas.gesture is not None and "4 栏" not in window.canvas.gesture.label()
    moved = next(f for f in window.view.page().frames if f.block == "p1-port")
    assert moved.x == pytest.approx(x0 + pitch)  # the page shows the block moved already
    assert port.x == x0  # but the edition is changed only on release
    QTest.mouseRelease(window.view, Qt.MouseButton.LeftButton, pos=pixel(window, *to))
    assert (port.x, port.y) == pytest.approx((x0 + pitch, y0 + 2 * grid.leading))
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert (port.x, port.y) == (x0, y0)


def test_ctrl_drag_moves_without_snapping(window) -> None:
    port = block(window, "p1-port")
    x0 = port.x
    grab = (port.x + 50, port.y + 50)
    drag(window, grab, (grab[0] + 31, grab[1]), Qt.KeyboardModifier.ControlModifier)
    assert port.x == pytest.approx(x0 + 31, abs=2.5)  # pixel rounding at 50 %
    assert abs((port.x - x0) % 126) > 5


def test_handle_resize_snaps_the_moved_edge(window) -> None:
    port = block(window, "p1-port")
    grid = window.edition.pages[0].grid
    pitch = grid.column_width + grid.gutter
    x0, y0, w0, h0 = port.x, port.y, port.width, port.height
    click(window, port.x + 40, port.y + 40)
    right_mid = (port.x + port.width, port.y + port.height / 2)
    press_and_move(window, right_mid, (right_mid[0] + 0.8 * pitch, right_mid[1] + 30))
    preview = next(f for f in window.view.page().frames if f.block == "p1-port")
    assert preview.width == pytest.approx(w0 + pitch)  # re-laid live at the new width
    QTest.mouseRelease(
        window.view, Qt.MouseButton.LeftButton, pos=pixel(window, right_mid[0] + 0.8 * pitch, 0)
    )
    assert (port.x, port.y, port.width, port.height) == pytest.approx((x0, y0, w0 + pitch, h0))
    assert window.undo_stack.count() == 1
    bottom = (port.x + port.width / 2, port.y + port.height)
    drag(window, bottom, (bottom[0], bottom[1] - 3.6 * grid.leading))
    assert port.height == pytest.approx(h0 - 4 * grid.leading)


def test_arrow_keys_nudge_by_column_line_and_mm(window) -> None:
    port = block(window, "p1-port")
    grid = window.edition.pages[0].grid
    x0, y0 = port.x, port.y
    click(window, port.x + 40, port.y + 40)
    QTest.keyClick(window.view, Qt.Key.Key_Right)
    assert port.x == pytest.approx(x0 + grid.column_width + grid.gutter)
    QTest.keyClick(window.view, Qt.Key.Key_Down)
    assert port.y == pytest.approx(y0 + grid.leading)
    QTest.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert port.x == pytest.approx(x0 + grid.column_width + grid.gutter - mm(1))
    assert window.undo_stack.count() == 3


def test_ctrl_wheel_zooms_around_the_pointer(window) -> None:
    view = window.view
    viewport = window.scroll.viewport()
    spot = (600.0, 700.0)
    pos = QPointF(view.to_widget(*spot))
    before = view.mapTo(viewport, pos.toPoint())
    event = QWheelEvent(
        pos,
        QPointF(view.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)
    assert view.zoom == pytest.approx(0.5 * 1.25)
    after = view.mapTo(viewport, view.to_widget(*spot).toPoint())
    assert abs(after.x() - before.x()) <= 2 and abs(after.y() - before.y()) <= 2


def test_space_drag_and_hand_tool_pan(window) -> None:
    window.view.set_zoom(1.5)
    QApplication.processEvents()
    bar = window.scroll.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    v0 = bar.value()
    QTest.keyPress(window.view, Qt.Key.Key_Space)
    drag(window, (500, 700), (500, 600))
    QTest.keyRelease(window.view, Qt.Key.Key_Space)
    assert bar.value() > v0 + 50  # dragged the page up: it scrolled down
    assert window.undo_stack.count() == 0  # panning is no edit
    window.canvas.tools.set_tool(Tool.HAND)
    v1 = bar.value()
    drag(window, (500, 600), (500, 700))
    assert bar.value() < v1 - 50
