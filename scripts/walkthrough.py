"""Compose a page by hand in a real window and take the README's screenshots.

Runs the application on an X display (Xvfb), drives it with real X input from xdotool (the mouse
and keyboard a person uses, not Qt test events) and saves a screenshot of the screen after each
step of the README's "compose a page" walk-through into docs/walkthrough/.

    Xvfb :57 -screen 0 1600x1000x24 &
    DISPLAY=:57 .venv/bin/python scripts/walkthrough.py [OUT_DIR]

Needs xdotool and ImageMagick's `import` (apt-get install xdotool imagemagick).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

LONG = "# 江滨绿道全线贯通\n@ 本报记者 方远\n\n" + "\n".join(
    f"　　经过两年施工，沿江十八公里的绿道昨天全线贯通，步行和骑行的市民从早到晚络绎不绝。"
    f"绿道串起了六个公园和三座码头，沿线新种乔木四千余株，设置休息驿站十二处。（{n}）"
    for n in range(1, 60)
)
SHORT = "# 明日晴转多云\n\n　　气温回升到十五度，早晚仍凉，请注意添衣。\n"


def xdo(*args: object) -> None:
    subprocess.run(["xdotool", *map(str, args)], check=True)


class Walk:
    def __init__(self, out: Path) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        self.out = out
        self.qtest = QTest
        self.app = QApplication.instance()
        self.shots: list[Path] = []

    def wait(self, ms: int = 400) -> None:
        self.qtest.qWait(ms)

    def shot(self, name: str) -> None:
        self.wait(600)
        path = self.out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        self.shots.append(path)
        print("screenshot", path)

    @staticmethod
    def screen_xy(widget, point) -> tuple[int, int]:
        g = widget.mapToGlobal(point.toPoint() if hasattr(point, "toPoint") else point)
        return g.x(), g.y()

    def drag(self, start: tuple[int, int], end: tuple[int, int], shot: str | None = None) -> None:
        xdo("mousemove", *start)
        self.wait(150)
        xdo("mousedown", 1)
        self.wait(150)
        for k in range(1, 9):
            x = start[0] + (end[0] - start[0]) * k // 8
            y = start[1] + (end[1] - start[1]) * k // 8
            xdo("mousemove", x, y)
            self.wait(60)
        if shot:
            self.shot(shot)
        xdo("mouseup", 1)
        self.wait(500)

    def click(self, xy: tuple[int, int]) -> None:
        xdo("mousemove", *xy)
        self.wait(150)
        xdo("click", 1)
        self.wait(500)


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("walkthrough: needs an X display (e.g. Xvfb :57 and DISPLAY=:57)", file=sys.stderr)
        return 2
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "walkthrough"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-walk-"))
    os.environ["NEWSDESK_RECOVERY_DIR"] = str(work / "recovery")

    from PySide6.QtCore import QPointF, QTimer
    from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit

    from newsdesk.app.main import create_application, install_translations, set_ui_font, ui_language
    from newsdesk.app.main_window import MainWindow
    from newsdesk.app.page_view import PAGE_MARGIN
    from newsdesk.fonts import default_registry

    app = create_application(["newsdesk"])
    install_translations(app, ui_language())
    registry = default_registry()
    set_ui_font(app, registry)
    window = MainWindow(registry)
    window.setGeometry(0, 0, 1600, 1000)
    window.show()
    walk = Walk(out)
    walk.wait(1500)
    window.activateWindow()  # Xvfb has no window manager to give the window the keyboard
    xdo("mousemove", 800, 500)
    walk.wait(300)

    # 1. 文件 → 新建 (Ctrl+N): paper name, 4 pages from the 对开 template.
    def fill_new() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(100, fill_new)
            return
        paper = dialog.findChild(QLineEdit, "paper")
        paper.setFocus()
        paper.selectAll()
        xdo("type", "--delay", "40", "Binjiang Evening")
        combo = dialog.findChild(QComboBox, "template")
        combo.setCurrentIndex(combo.findData(4))
        walk.shot("1-new-edition")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        walk.click(walk.screen_xy(ok, ok.rect().center()))

    QTimer.singleShot(300, fill_new)
    xdo("key", "ctrl+n")
    walk.wait(1500)

    # 2. 文件 → 导入稿件: two copy files become unplaced stories (the file dialog is Qt's own;
    # here the files are handed to the same import the dialog calls).
    from newsdesk.app.copy_in import import_copy_files

    (work / "绿道.txt").write_bytes(LONG.encode("gb18030"))
    (work / "天气.txt").write_text(SHORT, encoding="utf-8")
    import_copy_files(window, [work / "绿道.txt", work / "天气.txt"])
    walk.wait(800)
    story = next(sid for sid, s in window.edition.stories.items() if s.slug == "绿道")

    # 3. Double-click the story in the stories panel: the cursor is loaded.
    tree = window.story_tree
    walk.wait(1200)  # the panel refreshes after the import; take the row it shows then
    row = next(
        tree.unplaced_group.child(i)
        for i in range(tree.unplaced_group.childCount())
        if tree.unplaced_group.child(i).text(0) == "绿道"
    )
    tree.scrollToItem(row)
    rect = tree.visualItemRect(row)
    xy = walk.screen_xy(tree.viewport(), rect.center())
    xdo("mousemove", *xy)
    walk.wait(150)
    xdo("click", "--repeat", 2, "--delay", 80, 1)
    walk.wait(600)

    # 4. Drag across three columns below the masthead.
    window.view.set_zoom(0.5)
    walk.wait(300)
    page = window.edition.pages[0]
    grid = page.grid
    pitch = grid.column_width + grid.gutter
    left = grid.left(page.width)
    furniture = [b for b in page.blocks if b.y < page.height / 3]
    top = max(b.y + b.height for b in furniture) + 1.2 * grid.leading

    def at(x: float, y: float) -> tuple[int, int]:
        return walk.screen_xy(window.view, window.view.to_widget(x, y))

    start, end = at(left + 0.3 * pitch, top), at(left + 2.6 * pitch, top + 8 * grid.leading)
    xdo("mousemove", *start)
    walk.wait(200)
    walk.shot("2-loaded-cursor")
    walk.drag(start, end)
    walk.shot("3-placed")
    block = next(b for b in page.blocks if b.story == story)

    # 5. Drag the block two columns right (the label shows 栏 × 行 and mm), then its bottom edge
    # up four lines.
    grab = at(block.x + block.width / 2, block.y + 3 * grid.leading)
    zoom = window.view.zoom
    walk.drag(grab, (grab[0] + round(2 * pitch * zoom), grab[1]), shot="4-moving")
    bottom = at(block.x + block.width / 2, block.y + block.height)
    walk.drag(bottom, (bottom[0], bottom[1] - round(4 * grid.leading * zoom)), shot="5-resizing")

    # 6. The red + out-port, then page 3 in the pages panel: 转版.
    window.canvas.refresh(full=True)
    walk.wait(200)
    port = next(p for p in window.canvas._ports if p.block == block.id)
    from newsdesk.app import overlays

    box = overlays.out_port_rect(port.rect, zoom)
    walk.click(walk.screen_xy(window.view, box.center() + QPointF(PAGE_MARGIN, PAGE_MARGIN)))
    walk.shot("6-out-port-loaded")
    panel = window.page_list
    walk.click(walk.screen_xy(panel.viewport(), panel.visualItemRect(panel.item(2)).center()))
    walk.wait(800)
    # Look at page 3 at 100 % (click its thumbnail, Ctrl+1) where the continuation starts.
    walk.click(walk.screen_xy(panel.viewport(), panel.visualItemRect(panel.item(2)).center()))
    window.view.setFocus()
    xdo("key", "ctrl+1")
    walk.wait(400)
    continued = next(b for b in window.edition.pages[2].blocks if b.story == story)
    window.scroll.verticalScrollBar().setValue(int(continued.y * window.view.zoom) - 40)
    window.scroll.horizontalScrollBar().setValue(0)
    walk.shot("7-continued-on-page-3")
    window.view.highlight = None
    xdo("key", "ctrl+0")
    walk.click(walk.screen_xy(panel.viewport(), panel.visualItemRect(panel.item(0)).center()))
    window.view.set_zoom(0.5)
    walk.wait(600)
    walk.shot("8-page-1-jump-line")

    # 7. Double-click the text on the page: the story editor opens there; type a sentence.
    first = next(f for f in window.view.page().frames if f.block == block.id)
    line = next(line for line in first.lines if line.part == "body" and line.text.strip())
    xy = at(line.x + 30, line.baseline - 4)
    xdo("mousemove", *xy)
    walk.wait(150)
    xdo("click", "--repeat", 2, "--delay", 80, 1)
    walk.wait(800)
    window.story_dock.editor.body.setFocus()
    xdo("type", "--delay", "60", "Greenway 2026: ")
    walk.wait(800)
    walk.shot("9-typing")

    # 8. Undo everything from the page (Ctrl+Z) and save nothing.
    window.view.setFocus()
    walk.wait(200)
    while window.undo_stack.canUndo():
        xdo("key", "ctrl+z")
        walk.wait(60)
    walk.shot("10-undone")
    window.undo_stack.clear()
    window.setWindowModified(False)
    window.close()
    app.processEvents()
    shutil.rmtree(work, ignore_errors=True)
    print(f"{len(walk.shots)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
