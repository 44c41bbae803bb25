"""The stories panel: placed and unplaced stories (已上版 / 未上版), each with its length in 字 and
its state on the pages (超 N 字 / 缺 N 行 / 正好 / 未上版) in colour.

Selecting a story shows it in the story editor; double-click or Enter goes to its first block (a
placed story) or loads the place gun with it (an unplaced one); dragging a story carries its id as
`application/x-newsdesk-story` for the page canvas; an unplaced story can be deleted.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMimeData, Qt
from PySide6.QtGui import QBrush, QDrag
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeWidget, QTreeWidgetItem

from newsdesk.app.copyfit_status import story_status
from newsdesk.edit import RemoveStory

STORY_MIME = "application/x-newsdesk-story"
ROLE = Qt.ItemDataRole.UserRole


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def story_name(story) -> str:
    return story.slug or story.headline.replace("\n", " ") or story.id


class StoriesPanel(QTreeWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.setObjectName("stories_panel")
        self.setHeaderLabels([tr("Story"), tr("Length"), tr("On the pages")])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        header = self.header()
        header.setStretchLastSection(False)
        # The name takes what is left; length and fit are never cut (超 48 字, not 超 48).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.itemActivated.connect(self._activated)
        self.currentItemChanged.connect(self._selected)
        self.placed_group = self.unplaced_group = None

    # -- contents -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild from the edition, keeping the selected story and the scroll position."""
        current = self.current_story()
        scroll = self.verticalScrollBar().value()
        self.blockSignals(True)
        try:
            self.clear()
            self.placed_group = self.unplaced_group = None
            edition, engine = self.window.edition, self.window.engine
            if edition is None:
                return
            copyfit = engine.copyfit() if engine is not None else {}
            placed, unplaced = [], []
            for story_id, story in edition.stories.items():
                status = story_status(edition, copyfit, story_id)
                item = QTreeWidgetItem([story_name(story), f"{status.chars} 字", status.label])
                item.setData(0, ROLE, ("story", story_id))
                item.setToolTip(0, story.headline.replace("\n", " ") or story_name(story))
                item.setTextAlignment(
                    1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                item.setForeground(2, QBrush(status.colour))
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                (placed if status.placed else unplaced).append(item)
            for attr, title, items in (
                ("unplaced_group", tr("Not placed"), unplaced),
                ("placed_group", tr("Placed"), placed),
            ):
                group = QTreeWidgetItem([f"{title}（{len(items)}）"])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.addChildren(items)
                self.addTopLevelItem(group)
                group.setExpanded(True)
                setattr(self, attr, group)
            if current is not None:
                item = self.item_for(current)
                if item is not None:
                    self.setCurrentItem(item)
        finally:
            self.blockSignals(False)
        self.verticalScrollBar().setValue(scroll)

    def story_items(self) -> list[QTreeWidgetItem]:
        """Every story's row, unplaced first, then placed."""
        groups = [g for g in (self.unplaced_group, self.placed_group) if g is not None]
        return [g.child(i) for g in groups for i in range(g.childCount())]

    def item_for(self, story_id: str) -> QTreeWidgetItem | None:
        for group in (self.unplaced_group, self.placed_group):
            if group is None:
                continue
            for i in range(group.childCount()):
                item = group.child(i)
                if item.data(0, ROLE) == ("story", story_id):
                    return item
        return None

    def current_story(self) -> str | None:
        item = self.currentItem()
        target = item.data(0, ROLE) if item is not None else None
        return target[1] if target else None

    # -- drag -----------------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [STORY_MIME]

    def mimeData(self, items) -> QMimeData:
        mime = QMimeData()
        ids = [item.data(0, ROLE)[1] for item in items if item.data(0, ROLE)]
        if ids:
            mime.setData(STORY_MIME, ids[0].encode("utf-8"))
        return mime

    def startDrag(self, _actions) -> None:
        """A story dragged towards the page: its id as application/x-newsdesk-story."""
        items = [i for i in self.selectedItems() if i.data(0, ROLE)]
        if not items:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData(items))
        drag.exec(Qt.DropAction.CopyAction)

    # -- actions --------------------------------------------------------------------------------

    def _selected(self, item, _previous=None) -> None:
        story_id = self.current_story()
        if story_id is not None and hasattr(self.window, "story_dock"):
            self.window.story_dock.show_story(story_id)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, ROLE)
        if not target:
            return
        story_id = target[1]
        if item.parent() is self.unplaced_group and hasattr(self.window, "load_place_gun"):
            self.window.load_place_gun(story_id)
        elif item.parent() is self.placed_group:
            self.window._go_to_item(item)
        else:
            self.window.open_story_editor(story_id)

    def _context_menu(self, pos) -> None:
        menu = self.context_menu(self.itemAt(pos))
        if menu is not None:
            menu.exec(self.viewport().mapToGlobal(pos))

    def context_menu(self, item) -> QMenu | None:
        """编辑稿件 for every story; 置入 and 删除稿件 for an unplaced one."""
        target = item.data(0, ROLE) if item is not None else None
        if not target:
            return None
        story_id = target[1]
        menu = QMenu(self)
        menu.addAction(tr("Edit Story"), lambda: self.window.open_story_editor(story_id))
        if item.parent() is self.unplaced_group:
            if hasattr(self.window, "load_place_gun"):
                menu.addAction(tr("Place…"), lambda: self.window.load_place_gun(story_id))
            menu.addAction(tr("Delete Story"), lambda: self.delete_story(story_id))
        return menu

    def delete_story(self, story_id: str) -> bool:
        return self.window.apply(RemoveStory(story_id))
