"""What the window asks when a save finds the edition file changed on disk since it was opened
(another window, `newsdesk preflight --accept`, a colleague on the share): keep mine (write over
it), reload (take theirs, drop my edits), or save mine under another name. Never silent.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the one context of the .ts file


class ConflictChoice(Enum):
    KEEP_MINE = "keep_mine"
    RELOAD = "reload"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


# The role of each answer's button (the platform orders buttons by role).
ROLES = {
    ConflictChoice.KEEP_MINE: QMessageBox.ButtonRole.DestructiveRole,
    ConflictChoice.RELOAD: QMessageBox.ButtonRole.ResetRole,
    ConflictChoice.SAVE_AS: QMessageBox.ButtonRole.AcceptRole,
    ConflictChoice.CANCEL: QMessageBox.ButtonRole.RejectRole,
}


def conflict_box(parent: QWidget | None, path: Path) -> tuple[QMessageBox, dict]:
    """The question, built but not shown (tests press its buttons); buttons -> choices."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Edition changed on disk"))
    box.setText(
        tr("%1 was changed by another program or window after you opened it.").replace(
            "%1", path.name
        )
    )
    box.setInformativeText(
        tr(
            "Keep mine writes your version over those changes; Reload drops your edits and "
            "opens the file as it is now; Save As keeps both."
        )
    )
    labels = {
        ConflictChoice.KEEP_MINE: tr("Keep Mine"),
        ConflictChoice.RELOAD: tr("Reload"),
        ConflictChoice.SAVE_AS: tr("Save As…"),
        ConflictChoice.CANCEL: tr("Cancel"),
    }
    buttons = {box.addButton(labels[c], ROLES[c]): c for c in ConflictChoice}
    save_as = next(b for b, c in buttons.items() if c is ConflictChoice.SAVE_AS)
    box.setDefaultButton(save_as)  # the choice that loses nothing
    return box, buttons


def ask_save_conflict(parent: QWidget | None, path: Path) -> ConflictChoice:
    box, buttons = conflict_box(parent, path)
    box.exec()
    return buttons.get(box.clickedButton(), ConflictChoice.CANCEL)
