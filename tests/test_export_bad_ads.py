"""Ads and pictures that cannot be used: an encrypted or damaged PDF ad, a cut-off JPEG, a text
file renamed .jpg. Each is named in plain Chinese by layout, preflight and export, the painters
draw a placeholder, and nothing ends in a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from newsdesk.export.pdf_ads import inspect_ad
from newsdesk.export.preflight import preflight
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Block, Edition, Grid, Page
from newsdesk.model.edition_file import save_edition

# Words of the libraries' own exceptions that must never reach a layout editor.
JARGON = ("password", "cannot identify", "truncated", "qpdf", "PdfError", "Errno", "trailer")


def _good_pdf(path: Path) -> None:
    """A one-page CMYK ad with no fonts at all, made at the size of the block it is booked for
    (2 columns x 10 lines): nothing in it for preflight to object to."""
    grid = Grid()
    w, h = grid.span_width(2), 10 * grid.leading
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(w, h))
    page.Contents = pdf.make_stream(f"0 0.5 1 0 k 0 0 {w:g} {h:g} re f".encode())
    pdf.save(path)


def _good_jpeg(path: Path) -> None:
    Image.new("CMYK", (1600, 1200), (0, 40, 80, 0)).save(path, quality=90)


def make_bad_files(folder: Path) -> dict[str, str]:
    """File name -> the phrase its finding must contain."""
    _good_pdf(folder / "good.pdf")
    with pikepdf.open(folder / "good.pdf") as pdf:
        pdf.save(folder / "encrypted.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
    data = (folder / "good.pdf").read_bytes()
    (folder / "cut.pdf").write_bytes(data[: len(data) // 3])
    (folder / "letter.pdf").write_text("这是一封信，不是 PDF。\n", encoding="utf-8")
    _good_jpeg(folder / "good.jpg")
    data = (folder / "good.jpg").read_bytes()
    (folder / "cut.jpg").write_bytes(data[: len(data) // 2])
    (folder / "notes.jpg").write_text("图片说明文字\n", encoding="utf-8")
    (folder / "empty.jpg").write_bytes(b"")
    return {
        "encrypted.pdf": "广告 PDF 已加密（需要密码才能打开），请向广告客户索取未加密的文件",
        "cut.pdf": "文件已损坏或不是 PDF",
        "letter.pdf": "文件已损坏或不是 PDF",
        "cut.jpg": "文件不完整",
        "notes.jpg": "文件已损坏或不是图片",
        "empty.jpg": "文件已损坏或不是图片",
    }


def bad_edition(folder: Path) -> tuple[Edition, dict[str, str]]:
    expected = make_bad_files(folder)
    ed = Edition(pages=[Page("p1")])
    page = ed.pages[0]
    names = [*expected, "good.pdf", "good.jpg"]
    for k, name in enumerate(names):
        rect = page.grid.block_rect(page.width, k % 4 * 2, 2, k // 4 * 12, 10)
        kind = "ad" if name.endswith(".pdf") else "image"
        page.blocks.append(Block(f"b-{name}", kind, *rect, image=name))  # type: ignore[arg-type]
    return ed, expected


@pytest.fixture
def bad(tmp_path: Path):
    ed, expected = bad_edition(tmp_path)
    return ed, expected, tmp_path


def test_layout_names_each_unusable_file_in_plain_chinese(bad) -> None:
    ed, expected, folder = bad
    engine = LayoutEngine(ed, base_dir=folder)
    found = {f.block: f for f in engine.audit() if f.code == "image_unreadable"}
    assert set(found) == {f"b-{name}" for name in expected}  # the good files are fine
    for name, phrase in expected.items():
        finding = found[f"b-{name}"]
        assert finding.severity == "error" and finding.page == 1
        assert phrase in finding.message and name in finding.message
        assert not any(word.lower() in finding.message.lower() for word in JARGON)
    # The unusable files are placeholders in the layout, so every painter draws a grey box.
    items = {Path(i.path).name: i for f in engine.layout()[0].frames for i in f.images}
    assert all(items[name].missing for name in expected)
    assert not items["good.pdf"].missing and not items["good.jpg"].missing


def test_inspect_ad_says_what_to_do(tmp_path: Path) -> None:
    make_bad_files(tmp_path)
    facts = inspect_ad(str(tmp_path / "encrypted.pdf"))
    assert not facts.readable
    assert facts.error == "已加密（需要密码才能打开），请向广告客户索取未加密的文件"
    facts = inspect_ad(str(tmp_path / "letter.pdf"))
    assert not facts.readable and facts.error.startswith("文件已损坏或不是 PDF")
    assert inspect_ad(str(tmp_path / "good.pdf")).readable


def test_preflight_lists_every_bad_file_once(bad) -> None:
    ed, expected, folder = bad
    report = preflight(ed, base_dir=folder)
    assert not report.ok
    for name, phrase in expected.items():
        mine = [f for f in report.findings if f.block == f"b-{name}" and f.severity == "error"]
        assert len(mine) == 1, (name, mine)
        assert phrase in mine[0].message
    assert not [f for f in report.findings if f.block in ("b-good.pdf", "b-good.jpg")]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_export_refuses_then_draws_placeholders_never_a_traceback(bad) -> None:
    ed, expected, folder = bad
    save_edition(ed, folder / "bad.newsdesk")
    refused = _cli("export", "bad.newsdesk", "-o", "print.pdf", cwd=folder)
    assert refused.returncode == 1 and not (folder / "print.pdf").exists()
    said = refused.stdout + refused.stderr
    assert "Traceback" not in said
    assert "广告 PDF 已加密（需要密码才能打开），请向广告客户索取未加密的文件" in said
    for phrase in expected.values():
        assert phrase in said
    proof = _cli("export", "bad.newsdesk", "-o", "proof.pdf", "--preset", "proof", cwd=folder)
    assert proof.returncode == 0, proof.stderr
    assert "Traceback" not in proof.stdout + proof.stderr
    text = subprocess.run(
        ["pdftotext", str(folder / "proof.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in expected:
        assert f"缺图：{name}" in text  # a labelled grey box, not a blank or a crash
    for command in (("preflight", "bad.newsdesk"), ("layout", "bad.newsdesk")):
        run = _cli(*command, cwd=folder)
        assert "Traceback" not in run.stdout + run.stderr
        assert "文件已损坏或不是图片" in run.stdout


@pytest.mark.gui
def test_qt_painter_draws_a_placeholder_for_unusable_files(bad, qapp) -> None:
    pytest.importorskip("PySide6.QtGui")
    from dataclasses import replace

    from PySide6.QtGui import QImage, QPainter

    from newsdesk.render.qt import QtPagePainter

    ed, expected, folder = bad
    engine = LayoutEngine(ed, base_dir=folder)
    page = engine.layout()[0]
    # Also an item the layout did not mark: Qt itself fails to read it and must not crash.
    frame = page.frames[0]
    raw = replace(frame.images[0], path=str(folder / "notes.jpg"), missing=False, is_pdf=False)
    page.frames[0] = replace(frame, images=[raw])
    image = QImage(int(page.width), int(page.height), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        QtPagePainter(engine.registry).paint(painter, page)
    finally:
        painter.end()
    for f in page.frames:
        for item in f.images:
            if Path(item.path).name in expected:
                centre = image.pixelColor(int(item.x + item.width / 4), int(item.y + 5))
                assert (centre.red(), centre.green(), centre.blue()) == (235, 235, 235)
