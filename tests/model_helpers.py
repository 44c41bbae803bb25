"""Helpers for the edition-file tests: a hand-built edition, and hypothesis strategies.

The strategies are derived from the dataclasses' type hints, so a field added to
newsdesk/model/edition.py is exercised by the round-trip properties without editing this file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any, Literal, Union

from hypothesis import strategies as st

from newsdesk.model.edition import (
    Block,
    Edition,
    HeadSettings,
    InlineSpan,
    Page,
    Paragraph,
    PrintSettings,
    Story,
)


def make_edition() -> Edition:
    """A small but complete two-page edition with a story that jumps, a picture and a box."""
    edition = Edition(paper="测试晚报", date=dt.date(2026, 3, 14), number=4321)
    front, inside = Page("p1", label="A1", section="要闻"), Page("p2", label="A2", section="综合")
    grid = front.grid
    front.blocks = [
        Block("h1", "headline", *grid.block_rect(front.width, 0, 8, 0, 6), story="s1"),
        Block(
            "b1", "story", *grid.block_rect(front.width, 0, 4, 6, 40), story="s1", text_gutter=12.0
        ),
        Block(
            "i1",
            "image",
            *grid.block_rect(front.width, 4, 4, 6, 30),
            image="images/photo.jpg",
            crop=(0.25, 0.75),
            scale=1.25,
            caption="图为测试用的图片说明。",
            credit="本报记者 测试 摄",
        ),
        Block("r1", "rule", *grid.block_rect(front.width, 0, 8, 46, 1), stroke=1.5),
    ]
    inside.blocks = [
        Block("b2", "story", *grid.block_rect(inside.width, 0, 3, 0, 30), story="s1"),
        Block(
            "x1",
            "box",
            *grid.block_rect(inside.width, 3, 2, 0, 10),
            fill=(0.0, 0.1, 0.2, 0.0),
            color=(1.0, 0.0, 0.0, 0.0),
        ),
    ]
    edition.pages = [front, inside]
    edition.stories["s1"] = Story(
        "s1",
        slug="测试稿",
        kicker="引题：用于测试的稿件",
        headline="主题第一行\n主题第二行",
        deck="副题",
        byline="本报讯（记者 测试）",
        paragraphs=[
            Paragraph("第一段，含“引号”与 ASCII text 123。", spans=[InlineSpan(0, 3, "bold")]),
            Paragraph("小标题", style="subhead"),
            Paragraph('第三段\t含制表符与反斜杠 \\ 和 "双引号"。'),
        ],
        thread=["b1", "b2"],
        heads=HeadSettings(span=8, headline_size=0.0, fit_sizes=(36.0, 26.0, 22.0), lines=2),
    )
    edition.print = PrintSettings(icc_profile="profiles/ISOnewspaper26v4.icc", bleed=8.5)
    return edition


# A version-0 file as the pre-release prototype wrote it: stories under their first page, blocks
# in grid cells, sizes as 字号 names, no threads.
V0 = {
    "format": "newsdesk-edition",
    "version": 0,
    "paper": "旧版晚报",
    "date": "2025-12-31",
    "number": 7,
    "styles": {
        "body": {"name": "body", "size": "小五", "leading": 13.5},
        "headline": {"name": "headline", "role": "heavy", "size": "一号", "leading": 32},
    },
    "pages": [
        {
            "id": "p1",
            "label": "A1",
            "grid": {"columns": 8, "column_chars": 13, "gutter_chars": 1, "margin_top": 60},
            "blocks": [
                {
                    "id": "a",
                    "kind": "story",
                    "story": "s1",
                    "col": 0,
                    "span": 4,
                    "top_line": 6,
                    "lines": 40,
                },
                {
                    "id": "pic",
                    "kind": "image",
                    "col": 4,
                    "span": 4,
                    "top_line": 6,
                    "lines": 20,
                    "image": "p.jpg",
                },
                {
                    "id": "b",
                    "kind": "story",
                    "story": "s2",
                    "col": 4,
                    "span": 4,
                    "top_line": 26,
                    "lines": 20,
                },
            ],
            "stories": [
                {"id": "s1", "headline": "头条", "body": ["第一段", "第二段"]},
                {"id": "s2", "headline": "二条", "body": ["只有一段"]},
            ],
        },
        {
            "id": "p2",
            "width": 800,
            "blocks": [
                {
                    "id": "c",
                    "kind": "story",
                    "story": "s1",
                    "col": 1,
                    "span": 3,
                    "top_line": 0,
                    "lines": 10,
                },
            ],
        },
    ],
}


# --- strategies from type hints --------------------------------------------------------------

# Text as copy really is (CJK, full-width punctuation, rare characters from plane 2) plus the
# characters JSON has to escape; no lone surrogates (they cannot be written as UTF-8).
text_chars = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x3000, max_codepoint=0x303F),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    st.sampled_from('"\\/\n\t\r\x00\x1f\u2028\u2029 '),
    st.characters(exclude_categories=("Cs",)),
)
texts = st.text(text_chars, max_size=30)
finite_floats = st.floats(allow_nan=False, allow_infinity=False)


def strategy_for(tp: Any) -> st.SearchStrategy:
    """A strategy for values of a model type hint."""
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        return st.one_of(*(strategy_for(a) for a in typing.get_args(tp)))
    if tp is type(None):
        return st.none()
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = [f for f in dataclasses.fields(tp) if f.init]
        return st.builds(tp, **{f.name: strategy_for(hints[f.name]) for f in fields})
    if tp is str:
        return texts
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(min_value=-(2**40), max_value=2**40)
    if tp is float:
        return finite_floats
    if tp is dt.date:
        return st.dates()
    if origin is Literal:
        return st.sampled_from(typing.get_args(tp))
    if origin is list:
        return st.lists(strategy_for(typing.get_args(tp)[0]), max_size=3)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy_for(args[0]), max_size=4).map(tuple)
        return st.tuples(*(strategy_for(a) for a in args))
    if origin is dict:
        return st.dictionaries(texts, strategy_for(typing.get_args(tp)[1]), max_size=3)
    raise TypeError(f"no strategy for {tp!r}")


editions = strategy_for(Edition).map(lambda e: make_valid(e))


# --- values the loader accepts -----------------------------------------------------------------


def _frac(v: float) -> float:
    return abs(v) % 1.0


def _within(v: float, kind: str) -> float:
    """Any finite value folded into the range newsdesk.model.validate.RANGES[kind] accepts."""
    from newsdesk.model.validate import RANGES

    low, high, _ = RANGES[kind]
    folded = low + abs(v) % (high - low) if high > low else low
    return type(low)(folded) if isinstance(low, int) else folded


def make_valid(obj: Any) -> Any:
    """`obj` (an Edition, Block, Story… from the type-hint strategies) with every size, count and
    tint moved into the range newsdesk.model.validate accepts; returned for use with .map()."""
    from newsdesk.model.edition import Grid, ParagraphStyle

    def colour(c):
        return None if c is None else tuple(_frac(v) for v in c)

    def margin(v):
        return None if v is None else _within(v, "margin")

    def fix(o: Any) -> None:
        if isinstance(o, Edition):
            for p in o.pages:
                fix(p)
            for key, s in o.stories.items():
                s.id = key
                fix(s)
            for s in o.styles.values():
                fix(s)
            pr = o.print
            if pr.ink_limit is not None:  # None = the print condition's limit
                pr.ink_limit = _within(pr.ink_limit, "ink_limit")
            pr.min_ppi, pr.target_ppi = _within(pr.min_ppi, "ppi"), _within(pr.target_ppi, "ppi")
            pr.bleed = _within(pr.bleed, "bleed")
            o.revision = abs(o.revision)
            for n, item in enumerate(o.proof_items):  # unique ids, ranges as long as their text
                item.id = f"{item.id}-{n}"
                item.start = abs(item.start)
                item.end = item.start + len(item.text)
        elif isinstance(o, Page):
            o.width, o.height = _within(o.width, "page"), _within(o.height, "page")
            fix(o.grid)
            for b in o.blocks:
                fix(b)
        elif isinstance(o, Grid):
            # Small enough that the type area fits the widest page the loader accepts.
            o.columns = _within(o.columns, "columns") % 10 + 1
            o.column_chars = _within(o.column_chars, "column_chars") % 30 + 1
            o.gutter_chars = _within(o.gutter_chars, "gutter_chars") % 4
            o.body_size = 4.0 + abs(o.body_size) % 20
            o.leading = _within(o.leading, "grid_leading")
            o.margin_top, o.margin_bottom = margin(o.margin_top), margin(o.margin_bottom)
            o.margin_left, o.margin_right = margin(o.margin_left), margin(o.margin_right)
        elif isinstance(o, Block):
            o.x, o.y = _within(o.x, "position"), _within(o.y, "position")
            o.width, o.height = _within(o.width, "extent"), _within(o.height, "extent")
            o.text_columns = _within(o.text_columns, "columns") if o.text_columns else 0
            o.stroke = _within(o.stroke, "stroke")
            o.crop = (_frac(o.crop[0]), _frac(o.crop[1]))
            o.scale = _within(o.scale, "picture_scale")
            o.text_gutter = None if o.text_gutter is None else _within(o.text_gutter, "text_gutter")
            o.color, o.fill, o.text_color = colour(o.color), colour(o.fill), colour(o.text_color)
        elif isinstance(o, ParagraphStyle):
            o.size, o.leading = _within(o.size, "type_size"), _within(o.leading, "leading")
            o.tracking, o.indent = _within(o.tracking, "tracking"), _within(o.indent, "indent")
            o.color = colour(o.color)
        elif isinstance(o, Story):
            h = o.heads
            h.span = _within(h.span, "columns") if h.span else 0
            h.headline_size = _within(h.headline_size, "type_size") if h.headline_size else 0.0
            h.lines = _within(h.lines, "head_lines")
            h.fit_sizes = tuple(_within(v, "type_size") for v in h.fit_sizes)
            for p in o.paragraphs:
                for s in p.spans:
                    s.start, s.end = sorted((abs(s.start), abs(s.end)))

    fix(obj)
    return obj
