"""System fallback faces: upright, regular faces are preferred to italic, oblique or condensed
ones, and building a supplement keeps fontTools' chatter off the terminal."""

from __future__ import annotations

import logging
import os
import shutil

import pytest

from newsdesk.fonts import FontRegistry, SystemFace
from newsdesk.fonts.supplement import build_supplement, forget_system_faces
from newsdesk.fonts.system import SystemFont, fonts_with_char, is_upright, rank_for_role


def font(file: str, family: str, style: str, *, weight=80, slant=0, width=100) -> SystemFont:
    return SystemFont(file, 0, family, style, weight, slant, width)


def test_upright_face_beats_an_italic_one_whose_file_name_sorts_first():
    italic = font("/f/DejaVuSerif-Italic.ttf", "DejaVu Serif", "Italic", slant=100)
    upright = font("/f/DejaVuSerif.ttf", "DejaVu Serif", "Book")
    assert rank_for_role([italic, upright], "serif")[0] == upright


def test_upright_sans_beats_an_oblique_serif_for_a_serif_role():
    oblique = font("/f/A-Serif-Oblique.ttf", "Some Serif", "Oblique", slant=110)
    sans = font("/f/Z-Sans.ttf", "Some Sans", "Book")
    assert rank_for_role([oblique, sans], "serif") == [sans, oblique]


def test_style_name_counts_when_fontconfig_reports_no_slant():
    named = font("/f/A-Italic.ttf", "Face", "Italic")
    assert not is_upright(named)
    assert rank_for_role([named, font("/f/B.ttf", "Face", "Regular")], "sans")[0].file == "/f/B.ttf"


def test_normal_width_and_regular_weight_first_file_name_last():
    fonts = [
        font("/f/a-condensed.ttf", "DejaVu Sans", "Condensed", width=75),
        font("/f/b-bold.ttf", "DejaVu Sans", "Bold", weight=200),
        font("/f/d-book.ttf", "DejaVu Sans", "Book"),
        font("/f/c-book.ttf", "DejaVu Sans", "Book"),
        font("/f/0-bold-oblique.ttf", "DejaVu Sans", "Bold Oblique", weight=200, slant=110),
    ]
    ranked = [f.file for f in rank_for_role(fonts, "sans")]
    assert ranked == [
        "/f/c-book.ttf",
        "/f/d-book.ttf",
        "/f/b-bold.ttf",
        "/f/a-condensed.ttf",
        "/f/0-bold-oblique.ttf",
    ]
    # a heavy role still prefers the bold upright face to the regular one
    assert rank_for_role(fonts, "sans_bold")[0].file == "/f/b-bold.ttf"


needs_fontconfig = pytest.mark.skipif(shutil.which("fc-list") is None, reason="no fontconfig")


@needs_fontconfig
@pytest.mark.parametrize("ch", ["ș", "❤", "♞"])
def test_fontconfig_slant_is_read_and_the_best_candidate_is_upright(ch):
    candidates = fonts_with_char(ch)
    if not any(is_upright(f) for f in candidates):
        pytest.skip(f"no upright installed font has {ch}")
    assert rank_for_role(candidates, "serif")[0].slant == 0
    assert is_upright(rank_for_role(candidates, "sans")[0])


@needs_fontconfig
def test_registry_sets_romanian_s_comma_upright(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    forget_system_faces()
    reg = FontRegistry()
    face = reg.resolve("ș", "serif")
    if not isinstance(face, SystemFace):
        pytest.skip("ș is bundled or no installed font has it")
    name = os.path.basename(face.file).lower()
    assert "italic" not in name and "oblique" not in name


@needs_fontconfig
def test_building_a_supplement_logs_no_warnings(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sources = [f for f in fonts_with_char("ș") if f.file.lower().endswith(".ttf")]
    if not sources:
        pytest.skip("no TrueType font with ș installed")
    # DejaVu carries an FFTM table fontTools cannot subset: it used to say so on the terminal
    # (Python prints warnings of an unconfigured logger to stderr).
    source = min(sources, key=lambda f: ("dejavu" not in f.file.lower(), f.file))
    level = logging.getLogger("fontTools").level
    with caplog.at_level(logging.DEBUG):
        out = build_supplement(source.file, source.index, {"ș", "a"})
    assert out.exists()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert logging.getLogger("fontTools").level == level  # restored afterwards
