"""SetFields: change named fields of one object of the edition (a block's geometry, a story's head
settings, a style, the edition's date …). The values travel in the file's JSON form and are
checked by the file loader's own converter, so an operation can never put into the model what a
saved file could not hold; range problems (a negative width) are refused as the loader would.

Targets are short tuples:
    ("edition",) ("print",) ("jump_style",)      edition-wide settings
    ("page", PAGE_ID) ("grid", PAGE_ID)          a page and its grid
    ("block", BLOCK_ID)                          a block (geometry, image, crop, caption …)
    ("story", STORY_ID) ("heads", STORY_ID)      a story's slug/heads text, its head settings
    ("paragraph", STORY_ID, INDEX)               one paragraph's style
    ("style", NAME)                              a paragraph style
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from newsdesk.edit.operation import Operation, OperationError
from newsdesk.model.edition import Edition
from newsdesk.model.serialize import (
    _hints,
    _Invalid,
    from_json_value,
    persisted_fields,
    to_json_value,
)
from newsdesk.model.validate import edition_problems

# Structure is changed by its own operations (threads, paragraphs, pages), never by SetFields.
_NOT_SETTABLE = {
    "id",
    "blocks",
    "pages",
    "stories",
    "styles",
    "paragraphs",
    "thread",
    "story",
    "spans",
    "grid",
    "heads",
    "print",
    "jump_style",
    "name",
}


def resolve_target(edition: Edition, target: tuple) -> Any:
    """The model object a target names; OperationError when it does not exist."""
    try:
        kind = target[0]
        if kind == "edition":
            return edition
        if kind == "print":
            return edition.print
        if kind == "jump_style":
            return edition.jump_style
        if kind in ("page", "grid"):
            page = next(p for p in edition.pages if p.id == target[1])
            return page if kind == "page" else page.grid
        if kind == "block":
            return edition.find_block(target[1])[1]
        if kind == "story":
            return edition.stories[target[1]]
        if kind == "heads":
            return edition.stories[target[1]].heads
        if kind == "paragraph":
            return edition.stories[target[1]].paragraphs[target[2]]
        if kind == "style":
            return edition.styles[target[1]]
    except (KeyError, IndexError, StopIteration, TypeError):
        pass
    raise OperationError(f"找不到要修改的对象：{'/'.join(str(t) for t in target)}（可能已被删除）")


@dataclass(frozen=True)
class SetFields(Operation):
    kind: ClassVar[str] = "set"
    target: tuple
    values: dict  # field name -> value in the file's JSON form

    def _apply(self, edition: Edition) -> Operation:
        obj = resolve_target(edition, self.target)
        cls = type(obj)
        hints = _hints(cls)
        settable = {f.name for f in persisted_fields(cls)} - _NOT_SETTABLE
        new: dict[str, Any] = {}
        for name, value in self.values.items():
            if name not in settable:
                raise OperationError(f"不能直接修改字段 {name}")
            try:
                new[name] = from_json_value(value, hints[name], name)
            except _Invalid as exc:
                raise OperationError(f"取值无效：{exc}") from None
        old = {name: to_json_value(getattr(obj, name), hints[name]) for name in new}
        before = len(edition_problems(edition))
        for name, value in new.items():
            setattr(obj, name, value)
        problems = edition_problems(edition)
        if len(problems) > before:
            for name, value in old.items():
                setattr(obj, name, from_json_value(value, hints[name], name))
            path, reason = problems[-1]
            raise OperationError(f"取值无效：{path} {reason}")
        return SetFields(self.target, old)

    def describe(self) -> str:
        names = set(self.values)
        if self.target[0] == "block" and names <= {"x", "y", "width", "height"}:
            return "移动块" if names <= {"x", "y"} else "调整块大小"
        if self.target[0] == "block" and names <= {"crop", "fit", "image"}:
            return "调整图片"
        if self.target[0] in ("edition", "print"):
            return "修改版次属性"
        if self.target[0] == "heads":
            return "修改标题设置"
        return super().describe()
