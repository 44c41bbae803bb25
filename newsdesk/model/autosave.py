"""Autosave and crash recovery, for the GUI to call; no Qt here.

While an edition is being edited, the GUI writes it every minute or so with write_autosave().
For a saved edition the autosave sits next to the file as FILE.newsdesk.autosave; when that folder
cannot be written (a read-only share) it goes to the recovery folder instead, named after the file
plus a hash of its full path. An edition that was never saved autosaves into the recovery folder as
untitled-<session>.newsdesk.autosave. Autosaves are written atomically in the ordinary edition
format, so recovering is just loading them.

On opening a file the GUI calls find_recovery(path) before it reads the file (a damaged file must
not hide the autosave that can replace it): it returns an autosave that differs from the file
(work lost in a crash), or None. Times do not decide: any rewrite of the file (even a byte-identical
`newsdesk upgrade`, or `newsdesk preflight --accept`) makes it newer than the autosave, and the
work in the autosave is still unsaved; `older_than_file` lets the question say so. At start-up
find_untitled_recoveries() lists autosaves of editions that were never saved. After a successful
save (or when the user declines a recovery) discard_autosave() removes them; a window passes the
identities (file_identity) of the autosaves it wrote or offered, so an autosave another window
wrote meanwhile is never removed unseen.

The recovery folder is $NEWSDESK_RECOVERY_DIR, else the platform's local state folder.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import sys
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from newsdesk.files import read_regular_file
from newsdesk.model.edition import Edition
from newsdesk.model.edition_file import (
    atomic_write_bytes,
    parse_edition_bytes,
    read_edition_bytes,
)
from newsdesk.model.serialize import edition_to_json_bytes

AUTOSAVE_SUFFIX = ".autosave"
UNTITLED_PREFIX = "untitled-"


@dataclass(frozen=True)
class RecoveryCandidate:
    """An autosave the user may want back."""

    autosave: Path  # the autosave file
    original: Path | None  # the edition file it belongs to; None for a never-saved edition
    saved_at: _dt.datetime  # when the autosave was written (local time)
    older_than_file: bool = False  # the file was rewritten after it (by a save elsewhere)


def default_recovery_dir() -> Path:
    """$NEWSDESK_RECOVERY_DIR, else e.g. ~/.local/state/newsdesk/recovery."""
    if env := os.environ.get("NEWSDESK_RECOVERY_DIR"):
        return Path(env)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "Newsdesk" / "recovery"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Newsdesk" / "recovery"
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "newsdesk" / "recovery"


def autosave_path(path: str | os.PathLike) -> Path:
    """The autosave next to an edition file: FILE.newsdesk.autosave."""
    path = Path(path)
    return path.with_name(path.name + AUTOSAVE_SUFFIX)


def fallback_autosave_path(path: str | os.PathLike, recovery_dir: Path | None = None) -> Path:
    """The autosave of an edition file whose own folder cannot be written."""
    path = Path(path)
    digest = hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()
    folder = recovery_dir or default_recovery_dir()
    return folder / f"{path.stem}-{digest[:12]}{path.suffix}{AUTOSAVE_SUFFIX}"


def untitled_autosave_path(session_id: str, recovery_dir: Path | None = None) -> Path:
    """The autosave of a never-saved edition, one per editing session (e.g. a uuid4 hex)."""
    folder = recovery_dir or default_recovery_dir()
    return folder / f"{UNTITLED_PREFIX}{session_id}.newsdesk{AUTOSAVE_SUFFIX}"


def write_autosave(
    edition: Edition,
    path: str | os.PathLike | None,
    *,
    session_id: str | None = None,
    recovery_dir: Path | None = None,
) -> Path:
    """Write an autosave atomically and return where it went.

    `path` is the edition's file, or None for a never-saved edition (then `session_id` is
    required). Raises OSError when no autosave could be written; the GUI shows it in the status
    bar and keeps going.
    """
    data = edition_to_json_bytes(edition)
    if path is None:
        if not session_id:
            raise ValueError("write_autosave: a never-saved edition needs a session_id")
        target = untitled_autosave_path(session_id, recovery_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, data)
        return target
    target = autosave_path(path)
    try:
        atomic_write_bytes(target, data)
        return target
    except OSError:
        target = fallback_autosave_path(path, recovery_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, data)
        return target


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _candidate(
    autosave: Path, original: Path | None, file_time: int | None = None
) -> RecoveryCandidate | None:
    stamp = _mtime(autosave)
    if stamp is None:
        return None
    older = file_time is not None and stamp < file_time
    return RecoveryCandidate(autosave, original, _dt.datetime.fromtimestamp(stamp / 1e9), older)


def file_identity(path: str | os.PathLike) -> tuple[int, int, int, int] | None:
    """(device, inode, size, mtime) of a file now; None when there is none. An autosave rewritten
    by anyone gets a new identity (autosaves are replaced by rename)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def find_recovery(
    path: str | os.PathLike, recovery_dir: Path | None = None
) -> RecoveryCandidate | None:
    """The autosave of `path` worth offering: one whose content differs from the file's (the
    newest, when both places hold one). Works when the file is damaged or gone."""
    path = Path(path)
    file_time = _mtime(path)
    try:
        file_bytes = read_regular_file(path, "edition") if file_time is not None else None
    except OSError:
        file_bytes = None
    best: RecoveryCandidate | None = None
    for autosave in (autosave_path(path), fallback_autosave_path(path, recovery_dir)):
        if _mtime(autosave) is None:
            continue
        try:
            if file_bytes is not None and read_regular_file(autosave, "edition") == file_bytes:
                continue  # nothing was lost
        except OSError:
            continue
        candidate = _candidate(autosave, path, file_time)
        if candidate and (best is None or candidate.saved_at > best.saved_at):
            best = candidate
    return best


def find_untitled_recoveries(recovery_dir: Path | None = None) -> list[RecoveryCandidate]:
    """Autosaves of never-saved editions, newest first."""
    folder = recovery_dir or default_recovery_dir()
    try:
        names = sorted(folder.glob(f"{UNTITLED_PREFIX}*.newsdesk{AUTOSAVE_SUFFIX}"))
    except OSError:
        return []
    found = [c for c in (_candidate(p, None) for p in names) if c is not None]
    return sorted(found, key=lambda c: c.saved_at, reverse=True)


def load_recovery(candidate: RecoveryCandidate) -> Edition:
    """The edition in an autosave. Raises EditionFileError naming the autosave if it is damaged."""
    edition, _ = parse_edition_bytes(
        read_edition_bytes(candidate.autosave), str(candidate.autosave)
    )
    return edition


def discard_autosave(
    path: str | os.PathLike | None,
    *,
    session_id: str | None = None,
    recovery_dir: Path | None = None,
    known: Collection[tuple[int, int, int, int]] | None = None,
) -> None:
    """Remove the autosaves of an edition file and/or of an untitled session; missing is fine.

    With `known` (file_identity values of the autosaves the caller wrote or offered), an autosave
    of the file is removed only if it is one of them: one written since by another window, or
    never shown to the user, stays for find_recovery.
    """
    targets = []
    if path is not None:
        targets += [autosave_path(path), fallback_autosave_path(path, recovery_dir)]
        if known is not None:
            targets = [t for t in targets if file_identity(t) in known]
    if session_id:
        targets.append(untitled_autosave_path(session_id, recovery_dir))
    for target in targets:
        try:
            target.unlink()
        except FileNotFoundError:
            pass
