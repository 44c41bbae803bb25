"""`newsdesk upgrade FILE [-o OUT]`: rewrite an edition file in the current format version.

Older versions are migrated; a current file is rewritten byte for byte identical. Without -o the
file is replaced atomically and the previous version kept as FILE.newsdesk.bak.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from newsdesk.errors import NewsdeskError
from newsdesk.files import output_target, read_regular_file, same_file
from newsdesk.model.edition_file import (
    ANY_CONTENT,
    open_edition_file,
    rebase_links,
    save_edition,
)
from newsdesk.model.migrations import CURRENT_VERSION, FORMAT_NAME


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "upgrade",
        help="把版面文件升级为当前格式版本 (upgrade an edition file to the current format)",
        description="读取版面文件（旧格式版本会自动迁移），以当前格式版本保存。"
        "不加 -o 时原地改写，旧文件保留为 FILE.newsdesk.bak。",
    )
    p.add_argument("file", metavar="FILE", help="版面文件 (.newsdesk)")
    p.add_argument("-o", "--output", metavar="OUT", help="另存为此文件（默认改写原文件）")
    p.add_argument(
        "--force", action="store_true", help="OUT 已存在且不是版面文件时也覆盖（默认拒绝）"
    )
    p.set_defaults(func=run)


def _check_output(target: Path, *, force: bool) -> None:
    """NewsdeskError unless `target` is a new name or an edition file (any existing file with
    --force); never a folder, a device or a pipe. `upgrade -o photo.jpg` once replaced a photo."""
    real, problem = output_target(target)
    if problem:
        raise NewsdeskError(f"拒绝写出：{target} {problem}，不能写成版面文件。请换一个文件名")
    if force or not os.path.lexists(real):
        return
    try:
        head = read_regular_file(real, "edition")[:4096]
    except OSError:
        head = b""
    if not (head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and FORMAT_NAME.encode() in head):
        raise NewsdeskError(
            f"拒绝覆盖：{target} 已存在且不是 Newsdesk 版面文件。若确实要覆盖，请加 --force"
        )


def run(args: argparse.Namespace) -> int:
    source = Path(args.file)
    target = Path(args.output) if args.output else source
    loaded = open_edition_file(source)
    if args.output and not same_file(source, target):
        _check_output(target, force=args.force)
    for warning in loaded.warnings:
        print(f"newsdesk: 警告：{warning}", file=sys.stderr)
    # Links are relative to the file's folder: keep them pointing at the same files.
    rebase_links(loaded.edition, source.parent, target.parent)
    # In place: refused if another program saved the file since it was read (its work kept).
    in_place = same_file(source, target)
    save_edition(loaded.edition, target, expected=loaded.digest if in_place else ANY_CONTENT)
    if loaded.migrated:
        print(
            f"已将 {source} 从格式版本 {loaded.version} 升级到 {CURRENT_VERSION}，保存为 {target}"
        )
    else:
        print(f"{source} 已是当前格式版本 {CURRENT_VERSION}，已重新保存为 {target}")
    return 0
