"""`newsdesk open` names missing xcb system libraries and the apt-get line, not Qt's raw error."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("PySide6.QtCore")

from newsdesk.app import desktop_libs  # noqa: E402
from newsdesk.cli import main  # noqa: E402

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /opt/Qt/lib/libQt6XcbQpa.so.6 (0x00007f92)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-cursor.so.0 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f92)
"""


def test_parse_ldd_lists_each_missing_library_once() -> None:
    assert desktop_libs.parse_ldd(LDD_OUTPUT) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]


def test_message_names_libraries_and_the_packages_to_install() -> None:
    message = desktop_libs.missing_message(["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"])
    assert "libxcb-cursor.so.0" in message and "libxkbcommon-x11.so.0" in message
    assert "sudo apt-get install -y libxcb-cursor0 libxkbcommon-x11-0" in message
    assert "apt-file" not in message  # every library was known


def test_unknown_library_is_named_with_a_hint() -> None:
    message = desktop_libs.missing_message(["libxcb-cursor.so.7"])
    assert "libxcb-cursor.so.7" in message
    assert "apt-get install" not in message and "apt-file search" in message


def test_this_machine_has_what_the_real_plugin_needs() -> None:
    if desktop_libs.xcb_plugin() is None or shutil.which("ldd") is None:
        pytest.skip("no xcb plugin or no ldd")
    # .ci/run installs Qt's xcb libraries; a missing one here would be a real finding.
    assert desktop_libs.missing_libraries() == []


@pytest.fixture
def plugin_missing_a_library(tmp_path):
    """A copy of Qt's real xcb plugin whose need for libxcb-cursor.so.0 names a library that does
    not exist (same length, so the ELF stays valid), beside a link to Qt's own lib/ folder."""
    real = desktop_libs.xcb_plugin()
    if real is None or shutil.which("ldd") is None:
        pytest.skip("no xcb plugin or no ldd")
    data = real.read_bytes()
    assert data.count(b"libxcb-cursor.so.0\0") == 1
    folder = tmp_path / "plugins" / "platforms"
    folder.mkdir(parents=True)
    (tmp_path / "lib").symlink_to(real.parents[2] / "lib")  # the plugin's RUNPATH $ORIGIN/../../lib
    fake = folder / "libqxcb.so"
    fake.write_bytes(data.replace(b"libxcb-cursor.so.0\0", b"libxcb-cursoq.so.0\0"))
    return fake


def test_ldd_finds_the_missing_library(plugin_missing_a_library) -> None:
    assert desktop_libs.missing_libraries(plugin_missing_a_library) == ["libxcb-cursoq.so.0"]


def test_open_reports_missing_libraries_in_chinese(
    plugin_missing_a_library, monkeypatch, capsys, tmp_path
) -> None:
    monkeypatch.setattr(desktop_libs, "xcb_plugin", lambda: plugin_missing_a_library)
    monkeypatch.setitem(desktop_libs.DEBIAN_PACKAGES, "libxcb-cursoq.so.0", "libxcb-cursor0")
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    assert main(["open"]) == 1
    err = capsys.readouterr().err
    assert "无法打开窗口" in err and "libxcb-cursoq.so.0" in err
    assert "sudo apt-get install -y libxcb-cursor0" in err


def test_open_without_any_display_says_so(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    assert main(["open"]) == 1
    assert "DISPLAY 未设置" in capsys.readouterr().err


def test_offscreen_and_wayland_skip_the_xcb_check(monkeypatch) -> None:
    from newsdesk.app.main import check_display

    def fail():
        raise AssertionError("xcb check ran")

    monkeypatch.setattr(desktop_libs, "missing_libraries", fail)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    check_display()
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    check_display()
