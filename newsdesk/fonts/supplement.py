"""Fallback faces from system fonts, and the small TrueType supplements built from them.

A system CJK font is usually a 20–30 MB CFF collection that reportlab cannot embed. For the few
characters a layout needs from it, Newsdesk subsets it to just those characters, converts the
outlines to TrueType and caches the result under ~/.cache/newsdesk/fonts/ (XDG_CACHE_HOME is
respected), keyed by source file, face index and character set. Exports embed that supplement.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from newsdesk.errors import FontError
from newsdesk.fonts.face import Face
from newsdesk.fonts.metrics import (
    FaceMetrics,
    fingerprint,
    load_metrics_file,
    read_metrics,
    save_metrics_file,
)

SYSTEM_KEY_PREFIX = "sys:"
# Vertical forms are reached through these features; keep them for vertical heads.
SUPPLEMENT_FEATURES = ["vert", "vrt2"]


def cache_dir() -> Path:
    """Where derived font data lives: $XDG_CACHE_HOME/newsdesk/fonts or ~/.cache/newsdesk/fonts."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsdesk" / "fonts"


def system_key(file: str, index: int) -> str:
    return f"{SYSTEM_KEY_PREFIX}{file}#{index}"


def parse_system_key(key: str) -> tuple[str, int]:
    """("/usr/share/fonts/…/X.ttc", 2) from "sys:/usr/share/fonts/…/X.ttc#2"."""
    file, _, index = key[len(SYSTEM_KEY_PREFIX) :].rpartition("#")
    if not key.startswith(SYSTEM_KEY_PREFIX) or not file or not index.isdigit():
        raise ValueError(f"无法识别的字体标识：{key}")
    return file, int(index)


def source_metrics(file: str, index: int) -> FaceMetrics:
    """Metrics of a system face, from the disk cache when the file is unchanged."""
    try:
        print_ = fingerprint(file)
    except OSError as exc:
        raise FontError(f"找不到系统字体文件：{file}") from exc
    cache_file = cache_dir() / f"metrics-{print_}-{index}.json"
    cached = load_metrics_file(cache_file).get("face")
    if cached is not None and cached.fingerprint == print_:
        return cached
    try:
        metrics = read_metrics(file, index)
    except Exception as exc:  # fontTools raises many kinds for damaged files
        raise FontError(f"无法读取系统字体：{file}（{exc}）") from exc
    try:
        save_metrics_file(cache_file, {"face": metrics})
    except OSError:
        pass  # a read-only cache only costs speed
    return metrics


def build_supplement(file: str, index: int, chars: set[str], source_name: str = "") -> Path:
    """A TrueType file with just `chars` from the system face (file, index); cached on disk."""
    import hashlib  # here: only supplements need it (hashlib loads OpenSSL, ~4 ms of a start)

    from fontTools.ttLib import TTFont

    from newsdesk.fonts.convert import cff_to_truetype, subset_font

    text = "".join(sorted(chars))
    digest = hashlib.sha256(f"{fingerprint(file)}#{index}#{text}".encode()).hexdigest()[:20]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(file).stem)[:40]
    out = cache_dir() / f"{stem}-{index}-{digest}.ttf"
    if out.exists():
        return out
    try:
        font = TTFont(file, fontNumber=index, recalcTimestamp=False)
        subset_font(font, {ord(c) for c in text}, SUPPLEMENT_FEATURES)
        if "CFF " in font:
            cff_to_truetype(font)
        elif "CFF2" in font or "glyf" not in font:
            raise FontError(f"系统字体 {file} 的字形格式无法转换为 TrueType")
        _rename_supplement(font, digest[:8], source_name or Path(file).name)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        font.save(tmp)
        os.replace(tmp, out)
    except FontError:
        raise
    except Exception as exc:
        raise FontError(f"无法从系统字体 {file} 生成补字字体（{exc}）") from exc
    return out


def _rename_supplement(font, tag: str, source_name: str) -> None:
    # A modified font must not carry the original's (possibly reserved) name.
    name = font["name"]
    name.names = [r for r in name.names if r.nameID in (0, 7, 8, 9, 11, 12, 13, 14)]
    family = f"Newsdesk Fallback {tag}"
    for name_id, value in {
        1: family,
        2: "Regular",
        3: f"NewsdeskFallback-{tag};Newsdesk",
        4: family,
        6: f"NewsdeskFallback-{tag}",
        10: f"Subset of {source_name} made by Newsdesk for characters its bundled fonts lack.",
    }.items():
        name.setName(value, name_id, 3, 1, 0x409)


class SystemFace(Face):
    """A system font used for characters the bundled faces lack.

    `has`/`advance` answer for the whole system font; every character resolved to it or measured
    with it is remembered, and `path` is a supplement holding all of them (rebuilt, under a new
    name, when more characters are needed). `glyph_id` refers to that supplement.
    """

    __slots__ = ("file", "source_index", "needed", "_built_chars", "_built_ids", "_lock")

    def __init__(self, file: str, index: int, metrics: FaceMetrics):
        super().__init__(system_key(file, index), "", metrics, role=None)
        self.file = file  # the system font the glyphs come from
        self.source_index = index  # its face number inside `file` (a .ttc); `path` has one face
        self.needed: set[str] = set()
        self._built_chars: frozenset[str] = frozenset()
        self._built_ids: dict[str, int] = {}
        self._lock = threading.Lock()

    def need(self, chars) -> None:
        """Make sure the supplement will contain these characters (those the face has)."""
        self.needed.update(c for c in chars if c in self.advances)

    def advance(self, ch: str) -> float | None:
        adv = self.advances.get(ch)
        if adv is not None:
            self.needed.add(ch)
        return adv

    @property
    def path(self) -> str:
        with self._lock:
            if not self._path or not self.needed <= self._built_chars:
                chars = frozenset(self.needed | self._built_chars) or frozenset(" ")
                out = build_supplement(self.file, self.source_index, set(chars), self.name)
                built = read_metrics(out)
                self._built_ids = dict(zip(built.chars, built.glyph_ids))
                self._built_chars = chars
                self._path = str(out)
            return self._path

    def glyph_id(self, ch: str) -> int | None:
        if ch not in self.advances:
            return None
        self.needed.add(ch)
        self.path  # noqa: B018 - builds or grows the supplement
        return self._built_ids.get(ch)


# One SystemFace per system font and cache folder in the whole process: every registry (and every
# painter asking any registry for `face_by_key(key).path`) then sees all the characters the
# composer resolved to that font, so the supplement it embeds is never missing one.
_SHARED: dict[tuple[str, str], SystemFace] = {}
_SHARED_LOCK = threading.Lock()


def shared_system_face(file: str, index: int) -> SystemFace:
    pool_key = (str(cache_dir()), system_key(file, index))
    with _SHARED_LOCK:
        face = _SHARED.get(pool_key)
        if face is None:
            face = SystemFace(file, index, source_metrics(file, index))
            _SHARED[pool_key] = face
        return face


def forget_system_faces() -> None:
    """Drop the process-wide system faces (tests use it to start from nothing)."""
    with _SHARED_LOCK:
        _SHARED.clear()
