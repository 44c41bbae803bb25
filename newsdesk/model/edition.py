"""The edition model: pure dataclasses, no Qt, no reportlab.

Every length is in points. Positions on a page are measured from the page's top-left corner,
y growing downwards (painters flip for PDF). Block geometry is stored in points but is normally
made from the grid (see Grid.block_rect) so that it snaps to columns and baselines.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal

from newsdesk.model.story import (  # noqa: F401 - the edition model's names, as before
    BLACK,
    CMYK,
    FontRole,
    HeadSettings,
    InlineKind,
    InlineSpan,
    Paragraph,
    ParagraphStyle,
    Story,
    default_styles,
)
from newsdesk.model.units import mm

BlockKind = Literal["story", "headline", "image", "caption", "ad", "rule", "box"]


@dataclass
class Block:
    """A rectangle on a page. Geometry in points from the page's top-left corner."""

    id: str
    kind: BlockKind
    x: float
    y: float
    width: float
    height: float
    story: str | None = None  # story id, for story/headline/caption blocks
    text_columns: int = 0  # 破栏: columns of text inside; 0 = one per basic column spanned
    text_gutter: float | None = None  # least space between those text columns, pt; None = grid's
    show_heads: bool | None = None  # None = heads in the first block of the thread only
    show_jump_head: bool = True  # 转版标题 on a continuation block
    image: str = ""  # relative path, for image and ad blocks (ad: image or one-page PDF)
    fit: Literal["fit", "fill"] = "fill"
    crop: tuple[float, float] = (0.5, 0.5)  # focus point for fill (0..1 of the image)
    scale: float = 1.0  # picture size over its fit/fill size: 2 = twice as large, cropped more
    caption: str = ""  # caption under an image block
    credit: str = ""  # photo credit (本报记者 王某 摄)
    text: str = ""  # text of a caption/headline block that has no story
    stroke: float = 0.5  # rule/box line width in pt
    color: CMYK = BLACK
    fill: CMYK | None = None  # box background tint
    rules_between: bool = False  # column rules between text columns (栏线)
    text_color: CMYK | None = None  # colour of all text in the block (a red 报头); None = styles'


@dataclass
class Grid:
    """The page grid: basic columns of `column_chars` body characters with `gutter_chars` gutters."""

    columns: int = 8
    column_chars: int = 13
    gutter_chars: int = 1
    body_size: float = 9.0  # pt, 小五
    leading: float = 13.5  # pt; the baseline grid
    margin_top: float = mm(20)
    margin_bottom: float = mm(20)
    margin_left: float | None = None  # None = type area centred
    margin_right: float | None = None

    @property
    def column_width(self) -> float:
        return self.column_chars * self.body_size

    @property
    def gutter(self) -> float:
        return self.gutter_chars * self.body_size

    @property
    def type_width(self) -> float:
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    def left(self, page_width: float) -> float:
        if self.margin_left is not None:
            return self.margin_left
        return (page_width - self.type_width) / 2

    def type_height(self, page_height: float) -> float:
        """Height of the type area, whole lines of the baseline grid."""
        free = page_height - self.margin_top - self.margin_bottom
        return int(free / self.leading + 1e-6) * self.leading

    def column_x(self, page_width: float, column: int) -> float:
        return self.left(page_width) + column * (self.column_width + self.gutter)

    def span_width(self, span: int) -> float:
        return span * self.column_width + (span - 1) * self.gutter

    def block_rect(
        self, page_width: float, column: int, span: int, top_line: int, lines: int
    ) -> tuple[float, float, float, float]:
        """(x, y, width, height) of a block on the grid: columns and baseline-grid lines."""
        return (
            self.column_x(page_width, column),
            self.margin_top + top_line * self.leading,
            self.span_width(span),
            lines * self.leading,
        )


@dataclass
class Page:
    id: str
    label: str = ""  # e.g. A3; empty = 第N版 from the page's position
    width: float = mm(390)
    height: float = mm(540)
    grid: Grid = field(default_factory=Grid)
    blocks: list[Block] = field(default_factory=list)
    section: str = ""  # 版名, e.g. 要闻


@dataclass
class JumpStyle:
    """How jump lines are written: （下转第三版） / （上接第一版）."""

    open: str = "（"
    close: str = "）"
    to_text: str = "下转"
    from_text: str = "上接"
    numerals: Literal["chinese", "arabic", "label"] = "chinese"


@dataclass
class Imprint:
    """版本记录: what page 1 must print about the paper (fields {刊号} {主管} {主办} {总编辑})."""

    cn: str = ""  # 国内统一连续出版物号, e.g. CN 33-0099
    supervisor: str = ""  # 主管单位
    sponsor: str = ""  # 主办单位
    editor_in_chief: str = ""  # 总编辑


@dataclass
class PrintSettings:
    output_condition: str = "IFRA26"  # OutputConditionIdentifier
    icc_profile: str = ""  # path to a CMYK profile, relative to the edition; empty = none
    # Total area coverage, %; None = the limit of the print condition (newsdesk.export.conditions:
    # 220 % for IFRA26 coldset newsprint), a number = the print shop's own figure.
    ink_limit: float | None = None
    min_ppi: float = 200.0
    target_ppi: float = 300.0
    bleed: float = 0.0  # pt
    crop_marks: bool = False
    # Preflight findings the desk accepted for this edition (keys such as
    # placeholder:story-id:kicker): they no longer block a print export; the manifest lists them.
    accepted: list[str] = field(default_factory=list)


ProofKind = Literal["highlight", "delete", "insert", "replace", "note"]
ProofStatus = Literal["open", "applied", "rejected"]


@dataclass
class ProofItem:
    """A proofreader's mark (校对记号) on a story's text, from an annotated proof or the live page.

    It is anchored to the text, not to the page: `text` is what the mark covered (characters
    [start, end) of the part when it was made) and `before`/`after` a little context, so the
    mark is found again after reflow or edits elsewhere (newsdesk/proof/anchor.py). `start`/`end`
    are where it was last seen; a mark whose text has changed since is flagged, never applied.
    """

    id: str
    kind: ProofKind
    story: str
    part: str  # kicker/headline/deck/byline/jump_head/body (body: paragraphs joined by "\n")
    start: int
    end: int
    text: str = ""  # the characters marked (end - start == len(text))
    replacement: str = ""  # text to insert or to replace with (insert/replace)
    contents: str = ""  # the proofreader's note
    author: str = ""
    before: str = ""  # a few characters before the mark, to find it again
    after: str = ""  # a few characters after it
    page: int = 0  # page number of the proof it was marked on (0 = unknown)
    revision: int = 0  # edition revision of that proof
    status: ProofStatus = "open"
    # Why a person must look at it instead of applying it (the marked text changed after the
    # proof was made); "" when it can be applied.
    flag: str = ""


@dataclass
class Edition:
    paper: str = "新闻日报"  # 报纸名
    date: _dt.date = field(default_factory=_dt.date.today)
    number: int = 1  # 期号
    pages: list[Page] = field(default_factory=list)
    stories: dict[str, Story] = field(default_factory=dict)
    styles: dict[str, ParagraphStyle] = field(default_factory=default_styles)
    jump_style: JumpStyle = field(default_factory=JumpStyle)
    kinsoku: Literal["basic", "gb", "strict"] = "gb"
    print: PrintSettings = field(default_factory=PrintSettings)
    imprint: Imprint = field(default_factory=Imprint)
    # Counts saved changes: save_edition adds one when the content differs from what was loaded
    # or last saved (so undoing everything and saving writes the same file). Proofs record it.
    revision: int = 0
    proof_items: list[ProofItem] = field(default_factory=list)
    # Digest of the content (revision aside) as loaded or last saved; never written to the file.
    saved_content: str = field(default="", compare=False, repr=False, metadata={"transient": True})

    def page_number(self, page_id: str) -> int:
        """1-based position of a page: page numbers follow the order of pages."""
        for i, page in enumerate(self.pages):
            if page.id == page_id:
                return i + 1
        raise KeyError(page_id)

    def find_block(self, block_id: str) -> tuple[Page, Block]:
        for page in self.pages:
            for block in page.blocks:
                if block.id == block_id:
                    return page, block
        raise KeyError(block_id)
