"""Snapping to the column grid and the baseline grid."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.layout.snap import cell_of, grid_lines, snap_move, snap_rect
from newsdesk.model.edition import Grid, Page

PAGE = Page("p")
G = PAGE.grid
W, H = PAGE.width, PAGE.height


def on_grid(rect, grid=G):
    x, y, w, h = rect
    cell = cell_of(grid, W, H, x, y, w, h)
    return all(abs(a - b) < 1e-6 for a, b in zip(rect, cell.rect(grid, W)))


def test_broadsheet_grid_is_centred_and_eight_columns_of_thirteen():
    assert abs(G.type_width - 111 * 9.0) < 1e-9
    assert abs(G.left(W) * 2 + G.type_width - W) < 1e-9
    assert abs(G.column_x(W, 7) + G.column_width - (G.left(W) + G.type_width)) < 1e-9


def test_grid_rectangles_snap_to_themselves():
    for column, span, top, lines in [(0, 1, 0, 1), (2, 3, 5, 20), (0, 8, 0, grid_lines(G, H))]:
        rect = G.block_rect(W, column, span, top, lines)
        assert snap_rect(G, W, H, *rect) == rect
        cell = cell_of(G, W, H, *rect)
        assert (cell.column, cell.span, cell.top_line, cell.lines) == (column, span, top, lines)


coords = st.floats(-100, 1200, allow_nan=False)
sizes = st.floats(1, 1200, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(coords, coords, sizes, sizes)
def test_snapped_rectangles_are_on_grid_inside_the_type_area_and_stable(x, y, w, h):
    rect = snap_rect(G, W, H, x, y, w, h)
    assert on_grid(rect)
    rx, ry, rw, rh = rect
    assert rx >= G.left(W) - 1e-6 and rx + rw <= G.left(W) + G.type_width + 1e-6
    assert ry >= G.margin_top - 1e-6 and ry + rh <= G.margin_top + G.type_height(H) + 1e-6
    assert snap_rect(G, W, H, *rect) == rect  # snapping twice changes nothing


@settings(max_examples=40, deadline=None)
@given(coords, coords, st.integers(1, 8), st.integers(1, 30))
def test_dragging_keeps_the_size(x, y, span, lines):
    _, _, w, h = G.block_rect(W, 0, span, 0, lines)
    rect = snap_move(G, W, H, x, y, w, h)
    assert on_grid(rect)
    assert abs(rect[2] - w) < 1e-6 and abs(rect[3] - h) < 1e-6


def test_tabloid_six_columns():
    grid = Grid(columns=6)
    page = Page("t", width=270 * 72 / 25.4, height=390 * 72 / 25.4, grid=grid)
    rect = snap_rect(grid, page.width, page.height, 0, 0, 10_000, 10_000)
    assert abs(rect[2] - grid.type_width) < 1e-6
