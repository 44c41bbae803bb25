"""The looseness budget (issue 13, TYPESETTING.md §6): lines whose justification adds more than
TOO_LOOSE (0.25 em) per stretch point. The greedy breaker leaves such a line before a number or
word too wide to join it; the look-back (setter._share) ends the line before it a few characters
earlier so that the lines share the space. Here: the sample edition and the numbers paragraph of
the real copy have none, the look-back never leaves more of them than the greedy breaker on copy
with numbers at 7–21 字 (and fewer in all), it keeps every rule the greedy breaker keeps, and a
line's break still depends only on where the line starts (flowing in chunks relies on it)."""

from __future__ import annotations

import re

import pytest
from compose_helpers import SIZE
from test_compose_real_copy import COPY as REAL_COPY

from newsdesk.compose.galley import GalleySpec, build_galley
from newsdesk.compose.justify import LOOSE, TOO_LOOSE
from newsdesk.compose.setter import TextSetter
from newsdesk.model.edition import Paragraph, Story, default_styles

# Written for this test: an economy round-up, numbers with separators, decimals and percentages.
NUMBERS = [
    "前三季度，全市规模以上工业增加值1,286.4亿元，同比增长7.2%；其中高技术制造业增加值增长"
    "15.8%，占规模以上工业的比重达到23.6%。",
    "全市城镇居民人均可支配收入52,318元，增长5.4%；农村居民人均可支配收入28,906元，增长6.9%，"
    "城乡居民收入比缩小至1.81。",
    "截至9月末，全市金融机构本外币存款余额18,452.7亿元，比年初增加1,368.2亿元；贷款余额"
    "16,930.5亿元，同比增长10.3%。",
    "港口完成货物吞吐量2.36亿吨，集装箱吞吐量412.8万标箱，分别增长4.1%和11.7%；新开通国际航线"
    "6条，累计达到38条。",
]
MEASURES = (7, 9, 11, 13, 17, 21)
NUMBER = re.compile(r"\d+(?:[,.]\d+)*%?")


def _lines(registry, texts, chars, look_back=True):
    setter = TextSetter(registry, look_back=look_back)
    story = Story("s", paragraphs=[Paragraph(t) for t in texts])
    galley = build_galley(setter, story, GalleySpec(size=SIZE, leading=13.5, measure=chars * SIZE))
    return [line for line, _ in galley.body_lines if line.part == "body"]


def _over(lines) -> int:
    return sum(1 for line in lines if line.spread > TOO_LOOSE + 1e-9)


@pytest.mark.parametrize("chars", [13, 21])
def test_the_numbers_paragraph_has_no_line_over_the_limit(registry, chars):
    """收入24,370元，增长6.8%: at 13 字 the greedy breaker left 「市居民人均可支配收入」 (0.33 em)
    before a number too wide to join it and 「biotechnology企业新增」 (0.44 em)."""
    lines = _lines(registry, [REAL_COPY[2]], chars)
    assert [(ln.text, round(ln.spread, 3)) for ln in lines if ln.spread > TOO_LOOSE + 1e-9] == []


def test_the_look_back_leaves_fewer_lines_over_the_limit_than_the_greedy_breaker(registry):
    """At every measure no more lines over TOO_LOOSE than greedy breaking, and fewer in all."""
    total = {True: 0, False: 0}
    for texts in (NUMBERS, REAL_COPY):
        for chars in MEASURES:
            counts = {lb: _over(_lines(registry, texts, chars, lb)) for lb in (True, False)}
            assert counts[True] <= counts[False], (chars, counts)
            for lb in counts:
                total[lb] += counts[lb]
    assert total[True] < total[False], total


@pytest.mark.parametrize("chars", MEASURES)
def test_the_look_back_keeps_the_rules(registry, chars):
    """Every non-last line flush, the text unchanged, no number broken, no line over the limit
    made by the look-back itself (a shortened line stays within TOO_LOOSE)."""
    greedy = _lines(registry, NUMBERS + REAL_COPY, chars, look_back=False)
    lines = _lines(registry, NUMBERS + REAL_COPY, chars)
    measure = chars * SIZE
    texts: dict[int, str] = {}
    for i, line in enumerate(lines):
        texts[line.paragraph] = texts.get(line.paragraph, "") + line.text
        last = i + 1 == len(lines) or lines[i + 1].paragraph != line.paragraph
        if not last:
            end = line.x - line.column_x + line.width
            assert end == pytest.approx(measure, abs=0.01), (chars, line.text)
    assert [texts[k] for k in sorted(texts)] == NUMBERS + REAL_COPY
    for k, text in enumerate(NUMBERS):
        ends = {ln.end for ln in lines if ln.paragraph == k}
        for m in NUMBER.finditer(text):
            if m.end() - m.start() < chars:  # a number narrower than the line is never broken
                assert not any(m.start() < e < m.end() for e in ends), (chars, m.group())
    # Lines the look-back changed are within the limit, or were no better before.
    before = {(ln.paragraph, ln.start, ln.end) for ln in greedy}
    worst_before = max(ln.spread for ln in greedy)
    for line in lines:
        if (line.paragraph, line.start, line.end) not in before:
            assert line.spread <= max(TOO_LOOSE, worst_before) + 1e-9, (chars, line.text)


@pytest.mark.parametrize("chars", MEASURES)
def test_a_line_depends_only_on_where_it_starts(registry, chars):
    """Flowing in chunks (and FlowState) start a paragraph anywhere: a fresh setter asked for
    the line at any line start sets the same line as setting the paragraph in one go."""
    style = default_styles()["body"]
    for text in NUMBERS + REAL_COPY:
        setter = TextSetter(registry)
        lines = setter.set_paragraph(setter.prepare(text, style), chars * SIZE)
        for line in lines[1:]:
            fresh = TextSetter(registry)
            again = fresh.set_line(fresh.prepare(text, style), line.start, chars * SIZE)
            assert (again.start, again.end) == (line.start, line.end), (chars, line.text)


def test_the_sample_edition_has_no_line_over_the_limit(tmp_path):
    """The revised sample: no line over TOO_LOOSE on any page (the greedy breaker left 11, eight
    of them the first line of a two-person 电头 at 13 字), and fewer loose lines than 30."""
    from newsdesk.layout.engine import LayoutEngine
    from newsdesk.sample import build_sample_edition
    from newsdesk.sample.assets import write_assets

    edition = build_sample_edition()
    write_assets(edition, tmp_path)
    lines = [
        ln
        for page in LayoutEngine(edition, base_dir=tmp_path).layout()
        for f in page.frames
        for ln in f.lines
    ]
    assert [(ln.text, round(ln.spread, 3)) for ln in lines if ln.spread > TOO_LOOSE + 1e-9] == []
    assert sum(1 for ln in lines if ln.spread > LOOSE + 1e-9) < 30
