"""Line setting: one paragraph, one line at a time, at any measure.

    setter = TextSetter(registry, kinsoku="gb")
    prep = setter.prepare(text, style)            # classify, measure, find breaks: once
    line = setter.set_line(prep, 0, 117.0, first=True)
    while line:                                   # None once the paragraph is used up
        ...
        line = setter.set_line(prep, line.end, 117.0, first=False)

The line breaker is greedy, with 先挤进，后推出: it takes the longest line that fits at natural
width; when the line could only have gone on but for a prohibition or a word, it first tries to
fit the next segment by shrinking (push in), and only then ends the line earlier and stretches
(push out). A line that would come out loose (more than justify.LOOSE em per stretch point)
takes the head of the next URL or e-mail address (broken after / . - _ ? & =, before @) or of a
long English word (at a syllable, with a hyphen) when that sets it tighter. A paragraph's last
line never holds a single character (with or without punctuation): one more character is pulled
down. Look-back (_share): before a line whose next line would come out loose (or the one after
it over TOO_LOOSE), the breaks of this line and the next one or two are chosen together, so that
the lines share the space; a line's break still depends only on where it starts. Over-long
units (URLs, long numbers) are broken as a last resort at those points, after / . - @, at a
syllable, else anywhere, but never cross the column edge.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate, compress, islice
from operator import add
from typing import NamedTuple

from newsdesk.compose.adjust import CJK_LATIN_GAP, cjk_latin_gaps, pair_cuts
from newsdesk.compose.classes import (
    BLANKS,
    HALF_PUNCT,
    HAN,
    INVISIBLE,
    KINSOKU_LEVELS,
    OPEN,
    PUNCTUATION,
    SPACE,
    classify,
    line_end_forbidden,
    line_start_forbidden,
)
from newsdesk.compose.dateline import DATELINE_ROLES, keep_together
from newsdesk.compose.justify import (
    AFTER_SPACE,
    CJK_LATIN,
    FREE,
    INSIDE_UNIT,
    LOOSE,
    SPACE_SHRINK,
    STRETCH_MASK,
    TOO_LOOSE,
    place,
    position_kinds,
)
from newsdesk.compose.segment import (
    SOFT_GROUP,
    SOFT_LAST,
    SOFT_URL,
    break_opportunities,
    find_units,
)
from newsdesk.errors import NewsdeskError
from newsdesk.model.story import InlineSpan, ParagraphStyle

EPS = 1e-6  # em
# What the look-back (_share) counts a letter-spaced line as (em per stretch point): worse than
# any line whose Han characters open by up to TOO_LOOSE.
LETTER_SPACED = 0.3
WINDOW = 3  # lines the look-back plans together when a line over TOO_LOOSE is ahead

# Which font role an inline span switches to, from the paragraph's role.
_SPAN_ROLES = {
    "bold": {"serif": "heavy", "sans": "sans_bold", "kai": "heavy"},
    "kai": {"serif": "kai", "sans": "kai", "heavy": "kai", "sans_bold": "kai"},
    "dateline": DATELINE_ROLES,  # 电头 in its own face
}
_NOT_A_CHARACTER = frozenset(PUNCTUATION | HALF_PUNCT | {SPACE, INVISIBLE})
# Superscript/subscript: set in the same face at SCRIPT_SCALE of the paragraph size, their
# baseline moved up by SUPER_RISE / down by SUB_DROP (em of the paragraph size).
SCRIPT_SCALE = 0.6
SUPER_RISE = 0.35
SUB_DROP = 0.15
# 着重号 (GB/T 15834 §4.15): a dot under each emphasised character, centred under its em box.
EMPHASIS_DROP = 0.25  # dot centre below the baseline, em of the paragraph size
EMPHASIS_DIAMETER = 0.15  # em of the paragraph size
# Characters printed as another one: a tab inside a paragraph is a word space.
PRINTED_AS = {"\t": " "}


_LONG_PARAGRAPH = 5_000  # characters: preparing longer paragraphs pauses the cyclic GC
_LINE_MEMO = 4_096  # set lines one paragraph remembers (several measures of a long story)
# Prepared paragraphs the setter keeps (with their lines, ~30 KB for 100 characters), the least
# recently used evicted first.
_CACHE_SIZE = 4_096


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a paragraph's arrays (or a column's lines) are
    built: they hold no cycles, and full collections over millions of fresh floats made a long
    paragraph superlinear (a 1 MB paragraph: 10.7 s with, 2.3 s without)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Glyph(NamedTuple):
    char: str
    offset: int  # in the paragraph
    x: float  # em box left edge, pt from the column's left edge
    face: str
    advance: float  # pt


@dataclass(slots=True)
class Prepared:
    """A paragraph classified and measured once; any measure can then be set from it."""

    text: str
    size: float  # pt
    indent: float  # em, first line
    align: str
    tracking: float  # em
    cls: list[int]
    adv: list[float]  # em
    faces: list[str]  # face key per character
    missing: list[int]  # offsets of characters no font has (set one em wide)
    lb: list[float]
    rb: list[float]
    cut_a: list[float]
    cut_bl: list[float]
    cut_br: list[float]
    gap: list[float]
    joined: bytearray
    soft: bytearray
    brk: bytearray
    counts: bytearray  # 1 for characters that count for the last-line rule (not punctuation)
    positions: bytearray  # kind of the position after each character (justify.position_kinds)
    start_cut: list[float]  # blank an opening bracket loses at a line start (em)
    cum: list[float]  # cum[i] = natural width of characters 0..i-1 with inner pair cuts (em)
    shrink_cum: list[float]  # running shrinkable amount, for the line breaker's fast start
    count_cum: list[int]  # count_cum[i] = characters 0..i-1 that count for the last-line rule
    # Inline styles beyond the font role, None when the paragraph has none (nearly always):
    scale: list[float] | None = None  # size factor per character (sup/sub: SCRIPT_SCALE)
    rise: list[float] | None = None  # baseline shift per character, em, up positive
    emph: bytearray | None = None  # 1 = an emphasis dot under this character
    hyph: bytearray | None = None  # 1 = a syllable break (adds a hyphen) before this character
    hyphen_adv: float = 0.5  # em, the hyphen such a break adds at the line end
    inner_breaks: bool = False  # some unit may be broken to keep a line tight (URL, long word)
    unit_ends: list[int] | None = None  # end of the unit holding each character (lazy)
    ends: dict | None = None  # start -> (end, spread) of the greedy line at ends_full (_next)
    ends_full: float = 0.0  # em
    stretch: bytes | None = None  # 1 where a position is a stretch point (lazy, see _ahead)
    # (start, measure pt, first) -> SetLine: a paragraph set again at a measure it was set at
    # (the same paragraph elsewhere in the copy, the story re-laid after an edit in another
    # paragraph, flow asking for a line twice) takes its lines from here. SetLines are never
    # changed after they are made.
    lines: dict | None = None

    @property
    def n(self) -> int:
        return len(self.text)

    def unit_end(self, i: int) -> int:
        """End (exclusive) of the unbreakable unit that character i belongs to; computed once
        for the paragraph, so a unit thousands of characters long costs O(1) per line."""
        ends = self.unit_ends
        if ends is None:
            n = len(self.text)
            ends = [n] * (n + 1)
            joined = self.joined
            for k in range(n - 2, -1, -1):
                ends[k] = ends[k + 1] if joined[k + 1] else k + 1
            self.unit_ends = ends
        return ends[i]


@dataclass(slots=True)
class SetLine:
    """One set line of a paragraph. Lengths in points, x measured from the column's left edge."""

    start: int
    end: int  # exclusive
    text: str  # exactly the source characters
    x: float  # where the set text starts (indent and alignment included)
    width: float  # set width, trimmed end punctuation counted trimmed
    last: bool  # the paragraph's last line
    first: bool
    size: float
    xs: list[float]  # em box left edge of each character, pt from the column's left edge
    faces: list[str]
    adv_em: list[float]  # advance of each character in em (see `advances`)
    missing: list[int]  # offsets (in the paragraph) of characters no font has
    scales: list[float] | None = None  # size factor per character (None: all 1)
    rises: list[float] | None = None  # baseline shift per character, em, up positive
    emph: bytes | None = None  # 1 = an emphasis dot under this character
    hyphen: float = 0.0  # pt: the advance of a hyphen drawn after the line (a syllable break)
    spread: float = 0.0  # em added per stretch point by justification (looseness)

    @property
    def advances(self) -> list[float]:
        """Advance of each character in pt (computed on demand: flowing never needs it)."""
        return [a * self.size for a in self.adv_em]

    @property
    def glyphs(self) -> list[Glyph]:
        return [
            Glyph(ch, self.start + k, self.xs[k], self.faces[k], adv)
            for k, (ch, adv) in enumerate(zip(self.text, self.advances))
        ]


class TextSetter:
    """Sets paragraphs into lines with the fonts of a registry and a 避头尾 level."""

    def __init__(self, registry, kinsoku: str = "gb", look_back: bool = True):
        if kinsoku not in KINSOKU_LEVELS:
            raise NewsdeskError(f"未知的避头尾级别：{kinsoku}（可用：basic、gb、strict）")
        self.registry = registry
        self.kinsoku = kinsoku
        # False: the greedy breaker alone, without _share (to compare, in tests and benchmarks).
        self.look_back = look_back
        self.start_forbidden = line_start_forbidden(kinsoku)
        self.end_forbidden = line_end_forbidden(kinsoku)
        self._metrics: dict[str, dict[str, tuple]] = {}
        self._cache: dict[tuple, Prepared] = {}

    # -- measuring -------------------------------------------------------------------------

    def _measure(self, ch: str, role: str) -> tuple:
        """(face key, advance in em, missing, class, left blank, right blank, start cut,
        counts, pair code = 2 × class + has a blank) of one character in a role, cached."""
        table = self._metrics.get(role)
        if table is None:
            table = self._metrics[role] = {}
        hit = table.get(ch)
        if hit is not None:
            return hit
        cls = classify(ch)
        if cls == INVISIBLE:
            # Zero width and no glyph, whatever the fonts hold: never a missing glyph.
            face_key = self.registry.face(role).key
            hit = table[ch] = (face_key, 0.0, False, cls, 0.0, 0.0, 0.0, False, 2 * cls)
            return hit
        printed = PRINTED_AS.get(ch, ch)  # a tab is measured (and drawn) as a space
        face = self.registry.resolve(printed, role)
        if face is None:
            # No font has it: one em, drawn as a red box, so nothing moves when a font arrives.
            hit = (self.registry.face(role).key, 1.0, True, cls)
        else:
            adv = face.advance(printed)
            hit = (face.key, 1.0 if adv is None else adv, False, cls)
        # What the paragraph arrays need of this character, worked out once per character:
        # its blank halves (adjust.blanks), the blank it loses at a line start, and whether it
        # counts for the last-line rule.
        left, right = BLANKS.get(cls, (0.0, 0.0)) if hit[1] > 0.95 else (0.0, 0.0)
        mark = 1 if left or right else 0  # for position_kinds' pair table
        hit = (*hit, left, right, left if cls == OPEN else 0.0, cls not in _NOT_A_CHARACTER)
        hit = (*hit, 2 * cls + mark)
        table[ch] = hit
        return hit

    def prepare(
        self, text: str, style: ParagraphStyle, spans: tuple[InlineSpan, ...] | list = ()
    ) -> Prepared:
        """Classify and measure a paragraph once (cached by text, style and spans)."""
        key = (
            text,
            style.role,
            style.size,
            style.indent,
            style.align,
            style.tracking,
            getattr(style, "latin_gap", CJK_LATIN_GAP),
            tuple((s.start, s.end, s.kind) for s in spans),
        )
        cache = self._cache
        hit = cache.get(key)
        if hit is not None:
            cache[key] = cache.pop(key)  # used again: the newest (eviction takes the oldest)
            return hit
        if len(cache) >= _CACHE_SIZE:
            # The least recently used quarter goes — typically the earlier versions of a
            # paragraph being typed — never the whole cache, which would make the next layout
            # prepare every paragraph of the edition again in the middle of typing.
            for old in list(islice(cache, _CACHE_SIZE // 4)):
                del cache[old]
        if len(text) > _LONG_PARAGRAPH:
            with gc_paused():
                prep = self._prepare(text, style, spans)
        else:
            prep = self._prepare(text, style, spans)
        self._cache[key] = prep
        return prep

    def _prepare_uncached(
        self, text: str, style: ParagraphStyle, spans: tuple[InlineSpan, ...] | list = ()
    ) -> Prepared:
        """prepare() without the paragraph cache (for benchmarks)."""
        return self._prepare(text, style, spans)

    def _prepare(self, text: str, style: ParagraphStyle, spans) -> Prepared:
        n = len(text)
        role = style.role
        measure = self._measure
        table = self._metrics.get(role)
        if table is None:
            table = self._metrics[role] = {}
        if spans:
            roles = [role] * n
            for span in spans:
                span_role = _SPAN_ROLES.get(span.kind, {}).get(role)
                if span_role:
                    for i in range(max(0, span.start), min(n, span.end)):
                        roles[i] = span_role
            hits = [measure(ch, r) for ch, r in zip(text, roles)]
        else:
            # One role: the metrics table answers almost every character (one lookup each).
            get = table.get
            hits = [get(ch) or measure(ch, role) for ch in text]
        # The metrics columns in one transposition (zip in C), not one list per field.
        columns = [list(column) for column in zip(*hits)] if hits else [[] for _ in range(9)]
        faces, adv, flags, cls, lb, rb, start_cut, count_flags, codes = columns
        missing = [i for i, f in enumerate(flags) if f] if any(flags) else []
        scale, rise, emph = _inline_styles(n, spans, count_flags) if spans else (None, None, None)
        if scale is not None:
            # Sup/sub characters keep their face but take smaller advances and blanks.
            adv = [a * f for a, f in zip(adv, scale)]
            lb = [a * f for a, f in zip(lb, scale)]
            rb = [a * f for a, f in zip(rb, scale)]
            start_cut = [a * f for a, f in zip(start_cut, scale)]
        cut_a, cut_bl, cut_br = pair_cuts(adv, lb, rb)
        joined, soft, in_run, hyph = find_units(text, cls)
        unbreakable = joined
        for span in spans:
            if span.kind == "dateline":
                # 记者 林晓 and 本报讯 stay whole (a line never ends after the role label), but
                # may still be spaced out like any Han text: only the breaks go.
                if unbreakable is joined:
                    unbreakable = bytearray(joined)
                for a, b in keep_together(text, max(0, span.start), min(n, span.end)):
                    unbreakable[a + 1 : b] = b"\x01" * (b - a - 1)
        gap = cjk_latin_gaps(cls, in_run, getattr(style, "latin_gap", CJK_LATIN_GAP))
        if scale is not None:
            _glue_scripts(scale, joined, soft, gap, in_run)
            if hyph is not None:
                for i in range(n):
                    if scale[i] != 1.0:
                        hyph[i] = 0
        brk = break_opportunities(text, cls, unbreakable, self.start_forbidden, self.end_forbidden)
        counts = bytearray(count_flags)
        positions = position_kinds(cls, joined, gap, lb, rb, text, codes)
        if scale is not None:
            for i in range(1, n):
                if scale[i] != 1.0:
                    positions[i - 1] = INSIDE_UNIT  # a sup/sub never leaves its base
        cum, shrink_cum = _running_widths(
            cls, adv, lb, rb, cut_a, cut_bl, cut_br, gap, style, joined
        )
        prep = Prepared(
            text,
            style.size,
            style.indent,
            style.align,
            style.tracking,
            cls,
            adv,
            faces,
            missing,
            lb,
            rb,
            cut_a,
            cut_bl,
            cut_br,
            gap,
            joined,
            soft,
            brk,
            counts,
            positions,
            start_cut,
            cum,
            shrink_cum,
            [0, *accumulate(counts)],
            scale,
            rise,
            emph,
        )
        if hyph is not None or SOFT_URL in soft:
            prep.hyph = hyph
            prep.inner_breaks = True
            prep.hyphen_adv = self._measure("-", role)[1]
        return prep

    # -- breaking --------------------------------------------------------------------------

    def _break(self, p: Prepared, s: int, avail: float, full: float) -> int:
        """End (exclusive) of the line starting at s, for `avail` em (`full` = the whole
        measure, without indent). Always > s."""
        n = len(p.text)
        adv, cls, brk = p.adv, p.cls, p.brk
        lb, rb, cut_a, cut_bl, cut_br, gap = p.lb, p.rb, p.cut_a, p.cut_bl, p.cut_br, p.gap
        track = p.tracking
        limit = avail + EPS
        nat = 0.0  # natural width of s..i with everything but i's right edge settled
        shr = 0.0  # shrinkable amount of the settled part
        pend_r = 0.0  # i's right blank still there (trimmed if i ends the line)
        pend_shr = 0.0  # i's right-side shrink, settled when a character follows
        last_nat = s  # longest legal line at natural width
        k_nat = s  # longest line (legal or not) at natural width
        push = 0  # first legal end past last_nat that fits when shrunk
        i = s
        # Fast start: every line s..j with j < i_fit fits at natural width (widths only grow),
        # so the character-by-character walk starts just before the line gets full.
        cum = p.cum
        i_fit = bisect_right(cum, limit + cum[s + 1] - adv[s] + p.start_cut[s]) - 2
        if track >= 0 and i_fit >= s + 3:
            j = i_fit - 2  # state after character j, from the running sums
            nat = cum[j + 1] - cum[s + 1] + adv[s] - p.start_cut[s]
            shr = p.shrink_cum[j] - p.shrink_cum[s]
            if s > 0 and cls[s] != SPACE:
                shr += cut_br[s - 1]  # the line's first character keeps its right blank
            if cls[j] == SPACE:
                pend_r = adv[j]
                pend_shr = 0.0 if p.joined[j + 1] else adv[j] * SPACE_SHRINK
            else:
                pend_r = pend_shr = rb[j] - cut_br[j - 1]
            k_nat = j + 1
            last_nat = k_nat
            while last_nat > s and not brk[last_nat]:
                last_nat -= 1
            i = j + 1
        while i < n:
            c = cls[i]
            if i == s:
                nat = adv[i] - p.start_cut[i]
            else:
                nat += adv[i] + gap[i - 1] + track - cut_a[i - 1] - cut_bl[i - 1] - cut_br[i - 1]
                shr += pend_shr - cut_a[i - 1] + gap[i - 1] * 0.5
                left = lb[i] - cut_bl[i - 1]
                if left > 0:
                    shr += left
            if c == SPACE:
                pend_r = adv[i]
                pend_shr = 0.0 if p.joined[i + 1] else adv[i] * SPACE_SHRINK
            else:
                pend_r = rb[i] - (cut_br[i - 1] if i > s else 0.0)
                pend_shr = pend_r
            end_nat = nat - pend_r
            e = i + 1
            if end_nat <= limit:
                k_nat = e
                if brk[e]:
                    last_nat = e
                    if e == n:
                        return n
            elif end_nat - shr > limit:
                break
            elif brk[e] and not push and e > last_nat:
                push = e
            i += 1
        if push == n or (push and k_nat > last_nat):
            return push  # 先挤进: the line could only go on but for a prohibition or a word
        if push and last_nat > s:
            # 先挤进 too where stretching the line would leave it loose (or not flush at all:
            # a number and its comma have no stretch point).
            slack = limit - (p.cum[last_nat] + adv[s] - p.cum[s + 1] - p.start_cut[s])
            if slack > LOOSE and self._looseness(p, s, last_nat, avail, avail - slack) > LOOSE:
                return push
        if last_nat > s:
            if (
                k_nat > last_nat
                and p.joined[last_nat + 1]
                and self._unit_width(p, last_nat) > full + EPS
            ):
                # A unit wider than any line starts here: fill this line with its head when it
                # can be cut after / . - @ (or anywhere beside a lone character, which could
                # not be justified), else let it start the next line. A unit that fits the
                # measure is never broken: it starts the next line.
                ink = sum(1 for c in cls[s:last_nat] if c != SPACE)
                return self._forced(p, s, last_nat, k_nat, avail, anywhere=ink < 2)
            return last_nat  # 后推出
        if push:
            return push
        # Nothing legal fits: a unit wider than the line, broken as a last resort.
        return self._forced(p, s, s, k_nat, avail, anywhere=True)

    def _forced(
        self, p: Prepared, s: int, lo: int, k_nat: int, avail: float, anywhere: bool
    ) -> int:
        """A break inside the unit that starts at `lo`, at most at `k_nat`: after / . - @ where
        that leaves the line at least half full, else (if `anywhere`) at the last character that
        fits and may end/start a line; `lo` itself when nothing suits."""
        end = max(k_nat, s + 1)
        cum, hyph = p.cum, p.hyph
        head = p.adv[s] - cum[s + 1]  # width of s..j-1 is cum[j] + head
        soft = p.soft
        for j in range(end - 1, lo, -1):
            if soft[j] == SOFT_URL and cum[j] + head >= avail / 2:
                return j
            if hyph is not None and hyph[j] and cum[j] + head + p.hyphen_adv <= avail + EPS:
                return j  # at a syllable, with a hyphen
        for level in (SOFT_LAST, SOFT_GROUP):
            for j in range(end - 1, lo, -1):
                if 0 < soft[j] <= level and (cum[j] + head >= avail / 2 or (anywhere and lo == s)):
                    return j  # after / . - @ in a number, then between its groups
        if not anywhere and lo > s:
            return lo
        if end < p.n:
            text, sf, ef, joined = p.text, self.start_forbidden, self.end_forbidden, p.joined
            unit_end = p.unit_end(end)
            scale = p.scale
            for j in range(end, lo, -1):
                if joined[j] and unit_end - j == 1 and j - 1 > lo:
                    continue  # not the unit's last character alone on the next line
                if scale is not None and scale[j] != 1.0:
                    continue  # never between a character and its superscript/subscript
                if hyph is not None and hyph[j] and j > lo + 1:
                    continue  # a syllable point here would add a hyphen the line has no room for
                if text[j] not in sf and text[j - 1] not in ef:
                    return j
        if p.scale is not None and end < p.n and p.scale[end] != 1.0:
            # The last resort, still not before a superscript/subscript: back to its base.
            j = end
            while j > s + 1 and p.scale[j] != 1.0:
                j -= 1
            if p.scale[j] == 1.0:
                return j
        return end

    @staticmethod
    def _unit_width(p: Prepared, start: int) -> float:
        """Natural width (em) of the unbreakable unit that starts at `start` (from the running
        widths: no walk over a long unit for every line)."""
        return p.cum[p.unit_end(start)] - p.cum[start + 1] + p.adv[start]

    def _tighten(self, p: Prepared, s: int, e: int, avail: float, full: float) -> int:
        """A loose line s..e (more than LOOSE em per stretch point) takes the head of a URL,
        e-mail address or long word that follows, broken where readers expect it (after
        / . - _ ? & =, before @, at a syllable with a hyphen), when that sets it tighter."""
        if p.joined[e]:
            return e  # already broken inside a unit (a last resort)
        cum, adv = p.cum, p.adv
        head = adv[s] - cum[s + 1] - p.start_cut[s]  # width of s..j-1 is cum[j] + head
        loose = self._looseness(p, s, e, avail, cum[e] + head - p.rb[e - 1])
        if loose <= LOOSE:
            return e
        soft, hyph, joined = p.soft, p.hyph, p.joined
        # Heads that fit at natural width, or pushed in (shrunk) by at most one em.
        top = bisect_right(cum, avail + 1.0 - head, e, p.n + 1) - 1
        for j in range(top, e, -1):
            if not joined[j]:
                continue
            hyphen = hyph is not None and hyph[j]
            if not (soft[j] == SOFT_URL or hyphen):
                # A last-resort point (inside a number) only in a unit that must break anyway.
                if soft[j] != SOFT_LAST:
                    continue
                u = j - 1
                while u > e and joined[u]:
                    u -= 1
                if self._unit_width(p, u) <= full + EPS:
                    continue
            width = cum[j] + head + (p.hyphen_adv if hyphen else 0.0)
            if width > avail + EPS:
                if width - (p.shrink_cum[j - 1] - p.shrink_cum[s]) > avail - EPS:
                    continue
                tighter = 0.0  # pushed in
            else:
                tighter = self._looseness(p, s, j, avail, width)
            # A hyphen must buy a clearly better line.
            if tighter < loose - (0.05 if hyphen else 0.0):
                return j
            break  # shorter heads only loosen the line again
        return e

    @staticmethod
    def _looseness(p: Prepared, s: int, e: int, avail: float, width: float) -> float:
        """Space justification would add per stretch point to the line s..e (em)."""
        kinds = p.positions[s : e - 1]
        points = kinds.count(FREE) + kinds.count(AFTER_SPACE) + kinds.count(CJK_LATIN)
        return (avail - width) / points if points else float("inf")

    def _avoid_short_last_line(
        self, p: Prepared, s: int, e: int, avail: float, avail_next: float
    ) -> int:
        """Pull one more character down when the rest would leave one character (plus marks),
        unless that would leave this line less than half full (a worse fault than the widow)."""
        n = len(p.text)
        counts, count_cum = p.counts, p.count_cum
        # Running counts keep this O(line), not O(rest of the paragraph), per line.
        if e >= n or count_cum[n] - count_cum[e] != 1:
            return e
        rest = sum(p.adv[e:n])
        if rest > avail_next + EPS:
            return e
        seen_character = False
        for b in range(e - 1, s + 1, -1):
            if counts[b]:
                seen_character = True
            # Keep two characters on this line: one alone cannot be spaced out to the edge.
            if seen_character and p.brk[b] and count_cum[b] - count_cum[s] >= 2:
                return b if sum(p.adv[s:b]) >= avail / 2 else e
        return e

    def set_line(
        self, p: Prepared, start: int, measure: float, first: bool = False
    ) -> SetLine | None:
        """The line of `p` starting at `start` for a column `measure` pt wide; None at the end."""
        n = len(p.text)
        if start >= n:
            return None
        lines = p.lines
        key = (start, measure, first)
        if lines is None:
            lines = p.lines = {}
        else:
            hit = lines.get(key)
            if hit is not None:
                return hit
            if len(lines) > _LINE_MEMO:
                lines.clear()
        line = lines[key] = self._set_line(p, start, measure, first)
        return line

    def _set_line(self, p: Prepared, start: int, measure: float, first: bool) -> SetLine:
        """set_line() worked out (not remembered yet)."""
        n = len(p.text)
        size = p.size
        indent = p.indent if first else 0.0
        full = measure / size
        avail = max(full - indent, 1.0)
        memo = p.ends
        if memo is None or p.ends_full != full:
            memo = p.ends = {}
            p.ends_full = full
        if indent:
            end = self._greedy(p, start, avail, full)
        else:
            end = (memo.get(start) or self._ahead(p, start, full))[0]
        if end < n and self.look_back:
            # Look-back (_share) only before a loose line: the next line over LOOSE, or the
            # one after it over TOO_LOOSE (both remembered in p.ends, so each is broken once).
            e2, after = memo.get(end) or self._ahead(p, end, full)
            if after > TOO_LOOSE or (
                e2 < n and (memo.get(e2) or self._ahead(p, e2, full))[1] > TOO_LOOSE
            ):
                end = self._share(p, start, end, avail, full, WINDOW)
            elif after > LOOSE:
                end = self._share(p, start, end, avail, full, 2)  # within budget: look less far
        elif end >= n:
            p.ends = None  # the paragraph is set: its memo goes (the cache keeps the Prepared)
        return self.set_range(p, start, end, measure, first)

    def _greedy(self, p: Prepared, s: int, avail: float, full: float) -> int:
        """The greedy end of the line starting at s: 先挤进/后推出, a URL or word head for a
        loose line, no lone last character."""
        n = len(p.text)
        end = self._break(p, s, avail, full)
        if end < n and p.inner_breaks:
            end = self._tighten(p, s, end, avail, full)
        if end < n:
            end = self._avoid_short_last_line(p, s, end, avail, full)
        return end

    def _next(self, p: Prepared, s: int, full: float) -> tuple[int, float]:
        """(end, spread estimate) of the greedy line from s at the full measure (no indent),
        remembered in `p.ends` for the measure set_line last asked: set_line asks for the next
        two lines before they are set, so each is worked out once. Spread 0 for the
        paragraph's last line."""
        hit = p.ends.get(s)
        return hit if hit is not None else self._ahead(p, s, full)

    def _ahead(self, p: Prepared, s: int, full: float) -> tuple[int, float]:
        """_next() worked out (s not remembered yet) and remembered."""
        n = len(p.text)
        if s >= n:
            return n, 0.0
        e = self._greedy(p, s, full, full)
        if e >= n:
            hit = (e, 0.0)
        else:
            # _spread_estimate, its common case inline (this runs for every line).
            j = e - 1
            c = p.cls[j]
            if j > s and c != SPACE and c != INVISIBLE and p.hyph is None:
                cum = p.cum
                slack = full - (
                    cum[e] - cum[s + 1] + p.adv[s] - p.start_cut[s] - p.rb[j] + p.cut_br[j - 1]
                )
                if slack <= LOOSE:
                    hit = (e, 0.0)
                else:
                    stretch = p.stretch
                    if stretch is None:
                        stretch = p.stretch = p.positions.translate(STRETCH_MASK)
                    points = stretch.count(1, s, j)
                    if points and slack / points <= TOO_LOOSE:
                        hit = (e, slack / points)
                    else:
                        hit = (e, self._spread_estimate(p, s, e, full))
            else:
                hit = (e, self._spread_estimate(p, s, e, full))
        memo = p.ends
        if len(memo) > 1024:
            memo.clear()
        memo[s] = hit
        return hit

    def _share(self, p: Prepared, s: int, e: int, avail: float, full: float, depth: int) -> int:
        """Look-back, seen from the lines before: when the next line would come out loose —
        typically a short line before a number or word too wide to join it — or the line after
        it over TOO_LOOSE, the breaks of this line and the next are chosen together (a small
        total-fit search over `depth` lines, WINDOW when a line over TOO_LOOSE is ahead): each
        line may end a few characters earlier, or a break or two later where it can be pushed
        in (先挤进), none opening beyond TOO_LOOSE that was not as loose already. Lines are
        judged loosest first, then the next loosest, so that the space is shared, not pushed
        on. Runs only before a loose line (rare)."""
        plans: dict = {}
        best, best_key = e, self._plan_with(p, s, e, avail, full, depth, plans)
        for b in self._ends(p, s, e, avail):
            key = self._plan_with(p, s, b, avail, full, depth, plans)
            if _better(key, best_key):
                best, best_key = b, key
        return best

    def _ends(self, p: Prepared, s: int, e: int, avail: float) -> list[int]:
        """Other ends for the line s..e (its greedy end): the next legal break or two where the
        line can still be pushed in (shrunk, by at most one em), and the earlier legal breaks
        that leave it within TOO_LOOSE (or no looser than it is)."""
        n = len(p.text)
        brk, cum = p.brk, p.cum
        head = p.adv[s] - cum[s + 1] - p.start_cut[s]  # natural width of s..j-1: cum[j] + head
        out: list[int] = []
        if p.count_cum[n] - p.count_cum[e] == 1:
            return out  # the greedy end keeps a lone last character off its own line
        pushed = 0
        # Shrink the line can give, as _break counts it (its first character keeps its blank).
        first_kept = p.cut_br[s - 1] if s > 0 and p.cls[s] != SPACE else 0.0
        for b in range(e + 1, n):
            if cum[b] + head > avail + 1.0:
                break
            if brk[b] and p.count_cum[n] - p.count_cum[b] != 1:  # never a lone last character
                end_blank = p.rb[b - 1] - p.cut_br[b - 2] if p.cls[b - 1] != SPACE else 0.0
                shrink = p.shrink_cum[b - 1] - p.shrink_cum[s] + first_kept
                if cum[b] + head - end_blank - shrink <= avail + EPS:
                    out.append(b)
                pushed += 1
                if pushed == 2:
                    break
        limit = max(TOO_LOOSE, self._spread_estimate(p, s, e, avail))
        cls = p.cls
        for b in range(e - 1, s, -1):
            if brk[b]:
                if all(c == HAN for c in cls[s:b]):
                    break  # a line of Han characters alone stays full (the character grid)
                if self._spread_estimate(p, s, b, avail) > limit:
                    break  # shorter still only loosens this line more
                out.append(b)
        return out

    def _plan_with(
        self, p: Prepared, s: int, e: int, avail: float, full: float, depth: int, plans: dict
    ) -> list[float]:
        """The window key of the line s..e followed by the best plan for the lines after it."""
        n = len(p.text)
        if e >= n:
            return [LOOSE] * depth  # the paragraph's last line: never stretched
        if depth == 1:
            return [max(self._spread_estimate(p, s, e, avail), LOOSE)]
        rest = self._plan(p, e, full, depth - 1, plans)
        return sorted([max(self._spread_estimate(p, s, e, avail), LOOSE), *rest], reverse=True)

    def _plan(self, p: Prepared, s: int, full: float, depth: int, plans: dict) -> list[float]:
        """Best window key (loosest first, each at least LOOSE) over `depth` lines from s."""
        key = (s, depth)
        hit = plans.get(key)
        if hit is not None:
            return hit
        n = len(p.text)
        e = self._next(p, s, full)[0]
        best = self._plan_with(p, s, e, full, full, depth, plans)
        if e < n:
            for b in self._ends(p, s, e, full):
                cand = self._plan_with(p, s, b, full, full, depth, plans)
                if _better(cand, best):
                    best = cand
        plans[key] = best
        return best

    @staticmethod
    def _spread_estimate(p: Prepared, s: int, e: int, avail: float) -> float:
        """What justification would add per stretch point to the line s..e (em), from the
        running widths: trailing spaces hang, end punctuation is trimmed, a syllable break adds
        its hyphen; 0 for a line that has to be pushed in or lacks at most LOOSE em."""
        cls = p.cls
        j = e - 1
        while j > s and (cls[j] == SPACE or cls[j] == INVISIBLE):
            j -= 1
        width = p.cum[j + 1] - p.cum[s + 1] + p.adv[s] - p.start_cut[s]
        width -= p.rb[j] - (p.cut_br[j - 1] if j > s else 0.0)
        if p.hyph is not None and e < len(cls) and p.hyph[e] and p.joined[e]:
            width += p.hyphen_adv
        if width >= avail - LOOSE:
            return 0.0  # pushed in, or tight whatever its stretch points
        kinds = p.positions
        free = kinds.count(FREE, s, j)
        points = free + kinds.count(AFTER_SPACE, s, j) + kinds.count(CJK_LATIN, s, j)
        spread = (avail - width) / points if points else float("inf")
        if spread > TOO_LOOSE and not free:
            # Justification may space the letters instead (no Han position, and word spaces
            # and gaps opening too far): the last resort, never chosen over a line of Han text
            # up to TOO_LOOSE.
            spaced = place(p, s, e, avail, True)[2]
            if spaced < spread - EPS:
                return max(spaced, LETTER_SPACED)
        return spread

    def set_range(
        self, p: Prepared, start: int, end: int, measure: float, first: bool = False
    ) -> SetLine:
        """Characters start..end-1 of `p` set as one line `measure` pt wide (the caller chose
        the break, as the head breaker does)."""
        n = len(p.text)
        size = p.size
        indent = p.indent if first else 0.0
        avail = max(measure / size - indent, 1.0)
        last = end >= n
        fill = p.align == "justify" and not last
        hyphen = 0.0
        if p.hyph is not None and not last and p.hyph[end] and p.joined[end]:
            hyphen = p.hyphen_adv  # a syllable break: room for the hyphen at the line end
        xs_em, width_em, spread = place(p, start, end, avail - hyphen, fill)
        width_em += hyphen
        offset = indent
        if p.align == "center":
            offset += (avail - width_em) / 2
        elif p.align == "right":
            offset += avail - width_em
        x0 = offset * size
        # Em to pt in C (map): x0 + v × size, the same floats as written out per character.
        xs = list(map(float(x0).__add__, map(float(size).__mul__, xs_em)))
        return SetLine(  # SetLine's fields in order: positional arguments are quicker
            start,
            end,
            p.text[start:end],
            x0,
            width_em * size,
            last,
            first,
            size,
            xs,
            p.faces[start:end],
            p.adv[start:end],
            p.missing[bisect_left(p.missing, start) : bisect_left(p.missing, end)]
            if p.missing
            else [],
            p.scale[start:end] if p.scale is not None else None,
            p.rise[start:end] if p.rise is not None else None,
            bytes(p.emph[start:end]) if p.emph is not None else None,
            hyphen * size,
            spread,
        )

    def set_paragraph(self, p: Prepared, measure: float, first_measure: float | None = None):
        """All lines of a paragraph at one measure (a convenience for heads and tests)."""
        lines = []
        line = self.set_line(p, 0, first_measure or measure, first=True)
        while line is not None:
            lines.append(line)
            line = self.set_line(p, line.end, measure, first=False)
        return lines


def _better(key: list[float], than: list[float]) -> bool:
    """Whether a window of spreads (loosest first) is clearly tighter than another: its loosest
    line, else its next loosest, … (a window that ends sooner counts its missing lines tight)."""
    for a, b in zip(key, than):
        if a < b - 0.01:
            return True
        if a > b + 0.01:
            return False
    return False


def _inline_styles(n: int, spans, counts) -> tuple:
    """(scale, rise, emph) per character from a paragraph's sup/sub/emphasis spans; each is
    None when no span of its kind touches the text. Emphasis marks only characters that count
    as characters (not punctuation, not spaces)."""
    scale = rise = emph = None
    for span in spans:
        lo, hi = max(0, span.start), min(n, span.end)
        if lo >= hi:
            continue
        if span.kind in ("superscript", "subscript"):
            if scale is None:
                scale, rise = [1.0] * n, [0.0] * n
            shift = SUPER_RISE if span.kind == "superscript" else -SUB_DROP
            for i in range(lo, hi):
                scale[i] = SCRIPT_SCALE
                rise[i] = shift
        elif span.kind == "emphasis":
            if emph is None:
                emph = bytearray(n)
            for i in range(lo, hi):
                if counts[i]:
                    emph[i] = 1
    if emph is not None and not any(emph):
        emph = None
    return scale, rise, emph


def _glue_scripts(scale, joined, soft, gap, in_run) -> None:
    """A sup/sub is glued to the character before it: no break, no stretch and no CJK-Latin
    gap between them. After it, the gap is its base's: none after a Han base (计①重), the
    Latin gap after a Latin base (m² then Han)."""
    n = len(scale)
    base = -1
    for i in range(n):
        if scale[i] == 1.0:
            base = -1
            continue
        if base < 0:
            base = i - 1
        if i > 0:
            joined[i] = 1
            soft[i] = 0
            gap[i - 1] = 0.0
        if i + 1 < n and scale[i + 1] == 1.0 and (base < 0 or not in_run[base]):
            gap[i] = 0.0


def _running_widths(
    cls, adv, lb, rb, cut_a, cut_bl, cut_br, gap, style, joined
) -> tuple[list, list]:
    """Running sums the line breaker starts from: natural width with the pair cuts inside a line
    (cum, n+1 entries) and the shrink the walk accumulates (shrink_cum, n entries), both as if
    the line began at character 0 (the breaker corrects for its own start).

    Only the few positions with a pair cut, a CJK–Latin gap, a blank or a space differ from a
    plain advance (step) or from nothing (shrink): those are found in C (compress) and worked out
    one by one; every other step is its advance. The sums are the same floats as the formula
    applied at every position (adding zeros changes nothing), in a fraction of the time."""
    n = len(cls)
    if not n:
        return [0.0], []
    track = style.tracking
    # Step of character i (i >= 1): its advance, the gap before it, tracking, minus the cuts of
    # the pair (i-1, i). Cuts and gaps are never negative: their sum is 0 exactly where all are.
    if track:
        steps = [adv[0]]
        steps += [
            a + g + track - ca - cl - cr
            for a, g, ca, cl, cr in zip(adv[1:], gap, cut_a, cut_bl, cut_br)
        ]
    else:
        steps = adv[:]
        cuts = map(add, map(add, cut_a, cut_bl), cut_br)
        for k in compress(range(n - 1), map(add, gap, cuts)):
            steps[k + 1] = adv[k + 1] + gap[k] - cut_a[k] - cut_bl[k] - cut_br[k]
    # Shrink settled when character k+1 follows k: k's pending right-side shrink (a third of a
    # word space, none inside a number; else its right blank less what the pair before it cut),
    # less the pair cut, half the gap, and k+1's left blank less its cut.
    shrink = [0.0] * n
    marks = map(add, map(add, rb, cut_a), map(add, gap, lb[1:]))
    special = set(compress(range(n - 1), marks))
    if SPACE in cls:
        special.update(i for i, c in enumerate(cls[: n - 1]) if c == SPACE)
    for k in sorted(special):
        if cls[k] == SPACE:
            pend = 0.0 if joined[k + 1] else adv[k] * SPACE_SHRINK
        else:
            pend = rb[k] - (cut_br[k - 1] if k else 0.0)
        left = lb[k + 1]
        cl = cut_bl[k]
        shrink[k + 1] = pend - cut_a[k] + gap[k] * 0.5 + (left - cl if left > cl else 0.0)
    return [0.0, *accumulate(steps)], list(accumulate(shrink))
