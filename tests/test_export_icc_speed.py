"""With an ICC output profile, photos stay JPEG (DCT) in the print PDF within the ink limit:
separating right up to the limit made JPEG noise overshoot it, and every photo fell back to
lossless embedding (5 × slower export, 10 × larger files)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from conftest import CMYK_PROFILE as FOGRA  # noqa: E402
from test_export_output_guard import small_edition

from newsdesk.cli import main
from newsdesk.export import images
from newsdesk.model.edition_file import load_edition, save_edition


def _sample_photo(folder: Path) -> str:
    """A real photo with deep shadows: the sample's dusk view of the bridge."""
    from newsdesk.sample import write_sample

    write_sample(folder / "sample" / "sample.newsdesk")
    return "sample/images/p1-bridge-dusk.jpg"


def _filters(pdf_path: Path) -> list[str]:
    out = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for image in page.get_images().values():
                out.append("jpeg" if "/DCTDecode" in str(image.get("/Filter")) else "lossless")
    return out


@pytest.fixture
def icc_edition(tmp_path: Path) -> Path:
    if not FOGRA.is_file():
        pytest.skip("no CMYK profile installed")
    path = small_edition(tmp_path)
    ed = load_edition(path)
    ed.pages[0].blocks[1].image = _sample_photo(tmp_path)
    ed.print.icc_profile = str(FOGRA)
    save_edition(ed, path, keep_backup=False)
    return path


def test_photos_stay_jpeg_with_a_profile(icc_edition: Path, tmp_path: Path) -> None:
    out = tmp_path / "icc.pdf"
    assert main(["export", str(icc_edition), "-o", str(out), "--force"]) == 0
    assert _filters(out) == ["jpeg"]


def test_without_headroom_the_photo_would_fall_back_to_lossless(
    icc_edition: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(images, "ICC_JPEG_HEADROOM", 0.0)
    out = tmp_path / "icc0.pdf"
    assert main(["export", str(icc_edition), "-o", str(out), "--force"]) == 0
    assert _filters(out) == ["lossless"]  # why the headroom exists
