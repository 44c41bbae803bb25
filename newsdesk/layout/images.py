"""Placing pictures and ads: fit or fill with a crop rectangle, and the effective resolution.

Images are opened with Pillow once per file version to read their pixel size and to check that
they decode (at 1/8 scale for a JPEG); the painters read the pixels. A one-page PDF ad is measured
with pikepdf and kept vector on export. A file that cannot be used is reported in plain Chinese
(unreadable_message), never as a library's exception text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsdesk.layout.result import ImageItem

# Why a picture or PDF cannot be used, in words a layout editor can act on (no library jargon).
PDF_ENCRYPTED = "已加密（需要密码才能打开）"
PDF_DAMAGED = "文件已损坏或不是 PDF"
PDF_EMPTY = "文件中没有页面"
IMAGE_UNKNOWN = "文件已损坏或不是图片（无法识别的格式）"
IMAGE_TRUNCATED = "文件不完整（可能传输或保存时中断）"
IMAGE_TOO_LARGE = "像素过多，无法安全打开"
IMAGE_DAMAGED = "文件已损坏，无法解码"

# The most pixels a placed picture may have: a whole broadsheet page at 400 ppi is 52 million, so
# a picture of more is a mistake (a panorama straight from the camera, a scan at 2400 ppi) and
# would take gigabytes to decode and separate. Refused as a preflight finding, never decoded.
MAX_IMAGE_PIXELS = 100_000_000


def too_many_pixels(width: int, height: int) -> str:
    """The finding's words for a picture of width × height pixels over MAX_IMAGE_PIXELS."""
    return (
        f"像素过多（{width}×{height}，{width * height / 1e4:.0f} 万像素，"
        f"上限 {MAX_IMAGE_PIXELS / 1e4:.0f} 万），不会打开"
    )


@dataclass(frozen=True)
class SourceInfo:
    width: float  # pixels (image) or points (PDF)
    height: float
    is_pdf: bool
    pages: int = 1
    error: str = ""  # why it could not be read (one of the phrases above); empty when fine


def pdf_problem(exc: BaseException) -> str:
    """The reason pikepdf could not open a PDF, in plain Chinese."""
    import pikepdf

    if isinstance(exc, pikepdf.PasswordError):
        return PDF_ENCRYPTED
    return PDF_DAMAGED


def image_problem(exc: BaseException) -> str:
    """The reason Pillow could not read an image, in plain Chinese."""
    from PIL import Image, UnidentifiedImageError

    if isinstance(exc, UnidentifiedImageError):
        return IMAGE_UNKNOWN
    if isinstance(exc, Image.DecompressionBombError):
        return IMAGE_TOO_LARGE
    if isinstance(exc, (OSError, EOFError)) and "truncated" in str(exc).lower():
        return IMAGE_TRUNCATED
    return IMAGE_DAMAGED


def unreadable_message(kind: str, image: str, info: SourceInfo) -> str:
    """The finding for a picture or ad file that is there but cannot be used."""
    source = "广告客户" if kind == "ad" else "供稿方"
    if info.is_pdf:
        what = "广告 PDF" if kind == "ad" else "图片 PDF"
        if info.error == PDF_ENCRYPTED:
            return f"{what} {PDF_ENCRYPTED}，请向{source}索取未加密的文件（{image}）"
        return f"{what} 无法打开：{info.error}，请向{source}重新索取（{image}）"
    what = "广告" if kind == "ad" else "图片"
    return f"{what}无法打开：{info.error}，请重新导出或向{source}重新索取（{image}）"


@lru_cache(maxsize=256)
def _probe(path: str, mtime: float, problem: str) -> SourceInfo:
    p = Path(path)
    if problem:  # a pipe, a device or a file far too large: never opened
        return SourceInfo(0, 0, p.suffix.lower() == ".pdf", 0, problem)
    if p.suffix.lower() == ".pdf":
        try:
            import pikepdf

            with pikepdf.open(p) as pdf:
                if len(pdf.pages) == 0:
                    return SourceInfo(0, 0, True, 0, PDF_EMPTY)
                box = [float(v) for v in pdf.pages[0].mediabox]
                return SourceInfo(
                    abs(box[2] - box[0]), abs(box[3] - box[1]), True, pages=len(pdf.pages)
                )
        except Exception as exc:  # noqa: BLE001 - a damaged ad is reported, never a crash
            return SourceInfo(0, 0, True, 0, pdf_problem(exc))
    try:
        import warnings

        from PIL import Image

        with warnings.catch_warnings():
            # Pillow warns (and prints) above its own limit; ours below it decides instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(p)
        with im:
            if im.width * im.height > MAX_IMAGE_PIXELS:
                return SourceInfo(0, 0, False, 0, too_many_pixels(im.width, im.height))
            size = (float(im.width), float(im.height))
            # Decode once (a JPEG at 1/8 scale: a few ms) so a cut-off file is found here, at
            # layout, and not as a grey box in the printed page.
            im.draft(im.mode, (max(1, im.width // 8), max(1, im.height // 8)))
            im.load()
        return SourceInfo(size[0], size[1], False)
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds; all mean "unusable"
        return SourceInfo(0, 0, False, 0, image_problem(exc))


AD_ASPECT_TOLERANCE = 0.01  # an ad whose width:height differs by more is distorted or cut
AD_SCALE_TOLERANCE = 0.02  # a PDF ad scaled by more was made for another booking


def ad_size_problem(info: SourceInfo, width: float, height: float) -> str:
    """Why an ad does not match the space booked for it ("" when it does), in Chinese.

    Ads must be delivered at the booked size: a PDF ad (sized in points) may be scaled by at most
    2 %, and any ad's aspect ratio may differ by at most 1 %. An image ad has no reliable physical
    size, so only its aspect ratio is checked (its resolution is checked elsewhere).
    """
    if info.error or info.width <= 0 or info.height <= 0 or width <= 0 or height <= 0:
        return ""
    aspect = (info.width / info.height) / (width / height)
    scale = min(width / info.width, height / info.height)
    if abs(aspect - 1) <= AD_ASPECT_TOLERANCE and (
        not info.is_pdf or abs(scale - 1) <= AD_SCALE_TOLERANCE
    ):
        return ""
    booked = f"版位 {_mm(width)}×{_mm(height)} mm"
    if info.is_pdf:
        return f"广告尺寸与版位不符：广告 {_mm(info.width)}×{_mm(info.height)} mm，{booked}"
    return (
        f"广告尺寸与版位不符：广告 {info.width:.0f}×{info.height:.0f} 像素"
        f"（宽高比 {info.width / info.height:.2f}），{booked}（宽高比 {width / height:.2f}）"
    )


def _mm(points: float) -> str:
    return f"{points / 72 * 25.4:.0f}"


def probe(path: Path) -> SourceInfo | None:
    """Size of an image or PDF, or None when the file does not exist."""
    from newsdesk.files import regular_file_problem

    try:
        st = path.stat()
    except (OSError, ValueError):  # missing, a name too long, a NUL in the name
        return None
    kind = "pdf" if path.suffix.lower() == ".pdf" else "image"
    return _probe(str(path), st.st_mtime, regular_file_problem(st, kind))


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
    scale: float = 1.0,
) -> tuple[ImageItem, SourceInfo | None]:
    """The ImageItem for a picture or ad placed in a rectangle.

    fill: the picture covers the rectangle; the crop keeps the focus point as central as the
    picture allows. fit: the whole picture, scaled down to fit and centred in the rectangle.
    scale multiplies that size (the editor's 缩放): larger, the picture is cropped around the
    focus; smaller, it is centred with paper around it. A PDF ad is never scaled or cropped.
    """
    info = probe(path)
    if info is None or info.error or info.width <= 0 or info.height <= 0:
        item = ImageItem(x, y, width, height, str(path), (0, 0, 0, 0), 0.0, missing=True)
        item.is_pdf = path.suffix.lower() == ".pdf"
        return item, info
    iw, ih = info.width, info.height
    if width <= 0 or height <= 0:  # a block with no area: nothing shows (audit: block_too_small)
        return ImageItem(
            x,
            y,
            max(width, 0.0),
            max(height, 0.0),
            str(path),
            (0, 0, iw, ih),
            0.0,
            is_pdf=info.is_pdf,
        ), info
    fitting = fit == "fit" or info.is_pdf
    points_per_pixel = (min if fitting else max)(width / iw, height / ih)
    if not info.is_pdf:
        points_per_pixel *= scale
    # Each axis on its own: a picture larger than the block there is cropped around the focus,
    # a smaller one is centred.
    px, pw, left, right = _axis(x, width, iw, points_per_pixel, focus[0], not fitting)
    py, ph, top, bottom = _axis(y, height, ih, points_per_pixel, focus[1], not fitting)
    crop = (left, top, right, bottom)
    ppi = 0.0 if info.is_pdf or pw <= 0 else (crop[2] - crop[0]) / (pw / 72.0)
    return ImageItem(px, py, pw, ph, str(path), crop, ppi, is_pdf=info.is_pdf), info


def _axis(start: float, extent: float, pixels: int, ppp: float, focus: float, filling: bool):
    """(position, size, first pixel, last pixel) of a picture along one axis of its block, at
    `ppp` points per pixel. An axis the picture just spans counts as cropped when filling and
    as centred when fitting, so unscaled pictures land exactly where they always did."""
    full = pixels * ppp
    cropped = full > extent + 1e-6 or (filling and full >= extent - 1e-6)
    if not cropped:
        return start + (extent - full) / 2, full, 0.0, float(pixels)
    shown = extent / ppp
    first = min(max(focus * pixels - shown / 2, 0.0), pixels - shown)
    return start, extent, first, first + shown
