"""`newsdesk ad check` (the preflight of one ad, no edition) and `newsdesk ad normalize` (a
Ghostscript conversion to CMYK / PDF 1.3 that is checked again)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from test_export_ad_constructs import FORBIDDEN, H, W, _clean_cmyk, build_ad

from newsdesk.export.pdf_ads import inspect_ad


def _ad(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "ad", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env=env,
    )


def test_check_names_what_is_wrong_and_passes_a_clean_ad(tmp_path: Path) -> None:
    build_ad(tmp_path / "clean.pdf", _clean_cmyk, 1)
    build_ad(tmp_path / "rgb.pdf", FORBIDDEN["rgb_shading"][0], 1)
    clean = _ad("check", "clean.pdf", cwd=tmp_path)
    assert clean.returncode == 0 and "没有发现问题" in clean.stdout, clean.stdout + clean.stderr
    bad = _ad("check", "rgb.pdf", cwd=tmp_path)
    assert bad.returncode == 1
    assert "rgb.pdf" in bad.stdout and "DeviceRGB" in bad.stdout and "渐变" in bad.stdout
    data = json.loads(_ad("check", "rgb.pdf", "--json", cwd=tmp_path).stdout)
    assert data["ok"] is False and data["findings"][0]["code"] == "ad_colour_space"
    missing = _ad("check", "nowhere.pdf", cwd=tmp_path)
    assert missing.returncode == 1 and "广告文件不存在" in missing.stderr
    for run in (clean, bad, missing):
        assert "Traceback" not in run.stdout + run.stderr


@pytest.mark.skipif(shutil.which("gs") is None, reason="needs Ghostscript")
@pytest.mark.parametrize(
    "name", ["rgb_image", "inline_rgb_image", "rgb_shading_pattern", "blend_mode", "lab"]
)
def test_normalize_converts_and_checks_the_result(tmp_path: Path, name: str) -> None:
    build_ad(tmp_path / "ad.pdf", FORBIDDEN[name][0], 2)
    run = _ad("normalize", "ad.pdf", "-o", "fixed.pdf", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "这是转换" in run.stdout and "没有发现问题" in run.stdout
    assert inspect_ad(str(tmp_path / "fixed.pdf")).findings == []
    with pikepdf.open(tmp_path / "fixed.pdf") as pdf:
        assert pdf.pdf_version == "1.3" and len(pdf.pages) == 1
        box = [float(v) for v in pdf.pages[0].mediabox]
        assert box[2] - box[0] == pytest.approx(W, abs=0.5)
        assert box[3] - box[1] == pytest.approx(H, abs=0.5)
    again = _ad("normalize", "ad.pdf", "-o", "ad.pdf", cwd=tmp_path)
    assert again.returncode == 1 and "不能是广告原文件" in again.stderr


def test_normalize_without_ghostscript_says_what_to_install(tmp_path: Path) -> None:
    build_ad(tmp_path / "ad.pdf", FORBIDDEN["rgb_operator"][0])
    env = {**os.environ, "PATH": str(tmp_path / "no-tools")}
    run = _ad("normalize", "ad.pdf", "-o", "fixed.pdf", cwd=tmp_path, env=env)
    assert run.returncode == 1 and "Ghostscript" in run.stderr and "apt-get" in run.stderr
    assert not (tmp_path / "fixed.pdf").exists()
