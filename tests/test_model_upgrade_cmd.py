"""`newsdesk upgrade FILE [-o OUT]`: migrates old files, rewrites current ones byte for byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from model_helpers import V0, make_edition

from newsdesk.cli import main
from newsdesk.model.edition_file import load_edition, save_edition
from newsdesk.model.migrations import CURRENT_VERSION


def test_current_file_gives_identical_bytes(tmp_path, capsys):
    source = tmp_path / "x.newsdesk"
    save_edition(make_edition(), source)
    before = source.read_bytes()
    assert main(["upgrade", str(source), "-o", str(tmp_path / "y.newsdesk")]) == 0
    assert (tmp_path / "y.newsdesk").read_bytes() == before
    assert main(["upgrade", str(source)]) == 0  # in place
    assert source.read_bytes() == before
    assert (tmp_path / "x.newsdesk.bak").read_bytes() == before
    assert "已是当前格式版本" in capsys.readouterr().out


def test_old_file_is_migrated_in_place_with_a_backup(tmp_path, capsys):
    source = tmp_path / "old.newsdesk"
    original = json.dumps(V0, ensure_ascii=False).encode("utf-8")
    source.write_bytes(original)
    assert main(["upgrade", str(source)]) == 0
    out = capsys.readouterr()
    assert f"从格式版本 0 升级到 {CURRENT_VERSION}" in out.out
    assert "p.jpg" in out.err  # the missing image is a warning, not a failure
    assert json.loads(source.read_text("utf-8"))["version"] == CURRENT_VERSION
    assert (tmp_path / "old.newsdesk.bak").read_bytes() == original
    upgraded = source.read_bytes()
    assert main(["upgrade", str(source), "-o", str(tmp_path / "again.newsdesk")]) == 0
    assert (tmp_path / "again.newsdesk").read_bytes() == upgraded


def test_output_in_another_folder_keeps_links_working(tmp_path):
    (tmp_path / "job" / "images").mkdir(parents=True)
    (tmp_path / "job" / "images" / "photo.jpg").write_bytes(b"\xff\xd8")
    edition = make_edition()
    edition.print.icc_profile = ""
    save_edition(edition, tmp_path / "job" / "a.newsdesk")
    out = tmp_path / "archive" / "2026" / "a.newsdesk"
    out.parent.mkdir(parents=True)
    assert main(["upgrade", str(tmp_path / "job" / "a.newsdesk"), "-o", str(out)]) == 0
    warnings: list[str] = []
    moved = load_edition(out, warnings)
    assert warnings == []
    assert moved.pages[0].blocks[2].image == "../../job/images/photo.jpg"


@pytest.mark.parametrize(
    "content, expected",
    [
        (b'{"format": "newsdesk-edition", "version": 1, "pages": [', "文件不完整"),
        (b'{"format": "newsdesk-edition", "version": 5}', "由更新版本的 Newsdesk 创建"),
        (b"<html></html>", "不是 Newsdesk 版面文件"),
    ],
)
def test_bad_file_is_refused_and_untouched(tmp_path, capsys, content, expected):
    source = tmp_path / "bad.newsdesk"
    source.write_bytes(content)
    assert main(["upgrade", str(source)]) == 1
    err = capsys.readouterr().err
    assert str(source) in err and expected in err and "Traceback" not in err
    assert source.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.newsdesk"]


def test_real_command_line(tmp_path):
    newsdesk = shutil.which("newsdesk", path=str(Path(sys.executable).parent)) or "newsdesk"
    source = tmp_path / "x.newsdesk"
    save_edition(make_edition(), source)
    run = subprocess.run(
        [newsdesk, "upgrade", str(source), "-o", str(tmp_path / "y.newsdesk")],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "y.newsdesk").read_bytes() == source.read_bytes()
    missing = subprocess.run(
        [newsdesk, "upgrade", str(tmp_path / "nope.newsdesk")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1 and "找不到此文件" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_sample_then_upgrade_gives_identical_files(tmp_path):
    """`newsdesk sample -o x.newsdesk` then `newsdesk upgrade x.newsdesk -o y.newsdesk`."""
    sample, upgraded = tmp_path / "x.newsdesk", tmp_path / "y.newsdesk"
    try:
        code = main(["sample", "-o", str(sample)])
    except SystemExit:  # the sample command does not take -o yet
        code = 2
    if code != 0 or not sample.exists():
        pytest.skip("`newsdesk sample -o` is not available yet")
    assert main(["upgrade", str(sample), "-o", str(upgraded)]) == 0
    assert upgraded.read_bytes() == sample.read_bytes()


def test_output_over_a_file_that_is_not_an_edition_needs_force(tmp_path, capsys):
    source = tmp_path / "a.newsdesk"
    save_edition(make_edition(), source, keep_backup=False)
    notes = tmp_path / "notes.txt"
    notes.write_text("明天的选题", encoding="utf-8")
    assert main(["upgrade", str(source), "-o", str(notes)]) == 1
    err = capsys.readouterr().err
    assert "已存在且不是 Newsdesk 版面文件" in err and "--force" in err
    assert notes.read_text(encoding="utf-8") == "明天的选题"
    other = tmp_path / "b.newsdesk"
    save_edition(make_edition(), other, keep_backup=False)
    assert main(["upgrade", str(source), "-o", str(other)]) == 0  # an edition may be replaced
    assert main(["upgrade", str(source), "-o", str(notes), "--force"]) == 0
    assert load_edition(notes) == load_edition(source)
    folder = tmp_path / "images"
    folder.mkdir()
    assert main(["upgrade", str(source), "-o", str(folder), "--force"]) == 1
    assert "这是一个文件夹" in capsys.readouterr().err
