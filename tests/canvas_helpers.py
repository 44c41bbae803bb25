"""Shared set-up for the canvas GUI tests: one window on the sample edition per test module, put
back to its opened state after every test (all edits undone), and real input helpers that map
page points to the view's pixels."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from newsdesk.fonts import default_registry
from newsdesk.model.serialize import edition_to_json_bytes
from newsdesk.sample import write_sample


def open_sample_window(folder: Path):
    from newsdesk.app.main_window import MainWindow

    write_sample(folder / "sample.newsdesk")
    window = MainWindow(default_registry())
    window.resize(1300, 950)
    window.show()
    window.activateWindow()
    assert window.open_path(folder / "sample.newsdesk")
    QApplication.processEvents()
    window.view.set_zoom(0.5)
    window.original_bytes = edition_to_json_bytes(window.edition)
    return window


def reset(window) -> None:
    """Undo everything, empty the cursor, select nothing, show page 1 at 50 %."""
    canvas = window.canvas
    if canvas.gesture is not None:
        canvas.gesture.cancel()
        canvas.gesture = None
    canvas.gun = None
    canvas.crop_block = None
    canvas.space_held = False
    canvas.set_show_threads(False)
    canvas.tools.set_tool(canvas.tools.tool.SELECT)
    window.undo_stack.setIndex(0)
    window.undo_stack.clear()
    assert edition_to_json_bytes(window.edition) == window.original_bytes
    window.page_list.setCurrentRow(0)
    window.show_page(0)
    window.view.set_zoom(0.5)
    canvas.selection.clear()
    QApplication.processEvents()


def pixel(window, x: float, y: float) -> QPoint:
    return window.view.to_widget(x, y).toPoint()


def click(window, x: float, y: float, modifiers=Qt.KeyboardModifier.NoModifier, button=None):
    button = button or Qt.MouseButton.LeftButton
    QTest.mouseClick(window.view, button, modifiers, pixel(window, x, y))


def drag(window, start, end, modifiers=Qt.KeyboardModifier.NoModifier, steps: int = 6) -> None:
    """Press at start, move in steps, release at end (page points), as a hand does."""
    view = window.view
    QTest.mousePress(view, Qt.MouseButton.LeftButton, modifiers, pixel(window, *start))
    for k in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * k / steps
        y = start[1] + (end[1] - start[1]) * k / steps
        _move(view, pixel(window, x, y), modifiers)
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, modifiers, pixel(window, *end))


def _move(view, pos: QPoint, modifiers) -> None:
    """A mouse move with the left button held (QTest.mouseMove carries no modifiers)."""
    from PySide6.QtGui import QMouseEvent

    event = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(view.mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        modifiers,
    )
    QApplication.sendEvent(view, event)


def press_and_move(window, start, end, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    view = window.view
    QTest.mousePress(view, Qt.MouseButton.LeftButton, modifiers, pixel(window, *start))
    _move(view, pixel(window, *end), modifiers)


def recovery_env(tmp: Path) -> None:
    os.environ["NEWSDESK_RECOVERY_DIR"] = str(tmp / "recovery")


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst)
