"""The page canvas as an editing surface: tools, selection, drags, nudges, the place gun, threads,
zoom and pan. The PageView widget hands its input events here; this controller turns them into
edit operations (newsdesk.edit.actions) applied through MainWindow.apply, one undo step each.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent, QPainter, QRegion, QWheelEvent

from newsdesk.app import overlays
from newsdesk.app.canvas_drag import (
    CropGesture,
    FrameGesture,
    Gesture,
    MarqueeGesture,
    MoveGesture,
    PanGesture,
    PlaceGesture,
    ResizeGesture,
    ScaleGesture,
)
from newsdesk.app.canvas_marks import out_ports, thread_links
from newsdesk.app.canvas_tools import Tool, ToolBox
from newsdesk.app.place_gun import STORY_MIME, PlaceGun, dragged_cell, fitted_op, free_column_top
from newsdesk.app.selection import Rect, Selection, block_at, block_rect, handle_at
from newsdesk.edit import SetFields, actions
from newsdesk.edit.operation import OperationError
from newsdesk.layout.hit import source_at
from newsdesk.model.units import mm

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
ZOOM_WHEEL_STEP = 1.25  # zoom factor per wheel notch


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def CROP_HINT() -> str:  # noqa: N802 - a translated constant
    return tr(
        "Crop mode: drag to move the picture in its frame, wheel or a corner handle to scale it, "
        "Esc to leave"
    )


class CanvasController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.view
        self.view.controller = self
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setAcceptDrops(True)
        self.view.setMouseTracking(True)  # the loaded cursor follows the pointer
        self.tools = ToolBox(window)
        self.tools.toolChanged.connect(self._tool_changed)
        self.selection = Selection()
        self.gun: PlaceGun | None = None
        self.gesture: Gesture | None = None
        self.pointer: QPointF | None = None  # widget pixels, for the gun hint and drag label
        self.crop_block: str | None = None  # a picture block in crop mode (double-clicked)
        self.show_threads = False
        self.space_held = False
        self._page_index = -1
        self._ports: list[overlays.OutPort] = []
        self._painted: QRegion = QRegion()  # overlay areas painted last time
        self.menu = None  # the block context menu last shown
        window.editionChanged.connect(self._edition_changed)
        self.threads_action = QAction(tr("Show &Thread Arrows"), window, checkable=True)
        self.threads_action.toggled.connect(self.set_show_threads)
        view_menu = self._menu(QCoreApplication.translate("MainWindow", "&View"))
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addAction(self.threads_action)

    # -- the page shown ---------------------------------------------------------------------

    def _menu(self, title: str):
        for action in self.window.menuBar().actions():
            if action.menu() is not None and action.text() == title:
                return action.menu()
        return None

    def model_page(self):
        """The edition's page shown in the view (None before an edition is open)."""
        layout = self.view.page()
        edition = self.window.edition
        if layout is None or edition is None or not 0 <= layout.index < len(edition.pages):
            return None
        return edition.pages[layout.index]

    def _check_page(self) -> None:
        """Forget the selection and recompute out-ports when another page is shown."""
        layout = self.view.page()
        index = layout.index if layout is not None else -1
        if index != self._page_index:
            self._page_index = index
            self.selection.clear()
            self.crop_block = None
            self._ports = out_ports(self.window.edition, self.window.engine, index)

    def _edition_changed(self) -> None:
        self.selection.prune(self.model_page())
        self._page_index = -1
        self._check_page_keep_selection()
        # Where the overlays (out-ports, selection) were and are: the page view repaints the
        # layout's own changes itself (PageView.set_page). Thread arrows span the page.
        self.refresh(full=self.show_threads)

    def _check_page_keep_selection(self) -> None:
        """After an edit: the same page keeps its selection and crop mode (a wheel notch that
        scaled the picture must not end crop mode); blocks that went are forgotten."""
        kept, crop = list(self.selection.ids), self.crop_block
        self._check_page()
        self.selection.set(kept)
        page = self.model_page()
        self.selection.prune(page)
        if crop is not None and page is not None and any(b.id == crop for b in page.blocks):
            self.crop_block = crop

    def scroll_area(self):
        parent = self.view.parentWidget()
        return parent.parentWidget() if parent is not None else None

    def say(self, text: str, ms: int = 6000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- tools --------------------------------------------------------------------------------

    def _tool_changed(self, tool: Tool) -> None:
        if self.gesture is not None:
            self.gesture.cancel()
            self.gesture = None
        if tool is Tool.SELECT:  # V or Esc: also empties a loaded cursor, leaves crop mode
            self.gun = None
            self.crop_block = None
        self.update_cursor()
        self.refresh()

    def update_cursor(self) -> None:
        tool = self.tools.tool
        if self.gun is not None:
            self.view.setCursor(Qt.CursorShape.CrossCursor)
        elif tool is Tool.HAND or self.space_held:
            self.view.setCursor(Qt.CursorShape.OpenHandCursor)
        elif tool.draws_frame:
            self.view.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.view.unsetCursor()

    def enter_crop_mode(self, block_id: str) -> None:
        self.crop_block = block_id
        self.selection.set([block_id])
        self.say(CROP_HINT())
        self.refresh(full=True)

    def set_show_threads(self, on: bool) -> None:
        self.show_threads = on
        if self.threads_action.isChecked() != on:
            self.threads_action.setChecked(on)
        self.view.update()

    # -- mouse ----------------------------------------------------------------------------------

    def _page_point(self, event) -> QPointF:
        return self.view.to_page(event.position())

    def mouse_press(self, event: QMouseEvent) -> bool:
        self._check_page()
        page = self.model_page()
        if page is None:
            return False
        self.view.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = self._page_point(event)
        self.pointer = event.position()
        button = event.button()
        mods = event.modifiers()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton
            and (self.tools.tool is Tool.HAND or self.space_held)
        ):
            self.gesture = PanGesture(self, pos, event.globalPosition())
            return True
        if button != Qt.MouseButton.LeftButton:
            return False
        if self.gun is not None:
            self.gesture = PlaceGesture(self, pos)
            self.refresh()
            return True
        port = self._port_at(event.position())
        if port is not None:
            self.load_place_gun(port.story, continuation=True)
            return True
        if self.tools.tool.draws_frame:
            self.gesture = FrameGesture(self, pos, self.tools.tool.value)
            return True
        self._select_press(page, pos, mods)
        self.refresh()
        return True

    def _select_press(self, page, pos: QPointF, mods) -> None:
        zoom = self.view.zoom
        if len(self.selection.ids) == 1:
            (selected,) = self.selection.blocks(page) or [None]
            if selected is not None:
                handle = handle_at(block_rect(selected), pos.x(), pos.y(), zoom)
                if handle is not None and self.crop_block == selected.id:
                    self.gesture = ScaleGesture(self, pos, selected.id)  # crop mode: scale
                    return
                if handle is not None:
                    self.gesture = ResizeGesture(self, pos, selected.id, handle)
                    return
        block = block_at(page, pos.x(), pos.y(), zoom)
        if block is None:
            self.crop_block = None
            if not mods & Qt.KeyboardModifier.ShiftModifier:
                self.selection.clear()
            self.gesture = MarqueeGesture(self, pos, bool(mods & Qt.KeyboardModifier.ShiftModifier))
            self.selection_changed()
            return
        picture = block.kind in ("image", "ad")
        if picture and (mods & Qt.KeyboardModifier.AltModifier or self.crop_block == block.id):
            self.selection.set([block.id])
            self.gesture = CropGesture(self, pos, block.id)
            self.selection_changed()
            return
        if mods & Qt.KeyboardModifier.ShiftModifier:
            self.selection.toggle(block.id)
            self.selection_changed()
            return
        if block.id not in self.selection:
            self.selection.set([block.id])
        self.crop_block = None if self.crop_block != block.id else self.crop_block
        self.gesture = MoveGesture(self, pos, block.id)
        self.selection_changed()

    def mouse_move(self, event: QMouseEvent) -> bool:
        self.pointer = event.position()
        gesture = self.gesture
        if gesture is None:
            if self.gun is not None:
                self.refresh()
            return self.gun is not None
        if isinstance(gesture, PanGesture):
            gesture.pan_to(event.globalPosition())
            return True
        gesture.move(self._page_point(event), event.modifiers())
        label = gesture.label()
        if label:
            self.window.statusBar().showMessage(label.replace("\n", "  ·  "))
        self.refresh()
        return True

    def mouse_release(self, event: QMouseEvent) -> bool:
        gesture = self.gesture
        if gesture is None:
            return False
        self.gesture = None
        gesture.finish(self._page_point(event), event.modifiers())
        self.refresh(full=True)
        return True

    def mouse_double_click(self, event: QMouseEvent) -> bool:
        self._check_page()
        page = self.model_page()
        layout = self.view.page()
        if page is None or layout is None or self.tools.tool is not Tool.SELECT or self.gun:
            return False
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = self._page_point(event)
        block = block_at(page, pos.x(), pos.y(), self.view.zoom)
        if block is not None and block.kind in ("image", "ad"):
            self.crop_block = None if self.crop_block == block.id else block.id
            self.selection.set([block.id])
            if self.crop_block:
                self.say(CROP_HINT())
            self.refresh(full=True)
            return True
        hit = source_at(layout, self.window.edition.stories, pos.x(), pos.y())
        if hit is None:
            return False
        story, part, offset = hit
        self.view.textEditRequested.emit(story, part, offset)
        return True

    def _port_at(self, widget_pos: QPointF) -> overlays.OutPort | None:
        local = widget_pos - QPointF(self._margin(), self._margin())
        for port in self._ports:
            if (
                overlays.out_port_rect(port.rect, self.view.zoom)
                .adjusted(-2, -2, 2, 2)
                .contains(local)
            ):
                return port
        return None

    @staticmethod
    def _margin() -> float:
        from newsdesk.app.page_view import PAGE_MARGIN

        return PAGE_MARGIN

    # -- keys -----------------------------------------------------------------------------------

    def key_press(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held = True
            self.update_cursor()
            return True
        if key == Qt.Key.Key_Escape and self.gesture is not None:
            self.gesture.cancel()
            self.gesture = None
            self.refresh(full=True)
            return True
        if key == Qt.Key.Key_Escape and (self.gun is not None or self.crop_block is not None):
            # Esc reaches the view itself when the tool shortcut cannot take it (the window is
            # not the active one): it still empties the cursor and leaves crop mode.
            self.gun = None
            self.crop_block = None
            self.update_cursor()
            self.refresh(full=True)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return self.delete_selection()
        steps = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in steps:
            fine = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return self.nudge(*steps[key], fine=fine)
        return False

    def key_release(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held = False
            self.update_cursor()
            return True
        return False

    def nudge(self, sx: int, sy: int, fine: bool = False) -> bool:
        """Arrow keys: one column or one baseline line; with Shift 1 mm."""
        page = self.model_page()
        blocks = self.selection.blocks(page) if page is not None else []
        if not blocks:
            return False
        grid = page.grid
        if fine:
            dx, dy = sx * mm(1), sy * mm(1)
        else:
            dx, dy = sx * (grid.column_width + grid.gutter), sy * grid.leading
        moves = {b.id: (b.x + dx, b.y + dy) for b in blocks}
        if any(
            x < -b.width / 2 or y < -b.height / 2 or x > page.width - 1 or y > page.height - 1
            for b, (x, y) in zip(blocks, moves.values())
        ):
            return True  # would leave the page: stay (and swallow the key)
        self.apply_action("move_blocks", moves)
        return True

    def delete_selection(self) -> bool:
        page = self.model_page()
        blocks = self.selection.blocks(page) if page is not None else []
        if not blocks:
            return False
        if self.window.apply(actions.delete_blocks(self.window.edition, [b.id for b in blocks])):
            self.selection.clear()
            self.say(
                tr("Deleted %1 block(s); their text stays with the stories").replace(
                    "%1", str(len(blocks))
                )
            )
        return True

    # -- wheel: Ctrl zooms around the pointer ---------------------------------------------------

    def wheel(self, event: QWheelEvent) -> bool:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return self._wheel_scales_picture(event)
        notches = event.angleDelta().y() / 120
        if notches == 0:
            return True
        self.zoom_at(event.position(), self.view.zoom * ZOOM_WHEEL_STEP**notches)
        return True

    def _wheel_scales_picture(self, event: QWheelEvent) -> bool:
        """In crop mode the wheel over the picture scales it around the pointer; the notches of
        one turn of the wheel merge into one undo step (app/edit_command.py)."""
        from newsdesk.app.picture_scale import WHEEL_STEP, clamp_scale, scaled_focus

        page, layout = self.model_page(), self.view.page()
        if self.crop_block is None or page is None or layout is None:
            return False
        pos = self.view.to_page(event.position())
        block = next((b for b in page.blocks if b.id == self.crop_block), None)
        if block is None or block_at(page, pos.x(), pos.y(), self.view.zoom) is not block:
            return False
        notches = event.angleDelta().y() / 120
        frame = next((f for f in layout.frames if f.block == block.id), None)
        if notches == 0 or frame is None or not frame.images or frame.images[0].missing:
            return True
        scale = clamp_scale(block.scale * WHEEL_STEP**notches)
        if scale == block.scale:
            return True
        focus = scaled_focus(
            frame, frame.images[0], tuple(block.crop), scale / block.scale, (pos.x(), pos.y())
        )
        self.pointer = event.position()
        if self.apply_action("set_scale", block.id, scale, focus):
            self.say(self.scale_text(block.id, scale))
        return True

    def scale_text(self, block_id: str, scale: float) -> str:
        """缩放 150 % · 有效 200 ppi while scaling (the ppi at the new size)."""
        text = tr("Scale %1 %").replace("%1", f"{scale * 100:.0f}")
        page = self.model_page()
        block = next((b for b in page.blocks if b.id == block_id), None) if page else None
        layout = self.view.page()
        frame = next((f for f in layout.frames if f.block == block_id), None) if layout else None
        if block is None or frame is None or not frame.images or frame.images[0].missing:
            return text
        item = frame.images[0]
        if item.is_pdf or block.scale <= 0:
            return text
        ppi = item.ppi * block.scale / scale  # the ppi falls as the picture grows
        return text + "  ·  " + tr("effective %1 ppi").replace("%1", f"{ppi:.0f}")

    def zoom_at(self, widget_pos: QPointF, zoom: float) -> None:
        """Zoom keeping the page point under widget_pos where it is on screen."""
        scroll = self.scroll_area()
        anchor = self.view.to_page(widget_pos)
        on_screen = self.view.mapTo(scroll.viewport(), widget_pos.toPoint()) if scroll else None
        self.view.set_zoom(zoom)
        if scroll is None:
            return
        after = self.view.to_widget(anchor.x(), anchor.y())
        scroll.horizontalScrollBar().setValue(round(after.x() - on_screen.x()))
        scroll.verticalScrollBar().setValue(round(after.y() - on_screen.y()))

    # -- actions ------------------------------------------------------------------------------

    def apply_action(self, name: str, *args) -> bool:
        """Build an operation with newsdesk.edit.actions and apply it as one undo step."""
        edition = self.window.edition
        page = self.model_page()
        select: list[str] | None = None
        try:
            if name == "move_blocks":
                op = actions.move_blocks(edition, *args)
            elif name == "set_rect":
                op = actions.set_rect(edition, *args)
            elif name == "new_block":
                kind, rect = args
                select = [actions.new_block_id(edition)]
                op = actions.new_block(edition, page.id, kind, rect)
            elif name == "set_crop":
                block_id, focus = args
                op = SetFields(("block", block_id), {"crop": list(focus)})
            elif name == "set_scale":
                block_id, scale, focus = args
                values: dict = {"scale": scale}
                if focus is not None:
                    values["crop"] = list(focus)
                op = SetFields(("block", block_id), values)
            else:
                raise ValueError(name)
        except OperationError as exc:
            self.say(str(exc))
            return False
        done = self.window.apply(op)
        if done and select is not None:
            self.selection.set(select)
        return done

    def selection_changed(self) -> None:
        page = self.model_page()
        blocks = self.selection.blocks(page) if page is not None else []
        if len(blocks) == 1:
            from newsdesk.app.canvas_drag import size_text

            block = blocks[0]
            text = size_text(page, block_rect(block)).replace("\n", "  ·  ")
            self.window.statusBar().showMessage(f"{block.id}  ·  {text}{self._ppi_text(block)}")
        self.refresh(full=True)

    def _ppi_text(self, block) -> str:
        layout = self.view.page()
        frame = next((f for f in layout.frames if f.block == block.id), None) if layout else None
        if frame is None or not frame.images or frame.images[0].missing:
            return ""
        item = frame.images[0]
        if item.is_pdf:
            return "  ·  " + tr("vector PDF")
        return "  ·  " + tr("effective %1 ppi").replace("%1", f"{item.ppi:.0f}")

    # -- the place gun -----------------------------------------------------------------------

    def load_place_gun(self, story_id: str, continuation: bool = False) -> bool:
        edition = self.window.edition
        if edition is None or story_id not in edition.stories:
            self.say(tr("No such story: %1").replace("%1", story_id))
            return False
        self.gun = PlaceGun(story_id, continuation)
        self.gesture = None
        if self.tools.tool is not Tool.SELECT:
            self.tools.set_tool(Tool.SELECT)
            self.gun = PlaceGun(story_id, continuation)
        story = edition.stories[story_id]
        name = story.slug or story.headline or story_id
        self.say(
            tr(
                "Loaded “%1”: click to place in one column, drag across columns; Esc cancels"
            ).replace("%1", name),
            0,
        )
        self.update_cursor()
        self.refresh(full=True)
        return True

    def _story_name(self, story_id: str) -> str:
        story = self.window.edition.stories.get(story_id)
        return (story.slug or story.headline or story_id) if story else story_id

    def _nothing_left(self, story_id: str) -> bool:
        """A story that is placed and has no overset has nothing for the cursor to place."""
        edition = self.window.edition
        placed = bool(edition.stories[story_id].thread) or bool(
            actions.implicit_thread(edition, story_id)
        )
        fit = self.window.engine.copyfit().get(story_id)
        return placed and fit is not None and fit.overset_chars == 0

    def place_loaded(self, press: tuple[float, float], release: tuple[float, float] | None) -> bool:
        """Place the loaded story at a click (release None) or across a drag."""
        gun, page, edition = self.gun, self.model_page(), self.window.edition
        if gun is None or page is None:
            return False
        if self._nothing_left(gun.story):
            self.gun = None
            self.update_cursor()
            self.say(
                tr("“%1” is already placed in full").replace("%1", self._story_name(gun.story))
            )
            return False
        try:
            if release is None:
                block = block_at(page, press[0], press[1], self.view.zoom)
                if block is not None and _empty_text_block(edition, block):
                    op = actions.continue_into_block(edition, gun.story, block.id)
                    new_id = block.id
                else:
                    block = None
            if release is not None or block is None:
                column, span, top = dragged_cell(page, press, release)
                new_id = actions.new_block_id(edition)
                op = fitted_op(self.window.engine, gun.story, page, column, span, top)
        except OperationError as exc:
            self.say(str(exc))
            return False
        if not self.window.apply(op):
            return False
        self.gun = None
        self.selection.set([new_id])
        self.update_cursor()
        self.say(tr("Placed “%1”").replace("%1", self._story_name(gun.story)))
        return True

    def continue_story_on_page(self, story_id: str, page_index: int) -> bool:
        """Continue a story on another page (the pages panel's drop of a loaded cursor): a
        continuation block at the first free column top of that page, deep enough for the rest
        of the copy or to the next block below."""
        edition = self.window.edition
        if edition is None or story_id not in edition.stories:
            return False
        if not 0 <= page_index < len(edition.pages):
            self.say(tr("No such page"))
            return False
        page = edition.pages[page_index]
        column, top, free = free_column_top(page)
        try:
            op = fitted_op(self.window.engine, story_id, page, column, 1, top, max_lines=free)
        except OperationError as exc:
            self.say(str(exc))
            return False
        done = self.window.apply(op)
        if done:
            self.gun = None
            self.update_cursor()
            self.say(
                tr("Continued “%1” on page %2")
                .replace("%1", self._story_name(story_id))
                .replace("%2", str(page_index + 1))
            )
        return done

    # -- drops: a story from the stories panel, picture files from the file manager ----------

    def drag_enter(self, event) -> None:
        mime = event.mimeData()
        if mime.hasFormat(STORY_MIME) or any(
            url.toLocalFile().lower().endswith(IMAGE_SUFFIXES) for url in mime.urls()
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drag_move(self, event) -> None:
        self.drag_enter(event)

    def drop(self, event) -> None:
        mime = event.mimeData()
        self._check_page()
        if mime.hasFormat(STORY_MIME):
            # A story dropped on the page lands at the drop point: one column, as deep as the
            # copy needs (or into an empty text block there), exactly as a click with the
            # loaded cursor places it. One undo step.
            story_id = bytes(mime.data(STORY_MIME)).decode("utf-8", "replace").strip()
            self.pointer = event.position()
            if not self.load_place_gun(story_id):
                event.ignore()
                return
            at = self.view.to_page(event.position())
            if self.place_loaded((at.x(), at.y()), None):
                event.acceptProposedAction()
            else:
                event.ignore()
            self.refresh(full=True)
            return
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        pictures = [f for f in files if f.lower().endswith(IMAGE_SUFFIXES)]
        if not pictures:
            event.ignore()
            return
        from newsdesk.app.picture_place import place_picture_file

        pos = self.view.to_page(event.position())
        page = self.model_page()
        block = block_at(page, pos.x(), pos.y(), self.view.zoom) if page is not None else None
        if block is None or block.kind != "image":
            self.say(tr("Drop pictures onto a picture block"))
            event.ignore()
            return
        if place_picture_file(self, block.id, pictures[0]):
            event.acceptProposedAction()

    # -- context menu -------------------------------------------------------------------------

    def context_menu(self, event) -> None:
        from newsdesk.app.canvas_menu import block_menu

        self._check_page()
        page = self.model_page()
        if page is None:
            return
        pos = self.view.to_page(QPointF(event.pos()))
        block = block_at(page, pos.x(), pos.y(), self.view.zoom)
        if block is None:
            return
        if block.id not in self.selection:
            self.selection.set([block.id])
            self.selection_changed()
        # popup, not exec: no nested event loop; the menu lives until the next one replaces it.
        self.menu = block_menu(self, page, block)
        self.menu.popup(event.globalPos())

    # -- painting -------------------------------------------------------------------------------

    def show_preview(self, layout, rects: list[Rect], floating=None) -> None:
        self.view.replace_page(layout, rects, floating)

    def refresh(self, full: bool = False) -> None:
        """Repaint what the overlays covered last time and cover now (or the whole view)."""
        if full:
            self.view.update()
            return
        region = QRegion(self._painted)
        region += self._overlay_region()
        self.view.update(region)

    def _overlay_region(self) -> QRegion:
        region = QRegion()
        zoom = self.view.zoom
        rects: list[Rect] = []
        if self.gesture is not None:
            rects.extend(self.gesture.overlay_rects())
        for rect in rects:
            region += self.view.widget_rect(rect, 4).toAlignedRect()
        page = self.model_page()
        if page is not None:
            for block in self.selection.blocks(page):
                region += self.view.widget_rect(block_rect(block), 6).toAlignedRect()
        origin = QPointF(self._margin(), self._margin())
        for port in self._ports:
            box = overlays.out_port_rect(port.rect, zoom).translated(origin)
            region += box.adjusted(-3, -3, 3, 3).toAlignedRect()
        extent = self.picture_extent()
        if extent is not None:
            region += self.view.widget_rect(extent, 4).toAlignedRect()
        text = self._label_text()
        if text and self.pointer is not None:
            bounds = QRectF(self.view.rect())
            box = overlays.label_rect(self.view.font(), text, self.pointer, bounds)
            region += box.adjusted(-30, -30, 4, 4).toAlignedRect()
        return region

    def picture_extent(self) -> Rect | None:
        """In crop mode, the whole picture of the crop block as laid out now (page points),
        reaching past the block where the block crops it; None outside crop mode."""
        from pathlib import Path

        from newsdesk.layout.images import probe

        layout = self.view.page()
        if self.crop_block is None or layout is None:
            return None
        frame = next((f for f in layout.frames if f.block == self.crop_block), None)
        if frame is None or not frame.images or frame.images[0].missing:
            return None
        item = frame.images[0]
        left, top, right, bottom = item.crop
        info = probe(Path(item.path))
        if info is None or info.error or right <= left or bottom <= top:
            return None
        sx, sy = item.width / (right - left), item.height / (bottom - top)
        return (item.x - left * sx, item.y - top * sy, info.width * sx, info.height * sy)

    def _label_text(self) -> str:
        if self.gesture is not None:
            return self.gesture.label()
        if self.gun is not None:
            return self._gun_text()
        return ""

    def _gun_text(self) -> str:
        gun = self.gun
        name = self._story_name(gun.story)
        engine = self.window.engine  # its last layout: this runs at every pointer move
        fit = engine.copyfit(relayout=False).get(gun.story) if engine else None
        chars = fit.overset_chars if gun.continuation and fit is not None else None
        if chars:
            return tr("%1 · %2 characters left").replace("%1", name).replace("%2", str(chars))
        return name

    def paint_overlays(self, p: QPainter) -> None:
        """Called by PageView.paintEvent with the painter at the page's top-left, unscaled."""
        self._check_page_keep_selection()
        zoom = self.view.zoom
        page = self.model_page()
        if page is None:
            return
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.show_threads:
            overlays.paint_threads(
                p, self.view.font(), thread_links(self.window.edition, self._page_index), zoom
            )
        armed = self.gun.story if self.gun is not None else ""
        overlays.paint_out_ports(p, self._ports, zoom, armed)
        overlays.paint_selection(p, [block_rect(b) for b in self.selection.blocks(page)], zoom)
        if self.crop_block is not None:
            crop = next((b for b in page.blocks if b.id == self.crop_block), None)
            if crop is not None:
                overlays.paint_marquee(p, block_rect(crop), zoom)
            extent = self.picture_extent()
            if extent is not None:
                overlays.paint_picture_extent(p, extent, zoom)
        if self.gesture is not None:
            self.gesture.paint(p, zoom)
        text = self._label_text()
        if text and self.pointer is not None:
            from newsdesk.app.page_view import PAGE_MARGIN

            at = self.pointer - QPointF(PAGE_MARGIN, PAGE_MARGIN)
            bounds = QRectF(self.view.rect()).translated(-PAGE_MARGIN, -PAGE_MARGIN)
            if self.gesture is None and self.gun is not None:
                overlays.paint_gun_hint(p, self.view.font(), text, at, bounds)
            else:
                overlays.paint_label(p, self.view.font(), text, at, bounds)
        p.restore()
        self._painted = self._overlay_region()


def _empty_text_block(edition, block) -> bool:
    """A text block with no story and in no thread: a place a story can continue into."""
    if block.kind != "story" or block.story:
        return False
    return not any(block.id in s.thread for s in edition.stories.values())
