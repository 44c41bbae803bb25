"""Placing picture files (JPEG, PNG, TIFF) into picture blocks: from a file dialog or a drop.

The block links the file (relative to the edition's folder when the edition has one, as the file
format prefers); the picture is checked first so a file that cannot be used is refused with the
layout engine's own Chinese reason instead of becoming a grey box on the page.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from newsdesk.edit import SetFields
from newsdesk.layout.images import probe, unreadable_message

PICTURE_FILTER = "*.jpg *.jpeg *.png *.tif *.tiff"


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def link_for(path: Path, edition_path: Path | None) -> str:
    """How the edition names a picture: relative to its folder when it has one."""
    if edition_path is None:
        return str(path.absolute())
    try:
        return Path(os.path.relpath(path.absolute(), edition_path.parent.absolute())).as_posix()
    except ValueError:  # another drive (Windows): keep it absolute
        return str(path.absolute())


def place_picture_file(canvas, block_id: str, filename: str) -> bool:
    """Link a picture file into a picture block, as one undo step."""
    window = canvas.window
    path = Path(filename)
    info = probe(path)
    if info is None:
        canvas.say(tr("Picture not found: %1").replace("%1", str(path)))
        return False
    if info.error or info.is_pdf:
        reason = unreadable_message("image", path.name, info) if info.error else path.name
        canvas.say(tr("Cannot place the picture: %1").replace("%1", reason), 10000)
        return False
    op = SetFields(("block", block_id), {"image": link_for(path, window.path)})
    return window.apply(op, tr("Place Picture"))


def place_picture_dialog(canvas, block_id: str) -> bool:
    window = canvas.window
    start = str(window.path.parent) if window.path else str(Path.cwd())
    name, _ = QFileDialog.getOpenFileName(
        window,
        tr("Place Picture"),
        start,
        tr("Pictures (%1)").replace("%1", PICTURE_FILTER),
    )
    if not name:
        return False
    return place_picture_file(canvas, block_id, name)
