"""The loaded cursor (place gun): a story waiting to be placed or continued (续排).

A story loads the cursor from the stories panel (drag or double-click) or from an overset block's
out-port. Then a click in a column places a one-column block there; a drag places it across the
columns dragged; a click on an empty text block continues the story into it. The block is as deep
as the copy needs or reaches the column foot (layout/placement.py finds the depth by trial layout).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.edit import actions
from newsdesk.edit.operation import Operation
from newsdesk.layout.placement import fitting_lines, foot_lines
from newsdesk.layout.snap import grid_lines
from newsdesk.model.edition import Edition, Grid, Page

STORY_MIME = "application/x-newsdesk-story"


@dataclass(frozen=True)
class PlaceGun:
    story: str
    continuation: bool  # loaded from an out-port: the rest of an overset story


def column_under(grid: Grid, page_width: float, x: float) -> int:
    """The basic column under x (a gutter belongs to the column on its left), kept on the page."""
    pitch = grid.column_width + grid.gutter
    column = int((x - grid.left(page_width)) // pitch)
    return min(max(column, 0), grid.columns - 1)


def line_under(grid: Grid, page_height: float, y: float) -> int:
    """The grid line nearest y, kept inside the type area."""
    total = grid_lines(grid, page_height)
    return min(max(round((y - grid.margin_top) / grid.leading), 0), total - 1)


def dragged_cell(page: Page, press: tuple[float, float], release: tuple[float, float] | None):
    """(first column, span, top line) for a click (release None) or a drag across columns."""
    grid = page.grid
    first = column_under(grid, page.width, press[0])
    last = first if release is None else column_under(grid, page.width, release[0])
    first, last = min(first, last), max(first, last)
    top_y = press[1] if release is None else min(press[1], release[1])
    return first, last - first + 1, line_under(grid, page.height, top_y)


def _across(block, x: float, width: float) -> bool:
    """Whether a block stands in the columns from x over width (half a point of tolerance)."""
    return block.x < x + width - 0.5 and x + 0.5 < block.x + block.width


def free_column_top(page: Page) -> tuple[int, int, int]:
    """(column, top line, free lines) of the first column (left to right) with free space at its
    top; free lines run down to the next block in that column or the foot. (0, 0, foot) on a
    page with no room anywhere, so the continuation still lands somewhere visible."""
    grid = page.grid
    total = grid_lines(grid, page.height)
    for column in range(grid.columns):
        x, _y, w, _h = grid.block_rect(page.width, column, 1, 0, 1)
        covered = [False] * total
        for block in page.blocks:
            if _across(block, x, w):
                a = int((block.y - grid.margin_top) / grid.leading + 1e-6)
                b = int((block.y + block.height - grid.margin_top) / grid.leading - 1e-6) + 1
                for k in range(max(a, 0), min(b, total)):
                    covered[k] = True
        for top in range(total):
            if not covered[top]:
                free = 0
                while top + free < total and not covered[top + free]:
                    free += 1
                if free >= 3:  # room for at least a jump head line and some text
                    return column, top, free
    return 0, 0, total


def placing_op(
    edition: Edition, story: str, page: Page, column: int, span: int, top: int, lines: int
) -> Operation:
    """The operation placing (or continuing) a story in a block on the grid."""
    rect = page.grid.block_rect(page.width, column, span, top, lines)
    placed = any(b.story == story for p in edition.pages for b in p.blocks) or bool(
        edition.stories[story].thread
    )
    if placed:
        return actions.continue_on_page(edition, story, page.id, rect)
    return actions.place_story(edition, story, page.id, rect)


def free_lines_below(page: Page, column: int, span: int, top: int) -> int:
    """Grid lines from `top` down to the column foot or to the first block below (the 报尾, an
    ad, another story) in the columns spanned, so a placed block never runs over it."""
    grid = page.grid
    x, y, w, _h = grid.block_rect(page.width, column, span, top, 1)
    limit = foot_lines(grid, page.height, top)
    for block in page.blocks:
        if _across(block, x, w) and block.y >= y - 0.5:
            lines = int((block.y - y) / grid.leading + 1e-6)
            limit = min(limit, max(lines, 1))
    return limit


def fitted_op(
    engine, story: str, page: Page, column: int, span: int, top: int, max_lines: int | None = None
) -> Operation:
    """Place down to the column foot or the next block below (or max_lines), shrunk to the copy
    by trial layout."""
    limit = free_lines_below(page, column, span, top) if max_lines is None else max_lines

    def make(edition: Edition, lines: int) -> Operation:
        return placing_op(edition, story, page, column, span, top, lines)

    lines = fitting_lines(engine, make, story, limit)
    return make(engine.edition, lines)
