"""The layout engine: an Edition in, one PageLayout per page out, re-laying only what changed.

    engine = LayoutEngine(edition, registry=None, base_dir=Path("..."))
    pages = engine.layout()          # whole edition; cached per thread and per block
    engine.copyfit()                 # {story id: Copyfit}  (超 N 字 / 缺 N 行 / 正好)
    engine.audit()                   # [Finding]  jumps, threads, empty blocks, overset, images

Callers need not say what changed. At each layout() the engine takes a cheap fingerprint of every
story with the geometry of its thread's blocks, and of every other block; a thread is re-laid only
when its fingerprint differs, and then the chunked flow cache (flow_cache.py) re-sets only the
lines an edit really moved. Page order and labels are not in any fingerprint: they only change the
words of jump lines, which are re-written at every assembly (a few lines each).
invalidate_story()/invalidate_all() exist for callers that change things behind the model's back
(fonts, image files).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsdesk.layout.audit import Finding, audit_jumps, audit_threads
from newsdesk.layout.block_layout import BlockOutcome, layout_block
from newsdesk.layout.columns import text_columns
from newsdesk.layout.copyfit import Copyfit, make_copyfit
from newsdesk.layout.flow_cache import FlowCache
from newsdesk.layout.jump_text import jump_text, page_label
from newsdesk.layout.result import Frame, JumpLine, Line, MissingGlyph, PageLayout
from newsdesk.layout.story_layout import JumpSlot, StoryLayouter, ThreadLayout
from newsdesk.layout.threads import Thread, ThreadProblem, resolve_threads
from newsdesk.layout.typesetter import ComposerTypesetter, Typesetter
from newsdesk.model.edition import Edition


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
        self.relaid: list[str] = []  # stories re-laid by the last layout(), for tests and the GUI

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

    def layout(self) -> list[PageLayout]:
        ed = self.edition
        global_key = (repr(ed.styles), ed.kinsoku)
        if global_key != self._global_key:
            self.invalidate_all()
            self._global_key = global_key
        self.flow.begin_pass()
        threads, self._problems = resolve_threads(ed)
        self._thread_of = threads
        self.relaid = []
        laid: dict[str, ThreadLayout] = {}
        headed = {b.story for p in ed.pages for b in p.blocks if b.kind == "headline" and b.story}
        for sid, thread in threads.items():
            story = ed.stories[sid]
            key = (_thread_key(ed, story, thread), sid in headed)
            hit = self._threads.get(sid)
            if hit is None or hit[0] != key:
                tl = self.layouter.layout_thread(ed, story, thread, sid in headed)
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
        for index, page in enumerate(ed.pages):
            number = index + 1
            pl = PageLayout(index, number, page_label(page, number), page.width, page.height)
            for block in page.blocks:
                if block.id in seen_blocks:
                    continue  # a duplicated id: the first one wins (the audit names it)
                seen_blocks.add(block.id)
                frame = frames_by_block.get(block.id)
                if frame is None:
                    frame = self._other_block(page, block).frame
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
                    frame = replace(frame, lines=list(frame.lines))
                    for js in slots:
                        line, jl = self._jump_line(js, frame.story)
                        frame.lines.extend(line)
                        pl.jumps.append(jl)
                pl.frames.append(frame)
            pages.append(pl)
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

    def _other_block(self, page, block) -> BlockOutcome:
        key = (repr(block), repr(page.grid), self.base_dir)
        hit = self._blocks.get(block.id)
        if block.kind == "headline" and block.story in self.edition.stories:
            key = key + (repr(_head_fields(self.edition.stories[block.story])),)
        if hit is None or hit[0] != key:
            hit = (key, layout_block(self.layouter, self.edition, page.grid, block, self.base_dir))
            self._blocks[block.id] = hit
        return hit[1]

    def _jump_line(self, js: JumpSlot, story: str) -> tuple[list[Line], JumpLine]:
        ed = self.edition
        index = {p.id: i for i, p in enumerate(ed.pages)}
        here, there = index[js.page_id], index[js.partner_page_id]
        number = there + 1
        text = jump_text(ed.jump_style, js.direction, number, ed.pages[there].label)
        key = (text, js.x, js.top, js.width, story)
        lines = self._jump_lines.get(key)
        if lines is None:
            lines, _ = self.layouter.text_lines(
                text, "jump", "jump", story, ed.styles, (js.x, js.top, js.width, 1)
            )
            self._jump_lines[key] = lines
        jl = JumpLine(story, js.direction, text, here + 1, number, js.block, js.partner)
        return lines, jl

    # -- reports --------------------------------------------------------------------------------

    def copyfit(self) -> dict[str, Copyfit]:
        self.layout()  # cheap when nothing changed; never report on a stale layout
        out: dict[str, Copyfit] = {}
        for sid, tl in self._laid.items():
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
        return out

    def audit(self) -> list[Finding]:
        pages = self.layout()
        block_page = {
            b.id: i + 1 for i, p in enumerate(self.edition.pages) for b in reversed(p.blocks)
        }
        found = audit_threads(self.edition, self._problems, self._laid, block_page)
        found.extend(audit_jumps(self.edition, pages))
        for page in self.edition.pages:
            for block in page.blocks:
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
        return found


def _frame_missing(frame: Frame) -> list[MissingGlyph]:
    out = []
    for line in frame.lines:
        for run in line.runs:
            if run.missing:
                for ch, offset in zip(run.chars, run.offsets):
                    out.append(MissingGlyph(ch, line.story, line.part, line.paragraph, offset))
    return out


def _head_fields(story) -> tuple:
    return (story.kicker, story.headline, story.deck, repr(story.heads))


def _thread_key(edition: Edition, story, thread: Thread) -> tuple:
    """Everything a thread's layout depends on, except page numbers (jump words come later)."""
    pages = edition.pages
    return (
        _head_fields(story),
        story.byline,
        story.jump_head,
        tuple((p.text, p.style, repr(p.spans)) for p in story.paragraphs),
        tuple((pages[i].id, repr(pages[i].grid), repr(block)) for i, block in thread.blocks),
    )
