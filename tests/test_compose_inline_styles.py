"""Inline styles beyond the font role: superscript, subscript and emphasis (着重号).

Superscripts/subscripts are set at SCRIPT_SCALE of the paragraph size, on a baseline raised by
SUPER_RISE / lowered by SUB_DROP em, and never start a line (they are glued to the character
before them). Emphasised characters that are not punctuation or spaces get one dot each, centred
under their em box, EMPHASIS_DROP em below the baseline; emphasis moves nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.compose import ColumnSlot, TextSetter, flow
from newsdesk.compose.classes import HALF_PUNCT, PUNCTUATION, SPACE, classify
from newsdesk.compose.setter import (
    EMPHASIS_DIAMETER,
    EMPHASIS_DROP,
    SCRIPT_SCALE,
    SUB_DROP,
    SUPER_RISE,
)
from newsdesk.model.edition import InlineSpan, Paragraph, ParagraphStyle, default_styles
from newsdesk.render.debug import dump_lines

SIZE = 9.0
GOLDEN = Path(__file__).parent / "golden" / "compose_inline_styles.txt"
UPDATE = os.environ.get("NEWSDESK_UPDATE_GOLDEN") == "1"

# Written for these tests: an area with m², a power of ten, a footnote marker, a formula with a
# subscript, an emphasised phrase with punctuation inside it.
TEXT = "新建绿地面积约120m2，污染物浓度降到10-5以下①。水的化学式是H2O，请记住：节约用水，人人有责。"


def _at(text: str, piece: str, k: int = 0) -> int:
    return text.index(piece) + k


SPANS = [
    InlineSpan(_at(TEXT, "m2", 1), _at(TEXT, "m2", 2), "superscript"),
    InlineSpan(_at(TEXT, "-5"), _at(TEXT, "-5", 2), "superscript"),
    InlineSpan(_at(TEXT, "①"), _at(TEXT, "①", 1), "superscript"),
    InlineSpan(_at(TEXT, "H2O", 1), _at(TEXT, "H2O", 2), "subscript"),
    InlineSpan(_at(TEXT, "节约"), _at(TEXT, "有责。", 3), "emphasis"),
]


def _styles():
    styles = default_styles()
    styles["body"] = ParagraphStyle("body", "serif", SIZE, 13.5, 0.0, 2.0, "justify")
    return styles


def _set(registry, text: str, spans, chars: float):
    setter = TextSetter(registry)
    slot = ColumnSlot(0.0, 0.0, chars * SIZE, 400)
    return flow(setter, [Paragraph(text, spans=list(spans))], [slot], styles=_styles())


def _kinds(text: str, spans) -> tuple[dict[int, str], set[int]]:
    """Script kind per offset (the last span wins, as in the setter) and emphasised offsets."""
    script: dict[int, str] = {}
    emph: set[int] = set()
    for span in spans:
        for i in range(max(0, span.start), min(len(text), span.end)):
            if span.kind in ("superscript", "subscript"):
                script[i] = span.kind
            elif span.kind == "emphasis":
                emph.add(i)
    return script, emph


def _dotted(ch: str) -> bool:
    return classify(ch) not in PUNCTUATION | HALF_PUNCT | {SPACE} and not ch.isspace()


def _check(result, text: str, spans, measure: float) -> None:
    script, emph = _kinds(text, spans)
    # Nothing dropped, duplicated or reordered.
    assert "".join(line.text for line in result.lines) == text
    previous = None
    for line in result.lines:
        # A superscript/subscript never starts a line: it stays with its base character, unless
        # the base and its scripts alone are wider than a line (the previous line holds nothing
        # else: as a last resort the group is broken rather than cross the column edge).
        if line.start in script and line.start > 0:
            base = line.start
            while base > 0 and base in script:
                base -= 1
            assert previous is not None and previous.start >= base, (line.text, line.start)
        previous = line
        for run in line.runs:
            for off, y in zip(run.offsets, run.ys):
                kind = script.get(off)
                if kind is None:
                    assert run.size == pytest.approx(SIZE)
                    assert y == pytest.approx(line.baseline)
                else:
                    assert run.size == pytest.approx(SIZE * SCRIPT_SCALE)
                    rise = SUPER_RISE if kind == "superscript" else -SUB_DROP
                    assert y == pytest.approx(line.baseline - rise * SIZE)
        # One dot per emphasised character that is not punctuation or a space, under its box.
        want = []
        for run in line.runs:
            for off, x in zip(run.offsets, run.xs):
                if off in emph and _dotted(text[off]):
                    want.append(x + run.size / 2)
        assert [m.x for m in line.marks] == pytest.approx(want)
        for mark in line.marks:
            assert mark.y == pytest.approx(line.baseline + EMPHASIS_DROP * SIZE)
            assert mark.diameter == pytest.approx(EMPHASIS_DIAMETER * SIZE)


@pytest.mark.parametrize("chars", [5, 8, 13, 21])
def test_scripts_small_raised_and_glued(registry, chars):
    result = _set(registry, TEXT, SPANS, chars)
    assert result.overset_chars == 0
    _check(result, TEXT, SPANS, chars * SIZE)
    marks = sum(len(line.marks) for line in result.lines)
    assert marks == sum(1 for ch in "节约用水人人有责")


def test_superscript_has_its_own_smaller_advance(registry):
    text = "面积120m2"
    plain = _set(registry, text, [], 20).lines[0]
    sup = _set(registry, text, [InlineSpan(len(text) - 1, len(text), "superscript")], 20)
    line = sup.lines[0]
    assert [run.size for run in line.runs] == [SIZE, SIZE * SCRIPT_SCALE]
    # The paragraph's last line is not justified: its width shows the smaller advance.
    two = registry.face("serif").advance("2") * SIZE
    assert plain.width - line.width == pytest.approx(two * (1 - SCRIPT_SCALE), abs=0.01)
    # No CJK-Latin gap between the digit and its superscript: it follows the m directly.
    m_run = line.runs[0]
    m_adv = registry.face("serif").advance("m") * SIZE
    assert line.runs[1].xs[0] == pytest.approx(m_run.xs[-1] + m_adv, abs=0.01)


def test_emphasis_moves_nothing(registry):
    text = "请大家记住：节约用水，人人有责，从我做起。"
    plain = _set(registry, text, [], 7)
    marked = _set(registry, text, [InlineSpan(0, len(text), "emphasis")], 7)
    assert [(ln.start, ln.end) for ln in plain.lines] == [(ln.start, ln.end) for ln in marked.lines]
    for a, b in zip(plain.lines, marked.lines):
        assert [r.xs for r in a.runs] == [r.xs for r in b.runs]
        assert not a.marks
    dots = sum(len(line.marks) for line in marked.lines)
    assert dots == sum(1 for ch in text if _dotted(ch))


def test_spans_outside_the_text_are_harmless(registry):
    text = "上标在段落之外"
    spans = [
        InlineSpan(5, 99, "superscript"),
        InlineSpan(-3, 2, "emphasis"),
        InlineSpan(4, 4, "subscript"),
    ]
    result = _set(registry, text, spans, 13)
    _check(result, text, spans, 13 * SIZE)


_ALPHABET = "新闻排版的规则中文字符汉字ABCxyz0123456789，。、：；“”（）《》——…… -"
_KINDS = ["superscript", "subscript", "emphasis", "bold", "kai"]


@st.composite
def _paragraphs(draw):
    text = draw(st.text(alphabet=_ALPHABET, min_size=1, max_size=60))
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 5))):
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a + 1, min(n, a + 4)))
        spans.append(InlineSpan(a, b, draw(st.sampled_from(_KINDS))))
    return text, spans


@settings(max_examples=50, deadline=None)
@given(_paragraphs(), st.integers(2, 24))
def test_scripts_stay_with_their_base_at_any_measure(registry, para, chars):
    text, spans = para
    result = _set(registry, text, spans, chars)
    assert result.overset_chars == 0
    _check(result, text, spans, chars * SIZE)


def test_inline_styles_match_golden(registry):
    """The debug dump of TEXT at 13 characters (reviewed as a PNG at 200 dpi, see
    test_render_inline_styles.py): sup/sub runs print their size and raise, the dots their
    centres relative to the column and the baseline."""
    result = _set(registry, TEXT, SPANS, 13)
    text = (
        "# 上标、下标与着重号：上下标 0.6 字、升 0.35 字/降 0.15 字，紧随前字不断行；"
        "着重号在字下（标点除外）\n# measure 13 字\n" + dump_lines(result.lines)
    )
    if UPDATE or not GOLDEN.exists():
        GOLDEN.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {GOLDEN.name} was missing and has been written: review it")
    assert text == GOLDEN.read_text(encoding="utf-8")
