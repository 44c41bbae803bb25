"""Errors a newsroom user can act on. The CLI prints their message, never a traceback."""

import errno


class NewsdeskError(Exception):
    """A user-facing error: the message says what is wrong and, where it helps, what to do."""


class EditionFileError(NewsdeskError):
    """An edition file could not be read: corrupt, truncated, wrong type or a future version."""


class CopyImportError(NewsdeskError):
    """A copy (text) file could not be read."""


class FontError(NewsdeskError):
    """A font is missing or unusable."""


def read_problem(exc: OSError) -> str:
    """Why a file could not be read, in the words the messages above use."""
    if reason := getattr(exc, "reason", None):  # files.UnsafeFile: a pipe, a device, too large
        return reason
    if isinstance(exc, FileNotFoundError):
        return "找不到此文件"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹"
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    return f"读取失败（{exc.strerror or exc}）"


_WRITE_PROBLEMS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统是只读的",
    errno.ENOENT: "所在文件夹不存在",
    errno.ENOTDIR: "所在路径不是文件夹",
    errno.EISDIR: "目标是一个文件夹",
}


def write_problem(exc: OSError) -> str:
    """Why a file could not be written, in Chinese (the system's code only as a last resort)."""
    if reason := getattr(exc, "reason", None):  # files.UnsafeFile: a folder, a device, a pipe
        return reason
    return _WRITE_PROBLEMS.get(exc.errno or 0, f"写入失败，错误码 {exc.errno}")
