"""Print export, read back: PDF/X-1a structure (pikepdf), fonts (pdffonts), text (pdftotext),
ink (Ghostscript tiff32nc), syntax (qpdf). The edition is built here from model dataclasses."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from newsdesk.cli import main
from newsdesk.compose.dateline import is_dateline
from newsdesk.export.colour import max_ink
from newsdesk.export.manifest import verify_manifest
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Block, Edition, Page, Paragraph, PrintSettings, Story
from newsdesk.model.edition_file import save_edition

HAVE_POPPLER = shutil.which("pdffonts") is not None and shutil.which("pdftotext") is not None
HAVE_GS = shutil.which("gs") is not None
HAVE_QPDF = shutil.which("qpdf") is not None
from conftest import CMYK_PROFILE as FOGRA  # noqa: E402

# Our own copy (not corpus text).
SENTENCES = [
    "清晨六点，城东的早市已经热闹起来，摊主们忙着把刚从郊区运来的蔬菜摆上货架。",
    "一位卖豆腐的老人说，他在这条街上做了二十多年生意，见证了市场从露天摊位变成今天的模样。",
    "市场管理处介绍，今年新装了遮雨棚和排水沟，雨天顾客再也不用踩着泥水买菜了。",
    "附近社区的居民表示，早市价格实惠、品种齐全，是他们每天生活中不可缺少的一部分。",
]


def paragraphs(n: int, shift: int = 0) -> list[Paragraph]:
    return [
        Paragraph(SENTENCES[(i + shift) % 4] + SENTENCES[(i + shift + 1) % 4]) for i in range(n)
    ]


def photo(path: Path, size: tuple[int, int]) -> None:
    """A saturated RGB picture with near-black corners: naive CMYK would exceed any ink limit."""
    w, h = size
    r = Image.linear_gradient("L").resize((w, h))
    g = Image.linear_gradient("L").rotate(90).resize((w, h))
    b = Image.new("L", (w, h), 30)
    Image.merge("RGB", (r, g, b)).save(path, quality=90)


def build_edition(folder: Path, *, print_settings: PrintSettings | None = None) -> Edition:
    ed = Edition(paper="测试日报", date=dt.date(2026, 11, 27), number=321)
    if print_settings is not None:
        ed.print = print_settings
    p1, p2 = Page("p1", section="要闻"), Page("p2", section="城市")
    ed.pages = [p1, p2]
    g = p1.grid
    photo(folder / "market.jpg", (1800, 1200))
    ed.stories["s1"] = Story(
        "s1",
        slug="早市",
        headline="城东早市焕新颜",
        byline="本报讯（记者 林晓）",
        paragraphs=paragraphs(30),
        thread=["a1", "a2"],
    )
    ed.stories["s2"] = Story(
        "s2",
        slug="社区",
        headline="社区食堂开张",
        byline="本报讯（记者 周明）",
        paragraphs=paragraphs(3, shift=2),
        thread=["c1"],
    )
    p1.blocks = [
        Block("a1", "story", *g.block_rect(p1.width, 0, 4, 0, 30), story="s1"),
        Block(
            "ph",
            "image",
            *g.block_rect(p1.width, 4, 4, 0, 30),
            image="market.jpg",
            caption="清晨的早市。",
            credit="本报记者 林晓 摄",
        ),
        Block("x1", "box", *g.block_rect(p1.width, 0, 8, 40, 6), fill=(0.0, 0.1, 0.2, 0.0)),
    ]
    p2.blocks = [
        Block("a2", "story", *g.block_rect(p2.width, 0, 3, 0, 40), story="s1"),
        Block("c1", "story", *g.block_rect(p2.width, 4, 3, 0, 40), story="s2"),
    ]
    return ed


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("print")
    ed = build_edition(folder)
    src = folder / "edition.newsdesk"
    save_edition(ed, src)
    single = folder / "all.pdf"
    assert main(["preflight", str(src)]) == 0, "the test edition must pass preflight"
    assert main(["export", str(src), "-o", str(single)]) == 0
    assert main(["export", str(src), "--outdir", str(folder / "out")]) == 0
    pages = LayoutEngine(ed, base_dir=folder).layout()
    return {"folder": folder, "single": single, "edition": ed, "pages": pages}


def all_files(exported: dict) -> list[Path]:
    return [exported["single"], *sorted((exported["folder"] / "out").glob("*.pdf"))]


def content_streams(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        contents = page.obj.Contents
        parts = contents if isinstance(contents, pikepdf.Array) else [contents]
        yield b"\n".join(part.read_bytes() for part in parts)
        for xobject in _xobjects(page.obj.get("/Resources")):
            if xobject.get("/Subtype") == "/Form":
                yield xobject.read_bytes()


def _xobjects(resources):
    if resources is None or "/XObject" not in resources:
        return []
    return [resources.XObject[k] for k in resources.XObject.keys()]


def test_pdfx_1a_structure(exported: dict) -> None:
    for path in all_files(exported):
        with pikepdf.open(path) as pdf:
            assert pdf.pdf_version == "1.3"
            intents = pdf.Root.OutputIntents
            assert len(intents) == 1
            assert intents[0].S == "/GTS_PDFX"
            assert str(intents[0].OutputConditionIdentifier) == "IFRA26"
            assert str(intents[0].RegistryName) == "http://www.color.org"
            info = pdf.docinfo
            assert str(info.GTS_PDFXVersion) == "PDF/X-1:2001"
            assert str(info.GTS_PDFXConformance) == "PDF/X-1a:2001"
            assert info.Trapped == pikepdf.Name("/False")
            assert str(info.Title).startswith("测试日报")
            for key in ("/CreationDate", "/ModDate", "/Author", "/Creator"):
                assert key in info
            assert "/ID" in pdf.trailer
            for page in pdf.pages:
                media = [float(v) for v in page.MediaBox]
                trim = [float(v) for v in page.TrimBox]
                assert media[0] <= trim[0] < trim[2] <= media[2]
                assert media[1] <= trim[1] < trim[3] <= media[3]
                assert "/ArtBox" not in page.obj  # TrimBox or ArtBox, not both


def test_no_transparency_and_no_rgb(exported: dict) -> None:
    for path in all_files(exported):
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    assert "/SMask" not in obj
                    if "/ca" in obj:
                        assert float(obj.ca) >= 1
                    if "/CA" in obj:
                        assert float(obj.CA) >= 1
                    if obj.get("/Subtype") == "/Image":
                        assert obj.ColorSpace == "/DeviceCMYK"
            for data in content_streams(pdf):
                assert not re.search(rb"(^|\s)(rg|RG|sc|scn|SC|SCN|cs|CS)(\s|$)", data)
                assert re.search(rb"(^|\s)0 0 0 1 k(\s|$)", data)  # black text in 100 % K


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_fonts_embedded_subset_with_tounicode(exported: dict) -> None:
    for path in all_files(exported):
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        rows = out.splitlines()[2:]
        assert rows
        for row in rows:
            assert row.split()[-5:-2] == ["yes", "yes", "yes"], row
            assert re.match(r"[A-Z]{6}\+", row), row


def column_text(path: Path, page: int, line_boxes: list[tuple[float, float, float, float]]) -> str:
    """pdftotext of a rectangle of one page (points at -r 72), whitespace removed."""
    x0 = min(b[0] for b in line_boxes)
    y0 = min(b[1] for b in line_boxes)
    x1 = max(b[2] for b in line_boxes)
    y1 = max(b[3] for b in line_boxes)
    args = ["pdftotext", "-r", "72", "-f", str(page), "-l", str(page)]
    args += ["-x", str(int(x0)), "-y", str(int(y0)), "-W", str(int(x1 - x0) + 1)]
    args += ["-H", str(int(y1 - y0) + 1), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return "".join(out.split())


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_text_of_every_story_in_order(exported: dict) -> None:
    # Read each text column back on its own and chain the columns in thread order.
    ed: Edition = exported["edition"]
    for sid in ed.stories:
        expected, got = [], []
        for page in exported["pages"]:
            for frame in page.frames:
                columns: dict[int, list] = {}
                for line in frame.lines:
                    if line.story == sid and line.part == "body":
                        columns.setdefault(line.column, []).append(line)
                for col in sorted(columns):
                    lines = columns[col]
                    boxes = [
                        (ln.column_x, ln.baseline - 8, ln.column_x + ln.measure, ln.baseline + 2)
                        for ln in lines
                    ]
                    expected.append("".join("".join(ln.text.split()) for ln in lines))
                    got.append(column_text(exported["single"], page.number, boxes))
        assert expected and got == expected
        story = ed.stories[sid]
        body = "".join("".join(p.text.split()) for p in story.paragraphs)
        if is_dateline(story.byline):  # 电头 run into the first paragraph
            body = "".join(story.byline.split()) + body
        assert "".join(expected) == body  # and that is the whole story


@pytest.mark.skipif(not HAVE_GS, reason="ghostscript not installed")
def test_no_pixel_above_the_ink_limit(exported: dict, tmp_path: Path) -> None:
    worst = _worst_ink(exported["single"], tmp_path)
    assert 100 <= worst <= 240 + 0.5


def _worst_ink(pdf: Path, folder: Path) -> float:
    pattern = folder / "sep-%d.tif"
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r72"]
        + [f"-sOutputFile={pattern}", str(pdf)],
        check=True,
    )
    worst = 0.0
    for tif in sorted(folder.glob("sep-*.tif")):
        with Image.open(tif) as im:
            assert im.mode == "CMYK"
            worst = max(worst, max_ink(im))
    return worst


@pytest.mark.skipif(not HAVE_QPDF, reason="qpdf not installed")
def test_qpdf_check_clean(exported: dict) -> None:
    for path in all_files(exported):
        run = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "No syntax or stream encoding errors" in run.stdout


def test_outdir_files_and_manifest(exported: dict) -> None:
    out = exported["folder"] / "out"
    names = sorted(p.name for p in out.glob("*.pdf"))
    assert names == ["测试日报-20261127-01.pdf", "测试日报-20261127-02.pdf"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["preset"] == "newspaper" and manifest["forced"] is False
    assert manifest["preflight"]["errors"] == 0
    assert [f["page"] for f in manifest["files"]] == [1, 2]
    for entry in manifest["files"]:
        assert (out / entry["file"]).stat().st_size == entry["size"]
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
        with pikepdf.open(out / entry["file"]) as pdf:
            assert len(pdf.pages) == 1
    assert verify_manifest(out / "manifest.json") == []
    # A page file swapped for another is caught.
    first, second = (out / n for n in names)
    data = first.read_bytes()
    first.write_bytes(second.read_bytes())
    try:
        assert verify_manifest(out / "manifest.json") == [names[0]]
    finally:
        first.write_bytes(data)


@pytest.mark.skipif(not FOGRA.exists(), reason="no CMYK profile installed")
def test_embedded_profile_and_x4(tmp_path: Path) -> None:
    # With a CMYK profile configured: embedded DestOutputProfile (X-1a), and X-4 with XMP.
    # FOGRA39's own limit is 330 %; this print shop sets 240 % (PrintSettings.ink_limit wins).
    settings = PrintSettings(output_condition="FOGRA39", icc_profile=str(FOGRA), ink_limit=240)
    ed = build_edition(tmp_path, print_settings=settings)
    src = tmp_path / "edition.newsdesk"
    save_edition(ed, src)
    x1a, x4 = tmp_path / "x1a.pdf", tmp_path / "x4.pdf"
    assert main(["export", str(src), "-o", str(x1a)]) == 0
    assert main(["export", str(src), "-o", str(x4), "--preset", "x4"]) == 0
    with pikepdf.open(x1a) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert int(intent.DestOutputProfile.N) == 4
        assert intent.DestOutputProfile.read_bytes() == FOGRA.read_bytes()
    with pikepdf.open(x4) as pdf:
        assert pdf.pdf_version == "1.6"
        assert len(pdf.Root.OutputIntents) == 1
        meta = pdf.open_metadata()
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert meta["pdf:Trapped"] == "False"
        assert str(pdf.docinfo.Author) and str(pdf.docinfo.Creator)
        assert pdf.docinfo.Trapped == pikepdf.Name("/False")
    if HAVE_GS:
        # The profile's separation allows > 300 %; the export pulls it back to the limit.
        assert _worst_ink(x1a, tmp_path) <= 240 + 0.5


def test_x4_without_profile_is_refused(tmp_path: Path, capsys) -> None:
    ed = build_edition(tmp_path)
    src = tmp_path / "edition.newsdesk"
    save_edition(ed, src)
    assert main(["export", str(src), "-o", str(tmp_path / "x4.pdf"), "--preset", "x4"]) == 1
    assert "ICC" in capsys.readouterr().err
    assert not (tmp_path / "x4.pdf").exists()


def test_bleed_and_crop_marks_from_the_command_line(tmp_path: Path) -> None:
    ed = build_edition(tmp_path)
    src = tmp_path / "edition.newsdesk"
    save_edition(ed, src)
    out = tmp_path / "marks.pdf"
    assert main(["export", str(src), "-o", str(out), "--bleed", "3mm", "--crop-marks"]) == 0
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            media, bleed, trim = (
                [float(v) for v in page[key]] for key in ("/MediaBox", "/BleedBox", "/TrimBox")
            )
            assert trim[2] - trim[0] == pytest.approx(ed.pages[0].width, abs=0.01)
            assert bleed[0] == pytest.approx(trim[0] - 8.504, abs=0.01)
            assert media[0] < bleed[0] < trim[0] and trim[3] < bleed[3] < media[3]
    assert main(["export", str(src), "-o", str(out), "--bleed", "3 furlongs"]) == 1


def test_crop_marks_are_in_registration_colour_on_every_plate(tmp_path: Path) -> None:
    ed = build_edition(tmp_path)
    src = tmp_path / "edition.newsdesk"
    save_edition(ed, src)
    out = tmp_path / "marks.pdf"
    assert main(["export", str(src), "-o", str(out), "--bleed", "3mm", "--crop-marks"]) == 0
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        spaces = page.Resources.ColorSpace
        (name,) = [k for k, cs in spaces.items() if str(cs[0]) == "/Separation"]
        space = spaces[name]
        assert str(space[1]) == "/All" and str(space[2]) == "/DeviceCMYK"
        data = b"\n".join(
            p.read_bytes()
            for p in (
                page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]
            )
        )
        assert f"{name} CS 1 SCN".encode() in data
        trim = [float(v) for v in page.TrimBox]
    if not HAVE_GS:
        return
    # Ghostscript's separations: a pixel on the vertical mark at the lower-left corner is inked
    # on all four plates.
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r300"]
        + ["-dFirstPage=1", "-dLastPage=1", f"-sOutputFile={tmp_path / 'marks.tif'}", str(out)],
        check=True,
    )
    with Image.open(tmp_path / "marks.tif") as sheet:
        scale = 300 / 72
        x = round(trim[0] * scale)
        column = [
            sheet.getpixel((x + dx, sheet.height - 1 - round(y * scale)))
            for dx in (-1, 0, 1)
            for y in range(2, 12)
        ]
        assert any(all(v > 200 for v in pixel) for pixel in column), column[:5]
