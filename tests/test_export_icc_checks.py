"""The output profile and condition checked at preflight: each wrong profile gets its own plain
message (v4 for X-1a, wrong class, RGB, missing, a JPEG, junk inside, cut short), a forced
export never crashes on one, and a condition name outside the ICC registry needs a profile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from conftest import CMYK_PROFILE
from PIL import Image, ImageCms
from test_export_pdfx import build_edition

from newsdesk.export.icc import profile_problem
from newsdesk.export.preflight import preflight
from newsdesk.model.edition import PrintSettings
from newsdesk.model.edition_file import save_edition

pytestmark = pytest.mark.skipif(not CMYK_PROFILE.exists(), reason="no CMYK profile installed")
GS_V4 = Path("/usr/share/color/icc/ghostscript/ps_cmyk.icc")


def _patched(folder: Path, name: str, offset: int, value: bytes) -> str:
    data = bytearray(CMYK_PROFILE.read_bytes())
    data[offset : offset + len(value)] = value
    (folder / name).write_bytes(bytes(data))
    return name


def bad_profiles(folder: Path) -> dict[str, str]:
    """File name -> the words its finding must contain."""
    out: dict[str, str] = {}
    if GS_V4.exists():  # a real ICC v4 output profile (Ghostscript's PS CMYK)
        (folder / "v4.icc").write_bytes(GS_V4.read_bytes())
        out["v4.icc"] = "ICC v4"
    else:
        out[_patched(folder, "v4.icc", 8, b"\x04\x20")] = "ICC v4"
    out[_patched(folder, "scanner.icc", 12, b"scnr")] = "设备类别是扫描仪（scnr）"
    out[_patched(folder, "monitor.icc", 12, b"mntr")] = "设备类别是显示器（mntr）"
    (folder / "srgb.icc").write_bytes(
        ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    )
    out["srgb.icc"] = "是 RGB 特性文件，印刷需要 CMYK"
    Image.new("RGB", (8, 8), (200, 10, 10)).save(folder / "photo.icc", "JPEG")
    out["photo.icc"] = "是JPEG 图片，不是 ICC 特性文件"
    header = CMYK_PROFILE.read_bytes()[:132]
    junk = bytearray(header + bytes(range(256)) * 40)
    junk[0:4] = len(junk).to_bytes(4, "big")
    (folder / "junk.icc").write_bytes(bytes(junk))
    out["junk.icc"] = "内容已损坏"
    data = CMYK_PROFILE.read_bytes()
    (folder / "cut.icc").write_bytes(data[: len(data) // 2])
    out["cut.icc"] = "不完整或已损坏"
    out["gone.icc"] = "找不到此文件"
    return out


def test_each_wrong_profile_has_its_own_message(tmp_path: Path) -> None:
    assert profile_problem(CMYK_PROFILE) == ""
    for name, words in bad_profiles(tmp_path).items():
        ed = build_edition(tmp_path, print_settings=PrintSettings(icc_profile=name))
        report = preflight(ed, base_dir=tmp_path)
        (finding,) = [f for f in report.errors if f.code == "bad_output_profile"]
        assert words in finding.message and name in finding.message, (name, finding.message)
        for jargon in ("Errno", "PyCMS", "profile size", "Traceback"):
            assert jargon not in finding.message


def test_v4_is_fine_for_x4_but_not_for_x1a(tmp_path: Path) -> None:
    if not GS_V4.exists():
        pytest.skip("no real v4 CMYK profile installed")
    assert "ICC v4" in profile_problem(GS_V4, "PDF/X-1a:2001")
    # LittleCMS in Pillow cannot write this v4 profile back out, so it cannot separate with it:
    # X-4 is refused for that reason, not for the version.
    assert "ICC v4" not in profile_problem(GS_V4, "PDF/X-4")


def test_forced_export_with_a_bad_profile_never_crashes(tmp_path: Path) -> None:
    for name in bad_profiles(tmp_path):
        ed = build_edition(tmp_path, print_settings=PrintSettings(icc_profile=name))
        save_edition(ed, tmp_path / "ed.newsdesk")
        runs = {}
        for extra in ([], ["--force"]):
            runs[bool(extra)] = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "newsdesk",
                    "export",
                    "ed.newsdesk",
                    "-o",
                    "out.pdf",
                    *extra,
                ],
                capture_output=True,
                text=True,
                cwd=tmp_path,
                timeout=300,
            )
        refused, forced = runs[False], runs[True]
        assert refused.returncode == 1 and name in refused.stderr, refused.stderr
        said = forced.stdout + forced.stderr
        assert forced.returncode == 0, (name, said)
        assert "Traceback" not in said and "内部错误" not in said
        with pikepdf.open(tmp_path / "out.pdf") as pdf:
            (intent,) = pdf.Root.OutputIntents
            assert "/DestOutputProfile" not in intent  # the unusable profile is left out
            assert str(pdf.docinfo.NewsdeskPreflight).startswith("forced")
        (tmp_path / "out.pdf").unlink()


def test_unregistered_condition_needs_a_profile(tmp_path: Path) -> None:
    ed = build_edition(tmp_path, print_settings=PrintSettings(output_condition="滨江印务 2024"))
    (finding,) = [
        f
        for f in preflight(ed, base_dir=tmp_path).errors
        if f.code == "unregistered_output_condition"
    ]
    assert "滨江印务 2024" in finding.message and "IFRA26" in finding.message
    registered = build_edition(tmp_path, print_settings=PrintSettings(output_condition="IFRA30"))
    assert not [
        f for f in preflight(registered, base_dir=tmp_path).findings if "condition" in f.code
    ]
    with_profile = build_edition(
        tmp_path,
        print_settings=PrintSettings(
            output_condition="滨江印务 2024", icc_profile=str(CMYK_PROFILE)
        ),
    )
    assert not [
        f
        for f in preflight(with_profile, base_dir=tmp_path).findings
        if "profile" in f.code or "condition" in f.code
    ]
    save_edition(with_profile, tmp_path / "ed.newsdesk")
    run = subprocess.run(
        [sys.executable, "-m", "newsdesk", "export", "ed.newsdesk", "-o", "out.pdf"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "滨江印务 2024"
        assert "/RegistryName" not in intent and "/DestOutputProfile" in intent


def test_ink_limit_comes_from_the_condition_unless_the_shop_sets_one() -> None:
    from newsdesk.export.conditions import ink_limit

    assert ink_limit(PrintSettings()) == 220.0  # IFRA26, WAN-IFRA's coldset figure
    assert ink_limit(PrintSettings(output_condition="IFRA30")) == 240.0
    assert ink_limit(PrintSettings(output_condition="FOGRA39")) == 330.0
    assert ink_limit(PrintSettings(output_condition="IFRA26", ink_limit=230)) == 230.0
    assert ink_limit(PrintSettings(output_condition="unknown")) == 240.0
