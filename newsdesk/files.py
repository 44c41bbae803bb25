"""Small file-system facts shared by the commands that must not write over the wrong file."""

from __future__ import annotations

import os


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name one file: same real path (links, `..`), or same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False
