"""版本记录 and 农历 (issue 13): {农历} from the edition's date through lunardate, {刊号} {主管}
{主办} {总编辑} from Edition.imprint, and a warning when page 1 lacks any of them once the
settings name them."""

from __future__ import annotations

import datetime as dt

import pytest
from layout_helpers import story_block

from newsdesk.layout.engine import LayoutEngine
from newsdesk.layout.lunar_date import lunar_text
from newsdesk.model.edition import Edition, Imprint, Page, Paragraph, Story


@pytest.mark.parametrize(
    "date, text",
    [
        (dt.date(2026, 11, 27), "丙午年十月十九"),
        (dt.date(2026, 2, 17), "丙午年正月初一"),  # 春节
        (dt.date(2025, 7, 25), "乙巳年闰六月初一"),  # a leap month
        (dt.date(2024, 1, 1), "癸卯年冬月二十"),
        (dt.date(2024, 2, 9), "癸卯年腊月三十"),  # 除夕
        (dt.date(1800, 1, 1), ""),  # outside the tables: nothing rather than nonsense
    ],
)
def test_lunar_dates(date, text):
    assert lunar_text(date) == text


def _edition(footer: str, imprint: Imprint) -> Edition:
    ed = Edition(pages=[Page("p1")], date=dt.date(2026, 11, 27), imprint=imprint)
    ed.stories["f"] = Story("f", slug="报尾", paragraphs=[Paragraph(footer)], thread=["f"])
    story_block(ed.pages[0], "f", "f", 0, 8, 10, 4, show_heads=False)
    return ed


FULL = Imprint(
    cn="CN 35-0099", supervisor="中共滨江市委", sponsor="滨江日报社", editor_in_chief="何远舟"
)
FOOTER = "农历{农历}　主管：{主管}　主办：{主办}　总编辑：{总编辑}　刊号：{刊号}"


def test_fields_print_the_imprint_and_the_lunar_date():
    engine = LayoutEngine(_edition(FOOTER, FULL))
    text = "".join(ln.text for p in engine.layout() for f in p.frames for ln in f.lines)
    assert "农历丙午年十月十九" in text
    assert "主管：中共滨江市委" in text and "主办：滨江日报社" in text
    assert "总编辑：何远舟" in text and "刊号：CN 35-0099" in text
    assert [f for f in engine.audit() if f.code in ("imprint_missing", "field_unknown")] == []


def test_an_empty_imprint_item_is_reported():
    imprint = Imprint(cn="CN 35-0099", supervisor="中共滨江市委", sponsor="", editor_in_chief="")
    found = [
        f for f in LayoutEngine(_edition(FOOTER, imprint)).audit() if f.code == "imprint_missing"
    ]
    assert len(found) == 1 and found[0].page == 1 and found[0].severity == "warning"
    assert "主办单位、总编辑未填写" in found[0].message


def test_an_imprint_item_page_one_does_not_print_is_reported():
    found = [
        f
        for f in LayoutEngine(_edition("农历{农历}　刊号：{刊号}", FULL)).audit()
        if f.code == "imprint_missing"
    ]
    assert len(found) == 1
    assert "主管单位（{主管}）" in found[0].message and "刊号" not in found[0].message


def test_no_imprint_settings_no_warning():
    engine = LayoutEngine(_edition("报尾", Imprint()))
    assert [f for f in engine.audit() if f.code == "imprint_missing"] == []
