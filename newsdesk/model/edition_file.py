"""Reading and writing `.newsdesk` edition files.

Saving never leaves a half-written file: the bytes go to a temporary file in the same folder,
which is flushed and fsynced and then renamed over the old file (os.replace is atomic on POSIX and
Windows); the folder is fsynced so the rename itself survives a power cut. The previous version is
kept as FILE.newsdesk.bak. If anything fails, the original file is untouched.

Loading never writes. A corrupt, truncated, wrong-type or future-version file raises
EditionFileError naming the file and the problem. Linked files (images, ICC profile) are relative
to the edition's folder; a missing one is a warning, not an error, so the user can still open the
edition and relink.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import EditionFileError, read_problem, write_problem
from newsdesk.files import (
    UnsafeFile,
    output_target,
    read_regular_file,
    temporary_beside,
    termination_held,
)
from newsdesk.model.edition import Edition
from newsdesk.model.migrations import CURRENT_VERSION, file_version, problem_prefix
from newsdesk.model.serialize import (
    edition_from_json,
    edition_to_json_bytes,
    edition_to_json_obj,
)

__all__ = [
    "ANY_CONTENT",
    "BACKUP_SUFFIX",
    "EditionChanged",
    "LoadedEdition",
    "atomic_write_bytes",
    "backup_path",
    "check_links",
    "check_references",
    "content_digest",
    "edition_from_json",
    "edition_lock",
    "file_digest",
    "edition_to_json_bytes",
    "linked_files",
    "load_edition",
    "open_edition_file",
    "parse_edition_bytes",
    "read_edition_bytes",
    "rebase_links",
    "resolve_link",
    "save_edition",
]

BACKUP_SUFFIX = ".bak"

# Python's JSON messages, in the words a newsroom user reads.
_JSON_REASONS = {
    "Expecting value": "此处缺少值",
    "Expecting property name enclosed in double quotes": "此处应为带双引号的字段名",
    "Expecting ',' delimiter": "此处缺少逗号",
    "Expecting ':' delimiter": "此处缺少冒号",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "字符串中有控制字符",
    "Invalid \\escape": "无效的转义序列",
    "Invalid \\uXXXX escape": "无效的 \\u 转义序列",
    "Extra data": "JSON 结束后还有多余内容",
}


@dataclass
class LoadedEdition:
    """An edition as read from disk, with what the loader noticed on the way."""

    edition: Edition
    path: Path
    version: int  # the format version the file was written in (before migration)
    warnings: list[str] = field(default_factory=list)
    digest: str = ""  # of the bytes read: a save checks the file still holds them (file_digest)

    @property
    def migrated(self) -> bool:
        return self.version != CURRENT_VERSION


# --- loading ----------------------------------------------------------------------------------


def _reject_constant(name: str) -> float:
    raise ValueError(f"JSON 中不允许 {name}")


def _object_without_duplicates(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object; a key given twice would silently lose one value, so it is refused."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(
                    f"字段 {json.dumps(key, ensure_ascii=False)} 在同一对象中出现了两次"
                )
            seen.add(key)
    return obj


def parse_edition_bytes(data: bytes, source: str = "") -> tuple[Edition, int]:
    """(edition, file version) from the bytes of an edition file; EditionFileError on any problem."""
    prefix = problem_prefix(source)
    if not data.strip():
        raise EditionFileError(f"{prefix}文件是空的（可能保存时被中断）")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EditionFileError(
            f"{prefix}文件已损坏（第 {exc.start + 1} 个字节处不是有效的 UTF-8 文字）"
        ) from None
    try:
        obj = json.loads(
            text, parse_constant=_reject_constant, object_pairs_hook=_object_without_duplicates
        )
    except json.JSONDecodeError as exc:
        reason = _JSON_REASONS.get(exc.msg, exc.msg)
        body = text.strip()
        if not body.startswith(("{", "[")):
            raise EditionFileError(f"{prefix}不是 Newsdesk 版面文件（内容不是 JSON）") from None
        cut_short = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        if cut_short or not body.endswith("}"):
            last_line = text.rstrip().count("\n") + 1
            raise EditionFileError(
                f"{prefix}文件不完整，在第 {last_line} 行意外结束（可能保存时被中断）"
            ) from None
        raise EditionFileError(
            f"{prefix}文件已损坏（第 {exc.lineno} 行第 {exc.colno} 列：{reason}）"
        ) from None
    except ValueError as exc:  # NaN / Infinity, a key given twice, a number too long to read
        raise EditionFileError(f"{prefix}文件已损坏（{exc}）") from None
    except RecursionError:
        raise EditionFileError(f"{prefix}文件已损坏（嵌套层数过多）") from None
    version = file_version(obj, source)
    return edition_from_json(obj, source), version


def read_edition_bytes(path: Path) -> bytes:
    """The bytes of a file; EditionFileError (naming it) when it cannot be read."""
    prefix = problem_prefix(str(path))
    try:
        return read_regular_file(path, "edition")  # never a pipe or a device, never gigabytes
    except IsADirectoryError:
        raise EditionFileError(f"{prefix}这是一个文件夹，不是版面文件") from None
    except OSError as exc:
        if getattr(exc, "reason", "") == "这是一个文件夹":
            raise EditionFileError(f"{prefix}这是一个文件夹，不是版面文件") from None
        raise EditionFileError(f"{prefix}{read_problem(exc)}") from None


def open_edition_file(path: str | os.PathLike) -> LoadedEdition:
    """Read, migrate and check an edition file; missing linked files become warnings."""
    path = Path(path)
    data = read_edition_bytes(path)
    edition, version = parse_edition_bytes(data, str(path))
    edition.saved_content = content_digest(edition)  # the baseline of the next revision bump
    warnings = check_references(edition) + check_links(edition, path.parent)
    return LoadedEdition(edition, path, version, warnings, bytes_digest(data))


def load_edition(path: str | os.PathLike, warnings: list[str] | None = None) -> Edition:
    """The edition in `path`. Pass a list as `warnings` to receive missing-link messages."""
    loaded = open_edition_file(path)
    if warnings is not None:
        warnings.extend(loaded.warnings)
    return loaded.edition


# --- consistency ----------------------------------------------------------------------------


def check_references(edition: Edition) -> list[str]:
    """Messages (Chinese) for ids that point nowhere. The file still loads: the user can fix them."""
    problems = []
    block_ids: set[str] = set()
    for page in edition.pages:
        for block in page.blocks:
            if block.id in block_ids:
                problems.append(f"块 id {block.id} 重复")
            block_ids.add(block.id)
            if block.story is not None and block.story not in edition.stories:
                problems.append(f"块 {block.id} 引用的稿件 {block.story} 不存在")
    for key, story in edition.stories.items():
        if story.id != key:
            problems.append(f"稿件 {key} 的 id 写成了 {story.id}")
        for block_id in story.thread:
            if block_id not in block_ids:
                problems.append(f"稿件 {key} 的续排链引用的块 {block_id} 不存在")
        for n, para in enumerate(story.paragraphs, start=1):
            if para.style not in edition.styles:
                problems.append(f"稿件 {key} 第 {n} 段的样式 {para.style} 不存在")
    return problems


# --- linked files -----------------------------------------------------------------------------


def linked_files(edition: Edition) -> list[tuple[str, str]]:
    """(where, link) for every linked file: block images and the ICC profile, in page order."""
    links = []
    for number, page in enumerate(edition.pages, start=1):
        page_name = page.label or f"第{number}版"
        for block in page.blocks:
            if block.image:
                links.append((f"{page_name} 的块 {block.id}", block.image))
    if edition.print.icc_profile:
        links.append(("印刷设置的 ICC 特性文件", edition.print.icc_profile))
    return links


def resolve_link(base_dir: str | os.PathLike, link: str) -> Path:
    """The file a link names: relative links are relative to the edition's folder."""
    return Path(base_dir) / Path(link)


def check_links(edition: Edition, base_dir: str | os.PathLike) -> list[str]:
    """Messages (Chinese) for every linked file that cannot be found. Empty when all are there."""
    problems = []
    for where, link in linked_files(edition):
        target = resolve_link(Path(base_dir).absolute(), link)
        if not os.path.isfile(target):  # also False for a name too long or with a NUL in it
            problems.append(f"{where} 链接的文件 {link} 找不到（查找位置：{target}）")
    return problems


def _rebased(link: str, old_dir: Path, new_dir: Path) -> str:
    if not link or Path(link).is_absolute():
        return link
    target = os.path.normpath(os.path.join(os.path.abspath(old_dir), link))
    return Path(os.path.relpath(target, os.path.abspath(new_dir))).as_posix()


def rebase_links(edition: Edition, old_dir: str | os.PathLike, new_dir: str | os.PathLike) -> None:
    """Rewrite relative links in place so they still name the same files from another folder.

    Call before saving an edition into a different folder ("save as", `upgrade -o`).
    """
    old_dir, new_dir = Path(old_dir), Path(new_dir)
    if os.path.abspath(old_dir) == os.path.abspath(new_dir):
        return
    for page in edition.pages:
        for block in page.blocks:
            block.image = _rebased(block.image, old_dir, new_dir)
    edition.print.icc_profile = _rebased(edition.print.icc_profile, old_dir, new_dir)


# --- saving -----------------------------------------------------------------------------------


def backup_path(path: str | os.PathLike) -> Path:
    """Where the previous version of a file is kept: FILE.newsdesk.bak next to it."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable. Not possible on every platform/file system; best effort there."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _new_file_mode(existing: Path) -> int:
    """Keep the permissions of the file being replaced; else what a plain open() would give."""
    try:
        return stat.S_IMODE(existing.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _stage_backup(path: Path, backup: Path) -> str:
    """A temporary name beside `backup` holding the current content of `path`; the caller renames
    it over the backup once the new file is in place (so a failed save leaves the old backup)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.unlink(tmp)
        try:
            os.link(path, tmp)  # cheap: the old bytes stay reachable after the rename
        except OSError:
            shutil.copy2(path, tmp)  # file systems without hard links
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(name: str | None) -> None:
    if name is not None and os.path.lexists(name):
        os.unlink(name)


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, keep_backup: bool = False) -> None:
    """Write `data` to `path` so that `path` is always either the old or the new file.

    Raises OSError; on failure the old file (and its backup) are as they were.
    """
    real, problem = output_target(path)  # write through a link, keep the link itself
    if problem:
        raise UnsafeFile(problem)  # never rename over a folder, a device or a pipe
    path = Path(real)
    directory = path.parent
    mode = _new_file_mode(path)
    staged = None
    try:
        with temporary_beside(path) as tmp:  # gone again unless renamed over `path`
            with os.fdopen(os.open(tmp, os.O_WRONLY), "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, mode)
            if keep_backup and path.is_file():
                with termination_held():  # its name reaches `staged` before a signal unwinds
                    staged = _stage_backup(path, backup_path(path))
            os.replace(tmp, path)
    except BaseException:
        _remove(staged)  # the old backup stays as it was
        raise
    if staged is not None:
        try:
            # A backup that is a hard link of the staged file makes this rename do nothing
            # (POSIX): the staged name is then removed below.
            os.replace(staged, backup_path(path))
        except OSError:
            pass  # the new file is saved; only the backup could not be refreshed
        finally:
            _remove(staged)
    _fsync_dir(directory)


class EditionChanged(EditionFileError):
    """The file on disk is no longer what was loaded: another program or window saved it."""


ANY_CONTENT = "*"  # save_edition(expected=ANY_CONTENT): overwrite whatever the file holds now


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_digest(edition: Edition) -> str:
    """A digest of everything an edition file says except its revision counter."""
    obj = edition_to_json_obj(edition)
    obj.pop("revision", None)
    # Compared only with other content digests (never with a file's bytes), so any fixed
    # serialisation will do: the json module's C encoder, not the file's indented layout
    # (canonical_json, written in Python, took a tenth of the start-up before the first paint).
    try:
        text = json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return bytes_digest(text.encode("utf-8", "surrogatepass"))
    except ValueError:
        return ""  # NaN: edition_to_json_bytes refuses the save with a message


def file_digest(path: str | os.PathLike) -> str:
    """The digest of a file's bytes now; "" when there is no file (or it cannot be read)."""
    try:
        return bytes_digest(read_regular_file(path, "edition"))
    except OSError:
        return ""


LOCK_WAIT = 10.0  # seconds a save waits for another one in the same folder


@contextlib.contextmanager
def edition_lock(path: str | os.PathLike):
    """An advisory lock held while an edition file is checked and replaced.

    The lock is on the file's folder (the file itself is replaced by a rename, so its inode
    cannot carry a lock): two processes saving into one folder take turns. Best effort where
    the platform or file system has no locks; EditionFileError when another save holds it for
    longer than LOCK_WAIT.
    """
    try:
        import fcntl
    except ImportError:  # Windows: saves are still atomic, only not serialised
        yield
        return
    try:
        fd = os.open(Path(path).absolute().parent, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise EditionFileError(
                        f"无法保存版面文件 {path}：另一个程序正在保存这个文件夹中的文件，请稍后再试"
                    ) from None
                time.sleep(0.05)
            except OSError:
                break  # no locks on this file system
        yield
    finally:
        os.close(fd)  # releases the lock


def save_edition(
    edition: Edition,
    path: str | os.PathLike,
    *,
    keep_backup: bool = True,
    expected: str = ANY_CONTENT,
) -> str:
    """Save atomically; the previous file is kept as FILE.newsdesk.bak (unless keep_backup=False).
    Returns the digest of the bytes written (the `expected` of the next save).

    `expected` is the digest of the file as it was loaded (LoadedEdition.digest; "" for a file
    that did not exist): if the file now holds anything else, another program or window saved
    it meanwhile and EditionChanged is raised instead of silently writing over that work. The
    check and the write happen under edition_lock, so two saves cannot interleave.

    Raises EditionFileError (message names the file); the old file is then untouched.
    """
    path = Path(path)
    data = edition_to_json_bytes(edition, str(path))
    # A saved change is a new revision (proofs name it); saving unchanged content, or content
    # undone back to what was loaded, keeps the revision and so writes the same bytes. An
    # edition never loaded nor saved (new, built in memory) has no baseline: its first save is
    # the revision it has.
    content = content_digest(edition)
    old_revision = edition.revision
    if edition.saved_content and content != edition.saved_content:
        edition.revision += 1
        data = edition_to_json_bytes(edition, str(path))
    try:
        _write_edition(path, data, keep_backup, expected)
    except BaseException:
        edition.revision = old_revision
        raise
    edition.saved_content = content
    return bytes_digest(data)


def _write_edition(path: Path, data: bytes, keep_backup: bool, expected: str) -> None:
    with edition_lock(path):
        if expected != ANY_CONTENT and file_digest(path) != expected:
            raise EditionChanged(
                f"版面文件 {path} 在打开之后已被其他程序或窗口改动过，没有保存，以免覆盖那些改动"
            )
        try:
            atomic_write_bytes(path, data, keep_backup=keep_backup)
        except OSError as exc:
            reason = write_problem(exc)
            raise EditionFileError(f"无法保存版面文件 {path}：{reason}；原文件未被改动") from None
