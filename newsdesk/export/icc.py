"""The output profile (PrintSettings.icc_profile) checked before anything is exported.

A profile is embedded as the OutputIntent's DestOutputProfile and used to separate photos, so it
must be: a file that is there; an ICC profile (not a JPEG renamed .icc); complete (the size in
its header is the file's); a CMYK profile of the output (`prtr`) class; a version the preset's
PDF can carry (v2 for PDF/X-1a, PDF 1.3; up to v4 for PDF/X-4); and usable by LittleCMS for
the separation the export does. Each failure gets its own message, in plain Chinese.
"""

from __future__ import annotations

import io
from pathlib import Path

from newsdesk.errors import NewsdeskError
from newsdesk.files import read_regular_file

# What a file that is not a profile usually is, by its first bytes.
_NOT_PROFILES = [
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"\x89PNG", "PNG 图片"),
    (b"%PDF", "PDF 文件"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"PK\x03\x04", "ZIP 压缩包"),
]
_SPACES = {b"RGB ": "RGB", b"GRAY": "灰度", b"Lab ": "Lab", b"XYZ ": "XYZ", b"CMY ": "CMY"}
_CLASSES = {
    b"mntr": "显示器（mntr）",
    b"scnr": "扫描仪（scnr）",
    b"spac": "颜色空间（spac）",
    b"link": "设备链接（link）",
    b"abst": "抽象（abst）",
    b"nmcl": "专色名称（nmcl）",
}


def profile_problem(path: Path, pdfx: str = "PDF/X-1a:2001") -> str:
    """Why the profile at `path` cannot be used for `pdfx` ("" when it can), in Chinese."""
    try:
        read_profile(path, pdfx)
    except NewsdeskError as exc:
        return str(exc)
    return ""


def read_profile(path: Path, pdfx: str = "PDF/X-1a:2001") -> bytes:
    """The bytes of a usable CMYK output profile, or NewsdeskError saying what is wrong."""
    from newsdesk.errors import read_problem

    try:
        data = read_regular_file(path, "icc")  # never a pipe or /dev/zero, never gigabytes
    except OSError as exc:
        raise NewsdeskError(f"无法读取印刷特性文件（ICC）：{path}（{read_problem(exc)}）") from exc
    for magic, what in _NOT_PROFILES:
        if data.startswith(magic):
            raise NewsdeskError(f"印刷特性文件是{what}，不是 ICC 特性文件：{path}")
    if len(data) < 132 or data[36:40] != b"acsp":
        raise NewsdeskError(f"不是 ICC 特性文件：{path}")
    declared = int.from_bytes(data[0:4], "big")
    if declared != len(data):
        raise NewsdeskError(
            f"印刷特性文件不完整或已损坏（文件头记录 {declared} 字节，实际 {len(data)} 字节）：{path}"
        )
    space = data[16:20]
    if space != b"CMYK":
        label = _SPACES.get(space, space.decode("latin-1").strip())
        raise NewsdeskError(f"印刷特性文件是 {label} 特性文件，印刷需要 CMYK 特性文件：{path}")
    kind = data[12:16]
    if kind != b"prtr":
        label = _CLASSES.get(kind, kind.decode("latin-1").strip())
        raise NewsdeskError(
            f"印刷特性文件的设备类别是{label}，印刷需要输出设备（prtr）特性文件：{path}"
        )
    major, minor = data[8], data[9] >> 4
    if pdfx.startswith("PDF/X-1a") and major != 2:
        raise NewsdeskError(
            f"印刷特性文件是 ICC v{major}.{minor}，PDF/X-1a（PDF 1.3）只能嵌入 v2 特性文件："
            f"请使用该印刷条件的 v2 版本：{path}"
        )
    if major not in (2, 4):
        raise NewsdeskError(f"不支持的 ICC 版本 v{major}.{minor}：{path}")
    if not _tags_inside(data):
        raise NewsdeskError(f"印刷特性文件内容已损坏（标签超出文件范围）：{path}")
    if not _separates(data):
        raise NewsdeskError(f"印刷特性文件内容已损坏，无法用于分色：{path}")
    return data


def _tags_inside(data: bytes) -> bool:
    count = int.from_bytes(data[128:132], "big")
    if 132 + 12 * count > len(data) or count == 0:
        return False
    for n in range(count):
        entry = data[132 + 12 * n : 144 + 12 * n]
        offset = int.from_bytes(entry[4:8], "big")
        size = int.from_bytes(entry[8:12], "big")
        if offset < 128 or offset + size > len(data):
            return False
    return True


def _separates(data: bytes) -> bool:
    """LittleCMS opens the profile and separates a few colours through it, as the export will."""
    from PIL import Image, ImageCms

    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
        transform = ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"),
            profile,
            "RGB",
            "CMYK",
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
        )
        sample = Image.new("RGB", (4, 1))
        sample.putdata([(0, 0, 0), (255, 255, 255), (200, 30, 30), (30, 90, 200)])
        ImageCms.applyTransform(sample, transform)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return False
    return True
