"""Find and replace in stories (查找替换): every occurrence of a text in the heads and bodies of one
story or of the whole edition, and "replace all" as one Batch of ReplaceText (one undo step).

Offsets are those of ReplaceText: a head's own text, or the body with paragraphs joined by "\\n".
A search never matches across a paragraph break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.edit.operation import Batch, Operation, OperationError
from newsdesk.edit.text import ReplaceText, part_text
from newsdesk.model.edition import Edition

# The order a reader meets the parts of a story in.
SEARCH_PARTS = ("kicker", "headline", "deck", "byline", "body", "jump_head")


@dataclass(frozen=True, order=True)
class Hit:
    story_index: int  # position of the story in the edition (file order)
    part_index: int  # position of the part in SEARCH_PARTS
    start: int
    end: int
    story: str
    part: str


def _pattern(needle: str, match_case: bool) -> re.Pattern:
    return re.compile(re.escape(needle), 0 if match_case else re.IGNORECASE)


def find_all(
    edition: Edition, needle: str, story_id: str | None = None, match_case: bool = False
) -> list[Hit]:
    """Every occurrence, in reading order: stories in file order, parts in SEARCH_PARTS order."""
    if not needle or "\n" in needle:
        return []
    pattern = _pattern(needle, match_case)
    hits: list[Hit] = []
    for si, (sid, story) in enumerate(edition.stories.items()):
        if story_id is not None and sid != story_id:
            continue
        for pi, part in enumerate(SEARCH_PARTS):
            text = part_text(story, part)
            for m in pattern.finditer(text):
                hits.append(Hit(si, pi, m.start(), m.end(), sid, part))
    return hits


def replace_all(edition: Edition, hits: list[Hit], replacement: str) -> Operation:
    """One Batch replacing every hit; later hits of a part first, so offsets stay right."""
    if not hits:
        raise OperationError("没有找到要替换的文字")
    ops = tuple(
        ReplaceText(h.story, h.part, h.start, h.end, replacement)
        for h in sorted(hits, key=lambda h: (h.story_index, h.part_index, -h.start))
    )
    return Batch(ops, f"全部替换（{len(ops)} 处）")
