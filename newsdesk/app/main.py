"""Start the desktop application."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from newsdesk.app_dir import resource_dir
from newsdesk.errors import NewsdeskError

I18N_DIR = resource_dir("i18n")
ICON_FILE = resource_dir("icons", "newsdesk.png")
# The desktop-entry and AppStream id (packaging/linux/); change it only together with those files.
APP_ID = "org.newsdesk.Newsdesk"


def ui_language() -> str:
    """zh_CN unless the user chose English (setting) or NEWSDESK_LANG=en."""
    env = os.environ.get("NEWSDESK_LANG")
    if env:
        return "en" if env.lower().startswith("en") else "zh_CN"
    return str(QSettings().value("ui/language", "zh_CN"))


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Newsdesk's own strings plus Qt's standard dialogs, in the UI language."""
    installed = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(I18N_DIR / f"newsdesk_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    # qt_zh_CN.qm is Qt's catalogue of catalogues (qtbase, qtmultimedia …); load it whole.
    qt = QtCatalogue(app)
    if qt.load(
        QLocale(language),
        "qt",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


class QtCatalogue(QTranslator):
    """Qt's own translations, with the labels its catalogue misses looked up without their
    accelerator: Qt 6's file dialog asks for "&Look in:" and "Files of &type:", but
    qtbase_zh_CN.qm (PySide6 6.11) only has "Look in:" and "Files of type:", so half the dialog
    stayed English. The accelerator comes back the Chinese way: 查看(&L)："""

    def translate(self, context, source, disambiguation=None, n=-1):
        # None, not "": an empty string would count as a translation and hide the next
        # translator's (Qt asks each translator until one returns a non-null string).
        found = super().translate(context, source, disambiguation, n)
        if found:
            return found
        key = source.find("&") if source else -1
        if key < 0 or key + 1 >= len(source):
            return None
        plain = super().translate(context, source.replace("&", "", 1), disambiguation, n)
        if not plain:
            return None
        accel = f"(&{source[key + 1].upper()})"
        if plain.endswith(("：", ":")):
            return plain[:-1] + accel + plain[-1]
        return plain + accel


def set_ui_font(app: QApplication, registry) -> None:
    """A Simplified Chinese UI face: fontconfig may otherwise pick a JP variant (RECIPES.md)."""
    family = None
    try:
        font_id = QFontDatabase.addApplicationFont(registry.face("sans").path)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = families[0] if families else None
    except NewsdeskError:
        family = None
    font = QFont(family or "Noto Sans CJK SC")
    font.setPointSizeF(app.font().pointSizeF())
    app.setFont(font)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName("Newsdesk")
    app.setApplicationName("Newsdesk")
    app.setApplicationDisplayName("Newsdesk")
    # Desktops (Wayland) match the window to packaging/linux/APP_ID.desktop for its icon.
    app.setDesktopFileName(APP_ID)
    if ICON_FILE.is_file():
        app.setWindowIcon(QIcon(str(ICON_FILE)))
    return app


def make_excepthook(window):
    """An unexpected error inside a Qt slot must not lose work: autosave, log, tell the user."""

    def hook(exc_type, exc, tb) -> None:
        import traceback

        from PySide6.QtWidgets import QMessageBox

        from newsdesk.app.main_window import tr
        from newsdesk.cli import write_crash_log

        try:
            raise exc.with_traceback(tb)
        except BaseException:  # noqa: BLE001 - re-raised only to format it into the crash log
            log = write_crash_log()
        saved = window.emergency_autosave()
        message = tr(
            "An internal error occurred. Your work was saved to an automatic backup (%1). "
            "Details: %2"
        )
        QMessageBox.critical(
            window,
            "Newsdesk",
            message.replace("%1", str(saved or "—")).replace("%2", str(log)),
        )
        traceback.print_exception(exc_type, exc, tb)

    return hook


def check_display() -> None:
    """Qt aborts the process when it finds no screen or its xcb plugin cannot load; say why in
    plain words first (and which system libraries to install)."""
    if not sys.platform.startswith("linux"):
        return
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return  # offscreen, wayland, …: chosen on purpose
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return  # Qt uses Wayland, not xcb
    if not os.environ.get("DISPLAY"):
        raise NewsdeskError(
            "没有可用的图形显示（DISPLAY 未设置），无法打开窗口。请在桌面会话中运行；"
            "没有桌面时可用 newsdesk layout / export / preflight 等命令。"
        )
    from newsdesk.app import desktop_libs

    missing = desktop_libs.missing_libraries()
    if missing:
        raise NewsdeskError(desktop_libs.missing_message(missing))


def run_app(path: Path | None, screenshot: Path | None = None, restart_gc: bool = False) -> int:
    if path is not None and not path.exists():
        raise NewsdeskError(f"找不到版面文件：{path}")
    if screenshot is not None and screenshot.suffix.lower() != ".png":
        raise NewsdeskError(f"截图文件名须以 .png 结尾：{screenshot}")
    check_display()
    from newsdesk.app.main_window import MainWindow
    from newsdesk.fonts import default_registry

    app = create_application()
    install_translations(app, ui_language())
    registry = default_registry()
    set_ui_font(app, registry)
    window = MainWindow(registry)
    sys.excepthook = make_excepthook(window)
    if os.environ.get("NEWSDESK_EXIT_AFTER_FIRST_PAINT"):
        window.view.pagePainted.connect(lambda: _first_paint_exit(app))
    window.show()
    if path is not None:
        window.open_path(path, first_page_first=True)
    if screenshot is not None:
        QTimer.singleShot(SCREENSHOT_DELAY_MS, lambda: _save_screenshot(app, window, screenshot))
    if restart_gc:
        _restart_gc_after_first_paint(window)
    return app.exec()


def _restart_gc_after_first_paint(window) -> None:
    """The cyclic collector was paused for start-up (cli/open_cmd.py): once the page is on
    screen (or after two seconds if none is), freeze what start-up built, so later collections
    while the user types do not walk it, and collect again."""
    import gc

    def restart() -> None:
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    window.view.pagePainted.connect(restart)
    QTimer.singleShot(2000, restart)


def _first_paint_exit(app: QApplication) -> None:
    """NEWSDESK_EXIT_AFTER_FIRST_PAINT=1 (benchmarks/bench_window.py): print the wall clock
    when the first page has been painted, and quit."""
    import time

    print(f"first-paint {time.time():.6f}", flush=True)
    app.exit(0)


# Long enough for the first paint of the pages after the window shows.
SCREENSHOT_DELAY_MS = 500


# How long a screenshot waits at most for start-up's deferred work (other pages, panels).
SCREENSHOT_SETTLE_MS = 15_000


def _save_screenshot(app: QApplication, window, path: Path, waited: int = 0) -> None:
    """`newsdesk open --screenshot`: the window as the user sees it, then quit (for the docs'
    screenshot and for checking a packaged build without a person at the screen). Start-up
    paints page 1 first and fills the other pages, thumbnails and preflight after it: the
    picture waits for that (thumbnails are painted at once rather than one per turn)."""
    if not window.start_up_settled() and waited < SCREENSHOT_SETTLE_MS:
        QTimer.singleShot(50, lambda: _save_screenshot(app, window, path, waited + 50))
        return
    window.page_list.finish_thumbnails()
    app.processEvents()
    if window.grab().save(str(path)):
        app.exit(0)
    else:
        print(f"newsdesk: 无法写入截图：{path}", file=sys.stderr)
        app.exit(1)
