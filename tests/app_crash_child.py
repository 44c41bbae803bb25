"""Run by test_app_crash_recovery.py in a child process: open an edition in the real window,
apply edit operations (JSON, one per argument line of a file) through the undo stack, let the
autosave timer fire, then die with SIGKILL mid-session, as a crash or a power cut would."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from newsdesk.app.main import create_application  # noqa: E402
from newsdesk.app.main_window import MainWindow  # noqa: E402
from newsdesk.edit import operation_from_json  # noqa: E402
from newsdesk.fonts import default_registry  # noqa: E402


def main() -> None:
    edition_path, ops_path = Path(sys.argv[1]), Path(sys.argv[2])
    app = create_application([])
    window = MainWindow(default_registry())
    window.autosave_timer.setInterval(200)  # the minute of the real window, shortened
    assert window.open_path(edition_path)
    for obj in json.loads(ops_path.read_text(encoding="utf-8")):
        assert window.apply(operation_from_json(obj)), obj
    # Wait for the timer's autosave (not a direct call): this is the path a real crash relies on.
    autosave = edition_path.with_name(edition_path.name + ".autosave")

    def check() -> None:
        if autosave.exists():
            print("autosaved", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    from PySide6.QtCore import QTimer

    poll = QTimer()
    poll.timeout.connect(check)
    poll.start(50)
    QTimer.singleShot(20_000, app.quit)  # never hang the suite
    app.exec()
    sys.exit(3)


if __name__ == "__main__":
    main()
