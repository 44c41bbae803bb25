"""File → Open Recent: the editions opened or saved last, kept in QSettings.

A file that has gone (moved, deleted, on an unplugged drive) is taken off the list when chosen,
with a message that says so, instead of an error about a path the editor cannot fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

KEY = "files/recent"
MAX_RECENT = 10


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class RecentFiles:
    def __init__(self, parent: QWidget, menu: QMenu, open_path: Callable[[Path], bool]) -> None:
        self.parent = parent
        self.menu = menu
        self.open_path = open_path
        menu.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def paths(self) -> list[str]:
        value = QSettings().value(KEY, [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [str(p) for p in value or [] if p]

    def _store(self, paths: list[str]) -> None:
        QSettings().setValue(KEY, paths[:MAX_RECENT])

    def add(self, path: Path) -> None:
        name = str(Path(path).resolve())
        self._store([name] + [p for p in self.paths() if p != name])
        self.rebuild()

    def remove(self, name: str) -> None:
        self._store([p for p in self.paths() if p != name])
        self.rebuild()

    def clear(self) -> None:
        self._store([])
        self.rebuild()

    def rebuild(self) -> None:
        self.menu.clear()
        paths = self.paths()
        for k, name in enumerate(paths, 1):
            label = f"&{k % 10} {Path(name).name}" if k <= 10 else Path(name).name
            action = self.menu.addAction(label)
            action.setToolTip(name)
            action.setStatusTip(name)
            action.setData(name)
            action.triggered.connect(lambda _=False, n=name: self.choose(n))
        if not paths:
            self.menu.addAction(tr("No recent editions")).setEnabled(False)
            return
        self.menu.addSeparator()
        self.menu.addAction(tr("Clear List"), self.clear)

    def choose(self, name: str) -> bool:
        if not Path(name).is_file():
            self.remove(name)
            QMessageBox.warning(
                self.parent,
                tr("Edition not found"),
                tr(
                    "%1 no longer exists (moved or deleted). It was removed from the recent list."
                ).replace("%1", name),
            )
            return False
        return self.open_path(Path(name))
