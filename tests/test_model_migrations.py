"""Migration of the pre-release version-0 file shape to the current version."""

from __future__ import annotations

import copy
import json

import pytest
from model_helpers import V0

from newsdesk.errors import EditionFileError
from newsdesk.model.edition import Grid, Page
from newsdesk.model.edition_file import load_edition, open_edition_file, save_edition
from newsdesk.model.migrations import CURRENT_VERSION, MIGRATIONS
from newsdesk.model.serialize import edition_to_json_bytes


def write(tmp_path, obj, name="old.newsdesk"):
    path = tmp_path / name
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def test_every_old_version_has_a_migration():
    assert sorted(MIGRATIONS) == list(range(CURRENT_VERSION))


def test_v0_file_loads_as_current_edition(tmp_path):
    loaded = open_edition_file(write(tmp_path, V0))
    assert loaded.version == 0 and loaded.migrated
    edition = loaded.edition
    assert (edition.paper, edition.number, edition.date.isoformat()) == (
        "旧版晚报",
        7,
        "2025-12-31",
    )
    # Stories moved from the page to the edition, bodies became body paragraphs.
    assert list(edition.stories) == ["s1", "s2"]
    assert [p.text for p in edition.stories["s1"].paragraphs] == ["第一段", "第二段"]
    assert {p.style for p in edition.stories["s1"].paragraphs} == {"body"}
    # Threads: a story's story blocks in page order.
    assert edition.stories["s1"].thread == ["a", "c"]
    assert edition.stories["s2"].thread == ["b"]
    # Grid cells became points on the page's own grid.
    grid = Grid(margin_top=60)
    page1 = edition.pages[0]
    block = page1.blocks[1]
    assert (block.x, block.y, block.width, block.height) == grid.block_rect(
        page1.width, 4, 4, 6, 20
    )
    assert block.image == "p.jpg"
    page2 = edition.pages[1]
    c = page2.blocks[0]
    assert page2.width == 800.0 and page2.height == Page("x").height
    assert (c.x, c.y, c.width, c.height) == Grid().block_rect(800, 1, 3, 0, 10)
    # 字号 names became points.
    assert edition.styles["body"].size == 9.0
    assert edition.styles["headline"].size == 26.0
    assert "p.jpg" in loaded.warnings[0]


def test_v0_migration_is_saved_as_current_and_then_stable(tmp_path):
    path = write(tmp_path, V0)
    edition = load_edition(path)
    save_edition(edition, path)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == CURRENT_VERSION
    assert path.with_name("old.newsdesk.bak").read_text(encoding="utf-8") == json.dumps(
        V0, ensure_ascii=False
    )
    again = open_edition_file(path)
    assert not again.migrated and again.edition == edition
    assert edition_to_json_bytes(again.edition) == path.read_bytes()


def test_migration_does_not_change_the_input_object():
    obj = copy.deepcopy(V0)
    MIGRATIONS[0](obj)
    assert obj == V0


def _broken(change) -> dict:
    obj = copy.deepcopy(V0)
    change(obj)
    return obj


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda o: o["pages"][0]["blocks"][1].pop("span"),
            "pages[0].blocks[1].span：缺少必需的字段",
        ),
        (lambda o: o["pages"][1]["blocks"][0].update(col="2"), "pages[1].blocks[0].col：类型不对"),
        (lambda o: o["pages"][0]["stories"][1].update(id="s1"), "稿件 id s1 重复"),
        (
            lambda o: o["pages"][0]["stories"][0]["body"].append(3),
            "pages[0].stories[0].body[2]：应为字符串",
        ),
        (lambda o: o["styles"]["body"].update(size="特大号"), "styles.body.size：无法识别的字号"),
        (lambda o: o["pages"][0].update(grid={"columns": True}), "pages[0].grid.columns：类型不对"),
        (lambda o: o.update(pages="p1"), "pages：类型不对"),
    ],
)
def test_broken_v0_files_are_refused_with_version_and_path(tmp_path, change, expected):
    path = write(tmp_path, _broken(change))
    before = path.read_bytes()
    with pytest.raises(EditionFileError) as info:
        load_edition(path)
    message = str(info.value)
    assert str(path) in message and "无法从格式版本 0 升级" in message and expected in message
    assert path.read_bytes() == before


def test_v0_content_errors_after_migration_are_reported_by_the_typed_loader(tmp_path):
    obj = _broken(lambda o: o["pages"][0]["blocks"][0].update(kind="poster"))
    with pytest.raises(EditionFileError, match="pages\\[0\\].blocks\\[0\\].kind"):
        load_edition(write(tmp_path, obj))
