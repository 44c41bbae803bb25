"""The bundled sample edition: 《滨江日报》 of 27 November 2026, four 对开 pages.

Every block is placed on the 8-column grid and the baseline grid with Grid.block_rect, in rows
(baseline-grid lines, 104 to a page) and basic columns, so the plan below reads the way a layout
editor sketches a page: "lead story, columns 1-5, rows 11-52". The articles are copy files in
newsdesk/sample/articles; the photographs and the ads are made at write time (images.py, ads.py).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from newsdesk.errors import NewsdeskError
from newsdesk.model.edition import (
    Block,
    Edition,
    HeadSettings,
    Imprint,
    InlineSpan,
    Page,
    Paragraph,
    ParagraphStyle,
    Story,
    default_styles,
)
from newsdesk.sample.stories import load_article

PAPER = "滨江日报"
DATE = dt.date(2026, 11, 27)
NUMBER = 8216
IMAGE_DIR = "images"

# Tints (CMYK) for boxes.
WARM_TINT = (0.0, 0.04, 0.12, 0.0)
GREY_TINT = (0.0, 0.0, 0.0, 0.06)
MASTHEAD_RED = (0.0, 1.0, 1.0, 0.1)  # the classic newspaper red of 报头 and their rules


def sample_styles() -> dict[str, ParagraphStyle]:
    """House styles plus the few the sample's furniture needs (folios, masthead, footer)."""
    styles = default_styles()
    extra = [
        ParagraphStyle("folio", "sans_bold", 10.5, 13.5, 0.0, 0.0, "left"),
        ParagraphStyle("folio_right", "sans", 9.0, 13.5, 0.0, 0.0, "right"),
        ParagraphStyle("masthead_info", "sans", 10.5, 13.5, 0.0, 0.0, "left"),
        ParagraphStyle("footer", "sans", 7.5, 13.5, 0.0, 0.0, "center"),
        ParagraphStyle("brief", "serif", 9.0, 13.5, 0.0, 2.0, "justify"),
        ParagraphStyle("index", "kai", 9.0, 13.5, 0.0, 2.0, "justify"),
        ParagraphStyle("poem", "kai", 10.5, 13.5, 0.0, 0.0, "left"),
        ParagraphStyle("subhead_poem", "heavy", 12.0, 13.5, 0.0, 0.0, "left"),
        ParagraphStyle("qa", "serif", 9.0, 13.5, 0.0, 2.0, "justify"),
    ]
    for style in extra:
        styles[style.name] = style
    return styles


@dataclass
class PagePlan:
    """Places blocks on one page by grid rows and basic columns (both counted from 0)."""

    page: Page

    def rect(self, col: int, span: int, row: int, rows: int) -> tuple[float, float, float, float]:
        return self.page.grid.block_rect(self.page.width, col, span, row, rows)

    def add(
        self,
        block_id: str,
        kind: str,
        col: int,
        span: int,
        row: int,
        rows: int,
        inset: float = 0.0,
        **kw,
    ) -> Block:
        """A block on grid cells; `inset` narrows it on both sides (text inside a tinted box)."""
        x, y, w, h = self.rect(col, span, row, rows)
        block = Block(block_id, kind, x + inset, y, w - 2 * inset, h, **kw)  # type: ignore[arg-type]
        self.page.blocks.append(block)
        return block

    def hrule(self, block_id: str, col: int, span: int, row: int, stroke: float = 0.5, **kw):
        """A horizontal rule through the middle of grid row `row`."""
        return self.add(block_id, "rule", col, span, row, 1, stroke=stroke, **kw)

    def vrule(self, block_id: str, col: int, row: int, rows: int, stroke: float = 0.5):
        """A vertical rule in the gutter on the left of basic column `col`."""
        grid = self.page.grid
        x = grid.column_x(self.page.width, col) - grid.gutter
        y = grid.margin_top + row * grid.leading
        block = Block(block_id, "rule", x, y, grid.gutter, rows * grid.leading, stroke=stroke)
        self.page.blocks.append(block)
        return block

    def box(self, block_id: str, col: int, span: int, row: int, rows: int, pad: float = 4.0, **kw):
        """A frame round grid cells, `pad` points taller above and below (never wider: the type
        area's edges stay clean); text inside is inset with add(..., inset=)."""
        x, y, w, h = self.rect(col, span, row, rows)
        block = Block(block_id, "box", x, y - pad, w, h + 2 * pad, **kw)
        self.page.blocks.append(block)
        return block


class SampleBuilder:
    def __init__(self) -> None:
        self.edition = Edition(paper=PAPER, date=DATE, number=NUMBER, styles=sample_styles())
        # 版本记录 (fictional, like the paper): printed in the footer through fields.
        self.edition.imprint = Imprint(
            cn="CN 35-0099",
            supervisor="中共滨江市委",
            sponsor="滨江日报社",
            editor_in_chief="何远舟",
        )

    # -- stories -------------------------------------------------------------------------------

    def story(self, name: str, story_id: str, body_style: str = "body", **heads) -> Story:
        story = load_article(name, story_id, body_style)
        if heads:
            story.heads = HeadSettings(**heads)
        self.edition.stories[story.id] = story
        return story

    def text_story(self, story_id: str, lines: list[str], style: str, slug: str) -> Story:
        """A story of furniture text (folio, masthead data, footer): one paragraph per line."""
        from newsdesk.model.edition import Paragraph

        story = Story(story_id, slug=slug, paragraphs=[Paragraph(t, style) for t in lines])
        self.edition.stories[story_id] = story
        return story

    def page(self, page_id: str, section: str) -> PagePlan:
        page = Page(page_id, section=section)
        self.edition.pages.append(page)
        return PagePlan(page)

    def folio(self, plan: PagePlan, editor: str) -> None:
        """The page header: 第X版 and section on the left, paper, date and editors on the right.

        Written as fields ({版次}, {日期} ...), so the header follows the page when pages move."""
        pid = plan.page.id
        self.text_story(f"{pid}-folio", ["{版次}　{版名}"], "folio", "版头")
        date = f"{{报名}}　{{日期}}　{{星期}}　{editor}"
        self.text_story(f"{pid}-folio-r", [date], "folio_right", "版头")
        plan.add(f"{pid}-folio", "story", 0, 3, 0, 1, story=f"{pid}-folio", text_columns=1)
        plan.add(f"{pid}-folio-r", "story", 3, 5, 0, 1, story=f"{pid}-folio-r", text_columns=1)
        plan.hrule(f"{pid}-folio-rule", 0, 8, 1, stroke=1.5)

    def thread(self, story: Story, *block_ids: str) -> None:
        story.thread = list(block_ids)

    # -- pages ---------------------------------------------------------------------------------
    # Rows are baseline-grid lines (0-103), columns are basic columns (0-7).

    def front_page(self) -> None:
        p = self.page("p1", "要闻")
        # 报头: the paper's name large in the heavy face, the day's data boxed on the right.
        mast = self.story("p1_masthead", "masthead", headline_size=80.0)
        mast.slug = "报头"
        p.add("p1-masthead", "headline", 0, 5, 0, 9, story=mast.id, text_color=MASTHEAD_RED)
        info = self.story("p1_masthead_info", "masthead-info", body_style="masthead_info")
        info.slug = "报头信息"
        p.box("p1-masthead-box", 5, 3, 1, 7, fill=GREY_TINT, stroke=0.5)
        p.add("p1-masthead-info", "story", 5, 3, 2, 5, story=info.id, text_columns=1, inset=9.0)
        p.hrule("p1-masthead-rule", 0, 8, 9, stroke=2.5, color=MASTHEAD_RED)

        # The lead story: columns 0-4, jumps to page 3.
        lead = self.story("p1_lead_bridge", "lead-bridge", headline_size=48.0)
        lead.jump_head = "滨江三桥今日正式通车"
        p.add("p1-lead", "story", 0, 5, 10, 43, story=lead.id)
        p.vrule("p1-vrule-1", 5, 10, 43)
        p.add(
            "p1-photo",
            "image",
            5,
            3,
            10,
            28,
            image=f"{IMAGE_DIR}/p1-bridge-dusk.jpg",
            caption="11月26日傍晚，即将通车的滨江三桥亮起景观灯光。三桥全长3,862米，"
            "主塔造型取自滨江传统渔船的船帆。",
            credit="本报记者 陈默 摄",
        )
        p.hrule("p1-rule-photo", 5, 3, 38)
        comment = self.story("p1_comment", "comment", headline_size=18.0)
        p.add("p1-comment", "story", 5, 3, 39, 14, story=comment.id)
        p.hrule("p1-rule-mid", 0, 8, 53, stroke=1.0)

        # The feature (jumps to page 2), a port story and the 简讯 column.
        feature = self.story("p1_feature_ferry", "feature-ferry", headline_size=30.0)
        feature.jump_head = "三十一年，一条船，两岸人"
        p.add("p1-feature", "story", 0, 4, 54, 36, story=feature.id)
        p.vrule("p1-vrule-2", 4, 54, 36)
        port = self.story("p1_port", "port", headline_size=22.0)
        p.add("p1-port", "story", 4, 2, 54, 36, story=port.id)
        p.vrule("p1-vrule-3", 6, 54, 36)
        briefs = self.story("p1_briefs", "briefs", body_style="brief", headline_size=16.0)
        p.add("p1-briefs", "story", 6, 2, 54, 36, story=briefs.id)

        # 今日导读: four pointers to the inside pages, in a tinted box.
        p.hrule("p1-rule-index", 0, 8, 90, stroke=1.0)
        p.box("p1-index-box", 0, 8, 91, 9, fill=WARM_TINT, stroke=0.0)
        for k, name in enumerate(
            ["p1_index_economy", "p1_index_elevator", "p1_index_citywall", "p1_index_essay"]
        ):
            s = self.story(
                name, name.replace("_", "-"), body_style="index", headline_size=14.0, align="left"
            )
            s.slug = "导读：" + s.headline
            p.add(f"p1-index-{k}", "story", 2 * k, 2, 91, 9, story=s.id, inset=4.5, text_columns=1)

        footer = self.story("p1_footer", "footer", body_style="footer")
        footer.slug = "报尾"
        p.hrule("p1-rule-footer", 0, 8, 101, stroke=1.0)
        p.add("p1-footer", "story", 0, 8, 102, 2, story=footer.id, text_columns=1)
        self._front = (lead, feature)

    def page_two(self) -> None:
        p = self.page("p2", "综合")
        self.folio(p, "责任编辑：罗湘　美术编辑：唐悦")
        eco = self.story("p2_economy", "economy", headline_size=30.0)
        p.add("p2-economy", "story", 0, 5, 2, 26, story=eco.id)
        _lead, feature = self._front
        p.vrule("p2-vrule-1", 5, 2, 26)
        p.add("p2-feature", "story", 5, 3, 2, 17, story=feature.id)
        self.thread(feature, "p1-feature", "p2-feature")
        sub = self.story("p2_subscribe", "subscribe", headline_size=14.0)
        p.box("p2-subscribe-box", 5, 3, 20, 8, fill=WARM_TINT, stroke=0.0)
        p.add("p2-subscribe", "story", 5, 3, 20, 8, story=sub.id, text_columns=1, inset=9.0)
        p.hrule("p2-rule-1", 0, 8, 28)

        parking = self.story("p2_parking", "parking", headline_size=30.0)
        p.add("p2-parking", "story", 0, 4, 29, 22, story=parking.id)
        p.vrule("p2-vrule-2", 4, 29, 22)
        elevator = self.story("p2_elevator", "elevator", headline_size=24.0)
        p.add("p2-elevator", "story", 4, 4, 29, 22, story=elevator.id)
        p.hrule("p2-rule-2", 0, 8, 51)

        clinic = self.story("p2_clinic", "clinic", headline_size=22.0)
        p.add("p2-clinic", "story", 0, 3, 52, 17, story=clinic.id)
        p.hrule("p2-rule-3", 0, 3, 69)
        startups = self.story("p2_startups", "startups", headline_size=22.0)
        p.add("p2-startups", "story", 0, 3, 70, 19, story=startups.id)
        p.vrule("p2-vrule-3", 3, 52, 37)
        canteen = self.story("p2_canteen", "canteen", headline_size=18.0)
        p.add("p2-canteen", "story", 3, 3, 52, 23, story=canteen.id)
        notice = self.story("p2_notice", "notice", headline_size=16.0)
        # The 停水 notice in a ruled box: its frame separates it from the story above, so no
        # rule of its own, and it ends a line above the ad's rule.
        p.box("p2-notice-box", 3, 3, 76, 12, fill=GREY_TINT, stroke=0.5)
        p.add("p2-notice", "story", 3, 3, 76, 12, story=notice.id, text_columns=1, inset=9.0)
        p.vrule("p2-vrule-4", 6, 52, 37)
        p.add(
            "p2-photo",
            "image",
            6,
            2,
            52,
            37,
            image=f"{IMAGE_DIR}/p2-elevator.jpg",
            caption="11月24日，纺机新村7栋新装的电梯投入使用，居民乘电梯下楼。"
            "今年全市老旧小区已完工加装电梯187部。",
            credit="本报记者 陈默 摄",
        )
        p.hrule("p2-rule-ad", 0, 8, 89, stroke=1.0)
        p.add("p2-ad", "ad", 0, 8, 90, 14, image=f"{IMAGE_DIR}/p2-ad-citrus.jpg", fit="fill")

    def page_three(self) -> None:
        p = self.page("p3", "城事")
        self.folio(p, "责任编辑：邵明　美术编辑：唐悦")
        lead, _feature = self._front
        p.add("p3-lead", "story", 0, 5, 2, 16, story=lead.id)
        self.thread(lead, "p1-lead", "p3-lead")
        p.vrule("p3-vrule-1", 5, 2, 16)
        hotline = self.story("p3_hotline", "hotline", body_style="qa", headline_size=18.0)
        for para in hotline.paragraphs:
            if para.text.startswith("问："):  # questions in bold, answers plain
                para.spans = [InlineSpan(0, len(para.text), "bold")]
        p.box("p3-hotline-box", 5, 3, 2, 16, fill=WARM_TINT, stroke=0.0)
        p.add("p3-hotline", "story", 5, 3, 2, 16, story=hotline.id, inset=4.5)
        p.hrule("p3-rule-1", 0, 8, 18)

        wall = self.story("p3_citywall", "citywall", vertical=True)
        p.add("p3-citywall", "story", 0, 5, 19, 21, story=wall.id)
        p.vrule("p3-vrule-2", 5, 19, 21)
        p.add(
            "p3-photo",
            "image",
            5,
            3,
            19,
            21,
            image=f"{IMAGE_DIR}/p3-marathon.jpg",
            caption="资料图：去年滨江马拉松，跑者们经过滨江北路。今年赛道将首次跑上滨江三桥。",
            credit="本报记者 陈默 摄",
        )
        p.hrule("p3-rule-2", 0, 8, 40)
        marathon = self.story("p3_marathon", "marathon", headline_size=26.0)
        p.add("p3-marathon", "story", 0, 4, 41, 20, story=marathon.id)
        p.vrule("p3-vrule-3", 4, 41, 20)
        birds = self.story("p3_birds", "birds", headline_size=22.0)
        p.add("p3-birds", "story", 4, 4, 41, 20, story=birds.id)
        p.hrule("p3-rule-3", 0, 8, 61)

        old = self.story("p3_oldstreet", "oldstreet", headline_size=26.0)
        p.add("p3-oldstreet", "story", 0, 4, 62, 15, story=old.id)
        p.hrule("p3-rule-4", 0, 4, 77)
        aid = self.story("p3_firstaid", "firstaid", headline_size=20.0)
        p.add("p3-firstaid", "story", 0, 4, 78, 12, story=aid.id)
        p.hrule("p3-rule-5", 0, 4, 90)
        park = self.story("p3_park", "park", headline_size=22.0)
        p.add("p3-park", "story", 0, 4, 91, 13, story=park.id)
        p.vrule("p3-vrule-4", 4, 62, 42)
        p.add(
            "p3-photo-2",
            "image",
            4,
            4,
            62,
            28,
            image=f"{IMAGE_DIR}/p3-old-street.jpg",
            caption="完成“微改造”的鼓楼东街，青石板路重新铺过，老店铺仍在原来的位置。",
            credit="本报记者 林晓 摄",
        )
        p.hrule("p3-rule-6", 4, 4, 90)
        robots = self.story("p3_robots", "robots", headline_size=18.0)
        p.add("p3-robots", "story", 4, 4, 91, 13, story=robots.id)

    def page_four(self) -> None:
        p = self.page("p4", "副刊")
        self.folio(p, "责任编辑：江蓠　美术编辑：唐悦")
        essay = self.story("p4_essay", "essay", headline_size=30.0)
        p.add("p4-essay", "story", 0, 5, 2, 23, story=essay.id)
        p.vrule("p4-vrule-1", 5, 2, 23)
        poems = self.story("p4_poems", "poems", body_style="poem", headline_size=18.0)
        # Set as poems: each title in the heavy face a size up, a blank line between poems and
        # before the author's note, and the block centred on its longest line.
        lines = []
        for para in poems.paragraphs:
            if len(para.text) <= 2:  # a poem's title
                para.style = "subhead_poem"
            if lines and (len(para.text) <= 2 or para.text.startswith("（")):
                lines.append(Paragraph("\u3000", "poem"))  # a blank line before a poem, a note
            lines.append(para)
        poems.paragraphs = lines
        # Every line of a poem is a paragraph: the first-line indent centres the block.
        inset = 18.0
        _x, _y, w, _h = p.rect(5, 3, 2, 23)
        styles = self.edition.styles
        verse = [q for q in lines if not q.text.startswith("（")]
        longest = max(len(q.text) for q in verse) * styles["poem"].size
        indent = (w - 2 * inset - longest) / 2
        for name in ("poem", "subhead_poem"):
            styles[name] = replace(styles[name], indent=indent / styles[name].size)
        p.add("p4-poems", "story", 5, 3, 2, 23, story=poems.id, text_columns=1, inset=inset)
        p.hrule("p4-rule-1", 0, 8, 25)
        p.add(
            "p4-photo",
            "image",
            0,
            5,
            26,
            27,
            image=f"{IMAGE_DIR}/p4-market.jpg",
            caption="清晨的南门早市，西岭的柑橘上市了。",
            credit="本报记者 陈默 摄",
        )
        p.vrule("p4-vrule-2", 5, 26, 27)
        market = self.story("p4_market", "market", headline_size=22.0)
        p.add("p4-market", "story", 5, 3, 26, 16, story=market.id)
        p.hrule("p4-rule-2", 5, 3, 42)
        arts = self.story("p4_arts", "arts", body_style="brief", headline_size=16.0)
        p.add("p4-arts", "story", 5, 3, 43, 10, story=arts.id)
        p.hrule("p4-rule-3", 0, 8, 53)
        watch = self.story("p4_watchshop", "watchshop", headline_size=22.0)
        p.add("p4-watchshop", "story", 0, 3, 54, 30, story=watch.id)
        p.vrule("p4-vrule-3", 3, 54, 30)
        bicycle = self.story("p4_bicycle", "bicycle", headline_size=28.0)
        p.add("p4-bicycle", "story", 3, 3, 54, 30, story=bicycle.id)
        p.vrule("p4-vrule-4", 6, 54, 30)
        book = self.story("p4_book", "book", headline_size=20.0)
        p.add("p4-book", "story", 6, 2, 54, 30, story=book.id)
        p.hrule("p4-rule-ad", 0, 8, 84, stroke=1.0)
        p.add("p4-ad", "ad", 0, 8, 85, 19, image=f"{IMAGE_DIR}/p4-ad-books.pdf", fit="fit")

    def build(self) -> Edition:
        self.front_page()
        self.page_two()
        self.page_three()
        self.page_four()
        return self.edition


def build_sample_edition() -> Edition:
    """The sample edition as a model; its images are named, not yet written (see write_sample)."""
    return SampleBuilder().build()


def image_blocks(edition: Edition) -> list[tuple[Page, Block]]:
    return [(p, b) for p in edition.pages for b in p.blocks if b.kind in ("image", "ad")]


def write_sample(path: str | os.PathLike, *, force: bool = False) -> Path:
    """Write the sample edition to `path` (a .newsdesk file) and its images beside it."""
    from newsdesk.model.edition_file import save_edition
    from newsdesk.sample.assets import write_assets

    target = Path(path)
    if target.suffix != ".newsdesk":
        target = target.with_name(target.name + ".newsdesk")
    if target.exists() and not force:
        raise NewsdeskError(f"文件已存在：{target}。如需覆盖，请加 --force。")
    if target.parent and not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    edition = build_sample_edition()
    write_assets(edition, target.parent)
    save_edition(edition, target, keep_backup=False)
    return target
