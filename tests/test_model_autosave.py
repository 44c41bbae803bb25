"""Autosave and crash recovery: what the GUI calls while editing, on opening and after saving."""

from __future__ import annotations

import os

import pytest
from model_helpers import make_edition

import newsdesk.model.autosave as autosave_module
from newsdesk.errors import EditionFileError
from newsdesk.model.autosave import (
    autosave_path,
    discard_autosave,
    fallback_autosave_path,
    file_identity,
    find_recovery,
    find_untitled_recoveries,
    load_recovery,
    untitled_autosave_path,
    write_autosave,
)
from newsdesk.model.edition_file import save_edition


@pytest.fixture
def recovery_dir(tmp_path, monkeypatch):
    folder = tmp_path / "recovery"
    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(folder))
    return folder


def _age(path, seconds_ago: int) -> None:
    stamp = path.stat().st_mtime - seconds_ago
    os.utime(path, (stamp, stamp))


def test_crash_after_autosave_offers_the_unsaved_work(tmp_path, recovery_dir):
    path = tmp_path / "a.newsdesk"
    saved = make_edition()
    save_edition(saved, path)
    _age(path, 60)
    assert find_recovery(path) is None  # nothing autosaved yet
    edited = make_edition()
    edited.stories["s1"].headline = "改过但没保存的标题"
    written = write_autosave(edited, path)
    assert written == autosave_path(path) == tmp_path / "a.newsdesk.autosave"
    # ... the program crashes here; on the next start:
    candidate = find_recovery(path)
    assert candidate is not None and candidate.autosave == written and candidate.original == path
    assert load_recovery(candidate) == edited
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_no_offer_when_the_autosave_equals_the_file(tmp_path, recovery_dir):
    path = tmp_path / "a.newsdesk"
    edition = make_edition()
    save_edition(edition, path)
    write_autosave(edition, path)
    assert find_recovery(path) is None  # same content: nothing was lost


def test_an_autosave_older_than_a_rewritten_file_is_still_offered(tmp_path, recovery_dir, capsys):
    # Issue 10: any rewrite of the file (here a byte-identical `newsdesk upgrade`) made it newer
    # than the autosave, which find_recovery then hid, and the window's next save deleted it.
    from newsdesk.cli import main

    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path)
    edited = make_edition()
    edited.paper = "崩溃前没保存的改动"
    write_autosave(edited, path)
    _age(autosave_path(path), 120)
    before = path.read_bytes()
    assert main(["upgrade", str(path)]) == 0
    assert path.read_bytes() == before
    candidate = find_recovery(path)
    assert candidate is not None and candidate.older_than_file
    assert load_recovery(candidate).paper == "崩溃前没保存的改动"


def test_a_save_removes_only_the_autosaves_its_window_knows(tmp_path, recovery_dir):
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path)
    mine = file_identity(write_autosave(make_edition(), path))
    other = make_edition()
    other.paper = "另一个窗口的自动保存"
    write_autosave(other, path)  # written since by another window
    discard_autosave(path, known={mine})
    assert autosave_path(path).exists() and find_recovery(path) is not None
    discard_autosave(path, known={file_identity(autosave_path(path))})
    assert not autosave_path(path).exists()


def test_discard_after_save(tmp_path, recovery_dir):
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path)
    edited = make_edition()
    edited.number = 99
    write_autosave(edited, path)
    save_edition(edited, path)
    discard_autosave(path)
    assert not autosave_path(path).exists()
    assert find_recovery(path) is None
    discard_autosave(path)  # nothing left: no error


def test_autosave_of_a_file_that_was_never_written(tmp_path, recovery_dir):
    path = tmp_path / "new.newsdesk"  # "save as" target chosen, first save failed
    write_autosave(make_edition(), path)
    candidate = find_recovery(path)
    assert candidate is not None and load_recovery(candidate) == make_edition()


def test_read_only_folder_falls_back_to_the_recovery_folder(tmp_path, recovery_dir, monkeypatch):
    path = tmp_path / "share" / "a.newsdesk"
    path.parent.mkdir()
    save_edition(make_edition(), path)
    _age(path, 60)
    real_write = autosave_module.atomic_write_bytes

    def read_only_share(target, data, **kwargs):
        if target.parent == path.parent:
            raise PermissionError(13, "Permission denied")
        real_write(target, data, **kwargs)

    monkeypatch.setattr(autosave_module, "atomic_write_bytes", read_only_share)
    edited = make_edition()
    edited.paper = "只读共享盘上的版面"
    written = write_autosave(edited, path)
    assert written == fallback_autosave_path(path) and written.parent == recovery_dir
    assert not autosave_path(path).exists()
    candidate = find_recovery(path)
    assert candidate is not None and load_recovery(candidate).paper == "只读共享盘上的版面"
    discard_autosave(path)
    assert not written.exists()


def test_same_name_in_two_folders_gets_two_fallback_files(tmp_path, recovery_dir):
    first = fallback_autosave_path(tmp_path / "a" / "x.newsdesk")
    second = fallback_autosave_path(tmp_path / "b" / "x.newsdesk")
    assert first != second and first.parent == second.parent == recovery_dir


def test_never_saved_editions(recovery_dir):
    assert find_untitled_recoveries() == []
    one, two = make_edition(), make_edition()
    two.paper = "第二个未命名版面"
    write_autosave(one, None, session_id="aaaa")
    write_autosave(two, None, session_id="bbbb")
    _age(untitled_autosave_path("aaaa"), 30)
    found = find_untitled_recoveries()
    assert [c.autosave for c in found] == [
        untitled_autosave_path("bbbb"),
        untitled_autosave_path("aaaa"),
    ]
    assert all(c.original is None for c in found)
    assert load_recovery(found[0]) == two
    discard_autosave(None, session_id="bbbb")
    assert [c.autosave.name for c in find_untitled_recoveries()] == [
        "untitled-aaaa.newsdesk.autosave"
    ]
    with pytest.raises(ValueError):
        write_autosave(one, None)


def test_damaged_autosave_is_a_clear_error(tmp_path, recovery_dir):
    path = tmp_path / "a.newsdesk"
    write_autosave(make_edition(), path)
    data = autosave_path(path).read_bytes()
    autosave_path(path).write_bytes(data[: len(data) // 2])
    candidate = find_recovery(path)
    assert candidate is not None
    with pytest.raises(EditionFileError, match="a.newsdesk.autosave"):
        load_recovery(candidate)


def test_default_recovery_dir_without_override(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSDESK_RECOVERY_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    if os.name == "posix" and not autosave_module.sys.platform == "darwin":
        assert (
            autosave_module.default_recovery_dir() == tmp_path / "state" / "newsdesk" / "recovery"
        )
    else:
        assert autosave_module.default_recovery_dir().name == "recovery"
