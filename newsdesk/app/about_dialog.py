"""帮助 → 关于: Newsdesk's version, its licence, and every shipped component with its licence texts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from newsdesk import __version__
from newsdesk.app.main_window import tr
from newsdesk.licences import Component, components


class AboutDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(tr("About Newsdesk"))
        self.resize(900, 600)
        self.components: list[Component] = components()

        heading = QHBoxLayout()
        icon = QLabel()
        window_icon = parent.windowIcon() if parent is not None else QIcon()
        if not window_icon.isNull():
            icon.setPixmap(window_icon.pixmap(64, 64))
        heading.addWidget(icon)
        self.summary = QLabel(
            "<b>Newsdesk %1</b><br>".replace("%1", __version__)
            + tr("Layout and proofing for Chinese newspapers.")
            + "<br>"
            + tr("Licensed under the MIT licence. The components below keep their own licences.")
        )
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading.addWidget(self.summary, 1)

        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([tr("Component"), tr("Version"), tr("Licence"), tr("Use")])
        for component in self.components:
            QTreeWidgetItem(
                self.table, [component.name, component.version, component.licence, component.role]
            )
        for column in range(3):
            self.table.resizeColumnToContents(column)

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.table.currentItemChanged.connect(lambda *_: self._show_texts())

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.text)
        split.setSizes([200, 300])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.table.setCurrentItem(self.table.topLevelItem(0))

    def _show_texts(self) -> None:
        row = self.table.indexOfTopLevelItem(self.table.currentItem())
        if not 0 <= row < len(self.components):
            return
        component = self.components[row]
        self.text.setPlainText(
            "\n\n".join(f"——— {t.title} ———\n\n{t.text.rstrip()}" for t in component.texts)
        )
        self.text.moveCursor(self.text.textCursor().MoveOperation.Start)


def show_about(parent) -> AboutDialog:
    """Open the dialog over `parent` without blocking (it deletes itself when closed)."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
