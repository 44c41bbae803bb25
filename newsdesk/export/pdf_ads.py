"""What a placed PDF ad brings into a PDF/X-1a file, walked to the object.

An ad is merged as vector content, so nothing in it is converted: everything PDF/X-1a:2001
forbids must be found before export. The placed (first) page is walked completely: its content
streams (every operator, inline images included), resources, nested forms, tiling and shading
patterns, shadings, Type 3 glyph procedures, fonts and annotation appearances; the catalog is
checked for encryption, actions, JavaScript and optional content.

Every stream is decoded here, with a bound: a damaged stream (bad Flate data) or one that would
decode to more than MAX_STREAM_BYTES (MAX_CONTENT_BYTES for content that has to be parsed) is a
finding, never an exception and never a gigabyte in memory.

    facts = inspect_ad("ad.pdf")
    facts.readable, facts.error, facts.findings  # AdFinding(code, detail, where)
"""

from __future__ import annotations

import base64
import io
import re
import zlib
from dataclasses import dataclass, field

import pikepdf
from PIL import Image, ImageChops

from newsdesk.export.colour import max_ink
from newsdesk.layout.images import PDF_ENCRYPTED, pdf_problem

# Decoded size bounds. An ad's page content of 32 MiB is already far beyond what any layout
# program writes for one ad; an image of 256 MiB is a 300 ppi CMYK picture 1.3 m wide.
MAX_CONTENT_BYTES = 32 * 1024 * 1024
MAX_STREAM_BYTES = 256 * 1024 * 1024
MAX_AD_BYTES = 512 * 1024 * 1024  # all streams of one ad together
MAX_INK_PIXELS = 40_000_000  # CMYK pictures inside an ad larger than this are not ink-checked
INK_SAMPLE_PIXELS = 1_000_000  # pictures are averaged down to about this before the ink check

# Filters PDF 1.3 knows and PDF/X-1a:2001 allows. LZW is PDF 1.3 but excluded by PDF/X-1a
# (patent-encumbered at the time); JBIG2 (1.4), JPX (1.5) and Crypt (1.5) are newer.
ALLOWED_FILTERS = {
    "/FlateDecode",
    "/ASCIIHexDecode",
    "/ASCII85Decode",
    "/RunLengthDecode",
    "/CCITTFaxDecode",
    "/DCTDecode",
}
_FILTER_ABBREVIATIONS = {
    "/AHx": "/ASCIIHexDecode",
    "/A85": "/ASCII85Decode",
    "/LZW": "/LZWDecode",
    "/Fl": "/FlateDecode",
    "/RL": "/RunLengthDecode",
    "/CCF": "/CCITTFaxDecode",
    "/DCT": "/DCTDecode",
}
# Filters qpdf decodes (read_bytes); the image codecs stay encoded.
_GENERAL_FILTERS = {
    "/FlateDecode",
    "/ASCIIHexDecode",
    "/ASCII85Decode",
    "/RunLengthDecode",
    "/LZWDecode",
}
_INLINE_SPACES = {
    "/G": "/DeviceGray",
    "/RGB": "/DeviceRGB",
    "/CMYK": "/DeviceCMYK",
    "/I": "/Indexed",
}
_PROCESS_SPACES = {"/DeviceCMYK", "/DeviceGray"}

# What each finding code means, for messages: (what it is, what to do).
CODES: dict[str, tuple[str, str]] = {
    "ad_colour_space": ("使用了 CMYK/灰度/专色以外的颜色", "请广告客户按 CMYK 输出"),
    "ad_transparency": ("含透明效果", "请广告客户拼合透明度后按 PDF/X-1a 输出"),
    "ad_transfer_function": ("含转移函数（TR/TR2）", "请广告客户去掉转移函数"),
    "ad_halftone": ("自带网点设置（HT）", "网点由印厂决定，请广告客户去掉网点设置"),
    "ad_black_generation": ("自带黑版生成/底色去除函数（BG/UCR）", "请广告客户按 CMYK 输出"),
    "ad_font_not_embedded": ("有未嵌入的字体", "请广告客户嵌入全部字体"),
    "ad_filter": ("使用了 PDF 1.3 没有的压缩方式", "请广告客户按 PDF/X-1a（PDF 1.3）输出"),
    "ad_encrypted": ("已加密", "请向广告客户索取未加密的文件"),
    "ad_action": ("含动作（链接、打开时动作等）", "请广告客户按 PDF/X-1a 输出"),
    "ad_javascript": ("含 JavaScript", "请广告客户按 PDF/X-1a 输出"),
    "ad_postscript": ("含 PostScript 片段", "请广告客户按 PDF/X-1a 输出"),
    "ad_optional_content": ("含可选内容（图层）", "请广告客户合并图层后输出"),
    "ad_stream_damaged": ("有已损坏、无法解码的数据", "请向广告客户重新索取"),
    "ad_stream_too_large": ("解压后数据过大", "请向广告客户索取正常大小的文件"),
}
# What PDF/X-4 allows (a warning there): ICC/Lab colour, live transparency, JPX, layers.
X4_ALLOWS = {"ad_colour_space", "ad_transparency", "ad_optional_content", "ad_filter"}


@dataclass(frozen=True)
class AdFinding:
    code: str  # one of CODES
    detail: str  # what exactly, e.g. "DeviceRGB", "混合模式 Multiply", "字体 Helvetica"
    where: str  # where in the ad, e.g. "表单 Fm1 > 页面内容"

    @property
    def label(self) -> str:
        return CODES[self.code][0]

    @property
    def advice(self) -> str:
        return CODES[self.code][1]

    def text(self) -> str:
        return f"{self.label}：{self.detail}（{self.where}）"


@dataclass
class AdFacts:
    readable: bool = True
    error: str = ""  # why it cannot be read, in plain Chinese with what to do
    findings: list[AdFinding] = field(default_factory=list)
    # Highest total of a CMYK colour set by k/K in the ad's content, percent (vector art only:
    # pictures inside the ad are not measured).
    max_ink: float = 0.0
    max_ink_where: str = ""

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}


def ad_messages(name: str, facts: AdFacts, pdfx: str) -> list[tuple[str, str, str]]:
    """(code, severity, Chinese message) per kind of problem in the ad file `name`, for the
    preset's PDF/X flavour ("" for none: everything is an error then, as for X-1a)."""
    by_code: dict[str, list[AdFinding]] = {}
    for f in facts.findings:
        by_code.setdefault(f.code, []).append(f)
    colour = "ad_colour_space" in by_code
    out = []
    for code, found in by_code.items():
        if code == "ad_black_generation" and not colour:
            continue  # BG/UCR act only on colour the RIP converts, and there is none
        severity = "warning" if pdfx == "PDF/X-4" and code in X4_ALLOWS else "error"
        shown = "；".join(f"{f.detail}（{f.where}）" for f in found[:3])
        more = f"；另有 {len(found) - 3} 处" if len(found) > 3 else ""
        label, advice = CODES[code]
        out.append((code, severity, f"广告 PDF {name} {label}：{shown}{more}。{advice}"))
    return out


def inspect_ad(path: str) -> AdFacts:
    """Everything in the placed page of the ad at `path` that PDF/X-1a forbids."""
    facts = AdFacts()
    try:
        with pikepdf.open(path) as pdf:
            if len(pdf.pages) == 0:
                raise ValueError("no pages")
            _Walker(facts).document(pdf)
    except (pikepdf.PdfError, pikepdf.PasswordError, OSError, ValueError) as exc:
        facts.readable = False
        facts.error = _plain_reason(exc)
    return facts


def _plain_reason(exc: BaseException) -> str:
    """Why the ad cannot be read, as advice for the layout editor (not pikepdf's words)."""
    problem = pdf_problem(exc)
    if problem == PDF_ENCRYPTED:
        return f"{problem}，请向广告客户索取未加密的文件"
    return f"{problem}，请向广告客户重新索取"


class _TooLarge(Exception):
    pass


class _Damaged(Exception):
    pass


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _name(value) -> str:
    return str(value) if isinstance(value, pikepdf.Name) else ""


class _Walker:
    def __init__(self, facts: AdFacts) -> None:
        self.facts = facts
        self.seen: set[tuple[int, int]] = set()
        self.decoded = 0  # bytes decoded so far, all streams
        self._found: set[tuple[str, str, str]] = set()

    def add(self, code: str, detail: str, where: str) -> None:
        if (code, detail, where) not in self._found:
            self._found.add((code, detail, where))
            self.facts.findings.append(AdFinding(code, detail, where))

    def first_visit(self, obj) -> bool:
        """False when an indirect object was walked before (shared resources, cycles)."""
        if not getattr(obj, "is_indirect", False):
            return True
        key = obj.objgen
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    # -- the document and its page ------------------------------------------------------------
    def document(self, pdf: pikepdf.Pdf) -> None:
        if pdf.is_encrypted:
            self.add("ad_encrypted", "文件加密（无需密码即可打开，但 PDF/X 不允许加密）", "文件")
        root = pdf.Root
        opening = root.get("/OpenAction")
        if isinstance(opening, pikepdf.Dictionary) and _name(opening.get("/S")) == "/JavaScript":
            self.add("ad_javascript", "打开文件时运行的 JavaScript", "文件")
        elif opening is not None:
            self.add("ad_action", "打开文件时的动作（OpenAction）", "文件")
        if "/AA" in root:
            self.add("ad_action", "文件的附加动作（AA）", "文件")
        names = root.get("/Names")
        if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
            self.add("ad_javascript", "文件级 JavaScript", "文件")
        if "/OCProperties" in root:
            self.add("ad_optional_content", "图层定义（OCProperties）", "文件")
        self.page(pdf.pages[0])

    def page(self, page: pikepdf.Page) -> None:
        obj = page.obj
        where = "页面"
        resources = _inherited(obj, "/Resources")
        self.group(obj, where)
        if "/AA" in obj:
            self.add("ad_action", "页面的附加动作（AA）", where)
        contents = _as_list(obj.get("/Contents"))
        self.content(contents, resources, f"{where}内容")
        self.resources(resources, where)
        for n, annot in enumerate(_as_list(obj.get("/Annots")), start=1):
            if isinstance(annot, pikepdf.Dictionary):
                self.annotation(annot, f"注释 {n}（{_name(annot.get('/Subtype')) or '未知'}）")

    def annotation(self, annot, where: str) -> None:
        action = annot.get("/A")
        if isinstance(action, pikepdf.Dictionary):
            kind = _name(action.get("/S"))
            if kind == "/JavaScript":
                self.add("ad_javascript", "注释的 JavaScript 动作", where)
            else:
                self.add("ad_action", f"动作 {kind.lstrip('/') or '未知'}", where)
        if "/AA" in annot:
            self.add("ad_action", "注释的附加动作（AA）", where)
        if "/OC" in annot:
            self.add("ad_optional_content", "注释属于图层", where)
        appearances = annot.get("/AP")
        if not isinstance(appearances, pikepdf.Dictionary):
            return
        for key in ("/N", "/R", "/D"):
            entry = appearances.get(key)
            states = (
                [entry]
                if isinstance(entry, pikepdf.Stream)
                else list(entry.values())
                if isinstance(entry, pikepdf.Dictionary)
                else []
            )
            for state in states:
                if isinstance(state, pikepdf.Stream):
                    self.form(state, None, f"{where} > 外观")

    # -- resources ----------------------------------------------------------------------------
    def resources(self, res, where: str) -> None:
        if not isinstance(res, pikepdf.Dictionary) or not self.first_visit(res):
            return
        for name, cs in _items(res.get("/ColorSpace")):
            self.colour_space(cs, f"{where} > 颜色空间 {name}")
        for name, gs in _items(res.get("/ExtGState")):
            self.ext_gstate(gs, f"{where} > 图形状态 {name}")
        for name, pattern in _items(res.get("/Pattern")):
            self.pattern(pattern, res, f"{where} > 图案 {name}")
        for name, shading in _items(res.get("/Shading")):
            self.shading(shading, f"{where} > 渐变 {name}")
        for name, xobject in _items(res.get("/XObject")):
            self.xobject(xobject, res, name, where)
        for name, font in _items(res.get("/Font")):
            self.font(font, res, name, where)
        for name, props in _items(res.get("/Properties")):
            if isinstance(props, pikepdf.Dictionary) and _name(props.get("/Type")) in (
                "/OCG",
                "/OCMD",
            ):
                self.add("ad_optional_content", f"图层 {name}", where)

    def colour_space(self, cs, where: str) -> None:
        bad = _colour_space_problem(cs)
        if bad:
            self.add("ad_colour_space", bad, where)
        if isinstance(cs, pikepdf.Array):
            for part in cs:
                if isinstance(part, pikepdf.Stream):  # ICC profile, lookup table, tint function
                    self.data(part, where)

    def ext_gstate(self, gs, where: str) -> None:
        if not isinstance(gs, pikepdf.Dictionary) or not self.first_visit(gs):
            return
        smask = gs.get("/SMask")
        if smask is not None and _name(smask) != "/None":
            self.add("ad_transparency", "软蒙版（SMask）", where)
            if isinstance(smask, pikepdf.Dictionary) and isinstance(
                smask.get("/G"), pikepdf.Stream
            ):
                self.form(smask.G, None, f"{where} > 软蒙版")
        for key, label in (("/ca", "填充不透明度"), ("/CA", "描边不透明度")):
            if key in gs:
                try:
                    value = float(gs[key])
                except (TypeError, ValueError):
                    value = 0.0
                if value < 1:
                    self.add("ad_transparency", f"{label} {value:g}", where)
        blend = gs.get("/BM")
        modes = [_name(m) for m in _as_list(blend)] if blend is not None else []
        if modes and modes[0] not in ("/Normal", "/Compatible"):
            self.add("ad_transparency", f"混合模式 {modes[0].lstrip('/')}", where)
        if "/TR" in gs:
            self.add("ad_transfer_function", "TR", where)
        if "/TR2" in gs and _name(gs.TR2) != "/Default":
            self.add("ad_transfer_function", "TR2", where)
        if "/HT" in gs and _name(gs.HT) != "/Default":
            self.add("ad_halftone", "HT", where)
        for key in ("/BG", "/BG2", "/UCR", "/UCR2"):
            if key in gs and _name(gs[key]) != "/Default":
                # They only act when the RIP converts colour, which a CMYK-only ad never needs:
                # reported (as blocking) together with the non-CMYK colour that makes them act.
                self.add("ad_black_generation", key.lstrip("/"), where)
        font = gs.get("/Font")
        if isinstance(font, pikepdf.Array) and len(font) > 0:
            self.font(font[0], None, "（图形状态）", where)

    def pattern(self, pattern, parent_res, where: str) -> None:
        if not isinstance(pattern, pikepdf.Object) or not self.first_visit(pattern):
            return
        if isinstance(pattern, pikepdf.Stream):  # tiling pattern: its own content
            self.form(pattern, parent_res, where, visited=True)
        elif isinstance(pattern, pikepdf.Dictionary):  # shading pattern
            if "/Shading" in pattern:
                self.shading(pattern.Shading, f"{where} > 渐变")
            if "/ExtGState" in pattern:
                self.ext_gstate(pattern.ExtGState, f"{where} > 图形状态")

    def shading(self, shading, where: str) -> None:
        if not isinstance(shading, pikepdf.Object) or not self.first_visit(shading):
            return
        if "/ColorSpace" in shading:
            self.colour_space(shading.ColorSpace, where)
        if isinstance(shading, pikepdf.Stream):
            self.data(shading, where)
        for function in _as_list(shading.get("/Function")):
            if isinstance(function, pikepdf.Stream):
                self.data(function, f"{where} > 函数")

    def xobject(self, xobject, parent_res, name: str, where: str) -> None:
        if not isinstance(xobject, pikepdf.Stream) or not self.first_visit(xobject):
            return
        subtype = _name(xobject.get("/Subtype"))
        if "/OC" in xobject:
            self.add("ad_optional_content", f"对象 {name} 属于图层", where)
        if subtype == "/Image":
            self.image(xobject, f"{where} > 图片 {name}")
        elif subtype == "/Form":
            if _name(xobject.get("/Subtype2")) == "/PS":
                self.add("ad_postscript", f"PostScript 表单 {name}", where)
            self.form(xobject, parent_res, f"{where} > 表单 {name}", visited=True)
        elif subtype == "/PS":
            self.add("ad_postscript", f"PostScript 对象 {name}", where)
            self.data(xobject, f"{where} > PostScript 对象 {name}")

    def image(self, image, where: str) -> None:
        if "/ColorSpace" in image and not bool(image.get("/ImageMask", False)):
            self.colour_space(image.ColorSpace, where)
        if "/SMask" in image:
            self.add("ad_transparency", "图片的软蒙版（SMask）", where)
        if int(image.get("/SMaskInData", 0) or 0):
            self.add("ad_transparency", "JPEG 2000 图片自带透明通道", where)
        if isinstance(image.get("/Mask"), pikepdf.Stream):
            self.data(image.Mask, f"{where} > 蒙版")
        if "/OPI" in image or "/Alternates" in image:
            self.add("ad_postscript", "图片的 OPI/替代图片", where)
        before = len(self.facts.findings)
        data = self.data(image, where)
        if len(self.facts.findings) == before:  # decoded within bounds and not damaged
            self.image_ink(image, data, where)

    def form(self, form, parent_res, where: str, visited: bool = False) -> None:
        if not visited and not self.first_visit(form):
            return
        self.group(form, where)
        # A form without its own resources uses those of whatever draws it (PDF 1.1 habit);
        # they are walked there.
        own = form.get("/Resources")
        self.content([form], own if own is not None else parent_res, where)
        if own is not None:
            self.resources(own, where)

    def group(self, obj, where: str) -> None:
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and _name(group.get("/S")) == "/Transparency":
            self.add("ad_transparency", "透明组", where)
            if "/CS" in group:
                self.colour_space(group.CS, f"{where} > 透明组")

    def font(self, font, parent_res, name: str, where: str) -> None:
        if not isinstance(font, pikepdf.Dictionary) or not self.first_visit(font):
            return
        base = str(font.get("/BaseFont", name)).lstrip("/")
        subtype = _name(font.get("/Subtype"))
        where = f"{where} > 字体 {name}"
        if subtype == "/Type3":
            own = font.get("/Resources")
            res = own if own is not None else parent_res
            for glyph, proc in _items(font.get("/CharProcs")):
                if isinstance(proc, pikepdf.Stream):
                    self.content([proc], res, f"{where} > 字形 {glyph}")
            if own is not None:  # else the resources of the page or form, walked there
                self.resources(own, where)
            return
        target = font
        if subtype == "/Type0":
            descendants = _as_list(font.get("/DescendantFonts"))
            if not descendants or not isinstance(descendants[0], pikepdf.Dictionary):
                self.add("ad_font_not_embedded", base, where)
                return
            target = descendants[0]
        descriptor = target.get("/FontDescriptor")
        program = None
        if isinstance(descriptor, pikepdf.Dictionary):
            program = next(
                (
                    descriptor[k]
                    for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    if k in descriptor
                ),
                None,
            )
        if not isinstance(program, pikepdf.Stream):
            self.add("ad_font_not_embedded", base, where)
            return
        self.data(program, where)

    # -- streams ------------------------------------------------------------------------------
    def filters(self, stream, where: str) -> list[str]:
        names = [_FILTER_ABBREVIATIONS.get(str(f), str(f)) for f in _as_list(stream.get("/Filter"))]
        for f in names:
            if f not in ALLOWED_FILTERS:
                self.add("ad_filter", f.lstrip("/"), where)
        return names

    def data(self, stream, where: str, limit: int = MAX_STREAM_BYTES) -> bytes | None:
        """Decode `stream` within `limit` bytes; None (and a finding) if it cannot be.

        Flate is inflated here, chunk by chunk, so a small file that would inflate to gigabytes
        is stopped at the limit; qpdf then decodes what is known to fit.
        """
        if getattr(stream, "is_indirect", False):
            key = ("data", stream.objgen)
            if key in self.seen:
                return None
            self.seen.add(key)  # type: ignore[arg-type]
        filters = self.filters(stream, where)
        try:
            size = _bounded_size(stream, filters, min(limit, MAX_AD_BYTES - self.decoded))
            self.decoded += size
            if filters == ["/DCTDecode"]:
                _check_jpeg(stream)
                return None
            if any(f not in _GENERAL_FILTERS for f in filters):
                return None  # image codecs qpdf leaves encoded: nothing to parse
            return stream.read_bytes()
        except _TooLarge:
            mib = limit // (1024 * 1024)
            self.add("ad_stream_too_large", f"超过 {mib} MB", where)
        except (_Damaged, pikepdf.PdfError, zlib.error, ValueError):
            self.add("ad_stream_damaged", "数据流无法解码", where)
        return None

    def content(self, streams: list, res, where: str) -> None:
        """Every operator of a content stream that sets colour, paints a shading, draws an
        inline image, runs PostScript or marks optional content."""
        parts = []
        for stream in streams:
            if not isinstance(stream, pikepdf.Stream):
                continue
            data = self.data(stream, where, MAX_CONTENT_BYTES)
            if data is not None:
                parts.append(data)
        if not parts:
            return
        scratch = pikepdf.new()
        data = b"\n".join(parts)
        # pikepdf groups inline images only when it returns every operator (slower): ask for
        # the few operators that matter unless the content has an inline image.
        wanted = "" if _INLINE_IMAGE.search(data) else _OPERATORS
        try:
            ops = pikepdf.parse_content_stream(pikepdf.Stream(scratch, data), wanted)
        except pikepdf.PdfError:
            self.add("ad_stream_damaged", "页面内容无法解析", where)
            return
        spaces = res.get("/ColorSpace") if isinstance(res, pikepdf.Dictionary) else None
        shadings = res.get("/Shading") if isinstance(res, pikepdf.Dictionary) else None
        # Whether the current fill/stroke space is four-colour, so `sc`/`scn` with four
        # operands are CMYK values whose total ink counts (a spot tint's does not).
        cmyk = {"fill": False, "stroke": False}
        for operands, operator in ops:
            op = str(operator)
            if op in ("k", "K") and len(operands) == 4:
                self.ink(operands, where)
            elif op in ("sc", "scn", "SC", "SCN") and len(operands) == 4:
                if cmyk["fill" if op.islower() else "stroke"]:
                    self.ink(operands, where)
            elif op in ("rg", "RG"):
                self.add("ad_colour_space", "DeviceRGB（rg/RG 运算符）", where)
            elif op in ("cs", "CS") and operands:
                name = _name(operands[0])
                named = spaces.get(name) if isinstance(spaces, pikepdf.Dictionary) else None
                cmyk["fill" if op == "cs" else "stroke"] = _is_cmyk(
                    named if named is not None else operands[0]
                )
                if name in ("/DeviceRGB", "/CalRGB", "/Lab"):
                    self.add("ad_colour_space", name.lstrip("/"), where)
                elif isinstance(spaces, pikepdf.Dictionary) and name in spaces:
                    self.colour_space(spaces[name], f"{where} > 颜色空间 {name}")
            elif op == "sh" and operands and isinstance(shadings, pikepdf.Dictionary):
                name = _name(operands[0])
                if name in shadings:
                    self.shading(shadings[name], f"{where} > 渐变 {name}")
            elif op == "INLINE IMAGE":
                self.inline_image(operands[0], spaces, where)
            elif op == "PS":
                self.add("ad_postscript", "PS 运算符", where)
            elif op in ("BDC", "BMC") and operands and _name(operands[0]) == "/OC":
                self.add("ad_optional_content", "图层标记（BDC /OC）", where)

    def ink(self, operands, where: str) -> None:
        try:
            total = sum(float(v) for v in operands) * 100
        except (TypeError, ValueError):
            return
        if total > self.facts.max_ink:
            self.facts.max_ink, self.facts.max_ink_where = total, where

    def image_ink(self, image, data: bytes | None, where: str) -> None:
        """Total ink of a CMYK picture inside the ad (a photo in a supermarket ad is where
        400 % shadows come from). Averaged over small areas first, as prepress tools do, so a
        few stray pixels do not fail a page that prints well. `data` is the stream data()
        already decoded (None for a JPEG, which Pillow decodes here, at reduced size)."""
        if not _is_cmyk(image.get("/ColorSpace")) or int(image.get("/BitsPerComponent", 8)) != 8:
            return
        try:
            size = int(image.Width), int(image.Height)
            if size[0] * size[1] > MAX_INK_PIXELS:
                return  # bounded work; the ad's size findings already speak for it
            if data is not None:
                picture = Image.frombytes("CMYK", size, data)
            else:
                picture = Image.open(io.BytesIO(image.read_raw_bytes()))
                scale = round((size[0] * size[1] / INK_SAMPLE_PIXELS) ** 0.5)
                if scale > 1:
                    picture.draft("CMYK", (size[0] // scale, size[1] // scale))  # 1/2–1/8
            if picture.mode != "CMYK":
                return
            decode = [float(v) for v in _as_list(image.get("/Decode"))]
            if decode[:2] == [1.0, 0.0]:  # inverted CMYK, as Photoshop writes it
                picture = ImageChops.invert(picture)
            scale = round((picture.width * picture.height / INK_SAMPLE_PIXELS) ** 0.5)
            if scale > 1:
                picture = picture.reduce(scale)
            total = max_ink(picture)
        except (OSError, ValueError, pikepdf.PdfError):
            return  # a picture that cannot be decoded is reported by data()
        if total > self.facts.max_ink:
            self.facts.max_ink, self.facts.max_ink_where = total, f"{where}（图片）"

    def inline_image(self, inline, spaces, where: str) -> None:
        where = f"{where} > 内嵌图像"
        info = inline.obj
        if bool(info.get("/IM", info.get("/ImageMask", False))):
            cs = None
        else:
            cs = info.get("/CS", info.get("/ColorSpace"))
        if cs is not None:
            if isinstance(cs, pikepdf.Name):
                full = _INLINE_SPACES.get(str(cs), str(cs))
                if full not in _PROCESS_SPACES and full != "/Indexed":
                    if isinstance(spaces, pikepdf.Dictionary) and str(cs) in spaces:
                        self.colour_space(spaces[str(cs)], where)
                    else:
                        self.add("ad_colour_space", full.lstrip("/"), where)
            elif isinstance(cs, pikepdf.Array) and len(cs) > 1:
                base = cs[1]
                if isinstance(base, pikepdf.Name):
                    base = pikepdf.Name(_INLINE_SPACES.get(str(base), str(base)))
                if isinstance(spaces, pikepdf.Dictionary) and str(base) in spaces:
                    base = spaces[str(base)]
                problem = _colour_space_problem(base)
                if problem:
                    self.add("ad_colour_space", f"Indexed（基于 {problem}）", where)
        for f in _as_list(info.get("/F", info.get("/Filter"))):
            full = _FILTER_ABBREVIATIONS.get(str(f), str(f))
            if full not in ALLOWED_FILTERS:
                self.add("ad_filter", full.lstrip("/"), where)


_OPERATORS = "k K sc scn SC SCN rg RG cs CS sh PS BDC BMC"
_INLINE_IMAGE = re.compile(rb"(?:^|[\s\]>)])BI[\s/]")


def _items(value) -> list[tuple[str, object]]:
    if not isinstance(value, pikepdf.Dictionary):
        return []
    return [(str(k).lstrip("/"), v) for k, v in value.items()]


def _inherited(page, key: str):
    node, depth = page, 0
    while isinstance(node, pikepdf.Dictionary) and depth < 64:
        if key in node:
            return node[key]
        node, depth = node.get("/Parent"), depth + 1
    return None


def _is_cmyk(cs) -> bool:
    """DeviceCMYK, or an ICC-based space of four components."""
    if isinstance(cs, pikepdf.Name):
        return str(cs) == "/DeviceCMYK"
    if isinstance(cs, pikepdf.Array) and len(cs) == 2 and _name(cs[0]) == "/ICCBased":
        stream = cs[1]
        return isinstance(stream, pikepdf.Stream) and int(stream.get("/N", 0)) == 4
    return False


def _colour_space_problem(cs, depth: int = 0) -> str:
    """Why a colour space is not allowed in PDF/X-1a ("" when it is): only DeviceCMYK,
    DeviceGray, Separation/DeviceN with a CMYK or grey alternate, and Indexed/Pattern over
    those."""
    if depth > 8:
        return ""
    if isinstance(cs, pikepdf.Name):
        name = str(cs)
        if name in _PROCESS_SPACES or name == "/Pattern":
            return ""
        return name.lstrip("/")
    if not isinstance(cs, pikepdf.Array) or len(cs) == 0:
        return ""
    kind = str(cs[0])
    if kind in ("/ICCBased",):
        n = int(cs[1].get("/N", 0)) if isinstance(cs[1], pikepdf.Stream) else 0
        return f"ICCBased（{n} 通道）"
    if kind in ("/CalRGB", "/CalGray", "/Lab", "/DeviceRGB"):
        return kind.lstrip("/")
    if kind in _PROCESS_SPACES:
        return ""
    if kind == "/Indexed" and len(cs) > 1:
        base = _colour_space_problem(cs[1], depth + 1)
        return f"Indexed（基于 {base}）" if base else ""
    if kind == "/Pattern" and len(cs) > 1:
        return _colour_space_problem(cs[1], depth + 1)
    if kind in ("/Separation", "/DeviceN") and len(cs) > 2:
        alternate = _colour_space_problem(cs[2], depth + 1)
        label = kind.lstrip("/")
        return f"{label}（替代色为 {alternate}）" if alternate else ""
    return kind.lstrip("/")


# Upper bounds of how much a filter can expand its input (bytes out per byte in).
_EXPANSION = {"/RunLengthDecode": 64, "/LZWDecode": 2800, "/CCITTFaxDecode": 2000}


def _bounded_size(stream, filters: list[str], limit: int) -> int:
    """The decoded size of `stream`, computed without ever holding more than `limit` bytes;
    _TooLarge past the limit, _Damaged when the data is not what its filters say."""
    if limit <= 0:
        raise _TooLarge
    data = stream.read_raw_bytes()
    for n, f in enumerate(filters):
        if f == "/FlateDecode":
            last = n == len(filters) - 1 or all(
                g in ("/DCTDecode", "/CCITTFaxDecode") for g in filters[n + 1 :]
            )
            if last:
                return _inflated_size(data, limit)
            data = _inflate(data, limit)
        elif f == "/ASCIIHexDecode":
            text = re.sub(rb"\s", b"", data).split(b">", 1)[0]
            if len(text) % 2:
                text += b"0"
            try:
                data = bytes.fromhex(text.decode("ascii"))
            except (UnicodeDecodeError, ValueError) as exc:
                raise _Damaged from exc
        elif f == "/ASCII85Decode":
            text = re.sub(rb"\s", b"", data)
            text = text.removeprefix(b"<~").split(b"~>", 1)[0]
            try:
                data = base64.a85decode(text)
            except ValueError as exc:
                raise _Damaged from exc
        elif f in ("/DCTDecode", "/JPXDecode", "/JBIG2Decode"):
            return len(data)  # image codecs: qpdf leaves them encoded
        else:
            if len(data) * _EXPANSION.get(f, 1) > limit:
                raise _TooLarge
            return len(data) * _EXPANSION.get(f, 1)
        if len(data) > limit:
            raise _TooLarge
    return len(data)


def _inflated_size(data: bytes, limit: int) -> int:
    inflater = zlib.decompressobj()
    total, chunk = 0, 1 << 20
    pending = data
    # Data that ends before the end of the deflate stream is read as far as it goes (some
    # writers do it, and every reader copes); only corrupt data (zlib.error) is damaged.
    while True:
        out = inflater.decompress(pending, chunk)
        total += len(out)
        if total > limit:
            raise _TooLarge
        pending = inflater.unconsumed_tail
        if inflater.eof or (not out and not pending):
            return total


def _inflate(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise _TooLarge
    return out


def _check_jpeg(stream) -> None:
    """A JPEG image is decoded at 1/8 scale (a few ms): a cut-off one is found here."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(stream.read_raw_bytes())) as im:
            im.draft(im.mode, (max(1, im.width // 8), max(1, im.height // 8)))
            im.load()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds; all mean damaged
        raise _Damaged from exc
