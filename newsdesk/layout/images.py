"""Placing pictures and ads: fit or fill with a crop rectangle, and the effective resolution.

Images are opened lazily with Pillow only to read their pixel size and recorded dpi; the painters
read the pixels. A one-page PDF ad is measured with pikepdf and kept vector on export.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsdesk.layout.result import ImageItem


@dataclass(frozen=True)
class SourceInfo:
    width: float  # pixels (image) or points (PDF)
    height: float
    is_pdf: bool
    pages: int = 1
    error: str = ""  # why it could not be read; empty when fine


@lru_cache(maxsize=256)
def _probe(path: str, mtime: float) -> SourceInfo:
    p = Path(path)
    if p.suffix.lower() == ".pdf":
        try:
            import pikepdf

            with pikepdf.open(p) as pdf:
                box = [float(v) for v in pdf.pages[0].mediabox]
                return SourceInfo(
                    abs(box[2] - box[0]), abs(box[3] - box[1]), True, pages=len(pdf.pages)
                )
        except Exception as exc:  # a damaged ad is reported, never a crash
            return SourceInfo(0, 0, True, 0, f"无法读取 PDF：{exc}")
    try:
        from PIL import Image

        with Image.open(p) as im:
            return SourceInfo(float(im.width), float(im.height), False)
    except Exception as exc:
        return SourceInfo(0, 0, False, 0, f"无法读取图片：{exc}")


def probe(path: Path) -> SourceInfo | None:
    """Size of an image or PDF, or None when the file does not exist."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    return _probe(str(path), mtime)


def resolve_path(image: str, base_dir: Path | None) -> Path:
    p = Path(image)
    if not p.is_absolute() and base_dir is not None:
        p = base_dir / p
    return p


def place_image(
    path: Path,
    x: float,
    y: float,
    width: float,
    height: float,
    fit: str = "fill",
    focus: tuple[float, float] = (0.5, 0.5),
) -> tuple[ImageItem, SourceInfo | None]:
    """The ImageItem for a picture or ad placed in a rectangle.

    fill: the picture covers the rectangle; the crop keeps the focus point as central as the
    picture allows. fit: the whole picture, scaled down to fit and centred in the rectangle.
    """
    info = probe(path)
    if info is None or info.error or info.width <= 0 or info.height <= 0:
        item = ImageItem(x, y, width, height, str(path), (0, 0, 0, 0), 0.0, missing=True)
        item.is_pdf = path.suffix.lower() == ".pdf"
        return item, info
    iw, ih = info.width, info.height
    if fit == "fit" or info.is_pdf:
        scale = min(width / iw, height / ih)
        pw, ph = iw * scale, ih * scale
        px, py = x + (width - pw) / 2, y + (height - ph) / 2
        crop = (0.0, 0.0, iw, ih)
    else:
        scale = max(width / iw, height / ih)
        cw, ch = width / scale, height / scale
        left = min(max(focus[0] * iw - cw / 2, 0.0), iw - cw)
        top = min(max(focus[1] * ih - ch / 2, 0.0), ih - ch)
        px, py, pw, ph = x, y, width, height
        crop = (left, top, left + cw, top + ch)
    ppi = 0.0 if info.is_pdf else (crop[2] - crop[0]) / (pw / 72.0)
    return ImageItem(px, py, pw, ph, str(path), crop, ppi, is_pdf=info.is_pdf), info
