"""The layout engine: an Edition in, one PageLayout per page out, re-laying only what changed.

    engine = LayoutEngine(edition, registry=None, base_dir=Path("..."))
    pages = engine.layout()          # whole edition; cached per thread and per block
    engine.copyfit()                 # {story id: Copyfit}  (超 N 字 / 缺 N 行 / 正好)
    engine.copyfit(relayout=False)   # the same, of the last layout() (no fingerprinting)
    engine.audit()                   # [Finding]  jumps, threads, empty blocks, overset, images

Callers need not say what changed. At each layout() the engine takes a cheap fingerprint of every
story with the geometry of its thread's blocks, and of every other block; a thread is re-laid only
when its fingerprint differs, and then the chunked flow cache (flow_cache.py) re-sets only the
lines an edit really moved. Page order and labels are not in any fingerprint: they only change the
words of jump lines, which are re-written at every assembly (a few lines each) -- and the values
of fields ({版次}, {稿:ID}, see fields.py). Fields are expanded before fingerprinting, so a story
whose expanded text changed (its page moved) is re-laid and every other one is not.
invalidate_story()/invalidate_all() exist for callers that change things behind the model's back
(fonts, image files).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsdesk.layout.audit import (
    Finding,
    audit_heads,
    audit_jumps,
    audit_threads,
    with_shared_severity,
)
from newsdesk.layout.block_layout import BlockOutcome, layout_block
from newsdesk.layout.columns import text_columns
from newsdesk.layout.copyfit import Copyfit, make_copyfit
from newsdesk.layout.fields import Expansion, FieldValues, source_lines, source_overset
from newsdesk.layout.flow_cache import FlowCache, paragraph_key
from newsdesk.layout.jump_text import jump_text, page_label
from newsdesk.layout.overflow import audit_overflow
from newsdesk.layout.page_rules import page_rule_findings
from newsdesk.layout.result import Frame, JumpLine, Line, MissingGlyph, PageLayout
from newsdesk.layout.snapshot import snapshot
from newsdesk.layout.story_layout import JumpSlot, StoryLayouter, ThreadLayout
from newsdesk.layout.text_colour import coloured
from newsdesk.layout.threads import Thread, ThreadProblem, resolve_threads
from newsdesk.layout.typesetter import ComposerTypesetter, Typesetter
from newsdesk.model.edition import CMYK, Block, Edition


class LayoutEngine:
    def __init__(
        self,
        edition: Edition,
        registry=None,
        base_dir: Path | None = None,
        typesetter: Typesetter | None = None,
    ):
        self.edition = edition
        self.base_dir = Path(base_dir) if base_dir is not None else None
        self.ts = typesetter or ComposerTypesetter(registry, edition.kinsoku)
        self.registry = getattr(self.ts, "registry", registry)
        self.flow = FlowCache(self.ts)
        self.layouter = StoryLayouter(self.ts, self.flow)
        self._threads: dict[str, tuple[tuple, ThreadLayout]] = {}
        self._blocks: dict[str, tuple[tuple, BlockOutcome]] = {}
        self._jump_lines: dict[tuple, list[Line]] = {}
        self._missing: dict[int, tuple[Frame, list[MissingGlyph]]] = {}
        self._global_key: tuple | None = None
        self._pages: list[PageLayout] | None = None
        self._problems: list[ThreadProblem] = []
        self._thread_of: dict[str, Thread] = {}
        self._field_findings: list[Finding] = []
        self._fields = FieldValues(edition, {})  # replaced at every layout()
        self._grid_keys: dict[int, str] = {}
        self._laid: dict[str, ThreadLayout] = {}
        self._copyfit: dict[str, Copyfit] | None = None  # of the last layout(), made on demand
        self._copyfit_of: dict[str, tuple[tuple, Copyfit]] = {}  # by the _threads entry it is of
        # Frames with jump lines added, by block: reused while the frame and its jump lines are
        # the same objects, so an unchanged block keeps its frame (the window repaints by that).
        self._jump_frames: dict[str, tuple[Frame, tuple, Frame]] = {}
        self.relaid: list[str] = []  # stories re-laid by the last layout(), for tests and the GUI
        self.partial = False  # the last layout() was of one page only (layout(only_page=…))

    # -- invalidation ---------------------------------------------------------------------------

    def invalidate_story(self, story_id: str) -> None:
        self._threads.pop(story_id, None)

    def invalidate_all(self) -> None:
        """Forget everything, including measured text (call it after fonts change)."""
        if hasattr(self.ts, "reset"):
            self.ts.reset(self.edition.kinsoku)
        self._threads.clear()
        self._blocks.clear()
        self._jump_lines.clear()
        self.layouter.clear()

    # -- layout ---------------------------------------------------------------------------------

    def layout(self, only_page: int | None = None) -> list[PageLayout]:
        """Every page laid out. `only_page` (an index): lay out just what that page shows (the
        threads with a block on it, whole, and its other blocks) and leave the other pages empty
        (frames, jumps and missing glyphs none) -- the window paints the first page of an
        edition it opens before laying out the rest. `partial` then says so; the next full
        layout() reuses all of it."""
        ed = self.edition
        if only_page is not None and not 0 <= only_page < len(ed.pages):
            only_page = None
        self.partial = only_page is not None
        global_key = (tuple((k, snapshot(v)) for k, v in ed.styles.items()), ed.kinsoku)
        if global_key != self._global_key:
            self.invalidate_all()
            self._global_key = global_key
        self.flow.begin_pass()
        self._copyfit = None
        threads, self._problems = resolve_threads(ed)
        self._thread_of = threads
        self.relaid = []
        self._field_findings = []
        fields = FieldValues(ed, threads)
        fields.adopt(self._fields)
        self._fields = fields
        laid: dict[str, ThreadLayout] = {}
        headed = {b.story for p in ed.pages for b in p.blocks if b.kind == "headline" and b.story}
        # Each page's grid in its fingerprint form, once per layout (not once per block).
        self._grid_keys = {id(page): snapshot(page.grid) for page in ed.pages}
        for sid, thread in threads.items():
            if only_page is not None and all(i != only_page for i, _b in thread.blocks):
                continue
            source = ed.stories[sid]
            story, maps = fields.expand_story(source)
            if maps and thread.blocks:  # a story on no page prints nothing: nothing to report
                page_index, first = thread.blocks[0]
                self._note_fields(maps, page_index + 1, first.id, sid)
            key = (_thread_key(ed, story, thread, self._grid_keys), sid in headed)
            hit = self._threads.get(sid)
            if hit is None or hit[0] != key:
                tl = self.layouter.layout_thread(ed, story, thread, sid in headed)
                _finish_thread(tl, thread, source, maps)
                self._threads[sid] = (key, tl)
                self.relaid.append(sid)
            laid[sid] = self._threads[sid][1]
        for sid in list(self._threads):
            if sid not in threads:
                del self._threads[sid]
        self.flow.end_pass(set(self.relaid), set(threads))

        frames_by_block: dict[str, Frame] = {}
        jumps_by_block: dict[str, list[JumpSlot]] = {}
        for tl in laid.values():
            frames_by_block.update(tl.frames)
            for js in tl.jumps:
                jumps_by_block.setdefault(js.block, []).append(js)

        pages: list[PageLayout] = []
        seen_blocks: set[str] = set()
        jump_frames: dict[str, tuple[Frame, tuple, Frame]] = {}
        for index, page in enumerate(ed.pages):
            number = index + 1
            pl = PageLayout(index, number, page_label(page, number), page.width, page.height)
            pages.append(pl)
            if only_page is not None and index != only_page:
                seen_blocks.update(b.id for b in page.blocks)  # first one wins, as below
                continue
            for block in page.blocks:
                if block.id in seen_blocks:
                    continue  # a duplicated id: the first one wins (the audit names it)
                seen_blocks.add(block.id)
                frame = frames_by_block.get(block.id)
                if frame is None:
                    frame = self._other_block(index, page, block).frame
                    if block.kind == "story":  # a story block outside every thread: empty
                        frame = Frame(
                            block.id,
                            block.kind,
                            block.x,
                            block.y,
                            block.width,
                            block.height,
                            story=block.story or "",
                        )
                slots = jumps_by_block.get(block.id)
                if slots:
                    jump_lines = []
                    for js in slots:
                        line, jl = self._jump_line(js, frame.story, block.text_color)
                        jump_lines.append(line)
                        pl.jumps.append(jl)
                    frame = self._with_jump_lines(frame, jump_lines)
                    jump_frames[block.id] = self._jump_frames[block.id]
                pl.frames.append(frame)
        self._jump_frames = jump_frames
        # Missing glyphs from every line (body, heads, captions, jump lines), cached per frame.
        known: dict[int, tuple[Frame, list[MissingGlyph]]] = {}
        for pl in pages:
            for frame in pl.frames:
                hit = self._missing.get(id(frame))
                if hit is None or hit[0] is not frame:
                    hit = (frame, _frame_missing(frame))
                known[id(frame)] = hit
                pl.missing.extend(hit[1])
        self._missing = known
        self._pages = pages
        self._laid = laid
        return pages

    def _with_jump_lines(self, frame: Frame, jump_lines: list[list[Line]]) -> Frame:
        """The frame with its jump lines appended; the same object as last time when the frame
        and the (cached) jump lines are."""
        hit = self._jump_frames.get(frame.block)
        if (
            hit is not None
            and hit[0] is frame
            and len(hit[1]) == len(jump_lines)
            and all(a is b for a, b in zip(hit[1], jump_lines))
        ):
            return hit[2]
        out = replace(frame, lines=list(frame.lines))
        for lines in jump_lines:
            out.lines.extend(lines)
        self._jump_frames[frame.block] = (frame, tuple(jump_lines), out)
        return out

    def _other_block(self, page_index: int, page, block: Block) -> BlockOutcome:
        """A picture, ad, rule, box or free-text block, its fields expanded for its page."""
        block, story, maps = self._expanded_block(page_index, block)
        grid = self._grid_keys.get(id(page)) or snapshot(page.grid)
        key = (snapshot(block), grid, self.base_dir)
        if block.kind == "headline" and story is not None:
            key = key + (_head_fields(story),)
        hit = self._blocks.get(block.id)
        if hit is None or hit[0] != key:
            out = layout_block(self.layouter, self.edition, page.grid, block, self.base_dir, story)
            out.frame.lines = coloured(source_lines(out.frame.lines, maps), block.text_color)
            hit = (key, out)
            self._blocks[block.id] = hit
        return hit[1]

    def _expanded_block(self, page_index: int, block: Block):
        """(block with expanded texts, story with expanded heads or None, expansions by part)."""
        fields = self._fields
        source = self.edition.stories.get(block.story or "")
        story, story_maps = None, {}
        if source is not None and block.kind in ("headline", "caption"):
            story, story_maps = fields.expand_story(source)
        maps: dict[tuple[str, int], Expansion] = {}
        changes: dict[str, str] = {}
        if block.kind == "headline":
            parts = [("text", "text")] if story is None else []
            maps.update((k, v) for k, v in story_maps.items() if k[0] != "body")
        elif block.kind == "caption":
            parts = [("text", "caption")]
            if not block.text and ("headline", 0) in story_maps:
                maps[("caption", 0)] = story_maps[("headline", 0)]  # the caption is the headline
        elif block.kind in ("image", "ad"):
            parts = [("caption", "caption"), ("credit", "credit")]
        else:
            parts = []
        for attr, part in parts:
            exp = fields.expand(getattr(block, attr), page_index)
            if exp is not None:
                maps[(part, 0)] = exp
                changes[attr] = exp.text
        if maps:
            self._note_fields(maps, page_index + 1, block.id, block.story or "")
        if changes:
            block = replace(block, **changes)
        return block, story, maps

    def _note_fields(
        self, maps: dict[tuple[str, int], Expansion], page: int, block: str, story: str
    ) -> None:
        """Record what was wrong with fields (unknown, unclosed, missing story) for audit()."""
        # Once per story (its heads may be set in a headline block too), else once per block.
        seen = {(f.code, f.message, f.story or f.block) for f in self._field_findings}
        for exp in maps.values():
            for problem in exp.problems:
                key = (problem.code, problem.message, story or block)
                if key in seen:
                    continue
                seen.add(key)
                self._field_findings.append(
                    Finding("error", problem.code, problem.message, page, block, story)
                )

    def _jump_line(
        self, js: JumpSlot, story: str, color: CMYK | None = None
    ) -> tuple[list[Line], JumpLine]:
        ed = self.edition
        index = {p.id: i for i, p in enumerate(ed.pages)}
        here, there = index[js.page_id], index[js.partner_page_id]
        number = there + 1
        text = jump_text(ed.jump_style, js.direction, number, ed.pages[there].label)
        key = (text, js.x, js.top, js.width, story, color, js.column)
        lines = self._jump_lines.get(key)
        if lines is None:
            lines, _ = self.layouter.text_lines(
                text, "jump", "jump", story, ed.styles, (js.x, js.top, js.width, 1)
            )
            lines = coloured(lines, color)
            for line in lines:
                line.column = js.column  # the block's column it sits in, as body lines say
            self._jump_lines[key] = lines
        jl = JumpLine(story, js.direction, text, here + 1, number, js.block, js.partner, js.column)
        return lines, jl

    # -- reports --------------------------------------------------------------------------------

    def copyfit(self, relayout: bool = True) -> dict[str, Copyfit]:
        """Copyfit of every story. `relayout=False` reports on the last layout() without
        fingerprinting the edition again: for a caller that has just laid out after its edit (the
        window re-lays after every edit, then its badges, out-ports and panels read this)."""
        if relayout or self._pages is None:
            self.layout()  # cheap when nothing changed; never report on a stale layout
        if self._copyfit is None:
            self._copyfit = self._make_copyfit()
        return dict(self._copyfit)

    def threads(self) -> dict[str, Thread]:
        """The story threads of the last layout() (resolved from the edition then)."""
        if self._pages is None:
            self.layout()
        return self._thread_of

    def _make_copyfit(self) -> dict[str, Copyfit]:
        out: dict[str, Copyfit] = {}
        cache: dict[str, tuple[tuple, Copyfit]] = {}
        for sid, tl in self._laid.items():
            # A thread whose cache entry is the one its copyfit was made from (same key: same
            # text, blocks and grids) has the same copyfit: a keystroke re-makes one of forty.
            entry = self._threads.get(sid)
            hit = self._copyfit_of.get(sid)
            if entry is not None and hit is not None and hit[0] is entry:
                out[sid] = hit[1]
                cache[sid] = hit
                continue
            thread = self._thread_of.get(sid)
            line_chars = 0
            if thread and thread.blocks:
                page_index, block = thread.blocks[-1]
                grid = self.edition.pages[page_index].grid
                cols = text_columns(grid, block)
                line_chars = round(cols[-1].width / grid.body_size)
            blocks = len(thread.blocks) if thread else 0
            out[sid] = make_copyfit(
                sid, tl.chars, tl.overset_chars, tl.empty_lines, line_chars, blocks
            )
            if entry is not None and entry[1] is tl:
                cache[sid] = (entry, out[sid])
        self._copyfit_of = cache
        return out

    def audit(self) -> list[Finding]:
        pages = self.layout()
        block_page = {
            b.id: i + 1 for i, p in enumerate(self.edition.pages) for b in reversed(p.blocks)
        }
        found = audit_threads(self.edition, self._problems, self._laid, block_page)
        found.extend(audit_jumps(self.edition, pages))
        found.extend(self._field_findings)
        found.extend(audit_heads(self.edition, block_page))
        found.extend(page_rule_findings(self.edition, pages))
        # A block with no area is reported once, as too small, not also for every head in it.
        no_area = {
            b.id
            for page in self.edition.pages
            for b in page.blocks
            if b.kind != "rule" and (b.width < 1.0 or b.height < 1.0)
        }
        found.extend(f for f in audit_overflow(self.edition, pages) if f.block not in no_area)
        for page in self.edition.pages:
            for block in page.blocks:
                if block.kind != "rule" and (block.width < 1.0 or block.height < 1.0):
                    found.append(
                        Finding(
                            "error",
                            "block_too_small",
                            f"版块 {block.id} 太小（{block.width:g}×{block.height:g} 磅），"
                            "放不下任何内容，请加大版块",
                            block_page.get(block.id, 0),
                            block.id,
                            block.story or "",
                        )
                    )
                hit = self._blocks.get(block.id)
                if hit is None:
                    continue
                for severity, code, message in hit[1].problems:
                    found.append(
                        Finding(
                            severity,
                            code,
                            message,
                            block_page.get(block.id, 0),
                            block.id,
                            block.story or "",
                        )
                    )
        return with_shared_severity(found)


def _finish_thread(
    tl: ThreadLayout, thread: Thread, source, maps: dict[tuple[str, int], Expansion]
) -> None:
    """A thread laid from expanded text: offsets back to the source, counts in source characters,
    and each block's own text colour."""
    colours = {block.id: block.text_color for _i, block in thread.blocks}
    if maps:
        tl.chars = sum(len(p.text) for p in source.paragraphs)
        tl.overset_chars = source_overset(source, maps, tl.overset_chars)
    for block_id, frame in list(tl.frames.items()):
        color = colours.get(block_id)
        if maps or color is not None:
            lines = coloured(source_lines(frame.lines, maps), color)
            tl.frames[block_id] = replace(frame, lines=lines)


def _frame_missing(frame: Frame) -> list[MissingGlyph]:
    out = []
    for line in frame.lines:
        for run in line.runs:
            if run.missing:
                for ch, offset in zip(run.chars, run.offsets):
                    out.append(MissingGlyph(ch, line.story, line.part, line.paragraph, offset))
    return out


def _head_fields(story) -> tuple:
    return (story.kicker, story.headline, story.deck, snapshot(story.heads))


def _thread_key(edition: Edition, story, thread: Thread, grid_keys: dict[int, str]) -> tuple:
    """Everything a thread's layout depends on, except page numbers (jump words come later).
    `grid_keys`: repr of each page's grid by id(page), made once per layout."""
    pages = edition.pages
    return (
        _head_fields(story),
        story.byline,
        story.jump_head,
        tuple(map(paragraph_key, story.paragraphs)),
        tuple(
            (pages[i].id, grid_keys[id(pages[i])], snapshot(block)) for i, block in thread.blocks
        ),
    )
