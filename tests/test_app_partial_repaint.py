"""The page view repaints only what an edit or a drag changed (render/ink.py); what is on screen
afterwards must be exactly what a full repaint draws. The screen is read back from the window's
backing store (the offscreen platform's grabWindow), which keeps the pixels of earlier paints,
and compared with a fresh rendering of the view (QWidget.grab paints everything again)."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("PySide6.QtWidgets")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
    pytest.skip("reads the offscreen backing store", allow_module_level=True)

from app_helpers import sample_window, type_text, undo_all  # noqa: E402
from canvas_helpers import _move, pixel  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import newsdesk.app.page_view as page_view  # noqa: E402
from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402


@pytest.fixture(scope="module")
def window(qapp, registry, tmp_path_factory):
    with sample_window(registry, tmp_path_factory) as w:
        w.resize(1600, 1000)
        w.fit_page()
        settle()
        yield w


class PaintRecorder(QObject):
    """Keeps the bounding rectangle of every paint event the view receives."""

    def __init__(self) -> None:
        super().__init__()
        self.areas: list[int] = []  # pixels repainted by each paint event

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.areas.append(sum(r.width() * r.height() for r in event.region()))
        return False


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def on_screen(window) -> QImage:
    """The view's pixels as last painted (the backing store), not painted again."""
    view = window.view
    visible = view.visibleRegion().boundingRect()
    top_left = view.mapTo(window, visible.topLeft())
    shot = window.screen().grabWindow(window.winId()).toImage()
    return shot.copy(QRect(top_left, visible.size())).convertToFormat(QImage.Format.Format_RGB32)


def repainted(window) -> QImage:
    view = window.view
    visible = view.visibleRegion().boundingRect()
    image = view.grab(visible).toImage()
    return image.convertToFormat(QImage.Format.Format_RGB32)


def differing_pixels(a: QImage, b: QImage) -> int:
    """Pixels that differ by more than rounding: QWidget.grab renders into a premultiplied
    pixmap, the backing store is opaque RGB, and half-transparent overlays (the drag ghost under
    the size label) blend one level apart in the two. Stale pixels differ by far more."""
    assert a.size() == b.size()
    count = 0
    for y in range(a.height()):
        if a.constScanLine(y) == b.constScanLine(y):
            continue
        for x in range(a.width()):
            p, q = a.pixel(x, y), b.pixel(x, y)
            if p != q and max(abs((p >> s & 255) - (q >> s & 255)) for s in (0, 8, 16)) > 6:
                count += 1
    return count


def test_typing_repaints_a_little_and_the_page_shows_the_edit(window, monkeypatch) -> None:
    original = edition_to_json_bytes(window.edition)
    window.page_list.setCurrentRow(0)
    settle()
    # A story ending on page 1, filled to its block's last line: typing makes it run over, so
    # a copyfit badge (超 N 字) appears as well.
    threads = window.engine.threads()
    story = next(
        sid
        for sid, t in threads.items()
        if t.blocks
        and t.blocks[-1][0] == 0
        and len(t.blocks) == 1
        and len(window.edition.stories[sid].body_text()) > 300
    )
    window.open_story_editor(story, "body", 10)
    settle()
    assert differing_pixels(on_screen(window), repainted(window)) == 0
    recorder = PaintRecorder()
    window.view.installEventFilter(recorder)
    areas = recorder.areas
    body = window.story_dock.editor.body
    badge = window.view.badges[:]
    type_text(body, "新增加的文字，" * 6)  # the story runs longer: its badge changes too
    QTest.keyClick(body, Qt.Key.Key_Backspace)
    settle()
    assert window.view.badges != badge
    assert areas, "the edit was not painted"
    assert max(areas) < window.view.width() * window.view.height() / 4  # a part, not the page
    assert differing_pixels(on_screen(window), repainted(window)) == 0
    # The comparison sees stale pixels: an edit whose damage is dropped leaves them on screen.
    monkeypatch.setattr(page_view, "damage", lambda old, new: [])
    type_text(body, "再加")
    settle()
    assert differing_pixels(on_screen(window), repainted(window)) > 0
    monkeypatch.undo()
    window.view.removeEventFilter(recorder)
    window.view.update()
    undo_all(window, original)
    settle()
    assert differing_pixels(on_screen(window), repainted(window)) == 0


def test_a_drag_and_its_drop_repaint_exactly(window) -> None:
    original = edition_to_json_bytes(window.edition)
    window.page_list.setCurrentRow(0)
    settle()
    page = window.edition.pages[0]
    block = next(b for b in page.blocks if b.id == "p1-lead")
    grid = page.grid
    start = (block.x + block.width / 2, block.y + 30)
    view = window.view
    QTest.mousePress(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel(window, *start)
    )
    pitch = grid.column_width + grid.gutter
    for k in (1, 2, 3):
        _move(
            view,
            pixel(window, start[0] + k * pitch, start[1] + k * 2 * grid.leading),
            Qt.KeyboardModifier.NoModifier,
        )
        settle()
        assert differing_pixels(on_screen(window), repainted(window)) == 0
    end = QPoint(pixel(window, start[0] + 3 * pitch, start[1] + 6 * grid.leading))
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    settle()
    assert window.undo_stack.count() == 1
    assert differing_pixels(on_screen(window), repainted(window)) == 0
    undo_all(window, original)
    settle()
    assert differing_pixels(on_screen(window), repainted(window)) == 0
