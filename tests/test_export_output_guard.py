"""An export never overwrites the edition, its backup/autosave or a linked file, and a failed
export leaves the previous PDF as it was."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from PIL import Image

from newsdesk.cli import main
from newsdesk.errors import NewsdeskError
from newsdesk.model.edition import Block, Edition, Page, Paragraph, Story
from newsdesk.model.edition_file import save_edition


def small_edition(folder: Path, picture: str = "pic.jpg") -> Path:
    """One page (A1): a story and a linked picture; saved as folder/ed.newsdesk."""
    Image.new("CMYK", (1200, 800), (0, 0, 0, 40)).save(folder / picture, dpi=(300, 300))
    page = Page("p1", label="A1")
    g = page.grid
    x, y, w, h = g.block_rect(page.width, 0, 4, 0, 20)
    story = Story(
        "s1",
        slug="测试稿",
        headline="市区新开一座公园",
        paragraphs=[Paragraph("新公园今天开放，市民可以从东门和南门进入。")],
    )
    page.blocks = [
        Block("b1", "story", x, y, w, h, story="s1"),
        Block("img", "image", *g.block_rect(page.width, 4, 2, 0, 10), image=picture),
    ]
    ed = Edition(paper="测试日报", date=dt.date(2026, 3, 5), pages=[page], stories={"s1": story})
    path = folder / "ed.newsdesk"
    save_edition(ed, path, keep_backup=False)
    return path


@pytest.fixture
def edition_file(tmp_path: Path) -> Path:
    return small_edition(tmp_path)


def _refused(argv: list[str], capsys) -> str:
    assert main(argv) == 1
    return capsys.readouterr().err


@pytest.mark.parametrize(
    "name", ["ed.newsdesk", "ed.newsdesk.bak", "ed.newsdesk.autosave", "pic.jpg"]
)
def test_output_over_a_protected_file_is_refused(edition_file: Path, name: str, capsys) -> None:
    folder = edition_file.parent
    target = folder / name
    if not target.exists():
        target.write_bytes(b"keep me")
    before = target.read_bytes()
    err = _refused(["export", str(edition_file), "--preset", "proof", "-o", str(target)], capsys)
    assert "拒绝导出" in err and "Traceback" not in err
    assert target.read_bytes() == before


def test_symlink_and_dotted_paths_to_the_edition_are_refused(edition_file: Path, capsys) -> None:
    before = edition_file.read_bytes()
    link = edition_file.parent / "alias.pdf"
    os.symlink(edition_file, link)
    sub = edition_file.parent / "sub"
    sub.mkdir()
    for target in (link, sub / ".." / "ed.newsdesk"):
        err = _refused(
            ["export", str(edition_file), "--preset", "proof", "-o", str(target)], capsys
        )
        assert "版面文件" in err
    assert edition_file.read_bytes() == before


def test_outdir_writing_over_a_linked_file_is_refused(edition_file: Path, capsys) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from newsdesk.model.edition_file import load_edition

    folder = edition_file.parent
    ad = Canvas(str(folder / "A1.pdf"), pagesize=(200, 100))  # an ad named like page A1's file
    ad.rect(10, 10, 180, 80, fill=1)
    ad.save()
    ed = load_edition(edition_file)
    ed.pages[0].blocks.append(Block("ad", "ad", 100, 900, 200, 100, image="A1.pdf"))
    save_edition(ed, edition_file, keep_backup=False)
    before = (folder / "A1.pdf").read_bytes()
    argv = ["export", str(edition_file), "--preset", "proof", "--outdir", str(folder)]
    err = _refused([*argv, "--pattern", "{label}.pdf"], capsys)
    assert "拒绝导出" in err and "A1.pdf" in err
    assert (folder / "A1.pdf").read_bytes() == before


def test_exported_pdf_has_ordinary_permissions(edition_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "perm.pdf"
    umask = os.umask(0o022)
    try:
        assert main(["export", str(edition_file), "--preset", "proof", "-o", str(out)]) == 0
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644  # not the 0600 of a temporary file


def test_failed_export_keeps_the_previous_pdf(edition_file: Path, monkeypatch, tmp_path) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(edition_file), "--preset", "proof", "-o", str(out)]) == 0
    good = out.read_bytes()

    def broken_painter(pages, path, *args, **kwargs):
        Path(path).write_bytes(b"%PDF-1.3 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("newsdesk.export.print_export.write_pdf", broken_painter)
    from newsdesk.export.print_export import export_edition
    from newsdesk.model.edition_file import load_edition

    with pytest.raises(NewsdeskError, match="磁盘空间不足"):
        export_edition(load_edition(edition_file), base_dir=tmp_path, preset="proof", output=out)
    assert out.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def test_manifest_gives_trim_size_and_pdf_a_subject(edition_file: Path, tmp_path: Path) -> None:
    import pikepdf

    outdir = tmp_path / "out"
    assert main(["export", str(edition_file), "--preset", "proof", "--outdir", str(outdir)]) == 0
    manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["files"]
    assert entry["trim_mm"] == {"width": 390.0, "height": 540.0}
    with pikepdf.open(outdir / entry["file"]) as pdf:
        subject = str(pdf.docinfo["/Subject"])
    assert "unspecified" not in subject and "测试日报" in subject and "390×540 mm" in subject


# --- outputs that must never replace what they should not (issue 10) ----------------------------


def test_output_through_a_symlink_writes_the_file_and_keeps_the_link(edition_file, tmp_path):
    real = tmp_path / "shared" / "today.pdf"
    real.parent.mkdir()
    real.write_bytes(b"%PDF-1.4 yesterday")
    link = tmp_path / "latest.pdf"
    link.symlink_to(real)
    assert main(["export", str(edition_file), "-o", str(link), "--preset", "proof"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"%PDF-") and b"yesterday" not in real.read_bytes()
    assert [p.name for p in real.parent.iterdir()] == ["today.pdf"]


def test_output_over_a_symlinked_folder_is_refused_and_the_link_kept(
    edition_file, tmp_path, capsys
):
    photos = tmp_path / "photo-store"
    photos.mkdir()
    (photos / "a.jpg").write_bytes(b"jpeg")
    link = tmp_path / "images"
    link.symlink_to(photos, target_is_directory=True)
    err = _refused(["export", str(edition_file), "-o", str(link), "--preset", "proof"], capsys)
    assert "这是一个文件夹" in err
    assert link.is_symlink() and (link / "a.jpg").read_bytes() == b"jpeg"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_output_over_a_pipe_or_device_is_refused(edition_file, tmp_path, capsys):
    from newsdesk.files import output_target

    pipe = tmp_path / "out.pdf"
    os.mkfifo(pipe)
    err = _refused(["export", str(edition_file), "-o", str(pipe), "--preset", "proof"], capsys)
    assert "不是普通文件（是管道）" in err
    assert pipe.exists() and not pipe.is_file()
    outdir = tmp_path / "pages"
    outdir.mkdir()
    os.mkfifo(outdir / "manifest.json")
    err = _refused(["export", str(edition_file), "--outdir", str(outdir)], capsys)
    assert "manifest.json" in err and "管道" in err
    assert sorted(p.name for p in outdir.iterdir()) == ["manifest.json"]
    if os.path.exists("/dev/null"):  # never written here: only what the guard says of it
        assert output_target("/dev/null")[1] == "这不是普通文件（是设备或特殊文件）"


def test_sigterm_during_export_leaves_no_part_file(edition_file, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out" / "pages.pdf"
    out.parent.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "export", str(edition_file), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(out.parent.glob(".*.part")):
            if child.poll() is not None:
                pytest.skip("the export finished before it could be interrupted")
            time.sleep(0.005)
        assert list(out.parent.glob(".*.part")), "the export never started writing"
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 128 + signal.SIGTERM
    assert "已被终止" in err.decode()
    assert list(out.parent.iterdir()) == []


def test_a_termination_waits_until_the_temporary_file_has_its_clean_up(tmp_path):
    # SIGTERM raises (cli.Terminated) so `finally` removes temporary files; one arriving while a
    # file is created — before its name reaches that `finally` — is held until the name is there.
    import signal

    from newsdesk.files import temp_file_beside, termination_held

    class Stop(BaseException):
        pass

    def stop(_signum, _frame):
        raise Stop

    # Another thread running, as under pytest-xdist or in an export: the kernel may hand the
    # signal to it (a signal mask on this thread alone would not hold it).
    import threading

    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    other.start()
    previous = signal.signal(signal.SIGTERM, stop)
    tmp = None
    try:
        with pytest.raises(Stop):
            try:
                with termination_held():
                    os.kill(os.getpid(), signal.SIGTERM)  # arrives "during" the creation
                    tmp = temp_file_beside(tmp_path / "out.pdf")
                raise AssertionError("the held signal was not delivered")
            finally:
                assert tmp is not None  # it came after the name was known
                os.unlink(tmp)
    finally:
        signal.signal(signal.SIGTERM, previous)
        done.set()
    assert list(tmp_path.iterdir()) == []
