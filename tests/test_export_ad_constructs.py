"""Placed PDF ads walked to the object: each construct PDF/X-1a:2001 forbids, built the way layout
and PDF programs write it, alone on the page and nested in forms, is named by preflight with the
ad's file and page, and the print export refuses the edition; clean CMYK and spot-colour ads pass.
Damaged and oversized streams are findings, never a crash or a gigabyte in memory."""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from newsdesk.export.pdf_ads import MAX_CONTENT_BYTES, inspect_ad
from newsdesk.export.preflight import preflight
from newsdesk.export.print_export import ExportBlocked, export_edition
from newsdesk.model.edition import Block, Edition, Page, Paragraph, Story

W, H = 200.0, 100.0  # the ad's page, in points

# A construct: (content operators, resources) added to a fresh PDF.
Construct = Callable[[pikepdf.Pdf], tuple[bytes, Dictionary]]


def _stream(pdf: pikepdf.Pdf, data: bytes, **keys) -> pikepdf.Stream:
    s = pikepdf.Stream(pdf, data)
    for k, v in keys.items():
        s[Name("/" + k)] = v
    return pdf.make_indirect(s)


def _icc_stub(pdf: pikepdf.Pdf, n: int) -> pikepdf.Stream:
    return _stream(pdf, b"\0" * 128, N=n)


def _function(pdf: pikepdf.Pdf, n_out: int) -> Dictionary:
    return Dictionary(
        FunctionType=2, Domain=[0, 1], C0=[0] * n_out, C1=[1] + [0] * (n_out - 1), N=1
    )


def _rgb_shading(pdf: pikepdf.Pdf) -> Dictionary:
    return Dictionary(
        ShadingType=2,
        ColorSpace=Name.DeviceRGB,
        Coords=[0, 0, W, 0],
        Function=_function(pdf, 3),
        Extend=[True, True],
    )


def _image(pdf: pikepdf.Pdf, cs, components: int, **keys) -> pikepdf.Stream:
    data = bytes(range(0, 250, 10))[: 4 * components] * 4
    return _stream(
        pdf,
        zlib.compress(data[: 4 * components]),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=2,
        Height=2,
        BitsPerComponent=8,
        ColorSpace=cs,
        Filter=Name.FlateDecode,
        **keys,
    )


FILL = b" 0 0 50 50 re f"


def _gs(key: str, value) -> Construct:
    def build(pdf):
        gs = Dictionary(Type=Name.ExtGState)
        gs[Name("/" + key)] = value(pdf) if callable(value) else value
        return b"/GS0 gs 0 0 0 1 k" + FILL, Dictionary(ExtGState=Dictionary(GS0=gs))

    return build


def _colour_space(cs_of) -> Construct:
    def build(pdf):
        return b"/CS0 cs 0.5 sc" + FILL, Dictionary(ColorSpace=Dictionary(CS0=cs_of(pdf)))

    return build


def _xobject(image_of) -> Construct:
    def build(pdf):
        return b"q 50 0 0 50 0 0 cm /Im0 Do Q", Dictionary(XObject=Dictionary(Im0=image_of(pdf)))

    return build


def _type3(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    glyph = _stream(pdf, b"1000 0 d0 1 0 0 rg 0 0 1000 1000 re f")
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type3,
        FontBBox=[0, 0, 1000, 1000],
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
        CharProcs=Dictionary(a=glyph),
        Encoding=Dictionary(Type=Name.Encoding, Differences=[97, Name.a]),
        FirstChar=97,
        LastChar=97,
        Widths=[1000],
    )
    return b"BT /T3 20 Tf 10 10 Td (a) Tj ET", Dictionary(Font=Dictionary(T3=font))


def _tiling(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    cell = _stream(
        pdf,
        b"0 0 1 RG 0 0 m 5 5 l S",
        Type=Name.Pattern,
        PatternType=1,
        PaintType=1,
        TilingType=1,
        BBox=[0, 0, 5, 5],
        XStep=5,
        YStep=5,
        Resources=Dictionary(),
    )
    return b"/Pattern cs /P0 scn" + FILL, Dictionary(Pattern=Dictionary(P0=cell))


def _shading_pattern(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    pattern = Dictionary(Type=Name.Pattern, PatternType=2, Shading=_rgb_shading(pdf))
    return b"/Pattern cs /P0 scn" + FILL, Dictionary(
        Pattern=Dictionary(P0=pdf.make_indirect(pattern))
    )


def _unembedded_font(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    font = Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/Arial-BoldMT"))
    return b"BT /F1 20 Tf 0 0 0 1 k 10 10 Td (SALE) Tj ET", Dictionary(Font=Dictionary(F1=font))


def _jpx(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    image = _stream(
        pdf,
        b"\0\0\0\x0cjP  \r\n\x87\n" + b"\0" * 40,
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=2,
        Height=2,
        Filter=Name.JPXDecode,
    )
    return b"q 50 0 0 50 0 0 cm /Im0 Do Q", Dictionary(XObject=Dictionary(Im0=image))


def _lzw(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    # LZW codes for "0 0 0 1 k" would need an encoder; an LZW-filtered form is enough: the
    # filter is named before anything is decoded.
    form = _stream(
        pdf,
        b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=[0, 0, W, H],
        Filter=Name.LZWDecode,
    )
    return b"/Fx Do", Dictionary(XObject=Dictionary(Fx=form))


def _ps_xobject(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    ps = _stream(pdf, b"0 0 moveto 10 10 lineto stroke", Type=Name.XObject, Subtype=Name.PS)
    return b"/PS0 Do", Dictionary(XObject=Dictionary(PS0=ps))


def _optional_content(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    ocg = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Layer 1")))
    return (
        b"/OC /L1 BDC 0 0 0 1 k" + FILL + b" EMC",
        Dictionary(Properties=Dictionary(L1=ocg)),
    )


def _damaged(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    form = _stream(
        pdf,
        b"this is not deflate data at all" * 4,
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=[0, 0, W, H],
        Filter=Name.FlateDecode,
    )
    return b"/Fx Do", Dictionary(XObject=Dictionary(Fx=form))


# name -> (construct, the finding code preflight must give)
FORBIDDEN: dict[str, tuple[Construct, str]] = {
    "rgb_operator": (lambda pdf: (b"1 0 0 rg" + FILL, Dictionary()), "ad_colour_space"),
    "rgb_stroke_operator": (
        lambda pdf: (b"0 1 0 RG 0 0 m 9 9 l S", Dictionary()),
        "ad_colour_space",
    ),
    "device_rgb_cs": (
        lambda pdf: (b"/DeviceRGB cs 1 0 0 sc" + FILL, Dictionary()),
        "ad_colour_space",
    ),
    "icc_rgb": (
        _colour_space(lambda pdf: Array([Name.ICCBased, _icc_stub(pdf, 3)])),
        "ad_colour_space",
    ),
    "icc_cmyk": (
        _colour_space(lambda pdf: Array([Name.ICCBased, _icc_stub(pdf, 4)])),
        "ad_colour_space",
    ),
    "calgray": (
        _colour_space(lambda pdf: Array([Name.CalGray, Dictionary(WhitePoint=[0.95, 1, 1.09])])),
        "ad_colour_space",
    ),
    "lab": (
        _colour_space(lambda pdf: Array([Name.Lab, Dictionary(WhitePoint=[0.95, 1, 1.09])])),
        "ad_colour_space",
    ),
    "indexed_rgb": (
        _colour_space(
            lambda pdf: Array([Name.Indexed, Name.DeviceRGB, 1, String(b"\xff\0\0\0\0\xff")])
        ),
        "ad_colour_space",
    ),
    "separation_rgb_alternate": (
        _colour_space(
            lambda pdf: Array(
                [Name.Separation, Name("/Pantone 485"), Name.DeviceRGB, _function(pdf, 3)]
            )
        ),
        "ad_colour_space",
    ),
    "rgb_shading": (
        lambda pdf: (b"/Sh0 sh", Dictionary(Shading=Dictionary(Sh0=_rgb_shading(pdf)))),
        "ad_colour_space",
    ),
    "rgb_shading_pattern": (_shading_pattern, "ad_colour_space"),
    "rgb_image": (_xobject(lambda pdf: _image(pdf, Name.DeviceRGB, 3)), "ad_colour_space"),
    "inline_rgb_image": (
        lambda pdf: (
            b"q 50 0 0 50 0 0 cm BI /W 2 /H 1 /CS /RGB /BPC 8 ID \xff\0\0\0\xff\0 EI Q",
            Dictionary(),
        ),
        "ad_colour_space",
    ),
    "type3_glyph_rgb": (_type3, "ad_colour_space"),
    "tiling_pattern_rgb": (_tiling, "ad_colour_space"),
    "transfer_tr": (_gs("TR", Name.Identity), "ad_transfer_function"),
    "transfer_tr2": (_gs("TR2", lambda pdf: _function(pdf, 1)), "ad_transfer_function"),
    "halftone": (
        _gs(
            "HT",
            lambda pdf: Dictionary(
                Type=Name.Halftone, HalftoneType=1, Frequency=85, Angle=45, SpotFunction=Name.Round
            ),
        ),
        "ad_halftone",
    ),
    "soft_mask_gstate": (
        _gs(
            "SMask",
            lambda pdf: Dictionary(
                Type=Name.Mask,
                S=Name.Luminosity,
                G=_stream(pdf, b"", Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, W, H]),
            ),
        ),
        "ad_transparency",
    ),
    "fill_opacity": (_gs("ca", 0.5), "ad_transparency"),
    "stroke_opacity": (_gs("CA", 0.3), "ad_transparency"),
    "blend_mode": (_gs("BM", Name.Multiply), "ad_transparency"),
    "image_soft_mask": (
        _xobject(
            lambda pdf: _image(pdf, Name.DeviceCMYK, 4, SMask=_image(pdf, Name.DeviceGray, 1))
        ),
        "ad_transparency",
    ),
    "unembedded_font": (_unembedded_font, "ad_font_not_embedded"),
    "jpx_image": (_jpx, "ad_filter"),
    "lzw_form": (_lzw, "ad_filter"),
    "postscript_xobject": (_ps_xobject, "ad_postscript"),
    "postscript_operator": (
        lambda pdf: (b"(gsave) PS 0 0 0 1 k" + FILL, Dictionary()),
        "ad_postscript",
    ),
    "optional_content": (_optional_content, "ad_optional_content"),
    "damaged_stream": (_damaged, "ad_stream_damaged"),
}


def _page_with(pdf: pikepdf.Pdf, content: bytes, resources: Dictionary) -> pikepdf.Page:
    page = pdf.add_blank_page(page_size=(W, H))
    page.obj.Resources = resources
    page.obj.Contents = _stream(pdf, b"0 0 0 0.1 k 0 0 200 100 re f " + content)
    return page


def _nest(
    pdf: pikepdf.Pdf, content: bytes, resources: Dictionary, depth: int
) -> tuple[bytes, Dictionary]:
    """Wrap the construct in `depth` Form XObjects, each drawing the next (as Illustrator and
    InDesign write placed artwork)."""
    for level in range(depth):
        form = _stream(
            pdf,
            content,
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=[0, 0, W, H],
            Resources=resources,
        )
        name = f"/Fm{level}"
        content, resources = f"q {name} Do Q".encode(), Dictionary(XObject=Dictionary({name: form}))
    return content, resources


def build_ad(path: Path, construct: Construct | None, depth: int = 0) -> Path:
    pdf = pikepdf.new()
    content, resources = construct(pdf) if construct else (b"", Dictionary())
    content, resources = _nest(pdf, content, resources, depth)
    _page_with(pdf, content, resources)
    # As written: qpdf would otherwise re-encode LZW as Flate on saving.
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return path


def _edition(ad: str) -> Edition:
    ed = Edition(pages=[Page("p1"), Page("p2")])
    story = Story(
        "s",
        slug="食堂",
        headline="社区食堂开张",
        paragraphs=[Paragraph("社区食堂开张第一天，老人们排队品尝午餐。")],
    )
    story.thread = ["b1"]
    ed.stories["s"] = story
    first, second = ed.pages
    first.blocks = [
        Block("b1", "story", *first.grid.block_rect(first.width, 0, 3, 0, 10), story="s")
    ]
    x, y, w, _ = second.grid.block_rect(second.width, 4, 4, 0, 10)
    second.blocks = [Block("ad", "ad", x, y, w, w * H / W, image=ad)]
    return ed


def _scaled(path: Path) -> None:
    """Set the ad's page to the booked size of the block in _edition (2 % tolerance)."""
    g = Page("p").grid
    w = g.block_rect(Page("p").width, 4, 4, 0, 10)[2]
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        page.obj.MediaBox = [0, 0, w, w * H / W]
        factor = w / W
        page.contents_add(
            pdf.make_stream(f"q {factor:.6f} 0 0 {factor:.6f} 0 0 cm".encode()), prepend=True
        )
        page.contents_add(pdf.make_stream(b"Q"))
        pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)


def _ad_file(
    tmp_path: Path, construct: Construct | None, depth: int = 0, name: str = "ad.pdf"
) -> Path:
    path = build_ad(tmp_path / name, construct, depth)
    _scaled(path)
    return path


@pytest.mark.parametrize("depth", [0, 2], ids=["alone", "in-forms"])
@pytest.mark.parametrize("name", sorted(FORBIDDEN))
def test_each_forbidden_construct_is_named_and_blocks_print(
    tmp_path: Path, name: str, depth: int
) -> None:
    construct, code = FORBIDDEN[name]
    _ad_file(tmp_path, construct, depth, name=f"{name}.pdf")
    ed = _edition(f"{name}.pdf")
    report = preflight(ed, base_dir=tmp_path)
    mine = [f for f in report.errors if f.code == code]
    assert mine, (name, [(f.code, f.message) for f in report.findings])
    finding = mine[0]
    assert finding.page == 2 and finding.block == "ad"
    assert f"{name}.pdf" in finding.message
    if depth:
        assert "表单 Fm1 > 表单 Fm0" in finding.message or code in ("ad_stream_damaged",), (
            finding.message
        )
    with pytest.raises(ExportBlocked) as refused:
        export_edition(ed, base_dir=tmp_path, output=tmp_path / "out.pdf")
    assert f"{name}.pdf" in str(refused.value)
    assert not (tmp_path / "out.pdf").exists()


def _clean_cmyk(pdf: pikepdf.Pdf) -> tuple[bytes, Dictionary]:
    """Process CMYK, grey, a spot colour and a DeviceN duotone with CMYK alternates, a CMYK
    shading and image, an embedded-font-free page: everything PDF/X-1a allows."""
    tint = Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[0, 0.8, 1, 0], N=1)
    duo = Dictionary(FunctionType=2, Domain=[0, 1, 0, 1], C0=[0, 0, 0, 0], C1=[1, 0, 0, 1], N=1)
    resources = Dictionary(
        ColorSpace=Dictionary(
            Spot=Array([Name.Separation, Name("/PANTONE 1665 C"), Name.DeviceCMYK, tint]),
            Duo=Array([Name.DeviceN, Array([Name.Cyan, Name.Black]), Name.DeviceCMYK, duo]),
            Grey=Array(
                [
                    Name.Separation,
                    Name.All,
                    Name.DeviceGray,
                    Dictionary(FunctionType=2, Domain=[0, 1], C0=[1], C1=[0], N=1),
                ]
            ),
        ),
        Shading=Dictionary(
            Sh0=Dictionary(
                ShadingType=2,
                ColorSpace=Name.DeviceCMYK,
                Coords=[0, 0, W, 0],
                Function=_function(pdf, 4),
            )
        ),
        XObject=Dictionary(Im0=_image(pdf, Name.DeviceCMYK, 4)),
        ExtGState=Dictionary(
            GS0=Dictionary(
                Type=Name.ExtGState,
                OP=True,
                op=True,
                OPM=1,
                CA=1,
                ca=1,
                BM=Name.Normal,
                TR2=Name.Default,
            )
        ),
    )
    content = (
        b"/GS0 gs 0 0.5 1 0 k 0 0 50 50 re f 0.5 g 50 0 50 50 re f "
        b"/Spot cs 1 sc 100 0 50 50 re f /Duo cs 0.5 1 sc 150 0 50 50 re f "
        b"/Grey CS 1 SCN 0 0 m 10 10 l S q 0 50 100 50 re W n /Sh0 sh Q "
        b"q 50 0 0 50 100 50 cm /Im0 Do Q"
    )
    return content, resources


@pytest.mark.parametrize("depth", [0, 2], ids=["alone", "in-forms"])
def test_clean_cmyk_and_spot_colour_ads_pass(tmp_path: Path, depth: int) -> None:
    _ad_file(tmp_path, _clean_cmyk, depth)
    assert inspect_ad(str(tmp_path / "ad.pdf")).findings == []
    ed = _edition("ad.pdf")
    report = preflight(ed, base_dir=tmp_path)
    assert report.findings == [], [f.message for f in report.findings]
    result = export_edition(ed, base_dir=tmp_path, output=tmp_path / "out.pdf")
    assert not result.forced and (tmp_path / "out.pdf").stat().st_size > 0


def test_document_level_constructs(tmp_path: Path) -> None:
    """Encryption (openable without a password), actions, JavaScript, layers, link annotations
    and an annotation appearance drawn in RGB."""
    path = build_ad(tmp_path / "ad.pdf", None)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        js = Dictionary(S=Name.JavaScript, JS=String("app.alert('hi')"))
        pdf.Root.OpenAction = pdf.make_indirect(js)
        pdf.Root.OCProperties = Dictionary(OCGs=Array(), D=Dictionary())
        look = _stream(
            pdf,
            b"1 0 0 rg 0 0 20 20 re f",
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=[0, 0, 20, 20],
        )
        link = Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=[0, 0, 20, 20],
            A=Dictionary(S=Name.URI, URI=String("https://example.com")),
            AP=Dictionary(N=look),
        )
        pdf.pages[0].obj.Annots = Array([pdf.make_indirect(link)])
        pdf.save(path, encryption=pikepdf.Encryption(owner="owner", user="", R=4))
    codes = inspect_ad(str(path)).codes()
    assert {
        "ad_encrypted",
        "ad_javascript",
        "ad_action",
        "ad_optional_content",
        "ad_colour_space",
    } <= codes


def test_black_generation_reported_only_when_colour_is_converted(tmp_path: Path) -> None:
    from newsdesk.export.pdf_ads import ad_messages

    bg = _gs("BG2", lambda pdf: _function(pdf, 1))
    cmyk_only = inspect_ad(str(build_ad(tmp_path / "a.pdf", bg)))
    assert "ad_black_generation" in cmyk_only.codes()
    assert not [
        m for m in ad_messages("a.pdf", cmyk_only, "PDF/X-1a:2001") if m[0] == "ad_black_generation"
    ]

    def bg_and_rgb(pdf):
        content, res = bg(pdf)
        return content + b" 1 0 0 rg" + FILL, res

    with_rgb = inspect_ad(str(build_ad(tmp_path / "b.pdf", bg_and_rgb)))
    codes = [m[0] for m in ad_messages("b.pdf", with_rgb, "PDF/X-1a:2001")]
    assert "ad_black_generation" in codes and "ad_colour_space" in codes


def test_a_small_ad_that_inflates_to_a_gigabyte_is_refused_quickly(tmp_path: Path) -> None:
    raw = zlib.compress(b"0 0 m 1 1 l S\n" * (1 << 26), 9)  # 0.9 GiB of path operators
    assert len(raw) < 2 * 1024 * 1024
    pdf = pikepdf.new()
    _page_with(pdf, b"", Dictionary())
    pdf.pages[0].obj.Contents = _stream(pdf, raw, Filter=Name.FlateDecode)
    pdf.save(tmp_path / "bomb.pdf")
    assert (tmp_path / "bomb.pdf").stat().st_size < 2 * 1024 * 1024
    started = time.perf_counter()
    facts = inspect_ad(str(tmp_path / "bomb.pdf"))
    took = time.perf_counter() - started
    assert facts.codes() == {"ad_stream_too_large"}
    assert f"{MAX_CONTENT_BYTES // (1024 * 1024)} MB" in facts.findings[0].detail
    # Stopped at the bound, not after inflating the whole stream (which took 37 s and 2 GB):
    # a generous bound for a shared machine, far under the full decode.
    assert took < 5, took


def test_forced_export_with_a_damaged_ad_draws_a_placeholder(tmp_path: Path) -> None:
    import subprocess
    import sys

    from newsdesk.model.edition_file import save_edition

    _ad_file(tmp_path, FORBIDDEN["damaged_stream"][0])
    save_edition(_edition("ad.pdf"), tmp_path / "ed.newsdesk")
    for extra in ([], ["--force"], ["--preset", "proof"]):
        run = subprocess.run(
            [sys.executable, "-m", "newsdesk", "export", "ed.newsdesk", "-o", "out.pdf", *extra],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
        )
        said = run.stdout + run.stderr
        assert "Traceback" not in said and "内部错误" not in said, said
        if not extra:
            assert run.returncode == 1 and "ad.pdf" in said and "无法解码" in said
        else:
            assert run.returncode == 0, said
            with pikepdf.open(tmp_path / "out.pdf") as out:
                assert len(out.pages) == 2
            (tmp_path / "out.pdf").unlink()


def _cmyk_picture(pdf: pikepdf.Pdf, pixel: bytes, size: int = 64, **keys) -> pikepdf.Stream:
    return _stream(
        pdf,
        zlib.compress(pixel * size * size),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=size,
        Height=size,
        BitsPerComponent=8,
        ColorSpace=Name.DeviceCMYK,
        Filter=Name.FlateDecode,
        **keys,
    )


def _drawing(picture: Callable[[pikepdf.Pdf], pikepdf.Stream]) -> Construct:
    def build(pdf):
        return b"q 50 0 0 50 0 0 cm /Im0 Do Q", Dictionary(XObject=Dictionary(Im0=picture(pdf)))

    return build


@pytest.mark.parametrize(
    "construct, ink",
    [
        # A photo's rich black of 100/100/100/100, in CMYK.
        (_drawing(lambda pdf: _cmyk_picture(pdf, b"\xff\xff\xff\xff")), 400.0),
        # The same written Photoshop-style: inverted bytes with a Decode array.
        (_drawing(lambda pdf: _cmyk_picture(pdf, b"\0\0\0\0", Decode=[1, 0] * 4)), 400.0),
        # A fill set with the general colour operators in DeviceCMYK.
        (lambda pdf: (b"/DeviceCMYK cs 0.9 0.8 0.8 1 sc" + FILL, Dictionary()), 350.0),
        (lambda pdf: (b"/DeviceCMYK CS 0.9 0.8 0.8 1 SCN 0 0 m 9 9 l S", Dictionary()), 350.0),
    ],
    ids=["picture", "inverted-picture", "sc", "SCN"],
)
def test_ink_over_the_limit_in_pictures_and_general_colour_operators(
    tmp_path: Path, construct: Construct, ink: float
) -> None:
    _ad_file(tmp_path, construct, depth=1)
    facts = inspect_ad(str(tmp_path / "ad.pdf"))
    assert facts.max_ink == pytest.approx(ink, abs=0.5)
    report = preflight(_edition("ad.pdf"), base_dir=tmp_path)
    inks = [f for f in report.findings if f.code == "ad_ink"]
    assert inks and "ad.pdf" in inks[0].message and f"{ink:.0f}%" in inks[0].message
    with pytest.raises(ExportBlocked):
        export_edition(_edition("ad.pdf"), base_dir=tmp_path, output=tmp_path / "out.pdf")


def test_ink_within_the_limit_and_spot_tints_pass(tmp_path: Path) -> None:
    def build(pdf):
        spot = Array([Name.Separation, Name("/PANTONE 485 C"), Name.DeviceCMYK, _function(pdf, 4)])
        picture = _cmyk_picture(pdf, b"\x80\x80\x80\x80")  # 4 × 50 % = 200 %
        content = b"/CS0 cs 1 scn" + FILL + b" q 50 0 0 50 0 0 cm /Im0 Do Q"
        return content, Dictionary(ColorSpace=Dictionary(CS0=spot), XObject=Dictionary(Im0=picture))

    _ad_file(tmp_path, build)
    facts = inspect_ad(str(tmp_path / "ad.pdf"))
    assert facts.findings == [] and facts.max_ink == pytest.approx(200.8, abs=0.5)
    report = preflight(_edition("ad.pdf"), base_dir=tmp_path)
    assert not [f for f in report.findings if f.code == "ad_ink"]
