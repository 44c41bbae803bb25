"""The `newsdesk` command. Each sub-command lives in its own module with `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import sys

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

        return run_open(None)
    try:
        return int(args.func(args) or 0)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsdesk: 已中断", file=sys.stderr)
        return 130
