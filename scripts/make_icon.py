"""Draw Newsdesk's application icon: a white 报 (from the bundled heavy Song face) on a red
masthead tile, with two column rules under it. Writes resources/icons/newsdesk.svg (the glyph as
a path, so it needs no font), newsdesk.png (256 px), newsdesk.ico (Windows) and newsdesk.icns
(macOS). The glyph comes from an OFL font; using its outline in artwork is allowed by the OFL.

Run: .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
FONT = REPO / "fonts" / "NewsdeskSongHeavy-Regular.ttf"
OUT = REPO / "resources" / "icons"
MARK = "报"
SIZE = 256  # design units: the SVG's view box and the PNG's pixels
RED = "#c8161d"  # masthead red
CORNER = 40
GLYPH_EM = 150  # the glyph's em size
GLYPH_TOP = 6
RULES = [(48, 206, 124, 216), (132, 206, 208, 216)]  # two column rules: x0, y0, x1, y1


def glyph_path() -> str:
    """The mark's outline as SVG path data, scaled to GLYPH_EM and centred horizontally."""
    font = TTFont(FONT)
    glyph_set = font.getGlyphSet()
    name = font.getBestCmap()[ord(MARK)]
    scale = GLYPH_EM / font["head"].unitsPerEm
    advance = font["hmtx"][name][0] * scale
    ascent = font["hhea"].ascent * scale
    dx = (SIZE - advance) / 2
    pen = SVGPathPen(glyph_set, ntos=lambda v: f"{v:.1f}".rstrip("0").rstrip("."))
    # Font units are y-up from the baseline; SVG is y-down from the top.
    transform = (scale, 0, 0, -scale, dx, GLYPH_TOP + ascent * 0.88)
    glyph_set[name].draw(TransformPen(pen, transform))
    return pen.getCommands()


def write_svg(path: Path) -> None:
    rules = "".join(
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" fill="#fff"/>'
        for x0, y0, x1, y1 in RULES
    )
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}">\n'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{CORNER}" fill="{RED}"/>\n'
        f'<path d="{glyph_path()}" fill="#fff"/>\n{rules}\n</svg>\n',
        encoding="utf-8",
    )


def draw_png(size: int) -> Image.Image:
    """The same drawing with Pillow, at 4x and scaled down for smooth edges."""
    big = SIZE * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * 4, fill=RED)
    font = ImageFont.truetype(str(FONT), GLYPH_EM * 4)
    ttf = TTFont(FONT)
    scale = GLYPH_EM / ttf["head"].unitsPerEm
    ascent = ttf["hhea"].ascent * scale
    advance = ttf["hmtx"][ttf.getBestCmap()[ord(MARK)]][0] * scale
    baseline = (GLYPH_TOP + ascent * 0.88) * 4
    draw.text(((SIZE - advance) / 2 * 4, baseline), MARK, font=font, fill="white", anchor="ls")
    for x0, y0, x1, y1 in RULES:
        draw.rectangle((x0 * 4, y0 * 4, x1 * 4 - 1, y1 * 4 - 1), fill="white")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    write_svg(OUT / "newsdesk.svg")
    image = draw_png(SIZE)
    image.save(OUT / "newsdesk.png", optimize=True)
    image.save(OUT / "newsdesk.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    draw_png(1024).save(OUT / "newsdesk.icns")
    for name in ("newsdesk.svg", "newsdesk.png", "newsdesk.ico", "newsdesk.icns"):
        print(OUT / name, (OUT / name).stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
