"""Page templates: a new 对开 edition of 4 or 8 pages, and pages of the template's types to add.

Three page types, laid on the 8-column grid in baseline-grid rows (104 to a 对开 page):

    front   要闻版: the 报头 (the paper's name large and red, the date, 星期, 期号 and 版数 boxed
            beside it) and the 报尾 footer (paper, 期号, date, 版数) at the foot
    inside  内页: the 版头 page header ({版次}　{版名} on the left, {报名}　{日期}　{星期} on the
            right, a rule under it); optionally a booked ad space at the foot
    ad      广告版: the 版头 and one booked ad space over the rest of the page

All furniture text is written as fields (newsdesk/layout/fields.py), so headers, masthead and
footer follow the edition's properties and the page order by themselves. A booked ad space is an
ad block without a file: the canvas shows its placeholder and preflight blocks a print export
until the advertiser's file is placed.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from newsdesk.model.edition import (
    Block,
    Edition,
    HeadSettings,
    Page,
    Paragraph,
    ParagraphStyle,
    Story,
    default_styles,
)

# Page types, with the names the window shows (添加版面 → …).
PAGE_TYPES: dict[str, str] = {"front": "要闻版", "inside": "内页", "ad": "广告版"}

# Slugs of the stories a template writes for a page's furniture. Deleting a page deletes these
# with it; any other story on the page goes back to the unplaced stories, never lost.
FURNITURE_SLUGS = frozenset({"报头", "报头信息", "报尾", "版头"})

MASTHEAD_RED = (0.0, 1.0, 1.0, 0.1)
MASTHEAD_SIZES = (80.0, 72.0, 64.0, 56.0, 48.0, 42.0, 36.0, 30.0)  # pt, largest first
GREY_TINT = (0.0, 0.0, 0.0, 0.06)
ROWS = 104  # baseline-grid lines of a 对开 page's type area (500 mm at 13.5 pt)
AD_ROWS = 16  # a booked half-band ad at the foot of an inside page


@dataclass(frozen=True)
class PageSpec:
    kind: str  # a key of PAGE_TYPES
    section: str  # 版名
    ad_rows: int = 0  # inside pages: a booked ad space this many rows deep at the foot


TEMPLATES: dict[int, tuple[PageSpec, ...]] = {
    4: (
        PageSpec("front", "要闻"),
        PageSpec("inside", "综合", AD_ROWS),
        PageSpec("inside", "城事"),
        PageSpec("inside", "副刊", AD_ROWS),
    ),
    8: (
        PageSpec("front", "要闻"),
        PageSpec("inside", "要闻"),
        PageSpec("inside", "综合", AD_ROWS),
        PageSpec("inside", "城事"),
        PageSpec("inside", "经济", AD_ROWS),
        PageSpec("inside", "文体"),
        PageSpec("inside", "副刊", AD_ROWS),
        PageSpec("ad", "广告"),
    ),
}

# Default 版名 of a page added later, by type.
DEFAULT_SECTIONS = {"front": "要闻", "inside": "", "ad": "广告"}


def template_styles() -> dict[str, ParagraphStyle]:
    """House styles plus the furniture's: folios, the masthead's box, the footer."""
    styles = default_styles()
    for style in (
        ParagraphStyle("folio", "sans_bold", 10.5, 13.5, 0.0, 0.0, "left"),
        ParagraphStyle("folio_right", "sans", 9.0, 13.5, 0.0, 0.0, "right"),
        ParagraphStyle("masthead_info", "sans", 10.5, 13.5, 0.0, 0.0, "left"),
        ParagraphStyle("footer", "sans", 7.5, 13.5, 0.0, 0.0, "center"),
    ):
        styles[style.name] = style
    return styles


# A furniture style missing from an older edition falls back to a house style that exists.
_FALLBACK_STYLES = {
    "folio": "subhead",
    "folio_right": "byline",
    "masthead_info": "deck",
    "footer": "credit",
}


def new_edition(paper: str, date: _dt.date, number: int, page_count: int = 4) -> Edition:
    """A new edition from the 对开 template of `page_count` pages (4 or 8)."""
    if page_count not in TEMPLATES:
        raise ValueError(
            f"模板只有 {'、'.join(str(n) for n in TEMPLATES)} 版，没有 {page_count} 版"
        )
    edition = Edition(paper=paper, date=date, number=number, styles=template_styles())
    for spec in TEMPLATES[page_count]:
        page, stories = make_page(edition, spec.kind, spec.section, ad_rows=spec.ad_rows)
        for story in stories:
            edition.stories[story.id] = story
        edition.pages.append(page)
    return edition


def make_page(
    edition: Edition, kind: str, section: str = "", ad_rows: int = 0
) -> tuple[Page, list[Story]]:
    """A page of type `kind` with its furniture stories, ids unused in `edition`; nothing is
    added to the edition (the caller adds it, through an edit operation in the window)."""
    if kind not in PAGE_TYPES:
        raise ValueError(f"未知的版面类型：{kind}（可用：{'、'.join(PAGE_TYPES)}）")
    plan = _Plan(edition, section or DEFAULT_SECTIONS[kind])
    if kind == "front":
        plan.masthead()
        plan.footer()
    elif kind == "inside":
        plan.folio()
        if ad_rows:
            plan.ad_space(ROWS - ad_rows, ad_rows)
    else:
        plan.folio()
        plan.ad_space(2, ROWS - 2, rule=False)  # the header's rule is right above it
    return plan.page, plan.stories


def is_furniture(edition: Edition, block: Block) -> bool:
    """Whether a block is template furniture (header, masthead, footer, rule, box, an empty
    booked ad space): a page holding only these can be deleted without asking."""
    if block.kind in ("rule", "box"):
        return True
    if block.kind == "ad":
        return not block.image
    story = edition.stories.get(block.story or "")
    return story is not None and story.slug in FURNITURE_SLUGS


class _Plan:
    """Blocks on grid cells (columns 0-7, rows 0-103) of one new page."""

    def __init__(self, edition: Edition, section: str) -> None:
        self.edition = edition
        taken_pages = {p.id for p in edition.pages}
        self.taken_blocks = {b.id for p in edition.pages for b in p.blocks}
        self.taken_stories = set(edition.stories)
        self.page = Page(_unique(taken_pages, "p"), section=section)
        self.stories: list[Story] = []

    def _id(self, taken: set[str], suffix: str) -> str:
        base = f"{self.page.id}-{suffix}"
        found = base if base not in taken else _unique(taken, base + "-")
        taken.add(found)
        return found

    def _style(self, name: str) -> str:
        if name in self.edition.styles:
            return name
        return _FALLBACK_STYLES.get(name, "body")

    def block(self, suffix: str, kind: str, col: int, span: int, row: int, rows: int, **kw):
        page = self.page
        x, y, w, h = page.grid.block_rect(page.width, col, span, row, rows)
        block = Block(self._id(self.taken_blocks, suffix), kind, x, y, w, h, **kw)  # type: ignore[arg-type]
        page.blocks.append(block)
        return block

    def story(self, suffix: str, slug: str, lines: list[str], style: str, **kw) -> Story:
        paragraphs = [Paragraph(text, self._style(style)) for text in lines]
        story = Story(self._id(self.taken_stories, suffix), slug=slug, paragraphs=paragraphs, **kw)
        self.stories.append(story)
        return story

    def rule(self, suffix: str, row: int, stroke: float, **kw) -> None:
        self.block(suffix, "rule", 0, 8, row, 1, stroke=stroke, **kw)

    def masthead(self) -> None:
        mast = self.story(
            "masthead",
            "报头",
            [],
            "body",
            headline="{报名}",
            # Fitted to one line: a long paper name (or a Latin one) shrinks instead of
            # running over the masthead rule into the page.
            heads=HeadSettings(headline_size=0.0, fit_sizes=MASTHEAD_SIZES, lines=1),
        )
        self.block("masthead", "headline", 0, 5, 0, 9, story=mast.id, text_color=MASTHEAD_RED)
        info = self.story(
            "masthead-info",
            "报头信息",
            ["{日期}　{星期}", "第{期号}期", "今日{版数}版"],
            "masthead_info",
        )
        # The box holds the three lines with half a line of tint above and below, no more
        # (an emptier box reads as unfinished: the page rules' box_empty_bottom).
        page = self.page
        x, y, w, h = page.grid.block_rect(page.width, 5, 3, 2, 5)
        box = Block(self._id(self.taken_blocks, "masthead-box"), "box", x, y - 4, w, h + 8)
        box.fill, box.stroke = GREY_TINT, 0.5
        page.blocks.append(box)
        info_block = self.block("masthead-info", "story", 5, 3, 3, 3, story=info.id)
        info_block.text_columns = 1
        info_block.x += 9.0
        info_block.width -= 18.0
        self.rule("masthead-rule", 9, 2.5, color=MASTHEAD_RED)

    def footer(self) -> None:
        footer = self.story(
            "footer", "报尾", ["{报名}　第{期号}期　{日期}　{星期}　今日{版数}版"], "footer"
        )
        self.rule("footer-rule", ROWS - 2, 1.0)
        self.block("footer", "story", 0, 8, ROWS - 1, 1, story=footer.id, text_columns=1)

    def folio(self) -> None:
        left = self.story("folio", "版头", ["{版次}　{版名}"], "folio")
        right = self.story("folio-r", "版头", ["{报名}　{日期}　{星期}"], "folio_right")
        self.block("folio", "story", 0, 3, 0, 1, story=left.id, text_columns=1)
        self.block("folio-r", "story", 3, 5, 0, 1, story=right.id, text_columns=1)
        self.rule("folio-rule", 1, 1.5)

    def ad_space(self, row: int, rows: int, rule: bool = True) -> None:
        """A booked ad space (广告位), no file yet, with a rule above it."""
        if rule:
            self.rule("ad-rule", row - 1, 1.0)
        self.block("ad", "ad", 0, 8, row, rows, fit="fit")


def _unique(taken: set[str], prefix: str) -> str:
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"
