"""`newsdesk open FILE`: start the desktop application."""

from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("open", help="打开版面文件（启动桌面程序）")
    p.add_argument("file", nargs="?", type=Path, help=".newsdesk edition file")
    p.set_defaults(func=lambda args: run_open(args.file))


def run_open(path: Path | None) -> int:
    from newsdesk.app.main import run_app  # Qt is imported only here

    return run_app(path)
