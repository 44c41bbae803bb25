"""Export benchmarks: the 4-page sample edition to print PDFs, and the painter on a long galley.

    .venv/bin/python benchmarks/bench_export.py [--runs N]

Figures are medians of N runs (default 5), wall-clock and process CPU time, in a warm process
(fonts registered with reportlab once, as in the application). Target (issue 5): exporting the
sample edition, 4 broadsheet pages, under 2 s. The galley case paints ../shared/corpus/seed-page.txt
repeated 10 times (about 42,000 characters; benchmark input only) when the corpus is present.
The first export in a process (imports, font registration, caches) is reported separately.
"""

from __future__ import annotations

import argparse
import functools
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "seed-page.txt"
ICC = Path("/usr/share/texlive/texmf-dist/tex/generic/colorprofiles/FOGRA39L_coated.icc")


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds."""
    wall, cpu = [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


def fmt(pair: tuple[float, float]) -> str:
    return f"{pair[0] * 1000:7.0f} ms wall  {pair[1] * 1000:7.0f} ms cpu"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from newsdesk.export.print_export import export_edition
    from newsdesk.layout.engine import LayoutEngine
    from newsdesk.model.edition_file import load_edition
    from newsdesk.sample import write_sample

    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, runs: {args.runs}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        folder = Path(tmp)
        source = write_sample(folder / "sample.newsdesk")
        edition = load_edition(source)

        def export(preset: str, **target) -> None:
            # A fresh engine each time: layout, preflight, paint, PDF/X finish, files.
            engine = LayoutEngine(edition, base_dir=folder)
            export_edition(
                edition, base_dir=folder, preset=preset, engine=engine, force=True, **target
            )

        first = timed(lambda: export("newspaper", output=folder / "first.pdf"), 1)
        print(f"first export in the process                    {fmt(first)}")
        cases = [
            ("sample edition, newspaper (X-1a), one file (-o)", "newspaper", "output", "a.pdf"),
            ("sample edition, newspaper, one file per page", "newspaper", "outdir", "pages"),
            ("sample edition, proof preset, one file", "proof", "output", "p.pdf"),
        ]
        for label, preset, kind, name in cases:
            target = {kind: folder / name}
            figure = timed(functools.partial(export, preset, **target), args.runs)
            print(f"{label:<47}{fmt(figure)}")

        if ICC.is_file():
            # The same export with a CMYK output profile: photos separated by LittleCMS.
            edition.print.icc_profile = str(ICC)
            figure = timed(lambda: export("newspaper", output=folder / "icc.pdf"), args.runs)
            edition.print.icc_profile = ""
            print(f"{'sample edition, newspaper, ICC profile (FOGRA39)':<47}{fmt(figure)}")

        engine = LayoutEngine(edition, base_dir=folder)
        pages = engine.layout()
        from newsdesk.render.pdf import write_pdf

        paint = timed(lambda: write_pdf(pages, folder / "paint.pdf", engine.registry), args.runs)
        print(f"{'sample edition, painter only (write_pdf)':<47}{fmt(paint)}")

        if CORPUS.exists():
            from newsdesk.compose.galley import GalleySpec, build_galley
            from newsdesk.compose.setter import TextSetter
            from newsdesk.model.copy_import import parse_copy

            lines = [ln.strip() for ln in CORPUS.read_text(encoding="utf-8").splitlines()]
            text = "\n\n".join([ln for ln in lines if ln] * 10)
            story = parse_copy(text, story_id="")
            galley = build_galley(TextSetter(engine.registry), story, GalleySpec())
            chars = sum(len(p.text) for p in story.paragraphs)
            figure = timed(
                lambda: write_pdf(galley.pages, folder / "galley.pdf", engine.registry),
                args.runs,
            )
            label = f"galley painter, {chars:,} chars, {len(galley.pages)} pages"
            print(f"{label:<47}{fmt(figure)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
