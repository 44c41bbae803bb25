"""Finding a character in the fonts installed on the machine, through fontconfig.

Used only for characters no bundled face has (rare name characters outside GB 2312, say). The
candidate fonts are ranked by how well they suit the role asked for (a serif for the 宋 roles, a
heavy weight for heads) so the fallback glyph looks as little out of place as possible.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

# Font formats fontTools can read and subset.
_USABLE_EXTENSIONS = (".ttf", ".otf", ".ttc", ".otc")

# Family-name hints of each role's style, best first.
_STYLE_HINTS = {
    "serif": ("serif cjk sc", "serif cjk", "song", "ming", "宋", "serif"),
    "heavy": ("serif cjk sc", "serif cjk", "song", "ming", "宋", "serif"),
    "sans": ("sans cjk sc", "sans cjk", "hei", "gothic", "黑", "sans"),
    "sans_bold": ("sans cjk sc", "sans cjk", "hei", "gothic", "黑", "sans"),
    "kai": ("kai", "楷", "serif cjk sc", "serif cjk", "song", "serif"),
}
# fontconfig weights: 80 regular, 200 bold, 210 black.
_WANTED_WEIGHT = {"serif": 80, "heavy": 210, "sans": 80, "sans_bold": 200, "kai": 80}


# fontconfig slant: 0 roman, 100 italic, 110 oblique; width: 100 normal, less is condensed.
SLANT_ROMAN = 0
WIDTH_NORMAL = 100


@dataclass(frozen=True, slots=True)
class SystemFont:
    file: str
    index: int
    family: str
    style: str
    weight: int
    slant: int = SLANT_ROMAN
    width: int = WIDTH_NORMAL


def fontconfig_available() -> bool:
    return shutil.which("fc-list") is not None


def fonts_with_char(ch: str) -> list[SystemFont]:
    """Every installed scalable font whose charset (per fontconfig) contains `ch`."""
    if not fontconfig_available():
        return []
    try:
        out = subprocess.run(
            [
                "fc-list",
                "--format",
                "%{file}\t%{index}\t%{family[0]}\t%{style[0]}\t%{weight}\t%{slant}\t%{width}"
                "\t%{scalable}\n",
                f":charset={ord(ch):x}",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    fonts = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 8:
            continue
        file, index, family, style, weight, slant, width, scalable = parts
        if scalable != "True" or not file.lower().endswith(_USABLE_EXTENSIONS):
            continue
        try:
            fonts.append(
                SystemFont(
                    file,
                    int(index),
                    family,
                    style,
                    int(float(weight or 80)),
                    _number(slant, SLANT_ROMAN),
                    _number(width, WIDTH_NORMAL),
                )
            )
        except ValueError:
            continue
    return fonts


def _number(text: str, default: int) -> int:
    """A fontconfig number; a range such as "[80 200]" (variable fonts) counts as its start."""
    text = text.strip().lstrip("[").split()[0] if text.strip() else ""
    return int(float(text)) if text else default


_SLANTED_WORDS = ("italic", "oblique", "slanted", "斜")


def is_upright(font: SystemFont) -> bool:
    """Neither italic nor oblique, by fontconfig's slant and by the style name."""
    style = font.style.lower()
    return font.slant == SLANT_ROMAN and not any(w in style for w in _SLANTED_WORDS)


def rank_for_role(fonts: list[SystemFont], role: str) -> list[SystemFont]:
    """Best candidate first: an upright face of normal width (an italic ș in an upright line
    looks like a mistake), then the role's style, then its weight, then a Simplified Chinese
    face; the file name only breaks ties."""
    hints = _STYLE_HINTS.get(role, _STYLE_HINTS["serif"])
    wanted = _WANTED_WEIGHT.get(role, 80)

    def score(font: SystemFont) -> tuple:
        family = font.family.lower()
        style_rank = next((i for i, h in enumerate(hints) if h in family), len(hints))
        return (
            not is_upright(font),
            font.width != WIDTH_NORMAL,  # condensed or expanded
            style_rank,
            "mono" in family,  # a monospaced face's Latin would look wrong in running text
            abs(font.weight - wanted),
            "sc" not in family.split(),
            font.file,
            font.index,
        )

    return sorted(fonts, key=score)
