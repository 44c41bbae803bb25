"""Edition file versions: header checks and the migrations from older versions to the current one.

Every file starts with {"format": "newsdesk-edition", "version": N}. Version 1 is current.
Version 0 is the pre-release draft shape (see docs/edition-format.md, "Version 0"):

- stories lived under the page they started on, as `pages[i].stories` (a list), and a story's body
  was a list of plain strings, all in the body style;
- blocks were placed in grid units `col`, `span`, `top_line`, `lines` instead of points;
- a story's thread was implicit: its story blocks in page order;
- a paragraph style's `size` could be a 字号 name such as "小五".

A migration takes the raw JSON object of version N and returns the object of version N + 1. They
work on plain JSON so that the typed loader (serialize.py) only ever sees the current shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from newsdesk.errors import EditionFileError
from newsdesk.model.edition import Grid, Page
from newsdesk.model.units import UnitError, parse_size

FORMAT_NAME = "newsdesk-edition"
CURRENT_VERSION = 1
OLDEST_VERSION = 0


class MigrationProblem(ValueError):
    """Old-format content that cannot be migrated; the message is Chinese and names the path."""


def problem_prefix(source: str) -> str:
    """The start of every load error: names the file the user opened."""
    return f"无法打开版面文件 {source}：" if source else "无法读取版面数据："


def file_version(obj: Any, source: str = "") -> int:
    """The format version of a parsed file, after checking that it is an edition file at all."""
    prefix = problem_prefix(source)
    if not isinstance(obj, dict):
        raise EditionFileError(f"{prefix}不是 Newsdesk 版面文件（内容不是 JSON 对象）")
    fmt = obj.get("format")
    if fmt != FORMAT_NAME:
        shown = (
            "缺少 format 字段"
            if fmt is None
            else f"format 为 {json.dumps(fmt, ensure_ascii=False)}"
        )
        raise EditionFileError(f"{prefix}不是 Newsdesk 版面文件（{shown}）")
    version = obj.get("version")
    if version is None:
        raise EditionFileError(f"{prefix}缺少格式版本号（version 字段）")
    if isinstance(version, bool) or not isinstance(version, int):
        raise EditionFileError(
            f"{prefix}格式版本号 version 应为整数，实际为 {json.dumps(version, ensure_ascii=False)}"
        )
    if version > CURRENT_VERSION:
        raise EditionFileError(
            f"{prefix}此文件由更新版本的 Newsdesk 创建（文件格式版本 {version}，"
            f"本程序最高支持版本 {CURRENT_VERSION}），请升级 Newsdesk 后再打开"
        )
    if version < OLDEST_VERSION:
        raise EditionFileError(f"{prefix}格式版本号 {version} 无效")
    return version


def migrate_to_current(obj: Any, source: str = "") -> dict[str, Any]:
    """Check the header and run every migration from the file's version to CURRENT_VERSION."""
    version = file_version(obj, source)
    while version < CURRENT_VERSION:
        try:
            obj = MIGRATIONS[version](obj)
        except MigrationProblem as exc:
            raise EditionFileError(
                f"{problem_prefix(source)}无法从格式版本 {version} 升级：{exc}"
            ) from None
        version += 1
        obj["version"] = version
    return obj


# --- version 0 -> 1 ----------------------------------------------------------------------------


def _get(obj: dict, key: str, kind: type | tuple[type, ...], path: str, default: Any = None):
    """obj[key] checked against kind; default when absent (None default = required)."""
    if key not in obj:
        if default is None:
            raise MigrationProblem(f"{path}.{key}：缺少必需的字段")
        return default
    value = obj[key]
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise MigrationProblem(f"{path}.{key}：类型不对（{value!r}）")
    if not isinstance(value, kind):
        raise MigrationProblem(f"{path}.{key}：类型不对（{json.dumps(value, ensure_ascii=False)}）")
    return value


def _grid_v0(page: dict, path: str) -> Grid:
    """The page grid of a version-0 page: the numbers block geometry is computed from."""
    raw = _get(page, "grid", dict, path, {})
    number = (int, float)
    grid = Grid()
    for key in ("column_chars", "gutter_chars", "body_size", "leading", "margin_top"):
        setattr(grid, key, _get(raw, key, number, f"{path}.grid", getattr(grid, key)))
    grid.columns = _get(raw, "columns", int, f"{path}.grid", grid.columns)
    if raw.get("margin_left") is not None:
        grid.margin_left = _get(raw, "margin_left", number, f"{path}.grid")
    return grid


def _block_v0(block: Any, grid: Grid, page_width: float, path: str) -> dict:
    if not isinstance(block, dict):
        raise MigrationProblem(f"{path}：应为对象")
    block = dict(block)
    cells = [_get(block, key, int, path) for key in ("col", "span", "top_line", "lines")]
    for key in ("col", "span", "top_line", "lines"):
        del block[key]
    x, y, width, height = grid.block_rect(page_width, *cells)
    out = {"id": _get(block, "id", str, path), "kind": _get(block, "kind", str, path)}
    out.update({"x": x, "y": y, "width": width, "height": height})
    out.update({k: v for k, v in block.items() if k not in out})
    return out


def _story_v0(story: Any, path: str) -> dict:
    if not isinstance(story, dict):
        raise MigrationProblem(f"{path}：应为对象")
    story = dict(story)
    body = _get(story, "body", list, path, [])
    paragraphs = []
    for i, text in enumerate(body):
        if not isinstance(text, str):
            raise MigrationProblem(f"{path}.body[{i}]：应为字符串")
        paragraphs.append({"text": text, "style": "body", "spans": []})
    story.pop("body", None)
    story["paragraphs"] = paragraphs
    return story


def _styles_v0(styles: Any) -> Any:
    if not isinstance(styles, dict):
        return styles  # the typed loader reports the wrong type with its path
    out = {}
    for name, style in styles.items():
        if isinstance(style, dict) and isinstance(style.get("size"), str):
            try:
                style = {**style, "size": parse_size(style["size"])}
            except UnitError as exc:
                raise MigrationProblem(f"styles.{name}.size：{exc}") from None
        out[name] = style
    return out


def migrate_v0_to_v1(obj: dict[str, Any]) -> dict[str, Any]:
    """Stories move from pages to the edition, blocks from grid cells to points, threads appear."""
    out = {k: v for k, v in obj.items() if k not in ("pages", "stories", "styles")}
    if "styles" in obj:
        out["styles"] = _styles_v0(obj["styles"])
    stories: dict[str, dict] = {}
    pages = []
    for pi, page in enumerate(_get(obj, "pages", list, "", [])):
        path = f"pages[{pi}]"
        if not isinstance(page, dict):
            raise MigrationProblem(f"{path}：应为对象")
        grid = _grid_v0(page, path)
        width = _get(page, "width", (int, float), path, Page.__dataclass_fields__["width"].default)
        blocks = [
            _block_v0(b, grid, width, f"{path}.blocks[{bi}]")
            for bi, b in enumerate(_get(page, "blocks", list, path, []))
        ]
        for si, story in enumerate(_get(page, "stories", list, path, [])):
            migrated = _story_v0(story, f"{path}.stories[{si}]")
            story_id = _get(migrated, "id", str, f"{path}.stories[{si}]")
            if story_id in stories:
                raise MigrationProblem(f"{path}.stories[{si}]：稿件 id {story_id} 重复")
            stories[story_id] = migrated
        pages.append({**{k: v for k, v in page.items() if k != "stories"}, "blocks": blocks})
    # Version 0 threads were implicit: a story's story blocks in page order.
    for story_id, story in stories.items():
        if "thread" not in story:
            story["thread"] = [
                b["id"]
                for page in pages
                for b in page["blocks"]
                if b.get("kind") == "story" and b.get("story") == story_id
            ]
    out["pages"] = pages
    out["stories"] = stories
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: migrate_v0_to_v1}
