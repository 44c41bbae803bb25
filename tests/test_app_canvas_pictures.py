"""Pictures on the real canvas, with real input: JPEG, PNG and TIFF files placed into a picture
block from its context menu (the file dialog answered by the test) and dropped from a file
manager; crop mode by double-click or the menu, where a drag slides the picture in its frame,
the wheel scales it around the pointer and a corner handle scales it, each one undo step; Esc
leaves crop mode. Drops are the enter / move / drop events a drag delivers (Qt's drag loop
cannot run offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from canvas_helpers import drag, pixel  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QWheelEvent,
)
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402

PHOTO = "p1-photo"  # 3 columns × 28 lines on page 1


@pytest.fixture
def window(canvas_window):
    """The module's window on the sample (tests/conftest.py), reset around each test."""
    return canvas_window


@pytest.fixture(scope="module")
def pictures(tmp_path_factory) -> dict[str, Path]:
    """Three small photos in the formats a desk receives, each a different size and colour."""
    folder = tmp_path_factory.mktemp("incoming")
    out = {}
    for name, size, colour in (
        ("a.jpg", (1600, 1200), (200, 40, 40)),
        ("b.png", (900, 1400), (40, 160, 40)),
        ("c.tif", (2400, 1000), (40, 40, 200)),
    ):
        path = folder / name
        Image.new("RGB", size, colour).save(path)
        out[name] = path
    broken = folder / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    out["broken.jpg"] = broken
    (folder / "notes.txt").write_text("稿件", encoding="utf-8")
    out["notes.txt"] = folder / "notes.txt"
    return out


def photo(window):
    return window.edition.find_block(PHOTO)[1]


def photo_item(window):
    frame = next(f for f in window.view.page().frames if f.block == PHOTO)
    return frame, frame.images[0]


def centre(block) -> tuple[float, float]:
    return (block.x + block.width / 2, block.y + block.height / 3)


def context_action(window, block, name: str):
    at = pixel(window, *centre(block))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, window.view.mapToGlobal(at))
    QApplication.sendEvent(window.view, event)
    menu = window.canvas.menu
    action = next(a for a in menu.actions() if a.objectName() == name)
    menu.close()
    return action


_KEPT: list = []  # the mime data must outlive the events that point at it


def drop_files(window, paths, at: QPoint):
    mime = QMimeData()
    _KEPT.append(mime)
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    copy_action = Qt.DropAction.CopyAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, copy_action, mime, left, none)
    QApplication.sendEvent(window.view, enter)
    if not enter.isAccepted():
        return enter
    QApplication.sendEvent(window.view, QDragMoveEvent(at, copy_action, mime, left, none))
    drop = QDropEvent(QPointF(at), copy_action, mime, left, none)
    QApplication.sendEvent(window.view, drop)
    return drop


def wheel(window, at: QPoint, notches: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    view = window.view
    event = QWheelEvent(
        QPointF(at),
        QPointF(view.mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def undo_all(window) -> None:
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == window.original_bytes


# -- placing picture files ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.jpg", "b.png", "c.tif"])
def test_place_picture_from_the_menu_links_the_file(window, pictures, monkeypatch, name):
    chosen = pictures[name]
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[3] if len(args) > 3 else kwargs.get("filter"))
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    context_action(window, photo(window), "place_picture").trigger()
    assert asked and all(s in asked[0] for s in ("*.jpg", "*.png", "*.tif"))
    block = photo(window)
    # Linked relative to the edition's folder, as the file format prefers.
    assert not Path(block.image).is_absolute()
    assert (window.path.parent / block.image).resolve() == chosen.resolve()
    _frame, item = photo_item(window)
    assert not item.missing and Path(item.path).resolve() == chosen.resolve()
    with Image.open(chosen) as image:
        width, height = image.size
    # The picture fills the block: the crop keeps the block's proportions.
    left, top, right, bottom = item.crop
    assert (right - left) / (bottom - top) == pytest.approx(item.width / item.height, rel=1e-3)
    assert item.width == pytest.approx(block.width) and item.height < block.height  # caption
    assert right - left <= width and bottom - top <= height
    assert item.ppi == pytest.approx((right - left) / (item.width / 72))
    # The painted page shows the new picture's colour in the block.
    with Image.open(chosen) as image:
        colour = image.convert("RGB").getpixel((width // 2, height // 2))
    shot = window.view.grab().toImage()
    at = pixel(window, *centre(block))
    painted = shot.pixelColor(at.x(), at.y())
    assert abs(painted.red() - colour[0]) < 30 and abs(painted.blue() - colour[2]) < 30
    assert window.undo_stack.count() == 1
    undo_all(window)


def test_a_cancelled_dialog_changes_nothing(window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    context_action(window, photo(window), "place_picture").trigger()
    assert window.undo_stack.count() == 0


def test_picture_files_dropped_on_a_picture_block(window, pictures, tmp_path):
    block = photo(window)
    drop = drop_files(window, [pictures["b.png"]], pixel(window, *centre(block)))
    assert drop.isAccepted()
    _frame, item = photo_item(window)
    assert Path(item.path).resolve() == pictures["b.png"].resolve() and not item.missing
    assert window.undo_stack.count() == 1
    window.grab().save(str(tmp_path / "dropped.png"))
    # A file that is no picture is refused at the door; a picture on a text block is refused
    # with a message; a broken picture is refused with the layout engine's reason.
    assert not drop_files(
        window, [pictures["notes.txt"]], pixel(window, *centre(block))
    ).isAccepted()
    lead = window.edition.find_block("p1-lead")[1]
    refused = drop_files(window, [pictures["a.jpg"]], pixel(window, *centre(lead)))
    assert not refused.isAccepted() and window.undo_stack.count() == 1
    assert window.statusBar().currentMessage()
    refused = drop_files(window, [pictures["broken.jpg"]], pixel(window, *centre(block)))
    assert not refused.isAccepted() and window.undo_stack.count() == 1
    assert "broken.jpg" in window.statusBar().currentMessage()
    undo_all(window)


# -- crop mode -------------------------------------------------------------------------------


def enter_crop_mode_by_double_click(window) -> None:
    block = photo(window)
    at = pixel(window, *centre(block))
    QTest.mouseClick(window.view, Qt.MouseButton.LeftButton, pos=at)
    QTest.mouseDClick(window.view, Qt.MouseButton.LeftButton, pos=at)
    assert window.canvas.crop_block == PHOTO


def test_crop_mode_drag_slides_the_picture_and_esc_leaves(window, tmp_path):
    enter_crop_mode_by_double_click(window)
    block = photo(window)
    focus0 = tuple(block.crop)
    _frame, before = photo_item(window)
    steps = window.undo_stack.count()
    start = centre(block)
    rect = (block.x, block.y, block.width, block.height)
    # Drag the picture 40 points right and down: what shows moves up and left in the picture
    # (on the axis where the picture is larger than its frame; the other shows it whole).
    drag(window, start, (start[0] + 40, start[1] + 40))
    assert window.undo_stack.count() == steps + 1  # one undo step
    assert (block.x, block.y, block.width, block.height) == rect
    assert block.crop[0] <= focus0[0] and block.crop[1] <= focus0[1]
    assert tuple(block.crop) != focus0
    _frame, after = photo_item(window)
    assert after.crop[0] <= before.crop[0] and after.crop[1] <= before.crop[1]
    assert after.crop != before.crop
    window.grab().save(str(tmp_path / "crop.png"))
    # Esc leaves crop mode; a drag then moves the block again.
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.canvas.crop_block is None
    window.undo_stack.undo()
    assert tuple(block.crop) == focus0
    undo_all(window)


def test_crop_mode_from_the_context_menu(window):
    context_action(window, photo(window), "crop_mode").trigger()
    assert window.canvas.crop_block == PHOTO
    assert window.canvas.selection.ids == [PHOTO]


def _pixel_under(item, point: tuple[float, float]) -> tuple[float, float]:
    left, top, right, bottom = item.crop
    return (
        left + (point[0] - item.x) * (right - left) / item.width,
        top + (point[1] - item.y) * (bottom - top) / item.height,
    )


def test_wheel_in_crop_mode_scales_around_the_pointer_as_one_step(window, tmp_path):
    enter_crop_mode_by_double_click(window)
    block = photo(window)
    frame0, before = photo_item(window)
    steps = window.undo_stack.count()
    # A point off the picture's centre, towards its top left.
    point = (block.x + block.width * 0.3, block.y + block.height * 0.3)
    under = _pixel_under(before, point)
    zoom = window.view.zoom
    for _ in range(3):
        wheel(window, pixel(window, *point), 1)
    assert window.view.zoom == zoom  # the wheel scaled the picture, not the view
    assert block.scale == pytest.approx(1.1**3, rel=1e-3)
    _frame, after = photo_item(window)
    assert (after.x, after.y, after.width, after.height) == pytest.approx(
        (before.x, before.y, before.width, before.height)
    )
    assert after.ppi == pytest.approx(before.ppi / block.scale, rel=1e-3)
    # The same picture pixel is still under the pointer.
    assert _pixel_under(after, point) == pytest.approx(under, abs=1.0)
    assert window.undo_stack.count() == steps + 1  # three notches, one undo step
    assert "%" in window.statusBar().currentMessage()
    window.grab().save(str(tmp_path / "scaled.png"))
    # Crop mode outlines the whole picture, reaching past the block where it is cropped.
    extent = window.canvas.picture_extent()
    with Image.open(after.path) as source:
        wide, high = source.size
    crop_w = after.crop[2] - after.crop[0]
    assert extent[2] == pytest.approx(wide * after.width / crop_w)
    assert extent[2] / extent[3] == pytest.approx(wide / high, rel=1e-3)
    assert extent[0] < block.x - 1 or extent[1] < block.y - 1
    assert extent[0] + extent[2] > block.x + block.width + 1 or extent[1] + extent[3] > (
        block.y + block.height + 1
    )
    shot = window.view.grab().toImage()
    outline = [
        shot.pixelColor(pixel(window, extent[0] + extent[2] * k / 20, extent[1]))
        for k in range(1, 20)
    ] + [
        shot.pixelColor(pixel(window, extent[0] + extent[2] * k / 20, extent[1] + extent[3]))
        for k in range(1, 20)
    ]
    brown = [c for c in outline if c.red() > 150 and 70 < c.green() < 150 and c.blue() < 80]
    assert len(brown) >= 8, [c.name() for c in outline]
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.canvas.picture_extent() is None
    enter_crop_mode_by_double_click(window)
    # Back down below 1: the picture shrinks inside its frame with paper around it.
    for _ in range(6):
        wheel(window, pixel(window, *point), -1)
    assert block.scale < 1
    _frame, small = photo_item(window)
    assert small.width < block.width - 1 or small.height < block.height - 1
    # Ctrl+wheel still zooms the view.
    wheel(window, pixel(window, *point), 1, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom == pytest.approx(zoom * 1.25)
    window.undo_stack.undo()
    assert block.scale == 1.0 and tuple(block.crop) == pytest.approx((0.5, 0.5))
    undo_all(window)


def test_wheel_outside_crop_mode_does_not_scale(window):
    block = photo(window)
    wheel(window, pixel(window, *centre(block)), 2)
    assert block.scale == 1.0 and window.undo_stack.count() == 0


def test_corner_handle_in_crop_mode_scales_the_picture_not_the_block(window):
    enter_crop_mode_by_double_click(window)
    block = photo(window)
    rect = (block.x, block.y, block.width, block.height)
    corner = (block.x + block.width, block.y + block.height)
    cx, cy = block.x + block.width / 2, block.y + block.height / 2
    # Out from the centre by half again: 150 %.
    target = (cx + (corner[0] - cx) * 1.5, cy + (corner[1] - cy) * 1.5)
    drag(window, corner, target)
    assert (block.x, block.y, block.width, block.height) == pytest.approx(rect)
    assert block.scale == pytest.approx(1.5, abs=0.02)
    assert window.undo_stack.count() == 1
    # Out of crop mode the same handle resizes the block again.
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    QTest.mouseClick(window.view, Qt.MouseButton.LeftButton, pos=pixel(window, *centre(block)))
    drag(window, corner, (corner[0], corner[1] + 60))
    assert block.height > rect[3]
    undo_all(window)
