"""Layout rules as checks (issue 13): 碰题, kicker rows, 背题, rules and box frames — planted in
small editions, found with page, block and stories named; none where the page is well made."""

from __future__ import annotations

from dataclasses import replace

from layout_helpers import para, story_block

from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Block, Edition, Page, Paragraph, Story

CLASH_CODES = {"head_clash", "kicker_row"}


def _codes(edition: Edition, code: str) -> list:
    return [f for f in LayoutEngine(edition).audit() if f.code == code]


def _two_stories(size_b: float = 26.0, top_b: int = 10, kicker_b: str = "引题乙") -> Edition:
    """Two stories side by side on page 1, heads in their first blocks."""
    ed = Edition(pages=[Page("p1")])
    for sid, col, top, kicker in (("a", 0, 10, "引题甲"), ("b", 2, top_b, kicker_b)):
        ed.stories[sid] = Story(
            sid,
            slug=sid,
            kicker=kicker,
            headline=f"第{sid}条新闻",
            paragraphs=[para(300)],
            thread=[sid],
        )
        story_block(ed.pages[0], sid, sid, col, 2, top, 40)
    ed.stories["b"].heads = replace(ed.stories["b"].heads, headline_size=size_b)
    return ed


def test_side_by_side_heads_of_one_size_clash():
    found = _codes(_two_stories(), "head_clash")
    assert len(found) == 1
    f = found[0]
    assert f.page == 1 and f.severity == "warning"
    assert set(f.story.split(",")) == {"a", "b"}
    assert "碰题" in f.message and "第a条" in f.message and "第b条" in f.message


def test_kickers_on_one_baseline_line_up():
    found = _codes(_two_stories(), "kicker_row")
    assert len(found) == 1 and set(found[0].story.split(",")) == {"a", "b"}


def test_staggered_heads_do_not_clash():
    ed = _two_stories(top_b=22)  # the second story starts 12 lines lower
    assert _codes(ed, "head_clash") == []
    assert _codes(ed, "kicker_row") == []


def test_heads_far_apart_in_size_do_not_clash():
    assert len(_codes(_two_stories(size_b=24.0), "head_clash")) == 1  # 24 beside 26: a clash
    assert _codes(_two_stories(size_b=18.0, kicker_b=""), "head_clash") == []


def _subhead_edition(before: int) -> Edition:
    """One story in a 1-column block (13 字) of 10 lines, continued in a second block:
    `before` characters, a 【小标题】, more text."""
    ed = Edition(pages=[Page("p1")])
    ed.stories["s"] = Story(
        "s",
        slug="s",
        paragraphs=[para(before), Paragraph("【小标题在此】"), para(200, "文")],
        thread=["s", "t"],
    )
    story_block(ed.pages[0], "s", "s", 0, 1, 10, 10, show_heads=False)
    story_block(ed.pages[0], "t", "s", 2, 1, 10, 30, show_heads=False)
    return ed


def test_a_subhead_never_ends_a_column():
    """Planted: the text before the subhead fills 9 of the 10 lines, so a greedy flow would put
    the subhead on the last line with nothing after it. The flow moves it to the next block's
    column, and the check finds nothing."""
    ed = _subhead_edition(before=11 + 13 * 8)  # 2 em indent, then 8 full lines
    engine = LayoutEngine(ed)
    pages = engine.layout()
    lines = [ln for f in pages[0].frames for ln in f.lines if ln.part == "body"]
    head = [ln for ln in lines if ln.paragraph == 1]
    assert head, "the subhead is set"
    first = next(f for f in pages[0].frames if f.block == "s")
    assert [ln.paragraph for ln in first.lines] == [0] * 9  # the 10th line left empty
    assert first.empty_lines == 1
    after = [ln for ln in lines if ln.paragraph == 2 and ln.column_x == head[0].column_x]
    assert head[0].column_x != lines[0].column_x and len(after) >= 2
    assert _codes(ed, "stranded_subhead") == []


def test_the_stranded_subhead_check_finds_a_planted_case():
    from newsdesk.layout.page_rules import stranded_subheads

    ed = _subhead_edition(before=11 + 13 * 8)
    pages = LayoutEngine(ed).layout()
    # Plant it: move the subhead's line to the last line of the first column, alone.
    frame = next(f for f in pages[0].frames if f.block == "s")
    kept = [ln for ln in frame.lines if ln.paragraph == 0]
    subhead = next(ln for p in pages for f in p.frames for ln in f.lines if ln.paragraph == 1)
    subhead.column = 0
    frame.lines = kept + [subhead]
    found = stranded_subheads(ed, pages)
    assert len(found) == 1
    assert found[0].code == "stranded_subhead" and found[0].block == "s"
    assert "背题" in found[0].message and "小标题在此" in found[0].message


def _boxed(rule_x_offset: float, rule_top: int, rule_lines: int) -> Edition:
    ed = Edition(pages=[Page("p1")])
    page = ed.pages[0]
    x, y, w, h = page.grid.block_rect(page.width, 2, 2, 10, 10)
    page.blocks.append(Block("box", "box", x, y, w, h, stroke=0.5))
    rx, ry, _, rh = page.grid.block_rect(page.width, 2, 1, rule_top, rule_lines)
    page.blocks.append(Block("rule", "rule", rx + rule_x_offset - 0.25, ry, 0.5, rh))
    return ed


def test_a_rule_crossing_a_box_frame_is_found():
    ed = _boxed(rule_x_offset=60.0, rule_top=5, rule_lines=10)  # from above into the box
    found = _codes(ed, "rule_crosses_box")
    assert len(found) == 1 and found[0].block == "rule" and "box" in found[0].message


def test_a_rule_along_a_box_frame_doubles_it():
    ed = _boxed(rule_x_offset=2.0, rule_top=10, rule_lines=10)  # 2 pt inside the left frame
    assert len(_codes(ed, "rule_near_box")) == 1
    ed = _boxed(rule_x_offset=-20.0, rule_top=10, rule_lines=10)  # a gutter away: fine
    assert _codes(ed, "rule_near_box") == []
    assert _codes(ed, "rule_crosses_box") == []


def test_a_box_with_empty_lines_at_the_bottom_is_found():
    ed = Edition(pages=[Page("p1")])
    page = ed.pages[0]
    ed.stories["s"] = Story("s", slug="s", paragraphs=[para(30)], thread=["s"])
    x, y, w, h = page.grid.block_rect(page.width, 0, 1, 10, 8)
    page.blocks.append(Block("box", "box", x, y, w, h, stroke=0.5))
    story_block(page, "s", "s", 0, 1, 10, 8, show_heads=False)
    found = _codes(ed, "box_empty_bottom")
    assert len(found) == 1 and found[0].block == "box" and found[0].story == "s"
    ed.stories["s"].paragraphs = [para(11 * 8 - 2)]  # fills all 8 lines
    assert _codes(ed, "box_empty_bottom") == []


def test_the_revised_sample_breaks_none_of_these_rules():
    from newsdesk.sample import build_sample_edition

    codes = {
        "head_clash",
        "kicker_row",
        "stranded_subhead",
        "rule_crosses_box",
        "rule_near_box",
        "box_empty_bottom",
        "imprint_missing",
    }
    found = [f for f in LayoutEngine(build_sample_edition()).audit() if f.code in codes]
    assert found == []


def test_a_short_last_line_never_stands_alone_at_a_column_top():
    """Planted: a paragraph whose lines fill the first block's 10 lines but for a 3-character
    last line, which a greedy flow puts alone at the top of the next block. The line before it
    goes along: the first block ends a line early and the next one starts with two lines."""
    ed = Edition(pages=[Page("p1")])
    text = "文" * (11 + 13 * 9 + 3)  # 2 em indent, 9 full lines, a last line of 3
    ed.stories["s"] = Story("s", slug="s", paragraphs=[Paragraph(text)], thread=["s", "t"])
    story_block(ed.pages[0], "s", "s", 0, 1, 10, 10, show_heads=False)
    story_block(ed.pages[0], "t", "s", 2, 1, 10, 30, show_heads=False)
    pages = LayoutEngine(ed).layout()
    first = next(f for f in pages[0].frames if f.block == "s")
    second = next(f for f in pages[0].frames if f.block == "t")
    assert len(first.lines) == 9 and first.empty_lines == 1
    assert [ln.text for ln in second.lines] == ["文" * 13, "文" * 3]
    # A last line of at least half the measure may stand at the top: nothing moves.
    ed.stories["s"].paragraphs = [Paragraph("文" * (11 + 13 * 9 + 8))]
    pages = LayoutEngine(ed).layout()
    first = next(f for f in pages[0].frames if f.block == "s")
    assert len(first.lines) == 10
