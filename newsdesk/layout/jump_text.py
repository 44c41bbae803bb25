"""The words of a jump line: （下转第三版） / （上接第一版） / （下转A3版）."""

from __future__ import annotations

from typing import Literal

from newsdesk.model.edition import JumpStyle, Page
from newsdesk.model.units import chinese_numeral


def page_name(style: JumpStyle, number: int, label: str = "") -> str:
    """How a jump line names a page: 第三版, 第3版, or A3版 (label style, when the page has one)."""
    if style.numerals == "label" and label:
        return f"{label}版"
    if style.numerals == "arabic":
        return f"第{number}版"
    return f"第{chinese_numeral(number)}版"


def jump_text(
    style: JumpStyle, direction: Literal["to", "from"], number: int, label: str = ""
) -> str:
    """The full line: bracket, 下转/上接, the page name, bracket."""
    verb = style.to_text if direction == "to" else style.from_text
    return f"{style.open}{verb}{page_name(style, number, label)}{style.close}"


def page_label(page: Page, number: int) -> str:
    """The label a page shows in lists and the layout result: its own label, else 第N版."""
    return page.label or f"第{chinese_numeral(number)}版"
