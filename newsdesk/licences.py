"""Version and licence notices of Newsdesk and what it ships: the fonts, Qt/PySide6 and the Python
libraries. The About dialog shows them and packaging/build writes them to LICENCES.txt.

The same code serves the source checkout and the packaged application: Newsdesk's own files are
found through app_dir(), the libraries' licence files through their installed metadata (the
packaged application carries their .dist-info folders, see packaging/newsdesk.spec).
"""

from __future__ import annotations

import platform
import sys
import sysconfig
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from newsdesk import __version__
from newsdesk.app_dir import app_dir, is_frozen

# (distribution, shown name, licence, what it does for Newsdesk). Distributions absent from the
# install are left out, so the list is what actually ships.
LIBRARIES = [
    ("PySide6_Essentials", "Qt 6 / PySide6", "LGPL-3.0", "窗口界面 (window and widgets)"),
    ("shiboken6", "Shiboken6", "LGPL-3.0", "PySide6 的绑定层 (binding runtime)"),
    ("reportlab", "ReportLab", "BSD-3-Clause", "PDF 输出 (PDF writing)"),
    ("fonttools", "fontTools", "MIT", "字体读取与子集 (font reading and subsetting)"),
    ("pillow", "Pillow", "MIT-CMU", "图片 (images)"),
    ("pikepdf", "pikepdf (with qpdf)", "MPL-2.0; qpdf: Apache-2.0", "PDF/X 与广告 PDF (PDF/X)"),
    ("lxml", "lxml", "BSD-3-Clause", "PDF 元数据 (XMP metadata, for pikepdf)"),
    ("charset_normalizer", "charset-normalizer", "MIT", "ReportLab 的依赖 (for ReportLab)"),
]

# Licence files of Newsdesk's own, relative to app_dir().
QT_TEXTS = [
    "resources/licences/Qt-PySide6-NOTICE.txt",
    "resources/licences/LGPL-3.0.txt",
    "resources/licences/GPL-3.0.txt",
]
# Where packaging puts the Python licence (a source install reads it from the standard library).
FROZEN_PYTHON_LICENCE = "resources/licences/python/LICENSE.txt"
# Where packaging puts the Debian copyright files of the system libraries it bundles, one folder
# per package (the packaged application only; a source install uses the system's own libraries).
SYSTEM_LICENCES = "resources/licences/system"


@dataclass(frozen=True)
class LicenceText:
    title: str
    text: str


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    role: str
    texts: tuple[LicenceText, ...]


def components() -> list[Component]:
    """Newsdesk, its fonts, Python, Qt and each library shipped, each with its licence texts."""
    root = app_dir()
    found = [
        Component(
            "Newsdesk",
            __version__,
            "MIT",
            "本程序 (this application)",
            _files(root, ["LICENSE"]),
        ),
        Component(
            "Newsdesk 内置字体",
            __version__,
            "OFL-1.1",
            "宋体、标宋、黑体、楷体：Noto CJK SC、霞鹜文楷的子集 (bundled font subsets)",
            _files(root, ["fonts/NOTICE", "fonts/OFL.txt"]),
        ),
        Component(
            "Python",
            platform.python_version(),
            "PSF-2.0",
            "运行环境 (runtime)",
            _files(
                root if is_frozen() else Path(sysconfig.get_paths()["stdlib"]),
                [FROZEN_PYTHON_LICENCE if is_frozen() else "LICENSE.txt"],
            ),
        ),
    ]
    for dist_name, shown, licence, role in LIBRARIES:
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            continue
        texts = _dist_texts(dist)
        if dist_name == "PySide6_Essentials":
            texts = _files(root, QT_TEXTS) + texts
        elif dist_name == "shiboken6":
            texts = _files(root, QT_TEXTS[:1]) + texts
        found.append(Component(shown, dist.version, licence, role, texts))
    system = root / SYSTEM_LICENCES
    if system.is_dir():
        packages = sorted(p.name for p in system.iterdir() if (p / "copyright").is_file())
        found.append(
            Component(
                "系统库 (system libraries: X11/xcb, fontconfig, FreeType, GLib …)",
                f"{len(packages)} 个 Debian 软件包",
                "各自的许可证 (see each copyright file)",
                "随程序附带的系统库 (bundled from the build machine)",
                tuple(
                    LicenceText(f"{name}/copyright", _read(system / name / "copyright"))
                    for name in packages
                ),
            )
        )
    return found


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"（缺少文件 {path}）"


def _files(root: Path, names: list[str]) -> tuple[LicenceText, ...]:
    return tuple(LicenceText(Path(name).name, _read(root / name)) for name in names)


def _dist_texts(dist: metadata.Distribution) -> tuple[LicenceText, ...]:
    """The licence files a wheel declares (License-File, under .dist-info/licenses/)."""
    texts = []
    for name in dist.metadata.get_all("License-File") or []:
        text = dist.read_text(f"licenses/{name}") or dist.read_text(name)
        if text:
            texts.append(LicenceText(name, text))
    return tuple(texts)


def notices_text() -> str:
    """Every component and its licence texts, as one plain-text document."""
    parts = [
        f"Newsdesk {__version__}: version and licence notices\n"
        f"(Python {platform.python_version()} on {sys.platform})\n",
        "Components:\n"
        + "".join(f"  {c.name} {c.version} ({c.licence}): {c.role}\n" for c in components()),
    ]
    for c in components():
        for t in c.texts:
            rule = "=" * 78
            parts.append(f"{rule}\n{c.name} {c.version}: {t.title}\n{rule}\n{t.text.rstrip()}\n")
    return "\n".join(parts)
