"""Text columns inside a block: 长栏 (one per basic column spanned) and 破栏 (k columns over a span).

Column widths are whole body characters so every line holds a whole number of characters; in 破栏
what is left over after the columns is shared out as extra gutter (TYPESETTING.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.model.edition import Block, Grid


@dataclass(frozen=True)
class TextColumn:
    x: float
    width: float


def block_chars(grid: Grid, width: float) -> int:
    """A block's width in body characters (blocks on the grid give a whole number)."""
    if grid.body_size <= 0:  # an edition built in code (files are refused on load)
        return 1
    return max(1, round(width / grid.body_size))


def basic_span(grid: Grid, width: float) -> int:
    """How many basic columns a width covers (at least one)."""
    pitch = max(1, grid.column_chars + grid.gutter_chars)
    return max(1, round((block_chars(grid, width) + grid.gutter_chars) / pitch))


def text_columns(
    grid: Grid, block: Block, x: float | None = None, width: float | None = None
) -> list[TextColumn]:
    """The text columns of a block (or of the part of it from `x`, `width` wide)."""
    x = block.x if x is None else x
    width = block.width if width is None else width
    chars = block_chars(grid, width)
    k = block.text_columns if block.text_columns > 0 else basic_span(grid, width)
    return split_columns(grid, x, width, chars, k, block.text_gutter)


def split_columns(
    grid: Grid, x: float, width: float, chars: int, k: int, gutter: float | None = None
) -> list[TextColumn]:
    """k columns of whole characters over `chars`, with at least `gutter` points between them
    (the block's own gutter; None: the grid's `gutter_chars`)."""
    em = grid.body_size
    if em <= 0:
        return [TextColumn(x, width)]
    k = max(1, min(k, chars))
    if gutter is None:
        col_chars = (chars - (k - 1) * grid.gutter_chars) // k
    else:  # a gutter in points, not whole characters: what is left over widens it
        col_chars = int((chars * em - (k - 1) * gutter) / (k * em) + 1e-9)
    if col_chars < 1:  # far too many columns for the width: fall back to one column
        return [TextColumn(x, width)]
    col_w = col_chars * em
    gutter = (width - k * col_w) / (k - 1) if k > 1 else 0.0
    return [TextColumn(x + i * (col_w + gutter), col_w) for i in range(k)]
