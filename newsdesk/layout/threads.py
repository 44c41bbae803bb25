"""Story threads: the ordered blocks a story's body flows through, checked for breakage.

A thread is resolved from `Story.thread` (block ids in reading order). When a story has no
thread, its story blocks are used in page order, so a simple one-block story needs no threading.
Whatever is wrong with a thread is recorded as a problem (the audit reports it) and the thread is
repaired for layout: missing blocks are skipped, a block named twice is used once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.model.edition import Block, Edition


@dataclass(frozen=True)
class ThreadProblem:
    code: str  # missing_block / loop / shared_block / wrong_story / not_in_thread / no_story
    story: str
    block: str
    page: int  # page number (1-based), 0 when the block is not on any page
    message: str


@dataclass
class Thread:
    story: str
    blocks: list[tuple[int, Block]] = field(default_factory=list)  # (page index, block)


def block_index(edition: Edition) -> dict[str, tuple[int, Block]]:
    """Block id -> (page index, block); the first one wins when ids repeat."""
    found: dict[str, tuple[int, Block]] = {}
    for page_index, page in enumerate(edition.pages):
        for block in page.blocks:
            found.setdefault(block.id, (page_index, block))
    return found


def resolve_threads(edition: Edition) -> tuple[dict[str, Thread], list[ThreadProblem]]:
    """Every story's thread, and what is broken about them."""
    blocks = block_index(edition)
    threads: dict[str, Thread] = {}
    problems: list[ThreadProblem] = []
    owner: dict[str, str] = {}  # block id -> story whose thread took it first
    # A story without a thread list runs through its story blocks in page order.
    implicit: dict[str, list[str]] = {}
    for page in edition.pages:
        for b in page.blocks:
            if b.kind == "story" and b.story:
                implicit.setdefault(b.story, []).append(b.id)

    for story in edition.stories.values():
        thread = Thread(story.id)
        ids = list(story.thread) or list(implicit.get(story.id, ()))
        seen: set[str] = set()
        for block_id in ids:
            if block_id in seen:
                problems.append(
                    ThreadProblem(
                        "loop",
                        story.id,
                        block_id,
                        _page_no(blocks, block_id),
                        f"稿件“{_name(story)}”的接续链重复经过版块 {block_id}（循环接续）",
                    )
                )
                continue
            seen.add(block_id)
            if block_id not in blocks:
                problems.append(
                    ThreadProblem(
                        "missing_block",
                        story.id,
                        block_id,
                        0,
                        f"稿件“{_name(story)}”的接续链指向不存在的版块 {block_id}",
                    )
                )
                continue
            if block_id in owner:
                problems.append(
                    ThreadProblem(
                        "shared_block",
                        story.id,
                        block_id,
                        _page_no(blocks, block_id),
                        f"版块 {block_id} 同时属于稿件“{_name(edition.stories[owner[block_id]])}”"
                        f"和“{_name(story)}”的接续链",
                    )
                )
                continue
            page_index, block = blocks[block_id]
            if block.kind != "story":
                problems.append(
                    ThreadProblem(
                        "wrong_kind",
                        story.id,
                        block_id,
                        page_index + 1,
                        f"稿件“{_name(story)}”的接续链包含非文字版块 {block_id}",
                    )
                )
                continue
            if block.story not in (None, "", story.id):
                problems.append(
                    ThreadProblem(
                        "wrong_story",
                        story.id,
                        block_id,
                        page_index + 1,
                        f"版块 {block_id} 标明属于稿件“{_story_name(edition, block.story)}”，"
                        f"却在稿件“{_name(story)}”的接续链中",
                    )
                )
            owner[block_id] = story.id
            thread.blocks.append((page_index, block))
        threads[story.id] = thread

    counts: dict[str, int] = {}
    for page_index, page in enumerate(edition.pages):
        for block in page.blocks:
            counts[block.id] = counts.get(block.id, 0) + 1
            if counts[block.id] == 2:
                problems.append(
                    ThreadProblem(
                        "duplicate_block",
                        block.story or "",
                        block.id,
                        page_index + 1,
                        f"版块编号 {block.id} 重复：只有第一个会被排版",
                    )
                )
    for block_id, (page_index, block) in blocks.items():
        if block.kind != "story" or block_id in owner:
            continue
        if block.story and block.story not in edition.stories:
            code, msg = "no_story", f"版块 {block_id} 指向不存在的稿件 {block.story}"
        elif block.story:
            code = "not_in_thread"
            msg = (
                f"版块 {block_id} 属于稿件“{_story_name(edition, block.story)}”，"
                "但不在它的接续链中，不会排入文字"
            )
        else:
            code, msg = "no_story", f"文字版块 {block_id} 没有指定稿件"
        problems.append(ThreadProblem(code, block.story or "", block_id, page_index + 1, msg))
    return threads, problems


def _story_name(edition: Edition, story_id: str) -> str:
    """A story's name as every message gives it (slug, else headline, else id)."""
    story = edition.stories.get(story_id)
    return _name(story) if story is not None else story_id


def _page_no(blocks: dict[str, tuple[int, Block]], block_id: str) -> int:
    return blocks[block_id][0] + 1 if block_id in blocks else 0


def _name(story) -> str:
    return story.slug or story.headline or story.id
