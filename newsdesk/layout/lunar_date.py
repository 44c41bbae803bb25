"""The Chinese calendar date of an edition, for the {农历} field: 丙午年十月十九.

The conversion is the well-kept `lunardate` package's (tables for 1900–2099); this module only
writes it the way a masthead prints it: the year by its stem and branch (干支), the months 正月 …
十月、冬月、腊月 (闰 before a leap month), the days 初一 … 初十、十一 … 二十、廿一 … 三十.
"""

from __future__ import annotations

import datetime as _dt

from lunardate import LunarDate

STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
DIGITS = "一二三四五六七八九十"


def lunar_text(date: _dt.date) -> str:
    """丙午年十月十九 for 2026-11-27; "" for a date outside the calendar's tables."""
    if not 1901 <= date.year <= 2099:
        return ""  # outside lunardate's tables (it answers nonsense there, not an error)
    try:
        lunar = LunarDate.from_solar_date(date.year, date.month, date.day)
    except (ValueError, IndexError):
        return ""
    if not (1 <= lunar.day <= 30 and 1 <= lunar.month <= 12):
        return ""
    cycle = (lunar.year - 4) % 60
    year = STEMS[cycle % 10] + BRANCHES[cycle % 12]
    month = ("闰" if lunar.is_leap_month else "") + MONTHS[lunar.month - 1] + "月"
    return f"{year}年{month}{_day(lunar.day)}"


def _day(day: int) -> str:
    if day <= 10:
        return "初" + DIGITS[day - 1]
    if day < 20:
        return "十" + DIGITS[day - 11]
    if day == 20:
        return "二十"
    if day < 30:
        return "廿" + DIGITS[day - 21]
    return "三十"
