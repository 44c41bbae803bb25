"""Font surgery shared by the bundled-font build and the fallback supplements.

reportlab embeds TrueType outlines only, while every Noto CJK face is CFF: subset first (fast on a
few thousand glyphs), then approximate the cubic outlines by quadratic ones with cu2qu.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# Quadratic approximation tolerance in font units (1/1000 em for the CJK sources).
CU2QU_MAX_ERR = 1.0


_QUIET_LOCK = threading.Lock()
_quiet_depth = 0


@contextmanager
def quiet_fonttools() -> Iterator[None]:
    """fontTools' chatter ("FFTM NOT subset; don't know how to subset; dropped") kept off the
    user's terminal: it describes the source font, not a problem with the result."""
    global _quiet_depth
    logger = logging.getLogger("fontTools")
    with _QUIET_LOCK:
        if _quiet_depth == 0:
            quiet_fonttools.saved = logger.level  # type: ignore[attr-defined]
            logger.setLevel(logging.ERROR)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _QUIET_LOCK:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                logger.setLevel(quiet_fonttools.saved)  # type: ignore[attr-defined]


def subset_font(font: TTFont, unicodes: set[int], layout_features: list[str]) -> None:
    """Keep only the glyphs for `unicodes` (and what the kept layout features reach)."""
    options = subset.Options()
    options.layout_features = list(layout_features)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.hinting = False
    options.desubroutinize = True
    options.glyph_names = False
    options.drop_tables += ["DSIG"]
    with quiet_fonttools():
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)


def cff_to_truetype(font: TTFont) -> None:
    """Replace CFF outlines by quadratic TrueType outlines (glyf/loca), keeping the metrics."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    # Vertical origin of each glyph: from VORG (CFF only), else the default of the vhea ascender.
    vorg = font["VORG"] if "VORG" in font else None
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, CU2QU_MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()

    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if vorg is not None:
        del font["VORG"]

    # Side bearings follow the new outlines (they differ from CFF's by at most the tolerance).
    hmtx = font["hmtx"].metrics
    vmtx = font["vmtx"].metrics if "vmtx" in font else None
    default_origin = font["vhea"].ascent if "vhea" in font else font["hhea"].ascent
    for name, glyph in glyphs.items():
        glyph.recalcBounds(glyf)
        if glyph.numberOfContours == 0:
            continue
        advance, _ = hmtx[name]
        hmtx[name] = (advance, glyph.xMin)
        if vmtx is not None:
            vadvance, _ = vmtx[name]
            origin = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY) if vorg else None
            if origin is None:
                origin = default_origin
            vmtx[name] = (vadvance, origin - glyph.yMax)

    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: the CID names are meaningless after subsetting
    for attr in ("extraNames", "mapping", "glyphOrder"):
        if hasattr(post, attr):
            delattr(post, attr)
    font.sfntVersion = "\x00\x01\x00\x00"
