"""Per-page file names, the export progress bar and page lists."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from newsdesk.errors import NewsdeskError
from newsdesk.export.naming import DEFAULT_PATTERN, check_pattern, page_filename, unique_names
from newsdesk.export.print_export import parse_page_list
from newsdesk.export.progress import ProgressBar
from newsdesk.model.edition import Edition, Page


def edition() -> Edition:
    return Edition(
        paper="测试日报",
        date=dt.date(2026, 3, 5),
        number=88,
        pages=[Page("p1", label="A1", section="要闻"), Page("p2", label="A2", section="城市/社区")],
    )


def test_default_pattern() -> None:
    ed = edition()
    names = [page_filename(DEFAULT_PATTERN, ed, n, "A1", "newspaper") for n in (1, 2)]
    assert names == ["测试日报-20260305-01.pdf", "测试日报-20260305-02.pdf"]


def test_other_fields_and_unsafe_characters() -> None:
    name = page_filename("{number}_{label}_{section}_{preset}", edition(), 2, "A2", "x4")
    assert name == "88_A2_城市_社区_x4.pdf"  # "/" would make a folder: replaced


@pytest.mark.parametrize(
    "pattern, words",
    [
        ("{paper}-{pg}.pdf", "不认识"),
        ("{paper}.pdf", "互相覆盖"),
        ("{paper-{page}.pdf", "写法有误"),
    ],
)
def test_bad_patterns_get_clear_errors(pattern: str, words: str) -> None:
    with pytest.raises(NewsdeskError, match=words):
        check_pattern(pattern)


def test_colliding_names_are_refused() -> None:
    unique_names(["a-01.pdf", "a-02.pdf"])
    with pytest.raises(NewsdeskError, match="同一个文件名"):
        unique_names(["A-01.pdf", "a-01.pdf"])


def test_page_lists() -> None:
    assert parse_page_list("1,3-4") == [1, 3, 4]
    assert parse_page_list("2，5") == [2, 5]
    for bad in ("x", "4-2", ","):
        with pytest.raises(NewsdeskError):
            parse_page_list(bad)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_terminals_only() -> None:
    tty, pipe = FakeTerminal(), io.StringIO()
    for stream in (tty, pipe):
        bar = ProgressBar("导出", stream=stream, width=10)
        for done in range(1, 5):
            bar(done, 4)
    assert pipe.getvalue() == ""
    frames = tty.getvalue().split("\r")[1:]
    assert len(frames) == 4 and frames[-1].endswith("4/4\n")
    assert "█" * 10 in frames[-1] and "█" * 5 + "·" * 5 in frames[1]


def test_an_edition_without_pages_is_not_exported(tmp_path) -> None:
    from newsdesk.export.print_export import export_edition

    with pytest.raises(NewsdeskError, match="没有任何版"):
        export_edition(Edition(), base_dir=tmp_path, output=tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()
