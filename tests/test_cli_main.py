"""The `newsdesk` command itself: version, help, and what users see when something goes wrong."""

from __future__ import annotations

import argparse
import subprocess
import sys

from newsdesk import __version__
from newsdesk.cli import main


def test_version_and_help(capsys) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"newsdesk {__version__}"
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("open", "sample", "upgrade", "galley", "layout", "export", "preflight"):
        assert command in out.stdout


def test_unexpected_errors_give_a_message_and_a_log_not_a_traceback(
    monkeypatch, tmp_path, capsys
) -> None:
    def broken(args):
        raise ZeroDivisionError("simulated bug")

    original = argparse.ArgumentParser.parse_args

    def parse_args(self, *a, **k):
        namespace = original(self, *a, **k)
        namespace.func = broken  # a bug anywhere inside a command
        return namespace

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", parse_args)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("NEWSDESK_DEBUG", raising=False)
    edition = tmp_path / "x.newsdesk"
    edition.write_text("{}", encoding="utf-8")

    status = main(["upgrade", str(edition)])

    err = capsys.readouterr().err
    assert status == 70
    assert "内部错误" in err and "Traceback" not in err
    logs = list((tmp_path / "newsdesk").glob("crash-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError: simulated bug" in logs[0].read_text("utf-8")
    assert edition.read_text(encoding="utf-8") == "{}"


def test_usage_errors_are_in_chinese() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk", "export", "x.newsdesk", "--preset", "nope"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert "用法：" in out.stderr and "参数错误" in out.stderr and "无效" in out.stderr
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk", "galley", "x.txt", "--bogus"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "无法识别的参数：--bogus" in out.stderr
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk", "layout", "--help"], capture_output=True, text=True
    )
    assert "选项" in out.stdout and "显示此帮助并退出" in out.stdout


def test_open_without_a_display_says_so(tmp_path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    out = subprocess.run(
        [sys.executable, "-m", "newsdesk", "open"], capture_output=True, text=True, env=env
    )
    assert out.returncode == 1
    assert "没有可用的图形显示" in out.stderr and "Traceback" not in out.stderr
