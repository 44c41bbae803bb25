from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.model.edition import Grid
from newsdesk.model.units import (
    ZIHAO,
    UnitError,
    chinese_numeral,
    mm,
    parse_length,
    parse_page_size,
    parse_size,
    to_mm,
    zihao_name,
)


def test_zihao_table_matches_typesetting_md() -> None:
    assert parse_size("小五") == 9.0
    assert parse_size("五号") == 10.5
    assert parse_size("初号") == 42.0
    assert parse_size("八号") == 5.0
    assert parse_size("9") == 9.0
    assert parse_size("10.5pt") == 10.5
    assert zihao_name(9.0) == "小五"
    assert zihao_name(9.1) is None
    sizes = list(ZIHAO.values())
    assert sizes == sorted(sizes, reverse=True)


@pytest.mark.parametrize("bad", ["", "大五", "9px", "abc"])
def test_bad_sizes_are_refused_in_chinese(bad: str) -> None:
    with pytest.raises(UnitError, match="字号"):
        parse_size(bad)


def test_lengths() -> None:
    assert parse_length("25.4mm") == pytest.approx(72.0)
    assert parse_length("2.54cm") == pytest.approx(72.0)
    assert parse_length("1in") == 72.0
    assert parse_length("12pt") == 12.0
    assert parse_length("13字", em=9.0) == 117.0
    with pytest.raises(UnitError):
        parse_length("13字")
    assert parse_page_size("297x420mm") == pytest.approx((mm(297), mm(420)))
    assert parse_page_size("对开") == pytest.approx((mm(390), mm(540)))
    assert parse_page_size("A4") == pytest.approx((mm(210), mm(297)))
    assert parse_page_size("a4") == parse_page_size("A4")
    assert parse_page_size("四开") == pytest.approx((mm(270), mm(390)))
    for bad in ("0x0mm", "0x420mm", "A9", "297x"):
        with pytest.raises(UnitError, match="版面尺寸"):
            parse_page_size(bad)


@given(st.floats(min_value=-1e4, max_value=1e4, allow_nan=False))
def test_mm_round_trip(value: float) -> None:
    assert to_mm(mm(value)) == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (3, "三"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (24, "二十四"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (123, "一百二十三"),
    ],
)
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_broadsheet_grid_is_111_characters() -> None:
    grid = Grid()
    assert grid.type_width == pytest.approx(111 * 9.0)
    assert to_mm(grid.type_width) == pytest.approx(352.4, abs=0.1)
    x, y, w, h = grid.block_rect(mm(390), 2, 3, 4, 10)
    assert w == pytest.approx(3 * 13 * 9 + 2 * 9)
    assert h == pytest.approx(10 * grid.leading)
    assert x == pytest.approx(grid.left(mm(390)) + 2 * 14 * 9)
