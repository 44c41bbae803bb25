"""The properties panel (dock): the selected block's geometry in 栏/行 and mm, its text columns
and the gutter between them, the head settings and body style of its story, and a picture's fit,
scale, crop focus, effective ppi, caption and credit. Every change is one undo step through window.apply.

The selected block is `window.selected_block_ids()[0]` when the canvas offers a selection, else
the block the window last pointed at (go_to_block: a story or finding double-clicked)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsdesk.edit import Batch, SetFields
from newsdesk.model.edition import Block, Page
from newsdesk.model.units import ZIHAO, mm, to_mm

FIT_SIZE = "fit"  # head size combo: fit the head into its lines


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def grid_cells(page: Page, block: Block) -> tuple[int, int, int, int]:
    """(column, span, top line, lines) of a block, each rounded to the nearest grid cell."""
    grid = page.grid
    step = grid.column_width + grid.gutter
    column = round((block.x - grid.left(page.width)) / step)
    span = max(1, round((block.width + grid.gutter) / step))
    top = round((block.y - grid.margin_top) / grid.leading)
    lines = max(1, round(block.height / grid.leading))
    return column, span, top, lines


def snapped_rect(page: Page, column: int, span: int, top: int, lines: int):
    """A block rectangle on grid cells, kept inside the page's columns."""
    grid = page.grid
    span = min(max(span, 1), grid.columns)
    column = min(max(column, 0), grid.columns - span)
    return grid.block_rect(page.width, column, span, max(top, 0), max(lines, 1))


class PropertiesPanel(QScrollArea):
    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.setObjectName("properties")
        self.setWidgetResizable(True)
        self._updating = False
        self._gutter_shown = 0.0
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel(tr("No block selected"))
        self.title.setWordWrap(True)
        layout.addWidget(self.title)

        self.geometry = QGroupBox(tr("Position and size"))
        form = QFormLayout(self.geometry)
        self.column = self._spin("column", 1, 64, form, tr("Column (栏):"))
        self.span = self._spin("span", 1, 64, form, tr("Columns wide:"))
        self.top = self._spin("top", 1, 999, form, tr("Line (行):"))
        self.lines = self._spin("lines", 1, 999, form, tr("Lines deep:"))
        self.x_mm = self._mm("x_mm", form, "X (mm):")
        self.y_mm = self._mm("y_mm", form, "Y (mm):")
        self.w_mm = self._mm("w_mm", form, tr("Width (mm):"))
        self.h_mm = self._mm("h_mm", form, tr("Height (mm):"))
        for spin in (self.column, self.span, self.top, self.lines):
            spin.editingFinished.connect(self._apply_cells)
        for spin in (self.x_mm, self.y_mm, self.w_mm, self.h_mm):
            spin.editingFinished.connect(self._apply_mm)
        layout.addWidget(self.geometry)

        self.text_box = QGroupBox(tr("Text"))
        form = QFormLayout(self.text_box)
        self.text_columns = self._spin("text_columns", 0, 16, form, tr("Text columns (破栏):"))
        self.text_columns.setSpecialValueText(tr("one per column"))
        self.text_columns.editingFinished.connect(self._apply_text_columns)
        self.text_gutter = self._mm("text_gutter", form, tr("Gutter between them (mm):"))
        self.text_gutter.setRange(0.0, 50.0)
        self.text_gutter.setSingleStep(0.5)
        self.text_gutter.setSpecialValueText(tr("grid gutter"))  # 0 = None: follow the grid
        self.text_gutter.editingFinished.connect(self._apply_text_gutter)
        self.rules_between = QCheckBox(tr("Column rules"))
        self.rules_between.setObjectName("rules_between")
        self.rules_between.toggled.connect(self._apply_rules_between)
        form.addRow(self.rules_between)
        self.head_span = self._spin("head_span", 0, 16, form, tr("Head spans columns:"))
        self.head_span.setSpecialValueText(tr("whole block"))
        self.head_span.editingFinished.connect(self._apply_heads)
        self.head_size = QComboBox()
        self.head_size.setObjectName("head_size")
        self.head_size.addItem(tr("Fit"), FIT_SIZE)
        for name, points in ZIHAO.items():
            self.head_size.addItem(f"{name}（{points:g} pt）", points)
        self.head_size.activated.connect(self._apply_heads)
        form.addRow(tr("Head size:"), self.head_size)
        self.vertical = QCheckBox(tr("Vertical heads (竖排)"))
        self.vertical.setObjectName("vertical")
        self.vertical.toggled.connect(self._apply_heads)
        form.addRow(self.vertical)
        self.body_style = QComboBox()
        self.body_style.setObjectName("body_style")
        self.body_style.activated.connect(self._apply_body_style)
        form.addRow(tr("Body style:"), self.body_style)
        layout.addWidget(self.text_box)

        self.picture = QGroupBox(tr("Picture"))
        form = QFormLayout(self.picture)
        self.fit = QComboBox()
        self.fit.setObjectName("fit")
        self.fit.addItem(tr("Fill the block (crop)"), "fill")
        self.fit.addItem(tr("Fit inside the block"), "fit")
        self.fit.activated.connect(self._apply_picture)
        form.addRow(tr("Fit:"), self.fit)
        self.picture_scale = self._spin("scale", 10, 1000, form, tr("Scale (%):"))
        self.picture_scale.setSingleStep(5)
        self.picture_scale.setToolTip(tr("Of the size that fits or fills the block"))
        self.picture_scale.editingFinished.connect(self._apply_picture)
        self.focus_x = self._spin("focus_x", 0, 100, form, tr("Crop focus across (%):"))
        self.focus_y = self._spin("focus_y", 0, 100, form, tr("Crop focus down (%):"))
        self.focus_x.editingFinished.connect(self._apply_picture)
        self.focus_y.editingFinished.connect(self._apply_picture)
        self.ppi = QLabel()
        self.ppi.setObjectName("ppi")
        form.addRow(tr("Effective resolution:"), self.ppi)
        self.caption = QLineEdit()
        self.caption.setObjectName("caption")
        self.caption.editingFinished.connect(self._apply_picture)
        form.addRow(tr("Caption:"), self.caption)
        self.credit = QLineEdit()
        self.credit.setObjectName("credit")
        self.credit.editingFinished.connect(self._apply_picture)
        form.addRow(tr("Credit:"), self.credit)
        layout.addWidget(self.picture)
        layout.addStretch(1)
        self.setWidget(body)
        window.editionChanged.connect(self.refresh)
        self._shown: str | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(200)
        self._poll.timeout.connect(self._follow_selection)
        self._poll.start()
        self.refresh()

    def _spin(self, name: str, low: int, high: int, form: QFormLayout, label: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setKeyboardTracking(False)
        form.addRow(label, spin)
        return spin

    def _mm(self, name: str, form: QFormLayout, label: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(0.0, 2000.0)
        spin.setDecimals(1)
        spin.setKeyboardTracking(False)
        form.addRow(label, spin)
        return spin

    # -- the selected block ------------------------------------------------------------------

    def block_id(self) -> str | None:
        selected = getattr(self.window, "selected_block_ids", None)
        if callable(selected):
            ids = list(selected())
        else:  # the canvas's selection, until the window offers selected_block_ids()
            selection = getattr(getattr(self.window, "canvas", None), "selection", None)
            ids = list(getattr(selection, "ids", []) or [])
        if ids:
            return ids[0]
        return getattr(self.window, "highlighted_block", None)

    def _follow_selection(self) -> None:
        """A click on another block changes no edition, so no signal comes: look every 200 ms
        (one comparison) and refresh when the selected block changed."""
        if self.isVisible() and self.block_id() != self._shown:
            self.refresh()

    def selection(self):
        """(page, block, story or None) of the selected block, or None."""
        edition = self.window.edition
        block_id = self.block_id()
        if edition is None or not block_id:
            return None
        try:
            page, block = edition.find_block(block_id)
        except KeyError:
            return None
        return page, block, edition.stories.get(block.story or "")

    def refresh(self) -> None:
        found = self.selection()
        self._shown = self.block_id()
        self._updating = True
        try:
            for box in (self.geometry, self.text_box, self.picture):
                box.setEnabled(found is not None)
            if found is None:
                self.title.setText(tr("No block selected"))
                return
            page, block, story = found
            name = (story.slug or story.headline) if story else ""
            self.title.setText(f"{block.id}（{block.kind}）{name}")
            column, span, top, lines = grid_cells(page, block)
            self.column.setValue(column + 1)
            self.span.setValue(span)
            self.top.setValue(top + 1)
            self.lines.setValue(lines)
            self.x_mm.setValue(to_mm(block.x))
            self.y_mm.setValue(to_mm(block.y))
            self.w_mm.setValue(to_mm(block.width))
            self.h_mm.setValue(to_mm(block.height))
            is_text = block.kind == "story"
            self.text_box.setEnabled(is_text)
            self.text_columns.setValue(block.text_columns)
            gutter = block.text_gutter
            self.text_gutter.setValue(0.0 if gutter is None else max(to_mm(gutter), 0.1))
            self._gutter_shown = self.text_gutter.value()  # what an untouched field holds
            self.rules_between.setChecked(block.rules_between)
            if story is not None:
                heads = story.heads
                self.head_span.setValue(heads.span)
                size = FIT_SIZE if heads.headline_size == 0 else heads.headline_size
                index = self.head_size.findData(size)
                if index < 0:
                    self.head_size.addItem(f"{heads.headline_size:g} pt", heads.headline_size)
                    index = self.head_size.count() - 1
                self.head_size.setCurrentIndex(index)
                self.vertical.setChecked(heads.vertical)
                self.body_style.clear()
                for style in self.window.edition.styles:
                    self.body_style.addItem(style, style)
                self.body_style.setCurrentIndex(self.body_style.findData(_main_style(story)))
            is_picture = block.kind in ("image", "ad")
            self.picture.setEnabled(is_picture)
            self.fit.setCurrentIndex(self.fit.findData(block.fit))
            self.picture_scale.setValue(round(block.scale * 100))
            self.focus_x.setValue(round(block.crop[0] * 100))
            self.focus_y.setValue(round(block.crop[1] * 100))
            self.caption.setText(block.caption)
            self.credit.setText(block.credit)
            self.ppi.setText(self._ppi_text(page, block))
        finally:
            self._updating = False

    def _ppi_text(self, page: Page, block: Block) -> str:
        """The effective ppi the layout found for the picture at its placed size."""
        index = self.window.edition.pages.index(page)
        if not 0 <= index < len(self.window.pages):
            return ""
        frame = next((f for f in self.window.pages[index].frames if f.block == block.id), None)
        if frame is None or not frame.images:
            return ""
        item = frame.images[0]
        if item.missing:
            return tr("no picture")
        if item.is_pdf:
            return tr("vector (PDF)")
        low = item.ppi < self.window.edition.print.min_ppi
        text = f"{item.ppi:.0f} ppi"
        return text + tr(" (too low for print)") if low else text

    # -- changes, each one undo step ---------------------------------------------------------

    def _set(self, target: tuple, values: dict) -> None:
        if not self._updating and values:
            self.window.apply(SetFields(target, values))

    def _rect_values(self, block: Block, rect) -> dict:
        x, y, w, h = rect
        values = {"x": x, "y": y, "width": w, "height": h}
        return {k: v for k, v in values.items() if abs(getattr(block, k) - v) > 1e-6}

    def _apply_cells(self) -> None:
        found = self.selection()
        if found is None or self._updating:
            return
        page, block, _story = found
        rect = snapped_rect(
            page,
            self.column.value() - 1,
            self.span.value(),
            self.top.value() - 1,
            self.lines.value(),
        )
        self._set(("block", block.id), self._rect_values(block, rect))

    def _apply_mm(self) -> None:
        """Millimetres typed in snap to the nearest columns and lines of the grid."""
        found = self.selection()
        if found is None or self._updating:
            return
        page, block, _story = found
        typed = Block(
            block.id,
            block.kind,
            mm(self.x_mm.value()),
            mm(self.y_mm.value()),
            mm(self.w_mm.value()),
            mm(self.h_mm.value()),
        )
        rect = snapped_rect(page, *grid_cells(page, typed))
        self._set(("block", block.id), self._rect_values(block, rect))
        self.refresh()  # show the snapped values, even when nothing changed

    def _apply_text_columns(self) -> None:
        found = self.selection()
        if found is not None and found[1].text_columns != self.text_columns.value():
            self._set(("block", found[1].id), {"text_columns": self.text_columns.value()})

    def _apply_text_gutter(self) -> None:
        """Millimetres between the block's text columns; 0 (shown as 同网格栏距) is the grid's."""
        found = self.selection()
        if found is None or self._updating:
            return
        block = found[1]
        value = self.text_gutter.value()
        if abs(value - self._gutter_shown) < 1e-9:
            return  # untouched (tenths of a mm may round the file's value): no change
        gutter = None if value <= 0 else mm(value)
        self._set(("block", block.id), {"text_gutter": gutter})

    def _apply_rules_between(self, checked: bool) -> None:
        found = self.selection()
        if found is not None and found[1].rules_between != checked:
            self._set(("block", found[1].id), {"rules_between": checked})

    def _apply_heads(self, *_args) -> None:
        found = self.selection()
        if found is None or found[2] is None or self._updating:
            return
        heads = found[2].heads
        size = self.head_size.currentData()
        values: dict = {}
        if self.head_span.value() != heads.span:
            values["span"] = self.head_span.value()
        if self.vertical.isChecked() != heads.vertical:
            values["vertical"] = self.vertical.isChecked()
        if size == FIT_SIZE and heads.headline_size != 0:
            values["headline_size"] = 0.0
            if not heads.fit_sizes:  # fit among the 字号 from 初号 down to 小二
                values["fit_sizes"] = [pt for pt in ZIHAO.values() if pt >= 18.0]
        elif size != FIT_SIZE and abs(float(size) - heads.headline_size) > 1e-6:
            values["headline_size"] = float(size)
        self._set(("heads", found[2].id), values)

    def _apply_body_style(self, *_args) -> None:
        found = self.selection()
        if found is None or found[2] is None or self._updating:
            return
        story = found[2]
        new, old = self.body_style.currentData(), _main_style(story)
        if not new or new == old:
            return
        ops = tuple(
            SetFields(("paragraph", story.id, n), {"style": new})
            for n, para in enumerate(story.paragraphs)
            if para.style == old
        )
        if ops:
            self.window.apply(Batch(ops, "修改正文样式"))

    def _apply_picture(self, *_args) -> None:
        found = self.selection()
        if found is None or self._updating:
            return
        block = found[1]
        values: dict = {}
        if self.fit.currentData() != block.fit:
            values["fit"] = self.fit.currentData()
        if round(block.scale * 100) != self.picture_scale.value():
            values["scale"] = self.picture_scale.value() / 100
        crop = (self.focus_x.value() / 100, self.focus_y.value() / 100)
        if any(abs(a - b) > 1e-6 for a, b in zip(crop, block.crop)):
            values["crop"] = list(crop)
        if self.caption.text() != block.caption:
            values["caption"] = self.caption.text()
        if self.credit.text() != block.credit:
            values["credit"] = self.credit.text()
        self._set(("block", block.id), values)


def _main_style(story) -> str:
    """The style most of a story's paragraphs use (its body style)."""
    counts: dict[str, int] = {}
    for para in story.paragraphs:
        counts[para.style] = counts.get(para.style, 0) + 1
    return max(counts, key=counts.get) if counts else "body"
