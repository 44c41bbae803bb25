"""The page canvas: one page of the layout result, painted by the Qt painter at a zoom."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QRegion,
)
from PySide6.QtWidgets import QWidget

from newsdesk.layout.result import Line, PageLayout
from newsdesk.render.ink import damage, frame_reach
from newsdesk.render.qt import QtPagePainter

PAGE_MARGIN = 24  # screen pixels of desk around the page
MAX_LAYER_PIXELS = 12_000_000  # a floating drag layer larger than this (48 MB) is not made
OVERSET_RED = QColor(210, 30, 30)
SHORT_AMBER = QColor(200, 120, 0)
HIGHLIGHT_BLUE = QColor(30, 110, 230)


@dataclass(frozen=True)
class Badge:
    """A copyfit badge (超 N 字 / 缺 N 行) pinned to the bottom-right corner of a block."""

    x: float  # block rectangle, page points
    y: float
    width: float
    height: float
    text: str
    overset: bool


class PageView(QWidget):
    """Shows a PageLayout; zoom is screen pixels per point × 1 (1.0 = 72 dpi)."""

    zoomChanged = Signal(float)
    pagePainted = Signal()  # after each paint that showed a page
    lineClicked = Signal(object)  # the Line under the mouse, or None
    # Double-click on copy with the selection tool: (story id, part, character offset in the
    # part; body offsets count paragraphs joined by "\n"), for the story editor.
    textEditRequested = Signal(str, str, int)

    def __init__(self, painter: QtPagePainter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painter = painter
        self._page: PageLayout | None = None
        self._zoom = 1.0
        self.show_frames = True
        self._badges: list[Badge] = []
        self._highlight: tuple[float, float, float, float] | None = None  # a block to point at
        # The editing gestures (tools, selection, drags, place gun) live in a controller
        # (app/canvas.py) that receives this widget's input events and paints the overlays.
        self.controller = None
        self._floating = None  # (block ids, layer, dx, dy) while a move drag floats blocks
        self._layer = None  # (base layout, key, layer, under) of the last drag
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMouseTracking(False)

    @property
    def zoom(self) -> float:
        return self._zoom

    # Badges and the highlight repaint only where they were and where they go: a keystroke
    # changes a badge's number, and repainting the whole page for it would cost a frame.

    @property
    def badges(self) -> list[Badge]:
        return self._badges

    @badges.setter
    def badges(self, badges: list[Badge]) -> None:
        badges = list(badges)
        if badges == self._badges:
            return
        region = QRegion()
        for badge in (*self._badges, *badges):
            region += self._badge_region(badge)
        self._badges = badges
        self.update(region)

    @property
    def highlight(self) -> tuple[float, float, float, float] | None:
        return self._highlight

    @highlight.setter
    def highlight(self, rect: tuple[float, float, float, float] | None) -> None:
        if rect == self._highlight:
            return
        region = QRegion()
        for r in (self._highlight, rect):
            if r is not None:
                region += _ring(self.widget_rect(r), 6)
        self._highlight = rect
        self.update(region)

    def _badge_region(self, badge: Badge) -> QRegion:
        rect = self.widget_rect((badge.x, badge.y, badge.width, badge.height))
        label = rect.adjusted(-400, -60, 2, 2)  # the label sits inside the bottom-right corner
        label.setLeft(max(label.left(), rect.right() - 400))
        label.setTop(max(label.top(), rect.bottom() - 60))
        region = QRegion(label.toAlignedRect())
        if badge.overset:
            region += _ring(rect, 3)
        return region

    def set_zoom(self, zoom: float) -> None:
        zoom = max(0.1, min(zoom, 8.0))
        if abs(zoom - self._zoom) > 1e-9:
            self._zoom = zoom
            self.updateGeometry()
            self.adjustSize()
            self.update()
            self.zoomChanged.emit(zoom)

    def set_page(self, page: PageLayout | None) -> None:
        """Show a layout. Another layout of the same page (after an edit) repaints only what
        differs (render/ink.py); another page repaints everything."""
        if page is not self._page:
            self.highlight = None
        old, self._page = self._page, page
        self._update_floating()  # a drag ended: its blocks are painted in place again
        self._floating, self._layer = None, None
        rects = damage(old, page) if page is not None and old is not None else None
        if rects is None:
            self.updateGeometry()
            self.adjustSize()
            self.update()
            return
        region = QRegion()
        for rect in rects:
            region += self.widget_rect(rect, 2).toAlignedRect()
        if not region.isEmpty():
            self.update(region)

    def page(self) -> PageLayout | None:
        return self._page

    def replace_page(
        self,
        page: PageLayout,
        rects: list[tuple[float, float, float, float]],
        floating: tuple[PageLayout, frozenset[str], tuple[float, float]] | None = None,
    ) -> None:
        """Show another layout of the same page (a drag preview), repainting only `rects`.

        `floating` is (the layout before the drag, the ids of the blocks being moved, the move
        in points): those blocks are painted once into a layer and the layer is shown moved, to
        the nearest device pixel, instead of painting their copy again at every pointer move
        (a big story block takes longer to paint than a frame lasts). The drop paints them
        exactly where they land."""
        self._page = page
        self._update_floating()  # where the layer was
        self._floating = None
        if floating is not None:
            base, ids, (dx, dy) = floating
            layer = self._layer_for(base, frozenset(ids))
            if layer is not None:
                self._floating = (frozenset(ids), layer, dx, dy, self._layer[3])
                self._update_floating()  # where it goes
        for rect in rects:
            self.update(self.widget_rect(rect, 40 * self._zoom + 2).toAlignedRect())

    def can_float(self, base: PageLayout, ids: frozenset[str]) -> bool:
        """Whether replace_page can float these blocks of `base` (not at a zoom so deep that
        their layer would be too large)."""
        return self._layer_for(base, ids) is not None

    def _layer_for(self, base: PageLayout, ids: frozenset[str]):
        """(image, x, y): the blocks `ids` of `base` painted on a transparent image at the
        current zoom, and where its top-left corner sits (widget pixels from the page's)."""
        dpr = self.devicePixelRatioF()
        key = (ids, self._zoom, dpr, self.show_frames)
        if self._layer is not None and self._layer[0] is base and self._layer[1] == key:
            return self._layer[2]
        self._layer = None
        frames = [f for f in base.frames if f.block in ids]
        if not frames:
            return None
        scale = self._zoom * dpr
        reaches = [frame_reach(f) for f in frames]
        x0 = math.floor(min(r[0] for r in reaches) * scale)
        y0 = math.floor(min(r[1] for r in reaches) * scale)
        x1 = math.ceil(max(r[0] + r[2] for r in reaches) * scale)
        y1 = math.ceil(max(r[1] + r[3] for r in reaches) * scale)
        if (x1 - x0) * (y1 - y0) > MAX_LAYER_PIXELS:
            return None  # deep zoom on a big block: paint it as any other frame
        image = QImage(x1 - x0, y1 - y0, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.translate(-x0, -y0)
        p.scale(scale, scale)
        self._painter.paint(p, base, show_frames=self.show_frames, only=ids)
        p.end()
        image.setDevicePixelRatio(dpr)
        layer = (image, x0 / dpr, y0 / dpr)
        self._layer = (base, key, layer, self._under(base, ids, scale, dpr))
        return layer

    def _under(self, base: PageLayout, ids: frozenset[str], scale: float, dpr: float):
        """The page without the floating blocks, painted once for the drag: each frame of it
        then copies the part it uncovers instead of painting the blocks there again."""
        w, h = math.ceil(base.width * scale), math.ceil(base.height * scale)
        if w * h > MAX_LAYER_PIXELS:
            return None  # each frame paints what it uncovers (culled to it)
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.scale(scale, scale)
        self._painter.paint(p, base, show_frames=self.show_frames, skip=ids)
        p.end()
        image.setDevicePixelRatio(dpr)
        return image

    def _layer_rect(self) -> QRectF:
        """Widget pixels of the floating layer, moved to the nearest device pixel."""
        _ids, (image, x, y), dx, dy, _under = self._floating
        dpr = image.devicePixelRatio()
        left = x + round(dx * self._zoom * dpr) / dpr + PAGE_MARGIN
        top = y + round(dy * self._zoom * dpr) / dpr + PAGE_MARGIN
        return QRectF(left, top, image.width() / dpr, image.height() / dpr)

    def _update_floating(self) -> None:
        if self._floating is not None:
            self.update(self._layer_rect().toAlignedRect().adjusted(-1, -1, 1, 1))

    def sizeHint(self) -> QSize:
        if self._page is None:
            return QSize(400, 300)
        return QSize(
            int(self._page.width * self._zoom) + 2 * PAGE_MARGIN,
            int(self._page.height * self._zoom) + 2 * PAGE_MARGIN,
        )

    def to_page(self, pos: QPointF) -> QPointF:
        return QPointF((pos.x() - PAGE_MARGIN) / self._zoom, (pos.y() - PAGE_MARGIN) / self._zoom)

    def to_widget(self, x: float, y: float) -> QPointF:
        """Widget pixels of a page point (the inverse of to_page)."""
        return QPointF(x * self._zoom + PAGE_MARGIN, y * self._zoom + PAGE_MARGIN)

    def widget_rect(self, rect: tuple[float, float, float, float], pad: float = 0.0) -> QRectF:
        """Widget pixels covering a page rectangle, grown by pad screen pixels."""
        x, y, w, h = rect
        return QRectF(
            x * self._zoom + PAGE_MARGIN - pad,
            y * self._zoom + PAGE_MARGIN - pad,
            w * self._zoom + 2 * pad,
            h * self._zoom + 2 * pad,
        )

    def line_at(self, point: QPointF) -> Line | None:
        if self._page is None:
            return None
        for line in self._page.lines():
            size = line.runs[0].size if line.runs else 9.0
            if (
                line.x - 1 <= point.x() <= line.x + line.width + 1
                and line.baseline - 0.88 * size <= point.y() <= line.baseline + 0.12 * size
            ):
                return line
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.controller is None or not self.controller.mouse_press(event):
            super().mousePressEvent(event)
        # After the selection's size message: a click on copy names its story and characters.
        if event.button() == Qt.MouseButton.LeftButton:
            line = self.line_at(self.to_page(event.position()))
            if line is not None or self.controller is None:
                self.lineClicked.emit(line)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.controller is None or not self.controller.mouse_move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.controller is None or not self.controller.mouse_release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.controller is None or not self.controller.mouse_double_click(event):
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        if self.controller is None or not self.controller.key_press(event):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if self.controller is None or not self.controller.key_release(event):
            super().keyReleaseEvent(event)

    def wheelEvent(self, event) -> None:
        if self.controller is None or not self.controller.wheel(event):
            super().wheelEvent(event)

    def contextMenuEvent(self, event) -> None:
        if self.controller is not None:
            self.controller.context_menu(event)

    def dragEnterEvent(self, event) -> None:
        if self.controller is not None:
            self.controller.drag_enter(event)

    def dragMoveEvent(self, event) -> None:
        if self.controller is not None:
            self.controller.drag_move(event)

    def dropEvent(self, event) -> None:
        if self.controller is not None:
            self.controller.drop(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0x5A, 0x5F, 0x66))  # the desk around the page
        if self._page is not None:
            p.translate(PAGE_MARGIN, PAGE_MARGIN)
            p.fillRect(
                4,
                4,
                int(self._page.width * self._zoom),
                int(self._page.height * self._zoom),
                QColor(0, 0, 0, 90),
            )
            p.scale(self._zoom, self._zoom)
            # Only what reaches the exposed rectangles is painted (edits and drags repaint parts).
            clip = [
                QRectF(
                    (r.x() - PAGE_MARGIN) / self._zoom,
                    (r.y() - PAGE_MARGIN) / self._zoom,
                    r.width() / self._zoom,
                    r.height() / self._zoom,
                )
                for r in event.region()
            ]
            floating = self._floating
            under = floating[4] if floating is not None else None
            if under is not None:
                # A drag: the page under the floating blocks as painted when it began (the
                # preview moves nothing else).
                p.resetTransform()
                p.translate(PAGE_MARGIN, PAGE_MARGIN)
                for r in event.region():
                    target = QRectF(r).translated(-PAGE_MARGIN, -PAGE_MARGIN)
                    dpr = under.devicePixelRatio()
                    source = QRectF(
                        target.x() * dpr,
                        target.y() * dpr,
                        target.width() * dpr,
                        target.height() * dpr,
                    )
                    p.drawImage(target, under, source)
            else:
                skip = floating[0] if floating is not None else frozenset()
                self._painter.paint(
                    p, self._page, show_frames=self.show_frames, clip=clip, skip=skip
                )
            p.resetTransform()
            if floating is not None:
                p.drawImage(self._layer_rect().topLeft(), floating[1][0])
            p.translate(PAGE_MARGIN, PAGE_MARGIN)
            self._paint_badges(p, event.region())
            if self.highlight is not None:
                x, y, w, h = (v * self._zoom for v in self.highlight)
                p.setPen(QPen(HIGHLIGHT_BLUE, 3))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(x - 2, y - 2, w + 4, h + 4))
            if self.controller is not None:
                self.controller.paint_overlays(p)
        p.end()
        if self._page is not None:
            self.pagePainted.emit()

    def _paint_badges(self, p: QPainter, region: QRegion | None = None) -> None:
        """Screen-only overlays, drawn at a constant screen size whatever the zoom. With
        `region` (the exposed area), badges outside it are not drawn (a keystroke's repaint
        is a few lines; the painter would clip them away anyway)."""
        badges = [
            b for b in self.badges if region is None or region.intersects(self._badge_region(b))
        ]
        if not badges:
            return
        font = QFont(self.font())
        font.setPixelSize(12)
        font.setBold(True)
        p.setFont(font)
        metrics = p.fontMetrics()
        for badge in badges:
            colour = OVERSET_RED if badge.overset else SHORT_AMBER
            right = (badge.x + badge.width) * self._zoom
            bottom = (badge.y + badge.height) * self._zoom
            w = metrics.horizontalAdvance(badge.text) + 10
            h = metrics.height() + 4
            rect = QRectF(right - w, bottom - h, w, h)
            p.fillRect(rect, colour)
            p.setPen(QPen(Qt.GlobalColor.white))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge.text)
            if badge.overset:
                # The overset marker of DTP tools: a red frame around the last block.
                p.setPen(QPen(colour, 2))
                p.drawRect(
                    QRectF(
                        badge.x * self._zoom,
                        badge.y * self._zoom,
                        badge.width * self._zoom,
                        badge.height * self._zoom,
                    )
                )


def _ring(rect: QRectF, width: int) -> QRegion:
    """The outline of a rectangle, `width` pixels either side of its edges."""
    outer = rect.adjusted(-width, -width, width, width).toAlignedRect()
    inner = rect.adjusted(width, width, -width, -width).toAlignedRect()
    region = QRegion(outer)
    if inner.isValid() and not inner.isEmpty():
        region -= QRegion(inner)
    return region
