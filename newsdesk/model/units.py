"""Units at the edges (mm, 字号 names, characters); points inside."""

from __future__ import annotations

import re

MM = 72.0 / 25.4  # points per millimetre

# 字号 -> points (TYPESETTING.md). Ordered largest first.
ZIHAO: dict[str, float] = {
    "初号": 42.0,
    "小初": 36.0,
    "一号": 26.0,
    "小一": 24.0,
    "二号": 22.0,
    "小二": 18.0,
    "三号": 16.0,
    "小三": 15.0,
    "四号": 14.0,
    "小四": 12.0,
    "五号": 10.5,
    "小五": 9.0,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5.0,
}


class UnitError(ValueError):
    """A length or size the user wrote could not be understood."""


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * MM


def to_mm(points: float) -> float:
    """Points to millimetres."""
    return points / MM


def zihao_name(points: float) -> str | None:
    """The 字号 name of a size in points, or None when it is not a standard size."""
    for name, pt in ZIHAO.items():
        if abs(pt - points) < 1e-6:
            return name
    return None


def parse_size(text: str | float) -> float:
    """A type size: a 字号 name ('小五'), or points ('9', '9pt', '10.5')."""
    if isinstance(text, int | float):
        return float(text)
    s = text.strip()
    if s in ZIHAO:
        return ZIHAO[s]
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(pt)?", s)
    if not m:
        raise UnitError(f"无法识别的字号：{text!r}（可用 小五、五号 等字号名，或 9pt 等磅值）")
    return float(m.group(1))


_LENGTH = re.compile(r"(-?\d+(?:\.\d+)?)\s*(mm|cm|pt|in|字|em)?")


def parse_length(text: str | float, em: float | None = None) -> float:
    """A length in points from '45mm', '4.5cm', '12pt', '1in' or '13字' (needs em)."""
    if isinstance(text, int | float):
        return float(text)
    m = _LENGTH.fullmatch(text.strip())
    if not m:
        raise UnitError(f"无法识别的长度：{text!r}（例如 45mm、12pt、13字）")
    value, unit = float(m.group(1)), m.group(2) or "pt"
    if unit == "mm":
        return mm(value)
    if unit == "cm":
        return mm(value * 10)
    if unit == "in":
        return value * 72.0
    if unit in ("字", "em"):
        if em is None:
            raise UnitError(f"长度 {text!r} 以字为单位，但没有给出字号")
        return value * em
    return value


def parse_page_size(text: str) -> tuple[float, float]:
    """'297x420mm' -> (width, height) in points; also names: 对开, 四开, A3, A4, A5, B4, B5."""
    s = text.strip()
    if s.upper() in PAGE_SIZES or s in PAGE_SIZES:
        w, h = PAGE_SIZES.get(s) or PAGE_SIZES[s.upper()]
        return mm(w), mm(h)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[x×X*]\s*(\d+(?:\.\d+)?)\s*(mm|pt|cm)?", s)
    if not m:
        raise UnitError(f"无法识别的版面尺寸：{text!r}（例如 390x540mm、对开、四开、A3、A4）")
    unit = m.group(3) or "mm"
    width, height = parse_length(m.group(1) + unit), parse_length(m.group(2) + unit)
    if width <= 0 or height <= 0:
        raise UnitError(f"版面尺寸必须大于 0：{text!r}")
    return width, height


# Named sheet sizes in mm (width × height, portrait). 对开/四开 are the newspaper trims of
# TYPESETTING.md; A and B series are ISO 216 (B: ISO, not the JIS B sizes).
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "对开": (390.0, 540.0),
    "四开": (270.0, 390.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B4": (250.0, 353.0),
    "B5": (176.0, 250.0),
}


CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """Page numbers the way a jump line says them: 3 -> 三, 12 -> 十二, 20 -> 二十, 105 -> 一百零五."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CHINESE_DIGITS[n // 10] + "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = CHINESE_DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + CHINESE_DIGITS[rest]
        tail = chinese_numeral(rest)
        return head + ("一" + tail if rest < 20 else tail)
    return str(n)
