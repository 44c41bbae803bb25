"""The jump and thread audit catches hand-broken editions."""

from __future__ import annotations

from layout_helpers import FakeTypesetter, para, story_block, two_page_edition

from newsdesk.layout.audit import audit_jumps
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Edition, Page, Story


def codes(engine):
    return sorted(f.code for f in engine.audit())


def engine(ed):
    return LayoutEngine(ed, typesetter=FakeTypesetter())


def test_clean_edition_has_no_findings():
    assert engine(two_page_edition(100)).audit() == []


def test_thread_naming_a_missing_block():
    ed = two_page_edition(100)
    ed.stories["s1"].thread.append("gone")
    findings = engine(ed).audit()
    missing = [f for f in findings if f.code == "missing_block"]
    assert len(missing) == 1 and missing[0].severity == "error" and "gone" in missing[0].message


def test_looping_thread_is_reported_and_laid_once():
    ed = two_page_edition(100)
    ed.stories["s1"].thread = ["a", "b", "a"]
    eng = engine(ed)
    pages = eng.layout()
    assert "loop" in codes(eng)
    body = "".join(ln.text for p in pages for ln in p.lines() if ln.part == "body")
    assert body == ed.stories["s1"].paragraphs[0].text


def test_block_on_two_threads():
    ed = two_page_edition(100)
    ed.stories["s2"] = Story("s2", paragraphs=[para(20)], thread=["b"])
    found = engine(ed).audit()
    shared = [f for f in found if f.code == "shared_block"]
    assert shared and shared[0].block == "b" and shared[0].story == "s2"


def test_story_block_outside_every_thread_and_overset():
    ed = Edition(pages=[Page("p1")])
    ed.stories["s"] = Story("s", paragraphs=[para(200)], thread=["a"])
    story_block(ed.pages[0], "a", "s", 0, 1, 0, 4)
    story_block(ed.pages[0], "stray", "s", 2, 1, 0, 4)
    eng = engine(ed)
    assert codes(eng) == ["not_in_thread", "overset"]
    overset = next(f for f in eng.audit() if f.code == "overset")
    assert str(eng.copyfit()["s"].overset_chars) in overset.message


def test_hand_edited_jump_line_is_caught():
    ed = two_page_edition(100, pages=3)
    pages = engine(ed).layout()
    assert audit_jumps(ed, pages) == []
    to = pages[0].jumps[0]
    to.text, to.target_page = "（下转第二版）", 2  # somebody typed the number by hand
    found = audit_jumps(ed, pages)
    assert [f.code for f in found] == ["jump_wrong_page"]
    assert found[0].page == 1 and "第3版" in found[0].message
    pages[2].jumps.clear()  # and the 上接 partner went missing
    assert "jump_partner_missing" in [f.code for f in audit_jumps(ed, pages)]
