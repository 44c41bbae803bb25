"""What the edition sub-commands share: the EDITION argument, the --preset option, loading the
edition the user named, and JSON on standard output.

Imports stay inside the functions so that `newsdesk --help` does not load the engine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.model.edition import Edition


def add_edition_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("edition", help="版面文件（.newsdesk）")


def add_preset_option(parser: argparse.ArgumentParser, help: str) -> None:
    from newsdesk.export.presets import DEFAULT_PRESET, PRESETS

    parser.add_argument("--preset", default=DEFAULT_PRESET, choices=sorted(PRESETS), help=help)


def load_edition_argument(
    args: argparse.Namespace, warnings: list[str] | None = None
) -> tuple[Path, Edition]:
    """The edition file named by `args.edition` and the edition in it (EditionFileError if not)."""
    from newsdesk.model.edition_file import load_edition

    path = Path(args.edition)
    return path, load_edition(path, warnings)


def write_json(data: Any, indent: int | None = None) -> None:
    """`data` as JSON on standard output, one trailing newline."""
    try:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=indent)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (head, less) stopped early: not an error for us.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
