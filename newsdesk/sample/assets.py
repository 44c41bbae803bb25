"""Writing the sample's pictures and ads beside the edition file, sized for their blocks."""

from __future__ import annotations

from pathlib import Path

from newsdesk.model.edition import Edition
from newsdesk.sample.ads import write_bookstore_ad, write_citrus_ad
from newsdesk.sample.images import pixels_for, write_photo

PHOTO_PPI = 260.0

# Image file (as named in the plan) -> (painter, seed).
PHOTOS = {
    "p1-bridge-dusk.jpg": ("bridge_at_dusk", 27),
    "p3-marathon.jpg": ("marathon_runners", 29),
    "p4-market.jpg": ("street_market", 11),
    "p2-elevator.jpg": ("old_block_elevator", 7),
    "p3-old-street.jpg": ("old_street", 5),
}


def write_assets(edition: Edition, folder: str | Path) -> list[Path]:
    """Paint every picture and ad the edition's blocks name; returns the files written.

    A picture is made for its block's full rectangle at PHOTO_PPI, so whatever part the caption
    takes, the picture keeps at least that resolution where it is placed.
    """
    folder = Path(folder)
    written: list[Path] = []
    for page in edition.pages:
        for block in page.blocks:
            if block.kind not in ("image", "ad") or not block.image:
                continue
            target = folder / block.image
            name = Path(block.image).name
            size = pixels_for(block.width, block.height, PHOTO_PPI)
            if name in PHOTOS:
                painter, seed = PHOTOS[name]
                written.append(write_photo(painter, target, size, seed, PHOTO_PPI))
            elif name.endswith(".pdf"):
                written.append(write_bookstore_ad(target, block.width, block.height))
            else:
                written.append(write_citrus_ad(target, size, PHOTO_PPI))
    return written
