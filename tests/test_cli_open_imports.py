"""`newsdesk open` imports the window's Qt-free modules before PySide6 (PySide6 runs a hook after
every later import that reads the new module's source), so they must stay Qt-free and exist."""

from __future__ import annotations

import subprocess
import sys


def test_engine_modules_are_imported_before_pyside6_and_import_no_qt() -> None:
    code = (
        "import sys\n"
        "from newsdesk.cli.open_cmd import _ENGINE_MODULES, _import_engine_first\n"
        "_import_engine_first()\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "missing = [m for m in _ENGINE_MODULES if m not in sys.modules]\n"
        "assert not qt, qt\n"
        "assert not missing, missing\n"
        "assert 'newsdesk.layout.engine' in _ENGINE_MODULES\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
