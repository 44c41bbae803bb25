"""Messages name things the way the desk knows them: a 缺字 in a caption of a picture without a
story names the block (not an empty story “”), and thread messages use story names throughout."""

from __future__ import annotations

import datetime as dt

from layout_helpers import FakeTypesetter, two_page_edition
from test_preflight_broken import character_no_font_has

from newsdesk.export.preflight import preflight
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Block, Edition, Page, Story


def test_missing_glyph_in_a_caption_names_the_block(tmp_path, registry) -> None:
    rare = character_no_font_has()
    page = Page("p1")
    g = page.grid
    caption = f"图为市民在{rare}桥上散步。"
    page.blocks = [
        Block(
            "photo", "image", *g.block_rect(page.width, 0, 4, 0, 20), image="x.jpg", caption=caption
        ),
    ]
    ed = Edition(date=dt.date(2026, 3, 5), pages=[page])
    report = preflight(ed, base_dir=tmp_path, registry=registry)
    (missing,) = [f for f in report.findings if f.code == "missing_glyph"]
    assert "“”" not in missing.message
    assert f"版块 photo 的图片说明第{caption.index(rare) + 1}字" in missing.message


def test_shared_block_names_both_stories_by_name() -> None:
    ed = two_page_edition(50)
    ed.stories["s2"] = Story("s2", slug="第二篇", thread=["b"])
    eng = LayoutEngine(ed, typesetter=FakeTypesetter())
    (shared,) = [f for f in eng.audit() if f.code == "shared_block"]
    assert "“测试稿”" in shared.message and "“第二篇”" in shared.message
    assert "“s1”" not in shared.message


def test_missing_output_profile_is_reported_in_chinese(tmp_path) -> None:
    ed = Edition(date=dt.date(2026, 3, 5), pages=[Page("p1")])
    ed.print.icc_profile = "profiles/gone.icc"
    report = preflight(ed, base_dir=tmp_path, registry=None, preset="x4")
    (bad,) = [f for f in report.findings if f.code == "bad_output_profile"]
    assert "找不到此文件" in bad.message
    assert "No such file" not in bad.message and "Errno" not in bad.message
