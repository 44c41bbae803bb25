"""The font registry over the bundled faces: roles, metrics, coverage, errors."""

from __future__ import annotations

import shutil
import unicodedata

import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import FontError
from newsdesk.fonts import (
    BUNDLED_FILES,
    ROLES,
    Face,
    FontRegistry,
    bundled_font_dir,
    default_registry,
)
from newsdesk.fonts.metrics import fingerprint, read_metrics
from newsdesk.model.copy_import import gb2312_chars

GB2312 = sorted(gb2312_chars())
HAN = [c for c in GB2312 if unicodedata.name(c, "").startswith("CJK UNIFIED IDEOGRAPH")]


@pytest.fixture(scope="module")
def reg() -> FontRegistry:
    return FontRegistry(system_fallback=False)


def test_default_registry_is_cached_and_has_every_role():
    reg = default_registry()
    assert reg is default_registry()
    for role in ROLES:
        face = reg.face(role)
        assert isinstance(face, Face)
        assert face.key == role
        assert face.path.endswith(BUNDLED_FILES[role])
        assert reg.face_by_key(role) is face


def test_roles_map_to_the_renamed_families(reg):
    names = {role: reg.face(role).name for role in ROLES}
    assert names == {
        "serif": "Newsdesk Song",
        "heavy": "Newsdesk Song Heavy",
        "sans": "Newsdesk Hei",
        "sans_bold": "Newsdesk Hei Bold",
        "kai": "Newsdesk Kai",
    }
    # heavy and bold faces really are heavier than their regular partners
    weights = {role: TTFont(reg.face(role).path, lazy=True)["OS/2"].usWeightClass for role in ROLES}
    assert weights["heavy"] > weights["serif"]
    assert weights["sans_bold"] > weights["sans"]


def test_unknown_role_and_key_raise_font_error(reg):
    with pytest.raises(FontError, match="未知的字体角色"):
        reg.face("fangsong")
    with pytest.raises(FontError, match="未知的字体角色"):
        reg.resolve("中", "fangsong")
    with pytest.raises(FontError):
        reg.face_by_key("nonsense")
    with pytest.raises(LookupError):  # callers accepting other kinds of key catch it this way
        reg.face_by_key("/no/such/font.ttf")
    with pytest.raises(FontError, match="找不到系统字体文件"):
        reg.face_by_key("sys:/no/such/font.ttc#2")
    with pytest.raises(FontError, match="无法识别"):
        reg.face_by_key("sys:broken")


def test_metrics_are_in_em(reg):
    for face in reg.faces():
        assert face.units_per_em == 1000
        # The ideographic em box: ascent + descent is one em, baseline inside it.
        assert face.ascent + face.descent == pytest.approx(1.0)
        assert 0.7 < face.ascent < 1.0
        assert face.line_ascent >= face.ascent
        assert face.vertical, f"{face.name} lost its vertical metrics"


@pytest.mark.parametrize("role", ROLES)
def test_han_is_one_em_and_latin_is_proportional(reg, role):
    face = reg.face(role)
    assert {face.advance(c) for c in HAN} == {1.0}
    latin = {face.advance(c) for c in "ilmwMW"}
    assert all(a is not None and 0.1 < a < 1.2 for a in latin)
    assert face.advance("i") < face.advance("m")
    assert face.advance("W") > face.advance("l")
    # Ideographic space and full-width forms are full width too.
    assert face.advance("\u3000") == 1.0
    assert face.advance("Ａ") == 1.0


@pytest.mark.parametrize("role", ROLES)
def test_advances_match_the_font_file(reg, role):
    """The cached metrics say what the font file says (the cache is not stale)."""
    face = reg.face(role)
    fresh = read_metrics(face.path)
    assert fresh.fingerprint == fingerprint(face.path)
    sample = fresh.chars[::97]
    adv = dict(zip(fresh.chars, fresh.advances))
    gid = dict(zip(fresh.chars, fresh.glyph_ids))
    for ch in sample:
        assert face.advance(ch) == adv[ch] / fresh.units_per_em
        assert face.glyph_id(ch) == gid[ch]


@pytest.mark.parametrize("role", ROLES)
def test_every_face_covers_gb2312_and_newsroom_symbols(reg, role):
    face = reg.face(role)
    lacking = [c for c in GB2312 if not face.has(c)]
    assert lacking == []
    symbols = "①⑳№℃‰×÷—…⸺·・‧～、，。：；！？“”‘’（）《》〈〉【】〔〕「」『』￥％＋"
    assert [c for c in symbols if not face.has(c)] == []
    ascii_printable = [chr(c) for c in range(0x20, 0x7F)]
    assert [c for c in ascii_printable if not face.has(c)] == []


@pytest.mark.parametrize("role", ["serif", "heavy", "sans", "sans_bold"])
def test_vertical_forms_are_bundled(reg, role):
    face = reg.face(role)
    vertical = "︐︑︒︓︔︕︖︗︘︙︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄"
    assert [c for c in vertical if not face.has(c)] == []


def test_glyph_ids_and_has_agree(reg):
    face = reg.face("serif")
    assert face.has("中") and face.glyph_id("中") > 0
    assert not face.has("\U0010fffd")
    assert face.glyph_id("\U0010fffd") is None
    assert face.advance("\U0010fffd") is None


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ROLES), st.sampled_from(GB2312 + [chr(c) for c in range(0x20, 0x7F)]))
def test_resolve_keeps_the_role_face_when_it_has_the_char(reg, role, ch):
    assert reg.resolve(ch, role) is reg.face(role)


def test_resolve_without_system_fallback_returns_none_for_unknown(reg):
    assert reg.resolve("\U0010fffd", "serif") is None
    assert reg.resolve("\n", "serif") is None
    missing = reg.missing_chars("中\U0010fffd文\n", "serif")
    assert [(m.offset, m.char) for m in missing] == [(1, "\U0010fffd")]
    report = reg.missing_report([("稿件 s1 第 1 段", "中\U0010fffd", "serif")])
    assert len(report) == 1 and "U+10FFFD" in report[0] and "第 2 个字符" in report[0]


def test_missing_bundled_file_raises_font_error_naming_it(tmp_path):
    src = bundled_font_dir()
    for name in list(BUNDLED_FILES.values())[1:]:
        shutil.copy(src / name, tmp_path / name)
    with pytest.raises(FontError) as info:
        FontRegistry(tmp_path)
    assert BUNDLED_FILES["serif"] in str(info.value)
    assert "缺少内置字体文件" in str(info.value)


def test_font_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_FONT_DIR", str(tmp_path))
    default_registry.cache_clear()
    try:
        with pytest.raises(FontError, match="缺少内置字体文件"):
            default_registry()
    finally:
        monkeypatch.delenv("NEWSDESK_FONT_DIR")
        default_registry.cache_clear()


def test_stale_metrics_cache_is_ignored(tmp_path, monkeypatch):
    """Fonts without metrics.json (or with a stale one) are read from the files themselves."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    src = bundled_font_dir()
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in BUNDLED_FILES.values():
        shutil.copy(src / name, fonts / name)
    (fonts / "metrics.json").write_text('{"format": 1, "faces": {}}', encoding="utf-8")
    reg = FontRegistry(fonts, system_fallback=False)
    assert reg.face("kai").advance("楷") == 1.0
    assert list((tmp_path / "cache" / "newsdesk" / "fonts").glob("bundled-*.json"))
    again = FontRegistry(fonts, system_fallback=False)
    assert again.face("kai").advance("a") == reg.face("kai").advance("a")
