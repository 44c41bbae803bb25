"""Small file-system facts shared by the commands that must not write over the wrong file."""

from __future__ import annotations

import os
from contextlib import contextmanager


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name one file: same real path (links, `..`), or same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


# The most a linked or opened file of each kind may hold. Far above any real file of the kind;
# they keep a mistaken link (a disk image, /dev/zero, a video) from being read into memory.
MiB = 1024 * 1024
SIZE_LIMITS = {
    "edition": 256 * MiB,  # the 4-page sample is 170 KB
    "copy": 64 * MiB,  # a copy file: a day's wire service is a few MB
    "icc": 16 * MiB,  # CMYK output profiles are 0.5 to 3 MB
    "image": 1024 * MiB,  # a 16-bit CMYK TIFF of a whole broadsheet page is about 400 MB
    "pdf": 512 * MiB,  # a placed PDF ad
}


BAD_NAME = "文件名中有无效字符"


class UnsafeFile(OSError):
    """A file that is not read: not a regular file (a pipe, a device, a folder), or too large.
    `reason` says why in Chinese; errors.read_problem passes it on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _size_text(size: int) -> str:
    return f"{size / MiB:.0f} MB" if size >= MiB else f"{size / 1024:.0f} KB"


def regular_file_problem(st: os.stat_result, kind: str) -> str:
    """Why a file with this status is not read as a `kind` ("" when it may be)."""
    import stat

    if stat.S_ISDIR(st.st_mode):
        return "这是一个文件夹"
    if not stat.S_ISREG(st.st_mode):
        what = "管道" if stat.S_ISFIFO(st.st_mode) else "设备或特殊文件"
        return f"这不是普通文件（是{what}），不会读取"
    limit = SIZE_LIMITS[kind]
    if st.st_size > limit:
        return f"文件太大（{_size_text(st.st_size)}，上限 {_size_text(limit)}），不会读取"
    return ""


def check_regular_file(path: str | os.PathLike, kind: str) -> None:
    """Raise UnsafeFile (or the OSError of stat) unless `path` is a regular file within the limit
    of its kind. For files a library opens by name (Pillow, pikepdf, LittleCMS): a pipe given to
    them blocks forever, a device is read until memory runs out."""
    try:
        st = os.stat(path)
    except ValueError:  # a NUL in the name
        raise UnsafeFile(BAD_NAME) from None
    problem = regular_file_problem(st, kind)
    if problem:
        raise UnsafeFile(problem)


def read_regular_file(path: str | os.PathLike, kind: str) -> bytes:
    """The bytes of a regular file within the size limit of its `kind`; OSError (UnsafeFile for a
    pipe, a device, a folder or a file too large) otherwise. Never blocks on a pipe."""
    # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except ValueError:  # a NUL in the name
        raise UnsafeFile(BAD_NAME) from None
    try:
        problem = regular_file_problem(os.fstat(fd), kind)
        if problem:
            raise UnsafeFile(problem)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(SIZE_LIMITS[kind] + 1)  # the file may grow after fstat
    finally:
        os.close(fd)
    if len(data) > SIZE_LIMITS[kind]:
        raise UnsafeFile(f"文件太大（超过 {_size_text(SIZE_LIMITS[kind])} 的上限），不会读取")
    return data


def output_target(path: str | os.PathLike) -> tuple[str, str]:
    """(the file to write for an output named `path`, "" or why nothing may be written there).

    Outputs are written beside their target and renamed over it. Renaming over a symlink would
    replace the link itself (a linked folder of photos, a shared PDF), and over a device node the
    device: so a link is written through to the regular file it names, and anything that is not
    a regular file or a new name is refused.
    """
    import stat

    real = os.path.realpath(path) if os.path.islink(path) else os.fspath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real, ""  # a new name (or a link to one): created
    except OSError:
        return real, ""  # the write itself reports it
    except ValueError:
        return real, BAD_NAME
    if stat.S_ISREG(st.st_mode):
        return real, ""
    if stat.S_ISDIR(st.st_mode):
        return real, "这是一个文件夹"
    what = "管道" if stat.S_ISFIFO(st.st_mode) else "设备或特殊文件"
    return real, f"这不是普通文件（是{what}）"


def temp_file_beside(path: str | os.PathLike, suffix: str = ".tmp") -> str:
    """A new, empty file (mode 0600) in the folder of `path`, named after it and hidden, created
    exclusively (O_EXCL, never following a link): what tempfile.mkstemp does, without importing
    tempfile and its modules (about 5 ms of every `newsdesk galley`). OSError when the folder
    cannot take it."""
    folder = os.path.dirname(os.path.abspath(path))
    base = os.path.basename(path)
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        name = os.path.join(folder, f".{base}.{os.urandom(6).hex()}{suffix}")
        try:
            fd = os.open(name, flags, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return name
    raise FileExistsError(f"no free temporary name beside {path}")


@contextmanager
def temporary_beside(path: str | os.PathLike, suffix: str = ".tmp"):
    """A new, empty, hidden file beside `path` (temp_file_beside) to write and then rename over
    it; removed on leaving the block unless it was renamed away, whatever ends the block — a
    SIGTERM included: it is held while the file is created (termination_held), so it can only
    unwind once the name is known here. OSError when the folder cannot take the file."""
    name = None
    try:
        with termination_held():
            name = temp_file_beside(path, suffix)
        yield name
    finally:
        if name is not None and os.path.lexists(name):
            os.unlink(name)


@contextmanager
def termination_held():
    """SIGTERM and SIGHUP held back while the body runs, then delivered. The command line turns
    them into an exception (cli.Terminated) so that every `finally` removes its temporary file;
    one arriving between the file's creation and the `try` that removes it would leave the file
    behind (temporary_beside is that pattern). Python runs signal handlers in the main thread only, so the handlers themselves are
    swapped for a recorder (a thread's signal mask would not do: the kernel hands a process's
    signal to any thread not blocking it); elsewhere nothing is held."""
    import signal
    import threading

    held = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    if not held or threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {
        sig: signal.signal(sig, lambda signum, _frame: arrived.append(signum)) for sig in held
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for signum in dict.fromkeys(arrived):
            handler = previous[signum]
            if callable(handler):
                handler(signum, None)  # e.g. raises cli.Terminated, now inside the caller's try
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), signum)  # the default action, as if it came now
