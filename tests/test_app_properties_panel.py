"""The properties panel, driven by key clicks into its fields: geometry in 栏/行 and in mm (snapped
to the grid), text columns, head size/竖排, body style, a picture's fit, crop, effective ppi and
caption — each change one undo step, undone to the saved file byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402
from newsdesk.model.units import mm, to_mm  # noqa: E402
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
    return w


def _enter(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_geometry_in_columns_lines_and_mm(window) -> None:
    panel = window.properties
    original = edition_to_json_bytes(window.edition)
    window.go_to_block(1, "p2-parking")  # columns 1-4, lines 30-51
    assert panel.findChild(QSpinBox, "column").value() == 1
    assert panel.findChild(QSpinBox, "span").value() == 4
    assert panel.findChild(QSpinBox, "top").value() == 30
    assert panel.findChild(QSpinBox, "lines").value() == 22
    _enter(panel.findChild(QSpinBox, "span"), "3")
    _page, block = window.edition.find_block("p2-parking")
    grid = window.edition.pages[1].grid
    assert block.width == pytest.approx(grid.span_width(3))
    assert window.undo_stack.count() == 1
    # 40 mm down from where it is, typed in mm: snapped to a whole line of the grid.
    y_mm = panel.findChild(QDoubleSpinBox, "y_mm")
    _enter(y_mm, f"{to_mm(block.y) + 40.3:.1f}")
    lines = (block.y - grid.margin_top) / grid.leading
    assert lines == pytest.approx(round(lines))  # on the baseline grid
    assert panel.findChild(QSpinBox, "top").value() == round(lines) + 1
    assert window.undo_stack.count() == 2
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == original


def test_text_columns_heads_and_body_style(window) -> None:
    panel = window.properties
    original = edition_to_json_bytes(window.edition)
    window.go_to_block(1, "p2-parking")
    _enter(panel.findChild(QSpinBox, "text_columns"), "3")
    assert window.edition.find_block("p2-parking")[1].text_columns == 3
    size = panel.findChild(QComboBox, "head_size")
    size.setCurrentIndex(size.findData(36.0))  # 小初
    size.activated.emit(size.currentIndex())
    story = window.edition.stories["parking"]
    assert story.heads.headline_size == 36.0
    box = panel.findChild(QCheckBox, "vertical")
    # On its indicator: a wide dock leaves the box's centre beyond its label, where Qt ignores it.
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert story.heads.vertical
    style = panel.findChild(QComboBox, "body_style")
    style.setCurrentIndex(style.findData("brief"))
    style.activated.emit(style.currentIndex())
    assert all(p.style == "brief" for p in story.paragraphs if p.style != "subhead")
    assert window.undo_stack.count() == 4  # one step each
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == original


def test_picture_fit_crop_ppi_and_caption(window) -> None:
    panel = window.properties
    original = edition_to_json_bytes(window.edition)
    window.go_to_block(0, "p1-photo")
    ppi = panel.findChild(QLabel, "ppi").text()
    frame = next(f for f in window.pages[0].frames if f.block == "p1-photo")
    assert ppi.startswith(f"{frame.images[0].ppi:.0f} ppi")
    _enter(panel.findChild(QSpinBox, "focus_x"), "20")
    assert window.edition.find_block("p1-photo")[1].crop[0] == pytest.approx(0.2)
    caption = panel.findChild(QLineEdit, "caption")
    caption.setFocus()
    QTest.keyClick(caption, Qt.Key.Key_End)
    QTest.keyClicks(caption, " OK")
    QTest.keyClick(caption, Qt.Key.Key_Return)
    assert window.edition.find_block("p1-photo")[1].caption.endswith(" OK")
    fit = panel.findChild(QComboBox, "fit")
    fit.setCurrentIndex(fit.findData("fit"))
    fit.activated.emit(fit.currentIndex())
    assert window.edition.find_block("p1-photo")[1].fit == "fit"
    assert window.undo_stack.count() == 3
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == original


def test_no_selection_disables_the_fields(window) -> None:
    panel = window.properties
    window.highlighted_block = None
    panel.refresh()
    assert not panel.geometry.isEnabled() and not panel.picture.isEnabled()


def test_follows_the_canvas_selection(window, qtbot, monkeypatch) -> None:
    from types import SimpleNamespace

    panel = window.properties
    selection = SimpleNamespace(ids=["p2-parking"])
    monkeypatch.setattr(window, "canvas", SimpleNamespace(selection=selection), raising=False)
    qtbot.waitUntil(lambda: panel.findChild(QSpinBox, "span").value() == 4, timeout=3000)
    assert "p2-parking" in panel.title.text()
    selection.ids = ["p1-photo"]
    qtbot.waitUntil(lambda: "p1-photo" in panel.title.text(), timeout=3000)
    assert panel.picture.isEnabled()


def _body_columns(window, page: int, block_id: str) -> list[float]:
    frame = next(f for f in window.pages[page].frames if f.block == block_id)
    return sorted({round(ln.column_x, 3) for ln in frame.lines if ln.part == "body"})


def test_columns_and_the_gutter_inside_a_block(window, tmp_path) -> None:
    """A 4-栏 block set in 2 columns (破栏), then given its own gutter in mm; the laid-out
    columns follow; 0 goes back to the grid's gutter; every change one undo step."""
    panel = window.properties
    original = edition_to_json_bytes(window.edition)
    window.go_to_block(1, "p2-parking")  # 4 basic columns wide
    gutter = panel.findChild(QDoubleSpinBox, "text_gutter")
    assert gutter.value() == 0 and gutter.text() == gutter.specialValueText()
    _enter(panel.findChild(QSpinBox, "text_columns"), "2")
    grid = window.edition.pages[1].grid
    block = window.edition.find_block("p2-parking")[1]
    chars = round(block.width / grid.body_size)  # 55 characters
    cols = _body_columns(window, 1, "p2-parking")
    assert len(cols) == 2
    width = (chars - grid.gutter_chars) // 2 * grid.body_size
    assert cols[1] - cols[0] - width == pytest.approx(chars * grid.body_size - 2 * width)
    _enter(gutter, "8")  # 8 mm: 22.7 pt, at least 3 characters of 9 pt
    assert block.text_gutter == pytest.approx(mm(8))
    cols = _body_columns(window, 1, "p2-parking")
    col_chars = int((chars * grid.body_size - mm(8)) / (2 * grid.body_size))
    assert col_chars < (chars - grid.gutter_chars) // 2  # narrower columns, a wider gutter
    assert cols[1] - cols[0] == pytest.approx(block.width - col_chars * grid.body_size, abs=1e-3)
    window.grab().save(str(tmp_path / "gutter.png"))
    assert window.undo_stack.count() == 2
    _enter(gutter, "0")
    assert block.text_gutter is None
    assert gutter.text() == gutter.specialValueText()
    assert window.undo_stack.count() == 3
    # The spin box never offers a gutter the file could not hold (0..360 pt).
    assert 0 < mm(gutter.maximum()) <= 360
    # A gutter finer than the field shows (a file may hold 0.01 pt) is kept when the field is
    # only visited, not typed into.
    from newsdesk.edit import SetFields

    assert window.apply(SetFields(("block", "p2-parking"), {"text_gutter": 0.01}))
    panel.refresh()
    steps = window.undo_stack.count()
    gutter.setFocus()
    QTest.keyClick(gutter, Qt.Key.Key_Return)
    gutter.editingFinished.emit()
    assert block.text_gutter == 0.01 and window.undo_stack.count() == steps
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert edition_to_json_bytes(window.edition) == original


def test_picture_scale_and_its_effective_ppi(window) -> None:
    panel = window.properties
    original = edition_to_json_bytes(window.edition)
    window.go_to_block(0, "p1-photo")
    scale = panel.findChild(QSpinBox, "scale")
    assert scale.value() == 100
    before = next(f for f in window.pages[0].frames if f.block == "p1-photo").images[0]
    _enter(scale, "200")
    block = window.edition.find_block("p1-photo")[1]
    assert block.scale == pytest.approx(2.0)
    after = next(f for f in window.pages[0].frames if f.block == "p1-photo").images[0]
    assert after.ppi == pytest.approx(before.ppi / 2, rel=1e-3)
    assert (after.x, after.y, after.width, after.height) == pytest.approx(
        (before.x, before.y, before.width, before.height)
    )
    assert panel.findChild(QLabel, "ppi").text().startswith(f"{after.ppi:.0f} ppi")
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert scale.value() == 100
    assert edition_to_json_bytes(window.edition) == original
