"""The main window: page canvas in the middle, pages / stories / findings in dock panels."""

from __future__ import annotations

import uuid
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QBrush, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
)

from newsdesk.app.canvas import CanvasController
from newsdesk.app.edit_command import EditCommand
from newsdesk.app.edition_properties import edit_edition_properties
from newsdesk.app.page_view import Badge, PageView
from newsdesk.app.pages_panel import PagesPanel
from newsdesk.app.properties_panel import PropertiesPanel
from newsdesk.app.recent_files import RecentFiles
from newsdesk.app.stories_panel import StoriesPanel
from newsdesk.app.story_editor import StoryEditorDock
from newsdesk.edit import Operation, OperationError
from newsdesk.errors import NewsdeskError
from newsdesk.render.qt import QtPagePainter

AUTOSAVE_MS = 60_000
ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0]


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    # Emitted after every applied edit, undo and redo, once the pages are laid out again.
    editionChanged = Signal()

    def __init__(self, registry) -> None:
        super().__init__()
        self.registry = registry
        self.edition = None
        self.path: Path | None = None
        self.engine = None
        self.pages = []
        self._recovered = False
        self.disk_digest = ""
        self.known_autosaves: set = set()
        self.load_warnings: list[str] = []
        self.undo_stack = QUndoStack(self)
        # The stack's destructor clears it (cleanChanged) after the window's C++ side is gone.
        self.undo_stack.cleanChanged.connect(
            lambda _clean: shiboken6.isValid(self) and self._update_title()
        )
        self.session_id = uuid.uuid4().hex
        # Autosave every minute while there are unsaved edits (crash recovery).
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        # Panels (stories, preflight) refresh shortly after edits stop, not on every keystroke;
        # the page itself re-lays and repaints at once.
        self.panel_timer = QTimer(self)
        self.panel_timer.setSingleShot(True)
        self.panel_timer.setInterval(250)
        self.panel_timer.timeout.connect(self._refresh_panels_keep_page)
        self.findings_timer = QTimer(self)
        self.findings_timer.setSingleShot(True)
        self.findings_timer.setInterval(0)
        self.findings_timer.timeout.connect(self.refresh_findings)
        self._findings_due = False  # the preflight panel waits for the page to be painted
        self._layout_pending = False  # only the first page is laid out yet (start-up)
        self.findings_fallback = QTimer(self)  # … or this long, when nothing is repainted
        self.findings_fallback.setSingleShot(True)
        self.findings_fallback.setInterval(400)
        self.findings_fallback.timeout.connect(self._page_painted)

        painter = QtPagePainter(registry)
        self.view = PageView(painter)
        self.view.pagePainted.connect(self._page_painted)
        self.view.lineClicked.connect(self._show_line)
        scroll = QScrollArea()
        scroll.setWidget(self.view)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll.setWidgetResizable(False)
        self.scroll = scroll
        self.setCentralWidget(scroll)

        self.page_list = PagesPanel(self, painter)  # thumbnails; add, delete, drag to reorder
        self.page_list.currentRowChanged.connect(self.show_page)
        self.story_tree = StoriesPanel(self)
        self.findings = QTreeWidget()
        self.findings.setHeaderLabels([tr("Severity"), tr("Page"), tr("Finding")])
        self.findings.setColumnWidth(0, 60)
        self.findings.setColumnWidth(1, 40)
        self.findings.itemActivated.connect(self._go_to_item)
        self._dock(
            tr("Pages"),
            self.page_list.with_buttons(),
            Qt.DockWidgetArea.LeftDockWidgetArea,
            "pages",
        )
        self._dock(tr("Stories"), self.story_tree, Qt.DockWidgetArea.RightDockWidgetArea, "stories")
        self.highlighted_block: str | None = None  # the block go_to_block pointed at
        self.properties = PropertiesPanel(self)
        self._dock(
            tr("Properties"), self.properties, Qt.DockWidgetArea.RightDockWidgetArea, "properties"
        )
        self._dock(
            tr("Preflight"), self.findings, Qt.DockWidgetArea.RightDockWidgetArea, "findings"
        )
        self.story_dock = StoryEditorDock(self)

        self.zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.view.zoomChanged.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f}%"))
        self._build_actions()
        # Editing on the page: tools, selection, drags, the place gun (app/canvas.py).
        self.canvas = CanvasController(self)
        self.view.textEditRequested.connect(self._edit_text_at)
        from newsdesk.app.proof_panel import install_proof_panel

        install_proof_panel(self)  # the 校对 dock, File → 导入校样… / 导出校样
        self._update_title()
        if not self.restoreGeometry(QSettings().value("window/geometry", b"")):
            screen = self.screen().availableGeometry()
            self.resize(int(screen.width() * 0.92), int(screen.height() * 0.92))

    # -- construction -------------------------------------------------------------------------

    def _dock(self, title: str, widget, area, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        self._action(tr("&New…"), self.new_edition, QKeySequence.StandardKey.New, file_menu)
        self._action(tr("&Open…"), self.open_dialog, QKeySequence.StandardKey.Open, file_menu)
        self.recent = RecentFiles(self, file_menu.addMenu(tr("Open &Recent")), self.open_asking)
        self.save_action = self._action(
            tr("&Save"), self.save, QKeySequence.StandardKey.Save, file_menu
        )
        self._action(tr("Save &As…"), self.save_as, QKeySequence.StandardKey.SaveAs, file_menu)
        file_menu.addSeparator()
        self.import_copy_action = self._action(
            tr("&Import Copy…"), self.import_copy, QKeySequence("Ctrl+I"), file_menu
        )
        file_menu.addSeparator()
        self._action(
            tr("Edition &Properties…"), lambda: edit_edition_properties(self), None, file_menu
        )
        file_menu.addSeparator()
        # A lambda: triggered(bool) must not reach export_pdf as its preset.
        self._action(
            tr("&Export for Print (PDF/X-1a)…"),
            lambda: self.export_pdf("newspaper"),
            QKeySequence("Ctrl+E"),
            file_menu,
        )
        self._action(
            tr("Export &Proof PDF…"),
            lambda: self.export_pdf("proof"),
            QKeySequence("Ctrl+Shift+E"),
            file_menu,
        )
        file_menu.addSeparator()
        self._action(tr("&Quit"), self.close, QKeySequence.StandardKey.Quit, file_menu)

        edit_menu = bar.addMenu(tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        self._action(tr("&Find…"), lambda: self.show_find(False), QKeySequence("Ctrl+F"), edit_menu)
        self._action(
            tr("Find and &Replace…"),
            lambda: self.show_find(True),
            QKeySequence("Ctrl+H"),
            edit_menu,
        )

        view_menu = bar.addMenu(tr("&View"))
        # Ctrl+= and Ctrl+- with and without Shift, whatever the keyboard sends for them.
        zoom_in = self._action(tr("Zoom &In"), self.zoom_in, None, view_menu)
        zoom_in.setShortcuts(
            [QKeySequence(k) for k in ("Ctrl++", "Ctrl+=", "Ctrl+Shift+=", "Ctrl+Shift++")]
        )
        zoom_out = self._action(tr("Zoom &Out"), self.zoom_out, None, view_menu)
        zoom_out.setShortcuts(
            [QKeySequence(k) for k in ("Ctrl+-", "Ctrl+Shift+-", "Ctrl+_", "Ctrl+Shift+_")]
        )
        self._action(tr("&Fit Page"), self.fit_page, QKeySequence("Ctrl+0"), view_menu)
        self._action(
            tr("&Actual Size"), lambda: self.view.set_zoom(1.0), QKeySequence("Ctrl+1"), view_menu
        )
        frames = self._action(tr("Show Block &Frames"), self._toggle_frames, None, view_menu)
        frames.setCheckable(True)
        frames.setChecked(True)
        view_menu.addSeparator()
        self._action(
            tr("&Previous Page"),
            lambda: self._step_page(-1),
            QKeySequence(Qt.Key.Key_PageUp),
            view_menu,
        )
        self._action(
            tr("&Next Page"),
            lambda: self._step_page(1),
            QKeySequence(Qt.Key.Key_PageDown),
            view_menu,
        )

        lang_menu = bar.addMenu(tr("&Language"))
        group = QActionGroup(self)
        current = QSettings().value("ui/language", "zh_CN")
        for code, label in (("zh_CN", "简体中文"), ("en", "English")):
            act = QAction(label, self, checkable=True)
            act.setChecked(current == code)
            act.triggered.connect(lambda _=False, c=code: self._set_language(c))
            group.addAction(act)
            lang_menu.addAction(act)

        help_menu = bar.addMenu(tr("&Help"))
        self._action(tr("&About Newsdesk"), self.about, None, help_menu)

    # -- documents ----------------------------------------------------------------------------

    def open_path(self, path: Path, first_page_first: bool = False) -> bool:
        """Open an edition file. `first_page_first` (the application's start-up): lay out and
        paint the first page before the others; the rest of the layout, the thumbnails and the
        panels follow right after that first paint (_complete_layout)."""
        from newsdesk.layout.engine import LayoutEngine
        from newsdesk.model.autosave import file_identity, find_recovery, load_recovery
        from newsdesk.model.edition_file import file_digest, open_edition_file

        warnings: list[str] = []
        self._recovered = False
        try:
            # The autosave first: a damaged file must not hide the work that can replace it.
            recovery = find_recovery(path)
            if recovery is not None and self._ask_recover(recovery):
                edition, digest = load_recovery(recovery), file_digest(path)
            else:
                loaded = open_edition_file(path)
                edition, digest, warnings = loaded.edition, loaded.digest, loaded.warnings
            engine = LayoutEngine(edition, registry=self.registry, base_dir=path.parent)
            pages = engine.layout(only_page=0 if first_page_first else None)
        except NewsdeskError as exc:
            QMessageBox.critical(self, tr("Cannot open edition"), str(exc))
            return False
        self._show_edition(edition, engine, pages, path, warnings)
        self.disk_digest = digest  # what the file held when opened: a save checks it still does
        # Autosaves this window may remove after a save: the one it offered, those it writes.
        self.known_autosaves = {file_identity(recovery.autosave)} if recovery else set()
        if recovery is not None and self._recovered:
            self.undo_stack.resetClean()  # recovered work is unsaved until the user saves it
            self._update_title()
        self.recent.add(path)
        return True

    def _show_edition(self, edition, engine, pages, path, warnings) -> None:
        self.edition, self.engine, self.pages, self.path = edition, engine, pages, path
        self.disk_digest, self.known_autosaves = "", set()  # open_path sets them for a file
        self.undo_stack.clear()
        self.load_warnings = warnings
        self._refresh_panels()
        self.page_list.setCurrentRow(0)
        QTimer.singleShot(0, self.fit_page)
        self._update_title()
        self.editionChanged.emit()  # panels that follow the edition (校对) show the new one

    def new_edition(self) -> bool:
        """File → New: an untitled edition from the page template (Save asks for its name)."""
        from newsdesk.app.new_edition_dialog import NewEditionDialog
        from newsdesk.layout.engine import LayoutEngine

        if not self.maybe_save():
            return False
        dialog = NewEditionDialog(self)
        if dialog.exec() != NewEditionDialog.DialogCode.Accepted:
            return False
        edition = dialog.edition()
        engine = LayoutEngine(edition, registry=self.registry, base_dir=None)
        self._show_edition(edition, engine, engine.layout(), None, [])
        return True

    def open_asking(self, path: Path) -> bool:
        """Open another edition, asking first about unsaved changes to this one."""
        return self.maybe_save() and self.open_path(path)

    def _ask_recover(self, recovery) -> bool:
        question = (
            tr(
                "An automatic backup of this edition from %1 holds work that is not in the file, "
                "which was saved again later. Recover it?"
            )
            if recovery.older_than_file
            else tr(
                "An automatic backup of this edition from %1 is newer than the file. Recover it?"
            )
        )
        answer = QMessageBox.question(
            self,
            tr("Recover unsaved work?"),
            question.replace("%1", recovery.saved_at.strftime("%Y-%m-%d %H:%M")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        self._recovered = answer == QMessageBox.StandardButton.Yes
        return self._recovered

    def autosave(self) -> None:
        if self.edition is None or self.undo_stack.isClean():
            return
        from newsdesk.model.autosave import file_identity, write_autosave

        try:
            written = write_autosave(self.edition, self.path, session_id=self.session_id)
            self.known_autosaves.add(file_identity(written))
        except OSError as exc:
            self.statusBar().showMessage(tr("Autosave failed: %1").replace("%1", str(exc)), 8000)

    def emergency_autosave(self):
        """Write an autosave now, whatever the undo stack says; return where it went or None."""
        if self.edition is None:
            return None
        from newsdesk.model.autosave import write_autosave

        try:
            return write_autosave(self.edition, self.path, session_id=self.session_id)
        except Exception:  # noqa: BLE001 - nothing more can be done while handling a crash
            return None

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            tr("Open Edition"),
            str(self.path.parent if self.path else Path.cwd()),
            tr("Newsdesk editions (*.newsdesk)"),
        )
        if name:
            self.open_asking(Path(name))

    def save(self, *, overwrite: bool = False) -> bool:
        """Save to the edition's file; if another program changed it since it was opened, ask
        (save_conflict) instead of writing over that work. `overwrite`: write whatever it holds."""
        if self.edition is None:
            return False
        if self.path is None:
            return self.save_as()
        from newsdesk.app.save_conflict import ConflictChoice, ask_save_conflict
        from newsdesk.model.autosave import discard_autosave
        from newsdesk.model.edition_file import ANY_CONTENT, EditionChanged, save_edition

        try:
            expected = ANY_CONTENT if overwrite else self.disk_digest
            self.disk_digest = save_edition(self.edition, self.path, expected=expected)
        except EditionChanged:
            choice = ask_save_conflict(self, self.path)
            if choice is ConflictChoice.KEEP_MINE:
                return self.save(overwrite=True)
            if choice is ConflictChoice.RELOAD:
                return self.open_path(self.path)
            if choice is ConflictChoice.SAVE_AS:
                return self.save_as()
            return False
        except (OSError, NewsdeskError) as exc:
            QMessageBox.critical(self, tr("Cannot save"), str(exc))
            return False
        discard_autosave(self.path, session_id=self.session_id, known=self.known_autosaves)
        self.undo_stack.setClean()
        self._update_title()  # a new edition saved while clean: the name changed, not the state
        self.recent.add(self.path)
        self.statusBar().showMessage(tr("Saved %1").replace("%1", str(self.path)), 4000)
        return True

    def save_as(self) -> bool:
        if self.edition is None:
            return False
        name, _ = QFileDialog.getSaveFileName(
            self,
            tr("Save Edition As"),
            str(self.path or "edition.newsdesk"),
            tr("Newsdesk editions (*.newsdesk)"),
        )
        if not name:
            return False
        new_path = Path(name)
        if self.path is not None and new_path.parent.resolve() != self.path.parent.resolve():
            from newsdesk.model.edition_file import rebase_links

            # Linked images stay linked: relative paths are rewritten for the new folder.
            rebase_links(self.edition, self.path.parent, new_path.parent)
        self.path = new_path
        self.known_autosaves = set()
        return self.save(overwrite=True)  # the file dialog has asked about replacing it

    def export_pdf(self, preset: str = "newspaper") -> bool:
        """Export through the print presets: preflight first, a progress dialog while it runs."""
        if not self.pages or self.edition is None:
            return False
        suffix = "" if preset == "newspaper" else f"-{preset}"
        base = self.path.with_suffix("") if self.path else Path("edition")
        title = tr("Export for Print") if preset == "newspaper" else tr("Export Proof PDF")
        name, _ = QFileDialog.getSaveFileName(self, title, f"{base}{suffix}.pdf", "PDF (*.pdf)")
        if not name:
            return False
        return self.export_to(Path(name), preset)

    def export_to(self, target: Path, preset: str, force: bool = False) -> bool:
        from newsdesk.export.print_export import ExportBlocked, export_edition

        progress = QProgressDialog(tr("Exporting…"), tr("Cancel"), 0, len(self.pages), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            QCoreApplication.processEvents()

        try:
            result = export_edition(
                self.edition,
                base_dir=self.path.parent if self.path else None,
                preset=preset,
                output=target,
                force=force,
                registry=self.registry,
                engine=self.engine,
                progress=step,
                edition_path=self.path,
            )
        except ExportBlocked as blocked:
            progress.close()
            answer = QMessageBox.warning(
                self,
                tr("Preflight found errors"),
                str(blocked),
                QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ignore,
                QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Ignore:
                return self.export_to(target, preset, force=True)
            return False
        except (OSError, NewsdeskError) as exc:
            progress.close()
            QMessageBox.critical(self, tr("Cannot export"), str(exc))
            return False
        progress.close()
        message = tr("Exported %1").replace("%1", str(target))
        if result.forced:
            message += " " + tr("(forced despite preflight errors)")
        self.statusBar().showMessage(message, 8000)
        return True

    # -- editing ------------------------------------------------------------------------------

    def apply(self, op: Operation, text: str = "") -> bool:
        """Apply an edit operation as one undo step; False, with a message, if it was refused."""
        if self.edition is None:
            return False
        try:
            inverse = op.apply(self.edition)
        except OperationError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return False
        self.undo_stack.push(EditCommand(op, inverse, self._apply_from_stack, text))
        self._after_edit()
        return True

    def _apply_from_stack(self, op: Operation) -> Operation:
        inverse = op.apply(self.edition)
        self._after_edit()
        return inverse

    def _after_edit(self) -> None:
        """Re-lay (only what changed: the engine fingerprints threads) and repaint at once."""
        if self.engine is None:
            return
        self.pages = self.engine.layout()
        self.page_list.refresh()  # captions now, changed thumbnails lazily
        if self.page_list.count() != len(self.pages):
            self._refresh_panels_keep_page()
        row = min(max(self.page_list.currentRow(), 0), len(self.pages) - 1)
        self.show_page(row)
        self.panel_timer.start()
        self._drop_stale_status()
        self.editionChanged.emit()

    def _drop_stale_status(self) -> None:
        """The status bar never names a story an edit (an undo of its import) took away."""
        story = getattr(self, "_status_story", None)
        if story and self.edition is not None and story not in self.edition.stories:
            self._status_story = None
            self.statusBar().clearMessage()

    def _refresh_panels_keep_page(self) -> None:
        row = self.page_list.currentRow()
        self.page_list.blockSignals(True)
        self._refresh_panels()
        self.page_list.setCurrentRow(min(max(row, 0), self.page_list.count() - 1))
        self.page_list.blockSignals(False)

    def load_place_gun(self, story_id: str) -> bool:
        """Load the cursor with a story (the stories panel calls this on drag or double-click)."""
        return self.canvas.load_place_gun(story_id)

    def continue_story_on_page(self, story_id: str, page_index: int) -> bool:
        """Continue a story at the first free column top of a page (the pages panel)."""
        return self.canvas.continue_story_on_page(story_id, page_index)

    def _edit_text_at(self, story_id: str, part: str, offset: int) -> None:
        editor = getattr(self, "open_story_editor", None)  # the story editor dock, when present
        if editor is not None:
            editor(story_id, part, offset)

    # -- panels -------------------------------------------------------------------------------

    def _refresh_panels(self) -> None:
        self.page_list.refresh()
        if self.engine is not None and self.engine.partial:
            # Only the first page is laid out (start-up): the stories panel would lay out the
            # rest for its copyfit. Everything follows the first paint (_complete_layout).
            self._layout_pending = True
            if not self.view.isVisible():
                self._page_painted()
            return
        self.story_tree.refresh()
        self.story_dock.editor.sync()
        # Preflight reads every image and ad (about a second for a new edition, fonts and
        # pictures read for the first time): it fills its panel after the page is painted.
        self._findings_due = True
        if self.view.isVisible():
            self.findings_fallback.start()
        else:
            self._page_painted()

    def _page_painted(self) -> None:
        if self._layout_pending:
            self._layout_pending = False
            QTimer.singleShot(0, self._complete_layout)  # after this paint reaches the screen
            return
        if self._findings_due:
            self._findings_due = False
            self.findings_fallback.stop()
            self.findings_timer.start()

    def start_up_settled(self) -> bool:
        """True once what opening a file defers is done: every page laid out, the panels filled
        and the preflight run (screenshots wait for it)."""
        return not (self._layout_pending or self._findings_due or self.findings_timer.isActive())

    def _complete_layout(self) -> None:
        """The rest of a layout that was of the first page only: every page, then the panels
        (thumbnails, stories, preflight) as after any opening. An edit made in between has
        laid out everything already; the panels are refreshed all the same."""
        if self.engine is None:
            return
        if self.engine.partial:
            self.pages = self.engine.layout()
        self._refresh_panels_keep_page()
        row = self.page_list.currentRow()
        if 0 <= row < len(self.pages):
            self.show_page(row)  # badges of the whole edition; the page's frames are the same
        self.editionChanged.emit()
        self._page_painted()  # the page is on screen: the preflight panel may fill now

    def refresh_findings(self) -> None:
        """The preflight panel: load warnings and the print checks that block an export."""
        if self.edition is None:
            return
        self.findings.clear()
        for warning in getattr(self, "load_warnings", []):
            self.findings.addTopLevelItem(QTreeWidgetItem([tr("Warning"), "", warning]))
        for finding in self._preflight_findings():
            if finding.accepted:
                severity = tr("Accepted")
            else:
                severity = tr("Error") if finding.severity == "error" else tr("Warning")
            page = str(finding.page) if finding.page else ""
            item = QTreeWidgetItem([severity, page, finding.message])
            item.setToolTip(2, finding.message)  # messages are long; the column is narrow
            item.setData(0, Qt.ItemDataRole.UserRole, ("block", finding.page, finding.block))
            if finding.severity == "error" and not finding.accepted:
                item.setForeground(0, QBrush(QColor(200, 30, 30)))
            self.findings.addTopLevelItem(item)
        if self.findings.topLevelItemCount() == 0:
            self.findings.addTopLevelItem(QTreeWidgetItem(["", "", tr("No problems found")]))

    def _go_to_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """Double-click (or Enter) on a story or a finding: show its page, outline its block."""
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if not target:
            return
        if target[0] == "story":
            from newsdesk.layout.threads import resolve_threads

            thread = resolve_threads(self.edition)[0].get(target[1])
            if thread is None or not thread.blocks:
                return
            page_index, block = thread.blocks[0]
            self.go_to_block(page_index, block.id)
        else:
            _kind, page_number, block_id = target
            if page_number:
                self.go_to_block(page_number - 1, block_id)

    def show_find(self, replace: bool) -> None:
        from newsdesk.app.find_replace import FindReplaceDialog

        if getattr(self, "find_dialog", None) is None:
            self.find_dialog = FindReplaceDialog(self)
        self.find_dialog.open_for(replace)

    def import_copy(self) -> None:
        from newsdesk.app.copy_in import import_copy_dialog

        import_copy_dialog(self)

    def open_story_editor(self, story_id: str, part: str = "body", offset: int = 0) -> None:
        """Show the story editor with the cursor at character `offset` of `part`."""
        self.story_dock.open_story(story_id, part, offset)

    def go_to_block(self, page_index: int, block_id: str) -> None:
        if not 0 <= page_index < len(self.pages):
            return
        self.page_list.setCurrentRow(page_index)
        frame = next((f for f in self.pages[page_index].frames if f.block == block_id), None)
        self.highlighted_block = block_id if frame is not None else None
        self.properties.refresh()
        self.view.highlight = (frame.x, frame.y, frame.width, frame.height) if frame else None
        self.view.update()
        if frame is not None:
            zoom = self.view.zoom
            self.scroll.ensureVisible(
                int((frame.x + frame.width / 2) * zoom) + 24,
                int((frame.y + frame.height / 2) * zoom) + 24,
                int(frame.width * zoom / 2) + 40,
                int(frame.height * zoom / 2) + 40,
            )

    def _preflight_findings(self) -> list:
        """The print preflight (the same checks that block an export), for the panel."""
        if self.engine is None:
            return []
        from newsdesk.export.preflight import preflight

        try:
            report = preflight(
                self.edition,
                base_dir=self.path.parent if self.path else None,
                registry=self.registry,
                engine=self.engine,
                pages=self.pages,
            )
        except NewsdeskError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return []
        return sorted(report.findings, key=lambda f: (f.severity != "error", f.page or 0))

    def show_page(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            if getattr(self, "_shown_row", -1) != row:
                self.statusBar().clearMessage()  # it named a story of the page shown before
            self._shown_row = row
            self.view.badges = self._badges(row)
            self.view.set_page(self.pages[row])

    def _badges(self, row: int) -> list[Badge]:
        """Copyfit badges for the stories whose last block is on this page."""
        if self.engine is None:
            return []
        frames = {frame.block: frame for frame in self.pages[row].frames}
        # self.pages is the engine's last layout (every edit re-lays at once): read its copyfit
        # and threads rather than fingerprinting the edition again at each keystroke.
        threads = self.engine.threads()
        badges = []
        for story_id, fit in self.engine.copyfit(relayout=False).items():
            thread = threads.get(story_id)
            if thread is None or not thread.blocks or fit.label == "正好":
                continue
            frame = frames.get(thread.blocks[-1][1].id)
            if frame is not None:
                badges.append(
                    Badge(
                        frame.x,
                        frame.y,
                        frame.width,
                        frame.height,
                        fit.label,
                        fit.overset_chars > 0,
                    )
                )
        return badges

    def _step_page(self, delta: int) -> None:
        row = self.page_list.currentRow() + delta
        if 0 <= row < self.page_list.count():
            self.page_list.setCurrentRow(row)

    def _show_line(self, line) -> None:
        if line is None:
            self.statusBar().clearMessage()
            return
        story = self.edition.stories.get(line.story) if self.edition else None
        name = (story.slug or story.headline) if story else line.story
        self._status_story = line.story
        self.statusBar().showMessage(
            tr("%1 · paragraph %2 · characters %3–%4")
            .replace("%1", name or "—")
            .replace("%2", str(line.paragraph + 1))
            .replace("%3", str(line.start + 1))  # people count characters from 1
            .replace("%4", str(line.end))
        )

    # -- zoom ---------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        bigger = [z for z in ZOOM_STEPS if z > self.view.zoom + 1e-6]
        self.view.set_zoom(bigger[0] if bigger else ZOOM_STEPS[-1])

    def zoom_out(self) -> None:
        smaller = [z for z in ZOOM_STEPS if z < self.view.zoom - 1e-6]
        self.view.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def fit_page(self) -> None:
        page = self.view.page()
        if page is None:
            return
        area = self.scroll.viewport().size()
        self.view.set_zoom(
            min((area.width() - 60) / page.width, (area.height() - 60) / page.height)
        )

    def _toggle_frames(self, checked: bool) -> None:
        self.view.show_frames = checked
        self.view.update()

    # -- misc ---------------------------------------------------------------------------------

    def _set_language(self, code: str) -> None:
        QSettings().setValue("ui/language", code)
        QMessageBox.information(
            self, tr("Language"), tr("The new language is used the next time Newsdesk starts.")
        )

    def about(self) -> None:
        from newsdesk.app.about_dialog import show_about

        show_about(self)

    def _update_title(self) -> None:
        name = self.path.name if self.path else tr("Untitled")
        self.setWindowTitle(f"{name}[*] — Newsdesk")
        self.setWindowModified(not self.undo_stack.isClean())

    def maybe_save(self, question: str = "") -> bool:
        """Unsaved changes: Save, Discard or Cancel. True when the window may go on."""
        if self.edition is None or self.undo_stack.isClean():
            return True
        answer = QMessageBox.question(
            self,
            tr("Unsaved changes"),
            question or tr("Save changes to this edition first?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        return answer != QMessageBox.StandardButton.Save or self.save()

    def closeEvent(self, event) -> None:
        if not self.maybe_save(tr("Save changes before closing?")):
            event.ignore()
            return
        QSettings().setValue("window/geometry", self.saveGeometry())
        event.accept()
