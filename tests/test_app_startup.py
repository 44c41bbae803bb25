"""Start-up: the collector paused while the window starts is running again (with start-up's
objects frozen) once the page is painted; the hook the start-up benchmark uses reports that
first paint; the preflight panel fills after it."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time

import pytest

pytest.importorskip("PySide6.QtWidgets")

from app_helpers import open_sample_window  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from newsdesk.app.main import _restart_gc_after_first_paint  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402


def test_collector_restarts_and_freezes_after_the_first_paint(
    qapp, registry, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    folder = tmp_path / "sample"
    write_sample(folder / "sample.newsdesk")
    gc.disable()
    try:
        window = open_sample_window(folder, registry, tmp_path)
        _restart_gc_after_first_paint(window)
        assert not gc.isenabled()  # nothing painted since
        window.view.update()
        end = time.monotonic() + 10
        while not gc.isenabled() and time.monotonic() < end:
            QApplication.processEvents()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        window.close()
    finally:
        gc.unfreeze()
        gc.enable()


def test_first_paint_hook_prints_the_time_and_quits(tmp_path) -> None:
    sample = tmp_path / "sample.newsdesk"
    write_sample(sample)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "NEWSDESK_EXIT_AFTER_FIRST_PAINT": "1",
        "NEWSDESK_RECOVERY_DIR": str(tmp_path / "recovery"),
    }
    env.pop("XDG_CONFIG_HOME", None)
    before = time.time()
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "open", str(sample)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    stamps = [ln.split() for ln in result.stdout.splitlines() if ln.startswith("first-paint ")]
    assert len(stamps) == 1
    assert before < float(stamps[0][1]) < time.time()


def test_preflight_panel_fills_after_the_page_is_painted(
    qapp, registry, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    folder = tmp_path / "sample"
    write_sample(folder / "sample.newsdesk")
    from newsdesk.app.main_window import MainWindow

    window = MainWindow(registry)
    window.resize(1200, 800)
    window.show()
    painted = []
    window.view.pagePainted.connect(lambda: painted.append(window.findings.topLevelItemCount()))
    assert window.open_path(folder / "sample.newsdesk")
    assert window.findings.topLevelItemCount() == 0  # not before the page is on screen
    end = time.monotonic() + 10
    while window.findings.topLevelItemCount() == 0 and time.monotonic() < end:
        QApplication.processEvents()
    assert painted and painted[0] == 0  # the page was painted first, the panel still empty
    assert window.findings.topLevelItemCount() > 0
    window.close()
