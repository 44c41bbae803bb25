"""Shared test fixtures and paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI must judge the code, not the luck of the draw: there property tests run a fixed set of
# examples (derandomized). Developers' runs stay random and keep finding new cases.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def corpus_dir() -> Path:
    """The shared test corpus; tests that need it skip when it is absent."""
    if not (CORPUS / "seed-page.txt").exists():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="module")
def registry():
    """The bundled font registry; tests that need it skip when the fonts are not built."""
    from newsdesk.errors import FontError
    from newsdesk.fonts import default_registry

    try:
        return default_registry()
    except FontError as exc:
        pytest.skip(f"fonts not built: {exc}")


# A CMYK output profile for the "embedded profile where one is configured" paths: FOGRA39 from
# texlive-base where present, else Ghostscript's own CMYK profile (libgs-common, which .ci/run
# installs with ghostscript), so these tests run on CI too.
CMYK_PROFILES = [
    Path("/usr/share/texlive/texmf-dist/tex/generic/colorprofiles/FOGRA39L_coated.icc"),
    Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),
]
CMYK_PROFILE = next((p for p in CMYK_PROFILES if p.is_file()), CMYK_PROFILES[0])


@pytest.fixture(scope="module")
def _canvas_shared_window(qapp, tmp_path_factory):
    """One window on the sample edition per canvas test module (tests/canvas_helpers.py)."""
    from canvas_helpers import open_sample_window
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path_factory.mktemp("canvas")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSDESK_RECOVERY_DIR", str(folder / "recovery"))
        mp.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
        window = open_sample_window(folder)
        yield window
        window.close()


@pytest.fixture
def canvas_window(_canvas_shared_window):
    """That window, put back to its opened state (all edits undone) before and after a test."""
    from canvas_helpers import reset

    reset(_canvas_shared_window)
    yield _canvas_shared_window
    reset(_canvas_shared_window)
