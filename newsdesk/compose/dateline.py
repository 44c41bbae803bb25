"""电头: the dateline 「本报讯（记者 林晓 通讯员 周亮）」 run into the story's first paragraph.

Chinese dailies print the dateline at the head of the first paragraph, in its own face, not as a
line of its own. The story keeps it in `Story.byline`; layout and galley set the first paragraph
as `run_in(byline, paragraph)`: the byline's characters, then the paragraph's, with a `dateline`
span over the byline. The setter sets that span in the dateline face (`DATELINE_ROLES`) and
keeps each role label with its name (记者 林晓 is one unit: a line never ends after 记者), and the
leading source (本报讯, 新华社北京12月1日电) whole; flow never lets a column break fall inside
the dateline.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsdesk.model.story import InlineSpan, Paragraph

# The face of the dateline per body role: 黑体 beside the Song body, heavy beside 黑体 text.
DATELINE_ROLES = {
    "serif": "sans_bold",
    "kai": "sans_bold",
    "sans": "sans_bold",
    "heavy": "sans_bold",
    "sans_bold": "heavy",
}

# A byline that is a dateline: a source ending in 讯 or 电 before any bracket (本报讯,
# 本报杭州12月1日电, 新华社北京12月1日电). A plain byline (本报记者 苏晴) keeps its own line.
_SOURCE = re.compile(r"^[^（(\s]{1,24}[讯电](?:[（(]|$)")
_ROLES = "见习记者|实习记者|特约记者|摄影记者|首席记者|特约通讯员|记者|通讯员|实习生|摄影|摄"
# A role label, its space, and the name after it: one unit.
_ROLE_NAME = re.compile(rf"(?:{_ROLES})[ \u3000\u00a0]+[^ \u3000\u00a0（）()，、；]+")
# The source before the bracket: 本报讯 / 本报杭州12月1日电.
_LEAD = re.compile(r"^[^（(\s]+")


def is_dateline(byline: str) -> bool:
    """Whether a story's byline is a dateline to run into the first paragraph (one line of
    copy whose source ends in 讯 or 电)."""
    text = byline.strip()
    return bool(text) and "\n" not in text and len(text) <= 60 and bool(_SOURCE.match(text))


def run_in(byline: str, paragraph: Paragraph) -> Paragraph:
    """The first paragraph with the dateline in front of it, under a `dateline` span."""
    head = byline.strip()
    spans = [InlineSpan(0, len(head), "dateline")]
    spans += [InlineSpan(s.start + len(head), s.end + len(head), s.kind) for s in paragraph.spans]
    return Paragraph(head + paragraph.text, paragraph.style, spans)


def keep_together(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Ranges [a, b) of the dateline text[start:end] that a line may not break inside: the
    source before the bracket and every role label with its name."""
    part = text[start:end]
    ranges = []
    lead = _LEAD.match(part)
    if lead and lead.end() > 1:
        ranges.append((start, start + lead.end()))
    for m in _ROLE_NAME.finditer(part):
        ranges.append((start + m.start(), start + m.end()))
    return ranges


def offsets_back(lines: list, chars: int) -> list:
    """Lines of a first paragraph set with its dateline (`chars` characters) in front, with
    offsets back in the paragraph's own text: the dateline's glyphs carry offset 0, where it
    stands (as an expanded field's glyphs carry their brace's). Copies: flowed lines may be
    cached. Lines of other paragraphs, and head lines, are passed through."""
    out = []
    for line in lines:
        if line.paragraph != 0 or line.part != "body":
            out.append(line)
            continue
        runs = [replace(run, offsets=[max(0, o - chars) for o in run.offsets]) for run in line.runs]
        out.append(
            replace(line, start=max(0, line.start - chars), end=max(0, line.end - chars), runs=runs)
        )
    return out
