"""The PDF painter: draws PageLayouts glyph by glyph at the layout's positions.

Shared by the galley proof and the print export. It writes plain PDF 1.4 through its own small
container (newsdesk/render/pdf_file.py); the print presets in newsdesk.export post-process the
file (version, OutputIntent, Info, XMP).

Choices worth knowing:
- Text is written as raw content-stream operators: one `Tm` per line run and a `TJ` array whose
  kerning numbers put every glyph exactly at its `xs[i]`. This is what keeps screen = print.
- Fonts: each TrueType face is one CID-keyed font per file (Type0 / CIDFontType2, Identity-H,
  two-byte codes in order of first use), embedded as a subset with a ToUnicode CMap, so copying
  text out of the PDF gives the source back, beyond the BMP too (newsdesk/render/pdf_fonts.py).
  register_ttf (reportlab TTFont) stays for preflight's embeddability check and reportlab-drawn
  ads; it imports reportlab only when called.
- Photos are embedded as JPEG (DCT); pictures under SMALL_IMAGE_PIXELS losslessly (Flate);
  transparency is flattened onto white paper, as the page shows it.
- Colour is DeviceCMYK by default (`cmyk=True`); text, rules and frames in 100 % K overprint.
  With `cmyk=False` (screen proofs) the same colours are written as naive RGB.
- Characters no font has (`GlyphRun.missing`) are drawn as a red em box in proofs
  (`mark_missing=True`); print presets pass False and draw nothing: preflight reports them as errors.
- Placed PDF ads stay vector: after the file is written, pikepdf overlays the ad's first page
  as a Form XObject into its rectangle.
"""

from __future__ import annotations

import operator
import os
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.errors import FontError, NewsdeskError
from newsdesk.layout.result import (
    BoxItem,
    GlyphRun,
    ImageItem,
    Line,
    MarkItem,
    PageLayout,
    RuleItem,
)
from newsdesk.render.pdf_file import Name, PdfFile, Raw, Ref, Text, pdf_date
from newsdesk.render.pdf_fonts import EmbeddedFont, TrueTypeFace, cmap_text

# Top of the em box above the baseline, as a fraction of the size (CJK fonts: 0.88 em ascent,
# 0.12 em descent on the ideographic em box).
EM_ASCENT = 0.88

RED: tuple[float, float, float, float] = (0.0, 1.0, 1.0, 0.0)
GREY: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.35)

# Used only for labels on pages without text when no font registry is available.
LAST_RESORT_FONTS = (
    "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)

# Images: JPEG for photos (fast, small, what newspapers send anyway), lossless below this size.
JPEG_QUALITY = 92
SMALL_IMAGE_PIXELS = 40_000
# Decoders differ by a level or so: keep decoded JPEG pixels this far (percent) under the limit.
JPEG_INK_MARGIN = 1.0

ProgressCallback = Callable[[int, int], None]
# Returns a Pillow image (cropped, converted, resampled) ready to embed, or None if unreadable.
ImagePreparer = Callable[[ImageItem], Any]

_font_lock = threading.Lock()
_fonts_by_file: dict[tuple[str, int], str] = {}  # (font path, face index) -> reportlab font name


@dataclass(slots=True)
class PageBoxes:
    """Where the trimmed page sits on the sheet: bleed and crop-mark room around it, in points."""

    bleed: float = 0.0
    marks: float = 0.0  # extra room outside the bleed for crop marks; 0 = no marks

    @property
    def offset(self) -> float:
        return self.bleed + self.marks


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one subset, with characters beyond the BMP as UTF-16 pairs.

    reportlab 5.1 writes each code as "<%04X>", which gives five hex digits for U+20000 and
    above: a rare character in a name (CJK Extension B, a system fallback face) then copies out
    of the PDF as the wrong character. Entries come in blocks of 100, as the CMap format asks.
    """
    entries = [
        f"<{code:02X}> <{chr(cp).encode('utf-16-be').hex().upper()}>"
        for code, cp in enumerate(subset)
    ]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    return cmap_text(lines, entries)


def register_ttf(path: str | os.PathLike, index: int = 0) -> str:
    """Register a TrueType file with reportlab once per process; return its font name.

    The face is also read the painter's way (load_face), so preflight, which calls this to check
    that a font can be embedded, refuses what the painter would refuse."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    # Binary streams: reportlab's ASCII85 encoder is pure Python and costs seconds per photo.
    rl_config.useA85 = 0
    # reportlab looks the helper up as a module global when it writes each subset.
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    key = (os.fspath(path), int(index))
    load_face(*key)
    with _font_lock:
        name = _fonts_by_file.get(key)
        if name is not None:
            return name
        name = f"ND{len(_fonts_by_file) + 1}-{Path(key[0]).stem}"[:60]
        try:
            font = TTFont(name, key[0], subfontIndex=key[1])
        except Exception as exc:  # reportlab raises TTFError, OSError, struct errors…
            raise FontError(f"字体文件无法嵌入 PDF：{key[0]}（{exc}）") from exc
        pdfmetrics.registerFont(font)
        _fonts_by_file[key] = name
        return name


_faces: dict[tuple[str, int], TrueTypeFace] = {}  # (font path, face index) -> parsed face


def load_face(path: str | os.PathLike, index: int = 0) -> TrueTypeFace:
    """A TrueType face parsed once per process (FontError if it cannot be embedded)."""
    key = (os.fspath(path), int(index))
    with _font_lock:
        face = _faces.get(key)
        if face is None:
            face = _faces[key] = TrueTypeFace(*key)
        return face


class _FontResolver:
    """Maps layout face keys to TrueType faces, through the font registry."""

    def __init__(self, registry: Any) -> None:
        self.registry = registry
        self.faces: dict[str, TrueTypeFace] = {}

    def face(self, face_key: str) -> TrueTypeFace:
        face = self.faces.get(face_key)
        if face is None:
            face = self.faces[face_key] = load_face(*self._locate(face_key))
        return face

    def _locate(self, face_key: str) -> tuple[str, int]:
        registry = self._registry()
        if registry is not None:
            try:
                face = registry.face_by_key(face_key)
            except (KeyError, LookupError):
                face = None
            if face is not None:
                return os.fspath(face.path), int(getattr(face, "index", 0) or 0)
        if os.path.isfile(face_key):  # a bare font path (tests, tools)
            return face_key, 0
        raise FontError(f"找不到字体：{face_key}")

    def _registry(self) -> Any:
        if self.registry is None:
            try:
                from newsdesk.fonts import default_registry
            except ImportError:
                return None
            self.registry = default_registry()
        return self.registry

    def any_face(self) -> TrueTypeFace:
        """A TrueType face for labels (when a page has no text of its own)."""
        if self.faces:
            return next(iter(self.faces.values()))
        registry = self._registry()
        if registry is not None:
            for role in ("serif", "sans", "kai", "heavy", "sans_bold"):
                try:
                    face = registry.face(role)
                except Exception:  # noqa: BLE001 - any failure: try the next role
                    continue
                return load_face(face.path, int(getattr(face, "index", 0) or 0))
        for path in LAST_RESORT_FONTS:
            if os.path.isfile(path):
                return load_face(path)
        raise FontError("没有可嵌入 PDF 的 TrueType 字体")


def _num(v: float) -> str:
    """Short decimal for content streams."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _fill_op(color: Sequence[float], cmyk: bool) -> str:
    c, m, y, k = color
    if cmyk:
        return f"{_num(c)} {_num(m)} {_num(y)} {_num(k)} k"
    return f"{_num((1 - c) * (1 - k))} {_num((1 - m) * (1 - k))} {_num((1 - y) * (1 - k))} rg"


def _stroke_op(color: Sequence[float], cmyk: bool) -> str:
    operands, op = _fill_op(color, cmyk).rsplit(" ", 1)
    return f"{operands} {op.upper()}"  # k -> K, rg -> RG


def _is_pure_black(color: Sequence[float]) -> bool:
    c, m, y, k = color
    return c == 0 and m == 0 and y == 0 and k >= 0.999


def _tj(font: EmbeddedFont, stretch: str, xs: Sequence[float], scale: float) -> str:
    """The TJ array of glyphs on one baseline. Each correction (1/1000 em) is a glyph's advance
    minus the distance to the next glyph's position, written when over 0.005; glyphs with none
    between them share a hex string: [<000a000b> -12.5 <000c>] TJ. Built with map() and joins:
    each distinct correction is formatted once, and the glyphs and what follows each of them
    ("" or "> -12.50 <") are joined in one pass."""
    hexes = list(map(font.hex.__getitem__, stretch))
    advances = map(font.advance.__getitem__, stretch)
    gaps = map(scale.__mul__, map(operator.sub, xs[1:], xs[:-1]))
    adjusts = list(map(operator.sub, advances, gaps))
    after = {a: f"> {a:.2f} <" if a > 0.005 or a < -0.005 else "" for a in set(adjusts)}
    body = "".join(map(operator.add, hexes, map(after.__getitem__, adjusts)))
    return "[<" + body + hexes[-1] + ">] TJ"


_KAPPA = 0.5523  # control-point distance of a quarter circle drawn as one cubic Bézier


def _circle_path(cx: float, cy: float, r: float) -> str:
    """A closed circle path in PDF coordinates (y up)."""
    k = r * _KAPPA
    return (
        f"{_num(cx + r)} {_num(cy)} m "
        f"{_num(cx + r)} {_num(cy + k)} {_num(cx + k)} {_num(cy + r)} {_num(cx)} {_num(cy + r)} c "
        f"{_num(cx - k)} {_num(cy + r)} {_num(cx - r)} {_num(cy + k)} {_num(cx - r)} {_num(cy)} c "
        f"{_num(cx - r)} {_num(cy - k)} {_num(cx - k)} {_num(cy - r)} {_num(cx)} {_num(cy - r)} c "
        f"{_num(cx + k)} {_num(cy - r)} {_num(cx + r)} {_num(cy - k)} {_num(cx + r)} {_num(cy)} c h"
    )


class _PagePainter:
    """Paints one PageLayout into a page's content stream (`code`, joined when the page ends)."""

    def __init__(self, writer: _Writer, page: PageLayout, position: int, code: list[str]) -> None:
        self.w = writer
        self.position = position  # index of the page in the file being written
        self.page = page
        self.height = page.height
        self.offset = writer.boxes.offset
        self.code = code
        self.fill: tuple | None = None
        self.stroke: tuple | None = None
        self.overprint = False  # a page starts in the default graphics state: knock-out
        self.images: dict[str, Ref] = {}  # resource name -> image XObject used on this page
        # The open text object's (font resource, size): consecutive runs share one BT … ET and
        # name their font only when it changes; anything drawn as a path closes it first.
        self.text_font: tuple[str, float] | None = None

    # -- state helpers -----------------------------------------------------------------------
    def set_fill(self, color: Sequence[float]) -> None:
        color = tuple(color)
        if color != self.fill:
            self.code.append(_fill_op(color, self.w.cmyk))
            self.fill = color

    def set_stroke(self, color: Sequence[float]) -> None:
        color = tuple(color)
        if color != self.stroke:
            self.code.append(_stroke_op(color, self.w.cmyk))
            self.stroke = color

    def set_overprint(self, on: bool) -> None:
        on = on and self.w.cmyk
        if on != self.overprint:
            self.code.append(f"/{self.w.graphics_state(on)} gs")
            self.overprint = on

    def y(self, y: float) -> float:
        """Page y (top-left origin, y down) to PDF y."""
        return self.height - y

    def end_text(self) -> None:
        """Close the open text object (paths and images may not be drawn inside one)."""
        if self.text_font is not None:
            self.code.append("ET")
            self.text_font = None

    # -- items ---------------------------------------------------------------------------------
    def paint(self) -> None:
        # The page's own coordinates start at the trim box corner (q/Q: crop marks come after).
        if self.offset:
            self.code.append(f"q 1 0 0 1 {_num(self.offset)} {_num(self.offset)} cm")
        self.items()
        self.end_text()
        if self.offset:
            self.code.append("Q")

    def items(self) -> None:
        for frame in self.page.frames:
            for box in frame.boxes:
                self.box(box)
            for image in frame.images:
                self.image(image)
            for rule in frame.rules:
                self.rule(rule)
            for line in frame.lines:
                for run in line.runs:
                    self.run(run, line)
                if line.marks:
                    self.marks(line.marks)

    def box(self, box: BoxItem) -> None:
        self.end_text()
        x, y, w, h = box.x, self.y(box.y + box.height), box.width, box.height
        rect = f"{_num(x)} {_num(y)} {_num(w)} {_num(h)} re"
        if box.fill is not None:
            self.set_overprint(False)
            self.set_fill(box.fill)
            self.code.append(rect + " f")
        if box.stroke > 0:
            self.set_overprint(_is_pure_black(box.color))
            self.set_stroke(box.color)
            self.code.append(f"{_num(box.stroke)} w {rect} S")

    def rule(self, rule: RuleItem) -> None:
        if rule.width <= 0:
            return
        self.end_text()
        self.set_overprint(_is_pure_black(rule.color))
        self.set_stroke(rule.color)
        self.code.append(
            f"{_num(rule.width)} w {_num(rule.x1)} {_num(self.y(rule.y1))} m "
            f"{_num(rule.x2)} {_num(self.y(rule.y2))} l S"
        )

    def marks(self, marks: list[MarkItem]) -> None:
        """Emphasis dots: filled circles (four Bézier quarters), overprinting like text. A path,
        never a glyph, so the text read back is the copy's own."""
        self.end_text()
        for mark in marks:
            self.set_overprint(_is_pure_black(mark.color))
            self.set_fill(mark.color)
            self.code.append(_circle_path(mark.x, self.y(mark.y), mark.diameter / 2) + " f")

    def image(self, item: ImageItem) -> None:
        self.end_text()
        if item.is_pdf and not item.missing and os.path.isfile(item.path):
            # Drawn after the file is written (see _overlay_pdf_ads).
            self.w.ads.append((self.position, self.page, item))
            return
        prepared = None if item.missing else self.w.load_image(item)
        if prepared is None:
            self.missing_image(item)
            return
        self.set_overprint(False)
        name = f"Im{int(prepared)}"
        self.images[name] = prepared
        self.code.append(
            f"q {_num(item.width)} 0 0 {_num(item.height)} {_num(item.x)} "
            f"{_num(self.y(item.y + item.height))} cm /{name} Do Q"
        )

    def missing_image(self, item: ImageItem) -> None:
        """A grey frame with a cross and the file name, so nobody mistakes it for a photo."""
        x, y, w, h = item.x, self.y(item.y + item.height), item.width, item.height
        self.set_overprint(False)
        self.set_stroke(GREY)
        self.code.append(
            f"0.5 w {_num(x)} {_num(y)} {_num(w)} {_num(h)} re S "
            f"{_num(x)} {_num(y)} m {_num(x + w)} {_num(y + h)} l S "
            f"{_num(x)} {_num(y + h)} m {_num(x + w)} {_num(y)} l S"
        )
        label = "缺图：" + os.path.basename(item.path or "?")
        size = max(6.0, min(12.0, w / max(len(label), 1)))
        font = self.w.font(self.w.fonts.any_face())
        self.set_fill((0.0, 0.0, 0.0, 1.0))
        self.text_at(font, size, label, x + 4, y + h - 4 - size * EM_ASCENT)

    def text_at(self, font: EmbeddedFont, size: float, text: str, x: float, y: float) -> None:
        """Plain text with the font's own advances (labels; pdf y)."""
        self.end_text()
        self.code.append(
            f"BT 1 0 0 1 {_num(x)} {_num(y)} Tm /{font.internal_name} {_num(size)} Tf "
            f"<{font.encode(text)}> Tj ET"
        )

    def run(self, run: GlyphRun, line: Line | None = None) -> None:
        if not run.chars:
            return
        if run.missing:
            if self.w.mark_missing:
                self.missing_boxes(run)
            return
        font = self.w.font_for_key(run.face)
        self.set_overprint(_is_pure_black(run.color))
        self.set_fill(run.color)
        if run.vertical:
            self.vertical_run(run, font, line)
        else:
            self.horizontal_run(run, font)

    def horizontal_run(self, run: GlyphRun, font: EmbeddedFont) -> None:
        chars, xs, ys = run.chars, run.xs, run.ys
        if not font.hex.keys() >= set(chars):
            # New characters get their codes in order of first use (stable output).
            for ch in dict.fromkeys(chars):
                if ch not in font.hex:
                    font.add(ch)
        scale = 1000.0 / run.size
        if self.text_font != (font.internal_name, run.size):
            head = f"/{font.internal_name} {_num(run.size)} Tf"
            out = [head if self.text_font is not None else "BT " + head]
            self.text_font = (font.internal_name, run.size)
        else:
            out = []
        nums = self.w.nums
        n = len(chars)
        i = 0
        while i < n:
            # A stretch on one baseline: one Tm and one TJ array.
            base = ys[i]
            j = n if i == 0 and ys.count(base) == n else i + 1  # one baseline: the usual case
            while j < n and ys[j] == base:
                j += 1
            # Lines share their left edges and baselines (columns, pages): each is formatted once.
            x, y = xs[i], self.height - base
            x_text = nums.get(x)
            if x_text is None:
                x_text = nums[x] = _num(x)
            y_text = nums.get(y)
            if y_text is None:
                y_text = nums[y] = _num(y)
            out.append(f"1 0 0 1 {x_text} {y_text} Tm")
            out.append(_tj(font, chars[i:j], xs[i:j], scale))
            i = j
        self.code.append(" ".join(out))

    def vertical_run(self, run: GlyphRun, font: EmbeddedFont, line: Line | None = None) -> None:
        # Each glyph upright in its own em box: (xs[i], ys[i]) is the box's top-left corner.
        # Presentation forms (︵ for （) copy out as the line's own characters.
        from newsdesk.compose.headline import VERTICAL_DOUBLE_DASH, VERTICAL_FORMS

        self.end_text()
        size = run.size
        text, start = (line.text, line.start) if line is not None else ("", 0)
        out: list[str] = [f"BT /{font.internal_name} {_num(size)} Tf"]
        for ch, x, top, offset in zip(run.chars, run.xs, run.ys, run.offsets):
            at = offset - start
            source = text[at] if 0 <= at < len(text) else ch
            if ch != VERTICAL_FORMS.get(source) and not (
                ch == VERTICAL_DOUBLE_DASH and unicodedata.category(source) == "Pd"
            ):
                source = ch  # not a form the head setter chose: copy out what is drawn
            baseline = self.y(top + size * EM_ASCENT)
            out.append(f"1 0 0 1 {_num(x)} {_num(baseline)} Tm <{font.encode_as(ch, source)}> Tj")
        out.append("ET")
        self.code.append(" ".join(out))

    def missing_boxes(self, run: GlyphRun) -> None:
        self.end_text()
        self.set_overprint(False)
        self.set_stroke(RED)
        size = run.size
        parts = [f"{_num(max(size / 20, 0.3))} w"]
        for x, y in zip(run.xs, run.ys):
            top = y if run.vertical else y - size * EM_ASCENT
            parts.append(f"{_num(x)} {_num(self.y(top + size))} {_num(size)} {_num(size)} re S")
        self.code.append(" ".join(parts))


class _Writer:
    def __init__(
        self,
        path: str,
        pages: Sequence[PageLayout],
        fonts: _FontResolver,
        *,
        title: str,
        author: str,
        creator: str,
        subject: str,
        cmyk: bool,
        mark_missing: bool,
        boxes: PageBoxes,
        prepare_image: ImagePreparer | None,
        ink_limit: float | None,
    ) -> None:
        self.path = path
        self.ink_limit = ink_limit
        self.pages = pages
        self.fonts = fonts
        self.cmyk = cmyk
        self.mark_missing = mark_missing
        self.boxes = boxes
        self.prepare_image = prepare_image
        self.ads: list[tuple[int, PageLayout, ImageItem]] = []
        self._images: dict[tuple, Ref | None] = {}
        self._embedded: dict[int, EmbeddedFont] = {}  # id(TrueTypeFace) -> its font here
        self._by_key: dict[str, EmbeddedFont] = {}  # layout face key -> its font here
        self.nums: dict[float, str] = {}  # content-stream numbers already formatted (_num)
        self.pdf = PdfFile()
        self._page_tree = self.pdf.reserve()
        self._font_dict = self.pdf.reserve()  # every page shares one font dictionary
        self._states: dict[bool, str] = {}  # overprint on/off -> ExtGState resource name
        self._registration: Ref | None = None  # the Separation /All colour space
        self._page_refs: list[Ref] = []
        self._pending_pages: list[tuple[Ref, dict[str, Any]]] = []  # written at save
        self._info = {
            "Title": Text(title),
            "Author": Text(author),
            "Creator": Text(creator),
            "Subject": Text(subject) if subject else None,
            "Producer": Text("Newsdesk"),
        }

    def font(self, face: TrueTypeFace) -> EmbeddedFont:
        """The face's font in this document (its objects are written with the file)."""
        font = self._embedded.get(id(face))
        if font is None:
            font = self._embedded[id(face)] = EmbeddedFont(face, f"F{len(self._embedded) + 1}")
        return font

    def font_for_key(self, face_key: str) -> EmbeddedFont:
        """The font of a layout face key (GlyphRun.face) in this document."""
        font = self._by_key.get(face_key)
        if font is None:
            font = self._by_key[face_key] = self.font(self.fonts.face(face_key))
        return font

    def graphics_state(self, overprint: bool) -> str:
        """The ExtGState resource name for overprinting on or off (fill, stroke and OPM 1: a
        black plate's zero CMY leaves the other plates' ink alone)."""
        name = self._states.get(overprint)
        if name is None:
            name = self._states[overprint] = "GSop" if overprint else "GSko"
        return name

    def _sheet(self, page: PageLayout) -> tuple[float, float]:
        off = self.boxes.offset
        return (page.width + 2 * off, page.height + 2 * off)

    def load_image(self, item: ImageItem) -> Ref | None:
        """The picture as an image XObject, once per image and placement: JPEG (DCT) for
        photos, Flate for small images."""
        key = (item.path, tuple(item.crop), round(item.width, 2), round(item.height, 2))
        if key not in self._images:
            if self.prepare_image is not None:
                pil = self.prepare_image(item)
            else:
                from newsdesk.export.images import prepare_image

                pil = prepare_image(item, cmyk=self.cmyk)
            self._images[key] = None if pil is None else self._image_object(pil)
        return self._images[key]

    def _image_object(self, pil: Any) -> Ref:
        if pil.mode in ("RGBA", "LA", "P", "PA", "1", "I", "F", "I;16"):
            pil = _flatten(pil)
        spaces = {"CMYK": "DeviceCMYK", "RGB": "DeviceRGB", "L": "DeviceGray"}
        entries: dict[str, Any] = {
            "Type": Name("XObject"),
            "Subtype": Name("Image"),
            "Width": pil.width,
            "Height": pil.height,
            "ColorSpace": Name(spaces[pil.mode]),
            "BitsPerComponent": 8,
        }
        if pil.width * pil.height >= SMALL_IMAGE_PIXELS:
            data = self._jpeg_within_ink_limit(pil)
            if data is not None:
                entries["Filter"] = Name("DCTDecode")
                if pil.mode == "CMYK":  # Pillow writes Adobe-style inverted CMYK
                    entries["Decode"] = [1, 0, 1, 0, 1, 0, 1, 0]
                return self.pdf.put_stream(data, entries, deflate=False)
        return self.pdf.put_stream(pil.tobytes(), entries)

    def _jpeg_within_ink_limit(self, pil: Any) -> bytes | None:
        """JPEG bytes (Adobe-style inverted CMYK, hence the Decode array above).

        JPEG noise can push a pixel a few percent over the ink limit the image was separated to,
        so print output is decoded again and checked; the picture is pulled down by the
        overshoot and re-encoded (twice at most), or embedded losslessly if that fails.
        """
        import io

        from PIL import Image

        def encode(img: Any) -> bytes:
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0 if img.mode != "L" else -1)
            return buf.getvalue()

        data = encode(pil)
        if pil.mode != "CMYK" or self.ink_limit is None:
            return data
        from newsdesk.export.colour import limit_ink, max_ink

        target = self.ink_limit - JPEG_INK_MARGIN
        img = pil
        for _ in range(3):
            with Image.open(io.BytesIO(data)) as decoded:
                over = max_ink(decoded) - target
            if over <= 0:
                return data
            target -= over
            img = limit_ink(pil, target)
            data = encode(img)
        return None

    def close(self) -> None:
        self.pdf.close()

    def write(self, progress: ProgressCallback | None) -> None:
        total = len(self.pages)
        for n, page in enumerate(self.pages):
            code: list[str] = []
            painter = _PagePainter(self, page, n, code)
            painter.paint()
            if self.boxes.marks > 0:
                self._crop_marks(page, code)
            self._end_page(page, code, painter.images)
            if progress is not None:
                progress(n + 1, total)
        if not self.pages:
            blank = self.pdf.put_stream(b"")
            self._page_refs.append(
                self.pdf.put(
                    {
                        "Type": Name("Page"),
                        "Parent": self._page_tree,
                        "MediaBox": [0, 0, 595, 842],
                        "Resources": {"ProcSet": Raw("[/PDF]")},
                        "Contents": blank,
                    }
                )
            )
        self._save()
        if self.ads:
            _overlay_pdf_ads(self.path, self.ads, self.boxes.offset)

    def _end_page(self, page: PageLayout, code: list[str], images: dict[str, Ref]) -> None:
        content = self.pdf.put_stream("\n".join(code).encode("latin-1"), deflate_later=True)
        off, b = self.boxes.offset, self.boxes.bleed
        width, height = self._sheet(page)
        resources: dict[str, Any] = {
            "ProcSet": Raw("[/PDF /Text /ImageB /ImageC /ImageI]"),
            "Font": self._font_dict,
        }
        if self._registration is not None:
            resources["ColorSpace"] = {"CSall": self._registration}
        if images:
            resources["XObject"] = dict(images)
        page_ref = self.pdf.reserve()
        self._page_refs.append(page_ref)
        self._pending_pages.append(
            (
                page_ref,
                {
                    "Type": Name("Page"),
                    "Parent": self._page_tree,
                    "MediaBox": [0, 0, width, height],
                    "TrimBox": [off, off, off + page.width, off + page.height],
                    "BleedBox": [off - b, off - b, off + page.width + b, off + page.height + b],
                    "Resources": resources,
                    "Contents": content,
                },
            )
        )

    def _save(self) -> None:
        pdf = self.pdf
        states = None
        if self._states:
            states = pdf.put(
                {
                    name: {
                        "Type": Name("ExtGState"),
                        "OP": on,
                        "op": on,
                        "OPM": 1 if on else 0,
                    }
                    for on, name in self._states.items()
                }
            )
        for ref, page in self._pending_pages:
            page["Resources"]["ExtGState"] = states  # shared by every page (None: left out)
            pdf.put(page, ref=ref)
        pdf.put(
            {font.internal_name: font.write_objects(pdf) for font in self._embedded.values()},
            ref=self._font_dict,
        )
        pdf.put(
            {"Type": Name("Pages"), "Count": len(self._page_refs), "Kids": self._page_refs},
            ref=self._page_tree,
        )
        root = pdf.put({"Type": Name("Catalog"), "Pages": self._page_tree})
        stamp = pdf_date()
        info = pdf.put({**self._info, "CreationDate": Text(stamp), "ModDate": Text(stamp)})
        pdf.save(self.path, root, info)

    def _crop_marks(self, page: PageLayout, code: list[str]) -> None:
        """Hairline crop marks outside the bleed, in registration colour: the Separation "All",
        which a RIP puts on every plate, so each plate can be trimmed and registered by them."""
        off, bleed = self.boxes.offset, self.boxes.bleed
        gap = bleed + 3.0
        length = max(self.boxes.marks - 3.0 - gap + bleed, 6.0)
        w, h = page.width, page.height
        if self.cmyk:
            if self._registration is None:
                # Tint 1 of "All" is 100 % of each process ink (a type 2 function).
                tint = {
                    "FunctionType": 2,
                    "Domain": [0, 1],
                    "C0": [0, 0, 0, 0],
                    "C1": [1, 1, 1, 1],
                    "N": 1,
                }
                self._registration = self.pdf.put(
                    [Name("Separation"), Name("All"), Name("DeviceCMYK"), tint]
                )
            code.append("/CSall CS 1 SCN 0.25 w")
        else:
            code.append(_stroke_op((0, 0, 0, 1), self.cmyk) + " 0.25 w")
        for cx, cy, dx, dy in ((0, 0, -1, -1), (w, 0, 1, -1), (0, h, -1, 1), (w, h, 1, 1)):
            x, y = off + cx, off + cy
            code.append(
                f"{_num(x + dx * gap)} {_num(y)} m {_num(x + dx * (gap + length))} {_num(y)} l S "
                f"{_num(x)} {_num(y + dy * gap)} m {_num(x)} {_num(y + dy * (gap + length))} l S"
            )


def _flatten(pil: Any) -> Any:
    """A picture with transparency or an unusual mode as RGB or grey over white paper, as the
    page shows it."""
    from PIL import Image

    if pil.mode in ("1", "I", "F", "I;16"):
        return pil.convert("L")
    if pil.mode == "P":
        pil = pil.convert("RGBA")
    if pil.mode == "PA":
        pil = pil.convert("LA")
    base = "L" if pil.mode == "LA" else "RGB"
    paper = Image.new(base, pil.size, 255 if base == "L" else (255, 255, 255))
    paper.paste(pil.convert(base), mask=pil.getchannel("A"))
    return paper


def _overlay_pdf_ads(
    path: str, ads: list[tuple[int, PageLayout, ImageItem]], offset: float
) -> None:
    """Place each PDF ad's first page, as a vector Form XObject, into its rectangle.

    The layout places a PDF whole ("fit"), so the rectangle has the ad's proportions and
    pikepdf's add_overlay (which keeps proportions) fills it exactly.
    """
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        sources: dict[str, pikepdf.Pdf] = {}
        try:
            for position, page, item in ads:
                x1 = offset + item.x
                y1 = offset + page.height - item.y - item.height
                rect = pikepdf.Rectangle(x1, y1, x1 + item.width, y1 + item.height)
                try:
                    src = sources.get(item.path)
                    if src is None:
                        src = sources[item.path] = pikepdf.open(item.path)
                    pdf.pages[position].add_overlay(src.pages[0], rect)
                except (pikepdf.PdfError, pikepdf.PasswordError, IndexError) as exc:
                    # Preflight decodes every ad first; this is the last guard, not a crash.
                    name = os.path.basename(item.path)
                    raise NewsdeskError(
                        f"广告 PDF {name} 已损坏，无法置入第{page.number}版"
                        "（newsdesk ad check 可查看详情）"
                    ) from exc
            unique_subset_tags(pdf)
            pdf.save(path)
        finally:
            for src in sources.values():
                src.close()


def unique_subset_tags(pdf: Any) -> None:
    """Give every embedded subset a tag derived from its font program.

    reportlab tags subsets AAAAAA+, AAAAAB+… in every file, so an ad made by reportlab (or an
    earlier Newsdesk export) brings fonts named exactly like ours but with other glyphs; RIPs
    that cache fonts by name would then print the wrong characters. A Type0 font is renamed
    with its descendant CIDFont.
    """
    import hashlib

    import pikepdf

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
            continue
        subtype = obj.get("/Subtype")
        if subtype in ("/CIDFontType0", "/CIDFontType2"):
            continue  # renamed with the Type0 font above it
        font, renamed = obj, [obj]
        if subtype == "/Type0":
            descendants = obj.get("/DescendantFonts")
            if not isinstance(descendants, pikepdf.Array) or len(descendants) != 1:
                continue
            font = descendants[0]
            renamed.append(font)
        descriptor = font.get("/FontDescriptor")
        name = str(font.get("/BaseFont", ""))
        if descriptor is None or len(name) < 8 or name[7] != "+" or not name[1:7].isupper():
            continue
        program = next(
            (descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor),
            None,
        )
        if program is None:
            continue
        digest = hashlib.sha1(program.read_raw_bytes() + name[8:].encode()).digest()
        tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
        new = pikepdf.Name("/" + tag + name[7:])
        for each in renamed:
            each.BaseFont = new
        descriptor.FontName = new


def write_pdf(
    pages: list[PageLayout],
    path: str | os.PathLike,
    registry: Any = None,
    *,
    title: str = "",
    cmyk: bool = True,
    author: str = "Newsdesk",
    creator: str = "Newsdesk",
    subject: str = "",
    mark_missing: bool = True,
    bleed: float = 0.0,
    crop_marks: bool = False,
    prepare_image: ImagePreparer | None = None,
    ink_limit: float | None = None,
    progress: ProgressCallback | None = None,
) -> None:
    """Write `pages` to a PDF at `path`, each glyph at its layout position.

    `registry` resolves GlyphRun.face keys (default: newsdesk.fonts.default_registry(); a face key
    that is a path to a TrueType file also works). `bleed` (pt) enlarges the sheet around the trim
    box; `crop_marks` adds room and hairline marks outside the bleed. `prepare_image(item)` returns
    the Pillow image to embed (default: newsdesk.export.images.prepare_image, CMYK when `cmyk`).
    `ink_limit` (percent, print only): JPEG-compressed CMYK pictures are checked after encoding
    and kept within it. `progress(done, total)` is called after each page.
    """
    fonts = _FontResolver(registry)
    marks = 9.0 * 2.8346 if crop_marks else 0.0  # 9 mm of room for the marks
    boxes = PageBoxes(bleed=max(bleed, 0.0), marks=marks)
    out = os.fspath(path)
    try:
        writer = _Writer(
            out,
            pages,
            fonts,
            title=title,
            author=author,
            creator=creator,
            subject=subject,
            cmyk=cmyk,
            mark_missing=mark_missing,
            boxes=boxes,
            prepare_image=prepare_image,
            ink_limit=ink_limit,
        )
        try:
            writer.write(progress)
        finally:
            writer.close()
    except OSError as exc:
        raise NewsdeskError(f"无法写入 PDF 文件：{out}（{exc.strerror or exc}）") from exc
