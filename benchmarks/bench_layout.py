"""Layout engine benchmarks: the whole sample edition, and re-layout after a one-character edit.

    .venv/bin/python benchmarks/bench_layout.py [--runs N]

Figures are medians of N runs (default 15) in milliseconds. Targets (issue 4): one-character
re-layout of a 3,000-character story < 16 ms; full 4-page edition < 300 ms.
The one-character edit uses text from ../shared/corpus/seed-page.txt when present (benchmark input
only), else the sample edition's own longest story.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path

from newsdesk.fonts import default_registry
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Block, Edition, Page, Paragraph, Story

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "seed-page.txt"


def ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.2f} ms (min {min(samples) * 1000:.2f})"


def corpus_paragraphs(chars: int) -> list[Paragraph]:
    if CORPUS.exists():
        lines = [ln.strip() for ln in CORPUS.read_text(encoding="utf-8").splitlines()]
        source = [ln for ln in lines if len(ln) > 40]
    else:
        from newsdesk.sample import build_sample_edition

        ed = build_sample_edition()
        story = max(ed.stories.values(), key=lambda s: len(s.body_text()))
        source = [p.text for p in story.paragraphs if len(p.text) > 40]
    out: list[Paragraph] = []
    total = 0
    while total < chars:
        for text in source:
            text = text[: chars - total]
            out.append(Paragraph(text))
            total += len(text)
            if total >= chars:
                break
    return out


def long_story_edition(chars: int) -> Edition:
    """A 3,000-character story over 4 columns on page 1, continued in 3 columns on page 2."""
    ed = Edition(pages=[Page("p1"), Page("p2")])
    ed.stories["long"] = Story(
        "long",
        headline="长稿基准",
        byline="本报讯",
        paragraphs=corpus_paragraphs(chars),
        thread=["a", "b"],
    )
    for page, block_id, span, lines in ((ed.pages[0], "a", 4, 40), (ed.pages[1], "b", 3, 60)):
        x, y, w, h = page.grid.block_rect(page.width, 0, span, 0, lines)
        page.blocks.append(Block(block_id, "story", x, y, w, h, story="long"))
    return ed


def bench_edit(registry, runs: int, chars: int = 3000) -> dict[str, list[float]]:
    ed = long_story_edition(chars)
    engine = LayoutEngine(ed, registry=registry)
    engine.layout()
    paras = ed.stories["long"].paragraphs
    mid = len(paras) // 2
    results: dict[str, list[float]] = {"replace": [], "insert": [], "shift": [], "full": []}
    original = paras[mid].text
    for i in range(runs):
        # Replace one character in the middle paragraph (line breaks mostly unchanged).
        paras[mid].text = original[:10] + ("改" if i % 2 else "变") + original[11:]
        t = time.perf_counter()
        engine.layout()
        results["replace"].append(time.perf_counter() - t)
    for i in range(runs):
        # Insert or delete one character: may add or drop a line, moving everything after it.
        paras[mid].text = original[:10] + ("增" if i % 2 == 0 else "") + original[10:]
        t = time.perf_counter()
        engine.layout()
        results["insert"].append(time.perf_counter() - t)
    paras[mid].text = original
    first = paras[0].text
    for i in range(runs):
        # Worst case: a whole line's worth added at the top moves every later line.
        paras[0].text = ("增" * 26 if i % 2 == 0 else "") + first
        t = time.perf_counter()
        engine.layout()
        results["shift"].append(time.perf_counter() - t)
    paras[0].text = first
    for _ in range(runs):
        t = time.perf_counter()
        LayoutEngine(ed, registry=registry).layout()
        results["full"].append(time.perf_counter() - t)
    return results


def sample_edition(folder: Path) -> tuple[Edition, Path]:
    """The sample edition written to `folder` with its pictures, and loaded back."""
    from newsdesk.model.edition_file import load_edition
    from newsdesk.sample.builder import write_sample

    path = write_sample(folder / "sample.newsdesk", force=True)
    return load_edition(path), path.parent


def bench_sample(registry, runs: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        ed, base = sample_edition(Path(folder))
        return _bench_sample(ed, base, registry, runs)


def _bench_sample(ed: Edition, base: Path, registry, runs: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"full": [], "again": [], "edit": []}
    for _ in range(runs):
        engine = LayoutEngine(ed, registry=registry, base_dir=base)
        t = time.perf_counter()
        engine.layout()
        out["full"].append(time.perf_counter() - t)
        t = time.perf_counter()
        engine.layout()
        out["again"].append(time.perf_counter() - t)
    story = max(ed.stories.values(), key=lambda s: len(s.body_text()))
    para = max(story.paragraphs, key=lambda p: len(p.text))
    original = para.text
    for i in range(runs):
        para.text = original[:5] + ("改" if i % 2 else "变") + original[6:]
        t = time.perf_counter()
        engine.layout()
        out["edit"].append(time.perf_counter() - t)
    out["keystroke"] = []
    for i in range(runs):
        # What the editor does per keystroke: re-lay, then refresh the copyfit badges and audit.
        para.text = original[:5] + ("改" if i % 2 else "变") + original[6:]
        t = time.perf_counter()
        engine.layout()
        engine.copyfit()
        engine.audit()
        out["keystroke"].append(time.perf_counter() - t)
    para.text = original
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}"
    )
    t = time.perf_counter()
    registry = default_registry()
    print(f"font registry load (once per process): {(time.perf_counter() - t) * 1000:.1f} ms")
    t = time.perf_counter()
    LayoutEngine(long_story_edition(3000), registry=registry).layout()
    print(
        f"first layout in the process (3,000 chars, cold font metrics): {(time.perf_counter() - t) * 1000:.1f} ms"
    )
    edit = bench_edit(registry, args.runs)
    print(f"3,000-char story, one character replaced, re-layout: {ms(edit['replace'])}")
    print(f"3,000-char story, one character inserted/deleted, re-layout: {ms(edit['insert'])}")
    print(
        f"3,000-char story, two lines added at the top (all later lines move): {ms(edit['shift'])}"
    )
    print(f"3,000-char story, fresh engine, full layout: {ms(edit['full'])}")
    try:
        sample = bench_sample(registry, args.runs)
    except ImportError:
        print("sample edition: not available yet (newsdesk.sample.build_sample_edition)")
        return 0
    print(f"sample edition, fresh engine, full layout: {ms(sample['full'])}")
    print(f"sample edition, unchanged re-layout: {ms(sample['again'])}")
    print(f"sample edition, one character edited in its longest story: {ms(sample['edit'])}")
    print(f"sample edition, same edit + copyfit() + audit(): {ms(sample['keystroke'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
