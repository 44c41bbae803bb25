"""Copy in (稿件入库): File → 导入稿件… reads one or several copy files — plain text in any of its
encodings (docs/copy-format.md) or .docx from Word/WPS — as unplaced stories, all of them one
AddStory batch (one undo step). A file that cannot be read is named in one message with why; the
others are imported all the same."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from newsdesk.edit import AddStory, Batch
from newsdesk.edit.actions import new_id
from newsdesk.errors import NewsdeskError
from newsdesk.model.copy_import import import_copy_file
from newsdesk.model.docx_import import import_docx_file
from newsdesk.model.edition import Story
from newsdesk.model.serialize import to_json_value


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def read_story(path: Path, story_id: str) -> Story:
    """A story from a copy file, by its kind (.docx, else plain text); NewsdeskError if not."""
    if path.suffix.lower() == ".docx":
        return import_docx_file(path, story_id)
    return import_copy_file(path, story_id)


def import_copy_files(window, paths: list[Path]) -> list[str]:
    """Import copy files as unplaced stories in one undo step; the new story ids."""
    if window.edition is None:
        window.statusBar().showMessage(tr("Open or create an edition first"), 6000)
        return []
    taken = set(window.edition.stories)
    ops, ids, problems = [], [], []
    for path in paths:
        story_id = new_id(taken, "s")
        try:
            story = read_story(Path(path), story_id)
        except NewsdeskError as exc:
            problems.append(str(exc))
            continue
        taken.add(story_id)
        ids.append(story_id)
        ops.append(AddStory(to_json_value(story, Story)))
    if ops and not window.apply(Batch(tuple(ops), "导入稿件")):
        ids = []
    if problems:
        QMessageBox.warning(
            window,
            tr("Some copy files were not imported"),
            "\n\n".join(problems),
        )
    if ids:
        window.statusBar().showMessage(
            tr("Imported %1 stories as unplaced copy").replace("%1", str(len(ids))), 6000
        )
        window.story_tree.refresh()
        item = window.story_tree.item_for(ids[0])
        if item is not None:
            window.story_tree.setCurrentItem(item)  # shows it in the story editor
    return ids


def import_copy_dialog(window) -> list[str]:
    """Ask for copy files and import them."""
    start = str(window.path.parent) if getattr(window, "path", None) else str(Path.cwd())
    names, _ = QFileDialog.getOpenFileNames(
        window,
        tr("Import Copy"),
        start,
        tr("Copy files (*.txt *.docx);;All files (*)"),
    )
    return import_copy_files(window, [Path(n) for n in names]) if names else []
