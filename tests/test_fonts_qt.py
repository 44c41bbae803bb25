"""Qt loads the bundled faces and agrees with the registry on glyphs and advances."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtGui")

from PySide6.QtGui import QFont, QRawFont  # noqa: E402

from newsdesk.fonts import ROLES, FontRegistry  # noqa: E402

SAMPLE = "中文报纸排版，“引号”——破折号……约翰·史密斯①№℃ Newsdesk 2026"


@pytest.fixture(scope="module")
def reg() -> FontRegistry:
    return FontRegistry(system_fallback=False)


@pytest.mark.gui
@pytest.mark.parametrize("role", ROLES)
def test_qrawfont_matches_registry(qapp, reg, role):
    face = reg.face(role)
    size = 100.0
    raw = QRawFont(face.path, size, QFont.HintingPreference.PreferNoHinting)
    assert raw.isValid()
    ids = raw.glyphIndexesForString(SAMPLE)
    assert list(ids) == [face.glyph_id(ch) for ch in SAMPLE]
    advances = raw.advancesForGlyphIndexes(ids)
    for ch, adv in zip(SAMPLE, advances):
        assert adv.x() == pytest.approx(face.advance(ch) * size, abs=0.05), (
            ch
        )  # Qt rounds to 1/64 px
