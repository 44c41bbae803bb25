"""CMYK for print: RGB/grey to CMYK separation and the total-ink (TAC) limit, with Pillow only.

Without an ICC profile, RGB is separated for newsprint (coldset, ISO 12647-3) with heavy grey
component replacement, as WAN-IFRA's newspaper profile does ("heavy black with an early black
start"): the black plate carries the grey of every colour, and deep shadows get K of 90 % and
more, which prints strong on newsprint where a three-colour shadow stays weak and muddy.
With c' = 1 − r, m' = 1 − g, y' = 1 − b and the grey component n = min(c', m', y'):

1. black:  k = n up to SHADOW_START (full GCR: light and mid greys print on K alone); from there
   k rises smoothly to K_MAX (95 %) at SHADOW_FULL, so every deep shadow has K ≥ 90 %;
2. colour: c = c' − u·k (same for m, y), where u = 1 (full under-colour removal) up to
   SHADOW_START, falling to UNDER_COLOUR (0.55) at n = 1: the deepest shadows keep some C, M, Y
   under the black for density (under-colour addition). RGB black comes out as C42 M42 Y42 K95
   at a 220 % limit, close to WAN-IFRA's 220 % four-colour black (C44 M38 Y38 K100);
3. the ink limit of the print condition (220 % for IFRA26) pulls C, M and Y down, K kept.

The separation is computed once per ink limit on a 33³ grid of colours and applied to photos as
a 3D lookup table (`_newsprint_lut`), like the ICC path.

With a CMYK profile (PrintSettings.icc_profile), Pillow's ImageCms (LittleCMS) converts from sRGB with
the perceptual intent; such profiles allow 300 % and more, so `limit_ink` pulls every colour above
the limit back: it keeps K and scales C, M and Y down together (grey balance is roughly kept).
Both are done once, on a 33³ grid of colours, and photos are separated through that table
(`_icc_lut`); `limit_ink` then only checks the result.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageFilter, ImageMath

# The newsprint separation (see the module docstring), in fractions of full ink.
K_MAX = 0.95
SHADOW_START = 0.6  # grey component where black starts to run ahead of the grey
SHADOW_FULL = 0.9  # grey component from which black is K_MAX
UNDER_COLOUR = 0.55  # share of black removed from C, M, Y at full black (1 = full UCR)


def _flatten(img: Image.Image) -> Image.Image:
    """Any Pillow mode to RGB, L or CMYK; transparency composited onto white paper."""
    if img.mode in ("RGB", "L", "CMYK"):
        return img
    if img.mode in ("1", "I;16", "I;16B", "I;16L", "I", "F"):
        if img.mode in ("I", "F", "I;16", "I;16B", "I;16L"):
            # 16-bit and float greys: scale to 8 bits.
            img = img.convert("I").point(lambda v: v / 256) if img.mode != "F" else img
        return img.convert("L")
    if img.mode in ("LA", "PA", "RGBA", "P", "La", "RGBa"):
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return img.convert("RGB")


def to_cmyk(
    img: Image.Image, *, ink_limit: float = 240.0, profile: str | Path | None = None
) -> Image.Image:
    """A CMYK copy of `img` whose total ink stays within `ink_limit` (percent)."""
    img = _flatten(img)
    if img.mode == "CMYK":
        return limit_ink(img, ink_limit)
    if img.mode == "L":
        # Greyscale photos print on the black plate only.
        zero = Image.new("L", img.size, 0)
        out = Image.merge("CMYK", (zero, zero, zero, ImageChops.invert(img)))
        return limit_ink(out, ink_limit)
    if profile:
        out = _icc_convert(img, Path(profile), ink_limit)
    else:
        out = _gcr_convert(img, ink_limit)
    return limit_ink(out, ink_limit)


def newsprint_separation(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    """One RGB colour (0..1) to C, M, Y, K (0..1) for newsprint, before the ink limit."""
    c1, m1, y1 = 1 - r, 1 - g, 1 - b
    grey = min(c1, m1, y1)
    if grey <= SHADOW_START:
        k, removal = grey, 1.0
    else:
        t = min(1.0, (grey - SHADOW_START) / (SHADOW_FULL - SHADOW_START))
        smooth = t * t * (3 - 2 * t)
        k = grey + (K_MAX - grey) * smooth if grey < K_MAX else K_MAX
        removal = 1 - (1 - UNDER_COLOUR) * (grey - SHADOW_START) / (1 - SHADOW_START)
    return (
        max(0.0, c1 - removal * k),
        max(0.0, m1 - removal * k),
        max(0.0, y1 - removal * k),
        k,
    )


def _grid_image(n: int) -> Image.Image:
    """The n³ grid of RGB colours in Color3DLUT order (red fastest, then green, then blue)."""
    steps = [round(i * 255 / (n - 1)) for i in range(n)]
    grid = Image.new("RGB", (n * n * n, 1))
    grid.frombytes(bytes(v for b in steps for g in steps for r in steps for v in (r, g, b)))
    return grid


_newsprint_luts: dict[float, ImageFilter.Color3DLUT] = {}


def _newsprint_lut(ink_limit: float) -> ImageFilter.Color3DLUT:
    lut = _newsprint_luts.get(float(ink_limit))
    if lut is None:
        n = LUT_SIZE
        steps = [i / (n - 1) for i in range(n)]
        cmyk = Image.new("CMYK", (n * n * n, 1))
        cmyk.frombytes(
            bytes(
                round(v * 255)
                for b in steps
                for g in steps
                for r in steps
                for v in newsprint_separation(r, g, b)
            )
        )
        # 1 % below the limit: interpolated 8-bit values may round up by a fraction of that.
        table = [v / 255 for v in limit_ink(cmyk, ink_limit - 1.0).tobytes()]
        lut = ImageFilter.Color3DLUT(n, table, channels=4, target_mode="CMYK")
        _newsprint_luts[float(ink_limit)] = lut
    return lut


def _gcr_convert(img: Image.Image, ink_limit: float) -> Image.Image:
    return img.filter(_newsprint_lut(ink_limit))


INTENT = ImageCms.Intent.PERCEPTUAL
LUT_SIZE = 33  # grid points per RGB axis of the separation table (33³ = 35,937 colours)

# One separation table per (profile file version, intent, ink limit) for the whole process.
_luts: dict[tuple[str, float, int, float], ImageFilter.Color3DLUT] = {}


def _icc_lut(profile: Path, ink_limit: float) -> ImageFilter.Color3DLUT:
    """sRGB -> CMYK through the profile with the ink limit baked in, as a 3D lookup table.

    Building it converts a 33³ grid of RGB colours once with LittleCMS and pulls each grid colour
    within the limit; a photo is then separated by trilinear interpolation in Pillow's C code,
    about twice as fast as LittleCMS per pixel, and without a per-pixel ink-limit pass (a blend
    of grid colours within the limit stays within it, to the rounding of 8-bit values). The
    result differs from a direct LittleCMS conversion by under one level on average.
    """
    key = (str(profile), profile.stat().st_mtime, int(INTENT), float(ink_limit))
    lut = _luts.get(key)
    if lut is None:
        n = LUT_SIZE
        grid = _grid_image(n)
        transform = ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"),
            ImageCms.getOpenProfile(str(profile)),
            "RGB",
            "CMYK",
            renderingIntent=INTENT,
        )
        # 1 % below the limit: interpolated 8-bit values may round up by a fraction of that.
        cmyk = limit_ink(ImageCms.applyTransform(grid, transform), ink_limit - 1.0)
        table = [v / 255 for v in cmyk.tobytes()]
        lut = _luts[key] = ImageFilter.Color3DLUT(n, table, channels=4, target_mode="CMYK")
    return lut


def _icc_convert(img: Image.Image, profile: Path, ink_limit: float) -> Image.Image:
    return img.filter(_icc_lut(profile, ink_limit))


def max_ink(img: Image.Image) -> float:
    """Highest total ink of any pixel of a CMYK image, in percent."""
    if img.mode != "CMYK":
        raise ValueError("max_ink needs a CMYK image")
    c, m, y, k = img.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return total.getextrema()[1] * 100.0 / 255.0


def limit_ink(img: Image.Image, ink_limit: float) -> Image.Image:
    """Scale C, M, Y down (K kept) wherever c + m + y + k exceeds `ink_limit` percent."""
    if max_ink(img) <= ink_limit:
        return img
    cap = ink_limit * 255.0 / 100.0
    c, m, y, k = img.split()
    channels = {"c": c, "m": m, "y": y, "k": k}
    # factor = min(1, (cap − k) / (c + m + y)), computed in float images; flooring on the way back
    # to 8 bits keeps every sum at or under the cap.
    cmy = ImageMath.lambda_eval(
        lambda a: a["float"](a["c"]) + a["float"](a["m"]) + a["float"](a["y"]), **channels
    )
    room = ImageMath.lambda_eval(lambda a: a["max"](cap - a["float"](a["k"]), 0.0), k=k)
    factor = ImageMath.lambda_eval(
        lambda a: a["min"](a["room"], a["cmy"]) / a["max"](a["cmy"], 1.0), room=room, cmy=cmy
    )
    scaled = [
        ImageMath.lambda_eval(lambda a: a["float"](a["ch"]) * a["f"], ch=ch, f=factor).convert("L")
        for ch in (c, m, y)
    ]
    return Image.merge("CMYK", (*scaled, k))


def to_rgb(img: Image.Image) -> Image.Image:
    """An RGB copy for screen proofs (naive CMYK inversion, good enough for a proof)."""
    img = _flatten(img)
    return img if img.mode == "RGB" else img.convert("RGB")


def cmyk_to_rgb(color: tuple[float, float, float, float]) -> tuple[float, float, float]:
    c, m, y, k = color
    return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
