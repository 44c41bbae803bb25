"""The block context menu on the canvas (right-click): story, thread, picture, arrange, delete."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from newsdesk.edit import actions
from newsdesk.edit.operation import OperationError


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def block_menu(canvas, page, block) -> QMenu:
    window = canvas.window
    edition = window.edition
    menu = QMenu(canvas.view)

    def run(build) -> None:
        try:
            op = build()
        except OperationError as exc:
            canvas.say(str(exc))
            return
        window.apply(op)

    story_id = block.story or next(
        (s.id for s in edition.stories.values() if block.id in s.thread), ""
    )
    if story_id and block.kind == "story":
        editor = getattr(window, "open_story_editor", None)
        if editor is not None:
            edit = menu.addAction(tr("Edit Story…"))
            edit.triggered.connect(lambda: editor(story_id, "body", 0))
        fit = window.engine.copyfit().get(story_id) if window.engine else None
        if fit is not None and fit.overset_chars > 0:
            more = menu.addAction(tr("Continue Story (Load Cursor)"))
            more.triggered.connect(lambda: canvas.load_place_gun(story_id, continuation=True))
        unlink = menu.addAction(tr("Unlink from Thread"))
        unlink.setObjectName("unlink")
        unlink.triggered.connect(lambda: run(lambda: actions.unlink_block(edition, block.id)))
        menu.addSeparator()
    if block.kind == "image":
        from newsdesk.app.picture_place import place_picture_dialog

        place = menu.addAction(tr("Place Picture…"))
        place.setObjectName("place_picture")
        place.triggered.connect(lambda: place_picture_dialog(canvas, block.id))
        crop = menu.addAction(tr("Crop Mode"))
        crop.setObjectName("crop_mode")
        crop.triggered.connect(lambda: canvas.enter_crop_mode(block.id))
        menu.addSeparator()
    forward = menu.addAction(tr("Bring Forward"))
    forward.setObjectName("forward")
    forward.triggered.connect(lambda: run(lambda: actions.restack_block(edition, block.id, 1)))
    backward = menu.addAction(tr("Send Backward"))
    backward.setObjectName("backward")
    backward.triggered.connect(lambda: run(lambda: actions.restack_block(edition, block.id, -1)))
    menu.addSeparator()
    delete = menu.addAction(tr("Delete"))
    delete.setObjectName("delete")
    delete.triggered.connect(canvas.delete_selection)
    return menu
