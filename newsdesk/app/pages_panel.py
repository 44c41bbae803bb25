"""The pages panel: a thumbnail of every page, painted from the layout by the same Qt painter as
the canvas; add pages of the template's types, delete, drag to reorder (MovePage).

Jump lines, page headers ({版次}) and 导读 pointers follow a moved page by themselves: the engine
works page numbers out from the page order at every layout.

Thumbnails are cheap to keep fresh: after an edit a page is repainted only when its laid-out
content changed (the engine reuses the frames and lines of everything it did not re-lay, so an
identity comparison finds the pages that changed), 300 ms after edits pause and one page per
event-loop turn, so typing never waits for the panel; small text is greeked (about 9 ms a page).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QIcon, QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.edit import MovePage
from newsdesk.edit.page_actions import add_template_page, delete_page
from newsdesk.layout.result import PageLayout
from newsdesk.model.templates import PAGE_TYPES, is_furniture
from newsdesk.model.units import to_mm

THUMB_WIDTH = 96  # pixels
THUMB_DELAY_MS = 300
GREEK_BELOW_PIXELS = 4.0  # text smaller than this on the thumbnail is drawn as grey bars
STORY_MIME = "application/x-newsdesk-story"
PAGE_MIME = "application/x-newsdesk-page"
PAGE_ROLE = Qt.ItemDataRole.UserRole


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def page_signature(page: PageLayout) -> list:
    """What a thumbnail shows, as the layout's own objects (compared by identity, and kept alive
    so an id cannot be reused): a frame the engine reused is unchanged; a frame with jump lines
    is rebuilt at every layout, so its (reused) lines stand for it."""
    items: list = [page.width, page.height]
    for frame in page.frames:
        if page.jumps and any(j.block == frame.block for j in page.jumps):
            items.append((frame.x, frame.y, frame.width, frame.height))
            items.extend(frame.lines)
        else:
            items.append(frame)
    return items


def same_signature(a: list | None, b: list) -> bool:
    return a is not None and len(a) == len(b) and all(x is y or x == y for x, y in zip(a, b))


class PagesPanel(QListWidget):
    """A QListWidget of page thumbnails; `window` is the MainWindow (edition, pages, apply)."""

    def __init__(self, window, painter) -> None:
        super().__init__()
        self.window = window
        self.painter = painter
        self.setObjectName("pages")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Snap)
        self.setIconSize(QSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.4)))
        # A cell per page: the thumbnail with its caption (第一版 要闻) under it.
        self.setGridSize(QSize(THUMB_WIDTH + 24, int(THUMB_WIDTH * 1.4) + 40))
        self.setSpacing(6)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.itemDoubleClicked.connect(self._show_item)
        self._signatures: dict[str, list] = {}  # page id -> signature of its thumbnail
        self._stale: list[str] = []  # page ids whose thumbnail must be painted again
        self._icons: dict[str, QIcon] = {}
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setInterval(0)
        self._thumb_timer.timeout.connect(self._paint_next)
        # Thumbnails wait until edits pause (typing, a drag), then paint one page per turn.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(THUMB_DELAY_MS)
        self._settle.timeout.connect(self._thumb_timer.start)
        self.painted: list[str] = []  # page ids painted, in order (for tests and timing)
        delete = QAction(tr("Delete Page"), self)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_current)
        self.addAction(delete)
        self.delete_action = delete

    # -- the panel with its buttons ----------------------------------------------------------

    def with_buttons(self) -> QWidget:
        """The panel under a row of buttons: 添加版面 (a menu of page types), 删除版面."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(2, 2, 2, 0)
        add = QToolButton()
        add.setObjectName("add-page")
        add.setText(tr("Add Page"))
        add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add.setMenu(self.add_menu())
        add.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        delete = QToolButton()
        delete.setObjectName("delete-page")
        delete.setDefaultAction(self.delete_action)
        line.addWidget(add)
        line.addWidget(delete)
        line.addStretch(1)
        layout.addWidget(row)
        layout.addWidget(self)
        return box

    def add_menu(self, after: int | None = None) -> QMenu:
        menu = QMenu(tr("Add Page"), self)
        for kind, name in PAGE_TYPES.items():
            action = menu.addAction(name)
            action.setData(kind)
            action.triggered.connect(lambda _=False, k=kind: self.add_page(k, after))
        return menu

    # -- contents ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Captions for the current page order; thumbnails of changed pages repainted lazily."""
        window = self.window
        pages: list[PageLayout] = window.pages or []
        model_pages = window.edition.pages if window.edition is not None else []
        row = self.currentRow()
        count = self.count()
        self.blockSignals(True)
        try:
            while self.count() > len(pages):
                self.takeItem(self.count() - 1)
            while self.count() < len(pages):
                item = QListWidgetItem()
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
                self.addItem(item)
            for i, (page, model_page) in enumerate(zip(pages, model_pages)):
                item = self.item(i)
                label = page.label or f"第{page.number}版"
                text = f"{label} {model_page.section}".strip()
                size = f"{to_mm(page.width):.0f}×{to_mm(page.height):.0f} mm"
                tip = f"{text}\n{size}"
                # Set only what changed: every set makes the list re-lay its items (per keystroke).
                if item.text() != text:
                    item.setText(text)
                if item.toolTip() != tip:
                    item.setToolTip(tip)
                if item.data(PAGE_ROLE) != model_page.id:
                    item.setData(PAGE_ROLE, model_page.id)
                    item.setIcon(self._cached_icon(model_page.id))
                if not same_signature(self._signatures.get(model_page.id), page_signature(page)):
                    if model_page.id not in self._stale:
                        self._stale.append(model_page.id)
            if 0 <= row < self.count():
                self.setCurrentRow(row)
        finally:
            self.blockSignals(False)
        if self.count() != count:
            # Lay the thumbnails out now: Qt's delayed layout could leave the hit test on the
            # old grid (a click on a page's thumbnail finding no page) until the next resize.
            self.doItemsLayout()
        live = {p.id for p in model_pages}
        for page_id in [p for p in self._signatures if p not in live]:
            del self._signatures[page_id]
            self._icons.pop(page_id, None)
        self._stale = [p for p in self._stale if p in live]
        if self._stale:
            self._thumb_timer.stop()
            self._settle.start()

    def _cached_icon(self, page_id: str) -> QIcon:
        return self._icons.get(page_id) or QIcon()

    def _paint_next(self) -> None:
        """Paint one stale thumbnail (the current page's first), then yield to the event loop."""
        if not self._stale or self.window.edition is None:
            self._thumb_timer.stop()
            return
        ids = [p.id for p in self.window.edition.pages]
        current = ids[self.currentRow()] if 0 <= self.currentRow() < len(ids) else None
        page_id = current if current in self._stale else self._stale[0]
        self._stale.remove(page_id)
        index = ids.index(page_id)
        page = self.window.pages[index]
        icon = QIcon(QPixmap.fromImage(self.thumbnail(page)))
        self._icons[page_id] = icon
        self._signatures[page_id] = page_signature(page)
        self.item(index).setIcon(icon)
        self.painted.append(page_id)
        if not self._stale:
            self._thumb_timer.stop()

    def finish_thumbnails(self) -> None:
        """Paint every stale thumbnail now (tests, screenshots)."""
        while self._stale:
            self._paint_next()

    def thumbnail(self, page: PageLayout) -> QImage:
        scale = THUMB_WIDTH / page.width
        image = QImage(THUMB_WIDTH, max(1, round(page.height * scale)), QImage.Format.Format_RGB32)
        image.fill(QColor(255, 255, 255))
        p = QPainter(image)
        p.scale(scale, scale)
        self._paint_greeked(p, page, scale)
        p.resetTransform()
        p.setPen(QColor(150, 150, 150))
        p.drawRect(0, 0, image.width() - 1, image.height() - 1)
        p.end()
        return image

    def _paint_greeked(self, p: QPainter, page: PageLayout, scale: float) -> None:
        """The page at thumbnail size: boxes, pictures and rules by the page painter; text as
        grey bars where its glyphs would be a pixel or less (greeking, as DTP thumbnails do:
        ten times faster than setting every glyph, and what the eye sees at that size anyway);
        heads big enough to read (a masthead) are set as glyphs."""
        painter = self.painter
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for frame in page.frames:
            for box in frame.boxes:
                painter._box(p, box)
            for item in frame.images:
                painter._image(p, item)
            for rule in frame.rules:
                painter._rule(p, rule)
            for line in frame.lines:
                if not line.runs:
                    continue
                size = max(run.size for run in line.runs)
                if size * scale >= GREEK_BELOW_PIXELS:
                    for run in line.runs:
                        painter._run(p, run)
                    continue
                shade = 150 if size < 12 else 90  # heads read darker than body text
                colour = QColor(shade, shade, shade)
                for run in line.runs:
                    if not run.xs:
                        continue
                    left, right = min(run.xs), max(run.xs) + run.size
                    if run.vertical:  # ys are glyph tops
                        top, bottom = min(run.ys), max(run.ys) + run.size
                    else:  # ys are baselines: the bar covers the body of the characters
                        top, bottom = min(run.ys) - 0.7 * run.size, max(run.ys) - 0.1 * run.size
                    p.fillRect(QRectF(left, top, right - left, bottom - top), colour)

    # -- page operations ---------------------------------------------------------------------

    def page_id(self, row: int) -> str | None:
        item = self.item(row)
        return item.data(PAGE_ROLE) if item is not None else None

    def add_page(self, kind: str, after: int | None = None) -> bool:
        """A page of the template's type `kind` after page `after` (default: the current one)."""
        window = self.window
        if window.edition is None:
            return False
        if after is None:
            after = self.currentRow() if self.currentRow() >= 0 else len(window.edition.pages) - 1
        index = after + 1
        if not window.apply(add_template_page(window.edition, kind, index)):
            return False
        self.setCurrentRow(index)
        return True

    def delete_current(self) -> bool:
        return self.delete_page(self.currentRow())

    def delete_page(self, row: int) -> bool:
        """Delete a page, asking first when it holds more than its template furniture."""
        window = self.window
        if window.edition is None or not 0 <= row < len(window.edition.pages):
            return False
        page = window.edition.pages[row]
        content = [b for b in page.blocks if not is_furniture(window.edition, b)]
        if content:
            label = self.item(row).text()
            answer = QMessageBox.question(
                self,
                tr("Delete Page"),
                tr("%1 holds %2 blocks. Delete the page? Its stories keep their text.")
                .replace("%1", label)
                .replace("%2", str(len(content))),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if not window.apply(delete_page(window.edition, page.id)):
            return False
        self.setCurrentRow(min(row, self.count() - 1))
        return True

    def move_page(self, row: int, target: int) -> bool:
        """Move the page at `row` so that it becomes page `target` (0-based); one undo step."""
        window = self.window
        page_id = self.page_id(row)
        if page_id is None or row == target or not 0 <= target < self.count():
            return False
        if not window.apply(MovePage(page_id, target)):
            return False
        self.setCurrentRow(target)
        return True

    def _show_item(self, item: QListWidgetItem) -> None:
        self.setCurrentItem(item)
        if hasattr(self.window, "fit_page"):
            self.window.fit_page()

    def _context_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        row = self.row(item) if item is not None else self.count() - 1
        menu = QMenu(self)
        menu.addMenu(self.add_menu(row))
        if item is not None:
            delete = menu.addAction(tr("Delete Page"))
            delete.triggered.connect(lambda _=False, r=row: self.delete_page(r))
        menu.exec(self.viewport().mapToGlobal(pos))

    def mousePressEvent(self, event) -> None:
        """A click on a thumbnail with the cursor loaded (转版) continues the story there."""
        item = self.itemAt(event.position().toPoint())
        gun = getattr(getattr(self.window, "canvas", None), "gun", None)
        story = getattr(gun, "story", None)
        continue_on = getattr(self.window, "continue_story_on_page", None)
        if item is not None and story and continue_on is not None:
            continue_on(story, self.row(item))
            event.accept()
            return
        super().mousePressEvent(event)

    # -- drag and drop -----------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [PAGE_MIME, STORY_MIME]

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(PAGE_MIME, str(self.row(items[0])).encode())
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction | Qt.DropAction.LinkAction

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(PAGE_MIME) or event.mimeData().hasFormat(STORY_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def drop_row(self, pos: QPoint) -> int:
        """The position a page dropped at `pos` takes: before or after the page under it."""
        item = self.itemAt(pos)
        if item is None:
            return self.count()
        row = self.row(item)
        rect = self.visualItemRect(item)
        return row + 1 if pos.x() > rect.center().x() else row

    def dropEvent(self, event) -> None:
        data = event.mimeData()
        pos = event.position().toPoint()
        if data.hasFormat(STORY_MIME):
            item = self.itemAt(pos)
            story_id = bytes(data.data(STORY_MIME)).decode()
            continue_on = getattr(self.window, "continue_story_on_page", None)
            if item is not None and continue_on is not None:
                continue_on(story_id, self.row(item))  # 转版: continue the story on that page
                event.acceptProposedAction()
            else:
                event.ignore()
            return
        if not data.hasFormat(PAGE_MIME):
            event.ignore()
            return
        row = int(bytes(data.data(PAGE_MIME)).decode())
        target = self.drop_row(pos)
        if target > row:
            target -= 1  # the page leaves its place first
        # The panel never moves its items itself: the edit does, and the panel follows it.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.move_page(row, target)
