"""Composition benchmark: the benchmark corpus as a 6-column galley, Newsdesk against Typst.

    .venv/bin/python benchmarks/bench_compose.py [--runs 5] [--profile] [--variant both]
                                                 [--scaling] [--bytecode-cache | --no-bytecode]

The corpus (../shared/corpus/README.md): every non-blank line of seed-page.txt is a paragraph,
the list repeated 10 times; and, since repeated paragraphs are prepared once and then reused, a
"unique" variant with the same characters and no repeated paragraph (both run by default).
`--scaling` adds the time to flow one paragraph of 50k–1M characters (linearity).
Bytecode: by default each tool runs as installed — `make venv` compiles Newsdesk's modules (as
pip does when it installs a wheel; brought up to date here first), Typst's wrapper comes
precompiled in its wheel. `--no-bytecode` compiles Newsdesk's modules from source in every run
(an editable install under PYTHONDONTWRITEBYTECODE, as this machine's environment has it, and how
this benchmark ran before 2026-12-03); `--bytecode-cache` lets both processes keep bytecode in a
temporary PYTHONPYCACHEPREFIX filled by the warm-up run. Both tools set it on 297 × 420 mm
pages, 15 mm margins, 6 columns, 4 mm gutters, 9/13.5 pt, justified, 2 em indent, fonts
embedded, whole process each run:

    newsdesk galley corpus.txt --page 297x420mm --margins 15mm --columns 6 --gutter 4mm
        --size 9 --leading 13.5 -o newsdesk.pdf
    python -c "import typst; typst.compile('typst-peer.typ', ...)"   (../shared/bench/)

One warm-up run each, then `--runs` alternating runs; the median wall time and the peak RSS
(getrusage of a wrapper's child) are reported, with the ratio Newsdesk / Typst. `--profile` adds a
cProfile of one Newsdesk run in-process (top functions by cumulative time).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# The page set here is shared with the CLI test of paged columns.
sys.path.insert(0, str(REPO / "tests"))
from compose_bench_page import BENCH_PAGE_ARGS  # noqa: E402

# Runs a command and prints its wall time and its peak RSS (KiB) as JSON.
_WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "rss_kib": rss, "rc": rc}))
"""


VARIANTS = ("corpus", "unique")


def make_corpus(folder: Path, variant: str = "corpus") -> tuple[int, int]:
    """Write corpus.txt: `corpus` is the benchmark as specified (the seed page's paragraphs
    repeated 10 times); `unique` has the same characters with no paragraph repeated (repetition
    r of a paragraph is rotated by r tenths of its length), so no prepared paragraph is reused."""
    seed = (SHARED / "corpus" / "seed-page.txt").read_text(encoding="utf-8")
    base = [line for line in seed.split("\n") if line.strip()]
    if variant == "unique":
        paragraphs = []
        for r in range(10):
            for p in base:
                k = (r * max(1, len(p) // 10)) % len(p)
                paragraphs.append(p[k:] + p[:k])
    else:
        paragraphs = base * 10
    (folder / "corpus.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    shutil.copy(SHARED / "bench" / "typst-peer.typ", folder / "typst-peer.typ")
    return len(paragraphs), sum(len(p) for p in paragraphs)


def scaling(sizes=(50_000, 100_000, 200_000, 1_000_000)) -> dict[str, float]:
    """In-process time to flow ONE paragraph of n characters (seed page text, repeated) into a
    13-character column: the line breaker must stay linear in the paragraph's length."""
    import time

    from newsdesk.compose import ColumnSlot, TextSetter, flow
    from newsdesk.fonts import default_registry
    from newsdesk.model.edition import Paragraph, default_styles

    seed = (SHARED / "corpus" / "seed-page.txt").read_text(encoding="utf-8").replace("\n", "")
    registry = default_registry()
    out = {}
    for n in sizes:
        text = (seed * (n // len(seed) + 1))[:n]
        setter = TextSetter(registry)
        t = time.perf_counter()
        flow(setter, [Paragraph(text)], [ColumnSlot(0, 0, 117.0, 10**7)], styles=default_styles())
        out[str(n)] = round(time.perf_counter() - t, 3)
    return out


def commands(folder: Path) -> dict[str, list[str]]:
    newsdesk = shutil.which("newsdesk", path=str(Path(sys.executable).parent)) or "newsdesk"
    return {
        "newsdesk": [
            newsdesk,
            "galley",
            str(folder / "corpus.txt"),
            *BENCH_PAGE_ARGS,
            "-o",
            str(folder / "newsdesk.pdf"),
        ],
        "typst": [
            sys.executable,
            "-c",
            "import typst; typst.compile('typst-peer.typ', output='peer.pdf', root='.', "
            "font_paths=['/usr/share/fonts/opentype/noto'])",
        ],
    }


def measure(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *cmd], cwd=cwd, capture_output=True, text=True, env=env
    )
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    return result


# TYPESETTING.md rule 2 (GB level), written out here so the benchmark checks what it times.
_NOT_AT_START = set("、，。．：；！？”’」』）】〗〕］｝》〉～–·・‧,.;:?!)]}%‰℃")
_NOT_AT_END = set("“‘「『（【〖〔［｛《〈([{")


def check_output(cmd: list[str], folder: Path) -> dict:
    """Pages and prohibition violations of the benchmark galley (one untimed --json run)."""
    cmd = [c for c in cmd if c != "-o" and not c.endswith(".pdf")] + ["--json"]
    doc = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    lines = doc["lines"]
    start = sum(
        1
        for i, ln in enumerate(lines)
        if i and lines[i - 1]["paragraph"] == ln["paragraph"] and ln["text"][0] in _NOT_AT_START
    )
    end = sum(
        1
        for i, ln in enumerate(lines[:-1])
        if lines[i + 1]["paragraph"] == ln["paragraph"] and ln["text"][-1] in _NOT_AT_END
    )
    return {
        "pages": max(ln["page"] for ln in lines),
        "lines": len(lines),
        "line_start_violations": start,
        "line_end_violations": end,
        "overset_chars": doc["overset_chars"],
    }


def compose_only(folder: Path) -> float:
    """In-process composition time with an empty paragraph cache (median of 5), in seconds."""
    import time

    from newsdesk.compose.galley import GalleySpec, build_galley
    from newsdesk.compose.setter import TextSetter
    from newsdesk.fonts import default_registry
    from newsdesk.model.copy_import import parse_copy, read_copy_file
    from newsdesk.model.units import mm

    story = parse_copy(read_copy_file(folder / "corpus.txt"), story_id="")
    spec = GalleySpec(9.0, 13.5, page=(mm(297), mm(420)), margins=mm(15), columns=6, gutter=mm(4))
    registry = default_registry()
    times = []
    for _ in range(5):
        setter = TextSetter(registry)
        setter.prepare = setter._prepare_uncached  # every paragraph measured afresh
        t = time.perf_counter()
        build_galley(setter, story, spec)
        times.append(time.perf_counter() - t)
    return round(statistics.median(times), 3)


def machine() -> str:
    model = ""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model or platform.processor()}, Python {platform.python_version()}"


def profile(folder: Path) -> None:
    import cProfile
    import pstats

    from newsdesk.cli import main

    args = commands(folder)["newsdesk"][1:]
    prof = cProfile.Profile()
    prof.enable()
    main(args)
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def run_variant(
    variant: str,
    runs_wanted: int,
    want_profile: bool,
    bytecode_cache: bool = False,
    no_bytecode: bool = False,
) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paragraphs, chars = make_corpus(folder, variant)
        cmds = commands(folder)
        env = None
        if bytecode_cache:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        elif no_bytecode:
            # A copy of Newsdesk's sources without __pycache__, first on the path, never
            # compiled to disk: its modules are compiled in every run, as in an editable install
            # under PYTHONDONTWRITEBYTECODE (the standard library and Typst keep their bytecode).
            shutil.copytree(
                REPO / "newsdesk",
                folder / "src" / "newsdesk",
                ignore=shutil.ignore_patterns("__pycache__"),
            )
            env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(folder / "src"))
            env.setdefault("NEWSDESK_FONT_DIR", str(REPO / "fonts"))
        for cmd in cmds.values():
            measure(cmd, folder, env)  # warm-up: page cache, font caches (and bytecode)
        runs: dict[str, list[dict]] = {name: [] for name in cmds}
        for _ in range(runs_wanted):
            for name, cmd in cmds.items():
                runs[name].append(measure(cmd, folder, env))
        report: dict = {"paragraphs": paragraphs, "chars": chars}
        for name, rs in runs.items():
            report[name] = {
                "median_s": round(statistics.median(r["wall"] for r in rs), 3),
                "runs_s": [round(r["wall"], 3) for r in rs],
                "peak_rss_mb": round(max(r["rss_kib"] for r in rs) / 1024, 1),
            }
        report["ratio"] = round(report["newsdesk"]["median_s"] / report["typst"]["median_s"], 2)
        for name in ("newsdesk", "typst"):
            pdf = folder / ("newsdesk.pdf" if name == "newsdesk" else "peer.pdf")
            report[name]["pdf_kb"] = round(pdf.stat().st_size / 1024)
        report["newsdesk"].update(check_output(cmds["newsdesk"], folder))
        report["newsdesk"]["compose_only_s"] = compose_only(folder)
        if want_profile:
            profile(folder)
        return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--variant", choices=[*VARIANTS, "both"], default="both")
    parser.add_argument("--scaling", action="store_true", help="also time one long paragraph")
    bytecode = parser.add_mutually_exclusive_group()
    bytecode.add_argument(
        "--bytecode-cache", action="store_true", help="let both processes keep compiled bytecode"
    )
    bytecode.add_argument(
        "--no-bytecode",
        action="store_true",
        help="compile Newsdesk's modules from source in every run (an editable install "
        "under PYTHONDONTWRITEBYTECODE)",
    )
    args = parser.parse_args()
    if not (SHARED / "corpus" / "seed-page.txt").exists():
        raise SystemExit("../shared/corpus is not present")
    report: dict = {"machine": machine()}
    if args.bytecode_cache:
        report["bytecode"] = "cached (temporary PYTHONPYCACHEPREFIX)"
    elif args.no_bytecode:
        report["bytecode"] = "Newsdesk's modules compiled from source in every run"
    else:
        # As installed: `make venv` compiles Newsdesk's modules (as pip does for a wheel);
        # brought up to date here in case the sources changed since.
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(REPO / "newsdesk")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        report["bytecode"] = "as installed: Newsdesk's modules compiled (make venv), Typst's wheel"
    for variant in VARIANTS if args.variant == "both" else (args.variant,):
        report[variant] = run_variant(
            variant, args.runs, args.profile, args.bytecode_cache, args.no_bytecode
        )
    if args.scaling:
        report["single_paragraph_s"] = scaling()
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
