"""Property tests: random Han/Latin/number/punctuation text holds TYPESETTING.md checks 1–3, 6–9
at measures from 5 to 40 characters, on the layout result and on the galley JSON."""

from __future__ import annotations

from compose_helpers import SIZE, galley_of, serif_width
from compose_text import paragraphs
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typesetting_checks import (
    check_all,
    check_grid,
    check_indent,
    lines_from_json,
    lines_from_layout,
)

from newsdesk.cli.galley_cmd import galley_json


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=paragraphs, chars=st.integers(5, 40))
# Found by random runs: a number beside a Han character on a line with no other stretch point
# (|一,13820| · |10,010(一| · |1,001(一)|) was tracked open like a line holding only a number.
@example(texts=["一一一,13820一"], chars=5)
@example(texts=["一10,010(一一一)"], chars=5)
@example(texts=["一一1,001(一)一"], chars=5)
# |A100,100”。《。|: letter-spacing A|1 is the last resort there (the marks never part).
@example(texts=["一A100,100”。《。一"], chars=7)
def test_layout_result_holds_the_checks(registry, texts, chars):
    galley = galley_of(registry, texts, chars)
    lines = lines_from_layout([line for line, _ in galley.body_lines], registry)
    assert check_all(lines, texts, SIZE, serif_width(registry)) == []
    assert check_indent(lines, SIZE) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=paragraphs, chars=st.integers(5, 40))
def test_galley_json_holds_the_checks(registry, texts, chars):
    doc = galley_json(galley_of(registry, texts, chars))
    assert doc["overset_chars"] == 0
    lines = lines_from_json(doc)
    assert check_all(lines, texts, SIZE, serif_width(registry), glyphs=False) == []
    assert check_indent(lines, SIZE) == []
    assert check_grid(lines, doc["leading_pt"]) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=paragraphs, chars=st.integers(5, 40), level=st.sampled_from(["basic", "strict"]))
def test_other_kinsoku_levels_keep_the_basic_rules(registry, texts, chars, level):
    from typesetting_checks import START_FORBIDDEN_BASIC, check_prohibitions, check_text

    galley = galley_of(registry, texts, chars, kinsoku=level)
    lines = lines_from_layout([line for line, _ in galley.body_lines], registry)
    width = serif_width(registry)
    assert check_prohibitions(lines, texts, width, START_FORBIDDEN_BASIC) == []
    assert check_text(lines, texts) == []


def _running_widths_everywhere(p, tracking):
    """setter._running_widths as its formula reads, applied at every position (the reference
    the sparse version must equal float for float)."""
    from itertools import accumulate

    from newsdesk.compose.classes import SPACE
    from newsdesk.compose.justify import SPACE_SHRINK

    adv, gap, cut_a, cut_bl, cut_br = p.adv, p.gap, p.cut_a, p.cut_bl, p.cut_br
    steps = [adv[0]] + [
        a + g + tracking - ca - cl - cr
        for a, g, ca, cl, cr in zip(adv[1:], gap, cut_a, cut_bl, cut_br)
    ]
    before = [0.0, *cut_br[:-1]]
    pend = [
        (0.0 if p.joined[i + 1] else a * SPACE_SHRINK) if c == SPACE else r - b
        for i, (c, a, r, b) in enumerate(zip(p.cls, adv, p.rb, before))
    ]
    shrink = [0.0] + [
        pe - ca + g * 0.5 + (left - cl if left > cl else 0.0)
        for pe, ca, g, left, cl in zip(pend, cut_a, gap, p.lb[1:], cut_bl)
    ]
    return [0.0, *accumulate(steps)], list(accumulate(shrink))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=paragraphs, tracking=st.sampled_from([0.0, 0.05]))
@example(texts=["（“《中国》”）、——……。 A  b：1,000 ！？"], tracking=0.0)
def test_running_widths_equal_the_formula_at_every_position(registry, texts, tracking):
    from newsdesk.compose.setter import TextSetter
    from newsdesk.model.story import ParagraphStyle

    setter = TextSetter(registry)
    style = ParagraphStyle("body", size=SIZE, tracking=tracking)
    for text in texts:
        if not text:
            continue
        p = setter.prepare(text, style)
        assert (p.cum, p.shrink_cum) == _running_widths_everywhere(p, tracking)
