"""`newsdesk galley` (placeholder until its issue lands: registers the command and says so)."""

from __future__ import annotations

from newsdesk.errors import NewsdeskError


def register(subparsers) -> None:
    p = subparsers.add_parser("galley", help="(not yet available)")
    p.add_argument("rest", nargs="*")
    p.set_defaults(func=run)


def run(args) -> int:
    raise NewsdeskError("命令 galley 尚未实现")
