"""Head breaking stays bounded (issue 10): the balancing search was cubic (a 1,500-character deck
took 8 s, 6,000 did not finish in a minute). It now looks only at lines that fit, and a head too
long to be a head is set line by line and reported by the layout audit."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from model_helpers import make_edition

from newsdesk.compose.headline import MAX_BALANCED_LINES, head_breaks, set_heads
from newsdesk.compose.setter import TextSetter
from newsdesk.layout.audit import HEAD_TOO_LONG
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import ParagraphStyle, Story, default_styles


@pytest.fixture(scope="module")
def setter(registry):
    return TextSetter(registry)


SENTENCE = "城市的早晨从菜市场开始，摊主们把新鲜的蔬菜摆上货架，顾客在讨价还价中挑选一天的食材。"


def _old_head_breaks(prep, avail: float, count: int):
    """The exhaustive search the windowed one replaced: every start for every end and count."""
    from newsdesk.compose import headline as h

    n = prep.n
    cls, brk, cum, adv = prep.cls, prep.brk, prep.cum, prep.adv
    counted = prep.count_cum
    cuts = [0] + [i for i in range(1, n) if brk[i]] + [n]
    target = (cum[n] - prep.start_cut[0]) / count

    def natural(a, b):
        width = adv[a] - prep.start_cut[a] + cum[b] - cum[a + 1]
        last = b - 1
        while last > a and cls[last] in (h.SPACE, h.INVISIBLE):
            width -= adv[last]
            last -= 1
        return width - (prep.rb[last] if last > a else 0.0)

    def cost(a, b):
        width = natural(a, b)
        if width > avail + 1e-6:
            return float("inf")
        c = (width - target) ** 2
        if counted[b] - counted[a] <= 2 and counted[n] > 2 * count:
            c += h._SHORT_LINE
        if b < n and cls[b - 1] not in h._PREFERRED_AFTER and cls[b] != h.SPACE:
            c += h._PLAIN_BREAK
        return c

    inf = float("inf")
    m = len(cuts)
    best = [[inf] * m for _ in range(count + 1)]
    back = [[0] * m for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for j in range(1, m):
            for i in range(j):
                if best[k - 1][i] == inf:
                    continue
                c = best[k - 1][i] + cost(cuts[i], cuts[j])
                if c < best[k][j]:
                    best[k][j], back[k][j] = c, i
    if best[count][m - 1] == inf:
        return None
    ends, j = [], m - 1
    for k in range(count, 0, -1):
        ends.append(cuts[j])
        j = back[k][j]
    return ends[::-1]


head_text = st.text(
    st.sampled_from(list("城市的早晨从菜市场开始摊主们吞吐量，。、“”（）《》 ABCxyz123-")),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(head_text, st.integers(min_value=4, max_value=20), st.integers(min_value=2, max_value=6))
def test_the_windowed_search_breaks_exactly_as_the_exhaustive_one(setter, text, ems, count):
    style = ParagraphStyle("headline", "heavy", 20.0, 24.0, 0.0, 0.0, "center")
    prep = setter.prepare(text, style)
    assert head_breaks(prep, float(ems), count) == _old_head_breaks(prep, float(ems), count)


def test_a_very_long_deck_is_set_in_bounded_time_with_every_character(setter):
    deck = (SENTENCE * 200)[:6000]  # did not finish in 60 s before
    story = Story("s", headline="标题", deck=deck)
    started = time.monotonic()
    lines, height = set_heads(setter, story, default_styles(), 0.0, 0.0, 300.0)
    assert time.monotonic() - started < 5.0
    deck_lines = [line for line in lines if line.part == "deck"]
    assert len(deck_lines) > MAX_BALANCED_LINES
    assert "".join(line.text for line in deck_lines) == deck
    assert height > 0


def test_a_long_head_of_few_wide_lines_is_not_balanced_at_any_cost(setter):
    # A few lines, but thousands of characters each: the search gives up and the head is set.
    style = ParagraphStyle("deck", "sans", 4.0, 5.0, 0.0, 0.0, "center")
    prep = setter.prepare((SENTENCE * 200)[:8000], style)
    started = time.monotonic()
    assert head_breaks(prep, 3000.0, 3) is None
    assert time.monotonic() - started < 5.0


def test_the_layout_audit_warns_about_a_head_too_long_to_be_one():
    edition = make_edition()
    story = edition.stories["s1"]
    story.deck = (SENTENCE * 120)[:4000]  # a paragraph of copy marked ## by mistake
    started = time.monotonic()
    engine = LayoutEngine(edition)
    found = [f for f in engine.audit() if f.code == "head_too_long"]
    assert time.monotonic() - started < 20.0
    assert len(found) == 1 and found[0].severity == "warning" and found[0].story == "s1"
    assert "副题有 4000 字" in found[0].message and f"超过 {HEAD_TOO_LONG} 字" in found[0].message
