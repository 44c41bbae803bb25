"""Properties of the edition file: random editions and random edits survive save/load unchanged;
truncated and garbled files are refused with an error naming the file, never a crash."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_helpers import editions, make_edition, make_valid, strategy_for, texts

import newsdesk.model.edition as model
from newsdesk.errors import EditionFileError
from newsdesk.model.edition import Block, Edition, Page, Paragraph, Story
from newsdesk.model.edition_file import load_edition, parse_edition_bytes, save_edition
from newsdesk.model.serialize import edition_to_json_bytes

SOURCE = "/版面/随机.newsdesk"
PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCHEMA = json.loads(
    Path(model.__file__).with_name("edition.schema.json").read_text(encoding="utf-8")
)


@PROPS
@given(editions)
def test_random_editions_round_trip_exactly(edition: Edition):
    data = edition_to_json_bytes(edition)
    loaded, _ = parse_edition_bytes(data, SOURCE)
    assert loaded == edition
    assert edition_to_json_bytes(loaded) == data  # save(load(x)) == x, byte for byte


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(editions)
def test_random_editions_validate_against_the_schema(edition: Edition):
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(edition_to_json_bytes(edition)))


# --- random edits through real files ---------------------------------------------------------


def _edit_story_text(edition: Edition, data) -> None:
    story = data.draw(st.sampled_from(sorted(edition.stories)))
    field = data.draw(st.sampled_from(["kicker", "headline", "deck", "byline", "jump_head"]))
    setattr(edition.stories[story], field, data.draw(texts))


def _add_paragraph(edition: Edition, data) -> None:
    story = edition.stories[data.draw(st.sampled_from(sorted(edition.stories)))]
    position = data.draw(st.integers(0, len(story.paragraphs)))
    story.paragraphs.insert(
        position, Paragraph(data.draw(texts), data.draw(st.sampled_from(["body", "subhead"])))
    )


def _move_block(edition: Edition, data) -> None:
    page = data.draw(st.sampled_from(edition.pages))
    if page.blocks:
        block = data.draw(st.sampled_from(page.blocks))
        block.x += data.draw(st.floats(-100, 100))
        block.y += data.draw(st.floats(-100, 100))


def _add_block(edition: Edition, data) -> None:
    page = data.draw(st.sampled_from(edition.pages))
    block = data.draw(strategy_for(Block).map(make_valid))
    page.blocks.append(block)


def _restyle(edition: Edition, data) -> None:
    style = edition.styles[data.draw(st.sampled_from(sorted(edition.styles)))]
    style.size = data.draw(st.floats(4, 72))
    style.color = data.draw(st.tuples(*[st.floats(0, 1)] * 4))


def _add_page(edition: Edition, data) -> None:
    edition.pages.insert(data.draw(st.integers(0, len(edition.pages))), Page(data.draw(texts)))


def _delete_page(edition: Edition, data) -> None:
    if len(edition.pages) > 1:
        del edition.pages[data.draw(st.integers(0, len(edition.pages) - 1))]


def _new_story(edition: Edition, data) -> None:
    story = data.draw(strategy_for(Story).map(make_valid))
    edition.stories[story.id] = story


EDITS = [
    _edit_story_text,
    _add_paragraph,
    _move_block,
    _add_block,
    _restyle,
    _add_page,
    _delete_page,
    _new_story,
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edits_survive_save_and_load(data):
    edition = make_edition()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "编辑中.newsdesk"
        save_edition(edition, path)
        for edit in data.draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=6)):
            before = copy.deepcopy(edition)
            edit(edition, data)
            save_edition(edition, path)
            assert load_edition(path) == edition
            assert load_edition(path.with_name(path.name + ".bak")) == before


# --- damaged files ---------------------------------------------------------------------------


def _refused(data: bytes) -> str:
    try:
        parse_edition_bytes(data, SOURCE)
    except EditionFileError as exc:
        assert SOURCE in str(exc)
        return str(exc)
    raise AssertionError("damaged file was accepted")


@PROPS
@given(editions, st.data())
def test_truncated_files_are_refused(edition: Edition, data):
    good = edition_to_json_bytes(edition)
    cut = data.draw(st.integers(0, len(good.rstrip()) - 1))
    message = _refused(good[:cut])
    assert "不完整" in message or "空的" in message or "UTF-8" in message


# Bytes that can never appear in a valid edition file: C0 controls other than JSON whitespace
# (raw controls are not allowed inside JSON strings) and bytes that never occur in UTF-8.
NEVER_VALID = (
    [b for b in range(0x20) if b not in (0x09, 0x0A, 0x0D)]
    + [0xC0, 0xC1]
    + list(range(0xF5, 0x100))
)


@PROPS
@given(editions, st.data())
def test_garbled_files_are_refused(edition: Edition, data):
    good = bytearray(edition_to_json_bytes(edition))
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(good) - 1))
        good[position] = data.draw(st.sampled_from(NEVER_VALID))
    _refused(bytes(good))


@PROPS
@given(editions, st.data())
def test_arbitrary_damage_never_crashes(edition: Edition, data):
    """Any byte changed, dropped or inserted: either a valid edition or a clear error."""
    damaged = bytearray(edition_to_json_bytes(edition))
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(damaged) - 1))
        action = data.draw(st.sampled_from(["set", "drop", "insert"]))
        if action == "drop":
            del damaged[position]
        elif action == "insert":
            damaged.insert(position, data.draw(st.integers(0, 255)))
        else:
            damaged[position] = data.draw(st.integers(0, 255))
    try:
        loaded, _ = parse_edition_bytes(bytes(damaged), SOURCE)
    except EditionFileError as exc:
        assert SOURCE in str(exc)
    else:
        assert isinstance(loaded, Edition)  # a change that still reads as a valid file
        parse_edition_bytes(edition_to_json_bytes(loaded))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            yield from _paths(value, (*prefix, index))


@PROPS
@given(st.data(), json_values)
def test_wrong_json_types_are_refused_with_a_path(data, value):
    obj = json.loads(edition_to_json_bytes(make_edition()))
    path = data.draw(
        st.sampled_from([p for p in _paths(obj) if p and p[0] not in ("format", "version")])
    )
    target = obj
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    data_bytes = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    try:
        loaded, _ = parse_edition_bytes(data_bytes, SOURCE)
    except EditionFileError as exc:
        message = str(exc)
        assert SOURCE in message
        # The message names the field: the last key on the path (or an index) appears in it.
        named = [str(k) for k in path if isinstance(k, str)]
        assert any(name in message for name in named), message
    else:
        assert isinstance(loaded, Edition)  # the random value happened to fit the field
