"""How deep a placed story block should be: deep enough for the copy, or to the column foot.

When the editor places a story with the loaded cursor, the block is as wide as the columns
dragged across and as deep as the copy needs. The depth is found by trial layout through the
engine itself (so heads, byline, 破栏 and jump lines count exactly as they will print): place the
block at column-foot depth, lay out, and if all the copy fits, shrink it line by line (a binary
search over grid lines) to the smallest depth that still holds everything the foot depth held.
Each trial is an edit operation applied and then undone exactly, so the edition is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.edit.operation import Operation
from newsdesk.layout.snap import grid_lines
from newsdesk.model.edition import Edition, Grid


def foot_lines(grid: Grid, page_height: float, top_line: int) -> int:
    """Grid lines from `top_line` down to the foot of the type area."""
    return max(1, grid_lines(grid, page_height) - top_line)


def fitting_lines(
    engine,
    make_op: Callable[[Edition, int], Operation],
    story_id: str,
    max_lines: int,
) -> int:
    """The fewest grid lines (1..max_lines) for which the story is no more overset than at
    max_lines. `make_op(edition, lines)` builds the placing operation for a block of that depth;
    `engine` is the edition's LayoutEngine (its caches make each trial re-lay one thread)."""
    edition = engine.edition

    def overset(lines: int) -> int:
        inverse = make_op(edition, lines).apply(edition)
        try:
            fit = engine.copyfit().get(story_id)
            return fit.overset_chars if fit is not None else 0
        finally:
            inverse.apply(edition)

    target = overset(max_lines)
    low, high = 1, max_lines  # high always holds as much as the foot depth does
    while low < high:
        mid = (low + high) // 2
        if overset(mid) <= target:
            high = mid
        else:
            low = mid + 1
    return high
