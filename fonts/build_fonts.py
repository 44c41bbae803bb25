"""Build Newsdesk's bundled CJK faces from the fonts Debian ships.

Run from the repository root:  .venv/bin/python fonts/build_fonts.py

Each face is subset to the character set in `charset()` (GB 2312 plus the punctuation and symbols a
newspaper needs), converted from CFF to TrueType outlines where needed (reportlab embeds TrueType
only) and renamed: the OFL reserves the names of the originals for unmodified fonts. The output is
deterministic: running the script twice gives identical bytes. It also writes `metrics.json`, the
cmap/advance cache the font registry reads so that start-up does not parse five fonts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._n_a_m_e import NameRecord

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from newsdesk.fonts.convert import cff_to_truetype, subset_font  # noqa: E402
from newsdesk.fonts.metrics import write_bundled_metrics  # noqa: E402

NOTO = Path("/usr/share/fonts/opentype/noto")
LXGW = Path("/usr/share/fonts/truetype/lxgw-wenkai")

# 2024-01-01T00:00:00Z in seconds since 1904-01-01, the epoch of the head table. A fixed stamp
# keeps the build reproducible.
FIXED_TIMESTAMP = 3786825600

# The layout features worth keeping: vertical forms and metrics for vertical heads, proportional
# punctuation alternates for the composer, kerning. `locl` is left out on purpose: in the Noto CJK
# SC faces it pulls in the Japanese/Korean/Traditional glyph variants.
LAYOUT_FEATURES = ["ccmp", "kern", "vkrn", "vert", "vrt2", "palt", "halt", "vpal", "vhal"]

DESCRIPTION = (
    "Modified by the Newsdesk project: subset to GB 2312 plus punctuation and symbols, "
    "{outlines}Chinese punctuation set full width, renamed. Source: {source}."
)


@dataclass(frozen=True)
class FaceSpec:
    role: str
    source: str  # file name under its directory
    directory: str
    index: int  # font number inside a .ttc
    family: str  # name ID 1
    style: str  # name ID 2
    family_zh: str  # name ID 1, zh-CN
    output: str

    @property
    def source_path(self) -> Path:
        return Path(self.directory) / self.source

    @property
    def full_name(self) -> str:
        return self.family if self.style == "Regular" else f"{self.family} {self.style}"

    @property
    def postscript_name(self) -> str:
        return self.family.replace(" ", "") + "-" + self.style.replace(" ", "")


FACES = [
    FaceSpec(
        "serif",
        "NotoSerifCJK-Regular.ttc",
        str(NOTO),
        2,
        "Newsdesk Song",
        "Regular",
        "Newsdesk 书宋",
        "NewsdeskSong-Regular.ttf",
    ),
    FaceSpec(
        "heavy",
        "NotoSerifCJK-Black.ttc",
        str(NOTO),
        2,
        "Newsdesk Song Heavy",
        "Regular",
        "Newsdesk 标宋",
        "NewsdeskSongHeavy-Regular.ttf",
    ),
    FaceSpec(
        "sans",
        "NotoSansCJK-Regular.ttc",
        str(NOTO),
        2,
        "Newsdesk Hei",
        "Regular",
        "Newsdesk 黑体",
        "NewsdeskHei-Regular.ttf",
    ),
    FaceSpec(
        "sans_bold",
        "NotoSansCJK-Bold.ttc",
        str(NOTO),
        2,
        "Newsdesk Hei",
        "Bold",
        "Newsdesk 黑体",
        "NewsdeskHei-Bold.ttf",
    ),
    FaceSpec(
        "kai",
        "LXGWWenKai-Regular.ttf",
        str(LXGW),
        0,
        "Newsdesk Kai",
        "Regular",
        "Newsdesk 楷体",
        "NewsdeskKai-Regular.ttf",
    ),
]


def gb2312_chars() -> set[str]:
    """Every character the GB 2312 codec can encode in two bytes."""
    chars = set()
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


# Ranges added on top of GB 2312 (inclusive).
EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x0100, 0x017F),  # Latin Extended-A (pinyin, names in Latin script)
    (0x01CD, 0x01DC),  # pinyin with caron and ü tones
    (0x02C6, 0x02DD),  # modifier letters, spacing accents
    (0x2000, 0x206F),  # general punctuation
    (0x2100, 0x214F),  # letterlike symbols: ℃ № ™ …
    (0x2150, 0x218F),  # number forms: Ⅰ Ⅱ ⅰ …
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics: ①–⑳ ⑴ ⒈ Ⓐ
    (0x25A0, 0x25FF),  # geometric shapes: ■ □ ▲ ● ○ ◆ ★ (★ is 2605)
    (0x2600, 0x2609),  # ★ ☆
    (0x2E3A, 0x2E3B),  # two- and three-em dash
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3220, 0x3243),  # parenthesised ideographs ㈠–㈩ ㈱
    (0x3280, 0x32B0),  # circled ideographs ㊀–㊉ ㊣
    (0x30FB, 0x30FC),  # katakana middle dot, prolonged sound mark
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms (vertical brackets)
    (0xFF00, 0xFFEF),  # half- and full-width forms
]
EXTRA_CHARS = "×÷±·•‧№℃‰‱—–…⸺～￥€"


# Chinese text sets these full width (GB/T 15834: 破折号 —— takes two character spaces, 间隔号 ·
# and quotation marks take one each), while the faces' default glyphs are proportional. Where
# the font's `fwid` feature has a full-width glyph, the cmap is pointed at it.
FULL_WIDTH_BY_FEATURE = "—·⸺⸻"
# LXGW WenKai has no `fwid`: its proportional quotes and middle dot are widened to one em, the
# ink placed as in the Noto SC faces (opening marks in the right half, closing in the left,
# the middle dot centred). Value: where the ink goes, 1 right, 0 left, 0.5 centred.
FULL_WIDTH_BY_WIDENING = {"“": 1.0, "‘": 1.0, "”": 0.0, "’": 0.0, "·": 0.5}


def charset() -> set[str]:
    chars = gb2312_chars()
    for first, last in EXTRA_RANGES:
        chars.update(chr(cp) for cp in range(first, last + 1))
    chars.update(EXTRA_CHARS)
    return chars


# Name IDs that carry the font's name; the OFL's reserved names live here, so all are replaced.
NAME_IDS_REPLACED = {1, 2, 3, 4, 6, 16, 17, 18, 20, 21, 22, 25}


def _single_substitutions(font: TTFont, feature: str) -> dict[str, str]:
    mapping: dict[str, str] = {}
    if "GSUB" not in font:
        return mapping
    table = font["GSUB"].table
    lookups = set()
    for record in table.FeatureList.FeatureRecord:
        if record.FeatureTag == feature:
            lookups.update(record.Feature.LookupListIndex)
    for index in sorted(lookups):
        lookup = table.LookupList.Lookup[index]
        for sub in lookup.SubTable:
            if lookup.LookupType == 7:
                sub = sub.ExtSubTable
            for source, target in (getattr(sub, "mapping", None) or {}).items():
                mapping.setdefault(source, target)
    return mapping


def use_full_width_forms(font: TTFont) -> list[str]:
    """Point the cmap of FULL_WIDTH_BY_FEATURE at the font's `fwid` glyphs (before subsetting)."""
    fwid = _single_substitutions(font, "fwid")
    upem = font["head"].unitsPerEm
    changed = []
    cmap = font.getBestCmap()
    for ch in FULL_WIDTH_BY_FEATURE:
        glyph = cmap.get(ord(ch))
        target = fwid.get(glyph)
        if target is None or font["hmtx"][target][0] % upem:
            continue
        for table in font["cmap"].tables:
            if table.isUnicode() and ord(ch) in table.cmap:
                table.cmap[ord(ch)] = target
        changed.append(ch)
    return changed


def widen_punctuation(font: TTFont) -> list[str]:
    """Give proportional quotes and middle dot a full-width advance (TrueType fonts only)."""
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    glyf = font["glyf"]
    hmtx = font["hmtx"]
    users: dict[str, int] = {}
    for glyph in cmap.values():
        users[glyph] = users.get(glyph, 0) + 1
    changed = []
    for ch, place in FULL_WIDTH_BY_WIDENING.items():
        name = cmap.get(ord(ch))
        if name is None or users[name] != 1:
            continue  # a glyph shared by other characters must keep its width
        advance, _ = hmtx[name]
        if advance >= upem:
            continue
        dx = round((upem - advance) * place)
        glyph = glyf[name]
        if glyph.isComposite():
            for component in glyph.components:
                component.x += dx
        elif glyph.numberOfContours > 0:
            glyph.coordinates.translate((dx, 0))
        glyph.recalcBounds(glyf)
        hmtx[name] = (upem, getattr(glyph, "xMin", 0))
        changed.append(ch)
    return changed


# Dashes drawn edge to edge, so that —— reads as one unbroken line (GB/T 15834 破折号).
BLEEDING_DASHES = "—―⸺⸻"


def bleed_dashes(font: TTFont) -> list[str]:
    """Stretch the dash glyphs horizontally to span their whole advance (TrueType only)."""
    cmap = font.getBestCmap()
    glyf = font["glyf"]
    hmtx = font["hmtx"]
    done: set[str] = set()
    changed = []
    for ch in BLEEDING_DASHES:
        name = cmap.get(ord(ch))
        if name is None:
            continue
        glyph = glyf[name]
        if name not in done:
            if glyph.isComposite() or glyph.numberOfContours <= 0:
                continue
            glyph.recalcBounds(glyf)
            advance = hmtx[name][0]
            width = glyph.xMax - glyph.xMin
            if glyph.yMax - glyph.yMin > 150 or width <= 0:
                continue  # not a plain bar: leave it alone
            glyph.coordinates.transform(((advance / width, 0), (0, 1)))
            glyph.coordinates.translate((-round(glyph.xMin * advance / width), 0))
            glyph.coordinates.toInt()
            glyph.recalcBounds(glyf)
            hmtx[name] = (advance, glyph.xMin)
            done.add(name)
        changed.append(ch)
    return changed


def rename(font: TTFont, spec: FaceSpec, version: str) -> None:
    name = font["name"]
    source_name = name.getDebugName(4)
    name.names = [r for r in name.names if r.nameID not in NAME_IDS_REPLACED]
    outlines = "converted from CFF to TrueType outlines, " if spec.role != "kai" else ""
    description = DESCRIPTION.format(
        outlines=outlines, source=f"{source_name} ({spec.source}, {version})"
    )
    name.names = [r for r in name.names if r.nameID != 10]
    records = {
        1: spec.family,
        2: spec.style,
        3: f"{spec.postscript_name};Newsdesk;{version}",
        4: spec.full_name,
        6: spec.postscript_name,
        10: description,
    }
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)
        name.setName(text, name_id, 1, 0, 0)
    name.setName(spec.family_zh, 1, 3, 1, 0x804)
    name.setName(spec.style, 2, 3, 1, 0x804)
    name.names.sort(key=_name_key)


def _name_key(record: NameRecord) -> tuple:
    return (record.platformID, record.platEncID, record.langID, record.nameID)


def source_version() -> dict[str, str]:
    """Debian package versions of the sources, for the README and name ID 10."""
    import subprocess

    versions = {}
    for package in ("fonts-noto-cjk", "fonts-noto-cjk-extra", "fonts-lxgw-wenkai"):
        try:
            out = subprocess.run(
                ["dpkg-query", "-W", "-f=${Version}", package],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            out = "unknown"
        versions[package] = out.strip()
    return versions


def package_of(spec: FaceSpec) -> str:
    if spec.role == "kai":
        return "fonts-lxgw-wenkai"
    if "Black" in spec.source:
        return "fonts-noto-cjk-extra"
    return "fonts-noto-cjk"


def build_face(spec: FaceSpec, out_dir: Path, versions: dict[str, str]) -> dict:
    start = time.monotonic()
    font = TTFont(spec.source_path, fontNumber=spec.index, lazy=False, recalcTimestamp=False)
    source_cmap = font.getBestCmap()
    wanted = {ord(c) for c in charset()}
    present = {cp for cp in wanted if cp in source_cmap}
    widened = use_full_width_forms(font)
    subset_font(font, present, LAYOUT_FEATURES)
    if "CFF " in font:
        cff_to_truetype(font)
    widened += widen_punctuation(font)
    bled = bleed_dashes(font)
    package = package_of(spec)
    rename(font, spec, f"Debian {package} {versions.get(package, 'unknown')}")
    head = font["head"]
    head.created = FIXED_TIMESTAMP
    head.modified = FIXED_TIMESTAMP
    out = out_dir / spec.output
    font.save(out, reorderTables=True)
    gb = gb2312_chars()
    lacking_gb = sorted(c for c in gb if ord(c) not in source_cmap)
    return {
        "role": spec.role,
        "file": spec.output,
        "source": f"{spec.source}#{spec.index}",
        "package": package,
        "glyphs": len(font.getGlyphOrder()),
        "chars": len(present),
        "wanted_but_absent": len(wanted - present),
        "gb2312_absent": "".join(lacking_gb),
        "made_full_width": "".join(widened),
        "dashes_edge_to_edge": "".join(bled),
        "bytes": out.stat().st_size,
        "seconds": round(time.monotonic() - start, 1),
    }


OFL_SOURCE = Path("/usr/share/doc/fonts-lxgw-wenkai/copyright")


def write_ofl(out_dir: Path) -> None:
    """fonts/OFL.txt: the licence text, from the Debian copyright file (DEP-5 layout)."""
    lines = OFL_SOURCE.read_text(encoding="utf-8").splitlines()
    # The last "License:" stanza holds the full text; the first only names it.
    start = len(lines) - lines[::-1].index("License: OFL-1.1")
    text = []
    for line in lines[start:]:
        if not line.startswith(" "):
            break
        text.append("" if line == " ." else line[1:])
    (out_dir / "OFL.txt").write_text("\n".join(text).strip("\n") + "\n", encoding="utf-8")


def write_notice(out_dir: Path, versions: dict[str, str]) -> None:
    """fonts/NOTICE: copyright, trademark and licence of every source, and what was changed."""
    parts = [
        "Newsdesk bundled fonts: copyright and licence notices",
        "",
        "Every .ttf in this folder is a Modified Version, in the sense of the SIL Open Font",
        "License 1.1 (OFL.txt), of the font named below: subset to GB 2312 plus punctuation and",
        "symbols, converted from CFF to TrueType outlines (Noto faces) and renamed. The fonts",
        "remain under the SIL Open Font License 1.1.",
        "",
    ]
    for spec in FACES:
        font = TTFont(spec.source_path, fontNumber=spec.index, lazy=True)
        name = font["name"]
        package = package_of(spec)
        parts += [
            f"{spec.output} ({spec.full_name}, role {spec.role})",
            f"  Source: {name.getDebugName(4)}, {spec.source} face {spec.index},",
            f"          Debian package {package} {versions.get(package, 'unknown')}",
        ]
        for label, name_id in (("Copyright", 0), ("Trademark", 7), ("Licence", 13)):
            value = name.getDebugName(name_id)
            if value:
                for i, line in enumerate(value.replace("\r\n", "\n").splitlines()):
                    parts.append(f"  {label + ':' if i == 0 else '':11}{line}")
        if spec.role == "kai":
            parts.append(
                '  Reserved Font Names: "霞鹜" and "LXGW" (not used by this modified font).'
            )
        parts.append("")
    (out_dir / "NOTICE").write_text("\n".join(parts), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: fonts/)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="roles to build (default: all)")
    args = parser.parse_args(argv)

    for spec in FACES:
        if not spec.source_path.exists():
            print(f"missing source font {spec.source_path}: apt-get install {package_of(spec)}")
            return 1
    args.out.mkdir(parents=True, exist_ok=True)
    versions = source_version()
    specs = [s for s in FACES if not args.only or s.role in args.only]
    # The biggest faces first, so the two workers finish together.
    specs.sort(key=lambda s: -s.source_path.stat().st_size)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(build_face, spec, args.out, versions) for spec in specs]
        reports = [f.result() for f in futures]
    reports.sort(key=lambda r: [s.role for s in FACES].index(r["role"]))
    for r in reports:
        digest = hashlib.sha256((args.out / r["file"]).read_bytes()).hexdigest()[:16]
        print(
            f"{r['role']:10} {r['file']:32} {r['bytes'] / 1e6:5.2f} MB {r['glyphs']:6} glyphs "
            f"{r['chars']:6} chars  {r['seconds']:5.1f} s  sha256 {digest}"
        )
        if r["gb2312_absent"]:
            print(f"  GB 2312 characters the source lacks: {r['gb2312_absent']}")

    write_bundled_metrics(args.out)
    write_ofl(args.out)
    write_notice(args.out, versions)
    # Timings vary from run to run; the committed report stays reproducible without them.
    for r in reports:
        del r["seconds"]
    (args.out / "build-report.json").write_text(
        json.dumps({"sources": versions, "faces": reports}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
