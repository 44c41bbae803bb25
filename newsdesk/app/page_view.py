"""The page canvas: one page of the layout result, painted by the Qt painter at a zoom."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import QWidget

from newsdesk.layout.result import Line, PageLayout
from newsdesk.render.ink import damage
from newsdesk.render.qt import QtPagePainter

PAGE_MARGIN = 24  # screen pixels of desk around the page
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
        # Called once, after the first paint that showed a page (start-up benchmark).
        self.first_page_painted = None
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
        self, page: PageLayout, rects: list[tuple[float, float, float, float]]
    ) -> None:
        """Show another layout of the same page (a drag preview), repainting only `rects`."""
        self._page = page
        for rect in rects:
            self.update(self.widget_rect(rect, 40 * self._zoom + 2).toAlignedRect())

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
            self._painter.paint(p, self._page, show_frames=self.show_frames, clip=clip)
            p.resetTransform()
            p.translate(PAGE_MARGIN, PAGE_MARGIN)
            self._paint_badges(p)
            if self.highlight is not None:
                x, y, w, h = (v * self._zoom for v in self.highlight)
                p.setPen(QPen(HIGHLIGHT_BLUE, 3))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(x - 2, y - 2, w + 4, h + 4))
            if self.controller is not None:
                self.controller.paint_overlays(p)
        p.end()
        if self._page is not None and self.first_page_painted is not None:
            done, self.first_page_painted = self.first_page_painted, None
            done()

    def _paint_badges(self, p: QPainter) -> None:
        """Screen-only overlays, drawn at a constant screen size whatever the zoom."""
        font = QFont(self.font())
        font.setPixelSize(12)
        font.setBold(True)
        p.setFont(font)
        metrics = p.fontMetrics()
        for badge in self.badges:
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
