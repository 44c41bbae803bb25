"""The marks Newsdesk writes on a proof: standard annotations with appearance streams that read
back as the same items and are drawn by poppler (pdftocairo) and QtPdf."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest
from PIL import Image, ImageChops

from newsdesk.model.edition_file import load_edition
from newsdesk.proof.anchor import make_item
from newsdesk.proof.export import export_proof
from newsdesk.proof.importer import read_marks
from newsdesk.sample.builder import write_sample

STORY = "lead-bridge"
DPI = 100


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("marks")
    path = folder / "sample.newsdesk"
    write_sample(path)
    edition = load_edition(path)

    def item(kind, start, end, **kw):
        return make_item(edition, kind=kind, story=STORY, part="body", start=start, end=end, **kw)

    edition.proof_items += [
        item("highlight", 3, 9, contents="核实时间", author="校对甲"),
        item("delete", 12, 30),
        item("insert", 40, 40, replacement="新"),
        item("replace", 50, 54, replacement="改正"),
        item("note", 70, 70, contents="此处存疑"),
    ]
    edition.proof_items[1].status = "applied"  # only open items are drawn
    plain = folder / "plain.pdf"
    out = folder / "marked.pdf"
    export_proof(edition, plain, base_dir=folder, pages=[1], marks=False)
    result = export_proof(edition, out, base_dir=folder, pages=[1])
    assert result.marks == 4 and result.skipped == []
    return edition, plain, out


def test_written_marks_read_back_as_the_same_items(marked):
    edition, _plain, out = marked
    result = read_marks(edition, out)
    assert result.problems == [] and result.flagged == []
    assert [(m.kind, m.start, m.end, m.replacement, m.contents) for m in result.marks] == [
        ("highlight", 3, 9, "", "核实时间"),
        ("insert", 40, 40, "新", ""),
        ("replace", 50, 54, "改正", ""),
        ("note", 70, 70, "", "此处存疑"),
    ]
    assert result.marks[0].author == "校对甲"


def test_written_marks_are_standard_annotations_with_appearances(marked):
    _edition, _plain, out = marked
    with pikepdf.open(out) as pdf:
        annots = list(pdf.pages[0].obj.Annots)
        kinds = [str(a.Subtype) for a in annots]
        assert kinds == ["/Highlight", "/Caret", "/StrikeOut", "/Caret", "/Text"]
        for a in annots:
            assert isinstance(a.AP.N, pikepdf.Stream) and a.AP.N.Subtype == "/Form"
            assert len(a.Rect) == 4 and a.F == 4
        strike, caret = annots[2], annots[3]
        assert strike.IRT.objgen == caret.objgen and strike.RT == "/Group"
        assert str(caret.Contents) == "改正"
        assert len(annots[0].QuadPoints) % 8 == 0


def _rects_px(out) -> list[tuple[int, int, int, int]]:
    with pikepdf.open(out) as pdf:
        height = float(pdf.pages[0].obj.MediaBox[3])
        rects = [[float(v) for v in a.Rect] for a in pdf.pages[0].obj.Annots]
    scale = DPI / 72
    return [
        (
            int(x0 * scale),
            int((height - y1) * scale),
            int(x1 * scale) + 1,
            int((height - y0) * scale) + 1,
        )
        for x0, y0, x1, y1 in rects
    ]


def _differs(a: Image.Image, b: Image.Image, box) -> bool:
    """Some pixel in `box` changed clearly (grey difference over 20 of 255)."""
    diff = ImageChops.difference(a.crop(box).convert("RGB"), b.crop(box).convert("RGB"))
    return diff.convert("L").point(lambda v: 255 if v > 20 else 0).getbbox() is not None


@pytest.mark.skipif(shutil.which("pdftocairo") is None, reason="poppler-utils not installed")
def test_poppler_draws_every_mark(marked, tmp_path):
    _edition, plain, out = marked
    images = []
    for name, pdf in (("plain", plain), ("marked", out)):
        subprocess.run(
            ["pdftocairo", "-png", "-r", str(DPI), "-singlefile", str(pdf), str(tmp_path / name)],
            check=True,
        )
        images.append(Image.open(tmp_path / f"{name}.png"))
    for box in _rects_px(out):
        assert _differs(images[0], images[1], box), f"poppler drew nothing in {box}"


def test_qtpdf_draws_every_mark(marked, qapp):
    pdfmod = pytest.importorskip("PySide6.QtPdf")
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter

    _edition, _plain, out = marked
    doc = pdfmod.QPdfDocument()
    doc.load(str(out))
    size = doc.pagePointSize(0)
    pixels = QSize(int(size.width() * DPI / 72), int(size.height() * DPI / 72))

    def render(flags) -> Image.Image:
        options = pdfmod.QPdfDocumentRenderOptions()
        options.setRenderFlags(flags)
        img = doc.render(0, pixels, options)
        flat = QImage(img.size(), QImage.Format.Format_RGB888)
        flat.fill(QColor("white"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, img)
        painter.end()
        data = bytes(flat.constBits())[: flat.bytesPerLine() * flat.height()]
        return Image.frombytes(
            "RGB", (flat.width(), flat.height()), data, "raw", "RGB", flat.bytesPerLine()
        )

    flag = pdfmod.QPdfDocumentRenderOptions.RenderFlag
    without = render(flag.None_ if hasattr(flag, "None_") else flag(0))
    with_marks = render(flag.Annotations)
    doc.close()
    for box in _rects_px(out):
        assert _differs(without, with_marks, box), f"QtPdf drew nothing in {box}"
