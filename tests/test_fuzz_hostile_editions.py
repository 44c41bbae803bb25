"""The sample edition, mutated as a newsroom's worst night would (issue 10): extreme numbers, long
and odd strings, broken threads, odd links (a pipe, /dev/zero, a folder, the edition itself, a
144-megapixel picture), and structural damage (keys dropped, added or of the wrong type, items
duplicated or swapped, another version). Each mutated file goes through loading, layout (with the
`layout --json` view and the audit), preflight, a proof export and `upgrade -o`, in-process,
under a time and a memory budget: only a clear NewsdeskError may come out, never an internal
error, and no case may exceed its budget.

Derandomised on CI (conftest's "ci" profile); random, and so still finding new cases, elsewhere.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import resource
import signal
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st

from newsdesk.errors import NewsdeskError
from newsdesk.export.preflight import preflight
from newsdesk.export.print_export import export_edition
from newsdesk.layout.engine import LayoutEngine
from newsdesk.layout.layout_json import edition_json
from newsdesk.model.edition_file import open_edition_file
from newsdesk.sample import write_sample

TIME_BUDGET = 20.0  # seconds a case may take (about 1.5 s on the sample; CI machines are slow)
MEMORY_BUDGET = 1024 * 1024 * 1024  # bytes a case may add to the process's peak memory
# Per test; two tests, about 15 s each on 2 cores. NEWSDESK_FUZZ_EXAMPLES=500 for a long hunt.
EXAMPLES = int(os.environ.get("NEWSDESK_FUZZ_EXAMPLES", "10"))

EXTREME_NUMBERS = [0, -1, 1e-9, 5e-324, 1e300, -1e300, 1e6, 2**53, 10**9, 0.5, 3, 100000]
CJK = "城市的早晨从菜市场开始，摊主们把新鲜的蔬菜摆上货架，顾客在讨价还价中挑选一天的食材。"
ODD_STRINGS = [
    "",
    " ",
    "\n\n\n",
    (CJK * 140)[:6000],  # a deck or headline far too long to be one
    "## " + (CJK * 50)[:2000],
    "{版次}{稿:不存在}{版数}{",
    "{{{{}}}}" * 50,
    "𠀀𪚥𫝀" * 300,  # rare characters from plane 2
    "\u200b\u200d\ufeff" * 100,  # invisible ones only
    "مرحبا בעולם " * 20,  # right-to-left scripts no font here sets
    "e\u0301" * 500,  # combining marks
    "Newsdesk" * 150,  # unbroken Latin (kept short: its speed is the composer's issue)
    "。，、" * 300,  # nothing but punctuation
    "（下转第九十九版）" * 30,
]


def _paths(value, prefix=()):
    """Every (path, value) in a JSON tree, the root excluded."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key), item
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield (*prefix, i), item
            yield from _paths(item, (*prefix, i))


def _parent(obj, path):
    for key in path[:-1]:
        obj = obj[key]
    return obj


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, dict]:
    """The bundled sample edition with its pictures, and its JSON."""
    folder = tmp_path_factory.mktemp("fuzz-sample")
    path = folder / "sample.newsdesk"
    write_sample(path)
    return path, json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="module")
def odd_links(sample) -> list[str]:
    """Links no picture, ad or profile should have; made beside the sample."""
    path, _ = sample
    folder = path.parent
    links = ["/dev/zero", "images", "../nowhere/lost.jpg", "sample.newsdesk", "", "."]
    (folder / "notes.txt").write_text("明天的选题", encoding="utf-8")
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    photo = next((folder / "images").glob("*.jpg"))
    (folder / "cut.jpg").write_bytes(photo.read_bytes()[:400])
    from test_linked_files_bounded import _png_header

    (folder / "huge.png").write_bytes(_png_header(12_000, 12_000))
    links += ["notes.txt", "empty.jpg", "garbage.pdf", "cut.jpg", "huge.png"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.jpg")
        links.append("pipe.jpg")
    return links


# --- mutations --------------------------------------------------------------------------------


def semantic(data: st.DataObject, obj: dict, links: list[str]) -> str:
    """Change values, keeping the file's shape; returns what was done (for the failure report)."""
    kind = data.draw(st.sampled_from(["number", "string", "thread", "link", "reference"]))
    if kind == "number":
        paths = [
            p for p, v in _paths(obj) if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        path = data.draw(st.sampled_from(paths))
        value = data.draw(st.sampled_from(EXTREME_NUMBERS))
    elif kind == "string":
        paths = [p for p, v in _paths(obj) if isinstance(v, str) and p[0] in ("stories", "pages")]
        path = data.draw(st.sampled_from(paths))
        value = data.draw(st.sampled_from(ODD_STRINGS))
    elif kind == "thread":
        sid = data.draw(st.sampled_from(sorted(obj["stories"])))
        thread = obj["stories"][sid]["thread"]
        blocks = [b["id"] for page in obj["pages"] for b in page["blocks"]]
        change = data.draw(st.sampled_from(["empty", "unknown", "twice", "reverse", "foreign"]))
        value = {
            "empty": [],
            "unknown": [*thread, "没有这个版块"],
            "twice": thread + thread,
            "reverse": thread[::-1],
            "foreign": [*thread, data.draw(st.sampled_from(blocks))],
        }[change]
        path = ("stories", sid, "thread")
    elif kind == "link":
        targets = [
            ("pages", i, "blocks", j, "image")
            for i, page in enumerate(obj["pages"])
            for j, block in enumerate(page["blocks"])
            if block["kind"] in ("image", "ad")
        ] + [("print", "icc_profile")]
        path = data.draw(st.sampled_from(targets))
        value = data.draw(st.sampled_from(links))
    else:
        sid = data.draw(st.sampled_from(sorted(obj["stories"])))
        story = obj["stories"][sid]
        path, value = data.draw(
            st.sampled_from(
                [
                    (("stories", sid, "id"), sid + "-别名"),
                    (("stories", sid, "paragraphs"), [{"text": CJK, "style": "没有的样式"}]),
                    (("pages", 0, "blocks", 0, "story"), sid),
                    (("pages", 0, "blocks", 0, "story"), "没有的稿件"),
                    (("stories", sid, "heads", "fit_sizes"), [5e-324, 1e300]),
                    (("stories", sid, "paragraphs"), story["paragraphs"] * 40),
                ]
            )
        )
    _parent(obj, path)[path[-1]] = value
    return f"{kind}: {'/'.join(map(str, path))} = {str(value)[:60]!r}"


def structural(data: st.DataObject, obj: dict, links: list[str]) -> str:
    """Change the file's shape: drop, add, duplicate, swap, retype; or move whole pages, blocks
    and stories about (shapes the loader accepts, so layout and export see them)."""
    kind = data.draw(
        st.sampled_from(
            ["drop", "add", "duplicate", "swap", "retype", "version"]
            + ["pages", "move_block", "drop_block", "drop_story", "copy_page", "no_pages"]
        )
    )
    pages = obj["pages"] if isinstance(obj.get("pages"), list) else []
    if not pages and kind in ("pages", "move_block", "drop_block", "copy_page"):
        return "no pages to change"
    if not isinstance(obj.get("stories"), dict) or not obj["stories"]:
        kind = "version" if kind == "drop_story" else kind
    if kind == "pages":
        order = data.draw(st.permutations(range(len(pages))))
        obj["pages"] = [pages[i] for i in order]
        return f"pages in order {order}"
    if kind in ("move_block", "drop_block"):
        i = data.draw(st.integers(0, len(pages) - 1))
        j = data.draw(st.integers(0, max(0, len(pages[i]["blocks"]) - 1)))
        if not pages[i]["blocks"]:
            return "no block to move"
        block = pages[i]["blocks"].pop(j)
        if kind == "move_block":
            to = data.draw(st.integers(0, len(pages) - 1))
            pages[to]["blocks"].append(block)
            return f"block {block['id']} to page {to}"
        return f"block {block['id']} dropped"
    if kind == "drop_story":
        sid = data.draw(st.sampled_from(sorted(obj["stories"])))
        del obj["stories"][sid]
        return f"story {sid} dropped"
    if kind == "copy_page":
        i = data.draw(st.integers(0, len(pages) - 1))
        pages.insert(i, copy.deepcopy(pages[i]))  # every block id twice
        return f"page {i} twice"
    if kind == "no_pages":
        obj["pages"] = []
        return "no pages"
    paths = [p for p, _ in _paths(obj)]
    if kind == "version" or not paths:
        key = data.draw(st.sampled_from(["version", "format"]))
        value = data.draw(st.sampled_from([0, 2, "1", None, -1, 10**30, "newsdesk-edition"]))
        obj[key] = value
        return f"{key} = {value!r}"
    path = data.draw(st.sampled_from(paths))
    parent = _parent(obj, path)
    if kind == "drop":
        del parent[path[-1]]
    elif kind == "add":
        target = parent[path[-1]]
        if isinstance(target, dict):
            target["rotation"] = 90
        elif isinstance(target, list):
            target.append(copy.deepcopy(target[-1]) if target else None)
        else:
            parent[path[-1]] = [target, target]
    elif kind == "duplicate":
        if isinstance(parent, list):
            parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
        else:
            parent[path[-1] + "_copy"] = copy.deepcopy(parent[path[-1]])
    elif kind == "swap":
        if isinstance(parent, list) and len(parent) > 1:
            i = path[-1]
            j = data.draw(st.integers(min_value=0, max_value=len(parent) - 1))
            parent[i], parent[j] = parent[j], parent[i]
        elif isinstance(parent, dict):
            keys = list(parent)
            other = data.draw(st.sampled_from(keys))
            parent[path[-1]], parent[other] = parent[other], parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(st.sampled_from([None, [], {}, "x", 1, True, -1.5, [[]]]))
    return f"{kind}: {'/'.join(map(str, path))}"


# --- the budget -------------------------------------------------------------------------------


class OverBudget(BaseException):
    """A case ran longer than TIME_BUDGET (raised by the interval timer)."""


@contextlib.contextmanager
def budget(seconds: float, memory: int):
    """Run the body under a time limit (an interval timer) and a cap on address space; then
    check the process's peak memory grew by no more than `memory`."""
    main_thread = threading.current_thread() is threading.main_thread()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def expired(_signum, _frame):
        raise OverBudget(f"more than {seconds:g} s")

    old_limit = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") if os.path.exists("/proc/self/statm") else io.StringIO() as f:
        pages = f.read().split()
    in_use = int(pages[0]) * os.sysconf("SC_PAGE_SIZE") if pages else 0
    if in_use:  # a runaway allocation fails here instead of taking the machine down
        cap = in_use + 2 * memory
        if old_limit[1] == resource.RLIM_INFINITY or cap < old_limit[1]:
            resource.setrlimit(resource.RLIMIT_AS, (cap, old_limit[1]))
    if main_thread:
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        if main_thread:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, old_limit)
    took = time.monotonic() - started
    assert took < seconds, f"over the time budget: {took:.1f} s"
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - peak_before
    assert grew < memory, f"over the memory budget: peak grew by {grew / 2**20:.0f} MB"


def run_everything(path: Path, out: Path) -> list[str]:
    """Load, lay out (with the JSON view and the audit), preflight, export a proof of page 1 and
    upgrade to another file; a NewsdeskError at any step is a clear refusal and ends the case.
    Returns the steps that completed."""
    from newsdesk.cli import main

    done: list[str] = []
    try:
        loaded = open_edition_file(path)
        done.append("load")
        edition = loaded.edition
        engine = LayoutEngine(edition, base_dir=path.parent)
        pages = engine.layout()
        json.dumps(edition_json(engine, pages, loaded.warnings), ensure_ascii=False)
        done.append("layout")
        preflight(edition, base_dir=path.parent, engine=engine, pages=pages)
        done.append("preflight")
        if pages:
            export_edition(
                edition,
                base_dir=path.parent,
                preset="proof",
                output=out / "proof.pdf",
                pages=[pages[0].number],
                engine=engine,
                edition_path=path,
            )
            done.append("export")
    except NewsdeskError:
        pass
    # `upgrade -o` through the command line: NEWSDESK_DEBUG makes an internal error raise here.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(["upgrade", str(path), "-o", str(out / "upgraded.newsdesk"), "--force"])
    assert code in (0, 1)
    done.append(f"upgrade={code}")
    return done


def _case(sample, tmp_path_factory, monkeypatch, data, mutate, odd_links) -> None:
    path, original = sample
    obj = copy.deepcopy(original)
    changes = [mutate(data, obj, odd_links) for _ in range(data.draw(st.integers(1, 3)))]
    note(f"mutations: {changes}")
    case = path.parent / "case.newsdesk"
    case.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    monkeypatch.setenv("NEWSDESK_DEBUG", "1")
    with budget(TIME_BUDGET, MEMORY_BUDGET):
        done = run_everything(case, out)
    # Nothing outside the output folder was written: the edition and its links are untouched.
    assert json.loads(path.read_text("utf-8")) == original, changes
    assert done, changes
    event("reached " + " → ".join(step for step in done if not step.startswith("upgrade")))


fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # No "explain" phase: it traces every line, which makes a case many times slower.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@fuzz_settings
@given(data=st.data())
def test_semantic_mutations_are_refused_or_handled(
    sample, odd_links, tmp_path_factory, monkeypatch, data
):
    _case(sample, tmp_path_factory, monkeypatch, data, semantic, odd_links)


@fuzz_settings
@given(data=st.data())
def test_structural_mutations_are_refused_or_handled(
    sample, odd_links, tmp_path_factory, monkeypatch, data
):
    _case(sample, tmp_path_factory, monkeypatch, data, structural, odd_links)
