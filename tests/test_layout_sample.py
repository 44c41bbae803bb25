"""The sample edition exported: every 下转第X版 on page p has its 上接第p版 on page X."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from newsdesk.cli import main
from newsdesk.model.units import chinese_numeral

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

NUMBERS = {chinese_numeral(n): n for n in range(1, 100)}


def test_sample_edition_jump_lines_pair_up_in_the_pdf(tmp_path):
    builder = pytest.importorskip("newsdesk.sample.builder")
    src = builder.write_sample(tmp_path / "sample.newsdesk")
    out = tmp_path / "sample.pdf"
    assert main(["export", str(src), "-o", str(out), "--preset", "proof"]) == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    assert pages == 4
    to_lines, from_lines = [], []
    for p in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(p), "-l", str(p), str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        text = "".join(text.split())
        for verb, target in re.findall(r"（(下转|上接)第(.{1,3}?)版）", text):
            (to_lines if verb == "下转" else from_lines).append((p, NUMBERS[target]))
    assert to_lines, "the sample edition should continue at least one story on another page"
    assert sorted(from_lines) == sorted((x, p) for p, x in to_lines)
    assert all(x != p for p, x in to_lines)
