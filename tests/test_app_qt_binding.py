"""Guard against a Qt binding that corrupts Python's reference count of None.

PySide6 6.12.0 on Python 3.11 returns None from void methods (QPainter.setPen, QGlyphRun setters…)
without taking a reference; painting a page a few times then aborts the interpreter. This test
calls such methods many times and checks that None's reference count is unchanged.
"""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6.QtGui")

from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QColor, QGlyphRun, QImage, QPainter  # noqa: E402


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_methods_keep_nones_reference_count(qapp) -> None:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    run = QGlyphRun()
    colour = QColor(0, 0, 0)
    calls = 2000
    try:
        before = sys.getrefcount(None)
        results = []
        for _ in range(calls):
            results.append(painter.setPen(colour))
            results.append(run.setPositions([QPointF(1, 2)]))
        results.clear()
        after = sys.getrefcount(None)
    finally:
        painter.end()
    # A faulty binding loses one reference per call: thousands here. Allow a little noise.
    assert abs(after - before) < calls // 10, (before, after)
