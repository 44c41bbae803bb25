"""Story-level model: paragraphs, their inline spans and styles, and the story that holds
them. Pure dataclasses, no Qt. Apart from the edition model (edition.py, which re-exports these
names) because composing copy — `newsdesk galley`, the composer's tests — needs only these:
creating the edition's dataclasses as well cost every galley run a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CMYK = tuple[float, float, float, float]
BLACK: CMYK = (0.0, 0.0, 0.0, 1.0)

FontRole = Literal["serif", "heavy", "sans", "sans_bold", "kai"]


@dataclass
class ParagraphStyle:
    """How a kind of text is set: font role, size, leading, tracking, indent, alignment."""

    name: str
    role: FontRole = "serif"
    size: float = 9.0  # pt (小五)
    leading: float = 13.5  # pt, baseline to baseline
    tracking: float = 0.0  # em, added between characters
    indent: float = 2.0  # em, first-line indent
    align: Literal["justify", "left", "center", "right"] = "justify"
    color: CMYK = BLACK
    latin_gap: float = 0.25  # em between Han and a Latin/digit run (house style: 0, ⅛, ¼)


def default_styles() -> dict[str, ParagraphStyle]:
    """The house styles every new edition starts with."""
    return {
        "body": ParagraphStyle("body", "serif", 9.0, 13.5, 0.0, 2.0, "justify"),
        "kicker": ParagraphStyle("kicker", "sans", 14.0, 18.0, 0.0, 0.0, "center"),
        "headline": ParagraphStyle("headline", "heavy", 26.0, 32.0, 0.0, 0.0, "center"),
        "deck": ParagraphStyle("deck", "sans", 12.0, 16.0, 0.0, 0.0, "center"),
        "byline": ParagraphStyle("byline", "kai", 9.0, 13.5, 0.0, 0.0, "left"),
        "caption": ParagraphStyle("caption", "kai", 9.0, 13.5, 0.0, 0.0, "justify"),
        "credit": ParagraphStyle("credit", "kai", 7.5, 11.0, 0.0, 0.0, "right"),
        "jump": ParagraphStyle("jump", "kai", 9.0, 13.5, 0.0, 0.0, "right"),
        "jump_head": ParagraphStyle("jump_head", "heavy", 14.0, 18.0, 0.0, 0.0, "left"),
        "subhead": ParagraphStyle("subhead", "sans_bold", 9.0, 13.5, 0.0, 0.0, "left"),
    }


InlineKind = Literal["bold", "kai", "emphasis", "superscript", "subscript", "dateline"]


@dataclass
class InlineSpan:
    """A simple inline style over characters [start, end) of one paragraph."""

    start: int
    end: int
    kind: InlineKind


@dataclass
class Paragraph:
    text: str
    style: str = "body"
    spans: list[InlineSpan] = field(default_factory=list)


@dataclass
class HeadSettings:
    """How a story's heads are set in its first block."""

    span: int = 0  # basic columns the heads cover; 0 = the whole first block
    vertical: bool = False  # 竖排 heads: 引题 right, 主题, 副题 left, in the first column(s)
    headline_size: float = 26.0  # pt; 0 = fit (largest of fit_sizes that fits in `lines`)
    fit_sizes: tuple[float, ...] = ()
    lines: int = 1  # lines allowed for the main head when fitting
    align: Literal["center", "left"] = "center"


@dataclass
class Story:
    """An article: heads, byline and body, and the thread of blocks it flows through."""

    id: str
    slug: str = ""  # 稿件名 shown in panels
    kicker: str = ""  # 引题
    headline: str = ""  # 主题
    deck: str = ""  # 副题
    byline: str = ""  # 本报讯（记者 …）
    paragraphs: list[Paragraph] = field(default_factory=list)
    jump_head: str = ""  # 转版标题; empty = use the headline
    thread: list[str] = field(default_factory=list)  # block ids, in reading order
    heads: HeadSettings = field(default_factory=HeadSettings)

    def body_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)
