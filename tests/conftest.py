"""Shared test fixtures and paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def corpus_dir() -> Path:
    """The shared test corpus; tests that need it skip when it is absent."""
    if not (CORPUS / "seed-page.txt").exists():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
