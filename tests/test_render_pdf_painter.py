"""The PDF painter: read what it wrote back and check glyph positions, fonts, colour and items."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from newsdesk.layout.result import (
    BoxItem,
    Frame,
    GlyphRun,
    ImageItem,
    Line,
    PageLayout,
    RuleItem,
)
from newsdesk.render.pdf import write_pdf

# The bundled body face, through the font registry (as the layout engine names faces).
FACE = "serif"

# A system TrueType face given by path: the painter also accepts a bare font file as face key.
_SYSTEM_TTF = [
    Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
]
SYSTEM_TTF = next((p for p in _SYSTEM_TTF if p.exists()), None)


def face_key() -> str:
    return FACE


def _line(text: str, x: float, baseline: float, size: float = 9.0, advance: float = 9.0) -> Line:
    xs = [x + i * advance for i in range(len(text))]
    run = GlyphRun(face_key(), size, text, xs, [baseline] * len(text), list(range(len(text))))
    return Line(
        text, "s1", "body", 0, 0, len(text), x, baseline, advance * len(text), x, 300, runs=[run]
    )


def _page(lines: list[Line], **frame_items) -> PageLayout:
    frame = Frame("b1", "story", 30, 30, 500, 700, "s1", lines=lines, **frame_items)
    return PageLayout(0, 1, "第一版", 595.0, 842.0, frames=[frame])


def _content(pdf: pikepdf.Pdf, n: int = 0) -> bytes:
    return (
        pdf.pages[n].Contents.read_bytes()
        if not isinstance(pdf.pages[n].Contents, pikepdf.Array)
        else b"".join(s.read_bytes() for s in pdf.pages[n].Contents)
    )


def test_glyphs_land_at_layout_positions(tmp_path: Path) -> None:
    # Uneven advances (justification, punctuation compression) must survive exactly.
    text = "新闻排版，报纸校对。"
    xs = [40.0, 49.0, 58.5, 67.25, 76.0, 82.0, 91.0, 100.125, 109.0, 118.0]
    run = GlyphRun(face_key(), 9.0, text, xs, [100.0] * len(text), list(range(len(text))))
    line = Line(text, "s1", "body", 0, 0, len(text), 40, 100, 87, 40, 300, runs=[run])
    out = tmp_path / "pos.pdf"
    write_pdf([_page([line])], out)
    with pdfplumber.open(out) as pdf:
        chars = pdf.pages[0].chars
    assert "".join(c["text"] for c in chars) == text
    for c, x in zip(chars, xs):
        assert c["x0"] == pytest.approx(x, abs=0.02)
        assert c["size"] == pytest.approx(9.0, abs=0.01)


def test_vertical_run_places_each_glyph_in_its_box(tmp_path: Path) -> None:
    text = "竖排标题"
    tops = [100.0 + 24 * i for i in range(len(text))]
    run = GlyphRun(face_key(), 24.0, text, [400.0] * 4, tops, [0, 1, 2, 3], vertical=True)
    line = Line(text, "s1", "headline", 0, 0, 4, 400, 100, 24, 400, 24, runs=[run])
    out = tmp_path / "vertical.pdf"
    write_pdf([_page([line])], out)
    with pdfplumber.open(out) as pdf:
        chars = pdf.pages[0].chars
    assert [c["text"] for c in chars] == list(text)
    for c, top in zip(chars, tops):
        assert c["x0"] == pytest.approx(400.0, abs=0.02)
        # pdfplumber's box runs from ascent to descent around the baseline: the em box here.
        assert c["top"] == pytest.approx(top, abs=1.0)
        assert c["bottom"] == pytest.approx(top + 24.0, abs=1.0)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_fonts_embedded_subset_with_tounicode_and_no_helvetica(tmp_path: Path) -> None:
    out = tmp_path / "fonts.pdf"
    write_pdf([_page([_line("字体嵌入子集。", 40, 100)])], out)
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, listing
    for row in rows:
        cols = row.split()
        assert cols[-5:-2] == ["yes", "yes", "yes"], row  # emb sub uni
        assert "Helvetica" not in row


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_text_round_trips_through_pdftotext(tmp_path: Path) -> None:
    lines = [_line("第一行正文，", 40, 100), _line("第二行正文。", 40, 114)]
    out = tmp_path / "text.pdf"
    write_pdf([_page(lines)], out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert text.split() == ["第一行正文，", "第二行正文。"]


def test_black_text_is_k_only_and_overprinted(tmp_path: Path) -> None:
    out = tmp_path / "k.pdf"
    rules = [RuleItem(30, 60, 500, 60, 1.0)]
    write_pdf([_page([_line("黑色文字", 40, 100)], rules=rules)], out)
    with pikepdf.open(out) as pdf:
        content = _content(pdf).decode("latin-1")
        assert re.search(r"(^|\s)0 0 0 1 k(\s|$)", content)
        assert not re.search(r"\b(rg|RG)\b", content)
        states = pdf.pages[0].Resources.ExtGState
        used = re.findall(r"/(\w+) gs", content)
        assert used
        merged = {}
        for name in used:
            merged.update({str(k): v for k, v in states[f"/{name}"].items()})
        assert bool(merged["/op"]) and bool(merged["/OP"]) and int(merged["/OPM"]) == 1


def test_rgb_mode_for_screen_proofs(tmp_path: Path) -> None:
    out = tmp_path / "rgb.pdf"
    rules = [RuleItem(30, 60, 500, 60, 1.0, color=(0.0, 1.0, 1.0, 0.0))]
    write_pdf([_page([_line("屏幕校样", 40, 100)], rules=rules)], out, cmyk=False)
    with pikepdf.open(out) as pdf:
        operators = {str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])}
    assert {"rg", "RG"} <= operators
    assert not operators & {"k", "K", "gs"}  # no CMYK, no overprint states
    assert operators <= {
        "BT",
        "ET",
        "Tm",
        "Tf",
        "TJ",
        "rg",
        "RG",
        "w",
        "m",
        "l",
        "S",
        "q",
        "Q",
        "cm",
    }


def test_missing_glyphs_red_box_in_proofs_nothing_in_print(tmp_path: Path) -> None:
    run = GlyphRun(face_key(), 9.0, "\U000300fa", [40.0], [100.0], [0], missing=True)
    line = Line("\U000300fa", "s1", "body", 0, 0, 1, 40, 100, 9, 40, 300, runs=[run])
    proof, press = tmp_path / "proof.pdf", tmp_path / "press.pdf"
    write_pdf([_page([line])], proof, mark_missing=True)
    write_pdf([_page([line])], press, mark_missing=False)
    with pikepdf.open(proof) as pdf:
        assert "0 1 1 0 K" in _content(pdf).decode("latin-1")
    with pikepdf.open(press) as pdf:
        assert "0 1 1 0 K" not in _content(pdf).decode("latin-1")


def test_images_cmyk_and_missing_image_placeholder(tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    Image.new("RGB", (300, 200), (20, 120, 220)).save(photo)
    images = [
        ImageItem(40, 300, 150, 100, str(photo), (0, 0, 300, 200), 144),
        ImageItem(220, 300, 150, 100, str(tmp_path / "gone.jpg"), (0, 0, 1, 1), 0, missing=True),
    ]
    boxes = [BoxItem(40, 450, 200, 40, 0.5, fill=(0, 0, 0, 0.15))]
    out = tmp_path / "img.pdf"
    write_pdf([_page([_line("图片", 40, 100)], images=images, boxes=boxes)], out)
    with pikepdf.open(out) as pdf:
        xobjects = pdf.pages[0].Resources.XObject
        colour_spaces = {str(xobjects[k].ColorSpace) for k in xobjects.keys()}
    assert colour_spaces == {"/DeviceCMYK"}
    with pdfplumber.open(out) as pdf:
        assert "缺图：gone.jpg" in pdf.pages[0].extract_text()


@pytest.mark.skipif(SYSTEM_TTF is None, reason="no system TrueType font")
def test_a_font_file_path_works_as_face_key(tmp_path: Path) -> None:
    text = "Newsdesk" if "DejaVu" in str(SYSTEM_TTF) else "文楷字体"
    run = GlyphRun(
        str(SYSTEM_TTF),
        12.0,
        text,
        [40.0 + 12 * i for i in range(len(text))],
        [100.0] * len(text),
        list(range(len(text))),
    )
    line = Line(text, "s1", "body", 0, 0, len(text), 40, 100, 96, 40, 300, runs=[run])
    out = tmp_path / "path.pdf"
    write_pdf([_page([line])], out)
    with pdfplumber.open(out) as pdf:
        assert "".join(c["text"] for c in pdf.pages[0].chars) == text


def test_pdf_ad_stays_vector(tmp_path: Path) -> None:
    ad = tmp_path / "ad.pdf"
    c = Canvas(str(ad), pagesize=(200, 100))
    c.setFillColorCMYK(0, 1, 1, 0)
    c.rect(10, 10, 180, 80, fill=1)
    c.save()
    item = ImageItem(40, 300, 200, 100, str(ad), (0, 0, 200, 100), 0, is_pdf=True)
    out = tmp_path / "with_ad.pdf"
    write_pdf([_page([_line("广告", 40, 100)], images=[item])], out)
    with pikepdf.open(out) as pdf:
        xobjects = pdf.pages[0].Resources.XObject
        forms = [xobjects[k] for k in xobjects.keys() if xobjects[k].Subtype == "/Form"]
        assert len(forms) == 1
        assert b"re" in forms[0].read_bytes()


def test_progress_callback_and_multiple_page_sizes(tmp_path: Path) -> None:
    pages = [_page([_line("第一版", 40, 100)]), _page([_line("第二版", 40, 100)])]
    pages[1].index, pages[1].number, pages[1].width, pages[1].height = 1, 2, 400.0, 600.0
    calls: list[tuple[int, int]] = []
    out = tmp_path / "two.pdf"
    write_pdf(pages, out, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    with pikepdf.open(out) as pdf:
        assert [float(x) for x in pdf.pages[1].MediaBox] == [0, 0, 400, 600]
        assert [float(x) for x in pdf.pages[1].TrimBox] == [0, 0, 400, 600]


def test_bleed_and_crop_marks_enlarge_the_sheet(tmp_path: Path) -> None:
    out = tmp_path / "bleed.pdf"
    write_pdf([_page([_line("出血", 40, 100)])], out, bleed=8.5, crop_marks=True)
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
    assert trim[2] - trim[0] == pytest.approx(595.0) and trim[3] - trim[1] == pytest.approx(842.0)
    assert bleed[0] == pytest.approx(trim[0] - 8.5) and bleed[3] == pytest.approx(trim[3] + 8.5)
    assert media[0] <= bleed[0] and media[2] >= bleed[2]
    assert media[2] - media[0] > 595.0 + 17.0  # room for the marks too


def test_ad_lands_on_its_page_when_only_some_pages_are_written(tmp_path: Path) -> None:
    ad = tmp_path / "ad.pdf"
    c = Canvas(str(ad), pagesize=(100, 100))
    c.rect(10, 10, 80, 80, fill=1)
    c.save()
    plain = _page([_line("第二版", 40, 100)])
    with_ad = _page(
        [_line("第四版", 40, 100)],
        images=[ImageItem(40, 300, 100, 100, str(ad), (0, 0, 100, 100), 0, is_pdf=True)],
    )
    plain.index, plain.number = 1, 2
    with_ad.index, with_ad.number = 3, 4
    out = tmp_path / "some.pdf"
    write_pdf([with_ad, plain], out)
    with pikepdf.open(out) as pdf:
        kinds = [sorted(str(x.Subtype) for x in _xobjects(p)) for p in pdf.pages]
    assert kinds == [["/Form"], []]


def _xobjects(page) -> list:
    resources = page.obj.get("/Resources")
    if resources is None or "/XObject" not in resources:
        return []
    return [resources.XObject[k] for k in resources.XObject.keys()]


def test_subset_names_are_unique_after_merging_a_reportlab_ad(tmp_path: Path) -> None:
    # The ad was written by the same painter: its subsets would be named like ours.
    ad = tmp_path / "ad.pdf"
    write_pdf([_page([_line("广告文字不同", 0, 20)])], ad)
    item = ImageItem(40, 300, 200, 283, str(ad), (0, 0, 595, 842), 0, is_pdf=True)
    out = tmp_path / "merged.pdf"
    write_pdf([_page([_line("正文文字", 40, 100)], images=[item])], out)
    with pikepdf.open(out) as pdf:
        names = [
            str(o.BaseFont).lstrip("/")
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary)
            and o.get("/Type") == "/Font"
            and o.get("/Subtype") != "/CIDFontType2"  # named like the Type0 font above it
        ]
    assert len(names) == 2 and len(set(names)) == 2
    assert all(re.fullmatch(r"[A-Z]{6}\+.+", n) for n in names)


@pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript not installed")
def test_cmyk_photo_keeps_its_values_through_jpeg(tmp_path: Path) -> None:
    # A flat CMYK picture: after JPEG embedding and rendering, the separations match.
    src = tmp_path / "flat.tif"
    Image.new("CMYK", (400, 300), (20, 140, 200, 30)).save(src)
    item = ImageItem(100, 100, 200, 150, str(src), (0, 0, 400, 300), 144)
    out = tmp_path / "flat.pdf"
    write_pdf([_page([], images=[item])], out)
    with pikepdf.open(out) as pdf:
        xobjects = _xobjects(pdf.pages[0])
        filters = [
            str(f)
            for x in xobjects
            for f in (x.Filter if isinstance(x.Filter, pikepdf.Array) else [x.Filter])
        ]
        assert filters == ["/DCTDecode"]
    tif = tmp_path / "render.tif"
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiff32nc", "-r72"]
        + [f"-sOutputFile={tif}", str(out)],
        check=True,
    )
    with Image.open(tif) as im:
        value = im.getpixel((200, 175))
    assert all(abs(a - b) <= 3 for a, b in zip(value, (20, 140, 200, 30)))


# Characters the test font has: common Han, CJK punctuation, Latin and digits.
_ALPHABET = "中国新闻报纸排版校对城市早晨，。、：“”（）《》ABCxyz0129"


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_ALPHABET), st.floats(0.3, 1.6)), min_size=1, max_size=40),
    st.floats(6.0, 30.0),
)
def test_any_advances_place_every_glyph_exactly(tmp_path_factory, glyphs, size) -> None:
    # Random text with random advances (justification, compression, tracking): every glyph
    # must be drawn where the layout put it, whatever the font's own widths are.
    text = "".join(ch for ch, _ in glyphs)
    xs, x = [], 30.0
    for _, advance in glyphs:
        xs.append(round(x, 3))
        x += advance * size
    run = GlyphRun(face_key(), size, text, xs, [200.0] * len(text), list(range(len(text))))
    line = Line(text, "s", "body", 0, 0, len(text), 30, 200, x - 30, 30, 900, runs=[run])
    page = PageLayout(
        0, 1, "", 1000.0, 400.0, frames=[Frame("b", "story", 0, 0, 1, 1, "s", [line])]
    )
    out = tmp_path_factory.mktemp("prop") / "p.pdf"
    write_pdf([page], out)
    with pdfplumber.open(out) as pdf:
        chars = pdf.pages[0].chars
    assert "".join(c["text"] for c in chars) == text
    for c, expected in zip(chars, xs):
        assert c["x0"] == pytest.approx(expected, abs=0.02)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_rare_characters_beyond_the_bmp_copy_out_right(tmp_path: Path) -> None:
    # 生僻字 in names often live in CJK Extension B, drawn with a system fallback face.
    from newsdesk.fonts import default_registry

    registry = default_registry()
    rare = next((ch for ch in "𡈼𠮷𤭢𨚕𩽾" if registry.resolve(ch, "serif") is not None), None)
    if rare is None:
        pytest.skip("no installed font has an Extension B character")
    fallback = registry.resolve(rare, "serif").key
    runs = [
        GlyphRun(FACE, 12.0, "张", [40.0], [100.0], [0]),
        GlyphRun(fallback, 12.0, rare, [52.0], [100.0], [1]),
        GlyphRun(FACE, 12.0, "先生", [64.0, 76.0], [100.0, 100.0], [2, 3]),
    ]
    text = "张" + rare + "先生"
    line = Line(text, "s1", "body", 0, 0, 4, 40, 100, 48, 40, 300, runs=runs)
    out = tmp_path / "rare.pdf"
    write_pdf([_page([line])], out, registry)
    got = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert got.strip() == text


def test_tounicode_cmaps_keep_blocks_of_at_most_100(tmp_path: Path) -> None:
    from newsdesk.fonts import default_registry

    face = default_registry().face(FACE)
    text = "".join(chr(c) for c in range(0x4E00, 0x9FA5) if face.has(chr(c)))[:300]
    lines = [_line(text[i : i + 30], 40, 60 + i / 30 * 14) for i in range(0, len(text), 30)]
    out = tmp_path / "cmap.pdf"
    write_pdf([_page(lines)], out)
    with pikepdf.open(out) as pdf:
        cmaps = [
            o.ToUnicode.read_bytes().decode()
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and "/ToUnicode" in o
        ]
    assert cmaps
    for cmap in cmaps:
        counts = [int(n) for n in re.findall(r"(\d+) beginbfchar", cmap)]
        assert counts and max(counts) <= 100
        assert sum(counts) == len(re.findall(r"^<[0-9A-F]{2,4}> <[0-9A-F]{4,}>$", cmap, re.M))


_PATH_OPERATORS = {
    "m",
    "l",
    "c",
    "v",
    "y",
    "h",
    "re",
    "S",
    "s",
    "f",
    "F",
    "f*",
    "B",
    "b",
    "n",
    "Do",
}


def test_text_objects_hold_only_text_and_lines_share_them(tmp_path: Path) -> None:
    # Consecutive lines share one BT … ET and name their font once; rules, boxes, emphasis dots
    # and missing-glyph boxes are paths, which a text object may not contain (PDF 32000 §8.2):
    # the painter closes it before each of them, and every TJ still has its font set.
    from newsdesk.layout.result import MarkItem

    lines = [_line("第一行正文，", 40, 100), _line("第二行正文。", 40, 114)]
    dotted = _line("着重号", 40, 128)
    dotted.marks = [MarkItem(44.5, 131.0, 1.4)]
    missing = GlyphRun(face_key(), 9.0, "\U000300fa", [67.0], [128.0], [3], missing=True)
    dotted.runs.append(missing)
    after = [_line("框后文字。", 40, 142), _line("规后文字。", 40, 156)]
    rules = [RuleItem(30, 60, 500, 60, 1.0)]
    boxes = [BoxItem(30, 200, 200, 40, 0.5, fill=(0, 0, 0, 0.15))]
    out = tmp_path / "objects.pdf"
    write_pdf([_page([*lines, dotted, *after], rules=rules, boxes=boxes)], out)
    with pikepdf.open(out) as pdf:
        ops = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
    inside, font_set, objects = False, False, 0
    for op in ops:
        if op == "BT":
            assert not inside
            inside, font_set, objects = True, False, objects + 1
        elif op == "ET":
            assert inside
            inside = False
        elif op == "Tf":
            font_set = True
        elif op in ("TJ", "Tj"):
            assert inside and font_set
        elif op in _PATH_OPERATORS:
            assert not inside, f"{op} inside a text object: {ops}"
    assert not inside
    assert ops.count("TJ") == 5 and ops.count("Tm") == 5
    # The first three lines' text in one object; the missing glyph's box and the dots close it,
    # the last two lines share the next.
    assert objects == 2 and ops.count("Tf") == 2
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    assert text.split() == ["第一行正文，", "第二行正文。", "着重号", "框后文字。", "规后文字。"]
