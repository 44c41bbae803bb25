"""Regressions of the viewer, each driven through the real widgets: Ctrl+E exports with the print
preset, status-bar character numbers count from 1 and go away with the page, Ctrl+= and Ctrl+-
zoom with and without Shift, preflight's RGB wording, and a Chinese file dialog."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QCoreApplication, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton  # noqa: E402

from newsdesk.app import main as app_main  # noqa: E402
from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    write_sample(folder / "sample.newsdesk")
    return folder


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path, sample_dir):
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    shutil.copytree(sample_dir, tmp_path / "ed")
    w = MainWindow(default_registry())
    qtbot.addWidget(w)
    assert w.open_path(tmp_path / "ed" / "sample.newsdesk")
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def _action(window, shortcut: str):
    wanted = QKeySequence(shortcut)
    return next(a for a in window.findChildren(type(window.save_action)) if wanted in a.shortcuts())


def test_ctrl_e_exports_with_the_print_preset(window, monkeypatch, tmp_path) -> None:
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    calls = []
    monkeypatch.setattr(window, "export_to", lambda path, preset: calls.append((path, preset)))
    _action(window, "Ctrl+E").trigger()  # triggered(bool) used to arrive as the preset: False
    assert calls == [(target, "newspaper")]
    _action(window, "Ctrl+Shift+E").trigger()
    assert calls[-1][1] == "proof"


def _click_first_body_line(window, qtbot):
    page = window.pages[window.page_list.currentRow()]
    line = next(line for line in page.lines() if line.part == "body" and line.start > 0)
    zoom = window.view.zoom
    from newsdesk.app.page_view import PAGE_MARGIN

    pos = QPoint(
        int((line.x + 3) * zoom) + PAGE_MARGIN, int((line.baseline - 3) * zoom) + PAGE_MARGIN
    )
    QTest.mouseClick(window.view, Qt.MouseButton.LeftButton, pos=pos)
    return line


def test_status_bar_counts_characters_from_one_and_clears_on_page_change(window, qtbot) -> None:
    window.view.set_zoom(1.0)
    line = _click_first_body_line(window, qtbot)
    message = window.statusBar().currentMessage()
    assert f"{line.start + 1}–{line.end}" in message, message
    assert f" {line.start}–" not in message
    QTest.keyClick(window, Qt.Key.Key_PageDown)
    assert window.page_list.currentRow() == 1
    assert window.statusBar().currentMessage() == ""  # no stale story from page 1


CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ZOOM_KEYS = [
    (Qt.Key.Key_Equal, CTRL, True),
    (Qt.Key.Key_Plus, CTRL, True),
    (Qt.Key.Key_Plus, CTRL | SHIFT, True),
    (Qt.Key.Key_Equal, CTRL | SHIFT, True),
    (Qt.Key.Key_Minus, CTRL, False),
    (Qt.Key.Key_Minus, CTRL | SHIFT, False),
    (Qt.Key.Key_Underscore, CTRL | SHIFT, False),
]


def test_zoom_keys_with_and_without_shift(window) -> None:
    for key, modifiers, bigger in ZOOM_KEYS:
        window.view.set_zoom(1.0)
        QTest.keyClick(window, key, modifiers)
        zoom = window.view.zoom
        assert (zoom > 1.0) if bigger else (zoom < 1.0), (key, modifiers)


def test_preflight_names_rgb_once(sample_dir) -> None:
    from newsdesk.export.preflight import preflight
    from newsdesk.model.edition_file import load_edition

    edition = load_edition(sample_dir / "sample.newsdesk")
    report = preflight(edition, base_dir=sample_dir, registry=default_registry())
    rgb = [f.message for f in report.findings if f.code == "image_rgb"]
    assert rgb
    for message in rgb:
        assert "RGB（RGB）" not in message and "是 RGB 图片" in message


def test_file_dialog_speaks_chinese(qtbot) -> None:
    app = QCoreApplication.instance()
    translators = app_main.install_translations(app, "zh_CN")
    try:
        dialog = QFileDialog(None, "打开", str(Path.cwd()), "Newsdesk (*.newsdesk)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
        texts += [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        assert len(texts) >= 4
        # Every button and label is Chinese; only accelerators like (&L) stay Latin.
        english = [t for t in texts if re.search(r"[A-Za-z]", re.sub(r"\(&\w\)", "", t))]
        assert english == [], english
        assert any("(&L)" in t for t in texts)  # 查看 keeps its Alt+L
    finally:
        for t in translators:
            app.removeTranslator(t)
