"""Where a layout's ink can fall, and which parts of a page changed between two layouts of it.

The screen painter repaints only what an edit changed (the window's keystroke and drag budget is
one frame, and painting a whole broadsheet page takes several): `damage(old, new)` lists the page
rectangles whose pixels can differ, and `line_bounds` / `frame_reach` let the painter skip what
cannot reach a repainted rectangle. Both use the same generous bounds, so a skipped line never
has ink inside the area being repainted. Rectangles are (x, y, width, height) in page points.
"""

from __future__ import annotations

from newsdesk.layout.result import Frame, Line, PageLayout

Rect = tuple[float, float, float, float]

FRAME_PAD = 40.0  # heads, rules and glyphs may stand this far out of their block (points)
# Glyphs overhang their em box a little (Latin italics, accents); antialiasing adds a pixel.
GLYPH_PAD = 0.3  # of the size, all round
MIN_PAD = 1.5  # points

_CACHE_LIMIT = 4000
# id(frame) -> (frame, reach, [line bounds]); the frame is kept so the id stays its own.
_frames: dict[int, tuple[Frame, Rect, list[Rect | None]]] = {}
# id(line) -> (line, bounds): a re-laid frame mostly holds the very lines it held before (the
# flow cache reuses them), so after a keystroke only the re-set lines are measured again.
_LINE_CACHE_LIMIT = 50_000
_lines: dict[int, tuple[Line, Rect | None]] = {}


def line_bounds(line: Line) -> Rect | None:
    """The rectangle that holds all of a line's ink (glyphs, 缺字 boxes, emphasis dots), or None
    for a line that draws nothing."""
    x0 = y0 = float("inf")
    x1 = y1 = float("-inf")
    for run in line.runs:
        if not run.xs:
            continue
        s = run.size
        pad = max(GLYPH_PAD * s, MIN_PAD)
        if run.vertical:  # ys are glyph tops
            top, bottom = min(run.ys), max(run.ys) + s
        else:  # ys are baselines; the em box is 0.88 above and 0.12 below
            top, bottom = min(run.ys) - s, max(run.ys) + 0.35 * s
        x0 = min(x0, min(run.xs) - pad)
        x1 = max(x1, max(run.xs) + s + pad)
        y0 = min(y0, top - pad)
        y1 = max(y1, bottom + pad)
    for mark in line.marks:
        r = mark.diameter / 2 + MIN_PAD
        x0, x1 = min(x0, mark.x - r), max(x1, mark.x + r)
        y0, y1 = min(y0, mark.y - r), max(y1, mark.y + r)
    if x1 < x0:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


def _union(a: Rect | None, b: Rect | None) -> Rect | None:
    if a is None:
        return b
    if b is None:
        return a
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
    return (x0, y0, x1 - x0, y1 - y0)


def _frame_info(frame: Frame) -> tuple[Frame, Rect, list[Rect | None]]:
    hit = _frames.get(id(frame))
    if hit is not None and hit[0] is frame:
        return hit
    lines = [_cached_line_bounds(line) for line in frame.lines]
    x0, y0 = frame.x - FRAME_PAD, frame.y - FRAME_PAD
    x1, y1 = frame.x + frame.width + FRAME_PAD, frame.y + frame.height + FRAME_PAD
    for b in lines:  # the union of the padded block and every line's ink, in one pass
        if b is not None:
            x0, y0 = min(x0, b[0]), min(y0, b[1])
            x1, y1 = max(x1, b[0] + b[2]), max(y1, b[1] + b[3])
    reach: Rect = (x0, y0, x1 - x0, y1 - y0)
    if len(_frames) > _CACHE_LIMIT:
        _frames.clear()
    hit = (frame, reach, lines)
    _frames[id(frame)] = hit
    return hit


def _cached_line_bounds(line: Line) -> Rect | None:
    hit = _lines.get(id(line))
    if hit is not None and hit[0] is line:
        return hit[1]
    if len(_lines) > _LINE_CACHE_LIMIT:
        _lines.clear()
    bounds = line_bounds(line)
    _lines[id(line)] = (line, bounds)
    return bounds


def frame_reach(frame: Frame) -> Rect:
    """Everything a frame can draw: its block grown by FRAME_PAD, and all its lines' ink."""
    return _frame_info(frame)[1]


def frame_line_bounds(frame: Frame) -> list[Rect | None]:
    """line_bounds of each of the frame's lines, in order (cached per frame object)."""
    return _frame_info(frame)[2]


def intersects(a: Rect, b: Rect) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def damage(old: PageLayout | None, new: PageLayout) -> list[Rect] | None:
    """Page rectangles whose pixels may differ between two layouts of the same page, or None
    when the whole page must be repainted (another page, another size).

    Frames are matched by block. The engine hands back the very same frame object for a block it
    did not re-lay, so most frames cost one identity test; a re-laid frame in the same place is
    compared line by line (lines equal in every field draw the same pixels) and only the lines
    that differ, before and after, are damaged; anything else about a changed frame (moved,
    resized, its rules, boxes or pictures changed, added or removed) damages all it can reach.
    """
    if old is None or old.index != new.index or old.width != new.width or old.height != new.height:
        return None
    if [f.block for f in old.frames] != [f.block for f in new.frames]:
        # A block added, removed or restacked (a placement, not a keystroke): all of it.
        return None
    out: list[Rect] = []
    for prev, frame in zip(old.frames, new.frames):
        if prev is not frame:
            out.extend(frame_damage(prev, frame))
    return out


def frame_damage(prev: Frame, frame: Frame) -> list[Rect]:
    """What differs between two frames of the same block (see damage)."""
    same_place = (
        prev.kind == frame.kind
        and prev.x == frame.x
        and prev.y == frame.y
        and prev.width == frame.width
        and prev.height == frame.height
    )
    if (
        not same_place
        or prev.rules != frame.rules
        or prev.boxes != frame.boxes
        or prev.images != frame.images
    ):
        return [frame_reach(prev), frame_reach(frame)]
    out: list[Rect] = []
    old_bounds, new_bounds = frame_line_bounds(prev), frame_line_bounds(frame)
    for k in range(max(len(prev.lines), len(frame.lines))):
        a = prev.lines[k] if k < len(prev.lines) else None
        b = frame.lines[k] if k < len(frame.lines) else None
        if a is b or (a is not None and b is not None and a == b):
            continue
        for rect in (
            old_bounds[k] if a is not None else None,
            new_bounds[k] if b is not None else None,
        ):
            if rect is not None:
                out.append(rect)
    return _merged(out)


def _merged(rects: list[Rect]) -> list[Rect]:
    """Rectangles on the same text line (same top and height) joined: fewer, same area."""
    rows: dict[tuple[float, float], Rect] = {}
    for rect in rects:
        key = (round(rect[1], 2), round(rect[3], 2))
        rows[key] = _union(rows.get(key), rect) or rect
    return list(rows.values())
