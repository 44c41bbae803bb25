"""Superscripts, subscripts and emphasis dots through the painters.

The PDF draws each dot as one filled path (not a character: the text read back is the copy's
own), sup/sub glyphs at their reduced size on their raised/lowered baseline; the Qt canvas draws
the dots where the PDF does. Run this file with NEWSDESK_REVIEW_PNG=dir to keep the 200 dpi
rendering for a look.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from newsdesk.compose import ColumnSlot, TextSetter, flow
from newsdesk.layout.result import Frame, PageLayout
from newsdesk.model.edition import InlineSpan, Paragraph, ParagraphStyle, default_styles
from newsdesk.render.pdf import write_pdf

SIZE = 9.0
TEXT = "新建绿地面积约120m2，污染物浓度降到10-5以下①。水的化学式是H2O，请记住：节约用水，人人有责。"
EMPHASISED = "节约用水，人人有责。"


def _at(piece: str, k: int = 0) -> int:
    return TEXT.index(piece) + k


SPANS = [
    InlineSpan(_at("m2", 1), _at("m2", 2), "superscript"),
    InlineSpan(_at("-5"), _at("-5", 2), "superscript"),
    InlineSpan(_at("①"), _at("①", 1), "superscript"),
    InlineSpan(_at("H2O", 1), _at("H2O", 2), "subscript"),
    InlineSpan(_at(EMPHASISED), _at(EMPHASISED, len(EMPHASISED)), "emphasis"),
]
DOTS = sum(1 for ch in EMPHASISED if ch not in "，。")


def _page(registry) -> PageLayout:
    styles = default_styles()
    styles["body"] = ParagraphStyle("body", "serif", SIZE, 13.5, 0.0, 2.0, "justify")
    slot = ColumnSlot(20.0, 20.0, 13 * SIZE, 20)
    result = flow(TextSetter(registry), [Paragraph(TEXT, spans=SPANS)], [slot], styles=styles)
    frame = Frame("b1", "text", 20.0, 20.0, 13 * SIZE, 20 * 13.5, lines=result.lines)
    return PageLayout(0, 1, "第一版", 160.0, 120.0, frames=[frame])


def _content(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        contents = page.obj.Contents
        if isinstance(contents, pikepdf.Array):
            return b"".join(c.read_bytes() for c in contents).decode("latin-1")
        return contents.read_bytes().decode("latin-1")


def test_pdf_draws_one_filled_circle_per_dot_and_text_reads_back(registry, tmp_path):
    page = _page(registry)
    out = tmp_path / "inline.pdf"
    write_pdf([page], out, registry)
    content = _content(out)
    # A dot: a move, four Bézier quarters, close, fill.
    circles = re.findall(r" m (?:[-\d. ]+ c ){4}h f", content)
    assert len(circles) == DOTS == sum(len(line.marks) for line in page.lines())
    # Dots overprint in 100 % K like the text (no dot drawn in a colour or knocking out).
    assert "0 0 0 1 k" in content
    with pdfplumber.open(out) as pdf:
        chars = pdf.pages[0].chars
        text = "".join(c["text"] for c in chars)
        assert text == TEXT  # no dot picked up as a character, nothing lost
        sizes = {c["text"]: round(c["size"], 2) for c in chars}
        assert sizes["①"] == pytest.approx(SIZE * 0.6, abs=0.01)
        assert sizes["新"] == pytest.approx(SIZE, abs=0.01)
        # The superscript ① sits higher than its neighbours, the subscript 2 of H₂O lower.
        by_char = {c["text"]: c for c in chars}

        def baseline(c) -> float:  # PDF y of the glyph's origin (y up)
            return c["matrix"][5]

        assert baseline(by_char["①"]) - baseline(by_char["下"]) == pytest.approx(0.35 * SIZE)
        h2o = [c for c in chars if c["text"] in "H2O"][-3:]
        assert baseline(h2o[0]) - baseline(h2o[1]) == pytest.approx(0.15 * SIZE)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_dots_are_ink_under_the_characters_in_pdf_and_qt(registry, tmp_path, qapp):
    pytest.importorskip("PySide6.QtGui")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    from newsdesk.render.qt import QtPagePainter

    dpi = 200
    scale = dpi / 72.0
    page = _page(registry)
    out = tmp_path / "inline.pdf"
    write_pdf([page], out, registry, cmyk=False)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(out), str(tmp_path / "p")],
        check=True,
    )
    pdf_image = Image.open(tmp_path / "p.png").convert("L")
    review = os.environ.get("NEWSDESK_REVIEW_PNG")
    if review:
        shutil.copy(tmp_path / "p.png", Path(review) / "inline_styles.png")

    qimage = QImage(pdf_image.width, pdf_image.height, QImage.Format.Format_RGB32)
    qimage.fill(Qt.GlobalColor.white)
    painter = QPainter(qimage)
    painter.scale(scale, scale)
    QtPagePainter(registry).paint(painter, page)
    painter.end()

    marks = [m for line in page.lines() for m in line.marks]
    assert len(marks) == DOTS
    for mark in marks:
        px, py = round(mark.x * scale), round(mark.y * scale)
        assert pdf_image.getpixel((px, py)) < 100, "PDF: no ink at an emphasis dot"
        assert QColor_gray(qimage, px, py) < 100, "Qt: no ink at an emphasis dot"
        # Between the dot and the glyph above it: paper (the dot is below the descender).
        gap_y = round((mark.y - mark.diameter) * scale)
        assert pdf_image.getpixel((px, gap_y)) > 200


def QColor_gray(image, x: int, y: int) -> int:  # noqa: N802 - reads like the Qt call it wraps
    return image.pixelColor(x, y).lightness()
