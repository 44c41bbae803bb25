"""Values that type-check but cannot be laid out: a zero body size, a page 0 mm wide, a negative
block width, no columns. Checked after an edition file is read, so a hand-edited or damaged file
is refused with the JSON path of the value and a Chinese reason (not a crash later in layout).

    problems = edition_problems(edition)   # [(path, reason)], empty when the edition is sound
"""

from __future__ import annotations

from newsdesk.model.edition import CMYK, Block, Edition, Grid, HeadSettings, ParagraphStyle

MAX_PAGE = 72 * 200  # pt: 200 inches (about 5 m) is no newspaper page


def edition_problems(edition: Edition) -> list[tuple[str, str]]:
    """(JSON path, Chinese reason) for every out-of-range value, in file order."""
    out: list[tuple[str, str]] = []

    def positive(path: str, value: float, unit: str = "") -> None:
        if not value > 0:
            out.append((path, f"必须大于 0{unit}（现为 {value:g}）"))

    def not_negative(path: str, value: float | None) -> None:
        if value is not None and value < 0:
            out.append((path, f"不能是负数（现为 {value:g}）"))

    def fraction(path: str, value: float) -> None:
        if not 0 <= value <= 1:
            out.append((path, f"应在 0 到 1 之间（现为 {value:g}）"))

    def colour(path: str, value: CMYK | None) -> None:
        if value is not None:
            for i, v in enumerate(value):
                fraction(f"{path}[{i}]", v)

    for i, page in enumerate(edition.pages):
        at = f"pages[{i}]"
        for name in ("width", "height"):
            value = getattr(page, name)
            positive(f"{at}.{name}", value)
            if value > MAX_PAGE:
                out.append((f"{at}.{name}", f"太大了（{value:g} 磅，超过 {MAX_PAGE} 磅）"))
        _grid(f"{at}.grid", page.grid, positive, not_negative)
        for j, block in enumerate(page.blocks):
            _block(f"{at}.blocks[{j}]", block, not_negative, fraction, colour)
    from newsdesk.model.serialize import json_path  # serialize imports this module

    for key, style in edition.styles.items():
        _style(json_path("styles", key), style, positive, colour)
    for key, story in edition.stories.items():
        at = json_path("stories", key)
        _heads(f"{at}.heads", story.heads, positive, not_negative)
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
    positive("print.ink_limit", settings.ink_limit)
    if settings.ink_limit > 400:
        out.append(("print.ink_limit", f"不能超过 400（现为 {settings.ink_limit:g}）"))
    positive("print.min_ppi", settings.min_ppi)
    positive("print.target_ppi", settings.target_ppi)
    not_negative("print.bleed", settings.bleed)
    return out


def _grid(at: str, grid: Grid, positive, not_negative) -> None:
    positive(f"{at}.columns", grid.columns)
    positive(f"{at}.column_chars", grid.column_chars)
    not_negative(f"{at}.gutter_chars", grid.gutter_chars)
    positive(f"{at}.body_size", grid.body_size)
    positive(f"{at}.leading", grid.leading)
    for name in ("margin_top", "margin_bottom", "margin_left", "margin_right"):
        not_negative(f"{at}.{name}", getattr(grid, name))


def _block(at: str, block: Block, not_negative, fraction, colour) -> None:
    # Zero is allowed (a hairline rule has no height; layout reports a block too small for text).
    not_negative(f"{at}.width", block.width)
    not_negative(f"{at}.height", block.height)
    not_negative(f"{at}.text_columns", block.text_columns)
    not_negative(f"{at}.stroke", block.stroke)
    fraction(f"{at}.crop[0]", block.crop[0])
    fraction(f"{at}.crop[1]", block.crop[1])
    colour(f"{at}.color", block.color)
    colour(f"{at}.fill", block.fill)
    colour(f"{at}.text_color", block.text_color)


def _style(at: str, style: ParagraphStyle, positive, colour) -> None:
    positive(f"{at}.size", style.size)
    positive(f"{at}.leading", style.leading)
    colour(f"{at}.color", style.color)


def _heads(at: str, heads: HeadSettings, positive, not_negative) -> None:
    not_negative(f"{at}.span", heads.span)
    not_negative(f"{at}.headline_size", heads.headline_size)
    positive(f"{at}.lines", heads.lines)
    for i, size in enumerate(heads.fit_sizes):
        positive(f"{at}.fit_sizes[{i}]", size)
