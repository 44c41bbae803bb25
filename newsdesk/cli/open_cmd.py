"""`newsdesk open FILE`: start the desktop application."""

from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("open", help="打开版面文件（启动桌面程序）")
    p.add_argument("file", nargs="?", type=Path, help=".newsdesk edition file")
    p.add_argument(
        "--screenshot",
        type=Path,
        metavar="PNG",
        help="打开后把窗口存为 PNG 图片并退出（用于文档配图和检查安装包）",
    )
    p.set_defaults(func=lambda args: run_open(args.file, args.screenshot))


def run_open(path: Path | None, screenshot: Path | None = None) -> int:
    import gc

    # Start-up (imports, the first layout) builds long-lived data that cyclic collections would
    # only re-walk: the collector waits until the first page is painted (run_app restarts it).
    paused = gc.isenabled()
    gc.disable()
    try:
        _import_engine_first()
        from newsdesk.app.main import run_app  # Qt is imported only here

        return run_app(path, screenshot, restart_gc=paused)
    finally:
        if paused:
            gc.enable()


# The window's Qt-free modules. Once PySide6 is loaded it runs a hook after every import that
# reads each new module's source (looking for `from __feature__ import ...`); modules imported
# before PySide6 skip it: about 20 ms of start-up.
_ENGINE_MODULES = (
    "datetime",
    "difflib",
    "platform",
    "subprocess",
    "uuid",
    "PIL.Image",
    "PIL.JpegImagePlugin",
    "newsdesk.edit.actions",
    "newsdesk.edit.page_actions",
    "newsdesk.layout.engine",
    "newsdesk.layout.hit",
    "newsdesk.model.autosave",
    "newsdesk.model.copy_import",
    "newsdesk.model.edition_file",
    "newsdesk.model.templates",
    "newsdesk.proof.apply",
    "newsdesk.render.ink",
)


def _import_engine_first() -> None:
    import importlib

    for name in _ENGINE_MODULES:
        importlib.import_module(name)
