"""The application window: Chinese by default, English on request, standard shortcuts."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6.QtWidgets")

from conftest import REPO  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402

from newsdesk.app import main as app_main  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
import update_translations  # noqa: E402


def test_every_ui_string_has_a_chinese_translation() -> None:
    strings = update_translations.extract_strings()
    table = update_translations.read_ts(update_translations.TS)
    assert len(strings) > 20
    assert [s for s in strings if s not in table] == []


def _menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_window_speaks_chinese_by_default(qtbot, monkeypatch) -> None:
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_LANG", "zh_CN")
    app = QCoreApplication.instance()
    translators = app_main.install_translations(app, app_main.ui_language())
    try:
        assert translators, "the zh_CN .qm file did not load"
        window = MainWindow(registry=None)
        qtbot.addWidget(window)
        titles = _menu_titles(window)
        assert "文件(&F)" in titles and "视图(&V)" in titles
        assert "未命名" in window.windowTitle()
        save = window.save_action
        assert save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_english_is_available(qtbot, monkeypatch) -> None:
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_LANG", "en")
    assert app_main.ui_language() == "en"
    assert app_main.install_translations(QCoreApplication.instance(), "en") == []
    window = MainWindow(registry=None)
    qtbot.addWidget(window)
    assert "&File" in _menu_titles(window)


def test_zoom_steps(qtbot) -> None:
    from newsdesk.app.main_window import MainWindow

    window = MainWindow(registry=None)
    qtbot.addWidget(window)
    window.view.set_zoom(1.0)
    window.zoom_in()
    assert window.view.zoom == pytest.approx(1.25)
    window.zoom_out()
    window.zoom_out()
    assert window.view.zoom == pytest.approx(0.75)
