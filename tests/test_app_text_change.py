"""PartEdit's text_change (the widget's edit turned into one ReplaceText) against a plain
character-by-character reference: same prefix rule (no further than the hint), same suffix."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.app.part_edit import text_change

TEXT = st.text(alphabet="字甲乙\n ab", max_size=40)


def reference(old: str, new: str, hint: int = -1):
    if old == new:
        return None
    limit = min(len(old), len(new))
    if 0 <= hint < limit:
        limit = hint
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start, len(old) - tail, new[start : len(new) - tail]


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT, st.integers(-1, 45))
def test_text_change_equals_the_reference(old: str, new: str, hint: int) -> None:
    change = text_change(old, new, hint)
    assert change == reference(old, new, hint)
    if change is not None:
        start, end, text = change
        assert old[:start] + text + old[end:] == new


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(0, 40), st.text(alphabet="字\n", min_size=1, max_size=3))
def test_a_typed_insertion_is_found_where_it_was_typed(body: str, at: int, typed: str) -> None:
    at = min(at, len(body))
    new = body[:at] + typed + body[at:]
    assert text_change(body, new, at) == (at, at, typed)
