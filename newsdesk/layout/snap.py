"""Snapping rectangles to a page's column grid and baseline grid.

The GUI calls these while a block is dragged or resized; the layout engine uses them to read a
block's place on the grid (which basic columns it spans, which grid lines it covers).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.model.edition import Grid


@dataclass(frozen=True)
class GridCell:
    """A block's place on the grid: basic columns and baseline-grid lines."""

    column: int  # first basic column, 0-based
    span: int  # basic columns covered (>= 1)
    top_line: int  # first grid line, 0 = the top of the type area
    lines: int  # grid lines covered (>= 1)

    def rect(self, grid: Grid, page_width: float) -> tuple[float, float, float, float]:
        return grid.block_rect(page_width, self.column, self.span, self.top_line, self.lines)


def grid_lines(grid: Grid, page_height: float) -> int:
    """Number of baseline-grid lines in the type area."""
    return max(1, round(grid.type_height(page_height) / grid.leading))


def _nearest_column(grid: Grid, page_width: float, x: float) -> int:
    pitch = grid.column_width + grid.gutter
    return round((x - grid.left(page_width)) / pitch)


def _nearest_column_end(grid: Grid, page_width: float, right: float) -> int:
    """Index of the column whose right edge is nearest `right`, plus one (an exclusive end)."""
    pitch = grid.column_width + grid.gutter
    return round((right - grid.left(page_width) + grid.gutter) / pitch)


def cell_of(
    grid: Grid, page_width: float, page_height: float, x: float, y: float, w: float, h: float
) -> GridCell:
    """The grid cell nearest to a rectangle, kept inside the type area."""
    total = grid_lines(grid, page_height)
    first = min(max(_nearest_column(grid, page_width, x), 0), grid.columns - 1)
    end = min(max(_nearest_column_end(grid, page_width, x + w), first + 1), grid.columns)
    top = min(max(round((y - grid.margin_top) / grid.leading), 0), total - 1)
    bottom = min(max(round((y + h - grid.margin_top) / grid.leading), top + 1), total)
    return GridCell(first, end - first, top, bottom - top)


def snap_rect(
    grid: Grid, page_width: float, page_height: float, x: float, y: float, w: float, h: float
) -> tuple[float, float, float, float]:
    """A rectangle moved and sized to the nearest whole columns and grid lines."""
    return cell_of(grid, page_width, page_height, x, y, w, h).rect(grid, page_width)


def snap_move(
    grid: Grid, page_width: float, page_height: float, x: float, y: float, w: float, h: float
) -> tuple[float, float, float, float]:
    """Snap a dragged block: its size (in columns and lines) is kept, only its place changes."""
    size = cell_of(grid, page_width, page_height, grid.left(page_width), grid.margin_top, w, h)
    total = grid_lines(grid, page_height)
    column = min(max(_nearest_column(grid, page_width, x), 0), grid.columns - size.span)
    top = min(max(round((y - grid.margin_top) / grid.leading), 0), total - size.lines)
    return GridCell(column, size.span, max(top, 0), size.lines).rect(grid, page_width)
