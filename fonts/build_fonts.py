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
    "{outlines}renamed. Source: {source}."
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


def charset() -> set[str]:
    chars = gb2312_chars()
    for first, last in EXTRA_RANGES:
        chars.update(chr(cp) for cp in range(first, last + 1))
    chars.update(EXTRA_CHARS)
    return chars


# Name IDs that carry the font's name; the OFL's reserved names live here, so all are replaced.
NAME_IDS_REPLACED = {1, 2, 3, 4, 6, 16, 17, 18, 20, 21, 22, 25}


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
    subset_font(font, present, LAYOUT_FEATURES)
    if "CFF " in font:
        cff_to_truetype(font)
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
        "bytes": out.stat().st_size,
        "seconds": round(time.monotonic() - start, 1),
    }


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
