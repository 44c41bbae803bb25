"""The painter's own TrueType embedding (newsdesk/render/pdf_fonts.py): cmap lookups, subset
programs and the CID fonts in the PDF, checked against fontTools and poppler."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import calcChecksum

from newsdesk.errors import FontError
from newsdesk.layout.result import Frame, GlyphRun, Line, PageLayout
from newsdesk.render.pdf import write_pdf
from newsdesk.render.pdf_fonts import EmbeddedFont, TrueTypeFace, to_unicode_cmap

REPO = Path(__file__).resolve().parents[1]
SONG = REPO / "fonts" / "NewsdeskSong-Regular.ttf"
# A face with composite glyphs (accented Latin) and a format 12 cmap, when installed.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _faces() -> list[Path]:
    return [p for p in (SONG, DEJAVU) if p.is_file()]


@pytest.mark.parametrize("path", _faces(), ids=lambda p: p.name)
def test_cmap_lookup_matches_fonttools(path: Path) -> None:
    reference = TTFont(str(path), lazy=True)
    cmap = reference.getBestCmap()
    face = TrueTypeFace(str(path))
    wrong = [cp for cp in cmap if face.glyph_id(chr(cp)) != reference.getGlyphID(cmap[cp])]
    assert not wrong
    # Characters the face lacks map to .notdef.
    absent = [cp for cp in range(0x20, 0x30000, 101) if cp not in cmap]
    assert absent and all(face.glyph_id(chr(cp)) == 0 for cp in absent)


@pytest.mark.parametrize("path", _faces(), ids=lambda p: p.name)
def test_subset_program_keeps_outlines_and_metrics(path: Path) -> None:
    reference = TTFont(str(path))
    cmap = reference.getBestCmap()
    face = TrueTypeFace(str(path))
    font = EmbeddedFont(face, "F1")
    chars = random.Random(7).sample(sorted(cmap), min(300, len(cmap)))
    for cp in chars:
        font.add(chr(cp))
    program, order = face.subset_program(font.glyphs)
    subset = TTFont(io.BytesIO(program))
    names = subset.getGlyphOrder()
    assert len(names) == len(order) >= len(chars) + 1
    glyf, ref_glyf = subset["glyf"], reference["glyf"]
    for new, gid in enumerate(order):
        name = reference.getGlyphName(gid)
        got, want = glyf[names[new]], ref_glyf[name]
        got_points = list(got.getCoordinates(glyf)[0]) if got.numberOfContours else []
        want_points = list(want.getCoordinates(ref_glyf)[0]) if want.numberOfContours else []
        assert got_points == want_points, name
        assert subset["hmtx"][names[new]] == reference["hmtx"][name]
    # Code n draws the character it was given for.
    for code, cp in enumerate(chars, start=1):
        assert order[code] == reference.getGlyphID(cmap[cp])


def test_tounicode_uses_surrogate_pairs_beyond_the_bmp() -> None:
    cmap = to_unicode_cmap("ABCDEF", ["中", "\U00020000"])
    assert "<0001> <4E2D>" in cmap and "<0002> <D840DC00>" in cmap


def test_a_cff_face_is_refused_in_chinese(tmp_path: Path) -> None:
    fake = tmp_path / "cff.otf"
    fake.write_bytes(b"OTTO" + b"\0" * 60)
    with pytest.raises(FontError, match="无法嵌入"):
        TrueTypeFace(str(fake))


def test_one_cid_font_per_face_in_the_pdf(tmp_path: Path) -> None:
    text = "中文排版测试，一行之内不换字体。"
    xs = [40 + 10.5 * i for i in range(len(text))]
    run = GlyphRun(str(SONG), 10.0, text, xs, [100.0] * len(text), list(range(len(text))))
    line = Line(text, "s", "body", 0, 0, len(text), 40, 100, 160, 40, 300, runs=[run])
    frame = Frame("b", "story", 30, 30, 500, 700, "s", lines=[line])
    out = tmp_path / "cid.pdf"
    write_pdf([PageLayout(0, 1, "一", 595.0, 842.0, frames=[frame])], out)
    with pikepdf.open(out) as pdf:
        fonts = pdf.pages[0].Resources.Font
        assert len(fonts.keys()) == 1
        font = fonts[next(iter(fonts.keys()))]
        assert font.Subtype == "/Type0" and font.Encoding == "/Identity-H"
        cid = font.DescendantFonts[0]
        assert cid.Subtype == "/CIDFontType2" and "/FontFile2" in cid.FontDescriptor
        ops = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
        assert ops.count("Tf") == 1 and ops.count("TJ") == 1
    if shutil.which("pdftotext"):
        got = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "".join(got.split()) == text


# -- The font objects as a print shop's preflight reads them ---------------------------------

SUBSET_NAME = re.compile(r"/([A-Z]{6})\+(.+)")
DESCRIPTOR_KEYS = ("/Flags", "/FontBBox", "/ItalicAngle", "/Ascent", "/Descent", "/CapHeight")


def _text_line(text: str, x: float, baseline: float, size: float = 10.0) -> Line:
    xs = [x + size * i for i in range(len(text))]
    run = GlyphRun(str(SONG), size, text, xs, [baseline] * len(text), list(range(len(text))))
    return Line(
        text, "s", "body", 0, 0, len(text), x, baseline, size * len(text), x, 400, runs=[run]
    )


def _vertical_line(source: str, drawn: str, x: float, top: float, size: float = 20.0) -> Line:
    """A 竖排 column as the head setter makes it: `drawn` has presentation forms, the Line's
    text the copy's characters."""
    tops = [top + size * i for i in range(len(drawn))]
    run = GlyphRun(
        str(SONG), size, drawn, [x] * len(drawn), tops, list(range(len(drawn))), vertical=True
    )
    return Line(
        source, "s", "headline", 0, 0, len(source), x, top, size * len(source), x, 400, runs=[run]
    )


def _widths(cid: pikepdf.Dictionary) -> dict[int, float]:
    widths: dict[int, float] = {}
    w = list(cid.get("/W", []))
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], pikepdf.Array):
            widths.update({first + k: float(v) for k, v in enumerate(w[i + 1])})
            i += 2
        else:
            widths.update({c: float(w[i + 2]) for c in range(first, int(w[i + 1]) + 1)})
            i += 3
    return widths


def _to_unicode(data: bytes) -> tuple[list[str], dict[int, str]]:
    text = data.decode("latin-1")
    space = re.search(r"begincodespacerange(.*?)endcodespacerange", text, re.S)
    assert space is not None
    mapping: dict[int, str] = {}
    for count, body in re.findall(r"(\d+) beginbfchar(.*?)endbfchar", text, re.S):
        pairs = re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", body)
        assert int(count) == len(pairs) <= 100
        mapping.update({int(c, 16): bytes.fromhex(u).decode("utf-16-be") for c, u in pairs})
    return space.group(1).split(), mapping


def _codes_drawn(pdf: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """Type0 font object -> the two-byte codes its Tj/TJ strings draw, over all pages."""
    drawn: dict[tuple[int, int], set[int]] = {}
    for page in pdf.pages:
        fonts = page.Resources.Font
        current = None
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "Tf":
                current = fonts[str(operands[0])]
            elif str(op) in ("Tj", "TJ"):
                strings = operands[0] if str(op) == "TJ" else operands
                for s in strings:
                    if isinstance(s, pikepdf.String):
                        raw = bytes(s)
                        assert len(raw) % 2 == 0
                        codes = drawn.setdefault(current.objgen, set())
                        codes.update(raw[i] << 8 | raw[i + 1] for i in range(0, len(raw), 2))
    return drawn


def _check_cid_font(font: pikepdf.Dictionary, codes: set[int]) -> tuple[TTFont, dict[int, str]]:
    """Everything a PDF 1.3 / PDF/X-1a preflight asks of a Type0 font over a CIDFontType2;
    returns the embedded subset and the ToUnicode map."""
    name = SUBSET_NAME.fullmatch(str(font.BaseFont))
    assert name, font.BaseFont
    assert font.Encoding == "/Identity-H" and len(font.DescendantFonts) == 1
    cid = font.DescendantFonts[0]
    descriptor = cid.FontDescriptor
    assert cid.Subtype == "/CIDFontType2" and cid.CIDToGIDMap == "/Identity"
    assert str(cid.BaseFont) == str(descriptor.FontName) == str(font.BaseFont)
    info = cid.CIDSystemInfo
    assert (str(info.Registry), str(info.Ordering), int(info.Supplement)) == (
        "Adobe",
        "Identity",
        0,
    )
    assert all(key in descriptor for key in (*DESCRIPTOR_KEYS, "/StemV"))
    flags = int(descriptor.Flags)
    assert flags & 4 and not flags & 32  # symbolic, never also nonsymbolic
    assert "/FontFile3" not in descriptor and "/FontFile" not in descriptor
    program = descriptor.FontFile2.read_bytes()
    assert int(descriptor.FontFile2.Length1) == len(program)
    subset = TTFont(io.BytesIO(program))
    assert {"head", "hhea", "loca", "maxp", "glyf", "hmtx"} <= set(subset.keys())
    assert "CFF " not in subset
    # Recommended tables: post without glyph names, and the PostScript name of the face.
    assert subset["post"].formatType == 3.0
    assert subset["name"].getDebugName(6) == name.group(2)
    # Table checksums and the whole-file adjustment as fontTools computes them.
    for tag in subset.reader.keys():
        data = subset.reader[tag]
        if tag == "head":
            data = data[:8] + b"\0\0\0\0" + data[12:]
        assert calcChecksum(data) == subset.reader.tables[tag].checkSum, tag
    assert calcChecksum(program) == 0xB1B0AFBA
    order = subset.getGlyphOrder()
    assert codes and max(codes) < len(order)  # CID = GID (Identity): every code has a glyph
    scale = 1000.0 / subset["head"].unitsPerEm
    widths, default = _widths(cid), float(cid.get("/DW", 1000))
    for code in codes:
        assert abs(widths.get(code, default) - subset["hmtx"][order[code]][0] * scale) <= 1
    space, to_unicode = _to_unicode(font.ToUnicode.read_bytes())
    assert space == ["<0000>", "<FFFF>"]
    assert codes <= to_unicode.keys()
    return subset, to_unicode


def test_cid_fonts_pass_a_print_preflight_walk(tmp_path: Path) -> None:
    body = "编号①②，范围3～5，破折号——省略号……"
    lines = [_text_line(body, 40, 100), _vertical_line("（“心”）", "︵﹃心﹄︶", 400, 200)]
    frame = Frame("b", "story", 30, 30, 500, 700, "s", lines=lines)
    second = Frame("b", "story", 30, 30, 500, 700, "s", lines=[_text_line("第二版①", 40, 100)])
    out = tmp_path / "fonts.pdf"
    write_pdf(
        [
            PageLayout(0, 1, "一", 595.0, 842.0, frames=[frame]),
            PageLayout(1, 2, "二", 595.0, 842.0, frames=[second]),
        ],
        out,
    )
    reference = TTFont(str(SONG))
    cmap, ref_glyf = reference.getBestCmap(), reference["glyf"]
    with pikepdf.open(out) as pdf:
        fonts = [
            o
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"
        ]
        assert {str(f.Subtype) for f in fonts} == {"/Type0", "/CIDFontType2"}
        type0 = [f for f in fonts if f.Subtype == "/Type0"]
        assert len(type0) == 1  # one face on two pages: embedded once
        assert all(
            p.Resources.Font[k].objgen == type0[0].objgen
            for p in pdf.pages
            for k in p.Resources.Font.keys()
        )
        drawn = _codes_drawn(pdf)[type0[0].objgen]
        subset, to_unicode = _check_cid_font(type0[0], drawn)
        glyf = subset["glyf"]
        order = subset.getGlyphOrder()
        # Each code draws the glyph of what the page shows: the vertical forms in the column,
        # while its ToUnicode gives the copy's characters back.
        shown = {
            **{ch: ch for ch in body + "第二版①心"},
            "（": "︵",
            "“": "﹃",
            "”": "﹄",
            "）": "︶",
        }
        for code in drawn:
            want = ref_glyf[cmap[ord(shown[to_unicode[code]])]]
            got = glyf[order[code]]
            assert (got.getCoordinates(glyf)[0] if got.numberOfContours else []) == (
                want.getCoordinates(ref_glyf)[0] if want.numberOfContours else []
            ), to_unicode[code]
    if shutil.which("pdftotext"):
        got = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True)
        flat = "".join(got.stdout.split())
        assert body in flat and "（“心”）" in flat and "第二版①" in flat
        assert not any(0xFE10 <= ord(c) <= 0xFE4F for c in flat)


def test_a_presentation_form_typed_as_itself_keeps_its_own_code() -> None:
    font = EmbeddedFont(TrueTypeFace(str(SONG)), "F1")
    stand_in = font.encode_as("︵", "（")
    typed = font.encode("︵")
    assert stand_in != typed and font.encode_as("︵", "（") == stand_in
    assert font.glyphs[int(stand_in, 16)] == font.glyphs[int(typed, 16)]
    assert font.chars[int(stand_in, 16) - 1] == "（" and font.chars[int(typed, 16) - 1] == "︵"


def test_per_page_files_hold_only_their_own_glyphs(tmp_path: Path) -> None:
    pages = [("甲乙丙", 0), ("丁戊", 1)]
    for text, index in pages:
        frame = Frame("b", "story", 30, 30, 500, 700, "s", lines=[_text_line(text, 40, 100)])
        out = tmp_path / f"p{index}.pdf"
        write_pdf([PageLayout(index, index + 1, "一", 595.0, 842.0, frames=[frame])], out)
        with pikepdf.open(out) as pdf:
            (font,) = [
                o
                for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and o.get("/Subtype") == "/Type0"
            ]
            drawn = _codes_drawn(pdf)[font.objgen]
            subset, to_unicode = _check_cid_font(font, drawn)
            assert sorted(to_unicode.values()) == sorted(text)
            assert len(subset.getGlyphOrder()) == len(text) + 1  # .notdef and the page's glyphs


def test_a_system_fallback_supplement_passes_the_same_walk(tmp_path: Path) -> None:
    # 䶮 (Extension A) and Extension B names come from supplements built from system fonts.
    from newsdesk.fonts import default_registry

    registry = default_registry()
    rare = [ch for ch in "䶮𠮷𡈼𤭢" if registry.resolve(ch, "serif") is not None]
    if not rare or all(registry.resolve(ch, "serif").key == str(SONG) for ch in rare):
        pytest.skip("no system font supplies these characters")
    runs = [
        GlyphRun(registry.resolve(ch, "serif").key, 12.0, ch, [40.0 + 12 * i], [100.0], [i])
        for i, ch in enumerate(rare)
    ]
    text = "".join(rare)
    line = Line(text, "s", "body", 0, 0, len(text), 40, 100, 12 * len(text), 40, 300, runs=runs)
    out = tmp_path / "rare.pdf"
    write_pdf(
        [
            PageLayout(
                0,
                1,
                "一",
                595.0,
                842.0,
                frames=[Frame("b", "story", 30, 30, 500, 700, "s", lines=[line])],
            )
        ],
        out,
        registry,
    )
    with pikepdf.open(out) as pdf:
        drawn = _codes_drawn(pdf)
        fonts = [
            o
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary) and o.get("/Subtype") == "/Type0"
        ]
        copied = "".join(
            ch for font in fonts for ch in _check_cid_font(font, drawn[font.objgen])[1].values()
        )
    assert sorted(copied) == sorted(text)
