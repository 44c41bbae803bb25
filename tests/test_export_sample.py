"""The bundled sample edition (four broadsheet pages, photos, a PDF ad) through the print export."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from test_export_pdfx import _worst_ink, content_streams

from newsdesk.cli import main
from newsdesk.model.edition_file import load_edition
from newsdesk.sample import write_sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("sample")
    source = write_sample(folder / "sample.newsdesk")
    out = folder / "sample.pdf"
    assert main(["export", str(source), "-o", str(out)]) == 0
    return {"folder": folder, "source": source, "pdf": out, "edition": load_edition(source)}


def test_sample_passes_preflight(sample: dict, capsys) -> None:
    assert main(["preflight", str(sample["source"]), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 0 and report["ok"] is True


def test_ads_stay_vector_and_everything_is_cmyk(sample: dict) -> None:
    with pikepdf.open(sample["pdf"]) as pdf:
        assert pdf.pdf_version == "1.3" and len(pdf.pages) == 4
        forms = images = 0
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
                forms += 1
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                images += 1
                assert obj.ColorSpace == "/DeviceCMYK"
                assert "/SMask" not in obj
        assert forms >= 1 and images >= 4
        for data in content_streams(pdf):
            assert b" rg" not in data and b" RG" not in data


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_every_headline_is_in_the_text(sample: dict) -> None:
    text = subprocess.run(
        ["pdftotext", str(sample["pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    placed = {b.story for p in sample["edition"].pages for b in p.blocks if b.story}
    for sid in placed:
        headline = "".join(sample["edition"].stories[sid].headline.split())
        assert headline in flat, headline


@pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript not installed")
def test_sample_ink_within_the_limit(sample: dict, tmp_path: Path) -> None:
    """The sample sets no limit of its own: IFRA26's 220 % (WAN-IFRA, ISO 12647-3:2013) holds."""
    from newsdesk.export.conditions import ink_limit

    limit = ink_limit(sample["edition"].print)
    assert limit == 220.0
    assert _worst_ink(sample["pdf"], tmp_path) <= limit + 0.5


@pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript not installed")
def test_photo_shadows_print_with_heavy_black(sample: dict, tmp_path: Path) -> None:
    """Ghostscript's separations (tiff32nc) of the sample export: in every photo whose picture
    has deep shadows (grey component ≥ 85 %, RGB ≤ 38), the darkest printed area carries
    K ≥ 90 % (the old separation peaked at 73 %)."""
    from PIL import Image, ImageChops

    from newsdesk.layout.engine import LayoutEngine

    resolution = 100
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", f"-r{resolution}"]
        + [f"-sOutputFile={tmp_path / 'sep-%d.tif'}", str(sample["pdf"])],
        check=True,
    )
    pages = LayoutEngine(sample["edition"], base_dir=sample["folder"]).layout()
    checked = 0
    scale = resolution / 72
    for page in pages:
        with Image.open(tmp_path / f"sep-{page.number}.tif") as sheet:
            sheet.load()
            for frame in page.frames:
                for item in frame.images:
                    if item.is_pdf or item.missing:
                        continue
                    with Image.open(item.path) as src:
                        shown = src.convert("RGB").crop(tuple(round(v) for v in item.crop))
                    # Brightest channel per pixel, on 8 × 8 averages (a shadow, not a speck).
                    r, g, b = shown.reduce(8).split()
                    if ImageChops.lighter(r, ImageChops.lighter(g, b)).getextrema()[0] > 38:
                        continue  # no deep shadow in this picture
                    box = [
                        round(v * scale)
                        for v in (item.x, item.y, item.x + item.width, item.y + item.height)
                    ]
                    region = sheet.crop((box[0] + 2, box[1] + 2, box[2] - 2, box[3] - 2))
                    k_max = region.getchannel("K").getextrema()[1]
                    assert k_max >= 0.9 * 255, (item.path, k_max * 100 / 255)
                    checked += 1
    assert checked >= 3


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_sample_qpdf_clean(sample: dict) -> None:
    run = subprocess.run(["qpdf", "--check", str(sample["pdf"])], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def _boxes(page) -> dict[str, list]:
    from decimal import Decimal

    return {
        key: [Decimal(str(v)) for v in page.obj[key]]
        for key in ("/MediaBox", "/BleedBox", "/TrimBox")
    }


def _nested(inner: list, outer: list) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def test_page_boxes_on_a_grid_and_nested(sample: dict, tmp_path: Path) -> None:
    from decimal import Decimal

    marked = tmp_path / "marks.pdf"
    args = ["export", str(sample["source"]), "-o", str(marked), "--bleed", "3mm", "--crop-marks"]
    assert main(args) == 0
    for path in (sample["pdf"], marked):
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                boxes = _boxes(page)
                for key, grid in (
                    ("/TrimBox", Decimal("0.001")),
                    ("/BleedBox", Decimal("0.001")),
                    ("/MediaBox", Decimal("0.01")),
                ):
                    assert all(v % grid == 0 for v in boxes[key]), (key, boxes[key])
                assert _nested(boxes["/TrimBox"], boxes["/BleedBox"])
                assert _nested(boxes["/BleedBox"], boxes["/MediaBox"])
                # Rounded the way Ghostscript rounds the sheet (1/100 pt, half up): still nested.
                media = [Decimal(int(v * 100 + Decimal("0.5"))) / 100 for v in boxes["/MediaBox"]]
                assert _nested(boxes["/BleedBox"], media)


@pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript not installed")
def test_ghostscript_pdfx_writer_keeps_the_export_pdfx(sample: dict, tmp_path: Path) -> None:
    """gs -dPDFX reverted the export to plain PDF ("TrimBox does not fit inside BleedBox")
    when the sheet was 1530.709 pt: it rounds the MediaBox to 1/100 pt."""
    marked = tmp_path / "marks.pdf"
    args = ["export", str(sample["source"]), "-o", str(marked), "--bleed", "3mm", "--crop-marks"]
    assert main(args) == 0
    for path in (sample["pdf"], marked):
        out = tmp_path / f"gs-{path.name}"
        run = subprocess.run(
            [
                "gs",
                "-dPDFX=true",
                "-dBATCH",
                "-dNOPAUSE",
                "-dSAFER",
                "-sDEVICE=pdfwrite",
                "-sColorConversionStrategy=CMYK",
                f"-sOutputFile={out}",
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        said = run.stdout + run.stderr
        assert run.returncode == 0, said
        assert "reverting" not in said and "not permitted" not in said, said
        with pikepdf.open(out) as pdf:
            assert len(pdf.pages) == 4
            for page in pdf.pages:
                boxes = _boxes(page)
                assert _nested(boxes["/TrimBox"], boxes["/BleedBox"])


def test_print_shop_sets_its_own_ink_limit(sample: dict, tmp_path: Path, capsys) -> None:
    """A shop asking 214 %: the sample's vector ad (its dark blue is 220 %) is refused by
    name, since nothing in an ad is converted; the photos are separated within 214 %."""
    out = tmp_path / "shop.pdf"
    args = ["export", str(sample["source"]), "-o", str(out), "--ink-limit", "214"]
    assert main(args) == 1
    said = capsys.readouterr().err
    assert "广告 PDF" in said and "220% 超过 214%" in said and "版面设置" in said
    assert main([*args, "--force"]) == 0
    with pikepdf.open(out) as pdf:
        images = [
            o
            for o in pdf.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
        ]
        assert images
        for image in images:  # decoded as the JPEG files they are (Adobe CMYK)
            from io import BytesIO

            from PIL import Image

            from newsdesk.export.colour import max_ink

            if image.get("/Filter") == "/DCTDecode":
                with Image.open(BytesIO(image.read_raw_bytes())) as photo:
                    assert max_ink(photo) <= 214 + 0.5
    assert main(["export", str(sample["source"]), "-o", str(out), "--ink-limit", "50"]) == 1
