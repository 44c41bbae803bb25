"""The sample edition's two advertisements, both for invented advertisers.

- A raster ad painted with Pillow (滨江柑橘文化节): an RGB JPEG like a photo-based ad from an agency.
- A one-page vector PDF ad made with reportlab (滨江书城): CMYK colours only and an embedded
  TrueType subset of the bundled 黑体, the way print shops want ads delivered.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from newsdesk.sample.images import grain, vertical_gradient


def _font_path(name: str) -> Path:
    from newsdesk.fonts.registry import bundled_font_dir

    return bundled_font_dir() / name


def _centred(d: ImageDraw.ImageDraw, y: float, text: str, font, fill, width: int) -> None:
    box = d.textbbox((0, 0), text, font=font)
    d.text(((width - (box[2] - box[0])) / 2 - box[0], y), text, font=font, fill=fill)


def citrus_festival_ad(size: tuple[int, int], seed: int = 26) -> Image.Image:
    """A tall ad: sky-to-orchard gradient, a heap of oranges, festival name and dates."""
    rng = random.Random(seed)
    w, h = size
    img = vertical_gradient(
        (w, h), [(0.0, (255, 244, 214)), (0.55, (255, 214, 150)), (1.0, (224, 120, 40))]
    )
    d = ImageDraw.Draw(img)
    # Rolling hills of orchards.
    for k, colour in enumerate([(150, 178, 92), (108, 150, 70), (76, 120, 56)]):
        base = h * (0.56 + 0.07 * k)
        pts = [(0, h)]
        for i in range(0, 41):
            x = i * w / 40
            pts.append((x, base - h * 0.03 * (1 + ((i * (k + 3)) % 7) / 7)))
        pts.append((w, h))
        d.polygon(pts, fill=colour)
        for _ in range(18):
            tx, ty = rng.uniform(0, w), base + rng.uniform(-h * 0.02, h * 0.03)
            r = w * 0.025
            d.ellipse((tx - r, ty - r, tx + r, ty + r), fill=(60, 104, 48))
            d.ellipse((tx - 3, ty - 3, tx + 3, ty + 3), fill=(246, 150, 30))
    # Oranges in the foreground.
    for _ in range(26):
        r = rng.uniform(w * 0.07, w * 0.11)
        cx, cy = rng.uniform(0, w), h * rng.uniform(0.80, 0.98)
        _orange(d, cx, cy, r)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img = grain(img, seed, 0.04)
    d = ImageDraw.Draw(img)
    heavy = ImageFont.truetype(str(_font_path("NewsdeskSongHeavy-Regular.ttf")), int(w * 0.19))
    sans = ImageFont.truetype(str(_font_path("NewsdeskHei-Bold.ttf")), int(w * 0.075))
    small = ImageFont.truetype(str(_font_path("NewsdeskHei-Regular.ttf")), int(w * 0.055))
    red = (190, 30, 30)
    _centred(d, h * 0.05, "首届", sans, red, w)
    for k, line in enumerate(["滨江", "柑橘", "文化节"]):
        _centred(d, h * (0.10 + 0.085 * k), line, heavy, red, w)
    _centred(d, h * 0.38, "11月26日—12月20日", sans, (90, 50, 20), w)
    _centred(d, h * 0.43, "西岭镇　进园采摘", small, (90, 50, 20), w)
    _centred(d, h * 0.465, "乡村骑行 · 橘园市集", small, (90, 50, 20), w)
    d.rectangle((0, h * 0.93, w, h), fill=(150, 30, 24))
    _centred(d, h * 0.94, "咨询：8765 4388", small, (255, 240, 220), w)
    return img


def _orange(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """One orange with its highlight and leaf."""
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(242, 130, 20), outline=(200, 90, 10))
    d.ellipse((cx - r * 0.5, cy - r * 0.6, cx - r * 0.1, cy - r * 0.3), fill=(255, 196, 110))
    d.polygon(
        [(cx, cy - r), (cx + r * 0.5, cy - r * 1.3), (cx + r * 0.2, cy - r * 0.9)],
        fill=(60, 120, 50),
    )


def citrus_festival_banner(size: tuple[int, int], seed: int = 26) -> Image.Image:
    """The same ad as a full-width banner (通栏): orchard on the left, words on the right."""
    rng = random.Random(seed)
    w, h = size
    img = vertical_gradient((w, h), [(0.0, (255, 240, 204)), (1.0, (255, 200, 130))])
    d = ImageDraw.Draw(img)
    for k, colour in enumerate([(150, 178, 92), (108, 150, 70), (76, 120, 56)]):
        base = h * (0.62 + 0.13 * k)
        pts = [(0, h)]
        for i in range(0, 61):
            x = i * w * 0.45 / 60
            pts.append((x, base - h * 0.08 * (1 + ((i * (k + 3)) % 7) / 7)))
        pts += [(w * 0.45, h)]
        d.polygon(pts, fill=colour)
    for _ in range(40):
        r = rng.uniform(h * 0.07, h * 0.13)
        cx, cy = rng.uniform(0, w * 0.42), h * rng.uniform(0.25, 0.95)
        _orange(d, cx, cy, r)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img = grain(img, seed, 0.04)
    d = ImageDraw.Draw(img)
    d.rectangle((w * 0.45, 0, w, h), fill=(150, 30, 24))
    heavy = ImageFont.truetype(str(_font_path("NewsdeskSongHeavy-Regular.ttf")), int(h * 0.26))
    sans = ImageFont.truetype(str(_font_path("NewsdeskHei-Bold.ttf")), int(h * 0.11))
    small = ImageFont.truetype(str(_font_path("NewsdeskHei-Regular.ttf")), int(h * 0.085))
    x = w * 0.48
    cream, gold = (255, 240, 220), (255, 200, 90)
    d.text((x, h * 0.08), "首届", font=sans, fill=gold)
    d.text((x, h * 0.20), "滨江柑橘文化节", font=heavy, fill=cream)
    d.text((x, h * 0.52), "11月26日—12月20日　西岭镇", font=sans, fill=gold)
    d.text((x, h * 0.70), "进园采摘 · 乡村骑行 · 橘园市集 · 柑橘美食", font=small, fill=cream)
    d.text(
        (x, h * 0.84),
        "咨询电话 8765 4388　鼓楼广场—西岭橘园旅游专线周末开行",
        font=small,
        fill=cream,
    )
    return img


def write_citrus_ad(path: Path, size: tuple[int, int], ppi: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    paint = citrus_festival_banner if size[0] > 1.5 * size[1] else citrus_festival_ad
    paint(size).save(path, "JPEG", quality=85, optimize=True, dpi=(ppi, ppi))
    return path


def write_bookstore_ad(path: Path, width: float, height: float) -> Path:
    """A one-page vector ad, width × height points, CMYK only, fonts embedded as subsets."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    heavy, hei = "NDSampleSongHeavy", "NDSampleHei"
    for name, file in ((heavy, "NewsdeskSongHeavy-Regular.ttf"), (hei, "NewsdeskHei-Regular.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(_font_path(file))))
    path.parent.mkdir(parents=True, exist_ok=True)
    c = Canvas(str(path), pagesize=(width, height), initialFontName=hei, invariant=1)
    c.setTitle("滨江书城 冬日读书季")
    c.setAuthor("滨江书城")
    navy = (1.0, 0.75, 0.0, 0.45)
    paper = (0.0, 0.03, 0.10, 0.0)
    accent = (0.0, 0.55, 0.95, 0.0)
    c.setFillColorCMYK(*navy)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    # A stack of books on the left, drawn as vector shapes.
    colours = [(0.0, 0.85, 0.75, 0.1), (0.6, 0.0, 0.4, 0.1), accent, (0.0, 0.0, 0.0, 0.15), paper]
    y = height * 0.12
    for k in range(7):
        bw = width * (0.20 - 0.012 * (k % 3))
        bh = height * 0.085
        x = width * 0.04 + (k % 2) * width * 0.012
        c.setFillColorCMYK(*colours[k % len(colours)])
        c.roundRect(x, y, bw, bh, 2, stroke=0, fill=1)
        c.setFillColorCMYK(*paper)
        c.rect(x + bw * 0.08, y + bh * 0.35, bw * 0.5, bh * 0.12, stroke=0, fill=1)
        y += bh * 1.05
    # A cup of tea on top of the stack, steam as curves.
    cx, cy = width * 0.13, y + height * 0.02
    c.setFillColorCMYK(*paper)
    c.roundRect(cx - width * 0.04, cy, width * 0.08, height * 0.11, 4, stroke=0, fill=1)
    c.setStrokeColorCMYK(*paper)
    c.setLineWidth(1.2)
    for k in range(3):
        sx = cx - width * 0.02 + k * width * 0.02
        p = c.beginPath()
        p.moveTo(sx, cy + height * 0.13)
        p.curveTo(sx + 6, cy + height * 0.17, sx - 6, cy + height * 0.2, sx, cy + height * 0.24)
        c.drawPath(p, stroke=1, fill=0)
    # The words.
    left = width * 0.30
    c.setFillColorCMYK(*accent)
    c.setFont(hei, height * 0.075)
    c.drawString(left, height * 0.82, "滨江书城")
    c.setFillColorCMYK(*paper)
    c.setFont(heavy, height * 0.20)
    c.drawString(left, height * 0.56, "冬日读书季")
    c.setFont(hei, height * 0.085)
    c.drawString(left, height * 0.40, "12月1日—12月31日　全场图书八折")
    c.setFont(hei, height * 0.06)
    c.drawString(left, height * 0.27, "每周六晚　作家见面会 · 亲子共读 · 旧书交换")
    c.setFillColorCMYK(*accent)
    c.rect(left, height * 0.08, width * 0.64, height * 0.12, stroke=0, fill=1)
    c.setFillColorCMYK(*navy)
    c.setFont(hei, height * 0.055)
    c.drawString(
        left + width * 0.015,
        height * 0.115,
        "鼓楼广场东侧　9:00—22:00　www.bjbooks.example",
    )
    c.showPage()
    c.save()
    return path
