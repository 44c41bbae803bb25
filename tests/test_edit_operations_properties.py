"""Edit operations are exact: any random sequence applied to the sample edition, then undone,
gives a saved file byte-identical to the original; redone, it gives the edited file again. Every
operation travels through JSON on the way (as it will to a newsroom store), and one that refuses
to apply leaves the edition untouched."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.edit import (
    AddProofItem,
    AddStory,
    Batch,
    InsertBlock,
    InsertPage,
    MovePage,
    OperationError,
    RemoveBlock,
    RemovePage,
    RemoveProofItem,
    RemoveStory,
    ReplaceParagraphs,
    ReplaceText,
    SetFields,
    SetProofStatus,
    ThreadInsert,
    ThreadRemove,
    operation_from_json,
)
from newsdesk.edit.text import part_text
from newsdesk.model.serialize import edition_to_json_bytes
from newsdesk.sample.builder import build_sample_edition

PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXTS = st.text(alphabet=st.sampled_from(list("新闻稿件报道，。、“”ab1 \n")), max_size=6)


@pytest.fixture(scope="module")
def sample():
    return build_sample_edition()


def _blocks(edition):
    return [b for p in edition.pages for b in p.blocks]


def _draw_op(data, edition):
    """One operation that is plausible for the edition's current state (it may still refuse)."""
    blocks = _blocks(edition)
    stories = sorted(edition.stories)
    choice = data.draw(
        st.sampled_from(
            [
                "move",
                "resize",
                "set_story",
                "heads",
                "text",
                "text",
                "text",
                "remove_block",
                "insert_block",
                "thread_insert",
                "thread_remove",
                "move_page",
                "remove_page",
                "insert_page",
                "add_story",
                "remove_story",
                "paragraph_style",
                "edition",
                "add_proof",
                "remove_proof",
                "proof_status",
                "bad",
            ]
        )
    )
    if choice in ("move", "resize") and blocks:
        b = data.draw(st.sampled_from(blocks))
        if choice == "move":
            return SetFields(
                ("block", b.id),
                {"x": b.x + data.draw(st.integers(-3, 3)) * 126.0, "y": b.y + 13.5},
            )
        return SetFields(("block", b.id), {"width": b.width + 9.0, "height": b.height * 2})
    if choice == "set_story" and stories:
        sid = data.draw(st.sampled_from(stories))
        return SetFields(("story", sid), {"headline": data.draw(TEXTS).replace("\n", "")})
    if choice == "heads" and stories:
        sid = data.draw(st.sampled_from(stories))
        return SetFields(("heads", sid), {"vertical": data.draw(st.booleans()), "span": 2})
    if choice == "text" and stories:
        sid = data.draw(st.sampled_from(stories))
        part = data.draw(st.sampled_from(["body", "body", "headline", "kicker", "byline"]))
        n = len(part_text(edition.stories[sid], part))
        start = data.draw(st.integers(0, n))
        end = data.draw(st.integers(start, min(n, start + 30)))
        text = data.draw(TEXTS)
        # Heads may hold line breaks (multi-line heads); an inverse that restores one must apply.
        return ReplaceText(sid, part, start, end, text)
    if choice == "remove_block" and blocks:
        return RemoveBlock(data.draw(st.sampled_from(blocks)).id)
    if choice == "insert_block" and edition.pages:
        page = data.draw(st.sampled_from(edition.pages))
        n = len(_blocks(edition))
        block = {
            "id": f"new{n}-{data.draw(st.integers(0, 99))}",
            "kind": "story",
            "x": 50.0,
            "y": 60.0,
            "width": 117.0,
            "height": 135.0,
        }
        threads = ()
        if stories and data.draw(st.booleans()):
            sid = data.draw(st.sampled_from(stories))
            block["story"] = sid
            threads = ((sid, len(edition.stories[sid].thread)),)
        return InsertBlock(page.id, data.draw(st.integers(0, len(page.blocks))), block, threads)
    if choice == "thread_insert" and stories and blocks:
        sid = data.draw(st.sampled_from(stories))
        b = data.draw(st.sampled_from(blocks))
        pos = data.draw(st.integers(0, len(edition.stories[sid].thread)))
        return ThreadInsert(sid, pos, b.id, sid)
    if choice == "thread_remove":
        threaded = [(s.id, bid) for s in edition.stories.values() for bid in s.thread]
        if threaded:
            sid, bid = data.draw(st.sampled_from(threaded))
            return ThreadRemove(sid, bid, None)
    if choice == "move_page" and edition.pages:
        page = data.draw(st.sampled_from(edition.pages))
        return MovePage(page.id, data.draw(st.integers(0, len(edition.pages) - 1)))
    if choice == "remove_page" and edition.pages:
        return RemovePage(data.draw(st.sampled_from(edition.pages)).id)
    if choice == "insert_page":
        page = {
            "id": f"p-new-{len(edition.pages)}-{data.draw(st.integers(0, 9))}",
            "section": "新版",
        }
        return InsertPage(data.draw(st.integers(0, len(edition.pages))), page)
    if choice == "add_story":
        sid = f"story-new-{data.draw(st.integers(0, 20))}"
        return AddStory(
            {"id": sid, "headline": "新稿", "paragraphs": [{"text": "正文。"}]},
            data.draw(st.integers(-1, len(stories))),
        )
    if choice == "remove_story" and stories:
        return RemoveStory(data.draw(st.sampled_from(stories)))
    if choice == "paragraph_style" and stories:
        story = edition.stories[data.draw(st.sampled_from(stories))]
        if story.paragraphs:
            i = data.draw(st.integers(0, len(story.paragraphs) - 1))
            return SetFields(("paragraph", story.id, i), {"style": "subhead"})
    if choice == "edition":
        return SetFields(
            ("edition",),
            {
                "number": data.draw(st.integers(1, 99999)),
                "date": "2027-01-0" + str(data.draw(st.integers(1, 9))),
            },
        )
    if choice == "add_proof" and stories:
        sid = data.draw(st.sampled_from(stories))
        text = part_text(edition.stories[sid], "body")
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 8)))
        item = {
            "id": f"mark-{data.draw(st.integers(0, 30))}",
            "kind": data.draw(
                st.sampled_from(["highlight", "delete", "insert", "replace", "note"])
            ),
            "story": sid,
            "part": "body",
            "start": start,
            "end": end,
            "text": text[start:end],
            "replacement": data.draw(TEXTS),
            "before": text[max(0, start - 4) : start],
        }
        return AddProofItem(item, data.draw(st.integers(-1, len(edition.proof_items))))
    if choice == "remove_proof" and edition.proof_items:
        return RemoveProofItem(data.draw(st.sampled_from(edition.proof_items)).id)
    if choice == "proof_status" and edition.proof_items:
        item = data.draw(st.sampled_from(edition.proof_items))
        return SetProofStatus(item.id, data.draw(st.sampled_from(["open", "applied", "rejected"])))
    # Operations that must refuse: out of range, wrong types, unknown targets.
    return data.draw(
        st.sampled_from(
            [
                SetFields(("block", "no-such-block"), {"x": 1.0}),
                SetFields(("edition",), {"number": "九"}),
                SetFields(("block", blocks[0].id if blocks else "x"), {"width": -5.0}),
                ReplaceText(stories[0] if stories else "x", "body", 0, 10**9, "字"),
                ReplaceParagraphs(stories[0] if stories else "x", 0, 10**6, []),
                MovePage("no-such-page", 0),
                SetProofStatus("no-such-mark", "applied"),
                AddProofItem(
                    {
                        "id": "m",
                        "kind": "delete",
                        "story": "x",
                        "part": "body",
                        "start": 0,
                        "end": 3,
                        "text": "字",
                    }
                ),
                AddProofItem({"id": "m", "kind": "shout"}),
                Batch(
                    (
                        MovePage(edition.pages[0].id, 0) if edition.pages else MovePage("x", 0),
                        RemoveBlock("no-such-block"),
                    )
                ),
            ]
        )
    )


def _through_json(op):
    again = operation_from_json(json.loads(json.dumps(op.to_json(), ensure_ascii=False)))
    assert again == op
    return again


@PROPS
@given(st.data())
def test_random_operations_undo_and_redo_exactly(sample, data):
    edition = copy.deepcopy(sample)
    original = edition_to_json_bytes(edition)
    done: list[tuple] = []  # (op, inverse)
    for _ in range(data.draw(st.integers(1, 12))):
        op = _through_json(_draw_op(data, edition))
        before = copy.deepcopy(edition)
        try:
            inverse = op.apply(edition)
        except OperationError as exc:
            assert str(exc)  # a message a person can read
            assert edition == before  # refused: nothing changed
            continue
        done.append((op, _through_json(inverse)))
    edited = edition_to_json_bytes(edition)
    for _op, inverse in reversed(done):
        inverse.apply(edition)
    assert edition_to_json_bytes(edition) == original
    for op, _inverse in done:
        op.apply(edition)
    assert edition_to_json_bytes(edition) == edited


def test_unknown_and_malformed_operations_are_refused_in_chinese():
    for bad in (
        {},
        {"op": "explode"},
        {"op": "move_page", "page_id": "p1"},
        [1, 2],
        {"op": "batch", "ops": "x", "label": ""},
    ):
        with pytest.raises(OperationError) as info:
            operation_from_json(bad)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))
