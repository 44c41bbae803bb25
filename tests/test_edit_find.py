"""Find and replace in the engine: hits in reading order, never across paragraphs, replace all as
one Batch whose inverse restores the edition exactly."""

from __future__ import annotations

from newsdesk.edit.find import find_all, replace_all
from newsdesk.model.edition import Edition, InlineSpan, Paragraph, Story
from newsdesk.model.serialize import edition_to_json_bytes


def edition() -> Edition:
    ed = Edition()
    ed.stories["a"] = Story(
        "a",
        headline="桥上桥",
        paragraphs=[Paragraph("一座桥，两座桥", spans=[InlineSpan(3, 5, "bold")]), Paragraph("桥")],
    )
    ed.stories["b"] = Story("b", kicker="Bridge bridge", paragraphs=[Paragraph("没有")])
    return ed


def test_hits_in_reading_order_and_scope() -> None:
    ed = edition()
    hits = find_all(ed, "桥")
    assert [(h.story, h.part, h.start) for h in hits] == [
        ("a", "headline", 0),
        ("a", "headline", 2),
        ("a", "body", 2),
        ("a", "body", 6),
        ("a", "body", 8),
    ]
    assert find_all(ed, "桥", story_id="b") == []
    assert len(find_all(ed, "bridge")) == 2 and len(find_all(ed, "bridge", match_case=True)) == 1
    assert find_all(ed, "桥\n桥") == [] and find_all(ed, "") == []


def test_replace_all_and_undo() -> None:
    ed = edition()
    before = edition_to_json_bytes(ed)
    op = replace_all(ed, find_all(ed, "桥"), "大桥")
    inverse = op.apply(ed)
    story = ed.stories["a"]
    assert story.headline == "大桥上大桥"
    assert [p.text for p in story.paragraphs] == ["一座大桥，两座大桥", "大桥"]
    inverse.apply(ed)
    assert edition_to_json_bytes(ed) == before
