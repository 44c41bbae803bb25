"""The find/replace dialog (Ctrl+F, Ctrl+H): within the story in the editor or across the edition
(every story, every part), next and previous from the editor's cursor, replace, and replace all as
one undo step. A hit is selected in the story editor and its block outlined on the page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from newsdesk.edit import ReplaceText
from newsdesk.edit.find import SEARCH_PARTS, Hit, find_all, replace_all
from newsdesk.edit.text import paragraph_offsets


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class FindReplaceDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle(tr("Find and Replace"))
        self.setObjectName("find_replace")
        self.find_text = QLineEdit()
        self.replace_text = QLineEdit()
        self.scope = QComboBox()
        self.scope.addItem(tr("This story"), "story")
        self.scope.addItem(tr("All stories"), "edition")
        self.match_case = QCheckBox(tr("Match case"))
        form = QFormLayout()
        form.addRow(tr("Find:"), self.find_text)
        form.addRow(tr("Replace with:"), self.replace_text)
        form.addRow(tr("Search in:"), self.scope)
        form.addRow("", self.match_case)
        self.next_button = QPushButton(tr("Find Next"))
        self.previous_button = QPushButton(tr("Find Previous"))
        self.replace_button = QPushButton(tr("Replace"))
        self.replace_all_button = QPushButton(tr("Replace All"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(lambda: self.find(1))
        self.previous_button.clicked.connect(lambda: self.find(-1))
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_everywhere)
        buttons = QGridLayout()
        buttons.addWidget(self.next_button, 0, 0)
        buttons.addWidget(self.previous_button, 0, 1)
        buttons.addWidget(self.replace_button, 1, 0)
        buttons.addWidget(self.replace_all_button, 1, 1)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def open_for(self, replace: bool) -> None:
        """Show the dialog with the editor's selection as the text to find."""
        editor = self.window.story_dock.editor
        focused = next((e for e in editor.parts.values() if e.hasFocus()), editor.body)
        selected = focused.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_text.setText(selected)
        self.replace_text.setEnabled(True)
        self.show()
        self.raise_()
        self.activateWindow()
        (self.replace_text if replace and self.find_text.text() else self.find_text).setFocus()
        self.find_text.selectAll()

    # -- searching ------------------------------------------------------------------------------

    def hits(self) -> list[Hit]:
        edition = self.window.edition
        if edition is None:
            return []
        story_id = None
        if self.scope.currentData() == "story":
            story_id = self.window.story_dock.editor.story_id
            if story_id is None:
                return []
        return find_all(edition, self.find_text.text(), story_id, self.match_case.isChecked())

    def _position(self) -> tuple[int, int, int, int]:
        """(story index, part index, selection start, selection end) of the editor's cursor."""
        editor = self.window.story_dock.editor
        if editor.story_id is None or self.window.edition is None:
            return (-1, -1, -1, -1)
        story_index = list(self.window.edition.stories).index(editor.story_id)
        focused = next((e for e in editor.parts.values() if e.hasFocus()), None)
        edit = focused or getattr(self, "_last_edit", None) or editor.body
        cursor = edit.textCursor()
        part_index = SEARCH_PARTS.index(edit.part)
        return (story_index, part_index, cursor.selectionStart(), cursor.selectionEnd())

    def find(self, step: int = 1) -> Hit | None:
        hits = self.hits()
        if not hits:
            self.status.setText(tr("Not found"))
            return None
        si, pi, start, end = self._position()
        if step > 0:
            after = [h for h in hits if (h.story_index, h.part_index, h.start) > (si, pi, start)]
            hit = after[0] if after else hits[0]
        else:
            before = [h for h in hits if (h.story_index, h.part_index, h.start) < (si, pi, start)]
            hit = before[-1] if before else hits[-1]
        self.show_hit(hit)
        self.status.setText(
            tr("Match %1 of %2")
            .replace("%1", str(hits.index(hit) + 1))
            .replace("%2", str(len(hits)))
        )
        return hit

    def show_hit(self, hit: Hit) -> None:
        """Select the hit in the story editor and outline its block on the page."""
        dock = self.window.story_dock
        dock.open_story(hit.story, hit.part, hit.start, hit.end)
        self._last_edit = dock.editor.parts[hit.part]
        located = self.locate(hit)
        if located is not None:
            self.window.go_to_block(*located)
        if self.isVisible():
            self.activateWindow()

    def locate(self, hit: Hit) -> tuple[int, str] | None:
        """(page index, block id) of the line the hit is set in, or None if it is not on a page."""
        story = self.window.edition.stories[hit.story]
        paragraph, offset = 0, hit.start
        if hit.part == "body":
            starts = paragraph_offsets(story)
            paragraph = max(i for i, at in enumerate(starts) if at <= hit.start)
            offset = hit.start - starts[paragraph]
        for page in self.window.pages:
            for frame in page.frames:
                for line in frame.lines:
                    if (
                        line.story == hit.story
                        and line.part == hit.part
                        and line.paragraph == paragraph
                        and line.start <= offset < max(line.end, line.start + 1)
                    ):
                        return page.index, frame.block
        return None

    # -- replacing ------------------------------------------------------------------------------

    def _selected_hit(self) -> Hit | None:
        si, pi, start, end = self._position()
        for hit in self.hits():
            if (hit.story_index, hit.part_index, hit.start, hit.end) == (si, pi, start, end):
                return hit
        return None

    def replace(self) -> None:
        """Replace the selected hit (if the selection is one), then go to the next."""
        hit = self._selected_hit()
        if hit is not None:
            op = ReplaceText(hit.story, hit.part, hit.start, hit.end, self.replace_text.text())
            if self.window.apply(op, tr("Replace")):
                edit = self.window.story_dock.editor.parts[hit.part]
                cursor = edit.textCursor()
                cursor.setPosition(hit.start + len(self.replace_text.text()))
                edit.setTextCursor(cursor)
        self.find(1)

    def replace_everywhere(self) -> int:
        hits = self.hits()
        if not hits:
            self.status.setText(tr("Not found"))
            return 0
        op = replace_all(self.window.edition, hits, self.replace_text.text())
        if not self.window.apply(op):
            return 0
        self.status.setText(tr("Replaced %1 matches").replace("%1", str(len(hits))))
        return len(hits)
