"""CMYK conversion and the total-ink limit (properties), and image preparation for print."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CMYK_PROFILE as FOGRA  # noqa: E402
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from newsdesk.export.colour import K_MAX, limit_ink, max_ink, to_cmyk
from newsdesk.export.images import effective_ppi, image_facts, prepare_image
from newsdesk.layout.result import ImageItem

pixel = st.tuples(*(st.integers(0, 255) for _ in range(3)))
cmyk_pixel = st.tuples(*(st.integers(0, 255) for _ in range(4)))


def image_of(pixels: list[tuple[int, ...]], mode: str) -> Image.Image:
    img = Image.new(mode, (len(pixels), 1))
    img.putdata(pixels)
    return img


@settings(max_examples=40, deadline=None)
@given(st.lists(pixel, min_size=1, max_size=64), st.floats(120, 400))
def test_rgb_to_cmyk_never_exceeds_the_limit(pixels, limit) -> None:
    out = to_cmyk(image_of(pixels, "RGB"), ink_limit=limit)
    assert out.mode == "CMYK"
    assert max_ink(out) <= limit + 1e-6


@settings(max_examples=40, deadline=None)
@given(st.lists(cmyk_pixel, min_size=1, max_size=64), st.floats(100, 400))
def test_limit_ink_keeps_black_and_only_removes_colour(pixels, limit) -> None:
    src = image_of(pixels, "CMYK")
    out = limit_ink(src, limit)
    assert max_ink(out) <= max(limit, max(p[3] for p in pixels) * 100 / 255) + 1e-6
    for before, after in zip(pixels_of(src), pixels_of(out)):
        assert after[3] == before[3]
        assert all(a <= b for a, b in zip(after[:3], before[:3]))
        if sum(before) * 100 / 255 <= limit:
            assert after == before


def test_greys_separate_with_balanced_colour_and_heavy_black() -> None:
    """Newsprint separation (issue 9), every grey level: greys stay neutral, light and mid greys
    print on the black plate alone (to 2 %: the 33³ table interpolates across the knee at 60 %),
    and black never falls as the grey darkens."""
    greys = image_of([(v, v, v) for v in range(256)], "RGB")
    out = pixels_of(to_cmyk(greys, ink_limit=220))
    for v, (c, m, y, k) in enumerate(out):
        assert max(c, m, y) - min(c, m, y) <= 1, v
        if v >= 102:  # up to 60 % grey: full GCR, the tone is carried by K
            assert c <= 3 and abs(k - (255 - v)) <= 5, (v, c, k)
        if v > 0:
            assert out[v - 1][3] >= k, v  # one level darker: at least as much black


@pytest.mark.parametrize("limit", [200.0, 220.0, 240.0])
def test_shadows_get_black_of_ninety_percent_within_the_limit(limit) -> None:
    shadows = [(v, v, v) for v in range(0, 46)] + [(40, 20, 10), (10, 20, 45), (30, 30, 20)]
    out = to_cmyk(image_of(shadows, "RGB"), ink_limit=limit)
    for pixel in pixels_of(out):
        assert pixel[3] >= 0.9 * 255, pixel
    assert max_ink(out) <= limit + 1e-6
    c, m, y, k = out.getpixel((0, 0))  # RGB black: K 95 % and some colour under it for density
    assert k == round(K_MAX * 255) and 0 < c == m == y


def test_white_is_no_ink_and_grey_images_go_on_the_black_plate() -> None:
    assert to_cmyk(image_of([(255, 255, 255)], "RGB")).getpixel((0, 0)) == (0, 0, 0, 0)
    grey = to_cmyk(image_of([0, 128, 255], "L"))
    assert [p[:3] for p in pixels_of(grey)] == [(0, 0, 0)] * 3
    assert [p[3] for p in pixels_of(grey)] == [255, 127, 0]


def test_transparent_pixels_composite_onto_paper() -> None:
    rgba = image_of([(255, 0, 0, 0), (0, 0, 0, 255)], "RGBA")
    out = to_cmyk(rgba)
    assert out.getpixel((0, 0)) == (0, 0, 0, 0)
    assert out.getpixel((1, 0))[3] > 0


@pytest.mark.skipif(not FOGRA.exists(), reason="no CMYK profile installed")
@settings(max_examples=30, deadline=None)
@given(st.lists(pixel, min_size=1, max_size=32))
def test_icc_separation_is_pulled_under_the_limit(pixels) -> None:
    out = to_cmyk(image_of(pixels, "RGB"), ink_limit=240, profile=FOGRA)
    assert max_ink(out) <= 240 + 1e-6


def pixels_of(img: Image.Image) -> list:
    return [img.getpixel((x, y)) for y in range(img.height) for x in range(img.width)]


def _item(path: Path, width_pt: float, height_pt: float, crop) -> ImageItem:
    return ImageItem(0, 0, width_pt, height_pt, str(path), crop, 0.0)


def test_downsampled_above_one_and_a_half_times_target_never_upsampled(tmp_path: Path) -> None:
    big, small = tmp_path / "big.png", tmp_path / "small.png"
    Image.new("RGB", (3000, 2000), (10, 200, 30)).save(big)
    Image.new("RGB", (100, 80), (10, 200, 30)).save(small)
    # 3000 px over 2 inches = 1500 ppi > 1.5 x 300: down to 300 ppi = 600 px.
    out = prepare_image(_item(big, 144, 96, (0, 0, 3000, 2000)), target_ppi=300)
    assert out.size == (600, 400) and out.mode == "CMYK"
    # 400 ppi is under 1.5 x 300: kept as is.
    out = prepare_image(_item(big, 540, 360, (0, 0, 3000, 2000)), target_ppi=300)
    assert out.size == (3000, 2000)
    # 100 px over 2 inches = 50 ppi: never upsampled.
    out = prepare_image(_item(small, 144, 115.2, (0, 0, 100, 80)), target_ppi=300)
    assert out.size == (100, 80)


def test_crop_and_effective_resolution(tmp_path: Path) -> None:
    path = tmp_path / "p.png"
    Image.new("RGB", (400, 300), (255, 255, 255)).save(path)
    item = _item(path, 72, 36, (100, 50, 300, 150))
    assert prepare_image(item).size == (200, 100)
    assert effective_ppi(item, 200, 100) == pytest.approx(200)
    facts = image_facts(item)
    assert facts.mode == "RGB" and facts.ppi == pytest.approx(200)
    missing = image_facts(_item(tmp_path / "nope.jpg", 72, 72, (0, 0, 1, 1)))
    assert not missing.exists
    assert prepare_image(_item(tmp_path / "nope.jpg", 72, 72, (0, 0, 1, 1))) is None
