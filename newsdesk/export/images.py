"""Placed images prepared for the PDF: cropped, resampled to the target resolution, colour-converted.

Resampling rule (issue 5): an image whose effective resolution at its placed size exceeds
1.5 × the target (300 ppi by default) is downsampled to the target; it is never upsampled.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from newsdesk.export.colour import to_cmyk, to_rgb
from newsdesk.layout.result import ImageItem

DOWNSAMPLE_ABOVE = 1.5  # × target ppi
# Percent of total ink kept free under the limit when separating with an ICC profile: JPEG at
# quality 92 overshoots a separation that touches the limit by up to about 10 % (measured on the
# sample photos with FOGRA39), so 240 % becomes 228 % before encoding.
ICC_JPEG_HEADROOM = 15.0


@dataclass(slots=True)
class ImageFacts:
    """What preflight needs to know about a placed image file."""

    path: str
    exists: bool
    readable: bool = False
    mode: str = ""  # Pillow mode of the file: RGB, CMYK, L, P, RGBA…
    pixels: tuple[int, int] = (0, 0)
    ppi: float = 0.0  # effective resolution of the shown (cropped) part at its placed size
    max_ink: float = 0.0  # percent, for CMYK files


def effective_ppi(item: ImageItem, crop_width_px: float, crop_height_px: float) -> float:
    """Pixels per inch of the shown part at its placed size (the lower of both directions)."""
    if item.width <= 0 or item.height <= 0:
        return 0.0
    return min(crop_width_px / (item.width / 72.0), crop_height_px / (item.height / 72.0))


def _crop_box(item: ImageItem, size: tuple[int, int]) -> tuple[int, int, int, int]:
    left, top, right, bottom = item.crop
    if right <= left or bottom <= top:
        return (0, 0, size[0], size[1])
    box = (
        max(0, int(round(left))),
        max(0, int(round(top))),
        min(size[0], int(round(right))),
        min(size[1], int(round(bottom))),
    )
    if box[2] <= box[0] or box[3] <= box[1]:
        return (0, 0, size[0], size[1])
    return box


def prepare_image(
    item: ImageItem,
    *,
    cmyk: bool = True,
    ink_limit: float = 240.0,
    profile: str | Path | None = None,
    target_ppi: float = 300.0,
) -> Image.Image | None:
    """The image to embed for `item`, or None if the file is missing or unreadable."""
    if item.missing or not item.path or not os.path.isfile(item.path):
        return None
    try:
        with Image.open(item.path) as src:
            src.load()
            img = src.crop(_crop_box(item, src.size))
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    ppi = effective_ppi(item, img.width, img.height)
    if target_ppi > 0 and ppi > DOWNSAMPLE_ABOVE * target_ppi:
        factor = target_ppi / ppi
        size = (max(1, round(img.width * factor)), max(1, round(img.height * factor)))
        if img.mode not in ("RGB", "L", "CMYK", "RGBA", "LA"):
            img = img.convert("RGBA" if "A" in img.mode or img.mode == "P" else "RGB")
        img = img.resize(size, Image.Resampling.LANCZOS)
    if not cmyk:
        return to_rgb(img)
    # A profile separates dark tones right up to the limit, and JPEG noise then pushes pixels
    # over it: the painter would re-encode and finally embed the photo losslessly (5 × slower,
    # 10 × larger). Separating to a little under the limit leaves JPEG its room.
    limit = ink_limit - ICC_JPEG_HEADROOM if profile else ink_limit
    return to_cmyk(img, ink_limit=limit, profile=profile)


def image_facts(item: ImageItem) -> ImageFacts:
    """Read what preflight checks, without decoding more than needed."""
    from newsdesk.export.colour import max_ink

    if item.missing or not item.path or not os.path.isfile(item.path):
        return ImageFacts(item.path, exists=False)
    if item.is_pdf:
        return ImageFacts(item.path, exists=True, readable=True, mode="PDF")
    try:
        with Image.open(item.path) as src:
            box = _crop_box(item, src.size)
            facts = ImageFacts(
                item.path,
                exists=True,
                readable=True,
                mode=src.mode,
                pixels=src.size,
                ppi=effective_ppi(item, box[2] - box[0], box[3] - box[1]),
            )
            if src.mode == "CMYK":
                facts.max_ink = max_ink(src.crop(box))
            return facts
    except (OSError, UnidentifiedImageError, ValueError):
        return ImageFacts(item.path, exists=True, readable=False)
