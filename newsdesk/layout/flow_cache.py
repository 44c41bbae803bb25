"""Incremental column flow: the composer's flow() run in short chunks, each chunk cached.

A column slot is cut into chunks of a few grid lines. A chunk's lines depend only on where it
is (x, top, width, lines), the flow state it starts from, and the paragraphs it consumes; so a
cached chunk is reused when all three are unchanged. After a one-character edit, the chunks
before the edited paragraph are reused, the chunks over it are re-set, and as soon as a chunk
starts from the same (paragraph, offset) as before with the same text ahead, the old lines are
reused again: the flow re-synchronises instead of re-setting the rest of the story.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.layout.result import Line
from newsdesk.layout.typesetter import Typesetter
from newsdesk.model.edition import Paragraph

CHUNK_LINES = 6


def paragraph_key(p: Paragraph) -> tuple:
    """What a paragraph's setting depends on (its text, style and inline spans)."""
    return (p.text, p.style, tuple((s.start, s.end, s.kind) for s in p.spans))


@dataclass
class Flowed:
    """The outcome of flowing paragraphs through slots (shape of the composer's FlowResult)."""

    lines: list[Line] = field(default_factory=list)
    slot_lines: list[int] = field(default_factory=list)  # lines used per slot
    end: tuple[int, int] = (0, 0)  # (paragraph, offset) where the next slot would start
    overset_chars: int = 0  # characters that did not fit
    missing: list = field(default_factory=list)
    empty_lines: int = 0  # slot lines left unused


@dataclass
class _Chunk:
    keys: tuple  # paragraph keys consumed, from the start paragraph to the end paragraph
    lines: list[Line]
    used: int
    end: tuple[int, int]
    overset: int
    missing: list
    moved_on: bool = False  # left early for the next column (a subhead, a dateline)


class FlowCache:
    """Flow with memory. One instance per engine; `clear()` when styles or fonts change."""

    def __init__(self, typesetter: Typesetter, chunk_lines: int = CHUNK_LINES):
        self.ts = typesetter
        self.chunk_lines = chunk_lines
        # Chunks by story, then by (geometry, start state, story, part): end_pass() then looks
        # only at the stories re-laid (a keystroke re-lays one of forty).
        self._chunks: dict[str, dict[tuple, _Chunk]] = {}
        self._used: set[tuple] = set()
        self.calls = 0  # composer calls, for tests and benchmarks

    def clear(self) -> None:
        self._chunks.clear()

    def begin_pass(self) -> None:
        self._used = set()

    def end_pass(self, relaid: set[str], live: set[str]) -> None:
        """Forget chunks nobody can use again, so the cache cannot grow forever.

        Chunks of a story re-laid in this pass but not used by it are stale; chunks of stories
        that were not re-laid stay (their next edit re-synchronises on them); chunks of stories
        that no longer exist go.
        """
        used = self._used
        for story in list(self._chunks):
            if story not in live or story in relaid:
                kept = {k: v for k, v in self._chunks[story].items() if k in used}
                if kept:
                    self._chunks[story] = kept
                else:
                    del self._chunks[story]

    def flow(
        self,
        paragraphs: list[Paragraph],
        slots: list[tuple[float, float, float, int]],
        start: tuple[int, int],
        story: str,
        part: str,
        styles: dict,
        leading: float,
        keys: list[tuple] | None = None,
        chunked: bool = True,
        more_after: bool = False,
    ) -> Flowed:
        """Flow `paragraphs` from `start` through slots given as (x, top, width, lines).

        `leading` must be the leading the composer uses for these paragraphs: chunk k of a slot
        starts at slot top + k * chunk_lines * leading. Short texts pass chunked=False.
        `more_after`: the story goes on in a later block, so a subhead or dateline that does not fit
        the last column may move on.
        """
        if keys is None:
            keys = [paragraph_key(p) for p in paragraphs]
        suffix = _suffix_chars(paragraphs)
        out = Flowed(end=start)
        state = start
        step = self.chunk_lines if chunked else 1 << 30
        for index, (x, top, width, lines) in enumerate(slots):
            later = index + 1 < len(slots) or more_after
            used_here = 0
            done = 0
            while done < lines:
                n = min(step, lines - done)
                if _remaining(paragraphs, suffix, state) == 0:
                    out.empty_lines += lines - done
                    break
                ctop = top + done * leading
                more = lines - done - n  # the column goes on below this chunk
                geom = (x, ctop, width, n, more, done == 0, later)
                chunk = self._chunk(paragraphs, keys, geom, state, story, part, styles)
                out.lines.extend(chunk.lines)
                out.missing.extend(chunk.missing)
                used_here += chunk.used
                out.empty_lines += n - chunk.used
                state = chunk.end
                done += n
                if chunk.moved_on:  # the rest of this column stays empty
                    out.empty_lines += lines - done
                    break
            out.slot_lines.append(used_here)
        out.end = state
        out.overset_chars = _remaining(paragraphs, suffix, state)
        return out

    def _chunk(self, paragraphs, keys, geom, state, story, part, styles) -> _Chunk:
        cache_key = (geom, state, story, part)
        self._used.add(cache_key)
        by_story = self._chunks.get(story)
        if by_story is None:
            by_story = self._chunks[story] = {}
        hit = by_story.get(cache_key)
        if hit is not None:
            end_p = min(hit.end[0], len(keys) - 1)
            if hit.keys == tuple(keys[state[0] : end_p + 1]):
                return hit
        self.calls += 1
        x, top, width, n, more, column_start, later = geom
        res = self.ts.flow(
            paragraphs,
            [self.ts.slot(x, top, width, n, more, column_start, later)],
            state,
            story=story,
            part=part,
            styles=styles,
        )
        end = self.ts.state_tuple(res.end)
        end_p = min(end[0], len(keys) - 1)
        chunk = _Chunk(
            tuple(keys[state[0] : end_p + 1]),
            list(res.lines),
            sum(res.slot_lines) if res.slot_lines else len(res.lines),
            end,
            res.overset_chars,
            list(res.missing),
            getattr(res, "moved_on", False),
        )
        by_story[cache_key] = chunk
        return chunk


def _suffix_chars(paragraphs: list[Paragraph]) -> list[int]:
    """suffix[i] = characters in paragraphs i, i+1, ... (one extra 0 at the end)."""
    suffix = [0] * (len(paragraphs) + 1)
    for i in range(len(paragraphs) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + len(paragraphs[i].text)
    return suffix


def _remaining(paragraphs: list[Paragraph], suffix: list[int], state: tuple[int, int]) -> int:
    """Characters not yet set when the flow stands at `state`."""
    p, off = state
    if p >= len(paragraphs):
        return 0
    return max(0, len(paragraphs[p].text) - off) + suffix[p + 1]
