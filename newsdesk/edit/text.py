"""Text edits: replace a range of one part of a story (引题, 主题, 副题, 署名, 转版标题, or the body).

Offsets are in the part's text; for the body, paragraphs joined by "\\n" — the same offsets the
layout's glyph sources and the proof importer use. Typing "\\n" splits a paragraph; deleting one
joins two. Inline styles (bold, 楷, 着重号) follow the text: a span grows when text is typed inside
it and shrinks when its characters are deleted.

The inverse of a body edit replaces the touched paragraphs with a snapshot of what they were, so
undo restores paragraph styles and spans exactly, whatever the edit merged or split.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsdesk.edit.operation import Operation, OperationError
from newsdesk.model.edition import Edition, InlineSpan, Paragraph, Story
from newsdesk.model.serialize import _check_text, _Invalid, from_json_value, to_json_value

HEAD_PARTS = ("kicker", "headline", "deck", "byline", "jump_head", "slug")
PARTS = (*HEAD_PARTS, "body")

PART_NAMES = {
    "kicker": "引题",
    "headline": "主题",
    "deck": "副题",
    "byline": "署名",
    "jump_head": "转版标题",
    "slug": "稿件名",
    "body": "正文",
}


def find_story(edition: Edition, story_id: str) -> Story:
    story = edition.stories.get(story_id)
    if story is None:
        raise OperationError(f"找不到稿件 {story_id}（可能已被删除）")
    return story


def part_text(story: Story, part: str) -> str:
    if part == "body":
        return story.body_text()
    if part in HEAD_PARTS:
        return getattr(story, part)
    raise OperationError(f"未知的稿件部分：{part}")


def paragraph_offsets(story: Story) -> list[int]:
    """Offset of each paragraph's first character in the body text."""
    offsets, at = [], 0
    for para in story.paragraphs:
        offsets.append(at)
        at += len(para.text) + 1
    return offsets


def locate(story: Story, offset: int) -> tuple[int, int]:
    """(paragraph index, offset inside it) of a body offset; the end of a paragraph wins over the
    start of the next, so an insertion at a paragraph break goes to the paragraph before it."""
    for i, start in enumerate(paragraph_offsets(story)):
        if offset <= start + len(story.paragraphs[i].text):
            return i, offset - start
    raise OperationError(f"位置 {offset} 超出正文长度")


def _map_start(pos: int, start: int, end: int, inserted: int) -> int:
    """Where a span's start goes when [start, end) is replaced by `inserted` characters: a span
    starting inside the replaced text takes the replacement; text typed before it stays plain."""
    if pos < start:
        return pos
    if pos < end:
        return start
    return pos + inserted - (end - start)


def _map_end(pos: int, start: int, end: int, inserted: int) -> int:
    """Where a span's end goes: text typed inside a span (or replacing its tail) takes its style,
    text typed right after it does not."""
    if pos <= start:
        return pos
    if pos <= end:
        return start + inserted
    return pos + inserted - (end - start)


def paragraphs_from_json(value: list) -> list[Paragraph]:
    try:
        return [from_json_value(v, Paragraph, f"paragraphs[{i}]") for i, v in enumerate(value)]
    except _Invalid as exc:
        raise OperationError(f"段落数据无效：{exc}") from None


@dataclass(frozen=True)
class ReplaceText(Operation):
    """Replace characters [start, end) of one part of a story with `text`."""

    kind: ClassVar[str] = "replace_text"
    story: str
    part: str
    start: int
    end: int
    text: str

    def _apply(self, edition: Edition) -> Operation:
        story = find_story(edition, self.story)
        old = part_text(story, self.part)
        if not (0 <= self.start <= self.end <= len(old)):
            raise OperationError(
                f"{PART_NAMES.get(self.part, self.part)}的范围 {self.start}–{self.end} 超出文字长度 {len(old)}"
            )
        try:
            _check_text(self.text, "text")
        except _Invalid as exc:
            raise OperationError(f"文字无效：{exc}") from None
        if self.part != "body":
            # Heads may break into lines ("夜读的灯\n亮到十点", as the copy format makes them);
            # the 稿件名 is a one-line label.
            if self.part == "slug" and "\n" in self.text:
                raise OperationError(f"{PART_NAMES[self.part]}中不能换行")
            setattr(story, self.part, old[: self.start] + self.text + old[self.end :])
            return ReplaceText(
                self.story,
                self.part,
                self.start,
                self.start + len(self.text),
                old[self.start : self.end],
            )
        return self._apply_body(story)

    def _apply_body(self, story: Story) -> Operation:
        if not story.paragraphs:
            first, last, before = 0, -1, []
            prefix, suffix, style = "", "", "body"
            base = 0
        else:
            first, local_start = locate(story, self.start)
            last, local_end = locate(story, self.end)
            before = story.paragraphs[first : last + 1]
            prefix = before[0].text[:local_start]
            suffix = before[-1].text[local_end:]
            style = before[0].style
            base = paragraph_offsets(story)[first]
        snapshot = [to_json_value(p, Paragraph) for p in before]
        combined = prefix + self.text + suffix
        # Span boundaries in body offsets, mapped through the edit.
        start, end, inserted = self.start, self.end, len(self.text)
        offsets = paragraph_offsets(story)
        mapped: list[tuple[int, int, str]] = []
        for i in range(first, last + 1):
            for span in story.paragraphs[i].spans:
                s = _map_start(offsets[i] + span.start, start, end, inserted)
                e = _map_end(offsets[i] + span.end, start, end, inserted)
                if e > s:
                    mapped.append((s, e, span.kind))
        pieces = combined.split("\n")
        new: list[Paragraph] = []
        at = base
        last_style = before[-1].style if before else style
        for n, piece in enumerate(pieces):
            spans = [
                InlineSpan(max(s, at) - at, min(e, at + len(piece)) - at, kind)
                for s, e, kind in mapped
                if min(e, at + len(piece)) > max(s, at)
            ]
            new.append(Paragraph(piece, style if n == 0 else last_style, spans))
            at += len(piece) + 1
        story.paragraphs[first : last + 1] = new
        return ReplaceParagraphs(self.story, first, len(new), snapshot)

    def describe(self) -> str:
        if not self.text:
            return "删除文字"
        return "输入文字" if self.start == self.end else "替换文字"


@dataclass(frozen=True)
class ReplaceParagraphs(Operation):
    """Replace paragraphs [first, first + count) of a story's body with whole paragraphs."""

    kind: ClassVar[str] = "replace_paragraphs"
    story: str
    first: int
    count: int
    paragraphs: list  # paragraphs in the file's JSON form

    def _apply(self, edition: Edition) -> Operation:
        story = find_story(edition, self.story)
        if not (
            0 <= self.first and self.count >= 0 and self.first + self.count <= len(story.paragraphs)
        ):
            raise OperationError("段落范围超出正文")
        new = paragraphs_from_json(list(self.paragraphs))
        for para in new:
            if "\n" in para.text:
                raise OperationError("段落文字中不能含换行")
            for span in para.spans:
                if not 0 <= span.start < span.end <= len(para.text):
                    raise OperationError("段内样式的范围无效")
        old = story.paragraphs[self.first : self.first + self.count]
        snapshot = [to_json_value(p, Paragraph) for p in old]
        story.paragraphs[self.first : self.first + self.count] = new
        return ReplaceParagraphs(self.story, self.first, len(new), snapshot)
