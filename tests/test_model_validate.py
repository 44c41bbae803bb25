"""Out-of-range values in an edition file are refused on load with their JSON path and a Chinese
reason (they used to crash the layout or be silently accepted)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from model_helpers import editions, make_edition

from newsdesk.errors import EditionFileError
from newsdesk.model.edition_file import parse_edition_bytes
from newsdesk.model.serialize import edition_to_json_bytes
from newsdesk.model.validate import edition_problems


def _file_with(change) -> bytes:
    obj = json.loads(edition_to_json_bytes(make_edition()))
    change(obj)
    return json.dumps(obj, ensure_ascii=False).encode()


def _set(path: list, value):
    def change(obj):
        target = obj
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    "path, value, words",
    [
        (["pages", 0, "grid", "body_size"], 0.0, "pages[0].grid.body_size 必须大于 0"),
        (["pages", 0, "grid", "leading"], -1.0, "pages[0].grid.leading 必须大于 0"),
        (["pages", 0, "grid", "columns"], 0, "pages[0].grid.columns 必须大于 0"),
        (["pages", 0, "grid", "column_chars"], 0, "pages[0].grid.column_chars 必须大于 0"),
        (["pages", 1, "width"], 0.0, "pages[1].width 必须大于 0"),
        (["pages", 0, "height"], 1e9, "pages[0].height 太大了"),
        (["pages", 0, "blocks", 1, "width"], -100.0, "pages[0].blocks[1].width 不能是负数"),
        (["pages", 0, "blocks", 2, "crop"], [1.5, 0.5], "pages[0].blocks[2].crop[0] 应在 0 到 1"),
        (["styles", "body", "leading"], 0.0, "styles.body.leading 必须大于 0"),
        (["styles", "headline", "size"], 0.0, "styles.headline.size 必须大于 0"),
        (["stories", "s1", "heads", "lines"], 0, "stories.s1.heads.lines 必须大于 0"),
        (["print", "target_ppi"], 0.0, "print.target_ppi 必须大于 0"),
        (["print", "bleed"], -3.0, "print.bleed 不能是负数"),
    ],
)
def test_out_of_range_values_are_refused_with_their_path(path, value, words) -> None:
    with pytest.raises(EditionFileError, match=words.replace("[", r"\[").replace("]", r"\]")):
        parse_edition_bytes(_file_with(_set(path, value)), "坏.newsdesk")


def test_a_sound_edition_has_no_problems_and_zero_rule_height_is_fine() -> None:
    edition = make_edition()
    edition.pages[0].blocks[-1].height = 0.0  # a hairline rule
    assert edition_problems(edition) == []
    loaded, _ = parse_edition_bytes(edition_to_json_bytes(edition), "好.newsdesk")
    assert loaded == edition


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(editions, st.sampled_from(["body_size", "leading", "columns", "column_chars"]))
def test_any_edition_with_a_zero_grid_value_is_refused(edition, field) -> None:
    assume(edition.pages)
    setattr(edition.pages[-1].grid, field, 0)
    with pytest.raises(EditionFileError, match=f"grid.{field} 必须大于 0"):
        parse_edition_bytes(edition_to_json_bytes(edition), "坏.newsdesk")


@pytest.mark.parametrize(
    "path, value, words",
    [
        # Issue 10: each of these crashed, hung or ran out of memory in layout before.
        (["stories", "s1", "heads", "headline_size"], 5e-324, "headline_size 超出可用范围"),
        (["styles", "headline", "size"], 5e-324, "styles.headline.size 超出可用范围"),
        (["pages", 0, "grid", "body_size"], 1e-9, "grid.body_size 超出可用范围"),
        (["pages", 0, "grid", "leading"], 1e-9, "grid.leading 超出可用范围"),
        (["styles", "body", "leading"], 1e-9, "styles.body.leading 超出可用范围"),
        (["styles", "body", "tracking"], 1e6, "styles.body.tracking 超出可用范围"),
        (["styles", "body", "indent"], -1e6, "styles.body.indent 超出可用范围"),
        (["pages", 0, "grid", "columns"], 10**9, "grid.columns 超出可用范围"),
        (["pages", 0, "grid", "column_chars"], 10**9, "grid.column_chars 超出可用范围"),
        (["pages", 0, "grid", "margin_top"], 1e300, "grid.margin_top 超出可用范围"),
        (["pages", 0, "blocks", 0, "x"], -1e300, "blocks[0].x 超出可用范围"),
        (["pages", 0, "blocks", 0, "text_columns"], 10**6, "blocks[0].text_columns 超出可用范围"),
        (["pages", 0, "blocks", 0, "text_gutter"], 1e6, "blocks[0].text_gutter 超出可用范围"),
        (["pages", 0, "blocks", 0, "text_gutter"], -9.0, "blocks[0].text_gutter 不能是负数"),
        (["pages", 0, "blocks", 1, "scale"], 0.0, "blocks[1].scale 必须大于 0"),
        (["pages", 0, "blocks", 1, "scale"], 0.01, "blocks[1].scale 超出可用范围"),
        (["pages", 0, "blocks", 1, "scale"], 1e3, "blocks[1].scale 超出可用范围"),
        (["pages", 0, "blocks", 1, "scale"], "2", "blocks[1].scale"),
        (["stories", "s1", "heads", "fit_sizes"], [5e-324], "fit_sizes[0] 超出可用范围"),
        (["stories", "s1", "heads", "lines"], 10**9, "heads.lines 超出可用范围"),
        (["print", "target_ppi"], 1e300, "print.target_ppi 超出可用范围"),
        (["print", "bleed"], 1e6, "print.bleed 超出可用范围"),
    ],
)
def test_values_no_newspaper_can_use_are_refused_by_name(path, value, words) -> None:
    with pytest.raises(EditionFileError, match=words.replace("[", r"\[").replace("]", r"\]")):
        parse_edition_bytes(_file_with(_set(path, value)), "坏.newsdesk")


def test_a_grid_wider_than_any_page_is_refused() -> None:
    def change(obj):
        obj["pages"][0]["grid"].update(columns=60, column_chars=400, body_size=72.0)

    with pytest.raises(EditionFileError, match=r"pages\[0\]\.grid\.columns 版心太宽"):
        parse_edition_bytes(_file_with(change), "坏.newsdesk")


def test_a_story_whose_id_differs_from_its_key_is_refused() -> None:
    # The loader only warned; layout, preflight and export then failed with KeyError.
    with pytest.raises(EditionFileError, match=r"stories\.s1\.id 与稿件的键 s1 不一致"):
        parse_edition_bytes(_file_with(_set(["stories", "s1", "id"], "别的")), "坏.newsdesk")


def test_the_cli_names_an_out_of_range_value_instead_of_crashing(tmp_path, capsys) -> None:
    from newsdesk.cli import main

    path = tmp_path / "坏.newsdesk"
    path.write_bytes(_file_with(_set(["stories", "s1", "heads", "headline_size"], 5e-324)))
    for command in (["layout", str(path), "--json"], ["preflight", str(path)]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "stories.s1.heads.headline_size 超出可用范围" in err and "内部错误" not in err
