"""The page template: new 对开 editions of 4 and 8 pages, pages of each type added and deleted as
exact, undoable operations, furniture that follows the edition's properties and the page order."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.edit import MovePage, operation_from_json
from newsdesk.edit.page_actions import (
    add_template_page,
    delete_page,
    furniture_stories,
    set_edition_properties,
)
from newsdesk.fonts import default_registry
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.serialize import edition_to_json_bytes
from newsdesk.model.templates import TEMPLATES, is_furniture, make_page, new_edition
from newsdesk.sample import build_sample_edition


def _texts(pages, index: int) -> str:
    return "".join(line.text for line in pages[index].lines())


@pytest.fixture(scope="module")
def registry():
    return default_registry()


@pytest.mark.parametrize("count", sorted(TEMPLATES))
def test_new_edition_lays_out_with_only_booked_ads_to_fill(count, registry) -> None:
    edition = new_edition("江城晚报", dt.date(2026, 12, 24), 1234, count)
    assert len(edition.pages) == count
    engine = LayoutEngine(edition, registry=registry)
    pages = engine.layout()
    front = _texts(pages, 0)
    assert "江城晚报" in front and "2026年12月24日" in front and "星期四" in front
    assert "第1234期" in front and f"今日{'四八'[count == 8]}版" not in front  # {版数} is digits
    assert f"今日{count}版" in front
    for i in range(1, count):
        assert _texts(pages, i).startswith(f"第{'一二三四五六七八'[i]}版")
    codes = {code for *_x, code, _m in _problems(engine)}
    assert codes <= {"image_missing"}  # the booked ad spaces, and nothing else
    ads = [b for p in edition.pages for b in p.blocks if b.kind == "ad"]
    assert ads and all(is_furniture(edition, b) for b in ads)
    # Furniture fits its blocks exactly: no 缺 N 行 badge on a header, masthead or footer.
    assert all(fit.label == "正好" for fit in engine.copyfit().values())


def _problems(engine):
    return [(f.page, f.block, f.code, f.message) for f in engine.audit()]


def test_unknown_page_count_or_type_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="模板只有"):
        new_edition("报", dt.date(2026, 1, 1), 1, 6)
    with pytest.raises(ValueError, match="未知的版面类型"):
        make_page(new_edition("报", dt.date(2026, 1, 1), 1, 4), "poster")


@pytest.mark.parametrize("kind", ["front", "inside", "ad"])
def test_add_and_delete_template_pages_undo_exactly(kind, registry) -> None:
    edition = build_sample_edition()  # an edition not made from the template (older styles)
    original = edition_to_json_bytes(edition)
    op = operation_from_json(add_template_page(edition, kind, 2).to_json())
    undo = op.apply(edition)
    assert len(edition.pages) == 5
    new_page = edition.pages[2]
    assert new_page.blocks and all(is_furniture(edition, b) for b in new_page.blocks)
    pages = LayoutEngine(edition, registry=registry).layout()
    if kind != "front":
        assert _texts(pages, 2).startswith("第三版")
        assert "（下转第四版）" in _texts(pages, 0)  # the lead's jump follows its page, now 4th
    removal = delete_page(edition, new_page.id)
    assert furniture_stories(edition, new_page.id)
    back = removal.apply(edition)
    assert edition_to_json_bytes(edition) == original  # the furniture stories went with it
    back.apply(edition)
    assert len(edition.pages) == 5
    undo.apply(edition)  # undoing the add
    assert edition_to_json_bytes(edition) == original


def test_deleting_a_page_with_articles_keeps_their_text() -> None:
    edition = build_sample_edition()
    story = edition.stories["hotline"]
    text = story.body_text()
    undo = delete_page(edition, "p3").apply(edition)
    assert edition.stories["hotline"].body_text() == text  # unplaced, not lost
    assert "p3-folio" not in edition.stories  # the header went with its page
    undo.apply(edition)
    assert "p3-folio" in edition.stories


def test_moving_pages_renumbers_headers_and_jumps(registry) -> None:
    edition = build_sample_edition()
    engine = LayoutEngine(edition, registry=registry)
    pages = engine.layout()
    assert "（下转第三版）" in _texts(pages, 0)
    MovePage("p3", 1).apply(edition)
    pages = engine.layout()
    assert "（下转第二版）" in _texts(pages, 0)
    assert _texts(pages, 1).startswith("第二版") and "城事" in _texts(pages, 1)[:8]


def test_edition_properties_as_one_set() -> None:
    edition = new_edition("江城晚报", dt.date(2026, 12, 24), 1234, 4)
    assert set_edition_properties(edition, "江城晚报", dt.date(2026, 12, 24), 1234) is None
    op = set_edition_properties(edition, "江城日报", dt.date(2026, 12, 25), 1235)
    assert op is not None and op.target == ("edition",)
    before = edition_to_json_bytes(edition)
    undo = op.apply(edition)
    assert (edition.paper, edition.date, edition.number) == (
        "江城日报",
        dt.date(2026, 12, 25),
        1235,
    )
    undo.apply(edition)
    assert edition_to_json_bytes(edition) == before


@pytest.mark.parametrize(
    "paper, size", [("江城晚报", 80.0), ("Binjiang Evening", None), ("滨江市民生活服务导报", None)]
)
def test_masthead_fits_the_paper_name_on_one_line_inside_its_block(paper, size, registry) -> None:
    """A long or Latin paper name shrinks to one line; it never runs over the masthead rule."""
    edition = new_edition(paper, dt.date(2026, 12, 24), 1, 4)
    pages = LayoutEngine(edition, registry=registry).layout()
    block = next(b for b in edition.pages[0].blocks if b.id.endswith("masthead"))
    frame = next(f for f in pages[0].frames if f.block == block.id)
    assert len(frame.lines) == 1 and frame.lines[0].text == paper
    line = frame.lines[0]
    glyph_size = max(run.size for run in line.runs)
    assert line.baseline <= block.y + block.height
    assert block.x - 0.01 <= line.x and line.x + line.width <= block.x + block.width + 0.01
    if size is not None:
        assert glyph_size == size  # a short name keeps the full masthead size
    else:
        assert glyph_size < 80.0
