"""Edition files on disk: atomic saves with a backup, refusing bad files, linked files, schema."""

from __future__ import annotations

import dataclasses
import json
import os
import typing
from pathlib import Path

import jsonschema
import pytest
from model_helpers import make_edition

import newsdesk.model.edition as model
from newsdesk.errors import EditionFileError
from newsdesk.model.edition_file import (
    backup_path,
    check_links,
    check_references,
    load_edition,
    open_edition_file,
    rebase_links,
    save_edition,
)
from newsdesk.model.serialize import edition_to_json_bytes, persisted_fields

SCHEMA_PATH = Path(model.__file__).with_name("edition.schema.json")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_save_then_load(tmp_path):
    path = tmp_path / "今日.newsdesk"
    edition = make_edition()
    save_edition(edition, path)
    assert load_edition(path) == edition
    assert path.read_bytes() == edition_to_json_bytes(edition)
    assert not backup_path(path).exists()  # nothing to back up the first time
    assert _leftovers(tmp_path) == []


def test_previous_version_is_kept_as_backup(tmp_path):
    path = tmp_path / "a.newsdesk"
    first, second, third = make_edition(), make_edition(), make_edition()
    second.stories["s1"].headline = "第二版标题"
    third.stories["s1"].headline = "第三版标题"
    save_edition(first, path)
    save_edition(second, path)
    assert backup_path(path) == tmp_path / "a.newsdesk.bak"
    assert backup_path(path).read_bytes() == edition_to_json_bytes(first)
    save_edition(third, path)
    assert backup_path(path).read_bytes() == edition_to_json_bytes(second)
    assert load_edition(path) == third
    assert load_edition(backup_path(path)) == second  # the backup is an edition file too
    assert _leftovers(tmp_path) == []


def test_save_keeps_permissions_and_symlinks(tmp_path):
    real = tmp_path / "real.newsdesk"
    save_edition(make_edition(), real)
    os.chmod(real, 0o640)
    link = tmp_path / "link.newsdesk"
    link.symlink_to(real)
    changed = make_edition()
    changed.paper = "改名晚报"
    save_edition(changed, link)
    assert link.is_symlink()
    assert load_edition(real).paper == "改名晚报"
    assert (real.stat().st_mode & 0o777) == 0o640


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_failed_save_leaves_the_original_untouched(tmp_path, monkeypatch, failing):
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path)
    save_edition(make_edition(), path)  # now there is a backup as well
    original, backup = path.read_bytes(), backup_path(path).read_bytes()
    changed = make_edition()
    changed.stories["s1"].paragraphs *= 200

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            """Writes half of the bytes, then the disk is full."""

            def __init__(self, fd, mode):
                self.file = real_fdopen(fd, mode)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.file.close()

            def write(self, data):
                self.file.write(data[: len(data) // 2])
                self.file.flush()
                disk_full()

        monkeypatch.setattr(os, "fdopen", HalfWriter)
    elif failing == "fsync":
        monkeypatch.setattr(os, "fsync", disk_full)
    else:
        monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(EditionFileError) as info:
        save_edition(changed, path)
    assert str(path) in str(info.value) and "原文件未被改动" in str(info.value)
    assert "磁盘空间不足" in str(info.value)
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert backup_path(path).read_bytes() == backup
    assert _leftovers(tmp_path) == []


def test_save_into_missing_folder_is_a_clear_error(tmp_path):
    path = tmp_path / "没有这个文件夹" / "a.newsdesk"
    with pytest.raises(EditionFileError, match="所在文件夹不存在"):
        save_edition(make_edition(), path)


def test_unsaveable_edition_does_not_touch_the_file(tmp_path):
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path)
    before = path.read_bytes()
    broken = make_edition()
    broken.pages[0].blocks[0].width = float("inf")
    with pytest.raises(EditionFileError, match=r"a\.newsdesk"):
        save_edition(broken, path)
    assert path.read_bytes() == before
    assert not backup_path(path).exists()


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "文件是空的"),
        (b"   \n", "文件是空的"),
        (b"\xff\xfe{\x00", "不是有效的 UTF-8"),
        (b'{"format": "newsdesk-edition", "version": 1, "paper": "\xe6\x96', "不是有效的 UTF-8"),
        (b'{"format": "newsdesk-edition", "version": 1, "paper": "x"', "文件不完整"),
        (b'{"format": "newsdesk-edition", "version": 1, "paper": "x}', "文件不完整"),
        (b'{"format": "newsdesk-edition", "version": 1, "paper": "x",\n "pages": [', "文件不完整"),
        (
            b'{"format": "newsdesk-edition" "version": 1}',
            "文件已损坏（第 1 行第 31 列：此处缺少逗号）",
        ),
        (b'{"format": "newsdesk-edition", "version": 1}\n{}', "多余内容"),
        (b'{"format": "newsdesk-edition", "version": 1, "bleed": NaN}', "NaN"),
        (
            b'{"format": "newsdesk-edition", "version": 1, "number": 1, "number": 2}',
            '字段 "number" 在同一对象中出现了两次',
        ),
        (b"PK\x03\x04 zip", "不是 Newsdesk 版面文件（内容不是 JSON）"),
        (b'{"format": "newsdesk-edition", "version": 42}', "由更新版本的 Newsdesk 创建"),
        (b"[" * 100000 + b"]" * 100000, "文件已损坏"),
    ],
)
def test_bad_files_are_refused_and_left_alone(tmp_path, content, expected):
    path = tmp_path / "坏文件.newsdesk"
    path.write_bytes(content)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    with pytest.raises(EditionFileError) as info:
        load_edition(path)
    message = str(info.value)
    assert str(path) in message and expected in message
    assert path.read_bytes() == content
    assert path.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏文件.newsdesk"]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(EditionFileError, match="找不到此文件"):
        load_edition(tmp_path / "nope.newsdesk")
    with pytest.raises(EditionFileError, match="是一个文件夹"):
        load_edition(tmp_path)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.newsdesk"
    path.write_bytes(b"\xef\xbb\xbf" + edition_to_json_bytes(make_edition()))
    assert load_edition(path) == make_edition()


def test_missing_linked_files_are_warnings(tmp_path):
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path)
    warnings: list[str] = []
    assert load_edition(path, warnings) == make_edition()
    assert len(warnings) == 2
    assert "A1 的块 i1" in warnings[0] and "images/photo.jpg" in warnings[0]
    assert str(tmp_path / "images" / "photo.jpg") in warnings[0]
    assert "ICC" in warnings[1]
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "ISOnewspaper26v4.icc").write_bytes(b"icc")
    assert open_edition_file(path).warnings == []


def test_links_are_relative_to_the_edition_folder_not_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "job" / "images").mkdir(parents=True)
    (tmp_path / "job" / "images" / "photo.jpg").write_bytes(b"\xff\xd8")
    edition = make_edition()
    edition.print.icc_profile = ""
    save_edition(edition, tmp_path / "job" / "a.newsdesk")
    monkeypatch.chdir(tmp_path)
    assert open_edition_file("job/a.newsdesk").warnings == []
    assert check_links(edition, tmp_path) != []


def test_rebase_links_for_save_as(tmp_path):
    edition = make_edition()
    rebase_links(edition, tmp_path / "job", tmp_path / "job" / "out")
    assert edition.pages[0].blocks[2].image == "../images/photo.jpg"
    assert edition.print.icc_profile == "../profiles/ISOnewspaper26v4.icc"
    rebase_links(edition, tmp_path / "job" / "out", tmp_path / "job")
    assert edition == make_edition()


def test_dangling_references_are_warnings_not_errors():
    edition = make_edition()
    assert check_references(edition) == []
    edition.stories["s1"].thread.append("gone")
    edition.pages[1].blocks[1].story = "s9"
    edition.stories["s1"].paragraphs[0].style = "nostyle"
    problems = check_references(edition)
    assert any("gone" in p for p in problems)
    assert any("s9" in p for p in problems)
    assert any("nostyle" in p for p in problems)


# --- schema -----------------------------------------------------------------------------------


def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_schema_is_valid_draft_2020_12_and_accepts_saved_files(tmp_path):
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    path = tmp_path / "a.newsdesk"
    save_edition(make_edition(), path)
    jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text("utf-8")))


def test_schema_rejects_what_the_loader_rejects():
    validator = jsonschema.Draft202012Validator(_schema())
    good = json.loads(edition_to_json_bytes(make_edition()))
    bad_type = json.loads(json.dumps(good))
    bad_type["pages"][0]["blocks"][0]["x"] = "1cm"
    unknown = json.loads(json.dumps(good))
    unknown["pages"][0]["rotation"] = 90
    future = dict(good, version=2)
    for obj in (bad_type, unknown, future):
        assert not validator.is_valid(obj)


def test_schema_describes_every_persisted_field():
    """Fails when a field is added to edition.py without adding it to edition.schema.json."""
    schema = _schema()
    defs = schema["$defs"]
    seen = set()

    def walk(cls):
        if cls.__name__ in seen:
            return
        seen.add(cls.__name__)
        props = schema["properties"] if cls is model.Edition else defs[cls.__name__]["properties"]
        names = {f.name for f in persisted_fields(cls)}
        extra = {"format", "version"} if cls is model.Edition else set()
        assert set(props) == names | extra, f"edition.schema.json is out of date for {cls.__name__}"
        for tp in typing.get_type_hints(cls).values():
            for arg in [tp, *typing.get_args(tp)]:
                for inner in [arg, *typing.get_args(arg)]:
                    if dataclasses.is_dataclass(inner):
                        walk(inner)

    walk(model.Edition)
    assert seen >= {"Page", "Grid", "Block", "Story", "Paragraph", "InlineSpan", "ParagraphStyle"}
