"""Proof marks anchored to story text: made with context, found again after edits.

A ProofItem keeps the characters it marks (`text`, empty for an insertion), up to CONTEXT
characters on each side (`before`, `after`) and where it was last seen (`start`, `end`). The
text can reflow or be edited anywhere else and the mark still lands on its characters:

1. the stored range still holds the same characters with the same context: there;
2. else the one place where context + text + context occurs (the nearest to the old place when
   the phrase repeats): there;
3. else nothing: the marked text itself (or its immediate context) was changed, and the mark is
   for a person to look at, never applied blindly.

A proof from an older revision is mapped the same way in one step (`map_range`): the proof
carries the part's text as it was, the two texts are compared, and a mark lands only where its
characters and their neighbours are unchanged.
"""

from __future__ import annotations

import difflib
import uuid

from newsdesk.edit.operation import OperationError
from newsdesk.edit.text import part_text
from newsdesk.model.edition import Edition, ProofItem

CONTEXT = 8  # characters of context kept on each side


def current_text(edition: Edition, story: str, part: str) -> str | None:
    """The text of a story part now; None when the story (or part) no longer exists."""
    found = edition.stories.get(story)
    if found is None:
        return None
    try:
        return part_text(found, part)
    except OperationError:
        return None


def make_item(
    edition: Edition,
    *,
    kind: str,
    story: str,
    part: str,
    start: int,
    end: int,
    replacement: str = "",
    contents: str = "",
    author: str = "",
    page: int = 0,
    item_id: str = "",
    flag: str = "",
    text: str | None = None,
) -> ProofItem:
    """A proof item on characters [start, end) of a part as the edition has it now.

    Pass `text` (the part's text then) for a flagged mark whose text is no longer in the edition.
    """
    source = text if text is not None else (current_text(edition, story, part) or "")
    return ProofItem(
        id=item_id or new_item_id(),
        kind=kind,  # type: ignore[arg-type]
        story=story,
        part=part,
        start=start,
        end=end,
        text=source[start:end],
        replacement=replacement,
        contents=contents,
        author=author,
        before=source[max(0, start - CONTEXT) : start],
        after=source[end : end + CONTEXT],
        page=page,
        revision=edition.revision,
        flag=flag,
    )


def new_item_id() -> str:
    return "mark-" + uuid.uuid4().hex[:12]


def _matches(text: str, item: ProofItem, start: int) -> bool:
    end = start + len(item.text)
    return (
        text[start:end] == item.text
        and text[max(0, start - len(item.before)) : start] == item.before
        and text[end : end + len(item.after)] == item.after
    )


def resolve(edition: Edition, item: ProofItem) -> tuple[int, int] | None:
    """Where the item's characters are now, as (start, end) in its part; None when they changed."""
    if item.flag:
        return None
    text = current_text(edition, item.story, item.part)
    if text is None:
        return None
    size = len(item.text)
    if 0 <= item.start <= len(text) and _matches(text, item, item.start):
        return item.start, item.start + size
    needle = item.before + item.text + item.after
    if not needle:
        return None
    found: list[int] = []
    at = text.find(needle)
    while at >= 0:
        found.append(at + len(item.before))
        at = text.find(needle, at + 1)
    if not found:
        return None
    best = min(found, key=lambda s: abs(s - item.start))
    return best, best + size


def map_range(old: str, new: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) of `old` in `new`, when those characters and one on each side are unchanged.

    A mark on changed text (or right against a change, where the proofreader may have meant
    the neighbour) maps to None.
    """
    if old == new:
        return start, end
    lo, hi = max(0, start - 1), min(len(old), end + 1)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        if a <= lo and hi <= a + size:
            return start - a + b, end - a + b
    return None
