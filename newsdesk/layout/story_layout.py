"""Laying out one story's thread: heads, byline, body through every block, room for jump lines.

The body flows block by block. Where the next block of the thread is on another page and text is
left after this block has been filled completely, the last line of the block's last text column
is reserved for the 下转 line and the block is flowed again one line shorter; the continuation
block then reserves its first body line for the 上接 line. Deciding on a *full* block first avoids
the oscillation where reserving the line would make the text not fit and not reserving would make
it fit. The jump lines' words depend on page numbers only, so they are written later, at assembly,
and a page reorder re-writes them without re-laying the thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from newsdesk.compose.dateline import is_dateline, offsets_back, run_in
from newsdesk.layout.columns import TextColumn, text_columns
from newsdesk.layout.flow_cache import FlowCache, paragraph_key
from newsdesk.layout.result import Frame, Line, RuleItem
from newsdesk.layout.threads import Thread
from newsdesk.layout.typesetter import Typesetter
from newsdesk.model.edition import (
    Block,
    Edition,
    Paragraph,
    ParagraphStyle,
    Story,
    default_styles,
)

EPS = 1e-6
HEAD_GAP = 0.4  # body lines between a head group's last descender and the first body line
HEAD_DESCENT = 0.12  # em below the baseline that a head's ink reaches


@dataclass(frozen=True)
class JumpSlot:
    """Where a jump line goes; its words are written at assembly from the current page numbers."""

    block: str
    direction: str  # "to" (下转, last line of the block) / "from" (上接, first body line)
    partner: str  # block on the other side of the jump
    page_id: str  # pages by id: a reorder changes their numbers, not the thread's layout
    partner_page_id: str
    x: float
    top: float  # em-box top of the reserved grid line
    width: float
    column: int = 0  # text column of the block the line sits in (0 = first)


@dataclass
class ThreadLayout:
    story: str
    frames: dict[str, Frame] = field(default_factory=dict)
    jumps: list[JumpSlot] = field(default_factory=list)
    body_blocks: list[str] = field(default_factory=list)  # blocks that received body text
    # Thread blocks after the first left without body text because the text had finished.
    empty_blocks: list[str] = field(default_factory=list)
    # Thread blocks that got no body text although text was left: no room (heads, 接转 lines).
    cramped_blocks: list[str] = field(default_factory=list)
    chars: int = 0  # body characters of the story
    overset_chars: int = 0
    empty_lines: int = 0  # body lines left unused after the text ended
    missing: dict[str, list] = field(default_factory=dict)  # block id -> MissingGlyph list
    problems: list[tuple[str, str]] = field(default_factory=list)  # (block id, message)


class StoryLayouter:
    """Lays out threads; owns the caches that make re-layout after an edit cheap."""

    def __init__(self, typesetter: Typesetter, flow: FlowCache):
        self.ts = typesetter
        self.flow = flow
        self._heads: dict[tuple, tuple[list[Line], float]] = {}

    def clear(self) -> None:
        self._heads.clear()
        self.flow.clear()

    # -- heads ----------------------------------------------------------------------------------

    def heads(self, story: Story, styles: dict, x: float, top: float, width: float):
        key = (story.kicker, story.headline, story.deck, repr(story.heads), story.id, x, top, width)
        hit = self._heads.get(key)
        if hit is None:
            if not (story.kicker or story.headline or story.deck):
                hit = ([], 0.0)
            else:
                hit = self.ts.heads(story, styles, x, top, width)
            self._heads[key] = hit
        return hit

    def vertical_head(self, story: Story, styles: dict, x: float, top: float, height: float):
        """A 竖排 head set right to left as vertical text reads: 引题 on the right, then 主题,
        then 副题 on the left, each part its own column(s) with a gap of half its size.
        Returns (lines, total width); the group's left edge is at x."""
        key = ("v", story.kicker, story.headline, story.deck, story.id, x, top, height)
        hit = self._heads.get(key)
        if hit is None:
            parts = [
                (text, part)
                for text, part in (
                    (story.kicker, "kicker"),
                    (story.headline, "headline"),
                    (story.deck, "deck"),
                )
                if text
            ]
            set_parts = []
            for text, part in parts:
                style = _style(styles, part)
                lines, width = self.ts.vertical_head(text, style, 0.0, top, height, story.id, part)
                set_parts.append((lines, width, style.size * 0.5))
            total = sum(w for _, w, _ in set_parts) + sum(g for _, _, g in set_parts[1:])
            lines_out: list = []
            right = x + total
            for i, (lines, width, gap) in enumerate(set_parts):
                if i:
                    right -= gap
                left = right - width
                lines_out.extend(_shift_lines(lines, left))
                right = left
            hit = (lines_out, total)
            self._heads[key] = hit
        return hit

    def text_lines(self, text: str, style: str, part: str, story: str, styles: dict, slot):
        """Set a short text (byline, jump head, caption) from the top of a slot (x, top, w, n)."""
        if not text:
            return [], 0
        res = self.flow.flow(
            [Paragraph(text, style)], [slot], (0, 0), story, part, styles, 0.0, chunked=False
        )
        return res.lines, sum(res.slot_lines)

    # -- threads --------------------------------------------------------------------------------

    def layout_thread(
        self, edition: Edition, story: Story, thread: Thread, heads_elsewhere: bool = False
    ) -> ThreadLayout:
        """Lay out a thread. `heads_elsewhere`: a headline block on the page carries the heads,
        so the first body block shows none unless it asks to (Block.show_heads=True)."""
        styles = edition.styles
        paragraphs = story.paragraphs
        # 电头 run into the first paragraph (compose/dateline.py); its lines are mapped back to
        # the paragraph's own offsets after flowing.
        run_in_chars = 0
        if paragraphs and is_dateline(story.byline):
            paragraphs = [run_in(story.byline, paragraphs[0]), *paragraphs[1:]]
            run_in_chars = len(story.byline.strip())
        keys = [paragraph_key(p) for p in paragraphs]
        # Counts are the story's own body characters, the run-in dateline left out.
        out = ThreadLayout(story.id, chars=sum(len(p.text) for p in story.paragraphs))
        state = (0, 0)
        jump_in = False
        blocks = thread.blocks
        for i, (page_index, block) in enumerate(blocks):
            page = edition.pages[page_index]
            grid = page.grid
            # The composer fills a slot in lines of the body leading; on a well-made edition
            # it equals the page's baseline grid, so body lines land on the grid.
            lead = styles["body"].leading if "body" in styles else grid.leading
            if lead <= 0:  # an edition built in code (files are refused on load)
                lead = grid.leading if grid.leading > 0 else default_styles()["body"].leading
            frame = Frame(block.id, block.kind, block.x, block.y, block.width, block.height)
            frame.story = story.id
            bottom = block.y + block.height
            text_left = _text_left(paragraphs, state)
            first = i == 0
            default_heads = first and not heads_elsewhere
            show_heads = block.show_heads if block.show_heads is not None else default_heads
            from_other_page = i > 0 and blocks[i - 1][0] != page_index
            to_other_page = i + 1 < len(blocks) and blocks[i + 1][0] != page_index

            columns = text_columns(grid, block)
            first_column = 0  # index of columns[0] among the block's text columns
            # A block dragged off the grid still sets its body on the page's baseline grid.
            k = math.ceil((block.y - grid.margin_top) / lead - EPS)
            top0 = grid.margin_top + k * lead
            tops = [top0] * len(columns)

            if show_heads and story.heads.vertical and story.headline and len(columns) > 1:
                # 引题/主题/副题 as vertical columns at the block's left, the body beside them.
                _, w = self.vertical_head(story, styles, block.x, block.y, block.height)
                # The head takes as many text columns as its width needs, centred in them.
                taken = 1
                while (
                    taken < len(columns) - 1
                    and columns[taken - 1].x + columns[taken - 1].width < block.x + w - EPS
                ):
                    taken += 1
                cover = columns[taken - 1].x + columns[taken - 1].width - block.x
                x0 = block.x + max(0.0, (cover - w) / 2)
                head, _ = self.vertical_head(story, styles, x0, block.y, block.height)
                frame.lines.extend(head)
                columns = columns[taken:]
                first_column = taken
                tops = tops[taken:]
            elif show_heads:
                span = story.heads.span
                width = grid.span_width(span) if span > 0 else block.width
                width = min(width, block.width)
                head, height = self.heads(story, styles, block.x, top0, width)
                if height > 0:
                    # The body starts on the grid line that leaves HEAD_GAP under the heads'
                    # last descender; the heads move down onto it, so every story on the page
                    # has the same space between its head group and its text.
                    ink = max(
                        ln.baseline + HEAD_DESCENT * ln.runs[0].size for ln in head if ln.runs
                    )
                    below = top0 + _whole_lines(ink + HEAD_GAP * lead - top0, lead) * lead
                    head = _lowered(head, below - HEAD_GAP * lead - ink)
                    tops = [
                        below if c.x < block.x + width - EPS else t for c, t in zip(columns, tops)
                    ]
                frame.lines.extend(head)
            elif i > 0 and from_other_page and text_left and block.show_jump_head:
                text = story.jump_head or story.headline
                n_max = max(0, int((bottom - top0) / lead + EPS))
                jl, _ = self.text_lines(
                    text,
                    "jump_head",
                    "jump_head",
                    story.id,
                    styles,
                    (block.x, top0, block.width, max(2, n_max // 3)),
                )
                frame.lines.extend(jl)
                if jl:
                    used = max(ln.baseline for ln in jl) + _style(styles, "jump_head").size * 0.12
                    below = top0 + _whole_lines(used - top0, lead) * lead
                    tops = [below] * len(columns)

            if show_heads and story.byline and columns and not run_in_chars:
                c, t = columns[0], tops[0]
                n = _lines_between(t, bottom, lead)
                bl, used = self.text_lines(
                    story.byline, "byline", "byline", story.id, styles, (c.x, t, c.width, n)
                )
                frame.lines.extend(bl)
                tops[0] = t + used * lead

            if jump_in and not (columns and _lines_between(tops[0], bottom, lead) > 0):
                out.problems.append(
                    (block.id, f"版块 {block.id} 没有空间放“上接”转版行，请加大版块")
                )
            elif jump_in:
                c, t = columns[0], tops[0]
                out.jumps.append(
                    JumpSlot(
                        block.id,
                        "from",
                        blocks[i - 1][1].id,
                        page.id,
                        edition.pages[blocks[i - 1][0]].id,
                        c.x,
                        t,
                        c.width,
                        first_column,
                    )
                )
                tops[0] = t + lead

            slots = [
                (c.x, t, c.width, _lines_between(t, bottom, lead)) for c, t in zip(columns, tops)
            ]
            later = i + 1 < len(blocks)
            res = self.flow.flow(
                paragraphs, slots, state, story.id, "body", styles, lead, keys, more_after=later
            )
            jump_out = False
            if to_other_page and not _at_end(paragraphs, res.end):
                # Text continues on another page: give up the block's last line to 下转.
                last = max((k for k, s in enumerate(slots) if s[3] > 0), default=None)
                if last is None:
                    out.problems.append(
                        (block.id, f"版块 {block.id} 没有空间放“下转”转版行，请加大版块")
                    )
                else:
                    jump_out = True
                    x, t, w, n = slots[last]
                    slots[last] = (x, t, w, n - 1)
                    res = self.flow.flow(
                        paragraphs,
                        slots,
                        state,
                        story.id,
                        "body",
                        styles,
                        lead,
                        keys,
                        more_after=later,
                    )
                    out.jumps.append(
                        JumpSlot(
                            block.id,
                            "to",
                            blocks[i + 1][1].id,
                            page.id,
                            edition.pages[blocks[i + 1][0]].id,
                            x,
                            t + (n - 1) * lead,
                            w,
                            first_column + last,
                        )
                    )
            k = 0
            for slot_index, count in enumerate(res.slot_lines):
                for line in res.lines[k : k + count]:
                    line.column = first_column + slot_index
                k += count
            if run_in_chars:
                frame.lines.extend(offsets_back(res.lines, run_in_chars))
            else:
                frame.lines.extend(res.lines)
            frame.empty_lines = res.empty_lines
            if block.rules_between:
                frame.rules.extend(_column_rules(columns, tops, bottom, block))
            if res.missing:
                out.missing[block.id] = list(res.missing)
            if text_left and res.end != state:
                out.body_blocks.append(block.id)
            elif text_left:
                out.cramped_blocks.append(block.id)
            elif i > 0:
                out.empty_blocks.append(block.id)
            if not text_left or _at_end(paragraphs, res.end):
                out.empty_lines += res.empty_lines
            state = res.end
            jump_in = jump_out  # the next block answers a 下转 with its 上接
            out.frames[block.id] = frame
        overset = _remaining(paragraphs, state)
        if run_in_chars and state[0] == 0 and state[1] < run_in_chars:
            overset -= run_in_chars - state[1]  # the unset part of the dateline is no body text
        out.overset_chars = max(0, overset)
        return out


def _style(styles: dict[str, ParagraphStyle], name: str) -> ParagraphStyle:
    """A house style, falling back to the defaults for an edition that lacks it."""
    return styles.get(name) or default_styles()[name]


def _whole_lines(height: float, lead: float) -> int:
    return max(0, math.ceil(height / lead - EPS))


def _lines_between(top: float, bottom: float, lead: float) -> int:
    return max(0, int((bottom - top) / lead + EPS))


def _at_end(paragraphs: list[Paragraph], state: tuple[int, int]) -> bool:
    return _remaining(paragraphs, state) == 0


def _text_left(paragraphs: list[Paragraph], state: tuple[int, int]) -> bool:
    return not _at_end(paragraphs, state)


def _remaining(paragraphs: list[Paragraph], state: tuple[int, int]) -> int:
    p, off = state
    if p >= len(paragraphs):
        return 0
    return max(0, len(paragraphs[p].text) - off) + sum(len(q.text) for q in paragraphs[p + 1 :])


def _column_rules(columns: list[TextColumn], tops: list[float], bottom: float, block: Block):
    rules = []
    for (a, ta), (b, tb) in zip(zip(columns, tops), zip(columns[1:], tops[1:])):
        x = (a.x + a.width + b.x) / 2
        rules.append(RuleItem(x, max(ta, tb), x, bottom, block.stroke, block.color))
    return rules


def _lowered(lines: list[Line], dy: float) -> list[Line]:
    """Copies of lines moved down by dy (heads are cached at the block top)."""
    if dy <= EPS:
        return lines
    moved = []
    for line in lines:
        runs = [replace(run, ys=[y + dy for y in run.ys]) for run in line.runs]
        marks = [replace(mark, y=mark.y + dy) for mark in line.marks]
        moved.append(replace(line, baseline=line.baseline + dy, runs=runs, marks=marks))
    return moved


def _shift_lines(lines: list[Line], dx: float) -> list[Line]:
    """Copies of lines moved right by dx (vertical head parts are set at x = 0, then placed)."""
    moved = []
    for line in lines:
        runs = [replace(run, xs=[x + dx for x in run.xs]) for run in line.runs]
        marks = [replace(mark, x=mark.x + dx) for mark in line.marks]
        moved.append(
            replace(line, x=line.x + dx, column_x=line.column_x + dx, runs=runs, marks=marks)
        )
    return moved
