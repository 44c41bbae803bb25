"""What is selected on the page, and where the mouse is over it: blocks, handles, the marquee.

Geometry only (page points, y down), no painting: the canvas asks which block or handle is under
the pointer and how a handle drag changes a rectangle; overlays.py draws the result.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.model.edition import Block, Page

Rect = tuple[float, float, float, float]  # x, y, width, height in page points

# Handle names: corners and edge midpoints, as (horizontal side, vertical side) with -1/0/+1.
HANDLES: dict[str, tuple[int, int]] = {
    "top_left": (-1, -1),
    "top": (0, -1),
    "top_right": (1, -1),
    "right": (1, 0),
    "bottom_right": (1, 1),
    "bottom": (0, 1),
    "bottom_left": (-1, 1),
    "left": (-1, 0),
}
HANDLE_PIXELS = 7  # a handle's side on screen, whatever the zoom
MIN_SIZE = 2.0  # points: a resize never turns a block inside out


def block_rect(block: Block) -> Rect:
    return (block.x, block.y, block.width, block.height)


def handle_points(rect: Rect) -> dict[str, tuple[float, float]]:
    x, y, w, h = rect
    return {
        name: (x + (sx + 1) / 2 * w, y + (sy + 1) / 2 * h) for name, (sx, sy) in HANDLES.items()
    }


def handle_at(rect: Rect, px: float, py: float, zoom: float) -> str | None:
    """The handle of rect under the page point (px, py), within a few screen pixels."""
    reach = (HANDLE_PIXELS / 2 + 2) / zoom
    for name, (hx, hy) in handle_points(rect).items():
        if abs(px - hx) <= reach and abs(py - hy) <= reach:
            return name
    return None


def contains(rect: Rect, px: float, py: float, slack: float = 0.0) -> bool:
    x, y, w, h = rect
    return x - slack <= px <= x + w + slack and y - slack <= py <= y + h + slack


def block_at(page: Page, px: float, py: float, zoom: float = 1.0) -> Block | None:
    """The topmost block under the point (blocks later on the page are drawn on top). Thin rules
    are hit within a few screen pixels."""
    slack = 3.0 / zoom
    for block in reversed(page.blocks):
        thin = block.kind == "rule" or block.width < 2 * slack or block.height < 2 * slack
        if contains(block_rect(block), px, py, slack if thin else 0.0):
            return block
    return None


def intersects(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def normalised(x1: float, y1: float, x2: float, y2: float) -> Rect:
    return (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))


def blocks_in(page: Page, marquee: Rect) -> list[str]:
    """Ids of the blocks a marquee touches, in page order (InDesign selects what it touches)."""
    return [b.id for b in page.blocks if intersects(block_rect(b), marquee)]


def resized(rect: Rect, handle: str, dx: float, dy: float) -> Rect:
    """rect with the sides a handle moves shifted by (dx, dy); never narrower than MIN_SIZE."""
    sx, sy = HANDLES[handle]
    x, y, w, h = rect
    left, top, right, bottom = x, y, x + w, y + h
    if sx < 0:
        left = min(left + dx, right - MIN_SIZE)
    elif sx > 0:
        right = max(right + dx, left + MIN_SIZE)
    if sy < 0:
        top = min(top + dy, bottom - MIN_SIZE)
    elif sy > 0:
        bottom = max(bottom + dy, top + MIN_SIZE)
    return (left, top, right - left, bottom - top)


def union(rects: Iterable[Rect]) -> Rect | None:
    rects = list(rects)
    if not rects:
        return None
    left = min(r[0] for r in rects)
    top = min(r[1] for r in rects)
    right = max(r[0] + r[2] for r in rects)
    bottom = max(r[1] + r[3] for r in rects)
    return (left, top, right - left, bottom - top)


class Selection:
    """The selected block ids of the page shown, in the order they were picked."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def __contains__(self, block_id: str) -> bool:
        return block_id in self.ids

    def __bool__(self) -> bool:
        return bool(self.ids)

    def set(self, ids: Iterable[str]) -> None:
        self.ids = list(dict.fromkeys(ids))

    def add(self, ids: Iterable[str]) -> None:
        self.set([*self.ids, *ids])

    def toggle(self, block_id: str) -> None:
        if block_id in self.ids:
            self.ids.remove(block_id)
        else:
            self.ids.append(block_id)

    def clear(self) -> None:
        self.ids = []

    def blocks(self, page: Page) -> list[Block]:
        """The selected blocks still on the page (an undo may have taken some away)."""
        by_id = {b.id: b for b in page.blocks}
        return [by_id[i] for i in self.ids if i in by_id]

    def prune(self, page: Page | None) -> None:
        present = {b.id for b in page.blocks} if page is not None else set()
        self.ids = [i for i in self.ids if i in present]
