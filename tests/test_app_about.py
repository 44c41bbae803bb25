"""帮助 → 关于 opens the About dialog: version, licence, and every shipped component's licence."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QApplication  # noqa: E402

from newsdesk import __version__  # noqa: E402
from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.licences import components, notices_text  # noqa: E402


@pytest.fixture
def chinese_window(qtbot, monkeypatch, tmp_path):
    """The window built under the Chinese translation, as users get it by default."""
    from newsdesk.app.main import install_translations
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    app = QApplication.instance()
    translators = install_translations(app, "zh_CN")
    assert translators, "the Chinese translation did not load"
    try:
        window = MainWindow(default_registry())
        qtbot.addWidget(window)
        yield window
        # The window's undo stack reports to a lambda holding the window; when garbage collection
        # later destroys both inside another test's event loop, that lambda would run on a deleted
        # window. Cut it here, while the window is alive.
        window.undo_stack.cleanChanged.disconnect()
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def _menu_action(window, menu_text: str, action_text: str):
    for top in window.menuBar().actions():
        if top.text().replace("&", "").startswith(menu_text):
            for action in top.menu().actions():
                if action.text().replace("&", "").startswith(action_text):
                    return action
    raise AssertionError(f"no {menu_text} → {action_text} in the menu bar")


def test_about_opens_from_the_help_menu(chinese_window, qtbot) -> None:
    from newsdesk.app.about_dialog import AboutDialog

    _menu_action(chinese_window, "帮助", "关于").trigger()
    dialog = chinese_window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "关于 Newsdesk"
    assert f"Newsdesk {__version__}" in dialog.summary.text()
    assert "MIT" in dialog.summary.text()

    rows = {
        dialog.table.topLevelItem(i).text(0): dialog.table.topLevelItem(i).text(2)
        for i in range(dialog.table.topLevelItemCount())
    }
    assert rows["Newsdesk"] == "MIT"
    assert any("OFL" in licence for licence in rows.values())
    assert rows["Qt 6 / PySide6"] == "LGPL-3.0"
    for name in ("ReportLab", "fontTools", "Pillow", "pikepdf (with qpdf)"):
        assert name in rows

    # Selecting a component shows its licence texts.
    assert "MIT License" in dialog.text.toPlainText()  # the first row: Newsdesk itself
    qt_row = list(rows).index("Qt 6 / PySide6")
    dialog.table.setCurrentItem(dialog.table.topLevelItem(qt_row))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.text.toPlainText()
    pike_row = list(rows).index("pikepdf (with qpdf)")
    dialog.table.setCurrentItem(dialog.table.topLevelItem(pike_row))
    assert "qpdf.txt" in dialog.text.toPlainText()
    assert "Apache License" in dialog.text.toPlainText()
    dialog.close()


def test_every_component_has_its_licence_text() -> None:
    found = components()
    assert [c.name for c in found][:3] == [
        "Newsdesk",
        "Newsdesk 内置字体",
        "Python",
    ]
    for component in found:
        assert component.version and component.texts, component.name
        for text in component.texts:
            assert len(text.text) > 200 and "缺少文件" not in text.text, (component.name, text)
    fonts = found[1]
    assert "SIL OPEN FONT LICENSE" in "".join(t.text for t in fonts.texts).upper()
    assert "PYTHON SOFTWARE FOUNDATION" in found[2].texts[0].text.upper()


def test_notices_text_lists_every_component_with_its_version() -> None:
    text = notices_text()
    for component in components():
        assert f"{component.name} {component.version} ({component.licence})" in text
