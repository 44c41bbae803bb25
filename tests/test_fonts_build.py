"""The bundled font files: renamed, licensed, TrueType, reproducible from the Debian sources."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

from newsdesk.fonts import BUNDLED_FILES, bundled_font_dir

FONTS = bundled_font_dir()
REPO = Path(__file__).resolve().parents[1]
RESERVED = ("LXGW", "霞鹜", "Source", "Noto")  # the originals' names; a modified font drops them
NAME_IDS = (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)


@pytest.fixture(scope="module", params=sorted(BUNDLED_FILES.values()))
def font(request) -> TTFont:
    return TTFont(FONTS / request.param)


def test_font_names_carry_no_reserved_name(font):
    for record in font["name"].names:
        if record.nameID in NAME_IDS:
            text = record.toUnicode()
            assert not any(word in text for word in RESERVED), text
    assert font["name"].getDebugName(1).startswith("Newsdesk ")


def test_copyright_licence_and_modification_note_are_kept(font):
    name = font["name"]
    assert "Copyright" in name.getDebugName(0) or "©" in name.getDebugName(0)
    assert "Open Font License" in name.getDebugName(13)
    assert "Modified by the Newsdesk project" in name.getDebugName(10)


def test_outlines_are_truetype_with_vertical_metrics(font):
    assert "glyf" in font and "CFF " not in font and "VORG" not in font
    assert "vhea" in font and "vmtx" in font
    # Vertical metrics of a Han character: one em tall, top side bearing inside the em box.
    glyph = font.getBestCmap()[ord("中")]
    advance, tsb = font["vmtx"][glyph]
    assert advance == font["head"].unitsPerEm
    assert 0 <= tsb < advance


def _build_script():
    spec = importlib.util.spec_from_file_location("build_fonts", REPO / "fonts" / "build_fonts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_timestamps_are_fixed(font):
    FIXED_TIMESTAMP = _build_script().FIXED_TIMESTAMP
    assert font["head"].created == FIXED_TIMESTAMP
    assert font["head"].modified == FIXED_TIMESTAMP


def test_reportlab_embeds_every_face():
    for name in BUNDLED_FILES.values():
        face = ReportlabTTFont(name, str(FONTS / name))
        assert face.face.unitsPerEm == 1000


def test_licence_files_and_sizes():
    assert "SIL OPEN FONT LICENSE" in (FONTS / "OFL.txt").read_text(encoding="utf-8").upper()
    notice = (FONTS / "NOTICE").read_text(encoding="utf-8")
    assert "Adobe" in notice and "LXGW" in notice
    readme = (FONTS / "README.md").read_text(encoding="utf-8")
    assert "build_fonts.py" in readme
    total = sum((FONTS / n).stat().st_size for n in BUNDLED_FILES.values())
    assert total < 40_000_000


def _sources_match_build_report() -> bool:
    report = json.loads((FONTS / "build-report.json").read_text(encoding="utf-8"))
    for package, version in report["sources"].items():
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
        )
        if out.returncode != 0 or out.stdout.strip() != version:
            return False
    return True


@pytest.mark.slow
def test_rebuild_reproduces_the_committed_bytes(tmp_path):
    """Rebuilding a face (the smallest CFF one) gives byte-identical output to the committed file."""
    if not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc").exists():
        pytest.skip("fonts-noto-cjk is not installed")
    if not _sources_match_build_report():
        pytest.skip(
            "the installed Debian font packages differ from the ones the fonts were built from"
        )
    subprocess.run(
        [
            sys.executable,
            str(FONTS / "build_fonts.py"),
            "--out",
            str(tmp_path),
            "--only",
            "sans_bold",
        ],
        check=True,
        capture_output=True,
    )
    name = BUNDLED_FILES["sans_bold"]
    assert (tmp_path / name).read_bytes() == (FONTS / name).read_bytes()


def test_chinese_punctuation_is_full_width_and_dashes_join(font):
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    upem = font["head"].unitsPerEm
    for ch in "—“”‘’·…、，。：；！？（）《》":
        assert hmtx[cmap[ord(ch)]][0] == upem, ch
    assert hmtx[cmap[ord("⸺")]][0] == 2 * upem
    glyf = font["glyf"]
    for ch in "—⸺":
        name = cmap[ord(ch)]
        glyph = glyf[name]
        glyph.recalcBounds(glyf)
        # ink from edge to edge: two dashes make one unbroken line
        assert glyph.xMin == 0 and glyph.xMax == hmtx[name][0]
        # and at the height of the ideographic em box's centre, not at Latin dash height
        centre = (font["OS/2"].sTypoAscender + font["OS/2"].sTypoDescender) / 2
        assert glyph.yMin < centre < glyph.yMax
