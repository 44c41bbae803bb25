"""The engine stays free of Qt: only newsdesk.app and newsdesk.render.qt may import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

ENGINE_PACKAGES = [
    "model",
    "edit",
    "fonts",
    "compose",
    "layout",
    "export",
    "proof",
    "sample",
    "render",
]
QT_MODULES = {"newsdesk/render/qt.py"}  # the Qt painter: the one engine-side file that may use Qt


def _engine_files():
    for package in ENGINE_PACKAGES:
        for path in sorted((REPO / "newsdesk" / package).rglob("*.py")):
            if str(path.relative_to(REPO)) not in QT_MODULES:
                yield path


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_engine_sources_do_not_import_qt() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for path in _engine_files()
        if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(path))
    ]
    assert offenders == []


def test_importing_engine_does_not_load_qt() -> None:
    # Import every engine module in a fresh interpreter and check PySide6 never got loaded.
    modules = [
        ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for path in _engine_files()
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
    assert len(modules) > len(ENGINE_PACKAGES)
