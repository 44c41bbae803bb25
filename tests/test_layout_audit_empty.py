"""Empty and cramped blocks are told apart: a continuation block is "已排完" only when the text
really finished earlier; a block with no room says it is too small; a story with heads but no body
is an empty story. Severities are the same in the layout audit and in preflight."""

from __future__ import annotations

from layout_helpers import FakeTypesetter, para, story_block, two_page_edition

from newsdesk.export.preflight import preflight
from newsdesk.layout.audit import SEVERITY
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Edition, Page, Story


def engine(ed: Edition) -> LayoutEngine:
    return LayoutEngine(ed, typesetter=FakeTypesetter())


def by_code(eng: LayoutEngine) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in eng.audit():
        out.setdefault(f.code, []).append(f)
    return out


def test_continuation_too_small_for_its_jump_line_is_not_called_finished() -> None:
    ed = two_page_edition(400)
    b = ed.pages[-1].blocks[0]
    b.height = ed.pages[-1].grid.leading  # one line: the 上接 line has no room after the head
    found = by_code(engine(ed))
    assert "overset" in found
    messages = [f.message for fs in found.values() for f in fs if f.block == "b"]
    assert not any("已排完" in m for m in messages), messages
    assert any("没有空间" in m or "太小" in m for m in messages), messages


def test_continuation_after_the_text_finished_is_called_finished() -> None:
    ed = two_page_edition(10)  # fits in block a
    found = by_code(engine(ed))
    (empty,) = found["empty_block"]
    assert empty.block == "b" and "已排完" in empty.message and empty.severity == "error"
    assert "overset" not in found


def test_block_with_heads_and_no_room_for_body_says_so() -> None:
    ed = Edition(pages=[Page("p1")])
    ed.stories["s"] = Story("s", slug="窄稿", headline="标题很长很长", paragraphs=[para(100)])
    ed.stories["s"].thread = ["a", "c"]
    story_block(ed.pages[0], "a", "s", 0, 1, 0, 2, show_heads=False)
    story_block(ed.pages[0], "c", "s", 2, 1, 0, 1, show_heads=True)  # heads fill it
    found = by_code(engine(ed))
    (cramped,) = found["block_no_room"]
    assert cramped.block == "c" and "太小" in cramped.message and "已排完" not in cramped.message


def test_story_with_heads_and_no_paragraphs_is_an_empty_story() -> None:
    ed = two_page_edition(10)
    ed.stories["s1"].paragraphs = []
    ed.pages[0].blocks[0].show_heads = True
    found = by_code(engine(ed))
    (empty,) = found["empty_story"]
    assert empty.block == "a" and "没有正文" in empty.message and empty.severity == "error"
    assert "empty_block" not in found  # not "已排完": it never started


def test_layout_and_preflight_agree_on_severity(tmp_path) -> None:
    ed = two_page_edition(10)
    eng = engine(ed)
    layout = {(f.code, f.block): f.severity for f in eng.audit()}
    report = preflight(ed, base_dir=tmp_path, engine=eng, registry=None)
    checked = {(f.code, f.block): f.severity for f in report.findings}
    shared = set(layout) & set(checked)
    assert ("empty_block", "b") in shared
    for key in shared:
        assert layout[key] == checked[key] == SEVERITY.get(key[0], layout[key])
