"""The layout result: what every painter draws and every checker reads.

One PageLayout per page. Lengths in points, origin at the page's top-left corner, y down.
Every glyph carries its source: (story id, part, paragraph index, character offset), so a click,
a proof mark or a preflight finding maps back to the exact character of the copy.

Fields ({版次}, {稿:ID}; layout/fields.py) are expanded at layout time: `Line.text` and
`GlyphRun.chars` are what is printed, while offsets stay source offsets -- every glyph of an
expanded field carries the offset of the field's opening brace, and Line.start/end span the
typed source (a field split over two lines is in both lines' spans).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from newsdesk.model.story import BLACK, CMYK

# Which part of a story a line comes from.
Part = Literal[
    "body", "kicker", "headline", "deck", "byline", "caption", "credit", "jump", "jump_head", "text"
]


@dataclass(slots=True)
class GlyphRun:
    """Consecutive glyphs of one face and size on one line.

    `chars[i]` is drawn with its em box's left edge at `xs[i]` (horizontal runs) or its top at
    `ys[i]` (vertical runs) and comes from character `offsets[i]` of the source paragraph.
    `face` is a key of the font registry (a bundled face, or a system fallback face).
    """

    face: str
    size: float
    chars: str
    xs: list[float]
    ys: list[float]  # baseline per glyph for horizontal runs; glyph top for vertical runs
    offsets: list[int]
    color: CMYK = BLACK
    vertical: bool = False
    missing: bool = False  # no font has these characters: painters draw a red box


@dataclass(slots=True)
class MarkItem:
    """A filled dot drawn beside the text (着重号 under an emphasised character): a shape, never
    a character, so text extraction does not pick it up. (x, y) is the dot's centre."""

    x: float
    y: float
    diameter: float
    color: CMYK = BLACK


@dataclass(slots=True)
class Line:
    """One composed line, with what the galley/layout JSON reports about it."""

    text: str  # the characters printed: the source's, with fields expanded (see above)
    story: str  # story id ("" for galley copy or free text)
    part: Part
    paragraph: int  # paragraph index (body); 0 for heads
    start: int  # source offset of the first character
    end: int  # source offset after the last character
    x: float  # start of the line's set text, from the page's left edge (indent included)
    baseline: float  # from the page's top edge
    width: float  # set width (trimmed end punctuation counted trimmed)
    column_x: float  # left edge of the column the line sits in
    measure: float  # column width
    column: int = 0  # index of the column within its block (or galley page)
    runs: list[GlyphRun] = field(default_factory=list)
    marks: list[MarkItem] = field(default_factory=list)  # emphasis dots of this line
    # em justification added per stretch point (looseness; see compose/justify.LOOSE)
    spread: float = 0.0
    # The line ends inside a word at a syllable: its last run ends with a hyphen glyph ("-")
    # that is not in `text` (the source); its offset is the word's character before it.
    hyphen: bool = False


@dataclass(slots=True)
class RuleItem:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    color: CMYK = BLACK


@dataclass(slots=True)
class BoxItem:
    x: float
    y: float
    width: float
    height: float
    stroke: float = 0.5  # 0 = no border
    color: CMYK = BLACK
    fill: CMYK | None = None


@dataclass(slots=True)
class ImageItem:
    """An image placed in a rectangle; `crop` is the part of the image shown, in image pixels."""

    x: float
    y: float
    width: float
    height: float
    path: str  # absolute path
    crop: tuple[float, float, float, float]  # left, top, right, bottom in pixels
    ppi: float  # effective resolution at placed size
    is_pdf: bool = False  # a one-page PDF ad, kept vector on export
    missing: bool = False


@dataclass(slots=True)
class Frame:
    """What one block produced."""

    block: str  # block id ("" for galley columns)
    kind: str
    x: float
    y: float
    width: float
    height: float
    story: str = ""
    lines: list[Line] = field(default_factory=list)
    rules: list[RuleItem] = field(default_factory=list)
    boxes: list[BoxItem] = field(default_factory=list)
    images: list[ImageItem] = field(default_factory=list)
    empty_lines: int = 0  # body lines left unused at the end of this frame


@dataclass
class MissingGlyph:
    char: str
    story: str
    part: str
    paragraph: int
    offset: int


@dataclass
class JumpLine:
    """A 下转/上接 line Newsdesk wrote, with the pages it names."""

    story: str
    direction: Literal["to", "from"]  # 下转 (to a later block) / 上接 (from an earlier one)
    text: str
    page: int  # page number the line is printed on
    target_page: int  # page number the line names
    block: str  # block the line sits in
    partner_block: str  # the block on the other side of the jump
    column: int = 0  # text column of that block the line sits in (0 = first)


@dataclass
class PageLayout:
    index: int  # 0-based position in the edition
    number: int  # page number (1-based)
    label: str  # 第一版 / A1
    width: float
    height: float
    frames: list[Frame] = field(default_factory=list)
    jumps: list[JumpLine] = field(default_factory=list)
    missing: list[MissingGlyph] = field(default_factory=list)

    def lines(self):
        for frame in self.frames:
            yield from frame.lines
