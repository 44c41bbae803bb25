"""Linked and opened files are read only when they are regular files of a sane size (issue 10): a
FIFO as a photo blocked forever, /dev/zero as the ICC profile, the copy or the edition was read
until memory ran out, and a 144-megapixel PNG took 1.2 GB in export with Pillow's raw warning."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from model_helpers import make_edition

from newsdesk.cli import main
from newsdesk.errors import CopyImportError, EditionFileError
from newsdesk.export.preflight import preflight
from newsdesk.files import SIZE_LIMITS, UnsafeFile, read_regular_file
from newsdesk.layout.images import probe
from newsdesk.model.copy_import import read_copy_file
from newsdesk.model.edition_file import load_edition, save_edition

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")


def _with_photo(folder: Path, name: str) -> Path:
    """An edition whose first image block links `name`; its path."""
    edition = make_edition()
    block = next(b for p in edition.pages for b in p.blocks if b.kind == "image")
    block.image = name
    path = folder / "ed.newsdesk"
    save_edition(edition, path, keep_backup=False)
    return path


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is width × height (grey): what Pillow reads before decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@needs_fifo
def test_a_fifo_as_a_photo_is_refused_not_waited_on(tmp_path) -> None:
    os.mkfifo(tmp_path / "photo.jpg")
    path = _with_photo(tmp_path, "photo.jpg")
    # In a child process: on the old code it blocked forever in Image.open.
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "newsdesk", "preflight", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NEWSDESK_DEBUG": ""},
    )
    assert time.monotonic() - started < 60
    assert run.returncode == 1, run.stderr
    assert "不是普通文件（是管道）" in run.stdout
    assert "内部错误" not in run.stderr
    info = probe(tmp_path / "photo.jpg")
    assert info is not None and "管道" in info.error


def test_a_picture_of_too_many_pixels_is_a_preflight_error_never_decoded(tmp_path) -> None:
    (tmp_path / "huge.png").write_bytes(_png_header(12_000, 12_000))  # 144 megapixels
    path = _with_photo(tmp_path, "huge.png")
    edition = load_edition(path)
    report = preflight(edition, base_dir=tmp_path)
    found = [f for f in report.errors if "像素过多" in f.message]
    assert found and "12000×12000" in found[0].message and "14400 万像素" in found[0].message
    # The print export refuses it, with the same words, and writes nothing.
    with pytest.raises(Exception, match="像素过多"):
        from newsdesk.export.print_export import export_edition

        export_edition(edition, base_dir=tmp_path, output=tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


@needs_dev_zero
def test_dev_zero_as_the_icc_profile_is_refused(tmp_path) -> None:
    edition = make_edition()
    edition.print.icc_profile = "/dev/zero"
    report = preflight(edition, base_dir=tmp_path)
    found = [f for f in report.errors if f.code == "bad_output_profile"]
    assert found and "不是普通文件" in found[0].message


@needs_dev_zero
def test_dev_zero_as_the_copy_or_the_edition_is_refused(capsys) -> None:
    with pytest.raises(CopyImportError, match="不是普通文件"):
        read_copy_file("/dev/zero")
    with pytest.raises(EditionFileError, match="不是普通文件"):
        load_edition("/dev/zero")
    assert main(["layout", "/dev/zero", "--json"]) == 1
    assert "不是普通文件（是设备或特殊文件）" in capsys.readouterr().err


@needs_fifo
def test_a_fifo_as_the_edition_or_copy_does_not_block(tmp_path) -> None:
    os.mkfifo(tmp_path / "ed.newsdesk")
    with pytest.raises(EditionFileError, match="管道"):
        load_edition(tmp_path / "ed.newsdesk")
    with pytest.raises(CopyImportError, match="管道"):
        read_copy_file(tmp_path / "ed.newsdesk")


def test_files_over_the_limit_of_their_kind_are_refused(tmp_path, monkeypatch) -> None:
    big = tmp_path / "big.icc"
    big.write_bytes(b"\0" * 4096)
    monkeypatch.setitem(SIZE_LIMITS, "icc", 1024)
    with pytest.raises(UnsafeFile, match="文件太大"):
        read_regular_file(big, "icc")
    monkeypatch.setitem(SIZE_LIMITS, "icc", 4096)
    assert len(read_regular_file(big, "icc")) == 4096
