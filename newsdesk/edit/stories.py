"""Stories: add one (copy imported from a file, 稿件入库) and remove an unplaced one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsdesk.edit.operation import Operation, OperationError
from newsdesk.model.edition import Edition, Story
from newsdesk.model.serialize import _Invalid, from_json_value, to_json_value


@dataclass(frozen=True)
class AddStory(Operation):
    kind: ClassVar[str] = "add_story"
    story: dict  # the story in the file's JSON form
    index: int = -1  # position among the edition's stories (file order); -1 = last

    def _apply(self, edition: Edition) -> Operation:
        try:
            story = from_json_value(self.story, Story, "story")
        except _Invalid as exc:
            raise OperationError(f"稿件数据无效：{exc}") from None
        if story.id in edition.stories:
            raise OperationError(f"稿件编号 {story.id} 已存在")
        items = list(edition.stories.items())
        index = len(items) if self.index < 0 else min(self.index, len(items))
        items.insert(index, (story.id, story))
        edition.stories.clear()
        edition.stories.update(items)
        return RemoveStory(story.id)


@dataclass(frozen=True)
class RemoveStory(Operation):
    kind: ClassVar[str] = "remove_story"
    story_id: str

    def _apply(self, edition: Edition) -> Operation:
        story = edition.stories.get(self.story_id)
        if story is None:
            raise OperationError(f"找不到稿件 {self.story_id}")
        placed = story.thread or any(
            b.story == self.story_id for p in edition.pages for b in p.blocks
        )
        if placed:
            raise OperationError("稿件已上版：请先删除或断开它的版块")
        index = list(edition.stories).index(self.story_id)
        snapshot = to_json_value(story, Story)
        del edition.stories[self.story_id]
        return AddStory(snapshot, index)
