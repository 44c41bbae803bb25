"""`newsdesk upgrade FILE [-o OUT]`: rewrite an edition file in the current format version.

Older versions are migrated; a current file is rewritten byte for byte identical. Without -o the
file is replaced atomically and the previous version kept as FILE.newsdesk.bak.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsdesk.model.edition_file import open_edition_file, rebase_links, save_edition
from newsdesk.model.migrations import CURRENT_VERSION


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "upgrade",
        help="把版面文件升级为当前格式版本 (upgrade an edition file to the current format)",
        description="读取版面文件（旧格式版本会自动迁移），以当前格式版本保存。"
        "不加 -o 时原地改写，旧文件保留为 FILE.newsdesk.bak。",
    )
    p.add_argument("file", metavar="FILE", help="版面文件 (.newsdesk)")
    p.add_argument("-o", "--output", metavar="OUT", help="另存为此文件（默认改写原文件）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source = Path(args.file)
    target = Path(args.output) if args.output else source
    loaded = open_edition_file(source)
    for warning in loaded.warnings:
        print(f"newsdesk: 警告：{warning}", file=sys.stderr)
    # Links are relative to the file's folder: keep them pointing at the same files.
    rebase_links(loaded.edition, source.parent, target.parent)
    save_edition(loaded.edition, target)
    if loaded.migrated:
        print(
            f"已将 {source} 从格式版本 {loaded.version} 升级到 {CURRENT_VERSION}，保存为 {target}"
        )
    else:
        print(f"{source} 已是当前格式版本 {CURRENT_VERSION}，已重新保存为 {target}")
    return 0
