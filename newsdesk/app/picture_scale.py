"""Scaling a picture in its block with the mouse (crop mode): the wheel scales around the
pointer, a corner handle around the focus. Both end in one SetFields of the block's `scale`
(and `crop` focus), so the layout engine places the picture exactly as the print will.

The arithmetic works on the laid-out ImageItem: its crop rectangle (image pixels) and placed
rectangle give the points per pixel on screen now; the new focus is chosen so that the image
pixel under the pointer stays under the pointer (the layout clamps at the picture's edges).
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.layout.images import probe
from newsdesk.layout.result import Frame, ImageItem

MIN_SCALE, MAX_SCALE = 0.1, 10.0  # newsdesk.model.validate RANGES["picture_scale"]
WHEEL_STEP = 1.1  # scale factor per wheel notch


def clamp_scale(scale: float) -> float:
    return round(min(max(scale, MIN_SCALE), MAX_SCALE), 4)


def _axis_focus(
    start: float,
    item_start: float,
    item_extent: float,
    crop_first: float,
    crop_last: float,
    pixels: int,
    factor: float,
    pointer: float,
    focus: float,
) -> float:
    """The focus (0..1) along one axis after scaling by `factor` around `pointer`."""
    shown = crop_last - crop_first
    if shown <= 0 or item_extent <= 0 or pixels <= 0:
        return focus
    ppp = item_extent / shown  # points per image pixel now
    extent = 2 * (item_start + item_extent / 2 - start)  # the block's picture area on this axis
    new_ppp = ppp * factor
    if pixels * new_ppp <= extent + 1e-6:
        return focus  # the whole picture shows on this axis: the focus plays no part
    under = min(max(crop_first + (pointer - item_start) / ppp, 0.0), float(pixels))
    new_shown = extent / new_ppp
    first = under - (pointer - start) / new_ppp
    half = new_shown / 2 / pixels
    return round(min(max((first + new_shown / 2) / pixels, half), 1 - half), 4)


def scaled_focus(
    frame: Frame,
    item: ImageItem,
    focus: tuple[float, float],
    factor: float,
    pointer: tuple[float, float],
) -> tuple[float, float]:
    """The crop focus that keeps the picture's pixel under `pointer` (page points) in place
    when the picture grows or shrinks by `factor`."""
    info = probe(Path(item.path))
    if info is None or info.error or info.is_pdf or info.width <= 0 or info.height <= 0:
        return focus
    left, top, right, bottom = item.crop
    fx = _axis_focus(
        frame.x, item.x, item.width, left, right, info.width, factor, pointer[0], focus[0]
    )
    fy = _axis_focus(
        frame.y, item.y, item.height, top, bottom, info.height, factor, pointer[1], focus[1]
    )
    return (fx, fy)
