"""The canvas tools (selection, text block, picture block, rule, box, hand) with the shortcuts
layout editors know from InDesign: V/Esc, T, F, \\, M, H. One QActionGroup, shown in a toolbar and
in the 工具 menu; the canvas reads the checked tool.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class Tool(Enum):
    SELECT = "select"
    TEXT = "story"  # the values are the Block kinds the frame tools draw
    PICTURE = "image"
    RULE = "rule"
    BOX = "box"
    HAND = "hand"

    @property
    def draws_frame(self) -> bool:
        return self in (Tool.TEXT, Tool.PICTURE, Tool.RULE, Tool.BOX)


def _tool_texts() -> dict[Tool, tuple[str, list[str]]]:
    return {
        Tool.SELECT: (tr("Selection Tool"), ["V", "Esc"]),
        Tool.TEXT: (tr("Text Block Tool"), ["T"]),
        Tool.PICTURE: (tr("Picture Block Tool"), ["F"]),
        Tool.RULE: (tr("Rule Tool"), ["\\"]),
        Tool.BOX: (tr("Box Tool"), ["M"]),
        Tool.HAND: (tr("Hand Tool"), ["H"]),
    }


class ToolBox(QObject):
    """The checked tool; `toolChanged` when it changes (by shortcut, toolbar or menu)."""

    toolChanged = Signal(object)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.group = QActionGroup(window)
        self.group.setExclusive(True)
        self.actions: dict[Tool, QAction] = {}
        for tool, (text, keys) in _tool_texts().items():
            action = QAction(text, window, checkable=True)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(f"{text} ({keys[0]})")
            action.setData(tool.value)
            action.triggered.connect(lambda _=False, t=tool: self._picked(t))
            self.group.addAction(action)
            self.actions[tool] = action
        self.actions[Tool.SELECT].setChecked(True)
        self._tool = Tool.SELECT
        self.toolbar = QToolBar(tr("Tools"), window)
        self.toolbar.setObjectName("tools")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in self.actions.values():
            self.toolbar.addAction(action)
        window.addToolBar(Qt.ToolBarArea.LeftToolBarArea, self.toolbar)
        menu = window.menuBar().addMenu(tr("&Tools"))
        for action in self.actions.values():
            menu.addAction(action)
        self.menu = menu

    @property
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool) -> None:
        self.actions[tool].setChecked(True)
        self._picked(tool)

    def _picked(self, tool: Tool) -> None:
        # V / Esc with the selection tool already on still tell the canvas: they empty a loaded
        # cursor, cancel a drag and leave crop mode (the shortcut takes the key before the view).
        if tool is not self._tool or tool is Tool.SELECT:
            self._tool = tool
            self.toolChanged.emit(tool)
