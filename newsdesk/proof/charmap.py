"""Where every character of story text sits on a page: the map a proof carries.

For each laid-out line of story text (引题, 主题, 副题, 署名, 转版标题, 正文) the map keeps one box
per printed character, with the source range it stands for: offsets in the story part's text
(body: paragraphs joined by "\\n"), so a point on the proof maps back to (story, part, offset).
Boxes are in page coordinates (points, origin top-left, y down), as the layout gives them; the
proof writer turns them into PDF user space (proof/export.py).

Lines that are not story text (下转/上接 jump lines, captions, credits, free text blocks) are
left out: a mark there cannot be applied to a story.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsdesk.edit.text import PARTS, paragraph_offsets
from newsdesk.layout.result import Line, PageLayout
from newsdesk.model.edition import Edition

EM_ASCENT = 0.88  # the em box's top above the baseline (render/pdf.py)


@dataclass(slots=True)
class CharBox:
    x0: float
    y0: float
    x1: float
    y1: float
    start: int  # offsets in the part's text of the source this glyph stands for
    end: int

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class LineBoxes:
    story: str
    part: str
    vertical: bool
    chars: list[CharBox] = field(default_factory=list)


def _advance(registry: Any, face_key: str, ch: str) -> float:
    """Advance of a character in em (1 em when the face is unknown: CJK text)."""
    if registry is None:
        return 1.0
    try:
        face = registry.face_by_key(face_key)
    except Exception:  # noqa: BLE001 - an unknown face only makes the box an em wide
        return 1.0
    return float(face.advances.get(ch, 1.0))


def _line_boxes(line: Line, base: int, text: str, registry: Any) -> LineBoxes:
    """`text` is the source the line was set from (one paragraph of the body, or a head)."""
    out = LineBoxes(line.story, line.part, any(r.vertical for r in line.runs))
    glyphs: list[tuple[float, float, float, float, int]] = []
    for run in line.runs:
        size = run.size
        for i, ch in enumerate(run.chars):
            x, y = run.xs[i], run.ys[i]
            if run.vertical:
                glyphs.append((x, y, x + size, y + size, run.offsets[i]))
                continue
            right = x + _advance(registry, run.face, ch) * size
            if i + 1 < len(run.chars) and x < run.xs[i + 1] < right:
                right = run.xs[i + 1]  # compressed punctuation: the next glyph starts sooner
            top = y - EM_ASCENT * size
            glyphs.append((x, top, right, top + size, run.offsets[i]))
    # An expanded field ({版次} printed as 第一版) is drawn with glyphs that all carry the offset
    # of its opening brace: each of them stands for the whole field, up to its closing brace.
    for x0, y0, x1, y1, offset in glyphs:
        end = offset + 1
        if text[offset : offset + 1] == "{":
            close = text.find("}", offset)
            if close > offset:
                end = close + 1
        out.chars.append(CharBox(x0, y0, x1, y1, base + offset, base + end))
    return out


def page_char_map(page: PageLayout, edition: Edition, registry: Any = None) -> list[LineBoxes]:
    """The story-text lines of a laid-out page, each with its characters' boxes."""
    out: list[LineBoxes] = []
    starts: dict[str, list[int]] = {}
    for line in page.lines():
        if not line.story or line.part not in PARTS or line.story not in edition.stories:
            continue
        story = edition.stories[line.story]
        base = 0
        if line.part == "body":
            offsets = starts.get(line.story)
            if offsets is None:
                offsets = starts[line.story] = paragraph_offsets(story)
            if not 0 <= line.paragraph < len(offsets):
                continue
            base = offsets[line.paragraph]
            text = story.paragraphs[line.paragraph].text
        else:
            text = getattr(story, line.part)
        boxes = _line_boxes(line, base, text, registry)
        if boxes.chars:
            out.append(boxes)
    return out
