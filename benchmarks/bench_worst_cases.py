"""Worst cases (issue 10): hostile or mistaken input must be handled in under a second, or refused.

    .venv/bin/python benchmarks/bench_worst_cases.py

Each case runs in its own process, so a regression that hangs or eats memory is stopped (after
TIMEOUT s) and its peak memory is its own. The time is the operation's alone (imports and font
loading excluded), the memory the process's peak resident size. Exit status 1 when a case is
neither refused nor handled in under LIMIT s. (Damaged PDF ads and unbroken Latin in galleys
have their own benchmarks, with the print and composition work.)
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

LIMIT = 1.0  # seconds
TIMEOUT = 60.0
CJK = "城市的早晨从菜市场开始，摊主们把新鲜的蔬菜摆上货架，顾客在讨价还价中挑选一天的食材。"


def _edition_file(folder: Path, change=None) -> Path:
    """Page 1 of the bundled sample edition (with its pictures), changed by `change(obj)`."""
    folder.mkdir(exist_ok=True)
    sample = folder / "sample.newsdesk"
    if not sample.exists():
        from newsdesk.sample import write_sample

        write_sample(sample)
    obj = json.loads(sample.read_text("utf-8"))
    obj["pages"] = obj["pages"][:1]
    if change is not None:
        change(obj)
    path = folder / "case.newsdesk"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def _first_image(obj: dict) -> dict:
    return next(b for p in obj["pages"] for b in p["blocks"] if b["kind"] == "image")


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


# --- the cases: each prepares its input, then returns the operation to time ------------------


def _cli(folder: Path, *argv: str, says: str = ""):
    """The command as the shell would run it; its result names the line that mentions `says`
    (default: the last line of its errors)."""
    import contextlib
    import io

    from newsdesk.cli import main

    def run() -> str:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
        lines = (err.getvalue() + out.getvalue()).splitlines()
        said = [line for line in lines if says and says in line] or err.getvalue().splitlines()
        shown = said[0].removeprefix("newsdesk: ").replace(str(folder) + "/", "") if said else ""
        return f"exit {code}" + (f": {shown[:90]}" if shown else "")

    # Warm: imports, fonts and caches as in a running application, so the time is the case's.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(["preflight", str(_edition_file(folder / "warm"))])
    return run


def case_deck(folder: Path, chars: int):
    from newsdesk.compose.headline import set_heads
    from newsdesk.compose.setter import TextSetter
    from newsdesk.fonts import default_registry
    from newsdesk.model.edition import Story, default_styles

    setter = TextSetter(default_registry())
    story = Story("s", headline="标题", deck=(CJK * 200)[:chars])

    def run() -> str:
        lines, _ = set_heads(setter, story, default_styles(), 0.0, 0.0, 300.0)
        return f"set: {len(lines)} lines"

    return run


def case_marked_paragraph(folder: Path):
    copy = folder / "copy.txt"
    copy.write_text(f"# 标题\n## {(CJK * 100)[:4000]}\n\n{CJK * 3}\n", encoding="utf-8")
    return _cli(folder, "galley", str(copy), "-o", str(folder / "galley.pdf"))


def case_layout_long_deck(folder: Path):
    def change(obj):
        next(iter(obj["stories"].values()))["deck"] = (CJK * 100)[:4000]

    return _cli(folder, "layout", str(_edition_file(folder, change)), says="副题有")


def case_value(folder: Path, path: list, value):
    def change(obj):
        target = obj
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return _cli(folder, "layout", str(_edition_file(folder, change)), "--json")


def case_story_id(folder: Path):
    def change(obj):
        sid = next(iter(obj["stories"]))
        obj["stories"][sid]["id"] = sid + "-x"

    return _cli(folder, "preflight", str(_edition_file(folder, change)))


def case_photo(folder: Path, make):
    name = make(folder)

    def change(obj):
        _first_image(obj)["image"] = name

    return _cli(folder, "preflight", str(_edition_file(folder, change)), says=name)


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.jpg")
    return "pipe.jpg"


def _huge_png(folder: Path) -> str:
    (folder / "huge.png").write_bytes(_png_header(12_000, 12_000))
    return "huge.png"


def case_icc_dev_zero(folder: Path):
    def change(obj):
        obj["print"]["icc_profile"] = "/dev/zero"

    return _cli(folder, "preflight", str(_edition_file(folder, change)), says="ICC")


CASES = {
    "副题 1,500 字": lambda f: case_deck(f, 1500),
    "副题 6,000 字": lambda f: case_deck(f, 6000),
    "layout：副题 4,000 字": case_layout_long_deck,
    "galley：## 标在 4,000 字的段落上": case_marked_paragraph,
    "headline_size = 5e-324": lambda f: case_value(
        f, ["stories", "lead-bridge", "heads", "headline_size"], 5e-324
    ),
    "grid.body_size = 1e-9": lambda f: case_value(f, ["pages", 0, "grid", "body_size"], 1e-9),
    "grid.leading = 1e-9": lambda f: case_value(f, ["pages", 0, "grid", "leading"], 1e-9),
    "styles.body.leading = 1e-9": lambda f: case_value(f, ["styles", "body", "leading"], 1e-9),
    "稿件 id 与键不同": case_story_id,
    "图片是 FIFO": lambda f: case_photo(f, _fifo),
    "图片 1.44 亿像素 PNG": lambda f: case_photo(f, _huge_png),
    "ICC = /dev/zero": case_icc_dev_zero,
    "稿件 = /dev/zero": lambda f: _cli(f, "galley", "/dev/zero", "--json"),
    "版面文件 = /dev/zero": lambda f: _cli(f, "layout", "/dev/zero", "--json"),
}


def child(name: str) -> None:
    """Run one case and print {"seconds": …, "result": …} as JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        operation = CASES[name](Path(tmp))
        started = time.perf_counter()
        result = operation()
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "result": result}, ensure_ascii=False))


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        child(sys.argv[2])
        return 0
    print(f"{'case':34} {'time':>9} {'peak':>8}  result")
    failed = 0
    for name in CASES:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--case", name], stdout=subprocess.PIPE, text=True
        )
        stopper = threading.Timer(TIMEOUT, proc.kill)  # a hang is stopped, and reported
        stopper.start()
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak memory
        stopper.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out = proc.stdout.read() if proc.stdout else ""
        peak = f"{usage.ru_maxrss / 1024:.0f} MB"
        try:
            got = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            print(f"{name:34} {'—':>9} {peak:>8}  did not finish in {TIMEOUT:.0f} s")
            failed += 1
            continue
        refused = got["result"].startswith("exit 1")
        ok = refused or got["seconds"] < LIMIT
        failed += not ok
        print(f"{name:34} {got['seconds'] * 1000:7.0f} ms {peak:>8}  {got['result']}")
    print("all cases under a second or refused" if not failed else f"{failed} case(s) too slow")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
