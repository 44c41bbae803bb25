"""Render the golden composition cases to a PDF for review by eye.

    .venv/bin/python tests/compose_review.py /tmp/review.pdf
    pdftoppm -r 150 -png /tmp/review.pdf /tmp/review

One page per case: the rule in small type at the top, the case set in its column with a hairline
box at the column edges (so justification and trimmed punctuation can be judged), the heads and
the vertical head on the last pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from compose_cases import CASES  # noqa: E402
from test_compose_golden import heads_story, set_case  # noqa: E402

from newsdesk.compose import ColumnSlot, TextSetter, flow, set_heads, set_vertical_head  # noqa: E402
from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.layout.result import BoxItem, Frame, PageLayout  # noqa: E402
from newsdesk.model.edition import Paragraph, ParagraphStyle, default_styles  # noqa: E402
from newsdesk.render.pdf import write_pdf  # noqa: E402

LEFT, TOP = 20.0, 60.0


def _note(setter, text: str, width: float):
    style = ParagraphStyle("note", "sans", 6.5, 9.0, 0.0, 0.0, "left")
    styles = {"body": style}
    return flow(setter, [Paragraph(text, "body")], [ColumnSlot(LEFT, 12, width, 5)], styles=styles)


def main(out: str) -> None:
    reg = default_registry()
    setter = TextSetter(reg)
    pages = []
    for k, case in enumerate(CASES):
        result = set_case(reg, case)
        width = case.chars * 9.0
        page = PageLayout(k, k + 1, case.name, width + 2 * LEFT, 200)
        frame = Frame("", "galley", LEFT, TOP, width, 13.5 * len(result.lines))
        for line in result.lines:
            line.x += LEFT
            line.column_x += LEFT
            line.baseline += TOP
            for run in line.runs:
                run.xs = [x + LEFT for x in run.xs]
                run.ys = [y + TOP for y in run.ys]
        frame.lines = result.lines + _note(setter, case.rule, width).lines
        frame.boxes.append(BoxItem(LEFT, TOP, width, frame.height, stroke=0.1))
        page.frames.append(frame)
        pages.append(page)
    lines, height = set_heads(setter, heads_story(), default_styles(), LEFT, TOP, 360.0)
    page = PageLayout(len(pages), len(pages) + 1, "heads", 400, 200)
    frame = Frame("", "headline", LEFT, TOP, 360, height, lines=lines)
    frame.boxes.append(BoxItem(LEFT, TOP, 360, height, stroke=0.1))
    page.frames.append(frame)
    pages.append(page)
    style = default_styles()["headline"]
    lines, width = set_vertical_head(
        setter, "春风十里，“绿”满城（图）——植树节", style, LEFT, TOP, 8 * 26.0
    )
    page = PageLayout(len(pages), len(pages) + 1, "vertical", 200, 300)
    frame = Frame("", "headline", LEFT, TOP, width, 8 * 26.0, lines=lines)
    frame.boxes.append(BoxItem(LEFT, TOP, width, 8 * 26.0, stroke=0.1))
    page.frames.append(frame)
    pages.append(page)
    write_pdf(pages, out, reg, title="composer golden cases")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "compose-review.pdf")
