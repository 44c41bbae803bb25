"""`newsdesk sample` and the pictures and ads it writes beside the edition file."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest
from PIL import Image

from newsdesk.cli import main
from newsdesk.model.edition_file import load_edition
from newsdesk.sample import build_sample_edition, write_sample
from newsdesk.sample.assets import write_assets


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "out" / "paper.newsdesk"
    assert main(["sample", "-o", str(path)]) == 0
    return path


def test_sample_writes_the_edition_and_its_pictures(written):
    ed = load_edition(written)
    assert ed.paper == "滨江日报" and len(ed.pages) == 4
    names = [b.image for p in ed.pages for b in p.blocks if b.kind in ("image", "ad")]
    assert len(names) >= 6
    for name in names:
        assert not name.startswith("/"), "links must be relative to the edition"
        assert (written.parent / name).is_file(), name


def test_written_file_round_trips_to_the_built_edition(written):
    assert load_edition(written) == build_sample_edition()


def test_sample_refuses_to_overwrite_without_force(written, capsys):
    before = written.read_bytes()
    assert main(["sample", "-o", str(written)]) == 1
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err and "Traceback" not in err
    assert written.read_bytes() == before
    assert main(["sample", "-o", str(written), "--force"]) == 0


def test_default_path_is_sample_newsdesk_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["sample"]) == 0
    assert (tmp_path / "sample.newsdesk").is_file()
    assert (tmp_path / "images").is_dir()


def test_write_sample_adds_the_extension(tmp_path):
    path = write_sample(tmp_path / "edition")
    assert path.name == "edition.newsdesk" and path.is_file()


def test_pictures_are_deterministic_small_rgb_jpegs(tmp_path):
    ed = build_sample_edition()
    first = write_assets(ed, tmp_path / "a")
    second = write_assets(ed, tmp_path / "b")

    def digest(p):
        return hashlib.sha256(p.read_bytes()).hexdigest()

    assert [digest(p) for p in first if p.suffix == ".jpg"] == [
        digest(p) for p in second if p.suffix == ".jpg"
    ]
    assert sum(p.stat().st_size for p in first) < 3_000_000
    for p in first:
        if p.suffix == ".jpg":
            with Image.open(p) as im:
                assert im.format == "JPEG" and im.mode == "RGB"
                assert round(im.info["dpi"][0]) >= 250


def test_ad_pdf_is_one_page_cmyk_vector_with_embedded_fonts(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    ed = build_sample_edition()
    pdfs = [p for p in write_assets(ed, tmp_path) if p.suffix == ".pdf"]
    assert len(pdfs) == 1
    with pikepdf.open(pdfs[0]) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        ops = {str(op) for _operands, op in pikepdf.parse_content_stream(page)}
        assert "k" in ops  # CMYK fill
        assert not ops & {"rg", "RG", "g", "G", "sc", "scn", "Do"}  # no RGB/grey, no images
        fonts = page.Resources.Font
        for name in fonts.keys():
            descendant = fonts[name].get("/DescendantFonts")
            font = descendant[0] if descendant is not None else fonts[name]
            descriptor = font.FontDescriptor
            assert "/FontFile2" in descriptor or "/FontFile" in descriptor
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(pdfs[0])], capture_output=True, text=True).stdout
        rows = out.splitlines()[2:]
        assert rows and all(" yes yes " in row for row in rows)


def test_unwritable_path_gives_a_chinese_message(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["sample", "-o", str(blocker / "sub" / "s.newsdesk")]) == 1
    err = capsys.readouterr().err
    assert "无法写出示例版面" in err and "Traceback" not in err
