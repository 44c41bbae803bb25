"""`newsdesk export` (placeholder until its issue lands: registers the command and says so)."""

from __future__ import annotations

from newsdesk.errors import NewsdeskError


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="(not yet available)")
    p.add_argument("rest", nargs="*")
    p.set_defaults(func=run)


def run(args) -> int:
    raise NewsdeskError("命令 export 尚未实现")
