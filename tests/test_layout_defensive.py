"""The layout engine never divides by zero: an edition built in code (files are validated on load)
with zero sizes still lays out, and a block with no area gets an audit finding."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Block, Edition, Page, Paragraph, Story


def edition() -> Edition:
    page = Page("p1")
    g = page.grid
    story = Story("s1", headline="市区新开一座公园", paragraphs=[Paragraph("公园今天开放。" * 10)])
    page.blocks = [
        Block("b1", "story", *g.block_rect(page.width, 0, 4, 0, 20), story="s1"),
        Block("img", "image", *g.block_rect(page.width, 4, 2, 0, 10), image="none.jpg"),
    ]
    return Edition(date=dt.date(2026, 3, 5), pages=[page], stories={"s1": story})


def _zero_body_size(ed):
    ed.pages[0].grid.body_size = 0.0


def _zero_body_leading(ed):
    ed.styles["body"].leading = 0.0


def _zero_style_size(ed):
    ed.styles["body"].size = 0.0
    ed.styles["headline"].size = 0.0


def _zero_column_chars(ed):
    ed.pages[0].grid.column_chars = 0
    ed.pages[0].grid.gutter_chars = 0


@pytest.mark.parametrize(
    "damage", [_zero_body_size, _zero_body_leading, _zero_style_size, _zero_column_chars]
)
def test_zero_sizes_do_not_crash_the_layout(damage, registry, tmp_path) -> None:
    ed = edition()
    damage(ed)
    engine = LayoutEngine(ed, registry=registry, base_dir=tmp_path)
    pages = engine.layout()
    assert len(pages) == 1
    assert {f.block for f in engine.audit()} >= {"img"}  # the missing picture is still reported


def test_a_block_with_no_area_is_an_audit_error(registry, tmp_path) -> None:
    ed = edition()
    ed.pages[0].blocks[1].width = 0.0
    ed.pages[0].blocks[0].height = 0.0
    engine = LayoutEngine(ed, registry=registry, base_dir=tmp_path)
    engine.layout()
    small = {f.block: f for f in engine.audit() if f.code == "block_too_small"}
    assert set(small) == {"b1", "img"}
    assert all(f.severity == "error" and "太小" in f.message for f in small.values())


def test_a_block_with_no_area_is_not_also_reported_for_its_heads(registry, tmp_path) -> None:
    ed = edition()
    ed.pages[0].blocks[0].height = 0.0  # the story block with the heads
    engine = LayoutEngine(ed, registry=registry, base_dir=tmp_path)
    engine.layout()
    codes = [f.code for f in engine.audit() if f.block == "b1"]
    assert "block_too_small" in codes and "text_outside_block" not in codes
