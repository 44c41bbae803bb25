"""Preflight checks one by one: placeholders, geometry, colour, profiles, report shape."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsdesk.export.placeholders import placeholder_reason
from newsdesk.export.preflight import preflight
from newsdesk.model.edition import Block, Edition, Page, Paragraph, PrintSettings, Story

SENTENCE = "社区食堂开张第一天，老人们排队品尝十元一份的午餐，志愿者在门口帮忙引导。"


@pytest.mark.parametrize(
    "text",
    [
        "标题",
        "【标题】",
        "在此输入正文",
        "HEADLINE HERE",
        "Lorem ipsum dolor sit amet",
        "正文正文正文正文正文正文",
        "测试测试测试测试测试",
        "张XXX表示同意",
        "本报记者 ××××××",
        "文字文字文字文字文字，" + SENTENCE,
    ],
)
def test_placeholders_are_caught(text: str) -> None:
    assert placeholder_reason(text)


@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        "标题党现象引发讨论",
        "“哈哈哈！”他笑着说。",
        "会议持续到深夜……",
        "2026年3月5日",
        "编号 100000 的快递",
        "",
    ],
)
def test_real_copy_is_not_a_placeholder(text: str) -> None:
    assert placeholder_reason(text) == ""


def _edition() -> Edition:
    ed = Edition(date=dt.date(2026, 3, 5))
    page = Page("p1")
    g = page.grid
    ed.pages = [page]
    ed.stories["s"] = Story(
        "s", slug="食堂", headline="社区食堂开张", paragraphs=[Paragraph(SENTENCE)]
    )
    ed.stories["s"].thread = ["b1"]
    page.blocks = [Block("b1", "story", *g.block_rect(page.width, 0, 3, 0, 10), story="s")]
    return ed


def codes(ed: Edition, tmp_path: Path, preset: str = "newspaper") -> dict[str, str]:
    report = preflight(ed, base_dir=tmp_path, preset=preset)
    return {f.code: f.severity for f in report.findings}


def test_a_clean_edition_has_no_findings(tmp_path: Path) -> None:
    report = preflight(_edition(), base_dir=tmp_path)
    assert report.findings == [] and report.ok
    assert report.to_json()["errors"] == 0


def test_blocks_outside_the_type_area_and_overlapping(tmp_path: Path) -> None:
    ed = _edition()
    page = ed.pages[0]
    g = page.grid
    page.blocks.append(Block("b2", "caption", 5, 5, 100, 30, text="图片说明示例。"))
    page.blocks.append(Block("b3", "caption", *g.block_rect(page.width, 1, 2, 2, 3), text="说明。"))
    page.blocks.append(Block("b4", "caption", page.width - 20, 100, 100, 30, text="说明。"))
    found = codes(ed, tmp_path)
    assert found["outside_type_area"] == "warning"
    assert found["outside_page"] == "warning"
    assert found["overlap"] == "warning"


def test_colours_above_the_ink_limit_and_rich_black_small_text(tmp_path: Path) -> None:
    ed = _edition()
    g = ed.pages[0].grid
    ed.pages[0].blocks.append(
        Block("x", "box", *g.block_rect(ed.pages[0].width, 4, 2, 0, 4), fill=(1, 1, 1, 0.5))
    )
    ed.styles["body"].color = (0.4, 0.4, 0.4, 1.0)
    found = codes(ed, tmp_path)
    assert found["ink_limit"] == "error"
    assert found["rich_black_text"] == "warning"


def test_output_profiles(tmp_path: Path) -> None:
    ed = _edition()
    assert codes(ed, tmp_path, "x4")["no_output_profile"] == "error"
    assert "no_output_profile" not in codes(ed, tmp_path, "newspaper")
    not_icc = tmp_path / "fake.icc"
    not_icc.write_bytes(b"not a profile" * 20)
    ed.print = PrintSettings(icc_profile="fake.icc")
    assert codes(ed, tmp_path)["bad_output_profile"] == "error"


def test_report_filters_pages_and_summarises(tmp_path: Path) -> None:
    ed = _edition()
    ed.stories["s"].headline = "标题"
    report = preflight(ed, base_dir=tmp_path)
    assert report.summary()["codes"] == {"placeholder": 1}
    assert report.for_pages({2}).findings == []
    assert report.for_pages({1}).errors[0].block == "b1"


def _ad_edition(tmp_path: Path, draw, font: str | None = None) -> Edition:
    from reportlab.pdfgen.canvas import Canvas

    ed = _edition()
    page = ed.pages[0]
    x, y, w, _ = page.grid.block_rect(page.width, 4, 4, 0, 10)
    page.blocks.append(Block("ad", "ad", x, y, w, w / 2, image="ad.pdf"))
    ad = tmp_path / "ad.pdf"  # delivered at the booked size, drawn in a 200 x 100 space
    c = Canvas(str(ad), pagesize=(w, w / 2), initialFontName=font)
    c.scale(w / 200, w / 200)
    draw(c)
    c.save()
    return ed


def test_cmyk_ad_with_embedded_text_is_fine(tmp_path: Path) -> None:
    from newsdesk.fonts import default_registry
    from newsdesk.render.pdf import register_ttf

    font = register_ttf(default_registry().face("sans").path)

    def draw(c) -> None:
        c.setFillColorCMYK(0, 0.5, 1, 0)
        c.rect(0, 0, 200, 100, fill=1)
        c.setFont(font, 20)
        c.drawString(10, 40, "年终大促")

    ed = _ad_edition(tmp_path, draw, font)
    assert not [c for c in codes(ed, tmp_path) if c.startswith("ad_")]


def test_rgb_transparent_ad_with_unembedded_font_is_refused(tmp_path: Path) -> None:
    def draw(c) -> None:
        c.setFillColorRGB(1, 0, 0)
        c.setFillAlpha(0.5)
        c.rect(0, 0, 200, 100, fill=1)
        c.setFont("Helvetica", 20)  # a standard font: never embedded by reportlab
        c.drawString(10, 40, "SALE")

    ed = _ad_edition(tmp_path, draw)
    found = codes(ed, tmp_path)
    assert found["ad_colour_space"] == "error"
    assert found["ad_transparency"] == "error"
    assert found["ad_font_not_embedded"] == "error"
    x4 = codes(ed, tmp_path, "x4")
    assert x4["ad_transparency"] == "warning" and x4["ad_font_not_embedded"] == "error"
    assert not [c for c in codes(ed, tmp_path, "proof") if c.startswith("ad_")]


class _NoAudit:
    """A layout engine stand-in: the pages are given, the audit finds nothing."""

    registry = None

    def audit(self) -> list:
        return []


def test_glyph_the_face_lacks_is_found_even_when_not_flagged(tmp_path: Path) -> None:
    from newsdesk.layout.result import Frame, GlyphRun, Line, PageLayout

    ed = _edition()
    rare = "\U0003134a"  # CJK Extension H: not in the bundled faces
    text = "张" + rare + "说"
    run = GlyphRun("serif", 9.0, text, [100, 109, 118], [200.0] * 3, [0, 1, 2])
    line = Line(text, "s", "body", 0, 0, 3, 100, 200, 27, 100, 117, runs=[run])
    frame = Frame("b1", "story", 90, 190, 117, 30, "s", lines=[line])
    page = PageLayout(0, 1, "第一版", ed.pages[0].width, ed.pages[0].height, frames=[frame])
    report = preflight(ed, base_dir=tmp_path, engine=_NoAudit(), pages=[page])
    glyphs = [f for f in report.findings if f.code == "missing_glyph"]
    assert [(f.char, f.offset, f.block, f.severity) for f in glyphs] == [(rare, 1, "b1", "error")]
