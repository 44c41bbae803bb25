"""Blocks and threads: insert and remove a block on a page, link a block into a story's thread
(续排) and unlink it. Removing a block never loses text: the story keeps every character, and what
no longer fits shows as overset (超 N 字).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsdesk.edit.operation import Operation, OperationError
from newsdesk.model.edition import Block, Edition, Page
from newsdesk.model.serialize import _Invalid, from_json_value, to_json_value


def find_page(edition: Edition, page_id: str) -> Page:
    for page in edition.pages:
        if page.id == page_id:
            return page
    raise OperationError(f"找不到版面 {page_id}（可能已被删除）")


def find_block(edition: Edition, block_id: str) -> tuple[Page, int, Block]:
    for page in edition.pages:
        for i, block in enumerate(page.blocks):
            if block.id == block_id:
                return page, i, block
    raise OperationError(f"找不到版块 {block_id}（可能已被删除）")


def block_from_json(value: dict) -> Block:
    try:
        return from_json_value(value, Block, "block")
    except _Invalid as exc:
        raise OperationError(f"版块数据无效：{exc}") from None


def thread_positions(edition: Edition, block_id: str) -> tuple[tuple[str, int], ...]:
    """(story, position) of every thread that names the block."""
    return tuple(
        (story.id, i)
        for story in edition.stories.values()
        for i, bid in enumerate(story.thread)
        if bid == block_id
    )


def all_block_ids(edition: Edition) -> set[str]:
    return {b.id for p in edition.pages for b in p.blocks}


@dataclass(frozen=True)
class InsertBlock(Operation):
    """Put a block on a page at a stacking index; optionally into story threads at positions."""

    kind: ClassVar[str] = "insert_block"
    page_id: str
    index: int
    block: dict  # the block in the file's JSON form
    threads: tuple = ()  # ((story id, position), ...)

    def _apply(self, edition: Edition) -> Operation:
        page = find_page(edition, self.page_id)
        block = block_from_json(self.block)
        if block.id in all_block_ids(edition):
            raise OperationError(f"版块编号 {block.id} 已存在")
        if not 0 <= self.index <= len(page.blocks):
            raise OperationError(f"版块位置 {self.index} 超出范围")
        for story_id, position in self.threads:
            story = edition.stories.get(story_id)
            if story is None:
                raise OperationError(f"找不到稿件 {story_id}")
            if not 0 <= position <= len(story.thread):
                raise OperationError(f"接续位置 {position} 超出范围")
        page.blocks.insert(self.index, block)
        for story_id, position in sorted(self.threads, key=lambda t: t[1]):
            edition.stories[story_id].thread.insert(position, block.id)
        return RemoveBlock(block.id)


@dataclass(frozen=True)
class RemoveBlock(Operation):
    """Take a block off its page (and out of any thread); its story keeps all its text."""

    kind: ClassVar[str] = "remove_block"
    block_id: str

    def _apply(self, edition: Edition) -> Operation:
        page, index, block = find_block(edition, self.block_id)
        threads = thread_positions(edition, self.block_id)
        snapshot = to_json_value(block, Block)
        del page.blocks[index]
        # Remove from the highest position down so the recorded positions stay true.
        for story_id, position in sorted(threads, key=lambda t: -t[1]):
            del edition.stories[story_id].thread[position]
        return InsertBlock(page.id, index, snapshot, threads)


@dataclass(frozen=True)
class ThreadInsert(Operation):
    """Link a text block into a story's thread at a position (续排), naming the story on it."""

    kind: ClassVar[str] = "thread_insert"
    story: str
    position: int
    block_id: str
    block_story: str | None  # the block's `story` after linking (normally the story itself)

    def _apply(self, edition: Edition) -> Operation:
        story = edition.stories.get(self.story)
        if story is None:
            raise OperationError(f"找不到稿件 {self.story}")
        _, _, block = find_block(edition, self.block_id)
        if block.kind != "story":
            raise OperationError("只有文字块可以接续稿件")
        if self.block_id in story.thread:
            raise OperationError("这个文字块已经在该稿件的接续链中")
        if not 0 <= self.position <= len(story.thread):
            raise OperationError(f"接续位置 {self.position} 超出范围")
        old_story = block.story
        story.thread.insert(self.position, self.block_id)
        block.story = self.block_story
        return ThreadRemove(self.story, self.block_id, old_story)


@dataclass(frozen=True)
class ThreadRemove(Operation):
    """Unlink a block from a story's thread; the text flows on through the rest of the thread."""

    kind: ClassVar[str] = "thread_remove"
    story: str
    block_id: str
    block_story: str | None  # the block's `story` after unlinking (None: an empty text block)

    def _apply(self, edition: Edition) -> Operation:
        story = edition.stories.get(self.story)
        if story is None:
            raise OperationError(f"找不到稿件 {self.story}")
        if self.block_id not in story.thread:
            raise OperationError("这个文字块不在该稿件的接续链中")
        _, _, block = find_block(edition, self.block_id)
        position = story.thread.index(self.block_id)
        old_story = block.story
        del story.thread[position]
        block.story = self.block_story
        return ThreadInsert(self.story, position, self.block_id, old_story)
