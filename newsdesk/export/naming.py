"""File names of per-page PDFs, from a pattern the print shop agrees on.

Default `{paper}-{date:%Y%m%d}-{page:02d}.pdf`. Fields: paper (报纸名), date, number (期号),
page (page number), label (版次, e.g. A1 or 第一版), section (版名), preset.
Distinct pages must get distinct names: one page file uploaded over another is a real failure.
"""

from __future__ import annotations

import re
import string

from newsdesk.errors import NewsdeskError
from newsdesk.model.edition import Edition

DEFAULT_PATTERN = "{paper}-{date:%Y%m%d}-{page:02d}.pdf"
FIELDS = ("paper", "date", "number", "page", "label", "section", "preset")

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def check_pattern(pattern: str) -> None:
    """Raise a clear error for a pattern with unknown fields or bad syntax."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise NewsdeskError(f"文件名模式写法有误：{pattern}（{exc}）") from exc
    for _, name, _, _ in parsed:
        if name is not None and name.split(".")[0].split("[")[0] not in FIELDS:
            known = "、".join("{" + f + "}" for f in FIELDS)
            raise NewsdeskError(f"文件名模式中的字段 {{{name}}} 不认识；可用：{known}")
    if "{page" not in pattern and "{label" not in pattern:
        raise NewsdeskError("文件名模式必须含有 {page} 或 {label}，否则各版会互相覆盖")


def page_filename(pattern: str, edition: Edition, page_number: int, label: str, preset: str) -> str:
    check_pattern(pattern)
    page = edition.pages[page_number - 1] if 0 < page_number <= len(edition.pages) else None
    values = {
        "paper": edition.paper,
        "date": edition.date,
        "number": edition.number,
        "page": page_number,
        "label": label,
        "section": page.section if page else "",
        "preset": preset,
    }
    try:
        name = pattern.format(**values)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise NewsdeskError(f"文件名模式无法使用：{pattern}（{exc}）") from exc
    name = _UNSAFE.sub("_", name).strip().strip(".")
    if not name:
        raise NewsdeskError(f"文件名模式得到了空文件名：{pattern}")
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return name


def unique_names(names: list[str]) -> None:
    """Refuse names that collide (also case-insensitively, for the print shop's file systems)."""
    seen: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key in seen:
            raise NewsdeskError(f"文件名模式让两个版面得到同一个文件名：{name}")
        seen[key] = name
