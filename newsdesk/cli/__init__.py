"""The `newsdesk` command. Each sub-command lives in its own module with `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from newsdesk import __version__
from newsdesk.errors import NewsdeskError

# Module names under newsdesk.cli, in the order `newsdesk --help` lists them.
COMMANDS = ["open", "sample", "upgrade", "galley", "layout", "export", "preflight"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Newsdesk：中文报纸排版与校对 (layout and proofing for Chinese newspapers)",
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"newsdesk.cli.{name}_cmd")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # `newsdesk` alone starts the application.
        from newsdesk.cli.open_cmd import run_open

        args.func = lambda _args: run_open(None)
    try:
        return int(args.func(args) or 0)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsdesk: 已中断", file=sys.stderr)
        return 130
    except Exception:
        if os.environ.get("NEWSDESK_DEBUG"):
            raise
        log = write_crash_log()
        print(
            f"newsdesk: 内部错误，操作未完成；您的文件未被改动。详细信息已写入 {log}，请把它发给技术支持。",
            file=sys.stderr,
        )
        return 70


def write_crash_log() -> Path:
    """Keep the traceback of an unexpected error for support; the user sees a plain message."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsdesk"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        log.write_text(
            f"newsdesk {__version__}\n{' '.join(sys.argv)}\n\n{traceback.format_exc()}",
            encoding="utf-8",
        )
    except OSError:
        log = Path(tempfile.gettempdir()) / f"newsdesk-crash-{os.getpid()}.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
    return log
