"""The layout engine's one door to the composer (newsdesk.compose).

Everything the engine asks of the composer goes through a Typesetter: flow paragraphs through
column slots, set a story's heads, set a vertical head. Keeping it to one small class means the
engine's tests can swap in a trivial setter, and the composer can change inside without the
engine noticing.
"""

from __future__ import annotations

from typing import Any, Protocol

from newsdesk.layout.result import Line
from newsdesk.model.edition import Paragraph, ParagraphStyle, Story


class Typesetter(Protocol):
    def slot(self, x: float, top: float, width: float, lines: int) -> Any: ...

    def state_tuple(self, state: Any) -> tuple[int, int]: ...

    def flow(
        self,
        paragraphs: list[Paragraph],
        slots: list[Any],
        start: tuple[int, int],
        *,
        story: str,
        part: str,
        styles: dict[str, ParagraphStyle],
    ) -> Any: ...

    def heads(
        self, story: Story, styles: dict[str, ParagraphStyle], x: float, top: float, width: float
    ) -> tuple[list[Line], float]: ...

    def vertical_head(
        self, text: str, style: ParagraphStyle, x: float, top: float, height: float, story: str
    ) -> tuple[list[Line], float]: ...


class ComposerTypesetter:
    """The real composer: newsdesk.compose's TextSetter, flow, set_heads and set_vertical_head."""

    def __init__(self, registry=None, kinsoku: str = "gb"):
        from newsdesk import compose

        if registry is None:
            from newsdesk.fonts import default_registry

            registry = default_registry()
        self.registry = registry
        self._compose = compose
        self.kinsoku = kinsoku
        self.setter = compose.TextSetter(registry, kinsoku)

    def reset(self, kinsoku: str | None = None) -> None:
        """Forget measured text (fonts changed) and take a new 避头尾 level if given."""
        self.kinsoku = kinsoku or self.kinsoku
        self.setter = self._compose.TextSetter(self.registry, self.kinsoku)

    def slot(self, x: float, top: float, width: float, lines: int):
        return self._compose.ColumnSlot(x, top, width, lines)

    def state_tuple(self, state) -> tuple[int, int]:
        return (state.paragraph, state.offset)

    def flow(self, paragraphs, slots, start, *, story, part, styles):
        return self._compose.flow(
            self.setter,
            paragraphs,
            slots,
            start=self._compose.FlowState(*start),
            story=story,
            part=part,
            styles=styles,
        )

    def heads(self, story, styles, x, top, width):
        return self._compose.set_heads(self.setter, story, styles, x, top, width)

    def vertical_head(self, text, style, x, top, height, story):
        return self._compose.set_vertical_head(
            self.setter, text, style, x, top, height, story=story
        )
