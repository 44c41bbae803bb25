"""From a point on a laid-out page back to the character of the copy under it.

Every glyph carries its source offset within its paragraph (result.py); a story's body is edited
as its paragraphs joined by "\\n", so a body offset is the paragraph's start plus the glyph's
offset. Heads (kicker, headline, deck, byline, jump head) are one paragraph each.
"""

from __future__ import annotations

from newsdesk.layout.result import Line, PageLayout
from newsdesk.model.edition import Story

# Parts of a story the story editor edits (jump lines, captions and credits are not story text).
STORY_PARTS = ("body", "kicker", "headline", "deck", "byline", "jump_head")


def line_under(page: PageLayout, x: float, y: float) -> Line | None:
    """The story line whose glyphs are under (x, y): horizontal lines by their em band, vertical
    heads by their column of glyphs."""
    best = None
    for line in page.lines():
        if not line.runs:
            continue
        run = line.runs[0]
        if run.vertical:
            size = run.size
            xs = [r.xs[0] for r in line.runs if r.xs]
            top = min(min(r.ys) for r in line.runs if r.ys)
            bottom = max(max(r.ys) for r in line.runs if r.ys) + size
            if min(xs) <= x <= min(xs) + size and top <= y <= bottom:
                return line
            continue
        size = max(r.size for r in line.runs)
        if (
            line.x - 1 <= x <= line.x + line.width + 1
            and line.baseline - 0.88 * size <= y <= line.baseline + 0.12 * size
        ):
            best = line
            break
    return best


def char_offset(line: Line, x: float, y: float) -> int:
    """Source offset (within the line's paragraph) of the glyph under (x, y); a point in a
    glyph's right half, or past the line's end, gives the offset after it (where a caret goes)."""
    best_offset = line.start
    best_distance = None
    for run in line.runs:
        for i, offset in enumerate(run.offsets):
            if run.vertical:
                lo, hi = run.ys[i], run.ys[i] + run.size
                pos = y
            else:
                lo = run.xs[i]
                hi = run.xs[i + 1] if i + 1 < len(run.xs) else lo + run.size
                hi = max(hi, lo + 0.01)
                pos = x
            if lo <= pos <= hi:
                return offset + (1 if pos > (lo + hi) / 2 else 0)
            distance = min(abs(pos - lo), abs(pos - hi))
            if best_distance is None or distance < best_distance:
                best_distance = distance
                best_offset = offset + (1 if pos > hi else 0)
    return best_offset


def part_offset(story: Story, line: Line, offset: int) -> int:
    """An offset within the line's paragraph as an offset in the whole part (body: paragraphs
    joined by "\\n")."""
    if line.part != "body":
        return offset
    return sum(len(p.text) + 1 for p in story.paragraphs[: line.paragraph]) + offset


def source_at(
    page: PageLayout, stories: dict[str, Story], x: float, y: float
) -> tuple[str, str, int] | None:
    """(story id, part, offset in the part) of the copy under (x, y), or None."""
    line = line_under(page, x, y)
    if line is None or line.part not in STORY_PARTS or line.story not in stories:
        return None
    story = stories[line.story]
    return line.story, line.part, part_offset(story, line, char_offset(line, x, y))
