"""Font roles -> faces, and the fallback chain for characters a face lacks.

    reg = default_registry()
    face = reg.resolve("镕", "serif")   # the serif face, another bundled face, a system face or None

Bundled faces live in <repo>/fonts/, in the packaged application's fonts/ (or $NEWSDESK_FONT_DIR); their cmaps and advances come from
fonts/metrics.json, so creating the registry parses no font file.
"""

from __future__ import annotations

import functools
import os
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsdesk.app_dir import app_dir
from newsdesk.errors import FontError
from newsdesk.fonts.face import Face
from newsdesk.fonts.metrics import (
    METRICS_FILE,
    FaceMetrics,
    fingerprint,
    load_metrics_file,
    read_metrics,
    save_metrics_file,
)
from newsdesk.fonts.supplement import (
    SYSTEM_KEY_PREFIX,
    SystemFace,
    cache_dir,
    parse_system_key,
    shared_system_face,
    system_key,
)

ROLES = ("serif", "heavy", "sans", "sans_bold", "kai")

# File of each role's bundled face (built by fonts/build_fonts.py).
BUNDLED_FILES = {
    "serif": "NewsdeskSong-Regular.ttf",
    "heavy": "NewsdeskSongHeavy-Regular.ttf",
    "sans": "NewsdeskHei-Regular.ttf",
    "sans_bold": "NewsdeskHei-Bold.ttf",
    "kai": "NewsdeskKai-Regular.ttf",
}

# Role names in the messages users read.
ROLE_LABELS = {
    "serif": "宋体（正文）",
    "heavy": "标宋（标题）",
    "sans": "黑体",
    "sans_bold": "粗黑",
    "kai": "楷体",
}

# Other bundled faces to try, nearest in style first.
FALLBACK_ORDER = {
    "serif": ("sans", "kai", "heavy", "sans_bold"),
    "heavy": ("sans_bold", "serif", "sans", "kai"),
    "sans": ("serif", "sans_bold", "kai", "heavy"),
    "sans_bold": ("heavy", "sans", "serif", "kai"),
    "kai": ("serif", "sans", "heavy", "sans_bold"),
}


def bundled_font_dir() -> Path:
    """<repo>/fonts (fonts/ of the packaged application), or $NEWSDESK_FONT_DIR when set."""
    env = os.environ.get("NEWSDESK_FONT_DIR")
    if env:
        return Path(env)
    return app_dir() / "fonts"


def needs_no_glyph(ch: str) -> bool:
    """Control and format characters (line breaks, ZWJ, variation selectors) draw nothing."""
    return unicodedata.category(ch) in ("Cc", "Cf") or 0xFE00 <= ord(ch) <= 0xFE0F


class UnknownFaceError(FontError, LookupError):
    """face_by_key() got a key no registry made. A LookupError too, so callers that accept other
    kinds of key (a bare font path, say) can catch it like a failed dict lookup."""


@dataclass(frozen=True, slots=True)
class MissingChar:
    """A character no font on the machine can draw, at `offset` in the text checked."""

    offset: int
    char: str

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    def message(self, where: str = "") -> str:
        return f"{where}第 {self.offset + 1} 个字符“{self.char}”（{self.codepoint}）缺字：没有字体含有此字"


class FontRegistry:
    """The bundled faces by role, plus system faces found on demand for rare characters."""

    def __init__(self, font_dir: str | os.PathLike | None = None, *, system_fallback: bool = True):
        self.font_dir = Path(font_dir) if font_dir is not None else bundled_font_dir()
        self.system_fallback = system_fallback
        self._faces: dict[str, Face] = {}
        self._by_key: dict[str, Face] = {}
        self._resolved: dict[str, dict[str, Face | None]] = {role: {} for role in ROLES}
        self._system_candidates: dict[str, list] = {}  # character -> system.SystemFont list
        self._lock = threading.RLock()
        self._load_bundled()

    # -- bundled faces -------------------------------------------------------------------------

    def _load_bundled(self) -> None:
        missing = [name for name in BUNDLED_FILES.values() if not (self.font_dir / name).is_file()]
        if missing:
            raise FontError(
                f"缺少内置字体文件：{'、'.join(missing)}（字体目录 {self.font_dir}）。"
                "请运行 fonts/build_fonts.py 重新生成，或用环境变量 NEWSDESK_FONT_DIR 指定字体目录。"
            )
        shipped = load_metrics_file(self.font_dir / METRICS_FILE)
        # Read (and named: hashing the path loads hashlib) only when a shipped entry is stale.
        user_cache = None
        cached = None
        stale: dict[str, FaceMetrics] = {}
        for role, name in BUNDLED_FILES.items():
            path = self.font_dir / name
            print_ = fingerprint(path)
            metrics = shipped.get(name)
            if metrics is None or metrics.fingerprint != print_:
                if cached is None:
                    user_cache = cache_dir() / f"bundled-{_dir_tag(self.font_dir)}.json"
                    cached = load_metrics_file(user_cache)
                metrics = cached.get(name)
                if metrics is None or metrics.fingerprint != print_:
                    try:
                        metrics = read_metrics(path)
                    except Exception as exc:
                        raise FontError(f"内置字体文件无法读取：{path}（{exc}）") from exc
                    stale[name] = metrics
            face = Face(role, str(path), metrics, role=role)
            self._faces[role] = face
            self._by_key[role] = face
        if stale and user_cache is not None:
            try:
                save_metrics_file(user_cache, {**(cached or {}), **stale})
            except OSError:
                pass  # a read-only cache only costs speed

    def face(self, role: str) -> Face:
        """The bundled face of a role: serif, heavy, sans, sans_bold or kai."""
        try:
            return self._faces[role]
        except KeyError:
            raise FontError(f"未知的字体角色：{role}（可用：{'、'.join(ROLES)}）") from None

    def faces(self) -> list[Face]:
        """The bundled faces, in role order."""
        return [self._faces[role] for role in ROLES]

    def face_by_key(self, key: str) -> Face:
        """The face a GlyphRun names: a role for bundled faces, "sys:<file>#<index>" otherwise."""
        face = self._by_key.get(key)
        if face is not None:
            return face
        if key.startswith(SYSTEM_KEY_PREFIX):
            try:
                file, index = parse_system_key(key)
                return self._system_face(file, index)
            except (ValueError, FontError) as exc:
                raise UnknownFaceError(str(exc)) from exc
        raise UnknownFaceError(f"未知的字体：{key}")

    # -- resolution ----------------------------------------------------------------------------

    def resolve(self, ch: str, role: str) -> Face | None:
        """The face to draw `ch` with in `role`: the role's face if it has the character, else
        the other bundled faces, else a system font (via fontconfig); None when nothing has it."""
        face = self._faces.get(role)
        if face is None:
            self.face(role)  # raises FontError for an unknown role
        if ch in face.advances:
            return face
        cache = self._resolved[role]
        if ch in cache:
            return cache[ch]
        with self._lock:
            found = self._resolve_slow(ch, role)
            cache[ch] = found
        if isinstance(found, SystemFace):
            found.need(ch)
        return found

    def resolve_text(self, text: str, role: str) -> list[Face | None]:
        """resolve() for every character of `text` (same length, same order)."""
        return [self.resolve(ch, role) for ch in text]

    def _resolve_slow(self, ch: str, role: str) -> Face | None:
        for other in FALLBACK_ORDER[role]:
            if ch in self._faces[other].advances:
                return self._faces[other]
        if not self.system_fallback or needs_no_glyph(ch) or len(ch) != 1:
            return None
        from newsdesk.fonts import system  # fontconfig: only for characters no bundled face has

        candidates = self._system_candidates.get(ch)
        if candidates is None:
            candidates = system.fonts_with_char(ch)
            self._system_candidates[ch] = candidates
        for font in system.rank_for_role(candidates, role):
            if self._is_bundled_file(font.file):
                continue
            try:
                face = self._system_face(font.file, font.index)
            except FontError:
                continue  # an unreadable font: try the next one
            if ch in face.advances:
                return face
        return None

    def _system_face(self, file: str, index: int) -> SystemFace:
        key = system_key(file, index)
        with self._lock:
            face = self._by_key.get(key)
            if face is None:
                face = shared_system_face(file, index)
                self._by_key[key] = face
            return face  # type: ignore[return-value]

    def _is_bundled_file(self, file: str) -> bool:
        try:
            return Path(file).resolve().parent == self.font_dir.resolve()
        except OSError:
            return False

    def system_faces(self) -> list[SystemFace]:
        """System faces used so far (each with the characters it supplies in `needed`)."""
        return [f for f in self._by_key.values() if isinstance(f, SystemFace)]

    # -- reports -------------------------------------------------------------------------------

    def missing_chars(self, text: str, role: str) -> list[MissingChar]:
        """Characters of `text` that no font can draw (缺字), with their offsets in `text`.

        Control/format characters are skipped: they need no glyph."""
        return [
            MissingChar(i, ch)
            for i, ch in enumerate(text)
            if not needs_no_glyph(ch) and self.resolve(ch, role) is None
        ]

    def missing_report(self, texts: Iterable[tuple[str, str, str]]) -> list[str]:
        """Chinese messages for every 缺字 in (where, text, role) triples, e.g.
        [("稿件 s1 第 3 段", paragraph_text, "serif")] -> ["稿件 s1 第 3 段第 5 个字符“…”…"]."""
        lines = []
        for where, text, role in texts:
            lines.extend(m.message(where) for m in self.missing_chars(text, role))
        return lines

    def fallback_report(self, texts: Iterable[tuple[str, str]]) -> dict[str, str]:
        """For (text, role) pairs: which characters come from a font other than the role's own,
        as {char: face name}. Useful for a preflight note 'these characters use a fallback font'."""
        out: dict[str, str] = {}
        for text, role in texts:
            own = self.face(role)
            for ch in text:
                face = self.resolve(ch, role)
                if face is not None and face is not own and not needs_no_glyph(ch):
                    out[ch] = face.name
        return out


def _dir_tag(path: Path) -> str:
    import hashlib

    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]


@functools.cache
def default_registry() -> FontRegistry:
    """The process-wide registry over the bundled fonts (cached; default_registry.cache_clear()
    forgets it, e.g. after changing NEWSDESK_FONT_DIR in a test)."""
    return FontRegistry()
