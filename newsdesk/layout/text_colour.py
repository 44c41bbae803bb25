"""A block's own text colour (Block.text_color): every glyph run of its lines painted in it.

Applied after composition, on copies: the lines may come from the flow and head caches, which
other layouts of the same text share, so a cached line is never changed in place.
"""

from __future__ import annotations

from dataclasses import replace

from newsdesk.layout.result import Line
from newsdesk.model.edition import CMYK


def coloured(lines: list[Line], color: CMYK | None) -> list[Line]:
    """`lines` with every run in `color`; the same list when `color` is None (styles' colours)."""
    if color is None:
        return lines
    color = tuple(float(v) for v in color)  # type: ignore[assignment]
    return [
        replace(
            line,
            runs=[replace(run, color=color) for run in line.runs],
            marks=[replace(mark, color=color) for mark in line.marks],  # emphasis dots too
        )
        for line in lines
    ]
