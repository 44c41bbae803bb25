"""Ads delivered at another size than booked, and type painted outside its block (a headline too
big for its block), are errors in the layout audit (and so in preflight)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from newsdesk.export.preflight import preflight
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Block, Edition, HeadSettings, Page, Paragraph, Story
from newsdesk.model.units import mm


def _pdf_ad(path: Path, w_mm: float, h_mm: float) -> None:
    c = Canvas(str(path), pagesize=(mm(w_mm), mm(h_mm)))
    c.setFillColorCMYK(0, 0.5, 1, 0)
    c.rect(0, 0, mm(w_mm), mm(h_mm), fill=1, stroke=0)
    c.save()


def _ad_edition(image: str) -> Edition:
    page = Page("p1")
    page.blocks = [Block("ad", "ad", mm(19), mm(430), mm(352), mm(90), image=image)]
    return Edition(date=dt.date(2026, 3, 5), pages=[page])


def _ad_findings(ed: Edition, folder: Path, registry) -> list:
    eng = LayoutEngine(ed, registry=registry, base_dir=folder)
    eng.layout()
    return [f for f in eng.audit() if f.code == "ad_size"]


@pytest.mark.parametrize(
    "w, h, wrong",
    [
        (352, 90, False),
        (353, 90.5, False),  # within 1 % aspect and 2 % scale
        (105, 35, True),  # another booking
        (176, 45, True),  # right shape, half the size
        (352, 100, True),  # wrong shape
    ],
)
def test_pdf_ad_must_match_its_booked_size(tmp_path, registry, w, h, wrong) -> None:
    _pdf_ad(tmp_path / "ad.pdf", w, h)
    found = _ad_findings(_ad_edition("ad.pdf"), tmp_path, registry)
    assert bool(found) == wrong
    if wrong:
        (f,) = found
        assert f.severity == "error" and f.block == "ad"
        assert f"广告 {w:.0f}×{h:.0f} mm，版位 352×90 mm" in f.message


def test_image_ad_is_checked_for_shape_and_can_be_accepted(tmp_path, registry) -> None:
    Image.new("CMYK", (3520, 900)).save(tmp_path / "right.jpg", dpi=(254, 254))
    Image.new("CMYK", (3000, 1500)).save(tmp_path / "wrong.jpg", dpi=(254, 254))
    assert _ad_findings(_ad_edition("right.jpg"), tmp_path, registry) == []
    ed = _ad_edition("wrong.jpg")
    (f,) = _ad_findings(ed, tmp_path, registry)
    assert "宽高比" in f.message
    report = preflight(ed, base_dir=tmp_path, registry=registry)
    finding = next(x for x in report.findings if x.code == "ad_size")
    assert finding.key == "ad_size:ad" and finding in report.errors
    ed.print.accepted = ["ad_size:ad"]
    report = preflight(ed, base_dir=tmp_path, registry=registry)
    assert [x.key for x in report.accepted] == ["ad_size:ad"]
    assert all(x.code != "ad_size" for x in report.errors)


def _head_edition(headline_size: float, lines: int) -> Edition:
    page = Page("p1")
    g = page.grid
    story = Story(
        "s1",
        slug="大标题",
        headline="滨江三桥今日通车",
        deck="两岸往来缩至八分钟",
        paragraphs=[Paragraph("大桥今天上午正式通车。" * 3)],
        heads=HeadSettings(headline_size=headline_size),
    )
    page.blocks = [
        Block("b1", "story", *g.block_rect(page.width, 0, 3, 0, lines), story="s1"),
        Block("b2", "story", *g.block_rect(page.width, 3, 5, 0, 30)),
    ]
    return Edition(date=dt.date(2026, 3, 5), pages=[page], stories={"s1": story})


def test_headline_too_big_for_its_block_is_an_error(registry, tmp_path) -> None:
    eng = LayoutEngine(_head_edition(300.0, 12), registry=registry, base_dir=tmp_path)
    eng.layout()
    over = [f for f in eng.audit() if f.code == "text_outside_block"]
    assert over and all(f.block == "b1" and f.severity == "error" for f in over)
    assert any("主题超出了版块 b1" in f.message for f in over)


def test_headline_that_fits_is_not_reported(registry, tmp_path) -> None:
    eng = LayoutEngine(_head_edition(26.0, 40), registry=registry, base_dir=tmp_path)
    eng.layout()
    assert [f for f in eng.audit() if f.code == "text_outside_block"] == []
