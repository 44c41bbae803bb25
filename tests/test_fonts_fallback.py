"""Fallback to system fonts for characters the bundled faces lack, and the supplement cache."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from fontTools.ttLib import TTFont
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

from newsdesk.fonts import ROLES, FontRegistry, SystemFace
from newsdesk.fonts.supplement import cache_dir, forget_system_faces

# Characters outside GB 2312 that newspapers meet in names (䶮 is CJK Extension A).
RARE = ["䶮", "啰", "镕", "堃", "喆", "𠀀"]
NOBODY_HAS = ["\U0010fffd", "\u0378", "\U000e01f0"]  # private use, unassigned, unassigned


def system_has(ch: str) -> bool:
    if shutil.which("fc-list") is None:
        return False
    out = subprocess.run(
        ["fc-list", f":charset={ord(ch):x}", "file"], capture_output=True, text=True
    ).stdout
    return bool(out.strip())


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "newsdesk" / "fonts"


@pytest.fixture
def rare_chars() -> list[str]:
    """The rare characters the bundled subset lacks and some installed font has."""
    reg = FontRegistry(system_fallback=False)
    chars = [c for c in RARE if reg.resolve(c, "serif") is None and system_has(c)]
    if not chars:
        pytest.skip("no installed font has any of the test characters (install fonts-noto-cjk)")
    return chars


def test_cache_dir_respects_xdg(cache):
    assert cache_dir() == cache


def test_bundled_subset_lacks_the_rare_characters():
    reg = FontRegistry(system_fallback=False)
    for ch in RARE:
        for role in ROLES:
            assert not reg.face(role).has(ch)


def test_rare_char_resolves_to_a_system_supplement(cache, rare_chars):
    reg = FontRegistry()
    for ch in rare_chars:
        face = reg.resolve(ch, "serif")
        assert isinstance(face, SystemFace)
        assert face.key.startswith("sys:") and "#" in face.key
        assert face.has(ch)
        assert face.advance(ch) == pytest.approx(1.0, abs=0.05)
        assert reg.face_by_key(face.key) is face

    faces = {reg.resolve(ch, "serif") for ch in rare_chars}
    for face in faces:
        path = face.path
        assert path.startswith(str(cache))
        font = TTFont(path)
        cmap = font.getBestCmap()
        wanted = [c for c in rare_chars if reg.resolve(c, "serif") is face]
        assert all(ord(c) in cmap for c in wanted)
        assert "glyf" in font and "CFF " not in font  # embeddable by reportlab
        assert len(cmap) < 50  # a supplement, not a copy of the system font
        for ch in wanted:
            assert face.glyph_id(ch) == font.getGlyphID(cmap[ord(ch)])
        # The supplement is renamed: it is a modified font.
        names = " ".join(r.toUnicode() for r in font["name"].names if r.nameID in (1, 4, 6))
        assert "Newsdesk Fallback" in names
        ReportlabTTFont("supplement", path)  # reportlab accepts it


def test_role_picks_a_system_face_of_its_style(cache, rare_chars):
    reg = FontRegistry()
    ch = rare_chars[0]
    families = [f.family for f in _installed(ch)]
    serif = reg.resolve(ch, "serif")
    sans = reg.resolve(ch, "sans")
    assert serif is not None and sans is not None
    if any("Serif" in f for f in families):
        assert "Serif" in serif.name
    if any("Sans" in f for f in families):
        assert "Sans" in sans.name


def _installed(ch):
    from newsdesk.fonts.system import fonts_with_char

    return fonts_with_char(ch)


def test_supplement_is_cached_on_disk_and_reused(cache, rare_chars):
    first = FontRegistry()
    face = first.resolve(rare_chars[0], "serif")
    path = face.path
    made = sorted(p.name for p in cache.glob("*.ttf"))
    mtime = (cache / made[0]).stat().st_mtime_ns

    second = FontRegistry()  # a new process would do the same
    again = second.resolve(rare_chars[0], "serif")
    assert again.path == path
    assert sorted(p.name for p in cache.glob("*.ttf")) == made
    assert (cache / made[0]).stat().st_mtime_ns == mtime


def test_supplement_grows_when_more_characters_are_needed(cache, rare_chars):
    if len(rare_chars) < 2:
        pytest.skip("needs two rare characters from one system font")
    reg = FontRegistry()
    a, b = rare_chars[0], rare_chars[1]
    face = reg.resolve(a, "serif")
    if reg.resolve(b, "serif") is not face:
        pytest.skip("the two characters come from different fonts here")
    # Start from nothing, then ask for one character, then another.
    forget_system_faces()
    reg = FontRegistry()
    face = reg.resolve(a, "serif")
    small = face.path
    reg.resolve(b, "serif")
    big = face.path
    assert big != small
    cmap = TTFont(big).getBestCmap()
    assert ord(a) in cmap and ord(b) in cmap


@pytest.mark.parametrize("ch", NOBODY_HAS)
def test_character_no_font_has_resolves_to_none(cache, ch):
    if system_has(ch):
        pytest.skip(f"some installed font claims U+{ord(ch):04X}")
    reg = FontRegistry()
    for role in ROLES:
        assert reg.resolve(ch, role) is None
    missing = reg.missing_chars(f"王{ch}明", "serif")
    assert [(m.offset, m.char) for m in missing] == [(1, ch)]


def test_fallback_report_names_the_fallback_font(cache, rare_chars):
    reg = FontRegistry()
    report = reg.fallback_report([(f"记者王{rare_chars[0]}报道", "serif")])
    assert list(report) == [rare_chars[0]]
    assert report[rare_chars[0]] == reg.resolve(rare_chars[0], "serif").name


def test_system_fallback_can_be_switched_off(cache, rare_chars):
    reg = FontRegistry(system_fallback=False)
    assert reg.resolve(rare_chars[0], "serif") is None
    assert not list(cache.glob("*.ttf"))


def test_painter_with_another_registry_gets_every_resolved_character(cache, rare_chars):
    """The composer resolves with one registry, a painter looks the key up in another."""
    composer = FontRegistry()
    keys = {ch: composer.resolve(ch, "serif").key for ch in rare_chars}
    painter = FontRegistry()
    for ch, key in keys.items():
        face = painter.face_by_key(key)
        assert face.index == 0  # the supplement holds one face, whatever the source's index
        assert ord(ch) in TTFont(face.path).getBestCmap()


def test_truetype_system_font_gives_a_supplement_too(cache, rare_chars):
    """The kai role prefers a Kai system font; LXGW WenKai is TrueType, not CFF."""
    reg = FontRegistry()
    for ch in rare_chars:
        face = reg.resolve(ch, "kai")
        if face is not None and face.file.endswith(".ttf"):
            font = TTFont(face.path)
            assert ord(ch) in font.getBestCmap() and "glyf" in font
            names = " ".join(r.toUnicode() for r in font["name"].names if r.nameID in (1, 4, 6))
            assert "LXGW" not in names and "霞鹜" not in names
            return
    pytest.skip("no TrueType system font has the test characters")
