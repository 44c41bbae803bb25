"""A face: one font file the composer measures with and the painters draw with."""

from __future__ import annotations

import operator
from itertools import repeat

from newsdesk.fonts.metrics import FaceMetrics


class Face:
    """Metrics of one face, all lookups plain dicts (advance() runs ~40k times per page).

    `key` is what a GlyphRun stores; `FontRegistry.face_by_key(key)` gives the face back.
    Advances and ascent/descent are in em (fractions of the size), so width = advance * size.
    The two tables are built on first use: a galley set in one face never pays for the other
    four (about 8 ms each at start-up).
    """

    __slots__ = (
        "key",
        "role",
        "name",
        "family",
        "units_per_em",
        "ascent",
        "descent",
        "line_ascent",
        "line_descent",
        "vertical",
        "advances",
        "_glyph_ids",
        "_path",
        "_metrics",
    )

    def __init__(self, key: str, path: str, metrics: FaceMetrics, role: str | None = None):
        self.key = key
        self.role = role  # the bundled role, None for system fallback faces
        self.name = metrics.name
        self.family = metrics.family
        self.units_per_em = metrics.units_per_em
        self.ascent = metrics.ascent
        self.descent = metrics.descent
        self.line_ascent = metrics.line_ascent
        self.line_descent = metrics.line_descent
        self.vertical = metrics.vertical
        # `advances` (public and read-only by convention: hot loops may use
        # face.advances.get(ch) directly) and `_glyph_ids` are left unset until first asked for.
        self._metrics = metrics
        self._path = path

    def __getattr__(self, name: str):
        # Only reached while a slot is still unset: build both tables, then answer.
        if name not in ("advances", "_glyph_ids"):
            raise AttributeError(name)
        metrics = self._metrics
        upem = float(metrics.units_per_em)
        # adv / upem for every character, divided in C (the same floats as a Python loop).
        self.advances: dict[str, float] = dict(
            zip(metrics.chars, map(operator.truediv, metrics.advances, repeat(upem)))
        )
        self._glyph_ids: dict[str, int] = dict(zip(metrics.chars, metrics.glyph_ids))
        return getattr(self, name)

    @property
    def path(self) -> str:
        """A TrueType file that reportlab and Qt can load, with every character resolved to it."""
        return self._path

    @property
    def index(self) -> int:
        """Face number inside the file at `path`: always 0 (every file Newsdesk hands out holds
        one face), so painters can pass it straight to their loaders."""
        return 0

    def advance(self, ch: str) -> float | None:
        """Horizontal advance of `ch` in em (1.0 for a Han character); None if the face lacks it."""
        return self.advances.get(ch)

    def glyph_id(self, ch: str) -> int | None:
        """Glyph index of `ch` in the file at `path`; None if the face lacks it."""
        return self._glyph_ids.get(ch)

    def has(self, ch: str) -> bool:
        return ch in self.advances

    def __repr__(self) -> str:
        return f"<Face {self.key} {self.name!r}>"
