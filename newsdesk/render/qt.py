"""Qt painter: draws a PageLayout with QPainter, glyph by glyph where the layout put them.

Screen = print: the glyphs come from the same TrueType files and sit at the same positions as in
the PDF painter; only the device differs. Coordinates are page points (origin top-left, y down);
the caller sets the painter's transform (zoom).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGlyphRun,
    QImage,
    QPainter,
    QPen,
    QRawFont,
)

from newsdesk.layout.result import BoxItem, GlyphRun, ImageItem, MarkItem, PageLayout, RuleItem
from newsdesk.render.ink import frame_line_bounds, frame_reach, intersects

MISSING_RED = QColor(230, 30, 40)
# Qt's raster engine silently draws nothing for a QGlyphRun whose glyphs exceed 64 device pixels
# (measured with PySide6 6.12, offscreen and xcb); above this size glyphs are filled as paths.
MAX_GLYPH_RUN_PIXELS = 60.0


def cmyk_to_qcolor(cmyk: tuple[float, float, float, float]) -> QColor:
    """Screen preview of a CMYK colour (naive, like an uncalibrated proof)."""
    c, m, y, k = cmyk
    return QColor.fromCmykF(c, m, y, k)


# The frame outline guide: the light blue that (80, 140, 230) at 160/255 made on white, opaque.
# Qt's raster engine draws translucent hairlines some thirty times slower than opaque ones (the
# outlines took a quarter of a full page's paint).
FRAME_GUIDE = QColor(145, 183, 239)


@lru_cache(maxsize=64)
def _raw_font(path: str, size: float) -> QRawFont:
    raw = QRawFont(path, size, QFont.HintingPreference.PreferNoHinting)
    if not raw.isValid():
        raise OSError(f"无法载入字体文件：{path}")
    return raw


@lru_cache(maxsize=64)
def _image(path: str) -> QImage:
    return QImage(path)


def _clip_rects(clip) -> list[tuple[float, float, float, float]] | None:
    if clip is None:
        return None
    rects = [clip] if isinstance(clip, QRectF) else list(clip)
    return [(r.x(), r.y(), r.width(), r.height()) for r in rects]


def _reaching(bounds, rects) -> bool:
    return bounds is not None and any(intersects(bounds, r) for r in rects)


def _span(rects) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of all the rectangles: most lines are rejected by it alone."""
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[0] + r[2] for r in rects),
        max(r[1] + r[3] for r in rects),
    )


class QtPagePainter:
    """Paints PageLayouts; `face_path(key)` maps a glyph run's face key to its TrueType file."""

    def __init__(self, registry) -> None:
        self.registry = registry

    def face_path(self, key: str) -> str:
        return self.registry.face_by_key(key).path

    def paint(
        self,
        painter: QPainter,
        page: PageLayout,
        *,
        show_frames: bool = False,
        clip=None,
        skip: frozenset[str] = frozenset(),
        only: frozenset[str] | None = None,
    ) -> None:
        """Paint the page. With `clip` (a QRectF or several, page points: the area the painter
        is clipped to), only what can reach into it: frames, and lines within frames (see
        render/ink.py). Blocks in `skip` are left out (the canvas floats them while dragging);
        with `only`, just those blocks are painted, on no page background (the floating layer)."""
        rects = _clip_rects(clip)
        left, top, right, bottom = _span(rects) if rects else (0.0, 0.0, 0.0, 0.0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        if only is None:
            painter.fillRect(QRectF(0, 0, page.width, page.height), Qt.GlobalColor.white)
        for frame in page.frames:
            if frame.block in skip or (only is not None and frame.block not in only):
                continue
            if rects is not None and not _reaching(frame_reach(frame), rects):
                continue
            bounds = frame_line_bounds(frame) if rects is not None else None
            for box in frame.boxes:
                self._box(painter, box)
            for image in frame.images:
                self._image(painter, image)
            for rule in frame.rules:
                self._rule(painter, rule)
            for k, line in enumerate(frame.lines):
                if bounds is not None:
                    b = bounds[k]
                    # The span test inline (a page has thousands of lines, a keystroke repaints
                    # a few), then the exact one.
                    if (
                        b is None
                        or b[1] >= bottom
                        or b[1] + b[3] <= top
                        or b[0] >= right
                        or b[0] + b[2] <= left
                        or not _reaching(b, rects)
                    ):
                        continue
                for run in line.runs:
                    self._run(painter, run)
                for mark in line.marks:
                    self._mark(painter, mark)
            if show_frames:
                painter.setPen(QPen(FRAME_GUIDE, 0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(frame.x, frame.y, frame.width, frame.height))
        painter.restore()

    def _run(self, painter: QPainter, run: GlyphRun) -> None:
        if run.missing:
            # 缺字: a visible red box where the character will go, never silent tofu.
            painter.setPen(QPen(MISSING_RED, max(run.size / 18, 0.3)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for x, y in zip(run.xs, run.ys):
                top = y if run.vertical else y - 0.88 * run.size
                painter.drawRect(QRectF(x, top, run.size, run.size))
            return
        raw = _raw_font(self.face_path(run.face), run.size)
        glyphs = raw.glyphIndexesForString(run.chars)
        if run.vertical:
            # ys are glyph tops; the em box's baseline sits 0.88 em below the top.
            positions = [QPointF(x, y + 0.88 * run.size) for x, y in zip(run.xs, run.ys)]
        else:
            positions = [QPointF(x, y) for x, y in zip(run.xs, run.ys)]
        scale = max(abs(painter.transform().m11()), abs(painter.transform().m22()))
        if run.size * scale > MAX_GLYPH_RUN_PIXELS:
            colour = cmyk_to_qcolor(run.color)
            for glyph, pos in zip(glyphs, positions):
                path = raw.pathForGlyph(glyph)
                path.translate(pos)
                painter.fillPath(path, colour)
            return
        glyph_run = QGlyphRun()
        glyph_run.setRawFont(raw)
        glyph_run.setGlyphIndexes(glyphs)
        glyph_run.setPositions(positions)
        painter.setPen(cmyk_to_qcolor(run.color))
        painter.drawGlyphRun(QPointF(0, 0), glyph_run)

    def _mark(self, painter: QPainter, mark: MarkItem) -> None:
        """An emphasis dot: a filled circle centred at (x, y), as the PDF painter draws it."""
        r = mark.diameter / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(cmyk_to_qcolor(mark.color)))
        painter.drawEllipse(QPointF(mark.x, mark.y), r, r)

    def _rule(self, painter: QPainter, rule: RuleItem) -> None:
        painter.setPen(QPen(cmyk_to_qcolor(rule.color), rule.width))
        painter.drawLine(QPointF(rule.x1, rule.y1), QPointF(rule.x2, rule.y2))

    def _box(self, painter: QPainter, box: BoxItem) -> None:
        rect = QRectF(box.x, box.y, box.width, box.height)
        if box.fill is not None:
            painter.fillRect(rect, QBrush(cmyk_to_qcolor(box.fill)))
        if box.stroke > 0:
            painter.setPen(QPen(cmyk_to_qcolor(box.color), box.stroke))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)

    def _image(self, painter: QPainter, item: ImageItem) -> None:
        rect = QRectF(item.x, item.y, item.width, item.height)
        image = None if item.missing or item.is_pdf else _image(item.path)
        if image is None or image.isNull():
            self._placeholder(painter, rect, item)
            return
        left, top, right, bottom = item.crop
        painter.drawImage(rect, image, QRectF(left, top, right - left, bottom - top))

    def _placeholder(self, painter: QPainter, rect: QRectF, item: ImageItem) -> None:
        painter.fillRect(rect, QColor(235, 235, 235))
        painter.setPen(QPen(MISSING_RED if item.missing else QColor(120, 120, 120), 0.8))
        painter.drawRect(rect)
        painter.drawLine(rect.topLeft(), rect.bottomRight())
        painter.drawLine(rect.topRight(), rect.bottomLeft())
