"""What a placed PDF ad brings into a PDF/X-1a file: RGB colour, transparency, unembedded fonts.

An ad is merged as vector content, so nothing in it is converted: an RGB or transparent ad, or
one with a font that is not embedded, makes the page unfit for an X-1a press and is a preflight
error. Only the first page (the one placed) and what it uses are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf

from newsdesk.layout.images import PDF_ENCRYPTED, pdf_problem

_RGB_OPS = re.compile(rb"(?:^|[\s\]>)])(rg|RG)(?=[\s\[</(]|$)")
_RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab"}


@dataclass
class AdFacts:
    readable: bool = True
    error: str = ""  # why it cannot be read, in plain Chinese with what to do
    rgb: list[str] = field(default_factory=list)  # where RGB was found
    transparency: list[str] = field(default_factory=list)
    unembedded_fonts: list[str] = field(default_factory=list)


def _colour_space_is_rgb(cs) -> bool:
    if isinstance(cs, pikepdf.Name):
        return str(cs) in _RGB_SPACES
    if isinstance(cs, pikepdf.Array) and len(cs) > 0:
        kind = str(cs[0])
        if kind == "/ICCBased":
            return int(cs[1].get("/N", 0)) == 3
        if kind in _RGB_SPACES:
            return True
        if kind == "/Indexed" and len(cs) > 1:
            return _colour_space_is_rgb(cs[1])
        if kind in ("/Separation", "/DeviceN") and len(cs) > 2:
            return _colour_space_is_rgb(cs[2])  # alternate space
    return False


def inspect_ad(path: str) -> AdFacts:
    facts = AdFacts()
    try:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[0]
            seen: set[tuple[int, int]] = set()
            _walk(page.obj, "页面", facts, seen)
    except Exception as exc:  # noqa: BLE001 - a damaged ad is a finding, not a crash
        facts.readable = False
        facts.error = _plain_reason(exc)
    return facts


def _plain_reason(exc: BaseException) -> str:
    """Why the ad cannot be read, as advice for the layout editor (not pikepdf's words)."""
    problem = pdf_problem(exc)
    if problem == PDF_ENCRYPTED:
        return f"{problem}，请向广告客户索取未加密的文件"
    return f"{problem}，请向广告客户重新索取"


def _walk(obj, where: str, facts: AdFacts, seen: set[tuple[int, int]]) -> None:
    """Content streams and resources of a page or form, recursively through forms and patterns."""
    if obj.is_indirect:
        key = obj.objgen
        if key in seen:
            return
        seen.add(key)
    group = obj.get("/Group")
    if group is not None and group.get("/S") == "/Transparency":
        facts.transparency.append(f"{where}的透明组")
    contents = obj.get("/Contents") if "/Contents" in obj else None
    streams = []
    if isinstance(obj, pikepdf.Stream):
        streams.append(obj)
    elif contents is not None:
        streams.extend(contents if isinstance(contents, pikepdf.Array) else [contents])
    for stream in streams:
        try:
            data = stream.read_bytes()
        except pikepdf.PdfError:
            continue
        if _RGB_OPS.search(data):
            facts.rgb.append(f"{where}的 RGB 颜色")
    resources = obj.get("/Resources")
    if resources is None:
        return
    for name, cs in (resources.get("/ColorSpace") or {}).items():
        if _colour_space_is_rgb(cs):
            facts.rgb.append(f"{where}的颜色空间 {name}")
    for name, gs in (resources.get("/ExtGState") or {}).items():
        if "/SMask" in gs and gs.SMask != "/None":
            facts.transparency.append(f"{where}的软蒙版 {name}")
        for key in ("/ca", "/CA"):
            if key in gs and float(gs[key]) < 1:
                facts.transparency.append(f"{where}的不透明度 {name}")
        if "/BM" in gs and str(gs.BM) not in ("/Normal", "/Compatible"):
            facts.transparency.append(f"{where}的混合模式 {name}")
    for name, font in (resources.get("/Font") or {}).items():
        _check_font(font, name, facts)
    for name, xobject in (resources.get("/XObject") or {}).items():
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            cs = xobject.get("/ColorSpace")
            if cs is not None and _colour_space_is_rgb(cs):
                facts.rgb.append(f"图片 {name}")
            if "/SMask" in xobject:
                facts.transparency.append(f"图片 {name} 的软蒙版")
        elif subtype == "/Form":
            _walk(xobject, f"表单 {name}", facts, seen)
    for name, pattern in (resources.get("/Pattern") or {}).items():
        if isinstance(pattern, pikepdf.Stream):
            _walk(pattern, f"图案 {name}", facts, seen)


def _check_font(font, name: str, facts: AdFacts) -> None:
    base = str(font.get("/BaseFont", name))
    if font.get("/Subtype") == "/Type3":
        return  # glyphs are content streams
    target = font
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not descendants:
            facts.unembedded_fonts.append(base)
            return
        target = descendants[0]
    descriptor = target.get("/FontDescriptor")
    if descriptor is None or not any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
    ):
        facts.unembedded_fonts.append(base.lstrip("/"))
