"""Screen-only overlays on the page canvas: selection handles, the marquee, the size label while
dragging, out-ports of overset blocks, thread arrows and snap guides. None of this prints.

Everything is drawn in widget pixels (the caller has translated to the page's top-left corner but
not scaled), so handles and labels keep their screen size at any zoom.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from newsdesk.app.selection import HANDLE_PIXELS, Rect, handle_points

SELECT_BLUE = QColor(30, 110, 230)
PORT_RED = QColor(210, 30, 30)
THREAD_BLUE = QColor(40, 90, 200, 200)
GUIDE_MAGENTA = QColor(220, 40, 200, 170)
EXTENT_BROWN = QColor(190, 110, 20)  # the whole picture in crop mode, as InDesign shows it
PORT_PIXELS = 13  # side of an out-port box on screen
LABEL_FILL = QColor(40, 40, 40, 220)


@dataclass(frozen=True)
class OutPort:
    """The red + of an overset block: clicking it loads the cursor with the rest of the story."""

    story: str
    block: str
    rect: Rect  # the block's rectangle, page points


@dataclass(frozen=True)
class ThreadLink:
    """One step of a story's thread as seen from this page: block to block, or off the page."""

    story: str
    start: tuple[float, float] | None  # page point where the arrow leaves (None: from off-page)
    end: tuple[float, float] | None  # page point where it arrives (None: to off-page)
    other_page: int = 0  # page number at the other end when the link leaves or enters the page
    other_name: str = ""  # that page as the jump lines name it (第三版, A3版)


def out_port_rect(rect: Rect, zoom: float) -> QRectF:
    """The out-port box in widget pixels: just outside the block's bottom-right corner."""
    x, y, w, h = rect
    right, bottom = (x + w) * zoom, (y + h) * zoom
    return QRectF(right + 2, bottom - PORT_PIXELS, PORT_PIXELS, PORT_PIXELS)


def _scaled(rect: Rect, zoom: float) -> QRectF:
    x, y, w, h = rect
    return QRectF(x * zoom, y * zoom, w * zoom, h * zoom)


def paint_selection(p: QPainter, rects: list[Rect], zoom: float) -> None:
    """Selected blocks: a blue frame with eight square handles."""
    for rect in rects:
        p.setPen(QPen(SELECT_BLUE, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(_scaled(rect, zoom))
        p.setBrush(Qt.GlobalColor.white)
        half = HANDLE_PIXELS / 2
        for hx, hy in handle_points(rect).values():
            p.drawRect(QRectF(hx * zoom - half, hy * zoom - half, HANDLE_PIXELS, HANDLE_PIXELS))


def paint_ghosts(p: QPainter, rects: list[Rect], zoom: float) -> None:
    """Where the blocks being dragged will land (snapped), as dashed frames."""
    pen = QPen(SELECT_BLUE, 1, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(QColor(30, 110, 230, 30))
    for rect in rects:
        p.drawRect(_scaled(rect, zoom))


def paint_marquee(p: QPainter, rect: Rect, zoom: float) -> None:
    p.setPen(QPen(SELECT_BLUE, 1, Qt.PenStyle.DotLine))
    p.setBrush(QColor(30, 110, 230, 25))
    p.drawRect(_scaled(rect, zoom))


def paint_picture_extent(p: QPainter, rect: Rect, zoom: float) -> None:
    """Crop mode: the whole picture's outline, also where the block hides it."""
    p.setPen(QPen(EXTENT_BROWN, 1, Qt.PenStyle.DashLine))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(_scaled(rect, zoom))


def paint_guides(p: QPainter, xs: list[float], ys: list[float], zoom: float, size) -> None:
    """Faint guide lines where a drag snapped (column edges, grid lines)."""
    p.setPen(QPen(GUIDE_MAGENTA, 1))
    for x in xs:
        p.drawLine(QPointF(x * zoom, 0), QPointF(x * zoom, size[1] * zoom))
    for y in ys:
        p.drawLine(QPointF(0, y * zoom), QPointF(size[0] * zoom, y * zoom))


def label_font(font: QFont) -> QFont:
    font = QFont(font)
    font.setPixelSize(12)
    return font


def label_rect(font: QFont, text: str, at: QPointF, bounds: QRectF) -> QRectF:
    """Where a pointer label goes: below right of the pointer, kept inside bounds."""
    metrics = QFontMetricsF(label_font(font))
    lines = text.split("\n")
    w = max(metrics.horizontalAdvance(line) for line in lines) + 12
    h = metrics.height() * len(lines) + 6
    x = min(max(at.x() + 16, bounds.left()), bounds.right() - w)
    y = min(max(at.y() + 16, bounds.top()), bounds.bottom() - h)
    return QRectF(x, y, w, h)


def paint_label(p: QPainter, font: QFont, text: str, at: QPointF, bounds: QRectF) -> QRectF:
    """A dark label with white text near the pointer, kept inside bounds; returns its rect."""
    rect = label_rect(font, text, at, bounds)
    p.setFont(label_font(font))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(LABEL_FILL)
    p.drawRoundedRect(rect, 3, 3)
    p.setPen(Qt.GlobalColor.white)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    return rect


def paint_out_ports(p: QPainter, ports: list[OutPort], zoom: float, armed: str = "") -> None:
    """Red + boxes; the port whose story is loaded in the cursor is filled."""
    for port in ports:
        box = out_port_rect(port.rect, zoom)
        loaded = port.story == armed
        p.setPen(QPen(PORT_RED, 1.5))
        p.setBrush(PORT_RED if loaded else QColor(Qt.GlobalColor.white))
        p.drawRect(box)
        p.setPen(QPen(Qt.GlobalColor.white if loaded else PORT_RED, 2))
        c = box.center()
        arm = PORT_PIXELS / 2 - 3
        p.drawLine(QPointF(c.x() - arm, c.y()), QPointF(c.x() + arm, c.y()))
        p.drawLine(QPointF(c.x(), c.y() - arm), QPointF(c.x(), c.y() + arm))


def _arrow_head(p: QPainter, tip: QPointF, toward: QPointF) -> None:
    d = tip - toward
    length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-6)
    ux, uy = d.x() / length, d.y() / length
    size = 9
    left = QPointF(tip.x() - ux * size - uy * size * 0.5, tip.y() - uy * size + ux * size * 0.5)
    right = QPointF(tip.x() - ux * size + uy * size * 0.5, tip.y() - uy * size - ux * size * 0.5)
    p.setBrush(THREAD_BLUE)
    p.drawPolygon(QPolygonF([tip, left, right]))


def paint_threads(p: QPainter, font: QFont, links: list[ThreadLink], zoom: float) -> None:
    """Arrows from each block of a thread to the next; stubs with the page number where a
    thread leaves or enters the page."""
    font = QFont(font)
    font.setPixelSize(11)
    font.setBold(True)
    p.setFont(font)
    pen = QPen(THREAD_BLUE, 2)
    stub = 36
    for link in links:
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        if link.start is not None and link.end is not None:
            a = QPointF(link.start[0] * zoom, link.start[1] * zoom)
            b = QPointF(link.end[0] * zoom, link.end[1] * zoom)
            path = QPainterPath(a)
            mid = (a + b) / 2
            path.quadTo(QPointF(mid.x(), min(a.y(), b.y()) - 30), b)
            p.drawPath(path)
            p.setPen(Qt.PenStyle.NoPen)
            _arrow_head(p, b, path.pointAtPercent(0.9))
        elif link.start is not None:  # leaves the page: a stub to the right, "→ 第N版"
            a = QPointF(link.start[0] * zoom, link.start[1] * zoom)
            b = QPointF(a.x() + stub, a.y())
            p.drawLine(a, b)
            p.setPen(Qt.PenStyle.NoPen)
            _arrow_head(p, b, a)
            name = link.other_name or f"第{link.other_page}版"
            _page_tag(p, f"→{name}", QPointF(b.x() + 3, b.y()))
        elif link.end is not None:  # arrives from another page: a stub from the left
            b = QPointF(link.end[0] * zoom, link.end[1] * zoom)
            a = QPointF(b.x() - stub, b.y())
            p.drawLine(a, b)
            p.setPen(Qt.PenStyle.NoPen)
            _arrow_head(p, b, a)
            name = link.other_name or f"第{link.other_page}版"
            _page_tag(p, f"{name}→", QPointF(a.x() - 3, a.y()), right=True)


def _page_tag(p: QPainter, text: str, at: QPointF, right: bool = False) -> None:
    metrics = p.fontMetrics()
    w, h = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
    rect = QRectF(at.x() - w if right else at.x(), at.y() - h / 2, w, h)
    p.setBrush(THREAD_BLUE)
    p.drawRoundedRect(rect, 3, 3)
    p.setPen(Qt.GlobalColor.white)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def paint_gun_hint(p: QPainter, font: QFont, text: str, at: QPointF, bounds: QRectF) -> None:
    """The loaded cursor: a small text-flow sign with the story's name beside the pointer."""
    p.setPen(QPen(PORT_RED, 1.5))
    p.setBrush(QColor(255, 255, 255, 230))
    icon = QRectF(at.x() + 4, at.y() + 4, 14, 16)
    p.drawRect(icon)
    for k in range(3):
        y = icon.top() + 4 + k * 4
        p.drawLine(QPointF(icon.left() + 3, y), QPointF(icon.right() - 3, y))
    paint_label(p, font, text, QPointF(at.x() + 10, at.y() + 10), bounds)
