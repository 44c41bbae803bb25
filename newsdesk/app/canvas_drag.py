"""Mouse gestures on the page canvas: move, resize, marquee, draw a frame, place copy, pan, crop.

A gesture starts on a mouse press, follows the pointer (snapped to the grid unless Ctrl is held)
with a live preview, and ends on release by applying ONE edit operation through the window, so
every gesture is one undo step. Previews never leave the edition changed:

- a move translates the moved blocks' laid-out frames (a block moved on the grid keeps its line
  breaks, so the preview is exact and costs no composing);
- a resize or crop lays the page out with the block's new geometry set for the duration of one
  engine call and put back at once (the engine re-lays that block's thread only).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QPainter

from newsdesk.app import overlays
from newsdesk.app.selection import Rect, blocks_in, normalised, resized
from newsdesk.layout.result import Frame, GlyphRun, Line, MarkItem, PageLayout
from newsdesk.layout.snap import cell_of, snap_move, snap_rect
from newsdesk.model.edition import Page
from newsdesk.model.units import to_mm


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


CLICK_PIXELS = 4  # a press and release closer than this (screen pixels) is a click, not a drag


def size_text(page: Page, rect: Rect) -> str:
    """Position and size in the editor's units: 栏 × 行 on the grid, and millimetres."""
    grid = page.grid
    cell = cell_of(grid, page.width, page.height, *rect)
    x, y, w, h = rect
    return (
        f"{cell.span} 栏 × {cell.lines} 行\n"
        f"X {to_mm(x):.1f}  Y {to_mm(y):.1f} mm  ·  {to_mm(w):.1f} × {to_mm(h):.1f} mm"
    )


def snapped_edges(page: Page, original: Rect, raw: Rect, handle: str) -> Rect:
    """A resized rectangle with only the sides the handle moves snapped to the grid."""
    from newsdesk.app.selection import HANDLES

    grid = page.grid
    sx, sy = HANDLES[handle]
    sn = snap_rect(grid, page.width, page.height, *raw)
    left, top = raw[0], raw[1]
    right, bottom = raw[0] + raw[2], raw[1] + raw[3]
    if sx < 0:
        left = sn[0]
    elif sx > 0:
        right = sn[0] + sn[2]
    if sy < 0:
        top = sn[1]
    elif sy > 0:
        bottom = sn[1] + sn[3]
    if sx == 0:
        left, right = original[0], original[0] + original[2]
    if sy == 0:
        top, bottom = original[1], original[1] + original[3]
    return (left, top, max(right - left, 1.0), max(bottom - top, 1.0))


# -- previews ----------------------------------------------------------------------------------


def _shift_run(run: GlyphRun, dx: float, dy: float) -> GlyphRun:
    return replace(run, xs=[v + dx for v in run.xs], ys=[v + dy for v in run.ys])


def _shift_line(line: Line, dx: float, dy: float) -> Line:
    return replace(
        line,
        x=line.x + dx,
        baseline=line.baseline + dy,
        column_x=line.column_x + dx,
        runs=[_shift_run(r, dx, dy) for r in line.runs],
        marks=[MarkItem(m.x + dx, m.y + dy, m.diameter, m.color) for m in line.marks],
    )


def shifted_frame(frame: Frame, dx: float, dy: float, with_lines: bool = True) -> Frame:
    """A frame moved by (dx, dy), everything in it with it (its lines only `with_lines`)."""
    return replace(
        frame,
        x=frame.x + dx,
        y=frame.y + dy,
        lines=[_shift_line(line, dx, dy) for line in frame.lines] if with_lines else frame.lines,
        rules=[
            replace(r, x1=r.x1 + dx, y1=r.y1 + dy, x2=r.x2 + dx, y2=r.y2 + dy) for r in frame.rules
        ],
        boxes=[replace(b, x=b.x + dx, y=b.y + dy) for b in frame.boxes],
        images=[replace(i, x=i.x + dx, y=i.y + dy) for i in frame.images],
    )


def frame_rect(frame: Frame) -> Rect:
    return (frame.x, frame.y, frame.width, frame.height)


def changed_rects(old: PageLayout | None, new: PageLayout) -> list[Rect]:
    """Rectangles of frames that are not the very same object in both layouts (the engine hands
    back cached frames for everything it did not re-lay)."""
    if old is None:
        return [(0.0, 0.0, new.width, new.height)]
    before = {id(f) for f in old.frames}
    after = {id(f) for f in new.frames}
    return [frame_rect(f) for f in old.frames if id(f) not in after] + [
        frame_rect(f) for f in new.frames if id(f) not in before
    ]


def laid_out_with(window, changes: dict[str, dict]) -> list[PageLayout]:
    """The edition laid out as if some blocks had other field values; the model is put back
    before this returns (so the real change still goes through window.apply, as one step)."""
    edition = window.edition
    saved = []
    try:
        for block_id, values in changes.items():
            _page, block = edition.find_block(block_id)
            saved.append((block, {k: getattr(block, k) for k in values}))
            for name, value in values.items():
                setattr(block, name, value)
        return window.engine.layout()
    finally:
        for block, old in saved:
            for name, value in old.items():
                setattr(block, name, value)


# -- gestures ----------------------------------------------------------------------------------


class Gesture:
    """A press-drag-release on the canvas. Coordinates are page points."""

    def __init__(self, canvas, start: QPointF) -> None:
        self.canvas = canvas
        self.start = start
        self.pos = start
        self.dragged = False  # moved further than a click

    def moved_far(self, pos: QPointF) -> bool:
        d = (pos - self.start) * self.canvas.view.zoom
        return self.dragged or abs(d.x()) > CLICK_PIXELS or abs(d.y()) > CLICK_PIXELS

    def move(self, pos: QPointF, modifiers) -> None:
        self.dragged = self.moved_far(pos)
        self.pos = pos

    def finish(self, pos: QPointF, modifiers) -> None:
        self.dragged = self.moved_far(pos)
        self.pos = pos

    def cancel(self) -> None:
        pass

    def paint(self, p: QPainter, zoom: float) -> None:
        pass

    def label(self) -> str:
        return ""

    def overlay_rects(self) -> list[Rect]:
        """Page rectangles this gesture draws on (repainted as it changes)."""
        return []


def snapping(modifiers) -> bool:
    return not bool(modifiers & Qt.KeyboardModifier.ControlModifier)


class MoveGesture(Gesture):
    """Drag the selection; the grabbed block snaps (keeping its 栏 × 行), the others follow."""

    def __init__(self, canvas, start: QPointF, grabbed: str) -> None:
        super().__init__(canvas, start)
        page = canvas.model_page()
        self.page = page
        self.blocks = canvas.selection.blocks(page)
        self.grabbed = next(b for b in self.blocks if b.id == grabbed)
        self.origin = {b.id: (b.x, b.y, b.width, b.height) for b in self.blocks}
        self.base = canvas.view.page()  # the layout before the drag
        self.delta = (0.0, 0.0)

    def target(self, pos: QPointF, modifiers) -> tuple[float, float]:
        x, y, w, h = self.origin[self.grabbed.id]
        nx, ny = x + pos.x() - self.start.x(), y + pos.y() - self.start.y()
        if snapping(modifiers):
            page = self.page
            nx, ny, _w, _h = snap_move(page.grid, page.width, page.height, nx, ny, w, h)
        return nx - x, ny - y

    def move(self, pos: QPointF, modifiers) -> None:
        super().move(pos, modifiers)
        if not self.dragged:
            return
        delta = self.target(pos, modifiers)
        if delta != self.delta:
            self.delta = delta
            # The moved blocks float as one painted layer (PageView.replace_page): their lines
            # need not be moved one by one at every pointer move.
            ids = frozenset(self.origin)
            floats = self.canvas.view.can_float(self.base, ids)
            preview = self.preview(with_lines=not floats)
            self.canvas.show_preview(
                preview,
                changed_rects(self.canvas.view.page(), preview),
                (self.base, ids, delta) if floats else None,
            )

    def preview(self, with_lines: bool = True) -> PageLayout:
        """The page with the moved blocks' frames moved. Without `with_lines` their lines stay
        where they were laid out: the view shows them moved in its floating layer, and nothing
        else reads a preview's lines (the drop lays the page out again)."""
        dx, dy = self.delta
        moved = set(self.origin)
        frames = [
            shifted_frame(f, dx, dy, with_lines) if f.block in moved else f
            for f in self.base.frames
        ]
        return replace(self.base, frames=frames)

    def rects(self) -> list[Rect]:
        dx, dy = self.delta
        return [(x + dx, y + dy, w, h) for x, y, w, h in self.origin.values()]

    def label(self) -> str:
        x, y, w, h = self.origin[self.grabbed.id]
        dx, dy = self.delta
        return size_text(self.page, (x + dx, y + dy, w, h))

    def overlay_rects(self) -> list[Rect]:
        return self.rects() if self.dragged else []

    def paint(self, p: QPainter, zoom: float) -> None:
        if self.dragged:
            overlays.paint_ghosts(p, self.rects(), zoom)

    def finish(self, pos: QPointF, modifiers) -> None:
        super().finish(pos, modifiers)
        if not self.dragged:
            return
        self.delta = self.target(pos, modifiers)
        dx, dy = self.delta
        if abs(dx) < 1e-6 and abs(dy) < 1e-6:
            self.canvas.show_preview(self.base, [])
            return
        moves = {bid: (x + dx, y + dy) for bid, (x, y, _w, _h) in self.origin.items()}
        self.canvas.apply_action("move_blocks", moves)

    def cancel(self) -> None:
        self.canvas.show_preview(self.base, [])


class ResizeGesture(Gesture):
    """Drag a handle: the sides it moves snap to column edges and grid lines."""

    def __init__(self, canvas, start: QPointF, block_id: str, handle: str) -> None:
        super().__init__(canvas, start)
        self.page = canvas.model_page()
        _page, block = canvas.window.edition.find_block(block_id)
        self.block_id = block_id
        self.handle = handle
        self.origin: Rect = (block.x, block.y, block.width, block.height)
        self.rect: Rect = self.origin
        self.base = canvas.view.page()

    def target(self, pos: QPointF, modifiers) -> Rect:
        dx, dy = pos.x() - self.start.x(), pos.y() - self.start.y()
        raw = resized(self.origin, self.handle, dx, dy)
        if snapping(modifiers):
            return snapped_edges(self.page, self.origin, raw, self.handle)
        return raw

    def move(self, pos: QPointF, modifiers) -> None:
        super().move(pos, modifiers)
        if not self.dragged:
            return
        rect = self.target(pos, modifiers)
        if rect != self.rect:
            self.rect = rect
            x, y, w, h = rect
            pages = laid_out_with(
                self.canvas.window, {self.block_id: {"x": x, "y": y, "width": w, "height": h}}
            )
            preview = pages[self.base.index]
            self.canvas.show_preview(preview, changed_rects(self.canvas.view.page(), preview))

    def label(self) -> str:
        return size_text(self.page, self.rect)

    def overlay_rects(self) -> list[Rect]:
        return [self.rect] if self.dragged else []

    def paint(self, p: QPainter, zoom: float) -> None:
        if self.dragged:
            overlays.paint_ghosts(p, [self.rect], zoom)

    def finish(self, pos: QPointF, modifiers) -> None:
        super().finish(pos, modifiers)
        if not self.dragged:
            return
        self.rect = self.target(pos, modifiers)
        if all(abs(a - b) < 1e-6 for a, b in zip(self.rect, self.origin)):
            self.cancel()
            return
        self.canvas.apply_action("set_rect", self.block_id, self.rect)

    def cancel(self) -> None:
        pages = self.canvas.window.engine.layout()  # the real geometry again
        self.canvas.show_preview(pages[self.base.index], [])


class MarqueeGesture(Gesture):
    """Drag on empty page: select every block the rectangle touches (Shift adds)."""

    def __init__(self, canvas, start: QPointF, adding: bool) -> None:
        super().__init__(canvas, start)
        self.adding = adding

    def rect(self) -> Rect:
        return normalised(self.start.x(), self.start.y(), self.pos.x(), self.pos.y())

    def overlay_rects(self) -> list[Rect]:
        return [self.rect()] if self.dragged else []

    def paint(self, p: QPainter, zoom: float) -> None:
        if self.dragged:
            overlays.paint_marquee(p, self.rect(), zoom)

    def finish(self, pos: QPointF, modifiers) -> None:
        super().finish(pos, modifiers)
        ids = blocks_in(self.canvas.model_page(), self.rect()) if self.dragged else []
        if self.adding:
            self.canvas.selection.add(ids)
        else:
            self.canvas.selection.set(ids)
        self.canvas.selection_changed()


class FrameGesture(Gesture):
    """Draw a new block with a frame tool, snapped to columns and grid lines."""

    def __init__(self, canvas, start: QPointF, kind: str) -> None:
        super().__init__(canvas, start)
        self.kind = kind
        self.page = canvas.model_page()
        self.modifiers = Qt.KeyboardModifier.NoModifier

    def rect(self, modifiers=Qt.KeyboardModifier.NoModifier) -> Rect:
        page = self.page
        grid = page.grid
        raw = normalised(self.start.x(), self.start.y(), self.pos.x(), self.pos.y())
        if not snapping(modifiers):
            if self.kind == "rule":
                return _rule_rect(raw, 1.0, 1.0)
            return raw
        if self.kind == "rule":
            # A rule lies along the longer side of the drag: a horizontal rule one grid line
            # high across whole columns, or a vertical rule one gutter wide down whole lines.
            x, y, w, h = raw
            if w >= h:
                sx, _sy, sw, _sh = snap_rect(grid, page.width, page.height, x, y, w, grid.leading)
                line_y = grid.margin_top + round((y - grid.margin_top) / grid.leading) * (
                    grid.leading
                )
                return (sx, line_y - grid.leading / 2, sw, grid.leading)
            _sx, sy, _sw, sh = snap_rect(grid, page.width, page.height, x, y, grid.gutter, h)
            pitch = grid.column_width + grid.gutter
            k = round((x - grid.left(page.width) + grid.gutter / 2) / pitch)
            gutter_x = grid.left(page.width) + k * pitch - grid.gutter
            return (gutter_x, sy, grid.gutter, sh)
        return snap_rect(grid, page.width, page.height, *raw)

    def move(self, pos: QPointF, modifiers) -> None:
        super().move(pos, modifiers)
        self.modifiers = modifiers

    def overlay_rects(self) -> list[Rect]:
        return [self.rect(self.modifiers)] if self.dragged else []

    def paint(self, p: QPainter, zoom: float) -> None:
        if self.dragged:
            overlays.paint_ghosts(p, self.overlay_rects(), zoom)

    def label(self) -> str:
        return size_text(self.page, self.rect(self.modifiers)) if self.dragged else ""

    def finish(self, pos: QPointF, modifiers) -> None:
        super().finish(pos, modifiers)
        if not self.dragged:
            self.canvas.say(tr("Drag to draw the block"))
            return
        rect = self.rect(modifiers)
        self.canvas.apply_action("new_block", self.kind, rect)


def _rule_rect(raw: Rect, min_w: float, min_h: float) -> Rect:
    x, y, w, h = raw
    if w >= h:
        return (x, y, max(w, min_w), min_h)
    return (x, y, min_w, max(h, min_h))


class PlaceGesture(Gesture):
    """With a loaded cursor: a click places the story in the column under the pointer, a drag
    across the columns dragged; a click on an empty text block continues the story into it."""

    def __init__(self, canvas, start: QPointF) -> None:
        super().__init__(canvas, start)
        self.page = canvas.model_page()

    def ghost(self) -> Rect:
        from newsdesk.app.place_gun import dragged_cell
        from newsdesk.layout.placement import foot_lines

        page = self.page
        release = (self.pos.x(), self.pos.y()) if self.dragged else None
        column, span, top = dragged_cell(page, (self.start.x(), self.start.y()), release)
        lines = foot_lines(page.grid, page.height, top)
        return page.grid.block_rect(page.width, column, span, top, lines)

    def overlay_rects(self) -> list[Rect]:
        return [self.ghost()]

    def paint(self, p: QPainter, zoom: float) -> None:
        overlays.paint_ghosts(p, [self.ghost()], zoom)

    def finish(self, pos: QPointF, modifiers) -> None:
        super().finish(pos, modifiers)
        release = (pos.x(), pos.y()) if self.dragged else None
        self.canvas.place_loaded((self.start.x(), self.start.y()), release)


class PanGesture(Gesture):
    """Hand tool, Space held, or the middle button: the page follows the pointer."""

    def __init__(self, canvas, start: QPointF, global_pos: QPointF) -> None:
        super().__init__(canvas, start)
        self.last = global_pos
        canvas.view.setCursor(Qt.CursorShape.ClosedHandCursor)

    def pan_to(self, global_pos: QPointF) -> None:
        scroll = self.canvas.scroll_area()
        if scroll is None:
            return
        d = global_pos - self.last
        self.last = global_pos
        h, v = scroll.horizontalScrollBar(), scroll.verticalScrollBar()
        h.setValue(h.value() - round(d.x()))
        v.setValue(v.value() - round(d.y()))

    def finish(self, pos: QPointF, modifiers) -> None:
        self.canvas.view.unsetCursor()
        self.canvas.update_cursor()


class CropGesture(Gesture):
    """Alt-drag in a picture block (or a plain drag in crop mode): the picture slides under
    its frame; the block's crop focus (0..1 of the picture) follows."""

    def __init__(self, canvas, start: QPointF, block_id: str) -> None:
        super().__init__(canvas, start)
        _page, block = canvas.window.edition.find_block(block_id)
        self.block_id = block_id
        self.focus0 = tuple(block.crop)
        self.focus = self.focus0
        self.base = canvas.view.page()
        frame = next((f for f in self.base.frames if f.block == block_id), None)
        self.item = frame.images[0] if frame is not None and frame.images else None

    def focus_at(self, pos: QPointF) -> tuple[float, float]:
        item = self.item
        if item is None or item.missing or item.width <= 0 or item.height <= 0:
            return self.focus0
        from pathlib import Path

        from newsdesk.layout.images import probe

        info = probe(Path(item.path))
        if info is None or info.width <= 0 or info.height <= 0:
            return self.focus0
        left, top, right, bottom = item.crop
        px_per_pt_x = (right - left) / item.width
        px_per_pt_y = (bottom - top) / item.height
        dx = -(pos.x() - self.start.x()) * px_per_pt_x / info.width
        dy = -(pos.y() - self.start.y()) * px_per_pt_y / info.height
        # Past the edge the picture cannot slide further: the focus stops where the crop does.
        half_w = (right - left) / info.width / 2
        half_h = (bottom - top) / info.height / 2
        fx = _clamp(_clamp(self.focus0[0], half_w, 1 - half_w) + dx, half_w, 1 - half_w)
        fy = _clamp(_clamp(self.focus0[1], half_h, 1 - half_h) + dy, half_h, 1 - half_h)
        return (round(fx, 4), round(fy, 4))

    def move(self, pos: QPointF, modifiers) -> None:
        super().move(pos, modifiers)
        focus = self.focus_at(pos)
        if focus != self.focus and self.dragged:
            self.focus = focus
            pages = laid_out_with(self.canvas.window, {self.block_id: {"crop": focus}})
            preview = pages[self.base.index]
            self.canvas.show_preview(preview, changed_rects(self.canvas.view.page(), preview))

    def label(self) -> str:
        if not self.dragged:
            return ""
        return (
            tr("Focus %1 %, %2 %")
            .replace("%1", f"{self.focus[0] * 100:.0f}")
            .replace("%2", f"{self.focus[1] * 100:.0f}")
        )

    def finish(self, pos: QPointF, modifiers) -> None:
        super().finish(pos, modifiers)
        if not self.dragged:
            return
        self.focus = self.focus_at(pos)
        if self.focus == self.focus0:
            self.cancel()
            return
        self.canvas.apply_action("set_crop", self.block_id, self.focus)

    def cancel(self) -> None:
        pages = self.canvas.window.engine.layout()
        self.canvas.show_preview(pages[self.base.index], [])


class ScaleGesture(Gesture):
    """In crop mode, a handle of the picture block dragged: the picture grows or shrinks with
    the pointer's distance from the block's centre (the block stays as it is)."""

    def __init__(self, canvas, start: QPointF, block_id: str) -> None:
        super().__init__(canvas, start)
        _page, block = canvas.window.edition.find_block(block_id)
        self.block_id = block_id
        self.centre = QPointF(block.x + block.width / 2, block.y + block.height / 2)
        self.scale0 = block.scale
        self.scale = block.scale
        self.base = canvas.view.page()

    def scale_at(self, pos: QPointF) -> float:
        from newsdesk.app.picture_scale import clamp_scale

        def distance(p: QPointF) -> float:
            d = p - self.centre
            return max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1.0)

        return clamp_scale(self.scale0 * distance(pos) / distance(self.start))

    def move(self, pos: QPointF, modifiers) -> None:
        super().move(pos, modifiers)
        scale = self.scale_at(pos)
        if scale != self.scale and self.dragged:
            self.scale = scale
            pages = laid_out_with(self.canvas.window, {self.block_id: {"scale": scale}})
            preview = pages[self.base.index]
            self.canvas.show_preview(preview, changed_rects(self.canvas.view.page(), preview))

    def label(self) -> str:
        if not self.dragged:
            return ""
        return self.canvas.scale_text(self.block_id, self.scale)

    def finish(self, pos: QPointF, modifiers) -> None:
        super().finish(pos, modifiers)
        if not self.dragged:
            return
        self.scale = self.scale_at(pos)
        if self.scale == self.scale0:
            self.cancel()
            return
        self.canvas.apply_action("set_scale", self.block_id, self.scale, None)

    def cancel(self) -> None:
        pages = self.canvas.window.engine.layout()
        self.canvas.show_preview(pages[self.base.index], [])


def _clamp(v: float, lo: float, hi: float) -> float:
    if lo > hi:
        return 0.5
    return min(max(v, lo), hi)
