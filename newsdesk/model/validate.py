"""Values that type-check but cannot be laid out: a zero body size, a page 0 mm wide, a negative
block width, no columns, a headline 5e-324 pt tall, a grid of a billion columns. Checked after an
edition file is read, so a hand-edited or damaged file is refused with the JSON path of the value
and a Chinese reason (not a crash, a hang or a machine out of memory later in layout).

Every size, leading, tracking, grid value and length is bounded to what a newspaper can use
(RANGES); the bounds are wide (a 2 pt to 10 inch type size, a page up to 5 m) so no real edition
meets them, and narrow enough that the work layout does for any accepted edition stays bounded.

    problems = edition_problems(edition)   # [(path, reason)], empty when the edition is sound
"""

from __future__ import annotations

from newsdesk.model.edition import CMYK, Block, Edition, Grid, HeadSettings, ParagraphStyle

MAX_PAGE = 72 * 200  # pt: 200 inches (about 5 m) is no newspaper page

# (lowest, highest, unit) of each kind of value. Type sizes and leading in pt, tracking and
# indents in em, counts in columns or characters.
RANGES: dict[str, tuple[float, float, str]] = {
    "page": (36.0, MAX_PAGE, "磅"),  # half an inch: smaller is no page
    "margin": (0.0, MAX_PAGE, "磅"),
    "position": (-MAX_PAGE, 2 * MAX_PAGE, "磅"),
    "extent": (0.0, MAX_PAGE, "磅"),
    "type_size": (2.0, 720.0, "磅"),  # 2 pt is below any legible type, 720 pt is 10 inches
    "leading": (2.0, 1000.0, "磅"),
    "body_size": (4.0, 72.0, "磅"),  # the grid's character: 小五 is 9 pt
    "grid_leading": (4.0, 144.0, "磅"),
    "tracking": (-0.5, 5.0, "em"),
    "indent": (-10.0, 20.0, "em"),
    "columns": (1, 60, "栏"),
    "column_chars": (1, 500, "字"),
    "gutter_chars": (0, 50, "字"),
    "head_lines": (1, 50, "行"),
    "stroke": (0.0, 72.0, "磅"),
    "text_gutter": (0.0, 360.0, "磅"),  # 5 inches between text columns is already absurd
    "picture_scale": (0.1, 10.0, "倍"),  # of the size that fits or fills the block
    "ink_limit": (1.0, 400.0, "%"),
    "ppi": (10.0, 10_000.0, "ppi"),
    "bleed": (0.0, 72.0, "磅"),  # 25 mm
}
MAX_FIT_SIZES = 50


def in_range(kind: str, value: float) -> bool:
    low, high, _ = RANGES[kind]
    return low <= value <= high


def edition_problems(edition: Edition) -> list[tuple[str, str]]:
    """(JSON path, Chinese reason) for every out-of-range value, in file order."""
    out: list[tuple[str, str]] = []

    def check(path: str, value: float | None, kind: str, *, zero_ok: bool = False) -> None:
        """A value of `kind` outside RANGES[kind] (None is always fine: "automatic")."""
        if value is None or (zero_ok and value == 0) or in_range(kind, value):
            return
        low, high, unit = RANGES[kind]
        if value <= 0 < low:
            out.append((path, f"必须大于 0（现为 {value:g}）"))
        elif value < 0 <= low:
            out.append((path, f"不能是负数（现为 {value:g}）"))
        elif value > high and kind == "page":
            out.append((path, f"太大了（{value:g} {unit}，超过 {high:g} {unit}）"))
        else:
            extra = "（或 0 = 自动）" if zero_ok else ""
            out.append(
                (
                    path,
                    f"超出可用范围：应在 {low:g} 到 {high:g} {unit}之间{extra}（现为 {value:g}）",
                )
            )

    def fraction(path: str, value: float) -> None:
        if not 0 <= value <= 1:
            out.append((path, f"应在 0 到 1 之间（现为 {value:g}）"))

    def colour(path: str, value: CMYK | None) -> None:
        if value is not None:
            for i, v in enumerate(value):
                fraction(f"{path}[{i}]", v)

    for i, page in enumerate(edition.pages):
        at = f"pages[{i}]"
        check(f"{at}.width", page.width, "page")
        check(f"{at}.height", page.height, "page")
        _grid(f"{at}.grid", page.grid, check, out)
        for j, block in enumerate(page.blocks):
            _block(f"{at}.blocks[{j}]", block, check, fraction, colour)
    from newsdesk.model.serialize import json_path  # serialize imports this module

    for key, style in edition.styles.items():
        _style(json_path("styles", key), style, check, colour)
    for key, story in edition.stories.items():
        at = json_path("stories", key)
        if story.id != key:
            # Layout, preflight and export look stories up by id: one that differs from its key
            # would be found under neither.
            out.append((f"{at}.id", f"与稿件的键 {key} 不一致（现为 {story.id}），两者必须相同"))
        _heads(f"{at}.heads", story.heads, check, out)
        for n, para in enumerate(story.paragraphs):
            for m, span in enumerate(para.spans):
                if not 0 <= span.start <= span.end:
                    out.append(
                        (
                            f"{at}.paragraphs[{n}].spans[{m}]",
                            f"起止位置无效（start={span.start}，end={span.end}）",
                        )
                    )
    settings = edition.print
    # None: the print condition's limit (newsdesk.export.conditions).
    if settings.ink_limit is not None and settings.ink_limit > 400:
        out.append(("print.ink_limit", f"不能超过 400（现为 {settings.ink_limit:g}）"))
    else:
        check("print.ink_limit", settings.ink_limit, "ink_limit")
    check("print.min_ppi", settings.min_ppi, "ppi")
    check("print.target_ppi", settings.target_ppi, "ppi")
    check("print.bleed", settings.bleed, "bleed")
    _proof(edition, out)
    return out


def _proof(edition: Edition, out: list[tuple[str, str]]) -> None:
    """The revision counter and proof marks (校对记号): ranges that can be anchored again."""
    if edition.revision < 0:
        out.append(("revision", f"不能是负数（现为 {edition.revision}）"))
    seen: set[str] = set()
    for i, item in enumerate(edition.proof_items):
        at = f"proof_items[{i}]"
        if not item.id or item.id in seen:
            out.append((f"{at}.id", f"校对记号的 id 为空或重复（{item.id!r}）"))
        seen.add(item.id)
        if not 0 <= item.start <= item.end or item.end - item.start != len(item.text):
            out.append((at, f"起止位置与所标文字不符（start={item.start}，end={item.end}）"))


def _grid(at: str, grid: Grid, check, out: list[tuple[str, str]]) -> None:
    check(f"{at}.columns", grid.columns, "columns")
    check(f"{at}.column_chars", grid.column_chars, "column_chars")
    check(f"{at}.gutter_chars", grid.gutter_chars, "gutter_chars")
    check(f"{at}.body_size", grid.body_size, "body_size")
    check(f"{at}.leading", grid.leading, "grid_leading")
    for name in ("margin_top", "margin_bottom", "margin_left", "margin_right"):
        check(f"{at}.{name}", getattr(grid, name), "margin")
    parts = (
        ("columns", grid.columns),
        ("column_chars", grid.column_chars),
        ("gutter_chars", grid.gutter_chars),
        ("body_size", grid.body_size),
    )
    if all(in_range(kind, value) for kind, value in parts):
        width = grid.type_width
        if width > MAX_PAGE:
            out.append(
                (
                    f"{at}.columns",
                    f"版心太宽：{grid.columns} 栏 × {grid.column_chars} 字 × {grid.body_size:g} 磅"
                    f"共 {width:g} 磅，超过 {MAX_PAGE} 磅",
                )
            )


def _block(at: str, block: Block, check, fraction, colour) -> None:
    # Zero is allowed (a hairline rule has no height; layout reports a block too small for text).
    check(f"{at}.x", block.x, "position")
    check(f"{at}.y", block.y, "position")
    check(f"{at}.width", block.width, "extent")
    check(f"{at}.height", block.height, "extent")
    check(f"{at}.text_columns", block.text_columns, "columns", zero_ok=True)
    check(f"{at}.text_gutter", block.text_gutter, "text_gutter")
    check(f"{at}.scale", block.scale, "picture_scale")
    check(f"{at}.stroke", block.stroke, "stroke")
    fraction(f"{at}.crop[0]", block.crop[0])
    fraction(f"{at}.crop[1]", block.crop[1])
    colour(f"{at}.color", block.color)
    colour(f"{at}.fill", block.fill)
    colour(f"{at}.text_color", block.text_color)


def _style(at: str, style: ParagraphStyle, check, colour) -> None:
    check(f"{at}.size", style.size, "type_size")
    check(f"{at}.leading", style.leading, "leading")
    check(f"{at}.tracking", style.tracking, "tracking")
    check(f"{at}.indent", style.indent, "indent")
    colour(f"{at}.color", style.color)


def _heads(at: str, heads: HeadSettings, check, out: list[tuple[str, str]]) -> None:
    check(f"{at}.span", heads.span, "columns", zero_ok=True)
    check(f"{at}.headline_size", heads.headline_size, "type_size", zero_ok=True)
    check(f"{at}.lines", heads.lines, "head_lines")
    if len(heads.fit_sizes) > MAX_FIT_SIZES:
        out.append(
            (f"{at}.fit_sizes", f"字号太多（{len(heads.fit_sizes)} 个，最多 {MAX_FIT_SIZES} 个）")
        )
    for i, size in enumerate(heads.fit_sizes):
        check(f"{at}.fit_sizes[{i}]", size, "type_size")
