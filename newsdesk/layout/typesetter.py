"""The layout engine's one door to the composer (newsdesk.compose).

Everything the engine asks of the composer goes through a Typesetter: flow paragraphs through
column slots, set a story's heads, set a vertical head. Keeping it to one small class means the
engine's tests can swap in a trivial setter, and the composer can change inside without the
engine noticing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Protocol

from newsdesk.layout.result import Line
from newsdesk.model.edition import Paragraph, ParagraphStyle, Story, default_styles


class Typesetter(Protocol):
    def slot(
        self,
        x: float,
        top: float,
        width: float,
        lines: int,
        more: int = 0,
        column_start: bool = True,
        later: bool = False,
    ) -> Any: ...

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
        self,
        text: str,
        style: ParagraphStyle,
        x: float,
        top: float,
        height: float,
        story: str,
        part: str = "headline",
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

    def slot(self, x, top, width, lines, more=0, column_start=True, later=False):
        return self._compose.ColumnSlot(
            x, top, width, lines, more=more, column_start=column_start, later=later
        )

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
            styles=usable_styles(styles),
        )

    def heads(self, story, styles, x, top, width):
        return self._compose.set_heads(self.setter, story, usable_styles(styles), x, top, width)

    def vertical_head(self, text, style, x, top, height, story, part="headline"):
        return self._compose.set_vertical_head(
            self.setter, text, usable_style(style), x, top, height, story=story, part=part
        )


def usable_style(style: ParagraphStyle) -> ParagraphStyle:
    """A style the composer can set: a size or leading of 0 or less (an edition built in code;
    files are refused on load) becomes the house default instead of a division by zero."""
    if style.size > 0 and style.leading > 0:
        return style
    house = default_styles().get(style.name) or default_styles()["body"]
    size = style.size if style.size > 0 else house.size
    leading = style.leading if style.leading > 0 else max(house.leading, size * 1.2)
    return replace(style, size=size, leading=leading)


def usable_styles(styles: dict[str, ParagraphStyle]) -> dict[str, ParagraphStyle]:
    if all(st.size > 0 and st.leading > 0 for st in styles.values()):
        return styles
    return {name: usable_style(st) for name, st in styles.items()}
