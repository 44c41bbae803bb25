"""The words of a jump line: （下转第三版） / （上接第一版） / （下转A3版）."""

from __future__ import annotations

from typing import Literal

from newsdesk.model.edition import JumpStyle, Page
from newsdesk.model.units import chinese_numeral


def page_name(style: JumpStyle, number: int, label: str = "") -> str:
    """How a jump line names a page: 第三版, 第3版, or A3版 (label style, when the page has one).

    A label that already ends in 版 (第三版, B12版) is used as it is: never 第三版版.
    """
    if style.numerals == "label" and label:
        return label if label.endswith("版") else f"{label}版"
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


def label_matches_numbering(style: JumpStyle, number: int, label: str) -> bool:
    """Whether a page's own label agrees with how jump lines name it (numerals chinese/arabic):
    no label, 第三版/三 under chinese, 第3版/3 under arabic. A3 under either does not: the folio
    says A3 while the jump line says 第三版."""
    if not label or style.numerals == "label":
        return True
    core = label.strip()
    core = core[1:] if core.startswith("第") else core
    core = core[:-1] if core.endswith("版") else core
    return core in (chinese_numeral(number), str(number))
