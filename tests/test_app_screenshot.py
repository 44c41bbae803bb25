"""`newsdesk open EDITION --screenshot PNG`: the window, painted, saved as a picture; then exit."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("PySide6.QtWidgets")

from newsdesk.cli import main  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402


def test_screenshot_shows_the_edition(tmp_path) -> None:
    sample = tmp_path / "sample.newsdesk"
    write_sample(sample)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env.pop("XDG_CONFIG_HOME", None)
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "open", str(sample), "--screenshot", "shot.png"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    from PIL import Image

    with Image.open(tmp_path / "shot.png") as image:
        grey = image.convert("L")
        # The page is painted: its masthead red and text make many dark and coloured pixels.
        pixels = [
            grey.getpixel((x, y)) for x in range(0, grey.width, 4) for y in range(0, grey.height, 4)
        ]
        assert sum(1 for p in pixels if p < 100) > 300
        assert image.size[0] > 600
        # The pages panel (left quarter) shows the thumbnails too, painted after page 1 at
        # start-up: page 1's red masthead is in its thumbnail.
        rgb = image.convert("RGB")
        red = sum(
            1
            for x in range(0, rgb.width // 4, 2)
            for y in range(0, rgb.height, 2)
            if (lambda c: c[0] > 170 and c[1] < 90 and c[2] < 90)(rgb.getpixel((x, y)))
        )
        assert red > 10


def test_screenshot_must_be_png(tmp_path, capsys) -> None:
    assert main(["open", "--screenshot", str(tmp_path / "shot.jpg")]) == 1
    assert "截图文件名须以 .png 结尾" in capsys.readouterr().err
