"""Helpers for the layout tests: editions built in code, and a trivial typesetter.

FakeTypesetter sets every character one em wide and breaks lines anywhere, so the thread and jump
logic can be tested with exact, hand-countable line contents, independent of the real composer.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from newsdesk.layout.result import GlyphRun, Line
from newsdesk.model.edition import Block, Edition, Page, Paragraph, Story


@dataclass
class FakeTypesetter:
    calls: int = 0

    def slot(self, x, top, width, lines, more=0, column_start=True, later=False):
        return (x, top, width, lines)

    def state_tuple(self, state):
        return tuple(state)

    def _line(self, text, story, part, para, start, x, top, size, width, indent):
        xs = [x + indent + i * size for i in range(len(text))]
        baseline = top + 0.88 * size
        run = GlyphRun(
            "serif", size, text, xs, [baseline] * len(text), list(range(start, start + len(text)))
        )
        return Line(
            text,
            story,
            part,
            para,
            start,
            start + len(text),
            x + indent,
            baseline,
            len(text) * size,
            x,
            width,
            0,
            [run],
        )

    def flow(self, paragraphs, slots, start, *, story, part, styles):
        self.calls += 1
        p, off = start
        lines, used, empty = [], [], 0
        for x, top, width, n in slots:
            k = 0
            while k < n and p < len(paragraphs):
                para = paragraphs[p]
                st = styles[para.style]
                if off >= len(para.text):
                    p, off = p + 1, 0
                    continue
                indent = st.indent * st.size if off == 0 else 0.0
                cap = max(1, int((width - indent) / st.size + 1e-6))
                chunk = para.text[off : off + cap]
                line = self._line(
                    chunk, story, part, p, off, x, top + k * st.leading, st.size, width, indent
                )
                if st.align == "right":
                    shift = width - line.width - indent
                    line.x += shift
                    line.runs[0].xs = [v + shift for v in line.runs[0].xs]
                lines.append(line)
                off += len(chunk)
                k += 1
                if off >= len(para.text):
                    p, off = p + 1, 0
            used.append(k)
            empty += n - k
        rest = sum(len(q.text) for q in paragraphs[p:]) - off if p < len(paragraphs) else 0
        return SimpleNamespace(
            lines=lines,
            slot_lines=used,
            end=(p, off),
            overset_chars=rest,
            missing=[],
            empty_lines=empty,
        )

    def heads(self, story, styles, x, top, width):
        lines, y = [], top
        for text, style, part in (
            (story.kicker, "kicker", "kicker"),
            (story.headline, "headline", "headline"),
            (story.deck, "deck", "deck"),
        ):
            if not text:
                continue
            st = styles[style]
            cap = max(1, int(width / st.size))
            lines.append(self._line(text[:cap], story.id, part, 0, 0, x, y, st.size, width, 0.0))
            y += st.leading
        return lines, y - top

    def vertical_head(self, text, style, x, top, height, story="", part="headline"):
        ys = [top + i * style.size for i in range(len(text))]
        run = GlyphRun(
            "heavy", style.size, text, [x] * len(text), ys, list(range(len(text))), vertical=True
        )
        line = Line(
            text,
            "",
            "headline",
            0,
            0,
            len(text),
            x,
            top,
            len(text) * style.size,
            x,
            style.size,
            0,
            [run],
        )
        return [line], style.size


def para(n: int, seed: str = "字") -> Paragraph:
    """A paragraph of n characters."""
    return Paragraph((seed * n)[:n])


def story_block(
    page: Page, block_id: str, story: str, column: int, span: int, top: int, lines: int, **kw
) -> Block:
    x, y, w, h = page.grid.block_rect(page.width, column, span, top, lines)
    block = Block(block_id, "story", x, y, w, h, story=story, **kw)
    page.blocks.append(block)
    return block


def two_page_edition(chars: int = 100, pages: int = 3) -> Edition:
    """Story s1: block a on page 1 (1 column x 4 lines), continued in block b on the last page."""
    ed = Edition(pages=[Page(f"p{i + 1}") for i in range(pages)])
    story = Story("s1", slug="测试稿", headline="标题", paragraphs=[para(chars)], thread=["a", "b"])
    ed.stories["s1"] = story
    story_block(ed.pages[0], "a", "s1", 0, 1, 10, 6, show_heads=False)
    story_block(ed.pages[-1], "b", "s1", 0, 1, 10, 20)
    return ed
