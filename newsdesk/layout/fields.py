"""Fields in copy: {版次}, {稿:lead} ... written into the text, expanded only at layout time.

Page headers and 导读 pointers typed as plain words go stale when pages move ("详见第三版" for a
story now on page 2). Written as fields they are worked out again at every layout, from the page
order, the threads and the edition's data, and never stored expanded.

    {版次}  this page as jump lines name it: 第二版 (A2版 with label numerals)
    {版号}  this page's number: 2
    {版名}  this page's section (Page.section): 综合
    {报名}  Edition.paper          {日期}  2026年11月27日   {星期}  星期五   {期号}  Edition.number
    {农历}  the Chinese calendar date: 丙午年十月十九 (layout/lunar_date.py)
    {刊号} {主管} {主办} {总编辑}  Edition.imprint (版本记录)
    {版数}  how many pages the edition has: 4
    {稿:ID} the page where story ID starts (= {版次:ID}); {版号:ID}, {版名:ID} likewise
    {转:ID} the page where story ID continues (its first block on another page)
    {{ and }}  a literal brace; a lone } is printed as typed

"This page" is the page of the block being set; for a story's own text (heads, byline, body,
jump head) it is the page where the story starts. The colon may be full-width (：).

An unknown field, a field without its closing brace, or a reference to a missing story is left
visible exactly as typed and reported (FieldProblem -> the audit's findings).

Source mapping: every expanded character knows the span of source text it came from. A field's
characters all carry the offset of its opening brace; an escaped brace carries the first of
its pair. `Expansion.starts[i]` / `ends[i]` are that span for expanded character i.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace

from newsdesk.layout.jump_text import page_name
from newsdesk.layout.lunar_date import lunar_text
from newsdesk.layout.result import Line
from newsdesk.layout.threads import Thread
from newsdesk.model.edition import Edition, InlineSpan, Paragraph, Story

WEEKDAYS = "一二三四五六日"
PAGE_FIELDS = ("版次", "版号", "版名")  # this page, or with :ID the page where story ID starts
EDITION_FIELDS = ("报名", "日期", "星期", "农历", "期号", "版数", "刊号", "主管", "主办", "总编辑")
STORY_FIELDS = ("稿", "转")
FIELD_NAMES = PAGE_FIELDS + EDITION_FIELDS + STORY_FIELDS

# Expanding one field has three outcomes: its words, "leave it as typed, quietly" (a page field
# in text that is on no page yet), or "leave it as typed and say why".
_KEEP = object()


@dataclass(frozen=True)
class FieldProblem:
    code: str  # field_unknown / field_unclosed / field_story_missing / field_story_unplaced ...
    message: str  # Chinese, names the field as typed


@dataclass
class Expansion:
    """A text with its fields expanded, and where each expanded character came from."""

    source: str
    text: str
    starts: list[int]  # source offset where the unit of expanded char i starts (a field: its {)
    ends: list[int]  # source offset after that unit
    problems: list[FieldProblem] = field(default_factory=list)

    def start_of(self, offset: int) -> int:
        """Source offset for expanded offset `offset` (a character index or the text's end)."""
        if offset < len(self.starts):
            return self.starts[max(0, offset)]
        return len(self.source)

    def end_of(self, start: int, end: int) -> int:
        """Source offset after expanded characters [start, end)."""
        if end <= start:
            return self.start_of(start)
        return self.ends[min(end, len(self.ends)) - 1]

    def forward(self) -> list[int]:
        """For each source offset 0..len(source), the first expanded offset at or after it."""
        out = [len(self.text)] * (len(self.source) + 1)
        for i in range(len(self.starts) - 1, -1, -1):
            out[self.starts[i]] = i
        for s in range(len(self.source) - 1, -1, -1):  # offsets inside a field: the next unit
            out[s] = min(out[s], out[s + 1])
        return out


def has_fields(text: str) -> bool:
    """Whether `text` needs expanding at all (the fast path: most copy has no braces)."""
    return "{" in text or "}" in text


class FieldValues:
    """What fields expand to in one layout pass: page names in the current page order, where
    each story starts and continues. Built from the model alone, so layout never waits on itself."""

    def __init__(self, edition: Edition, threads: dict[str, Thread]):
        self.edition = edition
        style = edition.jump_style
        self.names = [page_name(style, i + 1, p.label) for i, p in enumerate(edition.pages)]
        self.start: dict[str, int] = {}  # story id -> page index where it starts
        self.next: dict[str, int] = {}  # story id -> page index of its first block elsewhere
        for sid, thread in threads.items():
            if not thread.blocks:
                continue
            first = thread.blocks[0][0]
            self.start[sid] = first
            for page_index, _block in thread.blocks:
                if page_index != first:
                    self.next[sid] = page_index
                    break
        # A story shown only through a headline block starts where that block is.
        for page_index, page in enumerate(edition.pages):
            for block in page.blocks:
                if block.kind == "headline" and block.story:
                    self.start.setdefault(block.story, page_index)
        date = edition.date
        imprint = getattr(edition, "imprint", None)
        self.fixed = {
            "报名": edition.paper,
            "农历": lunar_text(date) if isinstance(date, _dt.date) else "",
            "刊号": imprint.cn if imprint else "",
            "主管": imprint.supervisor if imprint else "",
            "主办": imprint.sponsor if imprint else "",
            "总编辑": imprint.editor_in_chief if imprint else "",
            "日期": f"{date.year}年{date.month}月{date.day}日",
            "星期": "星期" + WEEKDAYS[date.weekday()] if isinstance(date, _dt.date) else "",
            "期号": str(edition.number),
            "版数": str(len(edition.pages)),
        }
        # Everything an expansion depends on: while it is unchanged, expansions can be reused.
        self.signature = (
            tuple(self.names),
            tuple(p.section for p in edition.pages),
            tuple(sorted(self.start.items())),
            tuple(sorted(self.next.items())),
            tuple(self.fixed.values()),
            tuple(edition.stories),
        )
        self._memo: dict[tuple[str, int | None], Expansion] = {}

    def adopt(self, previous: FieldValues | None) -> None:
        """Reuse the expansions of the previous layout pass when no field value changed."""
        if previous is not None and previous.signature == self.signature:
            self._memo = previous._memo

    # -- one text -------------------------------------------------------------------------------

    def expand(self, text: str, page_index: int | None) -> Expansion | None:
        """`text` with its fields expanded for a text on page `page_index` (None: on no page);
        None when the text has no braces (nothing to expand, offsets unchanged)."""
        if not has_fields(text):
            return None
        hit = self._memo.get((text, page_index))
        if hit is None:
            hit = self._expand(text, page_index)
            if len(self._memo) > 4096:  # texts edited away: start afresh rather than grow
                self._memo.clear()
            self._memo[(text, page_index)] = hit
        return hit

    def _expand(self, text: str, page_index: int | None) -> Expansion:
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        problems: list[FieldProblem] = []
        n = len(text)
        i = 0

        def emit(s: str, a: int, b: int) -> None:
            out.append(s)
            starts.extend([a] * len(s))
            ends.extend([b] * len(s))

        while i < n:
            j = _next_brace(text, i)
            if j > i:  # plain text, one unit per character
                out.append(text[i:j])
                starts.extend(range(i, j))
                ends.extend(range(i + 1, j + 1))
                i = j
                continue
            ch = text[i]
            if i + 1 < n and text[i + 1] == ch:  # {{ or }}: one literal brace
                emit(ch, i, i + 2)
                i += 2
                continue
            if ch == "}":  # a lone closing brace is printed as typed
                emit(ch, i, i + 1)
                i += 1
                continue
            close = _closing(text, i)
            if close < 0:
                shown = text[i : min(n, i + 8)].split("\n")[0]
                problems.append(
                    FieldProblem(
                        "field_unclosed",
                        f"字段缺少右花括号：“{shown}…”（要印出花括号本身，请写成 {{{{ 和 }}}}）",
                    )
                )
                emit(ch, i, i + 1)
                i += 1
                continue
            raw = text[i : close + 1]
            value = self._value(text[i + 1 : close], raw, page_index, problems)
            if value is _KEEP:
                out.append(raw)
                starts.extend(range(i, close + 1))
                ends.extend(range(i + 1, close + 2))
            else:
                emit(value, i, close + 1)  # type: ignore[arg-type]
            i = close + 1
        return Expansion(text, "".join(out), starts, ends, problems)

    def _value(self, inner: str, raw: str, page_index: int | None, problems: list) -> object:
        name, sep, arg = inner.replace("：", ":").partition(":")
        name, arg = name.strip(), arg.strip()
        if name in EDITION_FIELDS and not sep:
            return self.fixed[name]
        if name in PAGE_FIELDS and not sep:
            if page_index is None or not 0 <= page_index < len(self.names):
                return _KEEP  # the text is on no page yet: nothing to say
            return self._page_value(name, page_index)
        if (name in PAGE_FIELDS or name in STORY_FIELDS) and sep:
            if arg not in self.edition.stories:
                problems.append(
                    FieldProblem("field_story_missing", f"字段 {raw} 指向的稿件 {arg} 不存在")
                )
                return _KEEP
            if name == "转":
                target = self.next.get(arg)
                if target is None:
                    problems.append(
                        FieldProblem(
                            "field_no_continuation",
                            f"字段 {raw}：稿件 {arg} 没有转到其他版面",
                        )
                    )
                    return _KEEP
            else:
                target = self.start.get(arg)
                if target is None:
                    problems.append(
                        FieldProblem(
                            "field_story_unplaced", f"字段 {raw}：稿件 {arg} 还没有排上版面"
                        )
                    )
                    return _KEEP
            return self._page_value("版次" if name in STORY_FIELDS else name, target)
        problems.append(
            FieldProblem(
                "field_unknown",
                f"未知字段 {raw}（可用：{{版次}} {{版号}} {{版名}} {{报名}} {{日期}} {{星期}} "
                f"{{农历}} {{期号}} {{版数}} {{刊号}} {{主管}} {{主办}} {{总编辑}} "
                f"{{稿:稿件ID}} {{转:稿件ID}}；花括号本身请写成 {{{{ 和 }}}}）",
            )
        )
        return _KEEP

    def _page_value(self, name: str, page_index: int) -> str:
        if name == "版号":
            return str(page_index + 1)
        if name == "版名":
            return self.edition.pages[page_index].section
        return self.names[page_index]

    # -- a story's texts ------------------------------------------------------------------------

    def expand_story(self, story: Story) -> tuple[Story, dict[tuple[str, int], Expansion]]:
        """The story with every text expanded for the page it starts on, and the expansions by
        (line part, paragraph) so laid lines can be mapped back; the story itself when it has no
        fields."""
        texts = [story.kicker, story.headline, story.deck, story.byline, story.jump_head]
        texts.extend(p.text for p in story.paragraphs)
        joined = "\x00".join(texts)  # one scan: most stories have no fields at all
        if "{" not in joined and "}" not in joined:
            return story, {}
        page = self.start.get(story.id)
        maps: dict[tuple[str, int], Expansion] = {}
        changes: dict[str, object] = {}
        for part in ("kicker", "headline", "deck", "byline", "jump_head"):
            exp = self.expand(getattr(story, part), page)
            if exp is not None:
                maps[(part, 0)] = exp
                changes[part] = exp.text
        if not story.jump_head and ("headline", 0) in maps:
            maps[("jump_head", 0)] = maps[("headline", 0)]  # the jump head repeats the headline
        paragraphs = None
        for k, para in enumerate(story.paragraphs):
            exp = self.expand(para.text, page)
            if exp is None:
                continue
            if paragraphs is None:
                paragraphs = list(story.paragraphs)
            maps[("body", k)] = exp
            paragraphs[k] = expanded_paragraph(para, exp)
        if paragraphs is not None:
            changes["paragraphs"] = paragraphs
        if not changes:
            return story, maps
        return replace(story, **changes), maps  # type: ignore[arg-type]


def expanded_paragraph(para: Paragraph, exp: Expansion) -> Paragraph:
    """A paragraph set from expanded text: inline spans moved to the expanded offsets."""
    spans = para.spans
    if spans:
        fwd = exp.forward()
        size = len(fwd) - 1
        spans = [
            InlineSpan(fwd[min(max(s.start, 0), size)], fwd[min(max(s.end, 0), size)], s.kind)
            for s in spans
        ]
    return Paragraph(exp.text, para.style, spans)


def source_lines(lines: list[Line], maps: dict[tuple[str, int], Expansion]) -> list[Line]:
    """Lines set from expanded text, with offsets mapped back to the source (copies, so cached
    lines stay as the composer made them). `Line.text` stays what is printed."""
    if not maps:
        return lines
    out = []
    for line in lines:
        exp = maps.get((line.part, line.paragraph))
        if exp is None:
            out.append(line)
            continue
        runs = [replace(run, offsets=[exp.start_of(o) for o in run.offsets]) for run in line.runs]
        out.append(
            replace(
                line,
                start=exp.start_of(line.start),
                end=exp.end_of(line.start, line.end),
                runs=runs,
            )
        )
    return out


def source_overset(story: Story, maps: dict[tuple[str, int], Expansion], overset: int) -> int:
    """Overset counted in source characters, from `overset` expanded characters at the end."""
    if overset <= 0 or not any(part == "body" for part, _k in maps):
        return overset
    need, total = overset, 0
    for k in range(len(story.paragraphs) - 1, -1, -1):
        source = story.paragraphs[k].text
        exp = maps.get(("body", k))
        n = len(exp.text) if exp is not None else len(source)
        if need >= n:
            total += len(source)
            need -= n
        else:  # the overset starts inside this paragraph
            total += len(source) - exp.start_of(n - need) if exp is not None else need
            need = 0
        if need <= 0:
            break
    return total


def _next_brace(text: str, i: int) -> int:
    a = text.find("{", i)
    b = text.find("}", i)
    if a < 0:
        return b if b >= 0 else len(text)
    return a if b < 0 else min(a, b)


def _closing(text: str, i: int) -> int:
    """Index of the } closing the field opened at i, or -1 (a field never spans a line break
    or holds another {)."""
    j = i + 1
    n = len(text)
    while j < n:
        ch = text[j]
        if ch == "}":
            return j
        if ch in "{\n":
            return -1
        j += 1
    return -1
