"""What an editor does, as operations: place a story, continue it elsewhere (续排), unlink, delete
blocks, move a page, style a run of text. Each function reads the edition and returns one
Operation (often a Batch) without changing anything; the caller applies it (through the undo stack
in the window, directly in tests and tools). New ids are chosen here so that the operation itself
is deterministic and replays identically anywhere.
"""

from __future__ import annotations

import itertools

from newsdesk.edit.blocks import InsertBlock, RemoveBlock, ThreadInsert, ThreadRemove, find_block
from newsdesk.edit.operation import Batch, Operation, OperationError
from newsdesk.edit.set_fields import SetFields
from newsdesk.edit.text import ReplaceParagraphs, find_story, paragraph_offsets
from newsdesk.model.edition import Block, Edition, InlineKind, InlineSpan, Paragraph
from newsdesk.model.serialize import to_json_value


def new_id(taken: set[str], prefix: str) -> str:
    for n in itertools.count(1):
        candidate = f"{prefix}{n}"
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable")


def new_block_id(edition: Edition, prefix: str = "b") -> str:
    return new_id({b.id for p in edition.pages for b in p.blocks}, prefix)


def new_story_id(edition: Edition, prefix: str = "s") -> str:
    return new_id(set(edition.stories), prefix)


def new_page_id(edition: Edition, prefix: str = "p") -> str:
    return new_id({p.id for p in edition.pages}, prefix)


def implicit_thread(edition: Edition, story_id: str) -> list[str]:
    """The blocks a story with an empty thread flows through: its story blocks in page order."""
    return [
        b.id for p in edition.pages for b in p.blocks if b.kind == "story" and b.story == story_id
    ]


def _explicit(edition: Edition, story_id: str) -> tuple[list[Operation], list[str]]:
    """Operations that write a story's implicit thread down, and the thread they give."""
    story = find_story(edition, story_id)
    if story.thread:
        return [], list(story.thread)
    ids = implicit_thread(edition, story_id)
    return [ThreadInsert(story_id, i, bid, story_id) for i, bid in enumerate(ids)], ids


def place_story(
    edition: Edition, story_id: str, page_id: str, rect: tuple[float, float, float, float]
) -> Operation:
    """A new text block for the story at rect (x, y, width, height), last in its thread."""
    find_story(edition, story_id)
    ops, thread = _explicit(edition, story_id)
    x, y, w, h = rect
    block = Block(new_block_id(edition), "story", x, y, w, h, story=story_id)
    ops.append(
        InsertBlock(
            page_id,
            _page_len(edition, page_id),
            to_json_value(block, Block),
            ((story_id, len(thread)),),
        )
    )
    return Batch(tuple(ops), "置入稿件")


def new_block(
    edition: Edition, page_id: str, kind: str, rect: tuple[float, float, float, float], **fields
) -> Operation:
    """An empty block drawn with a frame tool: text, picture, rule or box."""
    x, y, w, h = rect
    block = Block(new_block_id(edition), kind, x, y, w, h, **fields)  # type: ignore[arg-type]
    label = {"story": "文字块", "image": "图片块", "rule": "线条", "box": "方框"}.get(kind, "块")
    return Batch(
        (InsertBlock(page_id, _page_len(edition, page_id), to_json_value(block, Block)),),
        f"添加{label}",
    )


def _page_len(edition: Edition, page_id: str) -> int:
    for page in edition.pages:
        if page.id == page_id:
            return len(page.blocks)
    raise OperationError(f"找不到版面 {page_id}")


def continue_into_block(edition: Edition, story_id: str, block_id: str) -> Operation:
    """Continue a story's overset into an existing text block (续排 into an empty block)."""
    ops, thread = _explicit(edition, story_id)
    _, _, block = find_block(edition, block_id)
    if block.kind != "story":
        raise OperationError("只能接续到文字块")
    if block_id in thread:
        raise OperationError("这个文字块已经在该稿件的接续链中")
    for other in edition.stories.values():
        if other.id != story_id and block_id in other.thread:
            raise OperationError(
                f"这个文字块已属于稿件“{other.slug or other.headline or other.id}”"
            )
    if block.story not in (None, "", story_id):
        raise OperationError("这个文字块已属于另一篇稿件")
    ops.append(ThreadInsert(story_id, len(thread), block_id, story_id))
    return Batch(tuple(ops), "转版接续")


def continue_on_page(
    edition: Edition, story_id: str, page_id: str, rect: tuple[float, float, float, float]
) -> Operation:
    """Continue a story on another page in a new block at rect (转版)."""
    op = place_story(edition, story_id, page_id, rect)
    assert isinstance(op, Batch)
    return Batch(op.ops, "转版接续")


def unlink_block(edition: Edition, block_id: str) -> Operation:
    """Take a block out of its story's thread; the text stays with the story (overset if need be)."""
    _, _, block = find_block(edition, block_id)
    ops: list[Operation] = []
    story_ids = [s.id for s in edition.stories.values() if block_id in s.thread]
    if not story_ids and block.story:
        explicit, _thread = _explicit(edition, block.story)
        ops.extend(explicit)
        story_ids = [block.story]
    if not story_ids:
        raise OperationError("这个块没有串接稿件")
    for sid in story_ids:
        ops.append(ThreadRemove(sid, block_id, None))
    return Batch(tuple(ops), "断开串接")


def delete_blocks(edition: Edition, block_ids: list[str]) -> Operation:
    """Delete blocks; their stories keep every character (what no longer fits shows as 超 N 字)."""
    return Batch(tuple(RemoveBlock(bid) for bid in block_ids), "删除块")


def move_blocks(edition: Edition, moves: dict[str, tuple[float, float]]) -> Operation:
    """Move blocks to new (x, y) positions (already snapped by the caller)."""
    return Batch(
        tuple(SetFields(("block", bid), {"x": x, "y": y}) for bid, (x, y) in moves.items()),
        "移动块",
    )


def set_rect(edition: Edition, block_id: str, rect: tuple[float, float, float, float]) -> Operation:
    x, y, w, h = rect
    return SetFields(("block", block_id), {"x": x, "y": y, "width": w, "height": h})


def style_text(
    edition: Edition, story_id: str, start: int, end: int, kind: InlineKind, on: bool = True
) -> Operation:
    """Bold / 楷 / 着重号 on (or off) for body characters [start, end)."""
    story = find_story(edition, story_id)
    offsets = paragraph_offsets(story)
    first = last = None
    new: list[dict] = []
    for i, para in enumerate(story.paragraphs):
        a, b = max(start - offsets[i], 0), min(end - offsets[i], len(para.text))
        if b <= a:
            continue
        first = i if first is None else first
        last = i
        covered = [False] * len(para.text)
        for span in para.spans:
            if span.kind == kind:
                for k in range(span.start, span.end):
                    covered[k] = True
        for k in range(a, b):
            covered[k] = on
        others = [s for s in para.spans if s.kind != kind]
        runs = []
        k = 0
        while k < len(covered):
            if covered[k]:
                j = k
                while j < len(covered) and covered[j]:
                    j += 1
                runs.append((k, j))
                k = j
            else:
                k += 1
        spans = others + [InlineSpan(s, e, kind) for s, e in runs]
        spans.sort(key=lambda s: (s.start, s.end, s.kind))
        new.append(to_json_value(Paragraph(para.text, para.style, spans), Paragraph))
    if first is None or last is None:
        raise OperationError("请先选中要设置样式的文字")
    # Paragraphs between first and last that the range skipped (empty ones) stay as they are.
    full = []
    it = iter(new)
    for i in range(first, last + 1):
        para = story.paragraphs[i]
        a, b = max(start - offsets[i], 0), min(end - offsets[i], len(para.text))
        full.append(next(it) if b > a else to_json_value(para, Paragraph))
    label = {"bold": "加粗", "kai": "楷体", "emphasis": "着重号"}.get(kind, "文字样式")
    return Batch((ReplaceParagraphs(story_id, first, last - first + 1, full),), label)


def restack_block(edition: Edition, block_id: str, delta: int) -> Operation:
    """Bring a block forward (delta > 0) or send it backward (delta < 0) among its page's blocks
    (later blocks are drawn on top); its places in story threads are kept."""
    from newsdesk.edit.blocks import thread_positions

    page, index, block = find_block(edition, block_id)
    target = min(max(index + delta, 0), len(page.blocks) - 1)
    if target == index:
        raise OperationError("已在最前面" if delta > 0 else "已在最后面")
    snapshot = to_json_value(block, Block)
    threads = thread_positions(edition, block_id)
    label = "上移一层" if delta > 0 else "下移一层"
    return Batch((RemoveBlock(block_id), InsertBlock(page.id, target, snapshot, threads)), label)
