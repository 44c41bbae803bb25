"""Where Newsdesk's data files live: fonts/, resources/ (translations, icons, licences).

From a source checkout that is the checkout itself (the folder above the `newsdesk` package). In
the packaged application (PyInstaller, see packaging/) the files are unpacked beside the frozen
code, in the folder PyInstaller names `sys._MEIPASS`; the layout below it is the same.
"""

from __future__ import annotations

import sys
from pathlib import Path


def is_frozen() -> bool:
    """True inside the packaged application."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def app_dir() -> Path:
    """The folder holding fonts/ and resources/."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return Path(__file__).resolve().parents[1]


def resource_dir(*parts: str) -> Path:
    """A folder or file under resources/, e.g. resource_dir("i18n")."""
    return app_dir().joinpath("resources", *parts)
