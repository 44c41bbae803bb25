"""Pages: add, remove and reorder. Page numbers follow page order, so jump lines (下转/上接), page
headers and 导读 pointers follow a moved page by themselves at the next layout.

Removing a page takes its blocks with it but never a story's text: the blocks leave their threads,
and what no longer fits shows as overset. Undo puts the page, its blocks and their thread places back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsdesk.edit.blocks import all_block_ids, find_page, thread_positions
from newsdesk.edit.operation import Operation, OperationError
from newsdesk.model.edition import Edition, Page
from newsdesk.model.serialize import _Invalid, from_json_value, to_json_value


@dataclass(frozen=True)
class InsertPage(Operation):
    kind: ClassVar[str] = "insert_page"
    index: int
    page: dict  # the page (with its blocks) in the file's JSON form
    threads: tuple = ()  # ((story id, position, block id), ...) to restore

    def _apply(self, edition: Edition) -> Operation:
        try:
            page = from_json_value(self.page, Page, "page")
        except _Invalid as exc:
            raise OperationError(f"版面数据无效：{exc}") from None
        if any(p.id == page.id for p in edition.pages):
            raise OperationError(f"版面编号 {page.id} 已存在")
        if not 0 <= self.index <= len(edition.pages):
            raise OperationError(f"版面位置 {self.index} 超出范围")
        taken = all_block_ids(edition)
        if any(b.id in taken for b in page.blocks):
            raise OperationError("新版面的版块编号与已有版块重复")
        for story_id, _position, _block in self.threads:
            if story_id not in edition.stories:
                raise OperationError(f"找不到稿件 {story_id}")
        edition.pages.insert(self.index, page)
        for story_id, position, block_id in sorted(self.threads, key=lambda t: t[1]):
            thread = edition.stories[story_id].thread
            thread.insert(min(position, len(thread)), block_id)
        return RemovePage(page.id)


@dataclass(frozen=True)
class RemovePage(Operation):
    kind: ClassVar[str] = "remove_page"
    page_id: str

    def _apply(self, edition: Edition) -> Operation:
        page = find_page(edition, self.page_id)
        index = edition.pages.index(page)
        threads = tuple(
            (story_id, position, block.id)
            for block in page.blocks
            for story_id, position in thread_positions(edition, block.id)
        )
        snapshot = to_json_value(page, Page)
        del edition.pages[index]
        for story_id, position, _block in sorted(threads, key=lambda t: -t[1]):
            del edition.stories[story_id].thread[position]
        return InsertPage(index, snapshot, threads)


@dataclass(frozen=True)
class MovePage(Operation):
    kind: ClassVar[str] = "move_page"
    page_id: str
    index: int  # the page's position after the move

    def _apply(self, edition: Edition) -> Operation:
        page = find_page(edition, self.page_id)
        if not 0 <= self.index < len(edition.pages):
            raise OperationError(f"版面位置 {self.index} 超出范围")
        old = edition.pages.index(page)
        del edition.pages[old]
        edition.pages.insert(self.index, page)
        return MovePage(self.page_id, old)
