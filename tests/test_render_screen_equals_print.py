"""Screen = print: the Qt canvas and the PDF painter draw the same layout result alike.

Page 1 of the sample edition is painted by the Qt painter into an image and by the PDF painter
into a PDF that poppler rasterises at the same resolution. Both are reduced to ink coverage per
small tile; the tiles must agree closely. The same comparison against a copy of the Qt image
shifted by half a character must fail, so the check can tell a misplaced line from a match.
"""

from __future__ import annotations

import math
import shutil
import subprocess

import pytest

pytest.importorskip("PySide6.QtGui")

from PIL import Image, ImageChops  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402

from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.layout.engine import LayoutEngine  # noqa: E402
from newsdesk.render.pdf import write_pdf  # noqa: E402
from newsdesk.render.qt import QtPagePainter  # noqa: E402
from newsdesk.sample import build_sample_edition  # noqa: E402

DPI = 72
TILE = 6  # pixels: about two-thirds of a 小五 character at 72 dpi


def _qt_render(page, registry) -> Image.Image:
    scale = DPI / 72.0
    image = QImage(
        math.ceil(page.width * scale), math.ceil(page.height * scale), QImage.Format.Format_RGB32
    )
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(scale, scale)
    QtPagePainter(registry).paint(painter, page)
    painter.end()
    data = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = data.width(), data.height(), data.bytesPerLine()
    raw = bytes(data.constBits())[: stride * height]
    return Image.frombuffer("L", (width, height), raw, "raw", "L", stride, 1).copy()


def _tiles(image: Image.Image) -> list[float]:
    small = ImageChops.invert(image).resize(
        (image.width // TILE, image.height // TILE), Image.Resampling.BOX
    )
    return list(small.tobytes())


def _correlation(a: list[float], b: list[float]) -> float:
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    ma, mb = sum(a) / n, sum(b) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(a, b))
    va = sum((x - ma) ** 2 for x in a)
    vb = sum((y - mb) ** 2 for y in b)
    return cov / math.sqrt(va * vb)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_qt_canvas_matches_pdf(tmp_path, qapp) -> None:
    registry = default_registry()
    edition = build_sample_edition()
    # Text and rules only: pictures are the same file either way, and the samples are generated.
    for page in edition.pages:
        page.blocks = [b for b in page.blocks if b.kind not in ("image", "ad")]
    layout = LayoutEngine(edition, registry=registry).layout()[0]

    pdf = tmp_path / "page.pdf"
    write_pdf([layout], pdf, registry, cmyk=False, mark_missing=True)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    printed = Image.open(tmp_path / "p.png").convert("L")
    screen = _qt_render(layout, registry)
    assert abs(printed.width - screen.width) <= 1 and abs(printed.height - screen.height) <= 1

    match = _correlation(_tiles(screen), _tiles(printed))
    shift = int(4.5 * DPI / 72)  # half a 小五 character
    shifted = ImageChops.offset(screen, shift, 0)
    mismatch = _correlation(_tiles(shifted), _tiles(printed))
    assert match > 0.96, match
    assert mismatch < match - 0.1, (match, mismatch)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_a_scaled_and_cropped_picture_prints_as_the_screen_shows_it(tmp_path, qapp) -> None:
    """Block.scale and the crop focus reach the PDF exactly as the canvas paints them; the same
    picture unscaled must not match, so the check can tell them apart."""
    from PIL import ImageDraw

    from newsdesk.model.edition import Block, Edition, Page

    registry = default_registry()
    picture = Image.new("L", (800, 600), 255)
    draw = ImageDraw.Draw(picture)
    for k in range(8):  # bars of different greys and widths across the picture
        draw.rectangle((k * 100, (k % 3) * 150, k * 100 + 20 + 8 * k, 600), fill=k * 30)
    draw.ellipse((250, 200, 450, 380), fill=0)
    picture.save(tmp_path / "pic.png")

    def laid_out(scale: float):
        edition = Edition(pages=[Page("p")])
        page = edition.pages[0]
        rect = page.grid.block_rect(page.width, 1, 4, 4, 30)
        page.blocks.append(
            Block("pic", "image", *rect, image="pic.png", scale=scale, crop=(0.35, 0.45))
        )
        return LayoutEngine(edition, registry=registry, base_dir=tmp_path).layout()[0]

    layout = laid_out(2.0)
    assert layout.frames[0].images[0].crop[2] - layout.frames[0].images[0].crop[0] < 800 / 2 + 1
    pdf = tmp_path / "page.pdf"
    write_pdf([layout], pdf, registry, cmyk=False)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    printed = Image.open(tmp_path / "p.png").convert("L")
    screen = _qt_render(layout, registry)
    match = _correlation(_tiles(screen), _tiles(printed))
    unscaled = _correlation(_tiles(_qt_render(laid_out(1.0), registry)), _tiles(printed))
    assert match > 0.95, match
    assert unscaled < match - 0.1, (match, unscaled)
