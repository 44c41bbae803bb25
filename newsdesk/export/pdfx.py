"""PDF/X identification, added with pikepdf after the painter has written the file.

reportlab cannot write an OutputIntent (setCatalogEntry drops it) and bumps the header to 1.4, so
the print presets finish the file here: OutputIntent, Info keys, XMP (X-4), version.

OutputIntent: without a configured CMYK profile the intent names a registered characterisation
(OutputConditionIdentifier, e.g. IFRA26, with RegistryName http://www.color.org and the
OutputCondition text of newsdesk.export.conditions), which PDF/X-1a allows. With
`PrintSettings.icc_profile` set, the profile (checked by newsdesk.export.icc) is embedded as
DestOutputProfile. PDF/X-4 requires the embedded profile.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from newsdesk.errors import NewsdeskError
from newsdesk.export.conditions import REGISTERED, REGISTRY
from newsdesk.export.icc import read_profile
from newsdesk.export.presets import Preset
from newsdesk.model.edition import PrintSettings
from newsdesk.render.pdf import unique_subset_tags


def pdf_date(moment: _dt.datetime) -> str:
    """A PDF date string, D:YYYYMMDDHHmmSS+HH'mm'."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    offset = moment.utcoffset() or _dt.timedelta(0)
    sign = "+" if offset >= _dt.timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{sign}{minutes // 60:02d}'{minutes % 60:02d}'"


def profile_path(settings: PrintSettings, base_dir: Path | None) -> Path | None:
    if not settings.icc_profile:
        return None
    p = Path(settings.icc_profile)
    if not p.is_absolute() and base_dir is not None:
        p = base_dir / p
    return p


def output_intent(pdf: pikepdf.Pdf, settings: PrintSettings, icc: bytes | None) -> Dictionary:
    ident = settings.output_condition or "IFRA26"
    known = REGISTERED.get(ident)
    condition = known.condition if known is not None else ident
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name("/GTS_PDFX"),
        OutputConditionIdentifier=String(ident),
        OutputCondition=String(condition),
        Info=String(condition),
    )
    if known is not None:  # a registered reference name; any other is described by its profile
        intent.RegistryName = String(REGISTRY)
    if icc is not None:
        stream = pikepdf.Stream(pdf, icc)
        stream.N = 4
        intent.DestOutputProfile = pdf.make_indirect(stream)
    return intent


# Page boxes are written on grids (points): TrimBox and BleedBox to 1/1000 pt, the MediaBox to
# 1/100 pt, each rounded outward from the one inside it. Ghostscript's PDF/X writer rounds the
# MediaBox to 1/100 pt (half up) and clips the BleedBox to it: a sheet of 1530.709 pt became
# 1530.71 or 1530.7, and the TrimBox then "did not fit" and the file reverted to plain PDF.
BOX_GRID = Decimal("0.001")
MEDIA_GRID = Decimal("0.01")


def _on_grid(value: float, grid: Decimal, rounding: str) -> Decimal:
    steps = (Decimal(repr(float(value))) / grid).quantize(Decimal(1), rounding=rounding)
    text = f"{steps * grid:f}"
    return Decimal(text.rstrip("0").rstrip(".") if "." in text else text)


def _outward(box: list[float], grid: Decimal) -> list[Decimal]:
    x1, y1, x2, y2 = box
    return [
        _on_grid(x1, grid, ROUND_FLOOR),
        _on_grid(y1, grid, ROUND_FLOOR),
        _on_grid(x2, grid, ROUND_CEILING),
        _on_grid(y2, grid, ROUND_CEILING),
    ]


def _enclosing(inner: list[Decimal], outer: list[Decimal]) -> list[Decimal]:
    return [
        min(inner[0], outer[0]),
        min(inner[1], outer[1]),
        max(inner[2], outer[2]),
        max(inner[3], outer[3]),
    ]


def grid_boxes(page: pikepdf.Dictionary) -> None:
    """TrimBox ⊆ BleedBox ⊆ MediaBox on their grids, so the nesting survives any reader's
    rounding (see BOX_GRID)."""

    def read(key: str) -> list[float] | None:
        box = page.get(key)
        if not isinstance(box, pikepdf.Array) or len(box) != 4:
            return None
        x1, y1, x2, y2 = (float(v) for v in box)
        return [min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)]

    media = read("/MediaBox")
    if media is None:
        return
    trim = read("/TrimBox")
    bleed = read("/BleedBox")
    inner = None
    if trim is not None:
        x1, y1, x2, y2 = trim
        inner = [_on_grid(v, BOX_GRID, ROUND_HALF_EVEN) for v in (x1, y1, x2, y2)]
        page.TrimBox = Array(inner)
    if bleed is not None:
        box = _outward(bleed, BOX_GRID)
        inner = box if inner is None else _enclosing(inner, box)
        page.BleedBox = Array(inner)
    box = _outward(media, MEDIA_GRID)
    if inner is not None:
        box = _enclosing(_outward([float(v) for v in inner], MEDIA_GRID), box)
    page.MediaBox = Array(box)
    if "/CropBox" in page:
        del page["/CropBox"]  # the whole sheet: a CropBox could only cut the marks off


def make_pdfx(
    path: str | Path,
    preset: Preset,
    settings: PrintSettings,
    *,
    title: str,
    base_dir: Path | None = None,
    created: _dt.datetime | None = None,
    author: str = "Newsdesk",
    creator: str = "Newsdesk",
    extra_info: dict[str, str] | None = None,
    use_profile: bool = True,
) -> None:
    """Turn the painter's PDF at `path` into the preset's PDF/X flavour, in place.

    `use_profile=False` leaves the configured profile out (a forced export whose profile
    preflight found unusable names the condition only)."""
    if not preset.pdfx:
        return
    created = created or _dt.datetime.now(_dt.UTC)
    profile = profile_path(settings, base_dir) if use_profile else None
    icc = read_profile(profile, preset.pdfx) if profile is not None else None
    if preset.pdfx == "PDF/X-4" and icc is None:
        raise NewsdeskError("PDF/X-4 需要嵌入 CMYK 印刷特性文件：请在版面设置中配置 ICC 文件")
    stamp = pdf_date(created)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        unique_subset_tags(pdf)  # page files may be merged for imposition: no name clashes
        for page in pdf.pages:
            # reportlab writes an empty presentation transition; print files carry none.
            if "/Trans" in page.obj:
                del page.obj["/Trans"]
            if "/ArtBox" in page.obj and "/TrimBox" in page.obj:
                del page.obj["/ArtBox"]  # X-1a: TrimBox or ArtBox, not both
            grid_boxes(page.obj)
        pdf.Root.OutputIntents = Array([pdf.make_indirect(output_intent(pdf, settings, icc))])
        info = pdf.docinfo
        producer = str(info.get("/Producer", "Newsdesk"))
        if preset.pdfx == "PDF/X-4":
            _write_xmp(pdf, title=title, stamp=created, author=author, creator=creator)
            info = pdf.docinfo
        info.Title = String(title or "Newsdesk")
        info.Author = String(author)
        info.Creator = String(creator)
        info.Producer = String(producer)
        info.CreationDate = String(stamp)
        info.ModDate = String(stamp)
        info.Trapped = Name("/False")
        if preset.pdfx == "PDF/X-1a:2001":
            info.GTS_PDFXVersion = String("PDF/X-1:2001")
            info.GTS_PDFXConformance = String("PDF/X-1a:2001")
        else:
            info.GTS_PDFXVersion = String("PDF/X-4")
        for key, value in (extra_info or {}).items():
            info[Name("/" + key)] = String(value)
        pdf.save(
            path,
            force_version=preset.pdf_version,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            fix_metadata_version=False,
        )


def _write_xmp(
    pdf: pikepdf.Pdf, *, title: str, stamp: _dt.datetime, author: str, creator: str
) -> None:
    iso = stamp.isoformat(timespec="seconds")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
        meta["dc:title"] = title or "Newsdesk"
        meta["dc:creator"] = [author]
        meta["xmp:CreatorTool"] = creator
        meta["xmp:CreateDate"] = iso
        meta["xmp:ModifyDate"] = iso
        meta["xmp:MetadataDate"] = iso
        meta["pdf:Producer"] = str(pdf.docinfo.get("/Producer", "Newsdesk"))
        meta["pdf:Trapped"] = "False"
        meta["xmpMM:DocumentID"] = f"uuid:{uuid.uuid4()}"
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"
