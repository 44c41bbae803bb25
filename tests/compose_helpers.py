"""Set-up the composer's tests share: a galley of paragraphs at a measure given in characters, and
the text width the typesetting checks use to find units wider than the measure."""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.compose.galley import Galley, GalleySpec, build_galley
from newsdesk.compose.setter import TextSetter
from newsdesk.model.edition import Paragraph, Story

SIZE = 9.0  # pt, the body size of the galleys the tests set


def galley_of(registry, texts: list[str], chars: float, kinsoku: str = "gb") -> Galley:
    """The paragraphs `texts` as a galley `chars` characters wide, 9/13.5 pt."""
    setter = TextSetter(registry, kinsoku=kinsoku)
    story = Story("s", paragraphs=[Paragraph(t) for t in texts])
    spec = GalleySpec(size=SIZE, leading=13.5, measure=chars * SIZE)
    return build_galley(setter, story, spec)


def serif_width(registry, size: float = SIZE) -> Callable[[str], float]:
    """Width of a text in the serif face at `size`; a character it lacks counts one em."""
    face = registry.face("serif")

    def width(text: str) -> float:
        return sum((face.advance(ch) or 1.0) for ch in text) * size

    return width
