"""The `newsdesk` command. Each sub-command lives in its own module with `register(subparsers)`."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
from pathlib import Path

from newsdesk import __version__
from newsdesk.errors import NewsdeskError

# Module names under newsdesk.cli, in the order `newsdesk --help` lists them.
COMMANDS = ["open", "sample", "upgrade", "galley", "layout", "export", "proof", "preflight", "ad"]


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法：")


# argparse's own messages, in the words a newsroom user reads (the rest passes through).
_ARGPARSE_MESSAGES = [
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (re.compile(r"the following arguments are required: (.*)"), "缺少必需的参数：{0}"),
    (
        re.compile(r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)"),
        "参数 {0} 的取值 {1} 无效（可选：{2}）",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 需要一个值"),
    (re.compile(r"argument (\S+): invalid (\S+) value: (.*)"), "参数 {0} 的值 {2} 不是有效的数值"),
    (re.compile(r"one of the arguments (.*) is required"), "必须给出以下参数之一：{0}"),
    (
        re.compile(r"argument (\S+): not allowed with argument (\S+)"),
        "参数 {0} 不能与 {1} 同时使用",
    ),
]


def translate_argparse_message(message: str) -> str:
    for pattern, chinese in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message.strip())
        if match:
            return chinese.format(*match.groups())
    return message


class NewsdeskArgumentParser(argparse.ArgumentParser):
    """Chinese headings, help and error messages for `newsdesk` and every sub-command."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示此帮助并退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：参数错误：{translate_argparse_message(message)}\n")


class LicencesAction(argparse.Action):
    """`newsdesk --licences`: the notices the About dialog shows, for terminals and packagers."""

    def __init__(self, option_strings, dest, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from newsdesk.licences import notices_text

        sys.stdout.write(notices_text())
        parser.exit(0)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given the arguments, only the command they name is imported (each command
    module pulls in its own engine: importing all of them cost `newsdesk galley` about 25 ms).
    Without arguments, or without a known command in them (`newsdesk --help`, a typo), every
    command is registered."""
    parser = NewsdeskArgumentParser(
        prog="newsdesk",
        description="Newsdesk：中文报纸排版与校对 (layout and proofing for Chinese newspapers)",
    )
    parser.add_argument(
        "--version", action="version", version=f"newsdesk {__version__}", help="显示版本号并退出"
    )
    parser.add_argument(
        "--licences",
        action=LicencesAction,
        help="显示所含各组件的版本与许可证全文并退出 (version and licence notices)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMANDS if argv is None else _commands_to_register(argv):
        module = importlib.import_module(f"newsdesk.cli.{name}_cmd")
        module.register(subparsers)
    return parser


def _commands_to_register(argv: list[str]) -> list[str]:
    # The top-level options take no value, so the first word not starting with "-" is the command.
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return [first] if first in COMMANDS else COMMANDS


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C so every `finally` removes its temporary
    file (an export killed mid-write left a hidden .out.pdf.*.part of up to 4 MB)."""


def _terminate(signum, _frame) -> None:
    raise Terminated(signum)


def _unwind_on_termination() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) == signal.SIG_DFL:
            signal.signal(sig, _terminate)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.command is None:
        # `newsdesk` alone starts the application.
        from newsdesk.cli.open_cmd import run_open

        args.func = lambda _args: run_open(None)
    if args.command not in (None, "open") and argv is None:
        _unwind_on_termination()  # a one-shot command run from the shell, not in-process
    # A one-shot command keeps what it builds until it exits, and builds it without reference
    # cycles: cyclic collections would only re-walk it (about 15 ms of a 0.3 s galley). The
    # application (`open`) keeps the collector.
    pause_gc = args.command not in (None, "open") and gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        return int(args.func(args) or 0)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsdesk: 已中断", file=sys.stderr)
        return 130
    except Terminated as exc:
        print("newsdesk: 已被终止，未完成的输出已清除", file=sys.stderr)
        return 128 + int(exc.args[0])
    except Exception:
        if os.environ.get("NEWSDESK_DEBUG"):
            raise
        log = write_crash_log()
        print(
            f"newsdesk: 内部错误，操作未完成；您的文件未被改动。详细信息已写入 {log}，请把它发给技术支持。",
            file=sys.stderr,
        )
        return 70
    finally:
        if pause_gc:
            if argv is None:
                # The process ends next: the interpreter's last full collection would walk
                # everything built (about 30 ms after a 42,000-character galley) only to find
                # no cycles. Frozen objects are left out of it (reference counting still frees
                # them).
                gc.freeze()
            gc.enable()


def write_crash_log() -> Path:
    """Keep the traceback of an unexpected error for support; the user sees a plain message."""
    import tempfile
    import time
    import traceback

    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsdesk"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        log.write_text(
            f"newsdesk {__version__}\n{' '.join(sys.argv)}\n\n{traceback.format_exc()}",
            encoding="utf-8",
        )
    except OSError:
        log = Path(tempfile.gettempdir()) / f"newsdesk-crash-{os.getpid()}.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
    return log
