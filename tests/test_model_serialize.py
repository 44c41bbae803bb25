"""Edition <-> JSON: canonical bytes, exact round trips, and clear errors for bad values."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from model_helpers import make_edition

from newsdesk.errors import EditionFileError
from newsdesk.model.edition import Block, Edition, Page
from newsdesk.model.edition_file import parse_edition_bytes
from newsdesk.model.migrations import CURRENT_VERSION, FORMAT_NAME
from newsdesk.model.serialize import (
    canonical_json,
    edition_from_json,
    edition_to_json_bytes,
    edition_to_json_obj,
)

SOURCE = "/某处/今日版面.newsdesk"


def load_obj(obj) -> Edition:
    return edition_from_json(obj, source=SOURCE)


def error_for(obj) -> str:
    with pytest.raises(EditionFileError) as info:
        load_obj(obj)
    message = str(info.value)
    assert SOURCE in message
    return message


def test_round_trip_keeps_every_value_and_type():
    edition = make_edition()
    loaded, version = parse_edition_bytes(edition_to_json_bytes(edition), SOURCE)
    assert version == CURRENT_VERSION
    assert loaded == edition
    assert isinstance(loaded.date, dt.date)
    assert isinstance(loaded.stories["s1"].heads.fit_sizes, tuple)
    _, image = loaded.find_block("i1")
    assert isinstance(image.crop, tuple) and image.crop == (0.25, 0.75)
    _, box = loaded.find_block("x1")
    assert isinstance(box.fill, tuple) and isinstance(box.color, tuple)
    assert list(loaded.stories) == list(edition.stories)
    assert list(loaded.styles) == list(edition.styles)


def test_bytes_are_canonical_and_readable():
    edition = make_edition()
    data = edition_to_json_bytes(edition)
    text = data.decode("utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.startswith('{\n  "format": "newsdesk-edition",\n  "version": 1,\n')
    assert "主题第一行" in text  # not \u-escaped
    assert '"crop": [0.25, 0.75]' in text  # short number lists on one line
    loaded, _ = parse_edition_bytes(data)
    assert edition_to_json_bytes(loaded) == data


def test_integer_in_float_field_is_written_as_float():
    edition = Edition(date=dt.date(2026, 1, 2))
    edition.pages = [Page("p", width=800, height=1000)]
    edition.pages[0].blocks = [Block("b", "box", 10, 20, 30, 40)]
    data = edition_to_json_bytes(edition)
    assert b'"x": 10.0' in data and b'"width": 800.0' in data
    loaded, _ = parse_edition_bytes(data)
    assert loaded == edition
    assert edition_to_json_bytes(loaded) == data


def test_floats_round_trip_exactly():
    edition = Edition(date=dt.date(2026, 1, 2))
    # Within the lengths an edition may hold (newsdesk.model.validate.RANGES).
    values = [0.1 + 0.2, 1 / 3, 1e-300, 5e-324, 14399.999999999998, -0.0, 1234.56789012345678]
    edition.pages = [
        Page("p", blocks=[Block(str(i), "box", v, v, v, v) for i, v in enumerate(values)])
    ]
    loaded, _ = parse_edition_bytes(edition_to_json_bytes(edition))
    assert [b.x for b in loaded.pages[0].blocks] == values
    # The writer itself keeps every double exactly, the extremes included.
    extremes = [1.7976931348623157e308, 5e-324, -0.0, 123456789.123456789]
    assert json.loads(canonical_json(extremes)) == extremes


def test_nan_cannot_be_saved():
    edition = make_edition()
    edition.pages[0].blocks[0].x = float("nan")
    with pytest.raises(EditionFileError, match="NaN"):
        edition_to_json_bytes(edition, "x.newsdesk")


def test_minimal_file_uses_defaults():
    edition = load_obj({"format": FORMAT_NAME, "version": 1, "date": "2026-05-04"})
    assert edition == Edition(date=dt.date(2026, 5, 4))


def _good_obj() -> dict:
    return json.loads(edition_to_json_bytes(make_edition()))


def _set(obj: dict, path: list, value) -> dict:
    obj = copy.deepcopy(obj)
    target = obj
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return obj


@pytest.mark.parametrize(
    "path, value, expected",
    [
        (["pages", 0, "blocks", 1, "x"], "53pt", "pages[0].blocks[1].x：应为数字"),
        (["pages", 1, "grid", "columns"], 8.5, "pages[1].grid.columns：应为整数"),
        (["number"], True, "number：应为整数，实际为布尔值"),
        (
            ["pages", 0, "blocks", 0, "kind"],
            "poster",
            'pages[0].blocks[0].kind：取值 字符串 "poster" 无效',
        ),
        (["stories", "s1", "paragraphs", 0, "spans", 0, "kind"], 3, "spans[0].kind"),
        (["pages", 0, "blocks", 2, "crop"], [0.5], "crop：应为 2 个元素的数组"),
        (["pages", 0, "blocks", 0, "color"], None, "color：应为数组，实际为空值 null"),
        (["pages", 0, "blocks", 0, "fill"], "red", "fill：应为数组"),
        (["date"], "2026-02-30", "date：不存在的日期"),
        (["date"], "14.3.2026", "date：日期格式应为 YYYY-MM-DD"),
        (["pages"], {"p1": {}}, "pages：应为数组，实际为对象"),
        (["stories", "s1", "headline"], ["主题"], "stories.s1.headline：应为字符串"),
        (["styles", "body", "size"], "小五", "styles.body.size：应为数字"),
        (["stories", "s1", "heads", "fit_sizes"], [26, "24"], "fit_sizes[1]：应为数字"),
    ],
)
def test_wrong_value_types_name_the_path(path, value, expected):
    assert expected in error_for(_set(_good_obj(), path, value))


def test_missing_required_field_names_its_path():
    obj = _good_obj()
    del obj["stories"]["s1"]["paragraphs"][1]["text"]
    assert "stories.s1.paragraphs[1].text：缺少必需的字段" in error_for(obj)
    obj = _good_obj()
    del obj["pages"][1]["blocks"][0]["kind"]
    assert "pages[1].blocks[0].kind：缺少必需的字段" in error_for(obj)


def test_unknown_field_is_refused_not_dropped():
    message = error_for(_set(_good_obj(), ["pages", 0, "blocks", 0, "rotation"], 90))
    assert "pages[0].blocks[0].rotation：未知的字段" in message


def test_story_key_that_is_not_an_identifier_is_quoted_in_the_path():
    obj = _good_obj()
    obj["stories"]["稿 1"] = obj["stories"].pop("s1")
    obj["stories"]["稿 1"]["byline"] = 5
    assert 'stories["稿 1"].byline：应为字符串' in error_for(obj)


def test_lone_surrogate_escape_is_refused():
    data = edition_to_json_bytes(make_edition()).replace("副题".encode(), b"\\ud800")
    with pytest.raises(EditionFileError, match="stories.s1.deck：包含无效的 Unicode"):
        parse_edition_bytes(data, SOURCE)


@pytest.mark.parametrize(
    "obj, expected",
    [
        ([1, 2], "不是 Newsdesk 版面文件（内容不是 JSON 对象）"),
        ("newsdesk", "不是 Newsdesk 版面文件"),
        ({"version": 1}, "不是 Newsdesk 版面文件（缺少 format 字段）"),
        ({"format": "indesign", "version": 1}, 'format 为 "indesign"'),
        ({"format": FORMAT_NAME}, "缺少格式版本号"),
        ({"format": FORMAT_NAME, "version": "1"}, "version 应为整数"),
        ({"format": FORMAT_NAME, "version": 1.0}, "version 应为整数"),
        ({"format": FORMAT_NAME, "version": -1}, "格式版本号 -1 无效"),
        ({"format": FORMAT_NAME, "version": 99}, "由更新版本的 Newsdesk 创建（文件格式版本 99"),
    ],
)
def test_header_problems(obj, expected):
    assert expected in error_for(obj)


def test_json_object_key_order_is_field_order():
    obj = edition_to_json_obj(make_edition())
    assert list(obj)[:5] == ["format", "version", "paper", "date", "number"]
    assert list(obj["pages"][0]["blocks"][0])[:6] == ["id", "kind", "x", "y", "width", "height"]


def test_files_written_before_picture_scale_and_block_gutters_load_with_the_defaults():
    """Block.scale and Block.text_gutter came later: a file without them means 1.0 and the
    grid's gutter, and saving such an edition writes them back out."""
    obj = json.loads(edition_to_json_bytes(make_edition()))
    for page in obj["pages"]:
        for block in page["blocks"]:
            block.pop("scale")
            block.pop("text_gutter")
    edition, _version = parse_edition_bytes(json.dumps(obj, ensure_ascii=False).encode(), "旧")
    blocks = [b for p in edition.pages for b in p.blocks]
    assert all(b.scale == 1.0 and b.text_gutter is None for b in blocks)
    again = json.loads(edition_to_json_bytes(edition))
    assert all("scale" in b and "text_gutter" in b for p in again["pages"] for b in p["blocks"])
