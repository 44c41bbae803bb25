"""Export presets: what kind of PDF a print shop (or the desk) gets.

- newspaper: PDF/X-1a:2001, the default for newspaper presses. PDF 1.3, DeviceCMYK only,
  no transparency, fonts embedded as subsets, OutputIntent GTS_PDFX, Info identification keys.
- x4: PDF/X-4 (PDF 1.6) with XMP identification; it requires an embedded CMYK output profile.
- proof: a plain PDF for reading on screen (RGB, missing glyphs shown as red boxes); the proofing
  issue builds on it. Preflight errors never block it.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.errors import NewsdeskError


@dataclass(frozen=True)
class Preset:
    name: str
    label: str  # shown to users
    pdfx: str  # "" (none), "PDF/X-1a:2001" or "PDF/X-4"
    pdf_version: str
    cmyk: bool
    mark_missing: bool  # red boxes for 缺字 (proofs only)
    print_ready: bool  # preflight errors block it unless --force


PRESETS: dict[str, Preset] = {
    "newspaper": Preset(
        "newspaper", "报纸印刷 PDF/X-1a:2001", "PDF/X-1a:2001", "1.3", True, False, True
    ),
    "x4": Preset("x4", "印刷 PDF/X-4", "PDF/X-4", "1.6", True, False, True),
    "proof": Preset("proof", "校样 PDF（屏幕阅读）", "", "1.4", False, True, False),
}

DEFAULT_PRESET = "newspaper"


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        known = "、".join(PRESETS)
        raise NewsdeskError(f"未知的导出预设：{name}（可用：{known}）") from None
