"""What an editor does to pages, as operations: add a page of one of the template's types, delete
a page (with its template furniture; its articles go back to the unplaced stories), and set the
edition's properties. Like actions.py, each function reads the edition and returns one operation
without changing anything."""

from __future__ import annotations

import datetime as _dt

from newsdesk.edit.operation import Batch, Operation, OperationError
from newsdesk.edit.pages import InsertPage, RemovePage
from newsdesk.edit.set_fields import SetFields
from newsdesk.edit.stories import AddStory, RemoveStory
from newsdesk.model.edition import Edition, Page, Story
from newsdesk.model.serialize import to_json_value
from newsdesk.model.templates import FURNITURE_SLUGS, PAGE_TYPES, make_page


def add_template_page(edition: Edition, kind: str, index: int, section: str = "") -> Operation:
    """A new page of type `kind` (front / inside / ad) at position `index`, with its furniture."""
    if kind not in PAGE_TYPES:
        raise OperationError(f"未知的版面类型：{kind}")
    page, stories = make_page(edition, kind, section)
    ops: list[Operation] = [AddStory(to_json_value(s, Story)) for s in stories]
    ops.append(InsertPage(min(max(index, 0), len(edition.pages)), to_json_value(page, Page)))
    return Batch(tuple(ops), f"添加{PAGE_TYPES[kind]}")


def furniture_stories(edition: Edition, page_id: str) -> list[str]:
    """Template furniture stories (版头, 报头, 报尾) set only on this page."""
    page = next((p for p in edition.pages if p.id == page_id), None)
    if page is None:
        raise OperationError(f"找不到版面 {page_id}")
    here = {b.story for b in page.blocks if b.story}
    elsewhere = {b.story for p in edition.pages if p is not page for b in p.blocks if b.story}
    return [
        sid
        for sid, story in edition.stories.items()
        if sid in here and sid not in elsewhere and story.slug in FURNITURE_SLUGS
    ]


def delete_page(edition: Edition, page_id: str) -> Operation:
    """Delete a page: its blocks go, its furniture stories with them; every article keeps its
    text (what no longer has a block shows as unplaced or overset). One undo step."""
    if len(edition.pages) <= 1:
        raise OperationError("版面至少要保留一个")
    ops: list[Operation] = [RemovePage(page_id)]
    ops.extend(RemoveStory(sid) for sid in furniture_stories(edition, page_id))
    return Batch(tuple(ops), "删除版面")


def set_edition_properties(
    edition: Edition, paper: str, date: _dt.date, number: int
) -> Operation | None:
    """The edition's paper, date and 期号 as one SetFields; None when nothing changed."""
    values: dict = {}
    if paper != edition.paper:
        values["paper"] = paper
    if date != edition.date:
        values["date"] = date.isoformat()
    if number != edition.number:
        values["number"] = number
    if not values:
        return None
    return SetFields(("edition",), values)
