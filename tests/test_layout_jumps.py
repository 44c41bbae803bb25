"""Threads and jump lines: they follow the text, the blocks and the page order by themselves."""

from __future__ import annotations

import re

from layout_helpers import FakeTypesetter, para, story_block, two_page_edition

from newsdesk.layout.engine import LayoutEngine
from newsdesk.layout.jump_text import jump_text, page_name
from newsdesk.model.edition import Edition, JumpStyle, Page, Story


def engine(ed):
    return LayoutEngine(ed, typesetter=FakeTypesetter())


def jump_lines(pages):
    """(page number, direction, text, target) for every jump line, read from the frames' lines."""
    out = []
    for page in pages:
        for line in page.lines():
            if line.part == "jump":
                out.append((page.number, line.text))
    return sorted(out)


def test_page_names_follow_the_style():
    assert page_name(JumpStyle(), 12) == "第十二版"
    assert page_name(JumpStyle(numerals="arabic"), 12) == "第12版"
    assert page_name(JumpStyle(numerals="label"), 3, "A3") == "A3版"
    assert jump_text(JumpStyle(), "to", 3) == "（下转第三版）"
    assert jump_text(JumpStyle(open="[", close="]"), "from", 1) == "[上接第一版]"


def test_jump_lines_name_the_real_pages_and_reserve_their_lines():
    ed = two_page_edition(chars=100, pages=3)
    pages = engine(ed).layout()
    assert jump_lines(pages) == [(1, "（下转第三版）"), (3, "（上接第一版）")]
    a = pages[0].frames[0]
    body = [ln for ln in a.lines if ln.part == "body"]
    jump = next(ln for ln in a.lines if ln.part == "jump")
    # 下转 sits on the block's last grid line, right-aligned, after all body lines.
    assert jump.baseline > max(ln.baseline for ln in body)
    assert abs(jump.x + jump.width - (a.x + a.width)) < 0.01
    assert len(body) + 1 == round(a.height / ed.pages[0].grid.leading)
    b = pages[2].frames[0]
    up = next(ln for ln in b.lines if ln.part == "jump")
    assert up.baseline < min(ln.baseline for ln in b.lines if ln.part == "body")
    # Nothing lost, nothing doubled: the body text reads back in order.
    text = "".join(ln.text for f in (a, b) for ln in f.lines if ln.part == "body")
    assert text == ed.stories["s1"].paragraphs[0].text


def test_moving_the_continuation_to_another_page_renumbers():
    ed = two_page_edition(chars=100, pages=3)
    eng = engine(ed)
    eng.layout()
    block = ed.pages[2].blocks.pop()
    ed.pages[1].blocks.append(block)
    assert jump_lines(eng.layout()) == [(1, "（下转第二版）"), (2, "（上接第一版）")]


def test_reordering_pages_renumbers_without_relaying():
    ed = two_page_edition(chars=100, pages=3)
    eng = engine(ed)
    eng.layout()
    ed.pages.insert(0, ed.pages.pop())  # the continuation page becomes page 1
    pages = eng.layout()
    assert eng.relaid == []  # only the words of the jump lines changed
    assert jump_lines(pages) == [(1, "（上接第二版）"), (2, "（下转第一版）")]
    assert not eng.audit()


def test_adding_and_removing_pages_renumbers():
    ed = two_page_edition(chars=100, pages=3)
    eng = engine(ed)
    eng.layout()
    ed.pages.insert(1, Page("new"))
    assert jump_lines(eng.layout()) == [(1, "（下转第四版）"), (4, "（上接第一版）")]
    del ed.pages[1:3]
    assert jump_lines(eng.layout()) == [(1, "（下转第二版）"), (2, "（上接第一版）")]


def test_text_that_grows_into_the_continuation_gets_jump_lines():
    ed = two_page_edition(chars=40, pages=2)
    eng = engine(ed)
    pages = eng.layout()
    assert jump_lines(pages) == []
    assert [f.block for f in pages[0].frames if f.lines] == ["a"]
    ed.stories["s1"].paragraphs[0].text += "增" * 60
    pages = eng.layout()
    assert jump_lines(pages) == [(1, "（下转第二版）"), (2, "（上接第一版）")]
    assert any(ln.part == "body" for ln in pages[1].frames[0].lines)


def test_story_that_shrinks_loses_its_jump_lines_and_reports_the_empty_block():
    ed = two_page_edition(chars=100, pages=2)
    eng = engine(ed)
    assert jump_lines(eng.layout())
    ed.stories["s1"].paragraphs[0].text = "短" * 30
    pages = eng.layout()
    assert jump_lines(pages) == []
    assert not pages[1].frames[0].lines
    codes = [f.code for f in eng.audit()]
    assert codes == ["empty_block"]


def test_text_that_fits_exactly_needs_no_jump():
    # Block a holds 6 lines of 13: 11 (indented first line) + 5*13 = 76 characters.
    ed = two_page_edition(chars=76, pages=2)
    pages = engine(ed).layout()
    assert jump_lines(pages) == []
    ed2 = two_page_edition(chars=77, pages=2)
    pages = engine(ed2).layout()
    assert jump_lines(pages) == [(1, "（下转第二版）"), (2, "（上接第一版）")]
    moved = "".join(ln.text for ln in pages[1].frames[0].lines if ln.part == "body")
    assert len(moved) == 77 - (11 + 4 * 13)  # the reserved line pushed one line over


def test_continuation_on_the_same_page_gets_no_jump_line():
    ed = Edition(pages=[Page("p1")])
    ed.stories["s"] = Story("s", paragraphs=[para(150)], thread=["a", "b"])
    story_block(ed.pages[0], "a", "s", 0, 1, 0, 5)
    story_block(ed.pages[0], "b", "s", 3, 1, 20, 20)
    pages = engine(ed).layout()
    assert jump_lines(pages) == []
    assert all(f.lines for f in pages[0].frames)


def test_label_numerals_use_page_labels():
    ed = two_page_edition(chars=100, pages=3)
    ed.jump_style = JumpStyle(numerals="label")
    for i, page in enumerate(ed.pages):
        page.label = f"A{i + 1}"
    assert jump_lines(engine(ed).layout()) == [(1, "（下转A3版）"), (3, "（上接A1版）")]


def test_three_block_thread_over_three_pages_pairs_every_jump():
    ed = Edition(pages=[Page(f"p{i}") for i in range(3)])
    ed.stories["s"] = Story("s", headline="长稿", paragraphs=[para(300)], thread=["a", "b", "c"])
    story_block(ed.pages[0], "a", "s", 0, 1, 0, 6, show_heads=False)
    story_block(ed.pages[1], "b", "s", 0, 1, 0, 6, show_jump_head=False)
    story_block(ed.pages[2], "c", "s", 0, 1, 0, 40)
    eng = engine(ed)
    pages = eng.layout()
    found = jump_lines(pages)
    assert found == [
        (1, "（下转第二版）"),
        (2, "（上接第一版）"),
        (2, "（下转第三版）"),
        (3, "（上接第二版）"),
    ]
    for page in pages:
        for j in page.jumps:
            assert re.fullmatch(r"（(下转|上接)第[一二三]版）", j.text)
    assert eng.audit() == []


def test_jump_head_on_continuation():
    ed = two_page_edition(chars=100, pages=2)
    ed.stories["s1"].jump_head = "转版短题"
    pages = engine(ed).layout()
    heads = [ln for ln in pages[1].frames[0].lines if ln.part == "jump_head"]
    assert [ln.text for ln in heads] == ["转版短题"]
    up = next(ln for ln in pages[1].frames[0].lines if ln.part == "jump")
    assert up.baseline > heads[0].baseline
