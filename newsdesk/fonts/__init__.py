"""Fonts: the bundled faces by role, their metrics, and the fallback chain (no Qt here).

from newsdesk.fonts import default_registry
reg = default_registry()
reg.face("serif").advance("中")      # 1.0 (em)
reg.resolve("镕", "serif")           # a system fallback face, or None if no font has it
"""

from newsdesk.fonts.face import Face
from newsdesk.fonts.registry import (
    BUNDLED_FILES,
    ROLE_LABELS,
    ROLES,
    FontRegistry,
    MissingChar,
    UnknownFaceError,
    bundled_font_dir,
    default_registry,
)
from newsdesk.fonts.supplement import SystemFace

__all__ = [
    "BUNDLED_FILES",
    "ROLES",
    "ROLE_LABELS",
    "Face",
    "FontRegistry",
    "MissingChar",
    "SystemFace",
    "UnknownFaceError",
    "bundled_font_dir",
    "default_registry",
]
