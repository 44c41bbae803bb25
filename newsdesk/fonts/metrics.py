"""Reading a face's cmap and advances, and caching them so start-up parses no font.

Parsing the cmap and hmtx of a CJK font with fontTools takes tens of milliseconds per face; the
registry needs only "which characters, which glyph, how wide". Those are read once and stored as
JSON keyed by a fingerprint of the font file: next to the bundled fonts (`fonts/metrics.json`,
written by fonts/build_fonts.py) and in the user cache for anything else.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

try:  # the built-in BLAKE2 (hashlib would load OpenSSL first: ~4 ms of every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b

METRICS_FILE = "metrics.json"
# 2: advances and glyph ids as runs (value, count) and (first id, count). A CJK face holds ~8,000
# characters in ~350 runs of advances and ~160 of consecutive glyph ids, so start-up parses a few
# thousand numbers instead of 80,000 (format 1 lists took about 15 ms of every `newsdesk galley`).
FORMAT = 2


@dataclass(frozen=True, slots=True)
class FaceMetrics:
    """What the registry knows about one face, in plain data."""

    fingerprint: str
    name: str  # full name (name ID 4), e.g. "Newsdesk Hei Bold"
    family: str  # name ID 1
    units_per_em: int
    ascent: float  # top of the ideographic em box above the baseline, in em (0.88 for Noto CJK)
    descent: float  # bottom of the em box below the baseline, in em, positive
    line_ascent: float  # hhea ascender in em (what Qt and reportlab use for line boxes)
    line_descent: float  # hhea descender in em, positive
    chars: str  # every character the cmap maps, ascending
    glyph_ids: list[int]  # parallel to chars
    advances: list[int]  # parallel to chars, font units
    vertical: bool  # has vhea/vmtx


def fingerprint(path: str | os.PathLike) -> str:
    """A cheap identity of a font file: its size and a hash of its first and last 64 KiB.

    The head table (with the checksum of the whole file) sits in the first block of every font
    Newsdesk writes, so any rebuild changes the fingerprint; hashing 25 MB on every start would not.
    """
    path = Path(path)
    size = path.stat().st_size
    digest = blake2b(digest_size=12)
    with path.open("rb") as f:
        digest.update(f.read(65536))
        if size > 65536:
            f.seek(max(65536, size - 65536))
            digest.update(f.read(65536))
    return f"{size}-{digest.hexdigest()}"


def read_metrics(path: str | os.PathLike, index: int = 0) -> FaceMetrics:
    """Parse a font file (index selects a face in a .ttc) with fontTools."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=True)
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap() or {}
    hmtx = font["hmtx"]
    order = font.getGlyphOrder()
    gid_of = {name: i for i, name in enumerate(order)}
    chars = []
    gids = []
    advances = []
    for cp in sorted(cmap):
        glyph = cmap[cp]
        if 0xD800 <= cp <= 0xDFFF or glyph not in gid_of:
            continue
        chars.append(chr(cp))
        gids.append(gid_of[glyph])
        advances.append(hmtx[glyph][0])
    if "OS/2" in font and font["OS/2"].sTypoAscender > 0:
        ascent, descent = font["OS/2"].sTypoAscender, -font["OS/2"].sTypoDescender
    else:
        ascent, descent = font["hhea"].ascent, -font["hhea"].descent
    name = font["name"]
    return FaceMetrics(
        fingerprint=fingerprint(path),
        name=name.getDebugName(4) or name.getDebugName(1) or Path(path).stem,
        family=name.getDebugName(1) or Path(path).stem,
        units_per_em=upem,
        ascent=ascent / upem,
        descent=descent / upem,
        line_ascent=font["hhea"].ascent / upem,
        line_descent=-font["hhea"].descent / upem,
        chars="".join(chars),
        glyph_ids=gids,
        advances=advances,
        vertical="vmtx" in font and "vhea" in font,
    )


def metrics_to_json(m: FaceMetrics) -> dict:
    return {
        "fingerprint": m.fingerprint,
        "name": m.name,
        "family": m.family,
        "units_per_em": m.units_per_em,
        "ascent": m.ascent,
        "descent": m.descent,
        "line_ascent": m.line_ascent,
        "line_descent": m.line_descent,
        "chars": m.chars,
        "glyph_ids": _runs(m.glyph_ids, step=1),
        "advances": _runs(m.advances, step=0),
        "vertical": m.vertical,
    }


def metrics_from_json(data: dict) -> FaceMetrics:
    data = dict(data)
    data["glyph_ids"] = _unrun(data["glyph_ids"], step=1)
    data["advances"] = _unrun(data["advances"], step=0)
    if len(data["glyph_ids"]) != len(data["chars"]) or len(data["advances"]) != len(data["chars"]):
        raise ValueError("metrics: runs do not cover the characters")
    return FaceMetrics(**data)


def _runs(values: list[int], step: int) -> list[int]:
    """[first, count, first, count, ...]: runs of equal values (step 0) or of values rising by
    one (step 1, consecutive glyph ids)."""
    out: list[int] = []
    for v in values:
        if out and v == out[-2] + step * out[-1]:
            out[-1] += 1
        else:
            out += [v, 1]
    return out


def _unrun(runs: list[int], step: int) -> list[int]:
    out: list[int] = []
    for k in range(0, len(runs), 2):
        first, count = runs[k], runs[k + 1]
        out += range(first, first + count) if step else [first] * count
    return out


def load_metrics_file(path: Path) -> dict[str, FaceMetrics]:
    """Entries of a metrics cache file by file name; {} when absent, unreadable or outdated."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return {}
        return {name: metrics_from_json(entry) for name, entry in data["faces"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def save_metrics_file(path: Path, entries: dict[str, FaceMetrics]) -> None:
    """Write atomically (readers in other processes never see half a file)."""
    payload = {
        "format": FORMAT,
        "faces": {name: metrics_to_json(m) for name, m in sorted(entries.items())},
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, path)


def write_bundled_metrics(font_dir: Path) -> Path:
    """Write fonts/metrics.json for every .ttf in the folder (called by fonts/build_fonts.py)."""
    entries = {p.name: read_metrics(p) for p in sorted(font_dir.glob("*.ttf"))}
    target = font_dir / METRICS_FILE
    save_metrics_file(target, entries)
    return target
