"""File → Edition Properties: paper, date, 期号 and the number of pages, applied as one undo step.

Masthead, page headers and footer are fields ({报名}, {日期}, {期号}, {版数}), so they follow the
new values at once. More pages are added at the end as inside pages of the template; fewer pages
delete the last ones (asking first when they hold more than their template furniture)."""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
)

from newsdesk.app.new_edition_dialog import EditionFields
from newsdesk.edit import Batch, Operation
from newsdesk.edit.page_actions import add_template_page, delete_page, set_edition_properties
from newsdesk.model.edition import Edition
from newsdesk.model.templates import is_furniture

MAX_PAGES = 200


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class EditionPropertiesDialog(QDialog):
    def __init__(self, edition: Edition, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Edition Properties"))
        self.edition = edition
        self.fields = EditionFields(edition.paper, edition.date, edition.number, self)
        self.pages = QSpinBox()
        self.pages.setObjectName("pages")
        self.pages.setRange(1, MAX_PAGES)
        self.pages.setValue(len(edition.pages))
        self.fields.form.addRow(tr("Pages:"), self.pages)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c81e1e")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.fields.paper.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        problem = self.fields.problem()
        self.error.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        if not self.fields.problem():
            super().accept()

    def pages_with_content(self) -> list[int]:
        """1-based numbers of the pages a smaller page count would delete that hold content."""
        return [
            i + 1
            for i, page in enumerate(self.edition.pages[self.pages.value() :])
            if any(not is_furniture(self.edition, b) for b in page.blocks)
        ]

    def operation(self) -> Operation | None:
        """Everything the dialog changes as one operation; None when nothing changed."""
        scratch = copy.deepcopy(self.edition)  # later page ids depend on the pages added first
        ops: list[Operation] = []
        paper, date, number = self.fields.values()
        props = set_edition_properties(scratch, paper, date, number)
        if props is not None:
            props.apply(scratch)
            ops.append(props)
        while len(scratch.pages) < self.pages.value():
            op = add_template_page(scratch, "inside", len(scratch.pages))
            op.apply(scratch)
            ops.append(op)
        while len(scratch.pages) > self.pages.value():
            op = delete_page(scratch, scratch.pages[-1].id)
            op.apply(scratch)
            ops.append(op)
        if not ops:
            return None
        return Batch(tuple(ops), "修改版次属性")


def edit_edition_properties(window) -> bool:
    """Show the dialog for the window's edition and apply what it changes as one undo step."""
    if window.edition is None:
        return False
    dialog = EditionPropertiesDialog(window.edition, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    content = dialog.pages_with_content()
    if content:
        shown = "、".join(str(n + dialog.pages.value()) for n in content)
        answer = QMessageBox.question(
            window,
            tr("Delete pages"),
            tr(
                "Pages %1 hold stories or pictures. Delete them? Their stories stay unplaced."
            ).replace("%1", shown),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    op = dialog.operation()
    return op is not None and window.apply(op, tr("Edition properties"))
