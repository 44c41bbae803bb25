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

from app_helpers import dark_pixels, open_sample_window  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from newsdesk.app.main import _restart_gc_after_first_paint  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder holding the sample edition; recovery files kept apart, no recovery question."""
    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    write_sample(tmp_path / "sample" / "sample.newsdesk")
    return tmp_path / "sample"


def test_collector_restarts_and_freezes_after_the_first_paint(
    qapp, registry, tmp_path, folder
) -> None:
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


def test_preflight_panel_fills_after_the_page_is_painted(qapp, registry, folder) -> None:
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


def _wait(condition, seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)


def _opened_first_page_first(folder, registry):
    from newsdesk.app.main_window import MainWindow

    window = MainWindow(registry)
    window.resize(1200, 800)
    window.show()
    assert window.open_path(folder / "sample.newsdesk", first_page_first=True)
    return window


def test_start_up_paints_page_one_first_then_the_other_pages_and_panels(
    qapp, registry, folder
) -> None:
    """The application opens its file first page first (run_app): page 1 is laid out and
    painted before the others; right after that paint every page is laid out, the thumbnails
    are painted and the stories and preflight panels fill, as after any opening."""
    from newsdesk.layout.engine import LayoutEngine

    window = _opened_first_page_first(folder, registry)
    seen_at_first_paint = []
    window.view.pagePainted.connect(
        lambda: seen_at_first_paint.append(
            (
                [bool(p.frames) for p in window.pages],
                window.story_tree.topLevelItemCount(),
            )
        )
    )
    assert window.engine.partial
    assert window.view.page() is window.pages[0] and window.pages[0].frames
    _wait(lambda: seen_at_first_paint)
    assert seen_at_first_paint[0] == ([True, False, False, False], 0)
    _wait(lambda: not window.engine.partial and window.findings.topLevelItemCount() > 0)
    fresh = LayoutEngine(window.edition, registry=registry, base_dir=window.path.parent).layout()
    assert [p.frames for p in window.pages] == [p.frames for p in fresh]
    assert [p.jumps for p in window.pages] == [p.jumps for p in fresh]
    placed = window.story_tree.placed_group
    assert placed is not None and placed.childCount() > 0
    assert all(placed.child(i).text(2) for i in range(placed.childCount()))  # each copyfit
    assert window.findings.topLevelItemCount() > 0
    panel = window.page_list
    _wait(lambda: not panel._stale)
    assert panel.count() == len(window.edition.pages)
    for row in range(panel.count()):
        assert dark_pixels(panel.item(row).icon()) > 40  # text and rules, not a white sheet
    window.close()


def test_an_edit_before_the_rest_is_laid_out_loses_nothing(qapp, registry, folder) -> None:
    """Typing may come before the rest of the layout (a fast hand): the edit lays out every
    page itself, and the completion that follows refreshes the panels."""
    from newsdesk.edit import ReplaceText
    from newsdesk.layout.engine import LayoutEngine

    window = _opened_first_page_first(folder, registry)
    story = next(b.story for b in window.edition.pages[2].blocks if b.kind == "story")
    assert window.apply(ReplaceText(story, "body", 0, 0, "新"))
    assert not window.engine.partial and all(p.frames for p in window.pages)
    _wait(lambda: window.findings.topLevelItemCount() > 0 and window.story_tree.topLevelItemCount())
    fresh = LayoutEngine(window.edition, registry=registry, base_dir=window.path.parent).layout()
    assert [p.frames for p in window.pages] == [p.frames for p in fresh]
    window.undo_stack.clear()
    window.close()
