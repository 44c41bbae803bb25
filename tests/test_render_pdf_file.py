"""The painter's own PDF container (newsdesk/render/pdf_file.py): a valid file that every reader
opens without repair, text strings and names written right, pictures embedded pixel for pixel,
and no reportlab or Pillow import on the galley's way (the reason it exists)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from test_render_pdf_painter import _line, _page, _xobjects  # noqa: E402

from newsdesk.layout.result import Frame, ImageItem, PageLayout
from newsdesk.render.pdf import write_pdf
from newsdesk.render.pdf_file import Name, PdfFile, Raw, Ref, Text, serialise


def test_names_and_text_strings_are_escaped() -> None:
    assert serialise(Name("A B#C/D")) == "/A#20B#23C#2FD"
    assert serialise(Text("(a) \\ b")) == "(\\(a\\) \\\\ b)"
    assert serialise(Text("小样")) == "<FEFF5C0F6837>"
    assert serialise({"K": [1, 2.5, -0.0, True, Ref(7)], "Skip": None, "R": Raw("[/PDF]")}) == (
        "<< /K [1 2.5 0 true 7 0 R] /R [/PDF] >>"
    )
    with pytest.raises(TypeError):
        serialise(object())


def test_reserved_object_never_written_is_refused(tmp_path: Path) -> None:
    pdf = PdfFile()
    pdf.reserve()
    root = pdf.put({"Type": Name("Catalog")})
    with pytest.raises(ValueError, match="never written"):
        pdf.save(str(tmp_path / "x.pdf"), root, root)


def test_written_file_opens_without_repair_and_keeps_its_title(tmp_path: Path) -> None:
    out = tmp_path / "galley.pdf"
    pages = [_page([_line(f"第{n}页的文字", 40, 100)]) for n in range(5)]
    write_pdf(pages, out, title="小样：(稿件).txt", subject="校样")
    with pikepdf.open(out) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert len(pdf.pages) == 5
        assert str(pdf.docinfo.Title) == "小样：(稿件).txt"
        assert str(pdf.docinfo.Subject) == "校样"
        assert str(pdf.docinfo.CreationDate).startswith("D:20")
        assert len(pdf.trailer.ID) == 2
        for page in pdf.pages:
            assert b"TJ" in page.Contents.read_bytes()
            assert page.Contents.Filter == "/FlateDecode"
        assert pdf.pages[0].Resources.Font == pdf.pages[4].Resources.Font
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    if shutil.which("pdftotext"):
        # Each page's content (deflated on the worker thread) is its own page's text.
        for n in range(5):
            text = subprocess.run(
                ["pdftotext", "-f", str(n + 1), "-l", str(n + 1), str(out), "-"],
                capture_output=True,
                text=True,
            ).stdout
            assert f"第{n}页的文字" in text.replace(" ", "")


def test_an_empty_document_is_one_blank_page(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    write_pdf([], out)
    with pikepdf.open(out) as pdf:
        assert pdf.check_pdf_syntax() == [] and len(pdf.pages) == 1


def _embedded(tmp_path: Path, img: Image.Image, name: str) -> Image.Image:
    src = tmp_path / name
    img.save(src)
    w, h = img.size
    item = ImageItem(50, 50, w, h, str(src), (0, 0, w, h), 72)
    out = tmp_path / (name + ".pdf")
    write_pdf([_page([], images=[item])], out, prepare_image=lambda _item: Image.open(src))
    with pikepdf.open(out) as pdf:
        (xobject,) = _xobjects(pdf.pages[0])
        assert xobject.Filter == "/FlateDecode"  # small pictures are lossless
        return pikepdf.PdfImage(xobject).as_pil_image()


@pytest.mark.parametrize("mode", ["RGB", "L", "CMYK"])
def test_small_pictures_are_embedded_pixel_for_pixel(tmp_path: Path, mode: str) -> None:
    img = Image.new(mode, (40, 30))
    values = {"RGB": (10, 200, 30), "L": 77, "CMYK": (5, 60, 120, 250)}[mode]
    img.paste(values, (0, 0, 20, 30))
    suffix = ".tif" if mode == "CMYK" else ".png"
    got = _embedded(tmp_path, img, "small" + suffix)
    assert got.mode == mode and got.size == (40, 30)
    assert got.tobytes() == img.tobytes()


def test_transparent_pictures_sit_on_white_paper(tmp_path: Path) -> None:
    img = Image.new("RGBA", (20, 10), (255, 0, 0, 0))  # red, fully transparent
    img.paste((0, 0, 255, 255), (0, 0, 10, 10))  # opaque blue left half
    got = _embedded(tmp_path, img, "alpha.png")
    assert got.mode == "RGB"
    assert got.getpixel((2, 2)) == (0, 0, 255) and got.getpixel((15, 5)) == (255, 255, 255)


def _galley_loads(
    tmp_path: Path, unwanted: tuple[str, ...], text: str = "## 标题\n\n正文第一段，有一些文字。\n"
) -> list[str]:
    """Run `newsdesk galley` on a small copy in a fresh interpreter; the unwanted modules (or
    packages) it loaded."""
    copy = tmp_path / "稿件.txt"
    copy.write_text(text, encoding="utf-8")
    code = (
        "import sys; from newsdesk.cli import main; "
        f"rc = main(['galley', {str(copy)!r}, '-o', {str(tmp_path / 'g.pdf')!r}]); "
        f"print(sorted(m for m in sys.modules if m in {unwanted!r} "
        f"or m.split('.')[0] in {unwanted!r})); sys.exit(rc)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "g.pdf").read_bytes().startswith(b"%PDF-1.4")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    return ast.literal_eval(run.stdout.strip().splitlines()[-1])  # the list printed above


def test_the_galley_imports_neither_reportlab_nor_pillow(tmp_path: Path) -> None:
    # The container exists so that a galley proof does not pay for those imports.
    assert _galley_loads(tmp_path, ("reportlab", "PIL")) == []


def test_the_galley_loads_only_what_it_needs(tmp_path: Path) -> None:
    # Each of these cost every `newsdesk galley` milliseconds (docs/benchmarks.md): hashlib
    # loads OpenSSL (~4 ms; the built-in BLAKE2/MD5/SHA-1 modules give the same digests),
    # tempfile brings shutil and random (~5 ms), the edition model a dozen dataclasses (~5 ms),
    # the head setter is compiled for nothing when the copy has no heads.
    unwanted = ("hashlib", "_hashlib", "tempfile", "newsdesk.model.edition")
    assert _galley_loads(tmp_path, unwanted) == []
    body_only = "正文第一段，有一些文字。\n第二段。\n"
    assert _galley_loads(tmp_path, ("newsdesk.compose.headline",), body_only) == []


def test_a_temporary_file_beside_its_target_is_new_hidden_and_private(tmp_path: Path) -> None:
    from newsdesk.files import temp_file_beside

    target = tmp_path / "版面.pdf"
    names = {temp_file_beside(target) for _ in range(20)}
    assert len(names) == 20
    for name in names:
        path = Path(name)
        assert path.parent == tmp_path and path.name.startswith(".版面.pdf.")
        assert path.name.endswith(".tmp") and path.stat().st_size == 0
        assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(OSError):
        temp_file_beside(tmp_path / "没有这个文件夹" / "x.pdf")


def test_a_failed_write_stops_the_worker_thread(tmp_path: Path) -> None:
    import threading

    frame = Frame("b", "story", 30, 30, 500, 700, "s", lines=[_line("文字", 40, 100)])
    page = PageLayout(0, 1, "一", 595.0, 842.0, frames=[frame])
    before = threading.active_count()
    with pytest.raises(Exception):  # noqa: B017 - a folder that does not exist
        write_pdf([page, page], tmp_path / "no" / "such" / "folder.pdf")
    assert threading.active_count() == before
