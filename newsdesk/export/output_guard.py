"""Export targets that must never be overwritten: the edition file, its backup and autosave, and
every file it links (pictures, ads, the ICC profile).

`newsdesk export ED -o ED` once replaced a day's work with a PDF. An export checks each file it is
about to write against these, by real path and by file identity (a symlink or hard link to the
edition counts as the edition).
"""

from __future__ import annotations

import os
from pathlib import Path

from newsdesk.errors import NewsdeskError
from newsdesk.files import same_file
from newsdesk.model.edition import Edition


def protected_files(
    edition: Edition, edition_path: str | os.PathLike | None, base_dir: str | os.PathLike | None
) -> list[tuple[Path, str]]:
    """(file, what it is in Chinese) for every file an export must leave alone."""
    from newsdesk.model.autosave import autosave_path
    from newsdesk.model.edition_file import backup_path, linked_files, resolve_link

    out: list[tuple[Path, str]] = []
    if edition_path is not None:
        path = Path(edition_path)
        out.append((path, "版面文件"))
        out.append((backup_path(path), "版面文件的备份"))
        out.append((autosave_path(path), "版面文件的自动保存"))
    base = Path(base_dir) if base_dir is not None else Path(".")
    for where, link in linked_files(edition):
        out.append((resolve_link(base, link), f"{where} 链接的文件"))
    return out


def check_output(target: str | os.PathLike, protected: list[tuple[Path, str]]) -> None:
    """NewsdeskError when writing `target` would replace one of the protected files."""
    target = Path(target)
    for path, what in protected:
        if same_file(target, path):
            raise NewsdeskError(
                f"拒绝导出：输出文件 {target} 就是{what}（{path}），写入会把它覆盖成 PDF。"
                "请换一个输出文件名或目录"
            )
