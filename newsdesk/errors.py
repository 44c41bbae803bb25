"""Errors a newsroom user can act on. The CLI prints their message, never a traceback."""


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
    if isinstance(exc, FileNotFoundError):
        return "找不到此文件"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹"
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    return f"读取失败（{exc.strerror or exc}）"
