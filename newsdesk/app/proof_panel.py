"""The 校对 panel: proofreaders' marks listed by page, shown on the page, applied or rejected.

Every change goes through `window.apply` as an edit operation (newsdesk/proof/apply.py), so
applying a mark is one undo step and the layout, jump lines and copyfit follow by themselves.

Marking the live page: the five tools named after GB/T 14706 校对符号 (删除, 增补, 改正, 批注,
高亮) are checkable buttons in the panel. While one is on, a small event filter on the page view
(`PageMarker`) takes the mouse: drag across characters (or click a gap for 增补 and 批注) and
the mark is added as a proof item. When no tool is on the filter lets every event through, so
the canvas keeps its own mouse handling.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdesk.errors import NewsdeskError


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def tool_labels() -> dict[str, str]:
    """The five marks, named after GB/T 14706 校对符号 (tr() at run time, once translated)."""
    return {
        "delete": tr("Delete"),  # 删除号
        "insert": tr("Insert"),  # 增补号
        "replace": tr("Replace"),  # 改正号
        "note": tr("Comment"),  # 批注
        "highlight": tr("Highlight"),  # 高亮（标注）
    }


def status_labels() -> dict[str, str]:
    return {"open": tr("Open"), "applied": tr("Applied"), "rejected": tr("Rejected")}


def install_proof_panel(window) -> ProofPanel:
    """Add the 校对 dock and the File menu's proof actions to the main window."""
    panel = ProofPanel(window)
    dock = QDockWidget(tr("Proof"), window)
    dock.setObjectName("proof")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    # A tab beside the preflight panel, as the story editor: a fifth panel stacked in the right
    # column would squeeze the properties panel to nothing.
    findings = window.findChild(QDockWidget, "findings")
    if findings is not None:
        window.tabifyDockWidget(findings, dock)
    window.proof_panel = panel
    panel.dock = dock
    file_menu = window.menuBar().actions()[0].menu()
    quit_action = file_menu.actions()[-1]
    panel.import_action = file_menu.addAction(tr("Import Marked &Proof…"))
    panel.import_action.triggered.connect(panel.import_dialog)
    panel.export_action = file_menu.addAction(tr("Export Page Proof with &Marks…"))
    panel.export_action.triggered.connect(panel.export_dialog)
    file_menu.insertAction(quit_action, panel.import_action)
    file_menu.insertAction(quit_action, panel.export_action)
    file_menu.insertSeparator(quit_action)
    view_menu = window.menuBar().actions()[2].menu()
    view_menu.addAction(dock.toggleViewAction())
    window.editionChanged.connect(panel.refresh)
    return panel


class ProofPanel(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Mark"), tr("Status"), tr("Proofreader")])
        self.tree.setColumnWidth(0, 230)
        self.tree.currentItemChanged.connect(lambda item, _old: self.show_item(item))
        self.tree.itemClicked.connect(lambda item, _col: self.show_item(item))
        self.apply_button = QPushButton(tr("Apply"))
        self.reject_button = QPushButton(tr("Reject"))
        self.apply_button.clicked.connect(self.apply_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.reject_button)
        tools = QHBoxLayout()
        self.tool_group = QButtonGroup(self)
        self.tool_group.setExclusive(False)
        self.tool_buttons: dict[str, QPushButton] = {}
        for kind, label in tool_labels().items():
            button = QPushButton(label)
            button.setCheckable(True)
            button.setToolTip(tr("Mark the page: drag across characters, or click a gap"))
            button.toggled.connect(lambda on, k=kind: self._tool_toggled(k, on))
            self.tool_buttons[kind] = button
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(QLabel(tr("Mark the live page:")))
        layout.addLayout(tools)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        self.marker = PageMarker(self)
        window.view.installEventFilter(self.marker)
        self.refresh()

    # -- the list ---------------------------------------------------------------------------

    def refresh(self) -> None:
        from newsdesk.proof.anchor import resolve
        from newsdesk.proof.apply import describe_item

        edition = self.window.edition
        current = self.current_id()
        self.tree.blockSignals(True)
        self.tree.clear()
        items = edition.proof_items if edition is not None else []
        pages: dict[int, QTreeWidgetItem] = {}
        select = None
        for item in sorted(items, key=lambda i: i.page):
            group = pages.get(item.page)
            if group is None:
                title = tr("Page %1").replace("%1", str(item.page)) if item.page else tr("Live")
                group = pages[item.page] = QTreeWidgetItem([title])
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.tree.addTopLevelItem(group)
            status = status_labels()[item.status]
            if item.status == "open" and (item.flag or resolve(edition, item) is None):
                status = tr("Check by hand")
            row = QTreeWidgetItem([describe_item(item), status, item.author])
            row.setData(0, Qt.ItemDataRole.UserRole, item.id)
            row.setToolTip(0, "\n".join(t for t in (item.contents, item.flag) if t))
            if status == tr("Check by hand"):
                row.setForeground(1, QBrush(QColor(200, 30, 30)))
            elif item.status != "open":
                row.setForeground(0, QBrush(QColor(130, 130, 130)))
            group.addChild(row)
            if item.id == current:
                select = row
        self.tree.expandAll()
        if select is not None:
            self.tree.setCurrentItem(select)
        self.tree.blockSignals(False)
        open_count = sum(1 for i in items if i.status == "open")
        self.summary.setText(
            tr("%1 marks, %2 open").replace("%1", str(len(items))).replace("%2", str(open_count))
        )
        self._update_buttons()

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def row_for(self, item_id: str) -> QTreeWidgetItem | None:
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            for m in range(group.childCount()):
                if group.child(m).data(0, Qt.ItemDataRole.UserRole) == item_id:
                    return group.child(m)
        return None

    def _update_buttons(self) -> None:
        item = self._item(self.current_id())
        self.apply_button.setEnabled(item is not None and item.status == "open")
        self.reject_button.setEnabled(item is not None and item.status != "rejected")

    def _item(self, item_id):
        edition = self.window.edition
        if item_id is None or edition is None:
            return None
        return next((i for i in edition.proof_items if i.id == item_id), None)

    # -- showing, applying, rejecting ---------------------------------------------------------

    def show_item(self, row: QTreeWidgetItem | None) -> None:
        """Show the mark's page and outline its characters."""
        self._update_buttons()
        item = self._item(row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None)
        if item is None:
            return
        from newsdesk.proof.anchor import resolve

        where = resolve(self.window.edition, item)
        if where is None:
            self.window.statusBar().showMessage(
                tr("The marked text has changed: check this mark by hand"), 6000
            )
            return
        start, end = where
        for index, page in enumerate(self.window.pages):
            rect = _range_rect(page, self.window.edition, item.story, item.part, start, end)
            if rect is not None:
                self.window.page_list.setCurrentRow(index)
                view = self.window.view
                view.highlight = rect
                view.update()
                zoom = view.zoom
                self.window.scroll.ensureVisible(
                    int((rect[0] + rect[2] / 2) * zoom) + 24,
                    int((rect[1] + rect[3] / 2) * zoom) + 24,
                    80,
                    80,
                )
                return

    def apply_current(self) -> bool:
        from newsdesk.edit import OperationError
        from newsdesk.proof.apply import apply_operation

        item_id = self.current_id()
        if item_id is None or self.window.edition is None:
            return False
        try:
            op = apply_operation(self.window.edition, item_id)
        except OperationError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return False
        done = self.window.apply(op)
        self._select_next_open(item_id)
        return done

    def reject_current(self) -> bool:
        from newsdesk.edit import OperationError
        from newsdesk.proof.apply import reject_operation

        item_id = self.current_id()
        if item_id is None or self.window.edition is None:
            return False
        try:
            op = reject_operation(self.window.edition, item_id)
        except OperationError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return False
        done = self.window.apply(op)
        self._select_next_open(item_id)
        return done

    def _select_next_open(self, after: str) -> None:
        """After a decision, the next open mark is selected (30–100 marks a night)."""
        self.refresh()
        ids = [i.id for i in sorted(self.window.edition.proof_items, key=lambda i: i.page)]
        later = ids[ids.index(after) + 1 :] if after in ids else ids
        for item_id in later:
            item = self._item(item_id)
            if item is not None and item.status == "open":
                row = self.row_for(item_id)
                if row is not None:
                    self.tree.setCurrentItem(row)
                return
        row = self.row_for(after)
        if row is not None:
            self.tree.setCurrentItem(row)

    # -- files --------------------------------------------------------------------------------

    def import_dialog(self) -> bool:
        if self.window.edition is None:
            return False
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Import Marked Proof"), str(self._folder()), "PDF (*.pdf)"
        )
        return self.import_file(name) if name else False

    def import_file(self, path) -> bool:
        from newsdesk.proof.apply import import_operation
        from newsdesk.proof.importer import read_marks

        try:
            result = read_marks(self.window.edition, path)
        except NewsdeskError as exc:
            QMessageBox.critical(self, tr("Cannot import proof"), str(exc))
            return False
        items = result.items(self.window.edition)
        if items:
            self.window.apply(import_operation(items, str(path)))
        dock = getattr(self, "dock", None)
        if dock is not None:  # the marks just read: bring their tab to the front
            dock.show()
            dock.raise_()
        message = (
            tr("Imported %1 marks (%2 to check by hand).")
            .replace("%1", str(len(items)))
            .replace("%2", str(len(result.flagged)))
        )
        if result.problems:
            QMessageBox.warning(
                self,
                tr("Some marks could not be read"),
                message + "\n\n" + "\n".join(result.problems[:30]),
            )
        self.window.statusBar().showMessage(message, 8000)
        self.refresh()
        return bool(items)

    def export_dialog(self) -> bool:
        if self.window.edition is None or not self.window.pages:
            return False
        base = self.window.path.with_suffix("") if self.window.path else self._folder() / "edition"
        name, _ = QFileDialog.getSaveFileName(
            self, tr("Export Page Proof"), f"{base}-大样.pdf", "PDF (*.pdf)"
        )
        return self.export_file(name) if name else False

    def export_file(self, path) -> bool:
        from newsdesk.proof.export import export_proof

        try:
            result = export_proof(
                self.window.edition,
                path,
                base_dir=self.window.path.parent if self.window.path else None,
                engine=self.window.engine,
                registry=self.window.registry,
                edition_path=self.window.path,
            )
        except (OSError, NewsdeskError) as exc:
            QMessageBox.critical(self, tr("Cannot export"), str(exc))
            return False
        self.window.statusBar().showMessage(
            tr("Exported page proof %1 with %2 open marks")
            .replace("%1", str(result.path))
            .replace("%2", str(result.marks)),
            8000,
        )
        return True

    def _folder(self):
        from pathlib import Path

        return self.window.path.parent if self.window.path else Path.cwd()

    # -- marking the live page ----------------------------------------------------------------

    def active_tool(self) -> str | None:
        return next((k for k, b in self.tool_buttons.items() if b.isChecked()), None)

    def _tool_toggled(self, kind: str, on: bool) -> None:
        if on:  # one tool at a time
            for other, button in self.tool_buttons.items():
                if other != kind and button.isChecked():
                    button.setChecked(False)
        cursor = Qt.CursorShape.IBeamCursor if self.active_tool() else Qt.CursorShape.ArrowCursor
        self.window.view.setCursor(cursor)

    def add_mark(self, kind: str, story: str, part: str, start: int, end: int) -> bool:
        """Add a mark made on the live page (asks for the text to insert or the note)."""
        from newsdesk.edit import AddProofItem
        from newsdesk.edit.proof_items import item_to_json
        from newsdesk.proof.anchor import make_item

        replacement = contents = ""
        if kind in ("insert", "replace"):
            replacement, ok = QInputDialog.getText(
                self,
                tr("Proof mark"),
                tr("Text to insert:") if kind == "insert" else tr("Replace with:"),
            )
            if not ok or not replacement:
                return False
        elif kind == "note":
            contents, ok = QInputDialog.getText(self, tr("Proof mark"), tr("Comment:"))
            if not ok:
                return False
        item = make_item(
            self.window.edition,
            kind=kind,
            story=story,
            part=part,
            start=start,
            end=end,
            replacement=replacement,
            contents=contents,
            author=tr("Editor"),
        )
        if not self.window.apply(AddProofItem(item_to_json(item))):
            return False
        self.refresh()
        row = self.row_for(item.id)
        if row is not None:
            self.tree.setCurrentItem(row)
        return True


def _range_rect(page, edition, story: str, part: str, start: int, end: int):
    """(x, y, width, height) on the page around characters [start, end) (a gap: beside it)."""
    from newsdesk.proof.charmap import page_char_map

    boxes = []
    for line in page_char_map(page, edition):
        if line.story != story or line.part != part:
            continue
        for c in line.chars:
            if (c.start < end and c.end > start) or (start == end and c.start == start):
                boxes.append(c)
    if not boxes:
        return None
    x0, y0 = min(c.x0 for c in boxes), min(c.y0 for c in boxes)
    return (x0, y0, max(c.x1 for c in boxes) - x0, max(c.y1 for c in boxes) - y0)


class PageMarker(QObject):
    """Mouse on the page view while a marking tool is on: press, drag, release = a range."""

    def __init__(self, panel: ProofPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self._press = None

    def _char_at(self, event: QMouseEvent):
        """(story, part, offset of the gap nearest the point, the char box) or None."""
        from newsdesk.proof.charmap import page_char_map

        view = self.panel.window.view
        page = view.page()
        if page is None or self.panel.window.edition is None:
            return None
        point = view.to_page(event.position())
        x, y = point.x(), point.y()
        best = None
        for line in page_char_map(page, self.panel.window.edition):
            for c in line.chars:
                if c.y0 - 1 <= y <= c.y1 + 1 and c.x0 - 1 <= x <= c.x1 + 1:
                    gap = c.start if x < (c.x0 + c.x1) / 2 else c.end
                    return line.story, line.part, gap, c
                d = abs((c.x0 + c.x1) / 2 - x) + abs((c.y0 + c.y1) / 2 - y)
                if best is None or d < best[0]:
                    best = (d, line, c)
        if best is not None and best[0] < 20:
            _d, line, c = best
            gap = c.start if x < (c.x0 + c.x1) / 2 else c.end
            return line.story, line.part, gap, c
        return None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = self.panel.active_tool()
        if kind is None:
            return False
        if event.type() == QEvent.Type.MouseButtonPress:
            self._press = self._char_at(event)
            return True
        if event.type() == QEvent.Type.MouseMove:
            return True
        if event.type() == QEvent.Type.MouseButtonRelease:
            press, self._press = self._press, None
            release = self._char_at(event)
            if press is None or release is None or press[:2] != release[:2]:
                self.panel.window.statusBar().showMessage(
                    tr("Mark within one story part: drag across its characters"), 6000
                )
                return True
            story, part = press[0], press[1]
            start, end = sorted((press[2], release[2]))
            if kind in ("insert", "note"):
                start = end = release[2]
            elif start == end:
                start, end = press[3].start, press[3].end  # a click marks one character
            self.panel.add_mark(kind, story, part, start, end)
            return True
        return False
