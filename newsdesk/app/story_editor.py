"""The story editor dock (稿件编辑): 引题, 主题, 副题, 署名, 转版标题 and the body of one story, the
page re-laying as the editor types, the story's copyfit (超 N 字 / 缺 N 行 / 正好) as a live badge,
inline styles (加粗, 楷体, 着重号) on the selection and the paragraph style of the current paragraph.

Every change goes through `window.apply` as an edit operation (newsdesk.edit), so the window's undo
stack holds it; the editor follows undo, redo and every other edit through `editionChanged`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.app.copyfit_status import story_status
from newsdesk.app.part_edit import PartEdit
from newsdesk.app.span_highlighter import SpanHighlighter
from newsdesk.edit import Batch, OperationError, SetFields
from newsdesk.edit.actions import style_text

HEAD_PARTS = ("kicker", "headline", "deck", "byline", "jump_head")
STYLE_KEYS = {"bold": "Ctrl+B", "kai": "Ctrl+K", "emphasis": "Ctrl+D"}
# Paragraph styles offered for body paragraphs (the others belong to heads, captions, jumps).
_NOT_BODY = {"kicker", "headline", "deck", "byline", "caption", "credit", "jump", "jump_head"}


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def part_labels() -> dict[str, str]:
    return {
        "kicker": tr("Kicker"),
        "headline": tr("Headline"),
        "deck": tr("Deck"),
        "byline": tr("Byline"),
        "jump_head": tr("Jump head"),
        "body": tr("Body"),
    }


def style_labels() -> dict[str, str]:
    return {"body": tr("Body text"), "subhead": tr("Subhead")}


class StoryEditor(QWidget):
    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.story_id: str | None = None
        self._edition = None  # the edition the editor shows (a new one is opened: start over)

        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.badge = QLabel()
        self.badge.setObjectName("copyfit_badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.badge)

        self.style_buttons: dict[str, QToolButton] = {}
        tools = QHBoxLayout()
        for kind, label, tip in (
            ("bold", tr("Bold"), tr("Bold (Ctrl+B)")),
            ("kai", tr("Kai"), tr("Kai typeface (Ctrl+K)")),
            ("emphasis", tr("Emphasis dots"), tr("Emphasis dots (Ctrl+D)")),
        ):
            button = QToolButton()
            button.setText(label)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, k=kind: self.toggle_style(k))
            self.style_buttons[kind] = button
            tools.addWidget(button)
        tools.addSpacing(12)
        tools.addWidget(QLabel(tr("Paragraph:")))
        self.paragraph_style = QComboBox()
        self.paragraph_style.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.paragraph_style.activated.connect(self._paragraph_style_chosen)
        tools.addWidget(self.paragraph_style)
        tools.addStretch(1)

        labels = part_labels()
        self.parts: dict[str, PartEdit] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for part in (*HEAD_PARTS, "body"):
            edit = PartEdit(part, self._apply_text, self._undo, self._redo)
            edit.setObjectName(f"story_{part}")
            edit.key_handlers = [
                (QKeySequence(key), lambda k=kind: self.toggle_style(k))
                for kind, key in STYLE_KEYS.items()
            ]
            edit.cursorPositionChanged.connect(self._cursor_moved)
            edit.after_edit = lambda a, b, e=edit: self._typed(e, a, b)
            self.parts[part] = edit
            if part != "body":
                edit.setLineWrapMode(PartEdit.LineWrapMode.WidgetWidth)
                edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                edit.textChanged.connect(lambda e=edit: self._fit_height(e))
                self._fit_height(edit)
                form.addRow(labels[part], edit)
        self.body = self.parts["body"]
        self.body.setLineWrapMode(PartEdit.LineWrapMode.WidgetWidth)
        # Room for a few paragraphs: the dock shares its column with two others, and a body of
        # two visible lines is no place to cut copy.
        self.body.setMinimumHeight(self.body.fontMetrics().lineSpacing() * 10)
        self.highlighter = SpanHighlighter(self.body, window.registry)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addLayout(tools)
        layout.addLayout(form)
        layout.addWidget(QLabel(labels["body"]))
        layout.addWidget(self.body, 1)

        window.editionChanged.connect(self.sync)
        self.show_story(None)

    # -- which story ----------------------------------------------------------------------------

    def story(self):
        if self.story_id is None or self.window.edition is None:
            return None
        return self.window.edition.stories.get(self.story_id)

    def show_story(self, story_id: str | None) -> None:
        """Show a story (or nothing) in the editor, cursors at the start."""
        self._edition = self.window.edition
        self.story_id = story_id
        story = self.story()
        if story is None:
            self.story_id = None
        for edit in self.parts.values():
            edit.show_story(story)
        self.highlighter.rehighlight()
        self._update_header()
        self._cursor_moved()

    def open_at(self, story_id: str, part: str = "body", start: int = 0, end: int | None = None):
        """Show a story with the cursor at `start` of `part` (the text up to `end` selected)."""
        if story_id != self.story_id or self.window.edition is not self._edition:
            self.show_story(story_id)
        if self.story_id is None:
            return
        edit = self.parts.get(part, self.body)
        length = len(edit.shadow)
        cursor = edit.textCursor()
        cursor.setPosition(max(0, min(start, length)))
        if end is not None:
            cursor.setPosition(max(0, min(end, length)), QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.ensureCursorVisible()

    # -- following the model --------------------------------------------------------------------

    def sync(self) -> None:
        """After any edit, undo or redo: the widgets show the model's text, the badge its fit."""
        if self.window.edition is not self._edition:
            self.show_story(None)  # another edition was opened
            return
        story = self.story()
        if self.story_id is not None and story is None:
            self.show_story(None)  # the story was removed (an import undone)
            return
        typing = any(edit.syncing for edit in self.parts.values())
        if story is not None and not typing:
            for edit in self.parts.values():
                if edit.story is not story:
                    edit.show_story(story)
                elif edit.sync_from_model(move_cursor=edit.hasFocus()):
                    pass
            # Styles may have changed (bold, paragraph style, an undo of either).
            self.highlighter.rehighlight()
            self._cursor_moved()
        self._update_header()

    def _typed(self, edit: PartEdit, start: int, end: int) -> None:
        """Highlight the paragraphs just typed in: their spans grew or moved in the model."""
        if edit is not self.body:
            return
        doc = self.body.document()
        block = doc.findBlock(start)
        last = doc.findBlock(end)
        while block.isValid():
            self.highlighter.rehighlightBlock(block)
            if block == last:
                break
            block = block.next()

    def _update_header(self) -> None:
        story = self.story()
        enabled = story is not None
        for widget in (*self.style_buttons.values(), self.paragraph_style):
            widget.setEnabled(enabled)
        if story is None:
            self.title.setText(tr("No story selected: choose one in the stories panel"))
            self.badge.setText("")
            self.badge.setStyleSheet("")
            return
        self.title.setText(story.slug or story.headline.replace("\n", " ") or story.id)
        engine = self.window.engine
        # The window has just re-laid the pages: their copyfit, without fingerprinting again.
        copyfit = engine.copyfit(relayout=False) if engine is not None else {}
        status = story_status(self.window.edition, copyfit, story.id)
        self.badge.setText(f" {status.label} ")
        sheet = (
            f"QLabel {{ background: {status.colour.name()}; color: white; font-weight: bold;"
            " border-radius: 3px; padding: 1px 4px; }"
        )
        if self.badge.styleSheet() != sheet:  # re-polishing costs a keystroke's budget
            self.badge.setStyleSheet(sheet)

    # -- edits ----------------------------------------------------------------------------------

    def _apply_text(self, op) -> bool:
        return self.window.apply(op)

    def _undo(self) -> None:
        self.window.undo_stack.undo()

    def _redo(self) -> None:
        self.window.undo_stack.redo()

    def toggle_style(self, kind: str) -> None:
        """Bold / 楷 / 着重号 on the body selection: off if all of it has the style, else on."""
        story = self.story()
        if story is None:
            return
        cursor = self.body.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if end <= start:
            self.window.statusBar().showMessage(tr("Select text in the body first"), 4000)
            return
        on = not _all_styled(story, start, end, kind)
        try:
            op = style_text(self.window.edition, story.id, start, end, kind, on)
        except OperationError as exc:
            self.window.statusBar().showMessage(str(exc), 6000)
            return
        self.window.apply(op)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)

    def selected_paragraphs(self) -> range:
        cursor = self.body.textCursor()
        doc = self.body.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        last = doc.findBlock(cursor.selectionEnd()).blockNumber()
        return range(first, last + 1)

    def set_paragraph_style(self, name: str) -> bool:
        story = self.story()
        if story is None or not story.paragraphs:
            return False
        ops = tuple(
            SetFields(("paragraph", story.id, n), {"style": name})
            for n in self.selected_paragraphs()
            if n < len(story.paragraphs) and story.paragraphs[n].style != name
        )
        if not ops:
            return False
        return self.window.apply(Batch(ops, tr("Paragraph style")))

    def _paragraph_style_chosen(self, index: int) -> None:
        self.set_paragraph_style(self.paragraph_style.itemData(index))
        self.body.setFocus()

    def _cursor_moved(self) -> None:
        """The paragraph style box follows the body's current paragraph."""
        story = self.story()
        box = self.paragraph_style
        box.blockSignals(True)
        names = []
        if story is not None and self.window.edition is not None:
            names = [n for n in self.window.edition.styles if n not in _NOT_BODY]
        # Rebuilt only when the styles changed: this runs at every keystroke.
        if [box.itemData(i) for i in range(box.count())] != names:
            box.clear()
            labels = style_labels()
            for name in names:
                box.addItem(labels.get(name, name), name)
        if names:
            n = self.body.textCursor().blockNumber()
            if n < len(story.paragraphs):
                box.setCurrentIndex(max(0, box.findData(story.paragraphs[n].style)))
        box.blockSignals(False)

    def _fit_height(self, edit: PartEdit) -> None:
        """A head field is as tall as its lines (one to three)."""
        lines = min(max(edit.document().blockCount(), 1), 3)
        metrics = edit.fontMetrics()
        margin = int(edit.document().documentMargin() * 2 + edit.frameWidth() * 2)
        edit.setFixedHeight(lines * metrics.lineSpacing() + margin + 2)


def _all_styled(story, start: int, end: int, kind: str) -> bool:
    at = 0
    for para in story.paragraphs:
        a, b = max(start - at, 0), min(end - at, len(para.text))
        for k in range(a, b):
            if not any(s.kind == kind and s.start <= k < s.end for s in para.spans):
                return False
        at += len(para.text) + 1
    return True


class StoryEditorDock(QDockWidget):
    """The dock holding the story editor; `window.open_story_editor` shows it."""

    def __init__(self, window) -> None:
        super().__init__(tr("Story Editor"), window)
        self.setObjectName("story_editor")
        self.editor = StoryEditor(window)
        self.setWidget(self.editor)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        # A tab beside the preflight panel: four panels stacked in one column leave none usable.
        findings = window.findChild(QDockWidget, "findings")
        if findings is not None:
            window.tabifyDockWidget(findings, self)
        self.hide()  # until a story is chosen: the panels above keep their room

    def show_story(self, story_id: str) -> None:
        """Show a story in the editor without taking the keyboard focus (a panel selection)."""
        self.show()
        if (
            story_id != self.editor.story_id
            or self.editor.window.edition is not self.editor._edition
        ):
            self.editor.show_story(story_id)

    def open_story(self, story_id: str, part: str = "body", start: int = 0, end=None) -> None:
        self.show()
        self.raise_()
        # The dock may be hidden: show it first, then place the cursor once it is laid out.
        self.editor.open_at(story_id, part, start, end)
        QTimer.singleShot(0, self.editor.parts.get(part, self.editor.body).ensureCursorVisible)
