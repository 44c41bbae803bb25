"""Saves that never lose work (issue 10): the backup promise holds when only the final rename
fails, a backup hard-linked to the file leaves nothing behind, saves are serialised by a lock, and
a save over a file another program changed since it was read is refused, never silent."""

from __future__ import annotations

import os
import threading

import pytest
from model_helpers import make_edition
from test_export_output_guard import small_edition

import newsdesk.model.edition_file as edition_file
from newsdesk.cli import main
from newsdesk.errors import EditionFileError
from newsdesk.model.edition_file import (
    EditionChanged,
    backup_path,
    edition_lock,
    load_edition,
    open_edition_file,
    save_edition,
)


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".part")))


def test_a_failed_final_rename_keeps_the_older_backup(tmp_path, monkeypatch):
    path = tmp_path / "a.newsdesk"
    first, second = make_edition(), make_edition()
    second.number = 2
    save_edition(first, path)
    save_edition(second, path)  # a.newsdesk.bak now holds the first version
    older_backup, current = backup_path(path).read_bytes(), path.read_bytes()
    real_replace = os.replace

    def rename_fails_over_the_file(src, dst):
        if os.fspath(dst) == os.fspath(path):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", rename_fails_over_the_file)
    third = make_edition()
    third.number = 3
    with pytest.raises(EditionFileError, match="原文件未被改动"):
        save_edition(third, path)
    monkeypatch.undo()
    assert path.read_bytes() == current
    assert backup_path(path).read_bytes() == older_backup  # the docs' promise
    assert _leftovers(tmp_path) == []


def test_a_backup_hard_linked_to_the_file_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path, keep_backup=False)
    before = path.read_bytes()
    os.link(path, backup_path(path))  # e.g. made by `cp -l` or a sync tool
    changed = make_edition()
    changed.number = 9
    save_edition(changed, path)
    assert backup_path(path).read_bytes() == before
    assert load_edition(path).number == 9
    assert _leftovers(tmp_path) == []


def test_a_save_over_a_file_changed_since_it_was_read_is_refused(tmp_path):
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path, keep_backup=False)
    mine, theirs = open_edition_file(path), open_edition_file(path)
    theirs.edition.paper = "他们的改动"
    digest = save_edition(theirs.edition, path, expected=theirs.digest)
    mine.edition.paper = "我的改动"
    with pytest.raises(EditionChanged, match="已被其他程序或窗口改动过"):
        save_edition(mine.edition, path, expected=mine.digest)
    assert load_edition(path).paper == "他们的改动"
    # Saving again on top of what one saved oneself is fine.
    theirs.edition.number = 5
    save_edition(theirs.edition, path, expected=digest)
    assert load_edition(path).number == 5


def test_two_acceptances_at_once_never_lose_one_silently(tmp_path, capsys, monkeypatch):
    path = small_edition(tmp_path)
    edition = load_edition(path)
    edition.stories["s1"].headline = "主题"
    edition.stories["s1"].kicker = "引题"
    save_edition(edition, path, keep_backup=False)
    import newsdesk.export.preflight as preflight_module

    real_preflight = preflight_module.preflight
    calls = []

    def meanwhile_another_process_accepts(*args, **kwargs):
        # The first run has read the file; before it saves, another run accepts another key.
        calls.append(1)
        if len(calls) == 1:
            assert main(["preflight", str(path), "--accept", "placeholder:s1:kicker"]) == 1
        return real_preflight(*args, **kwargs)

    monkeypatch.setattr(preflight_module, "preflight", meanwhile_another_process_accepts)
    code = main(["preflight", str(path), "--accept", "placeholder:s1:headline"])
    err = capsys.readouterr().err
    assert code == 1 and "已被其他程序或窗口改动过" in err and "请重新运行" in err
    assert load_edition(path).print.accepted == ["placeholder:s1:kicker"]  # nothing silently lost
    monkeypatch.undo()
    assert main(["preflight", str(path), "--accept", "placeholder:s1:headline"]) == 0
    assert load_edition(path).print.accepted == [
        "placeholder:s1:kicker",
        "placeholder:s1:headline",
    ]


def test_saves_take_an_advisory_lock(tmp_path, monkeypatch):
    pytest.importorskip("fcntl")
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path, keep_backup=False)
    monkeypatch.setattr(edition_file, "LOCK_WAIT", 0.3)
    outcome = []

    def save_meanwhile():
        try:
            save_edition(make_edition(), path)
            outcome.append("saved")
        except EditionFileError as exc:
            outcome.append(str(exc))

    with edition_lock(path):  # another save is in progress
        worker = threading.Thread(target=save_meanwhile)
        worker.start()
        worker.join(10)
    assert outcome and "另一个程序正在保存" in outcome[0]
    save_meanwhile()  # once the lock is free, the save goes through
    assert outcome[1] == "saved"


def test_upgrade_in_place_refuses_a_file_changed_meanwhile(tmp_path, capsys, monkeypatch):
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path, keep_backup=False)
    import newsdesk.cli.upgrade_cmd as upgrade_cmd

    real_open = upgrade_cmd.open_edition_file

    def read_then_someone_saves(source):
        loaded = real_open(source)
        other = make_edition()
        other.paper = "别人刚保存的"
        save_edition(other, path)
        return loaded

    monkeypatch.setattr(upgrade_cmd, "open_edition_file", read_then_someone_saves)
    assert main(["upgrade", str(path)]) == 1
    assert "已被其他程序或窗口改动过" in capsys.readouterr().err
    assert load_edition(path).paper == "别人刚保存的"
