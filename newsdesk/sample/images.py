"""Photographs for the sample edition, painted with Pillow from fixed seeds.

They are stylised but read as photographs at newspaper size: gradients for sky and water, soft
shapes, light glows and a film grain. Every picture is a pure function of its size and seed, so
`newsdesk sample` writes the same bytes every time and nothing binary lives in the repository.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

RGB = tuple[int, int, int]


# -- building blocks ---------------------------------------------------------------------------


def vertical_gradient(size: tuple[int, int], stops: Sequence[tuple[float, RGB]]) -> Image.Image:
    """A top-to-bottom gradient through colour stops given as (position 0..1, colour)."""
    w, h = size
    column = Image.new("RGB", (1, h))
    px = column.load()
    for y in range(h):
        t = y / max(1, h - 1)
        for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
            if t0 <= t <= t1:
                f = 0.0 if t1 == t0 else (t - t0) / (t1 - t0)
                px[0, y] = tuple(round(a + (b - a) * f) for a, b in zip(c0, c1))
                break
        else:
            px[0, y] = stops[-1][1] if t > stops[-1][0] else stops[0][1]
    return column.resize((w, h), Image.Resampling.NEAREST)


def glow(base: Image.Image, centre: tuple[float, float], radius: float, colour: RGB, strength=1.0):
    """Add a soft light (screen blend of a blurred disc)."""
    layer = Image.new("RGB", base.size, (0, 0, 0))
    d = ImageDraw.Draw(layer)
    x, y = centre
    d.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    layer = layer.filter(ImageFilter.GaussianBlur(radius * 0.6))
    if strength != 1.0:
        layer = Image.eval(layer, lambda v: min(255, int(v * strength)))
    return ImageChops.screen(base, layer)


def grain(img: Image.Image, seed: int, amount: float = 0.06) -> Image.Image:
    """Film grain from a seeded random field, slightly softened so JPEG stays small."""
    rng = random.Random(seed)
    w, h = img.size
    small = Image.frombytes("L", (w // 2, h // 2), rng.randbytes((w // 2) * (h // 2)))
    noise = small.resize((w, h), Image.Resampling.BILINEAR).convert("RGB")
    grey = Image.new("RGB", (w, h), (128, 128, 128))
    mixed = Image.blend(grey, noise, amount)
    return ImageChops.overlay(img, mixed)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


# -- the pictures ------------------------------------------------------------------------------


def bridge_at_dusk(size: tuple[int, int], seed: int = 27) -> Image.Image:
    """A cable-stayed bridge with two sail-shaped towers over a river at dusk, city behind."""
    rng = random.Random(seed)
    w, h = size
    horizon = int(h * 0.58)
    img = vertical_gradient(
        (w, h),
        [
            (0.0, (38, 44, 92)),
            (0.30, (96, 78, 132)),
            (0.50, (226, 128, 98)),
            (0.58, (250, 186, 120)),
            (0.60, (120, 92, 110)),
            (0.80, (52, 50, 80)),
            (1.0, (24, 26, 48)),
        ],
    )
    img = glow(img, (w * 0.72, horizon - h * 0.03), h * 0.09, (255, 200, 120), 1.0)
    d = ImageDraw.Draw(img)
    # Far bank: a skyline of towers in haze, nearer rows darker.
    for row, (shade, tall) in enumerate([((120, 90, 120), 0.16), ((74, 58, 92), 0.10)]):
        x = 0
        while x < w:
            bw = rng.randint(w // 60, w // 22)
            bh = int(h * tall * rng.uniform(0.3, 1.0))
            d.rectangle((x, horizon - bh, x + bw, horizon), fill=shade)
            if row == 1:  # lit windows
                for _ in range(bw * bh // 900):
                    wx = rng.randint(x + 2, x + max(3, bw - 3))
                    wy = rng.randint(horizon - bh + 3, horizon - 3)
                    d.rectangle((wx, wy, wx + 2, wy + 3), fill=(255, 214, 150))
            x += bw + rng.randint(0, w // 120)
    # Water: the sky mirrored and darkened, with shimmer streaks.
    water = img.crop((0, horizon - (h - horizon), w, horizon)).transpose(
        Image.Transpose.FLIP_TOP_BOTTOM
    )
    water = Image.blend(water, Image.new("RGB", water.size, (20, 24, 46)), 0.45)
    img.paste(water, (0, horizon))
    d = ImageDraw.Draw(img)
    for _ in range(420):
        y = rng.randint(horizon + 2, h - 1)
        x = rng.randint(0, w)
        length = rng.randint(w // 80, w // 18)
        near_sun = abs(x - w * 0.72) < w * 0.12
        colour = (250, 190, 130) if near_sun else (92, 88, 130)
        d.line((x, y, x + length, y), fill=colour, width=max(1, h // 500))
    # The bridge: deck, two sail towers, fans of stay cables, lamps.
    deck_y = int(h * 0.50)
    dark = (26, 24, 40)
    d.polygon(
        [(0, deck_y - 6), (w, deck_y - 14), (w, deck_y + 10), (0, deck_y + 14)],
        fill=dark,
    )
    piers = [int(w * 0.30), int(w * 0.78)]
    for px_ in piers:
        top = int(h * 0.10) if px_ < w / 2 else int(h * 0.14)
        tw = max(8, w // 90)
        # A sail: slightly curved leading edge, straight trailing edge.
        d.polygon(
            [
                (px_ - tw, deck_y + 12),
                (px_ - tw // 2, top + h // 30),
                (px_ + tw // 3, top),
                (px_ + tw, deck_y + 12),
            ],
            fill=dark,
        )
        d.line((px_, deck_y, px_, horizon + 4), fill=dark, width=tw)
        for k in range(1, 11):
            cable_top = top + k * (h // 70)
            reach = k * w * 0.021
            for side in (-1, 1):
                d.line(
                    (px_, cable_top, px_ + side * reach * 1.4, deck_y - 5),
                    fill=(58, 52, 74),
                    width=max(1, w // 900),
                )
    lamps = Image.new("RGB", img.size, (0, 0, 0))
    ld = ImageDraw.Draw(lamps)
    for i in range(40):
        x = int((i + 0.5) * w / 40)
        y = deck_y - 12 - int(8 * x / w)
        ld.ellipse((x - 3, y - 3, x + 3, y + 3), fill=(255, 224, 160))
        # Reflection: a broken vertical streak in the water.
        for k in range(6):
            ry = horizon + 10 + k * (h - horizon) // 9 + rng.randint(-4, 4)
            ld.line((x, ry, x, ry + h // 60), fill=(170, 140, 100), width=2)
    img = ImageChops.screen(img, lamps.filter(ImageFilter.GaussianBlur(2.5)))
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    return grain(img, seed)


def street_market(size: tuple[int, int], seed: int = 11, stalls: bool = True) -> Image.Image:
    """A morning street market: striped awnings, crates of oranges and greens, shoppers.

    Without stalls it is an old shopping street: lanterns strung across, shop signs, strollers."""
    rng = random.Random(seed)
    w, h = size
    img = vertical_gradient(
        (w, h),
        [
            (0.0, (196, 214, 228)),
            (0.35, (236, 226, 206)),
            (0.45, (150, 140, 128)),
            (1.0, (92, 84, 76)),
        ],
    )
    d = ImageDraw.Draw(img)
    # Old shop houses behind the stalls.
    x = 0
    while x < w:
        bw = rng.randint(w // 8, w // 5)
        top = int(h * rng.uniform(0.05, 0.18))
        wall = rng.choice([(210, 200, 184), (188, 178, 166), (226, 216, 198)])
        d.rectangle((x, top, x + bw, int(h * 0.45)), fill=wall)
        d.polygon(
            [(x - 6, top), (x + bw // 2, top - h // 14), (x + bw + 6, top)], fill=(70, 70, 78)
        )
        for wy in range(top + h // 20, int(h * 0.36), h // 9):
            for wx in range(x + bw // 8, x + bw - bw // 6, bw // 3):
                d.rectangle((wx, wy, wx + bw // 7, wy + h // 16), fill=(96, 100, 110))
        x += bw
    # Street receding towards the back.
    d.polygon([(w * 0.36, h * 0.45), (w * 0.64, h * 0.45), (w, h), (0, h)], fill=(128, 120, 110))
    if not stalls:
        _lanterns_and_signs(d, rng, w, h)
    # Stalls down both sides, far ones first: poles, striped awning, table heaped with produce.
    produce = [(238, 136, 32), (246, 166, 40), (104, 156, 64), (200, 48, 40), (240, 210, 90)]
    for s in (0.35, 0.5, 0.7, 1.0) if stalls else ():
        for side in (-1, 1):
            ground = h * 0.45 + h * 0.5 * s
            cx = w / 2 + side * (w * 0.40 * s + w * 0.06)
            sw = w * 0.30 * s
            x0, x1 = cx - sw / 2, cx + sw / 2
            a_top, a_bot = ground - h * 0.46 * s, ground - h * 0.36 * s
            pole = max(2, int(w * 0.004 * s))
            for px_ in (x0 + 4, x1 - 4):
                d.line((px_, a_top, px_, ground), fill=(60, 56, 52), width=pole)
            stripes = 7
            colours = (
                [(204, 52, 52), (246, 240, 230)] if side < 0 else [(40, 110, 170), (246, 240, 230)]
            )
            for k in range(stripes):
                sx0 = x0 + k * sw / stripes
                d.polygon(
                    [
                        (sx0, a_top),
                        (sx0 + sw / stripes, a_top),
                        (sx0 + sw / stripes - side * sw * 0.04, a_bot),
                        (sx0 - side * sw * 0.04, a_bot),
                    ],
                    fill=colours[k % 2],
                )
            d.rectangle(
                (x0, a_bot, x1, a_bot + h * 0.012 * s), fill=_mix(colours[0], (0, 0, 0), 0.3)
            )
            t_top, t_bot = ground - h * 0.17 * s, ground - h * 0.07 * s
            d.rectangle((x0 + sw * 0.05, t_top, x1 - sw * 0.05, t_bot), fill=(120, 86, 56))
            d.rectangle(
                (x0 + sw * 0.05, t_top, x1 - sw * 0.05, t_top + h * 0.01 * s), fill=(150, 112, 74)
            )
            r = max(3, int(h * 0.016 * s))
            for _ in range(int(90 * s)):
                fx = rng.uniform(x0 + sw * 0.07 + r, x1 - sw * 0.07 - r)
                fy = t_top - rng.uniform(0, h * 0.04 * s)
                colour = produce[rng.randrange(len(produce))]
                shade = _mix(colour, (0, 0, 0), 0.3)
                d.ellipse((fx - r, fy - r, fx + r, fy + r), fill=colour, outline=shade)
    # Shoppers: soft silhouettes in coats, larger when nearer.
    coats = [
        (60, 64, 92),
        (150, 60, 54),
        (70, 96, 70),
        (180, 150, 100),
        (50, 50, 56),
        (120, 120, 140),
    ]
    people = sorted(rng.uniform(0.50, 1.0) for _ in range(16))
    for depth in people:
        px_ = rng.uniform(w * 0.12, w * 0.88)
        s = h * 0.22 * depth
        foot = h * 0.40 + h * 0.62 * (depth - 0.5)
        coat = coats[rng.randrange(len(coats))]
        d.rounded_rectangle(
            (px_ - s * 0.18, foot - s * 0.78, px_ + s * 0.18, foot), radius=int(s * 0.1), fill=coat
        )
        d.ellipse(
            (px_ - s * 0.10, foot - s * 1.0, px_ + s * 0.10, foot - s * 0.78), fill=(214, 176, 150)
        )
        d.chord(
            (px_ - s * 0.11, foot - s * 1.02, px_ + s * 0.11, foot - s * 0.84),
            180,
            360,
            fill=(40, 34, 30),
        )
    img = glow(img, (w * 0.15, h * 0.02), h * 0.25, (120, 100, 60), 0.8)
    img = img.filter(ImageFilter.GaussianBlur(1.0))
    return grain(img, seed, 0.05)


def marathon_runners(size: tuple[int, int], seed: int = 29) -> Image.Image:
    """Runners streaming along a riverside road on a clear morning, bibs and all."""
    rng = random.Random(seed)
    w, h = size
    img = vertical_gradient(
        (w, h),
        [
            (0.0, (120, 170, 220)),
            (0.38, (210, 228, 240)),
            (0.40, (150, 160, 150)),
            (1.0, (96, 98, 100)),
        ],
    )
    d = ImageDraw.Draw(img)
    horizon = int(h * 0.40)
    # Trees along the far side.
    for _ in range(60):
        tx = rng.uniform(0, w)
        r = rng.uniform(h * 0.03, h * 0.07)
        d.ellipse(
            (tx - r, horizon - r * 1.6, tx + r, horizon + r * 0.2),
            fill=_mix((60, 110, 60), (30, 70, 40), rng.random()),
        )
    # Road with a centre line converging to the vanishing point.
    vx = w * 0.62
    d.polygon(
        [(vx - 10, horizon), (vx + 10, horizon), (w * 1.1, h), (-w * 0.2, h)], fill=(84, 86, 92)
    )
    for k in range(8):
        t0, t1 = k / 8, (k + 0.45) / 8
        y0, y1 = horizon + (h - horizon) * t0**1.6, horizon + (h - horizon) * t1**1.6
        x0, x1 = vx + (w * 0.45 - vx) * t0**1.6, vx + (w * 0.45 - vx) * t1**1.6
        d.line((x0, y0, x1, y1), fill=(236, 230, 200), width=max(1, int(2 + 8 * t1)))
    # Crowd barrier on the right.
    d.polygon(
        [(vx + 14, horizon + 4), (vx + 20, horizon), (w, h * 0.74), (w, h * 0.80)],
        fill=(230, 80, 60),
    )
    shirts = [
        (236, 84, 60),
        (40, 130, 200),
        (250, 200, 40),
        (70, 170, 90),
        (240, 240, 240),
        (160, 80, 170),
    ]
    runners = sorted(rng.uniform(0.05, 1.0) for _ in range(34))
    for depth in runners:
        t = depth**1.3
        foot = horizon + (h - horizon) * t
        cx = vx + (rng.uniform(-0.55, 0.35) * w - (vx - w * 0.5)) * t
        s = h * 0.55 * t
        shirt = shirts[rng.randrange(len(shirts))]
        skin = _mix((226, 186, 150), (160, 110, 80), rng.random() * 0.5)
        lw = max(2, int(s * 0.07))
        stride = rng.uniform(-1, 1)
        hip = (cx, foot - s * 0.48)
        d.line((hip, (cx + s * 0.16 * stride, foot)), fill=(40, 40, 48), width=lw)
        d.line((hip, (cx - s * 0.14 * stride, foot - s * 0.06)), fill=(40, 40, 48), width=lw)
        d.rounded_rectangle(
            (cx - s * 0.09, foot - s * 0.84, cx + s * 0.09, foot - s * 0.46),
            radius=max(1, int(s * 0.04)),
            fill=shirt,
        )
        d.rectangle(
            (cx - s * 0.06, foot - s * 0.74, cx + s * 0.06, foot - s * 0.64), fill=(250, 250, 250)
        )
        d.rectangle(
            (cx - s * 0.10, foot - s * 0.50, cx + s * 0.10, foot - s * 0.40), fill=(30, 30, 40)
        )
        for side in (-1, 1):
            sx = cx + side * s * 0.10
            swing = side * stride * s * 0.06
            d.line(
                ((sx, foot - s * 0.80), (sx + side * s * 0.05 + swing, foot - s * 0.56)),
                fill=skin,
                width=max(1, lw - 1),
            )
        d.ellipse((cx - s * 0.055, foot - s * 0.97, cx + s * 0.055, foot - s * 0.86), fill=skin)
        d.chord(
            (cx - s * 0.058, foot - s * 0.98, cx + s * 0.058, foot - s * 0.90),
            180,
            360,
            fill=(40, 34, 30),
        )
    img = glow(img, (w * 0.9, 0), h * 0.3, (90, 80, 50), 0.7)
    img = img.filter(ImageFilter.GaussianBlur(0.9))
    return grain(img, seed, 0.05)


def _lanterns_and_signs(d: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int) -> None:
    """Red lanterns on strings across the street and vertical shop signs on the houses."""
    for k in range(3):
        y = h * (0.10 + 0.07 * k)
        d.line((0, y, w, y + h * 0.02), fill=(60, 50, 46), width=2)
        for i in range(9):
            x = (i + 0.5) * w / 9 + rng.uniform(-8, 8)
            r = h * (0.018 + 0.006 * k)
            ly = y + h * 0.02 * x / w + r
            d.ellipse((x - r * 0.8, ly - r, x + r * 0.8, ly + r), fill=(214, 40, 36))
            d.line((x, ly + r, x, ly + r * 1.6), fill=(240, 190, 60), width=2)
    for _ in range(7):
        x = rng.uniform(0.03, 0.95) * w
        y = h * rng.uniform(0.20, 0.26)
        sw, sh = w * 0.025, h * 0.16
        d.rectangle((x, y, x + sw, y + sh), fill=rng.choice([(40, 40, 44), (120, 30, 30)]))
        for j in range(3):
            d.rectangle(
                (x + sw * 0.25, y + sh * (0.1 + 0.3 * j), x + sw * 0.75, y + sh * (0.3 + 0.3 * j)),
                fill=(226, 196, 120),
            )


def old_street(size: tuple[int, int], seed: int = 5) -> Image.Image:
    """The renovated old street: shop houses, lanterns, people strolling on the stone road."""
    return street_market(size, seed, stalls=False)


def old_block_elevator(size: tuple[int, int], seed: int = 7) -> Image.Image:
    """A six-storey 1990s block of flats with a new glass lift shaft against its stair tower."""
    rng = random.Random(seed)
    w, h = size
    img = vertical_gradient(
        (w, h), [(0.0, (150, 190, 226)), (0.7, (214, 228, 236)), (1.0, (200, 204, 200))]
    )
    d = ImageDraw.Draw(img)
    ground = h * 0.90
    floor_h = h * 0.125
    top = ground - 6 * floor_h
    wall, line = (222, 206, 186), (190, 172, 152)
    d.rectangle((-2, top, w + 2, ground), fill=wall)
    d.rectangle((-2, top - h * 0.02, w + 2, top), fill=(150, 120, 100))
    for f in range(6):
        y = top + f * floor_h
        d.line((0, y, w, y), fill=line, width=2)
        for k, x in enumerate((w * 0.06, w * 0.70)):
            bw = w * 0.24
            d.rectangle((x, y + floor_h * 0.25, x + bw, y + floor_h * 0.8), fill=(92, 110, 126))
            d.rectangle(
                (x - 3, y + floor_h * 0.78, x + bw + 3, y + floor_h * 0.86), fill=(170, 160, 150)
            )
            if rng.random() < 0.6:  # laundry and plants on the balconies
                d.rectangle(
                    (x + bw * 0.1, y + floor_h * 0.3, x + bw * 0.3, y + floor_h * 0.6),
                    fill=rng.choice([(200, 80, 70), (90, 140, 200), (240, 240, 230)]),
                )
            if k == 1 and rng.random() < 0.5:
                d.ellipse(
                    (x + bw * 0.6, y + floor_h * 0.55, x + bw * 0.9, y + floor_h * 0.8),
                    fill=(80, 130, 70),
                )
    # The glass lift shaft in the middle, car stopped at the ground floor.
    sx0, sx1 = w * 0.38, w * 0.62
    shaft = Image.new("RGB", (int(sx1 - sx0), int(ground - top + h * 0.04)), (160, 200, 210))
    sd = ImageDraw.Draw(shaft)
    for y in range(0, shaft.height, int(floor_h / 2)):
        sd.line((0, y, shaft.width, y), fill=(90, 96, 104), width=3)
    sd.rectangle((0, 0, 5, shaft.height), fill=(90, 96, 104))
    sd.rectangle((shaft.width - 6, 0, shaft.width, shaft.height), fill=(90, 96, 104))
    car_top = shaft.height - floor_h * 0.95
    sd.rectangle(
        (10, car_top, shaft.width - 10, shaft.height - 6),
        fill=(200, 204, 206),
        outline=(80, 84, 90),
        width=3,
    )
    img.paste(
        Image.blend(
            img.crop((int(sx0), int(top - h * 0.04), int(sx1), int(ground))).resize(shaft.size),
            shaft,
            0.75,
        ),
        (int(sx0), int(top - h * 0.04)),
    )
    d = ImageDraw.Draw(img)
    d.rectangle((sx0 - 6, top - h * 0.05, sx1 + 6, top - h * 0.035), fill=(90, 96, 104))
    # Ground, a tree and two residents at the lift door.
    d.rectangle((0, ground, w, h), fill=(150, 150, 146))
    d.ellipse((w * 0.72, ground - h * 0.30, w * 1.05, ground - h * 0.05), fill=(70, 120, 64))
    d.rectangle((w * 0.87, ground - h * 0.08, w * 0.9, ground + 4), fill=(90, 66, 50))
    for x, coat in ((w * 0.30, (150, 60, 54)), (w * 0.66, (60, 64, 92))):
        s = h * 0.12
        d.rounded_rectangle(
            (x - s * 0.2, ground - s * 0.8, x + s * 0.2, ground + s * 0.05),
            radius=int(s * 0.1),
            fill=coat,
        )
        d.ellipse(
            (x - s * 0.11, ground - s * 1.02, x + s * 0.11, ground - s * 0.8), fill=(214, 176, 150)
        )
        d.chord(
            (x - s * 0.12, ground - s * 1.04, x + s * 0.12, ground - s * 0.86),
            180,
            360,
            fill=(200, 200, 200),
        )
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    return grain(img, seed, 0.05)


PAINTERS: dict[str, Callable[[tuple[int, int], int], Image.Image]] = {
    "bridge_at_dusk": bridge_at_dusk,
    "street_market": street_market,
    "marathon_runners": marathon_runners,
    "old_street": old_street,
    "old_block_elevator": old_block_elevator,
}


def pixels_for(width_pt: float, height_pt: float, ppi: float) -> tuple[int, int]:
    """Pixel size of a picture placed at width × height points at `ppi`."""
    return round(width_pt / 72 * ppi), round(height_pt / 72 * ppi)


def write_photo(
    name: str, path: Path, size: tuple[int, int], seed: int, ppi: float, quality: int = 82
) -> Path:
    """Paint picture `name` at `size` pixels and save it as an RGB JPEG with its ppi recorded."""
    img = PAINTERS[name](size, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.convert("RGB").save(path, "JPEG", quality=quality, optimize=True, dpi=(ppi, ppi))
    return path
