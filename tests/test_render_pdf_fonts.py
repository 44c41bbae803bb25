"""The painter's own TrueType embedding (newsdesk/render/pdf_fonts.py): cmap lookups, subset
programs and the CID fonts in the PDF, checked against fontTools and poppler."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont

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
