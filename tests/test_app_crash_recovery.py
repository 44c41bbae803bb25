"""Crash recovery covers every kind of edit: a real window applies one operation of each kind,
autosaves on its timer and is killed (SIGKILL); the autosave holds exactly the edited edition, and
opening the file again offers it and shows the recovered work as unsaved."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from newsdesk.edit import (  # noqa: E402
    AddProofItem,
    AddStory,
    InsertPage,
    MovePage,
    RemoveBlock,
    RemovePage,
    RemoveProofItem,
    RemoveStory,
    ReplaceText,
    SetFields,
    SetProofStatus,
    actions,
)
from newsdesk.edit.operation import _KINDS  # noqa: E402
from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.model.autosave import find_recovery, load_recovery  # noqa: E402
from newsdesk.model.edition_file import load_edition  # noqa: E402
from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402

HERE = Path(__file__).parent


def _one_of_each_kind(edition) -> list:
    """A session's worth of edits, one of every operation kind, applied as they are built."""
    ops = []

    def do(op):
        op.apply(edition)
        ops.append(op)

    page = edition.pages[0]
    story_id = next(s.id for s in edition.stories.values() if s.thread)
    block = edition.find_block(edition.stories[story_id].thread[0])[1]
    do(SetFields(("block", block.id), {"y": block.y + 13.5}))  # set (move)
    do(ReplaceText(story_id, "body", 0, 0, "【补记】"))  # replace_text
    do(ReplaceText(story_id, "headline", 0, 1, "新"))
    do(actions.style_text(edition, story_id, 0, 4, "bold"))  # replace_paragraphs
    do(AddStory({"id": "crash-new", "headline": "新稿", "paragraphs": [{"text": "新稿正文。"}]}))
    do(InsertPage(len(edition.pages), {"id": "crash-page", "section": "新增"}))  # insert_page
    do(actions.place_story(edition, "crash-new", "crash-page", (60.0, 60.0, 117.0, 135.0)))
    do(actions.new_block(edition, "crash-page", "story", (200.0, 60.0, 117.0, 135.0)))
    new_block = edition.pages[-1].blocks[-1].id
    do(actions.continue_into_block(edition, "crash-new", new_block))  # thread_insert
    do(actions.unlink_block(edition, new_block))  # thread_remove
    do(MovePage("crash-page", 1))  # move_page
    do(RemoveBlock(page.blocks[-1].id))  # remove_block
    body = edition.stories[story_id].paragraphs[0].text
    mark = {"id": "crash-mark", "kind": "delete", "story": story_id, "part": "body"}
    do(AddProofItem({**mark, "start": 0, "end": 2, "text": body[:2]}))  # add_proof_item
    do(AddProofItem({**mark, "id": "crash-mark-2", "start": 2, "end": 3, "text": body[2:3]}))
    do(SetProofStatus("crash-mark", "rejected"))  # set_proof_status
    do(RemoveProofItem("crash-mark-2"))  # remove_proof_item
    do(AddStory({"id": "crash-gone", "headline": "撤稿", "paragraphs": [{"text": "撤。"}]}))
    do(RemoveStory("crash-gone"))  # remove_story
    do(InsertPage(len(edition.pages), {"id": "crash-page-2", "section": "又一版"}))
    do(RemovePage("crash-page-2"))  # remove_page
    return ops


def test_killed_window_recovers_every_kind_of_edit(tmp_path, qtbot, monkeypatch) -> None:
    folder = tmp_path / "ed"
    write_sample(folder / "sample.newsdesk")
    path = folder / "sample.newsdesk"
    original = path.read_bytes()
    expected_edition = load_edition(path)
    ops = _one_of_each_kind(expected_edition)
    kinds = {op.to_json()["op"] for op in ops} | {
        inner["op"] for op in ops for inner in op.to_json().get("ops", [])
    }
    assert kinds == set(_KINDS)  # every kind of edit there is, a new one included
    ops_file = tmp_path / "ops.json"
    ops_file.write_text(json.dumps([op.to_json() for op in ops], ensure_ascii=False), "utf-8")

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEWSDESK_RECOVERY_DIR=str(tmp_path / "rec"))
    child = subprocess.run(
        [sys.executable, str(HERE / "app_crash_child.py"), str(path), str(ops_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr[-2000:]  # killed, not a clean exit
    assert "autosaved" in child.stdout
    assert path.read_bytes() == original  # the file itself was never saved

    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "rec"))
    candidate = find_recovery(path)
    assert candidate is not None
    assert edition_to_json_bytes(load_recovery(candidate)) == edition_to_json_bytes(
        expected_edition
    )

    # Opening the file again offers the recovery; accepting shows the work, still unsaved.
    from newsdesk.app.main_window import MainWindow

    asked = []

    def answer(*args, **kwargs):
        asked.append(args[1] if len(args) > 1 else "")
        return (
            QMessageBox.StandardButton.Yes
            if len(asked) == 1
            else QMessageBox.StandardButton.Discard
        )

    monkeypatch.setattr(QMessageBox, "question", answer)
    window = MainWindow(default_registry())
    qtbot.addWidget(window)
    assert window.open_path(path)
    assert asked, "recovery was not offered"
    assert edition_to_json_bytes(window.edition) == edition_to_json_bytes(expected_edition)
    assert window.isWindowModified()
    assert len(window.pages) == len(copy.deepcopy(expected_edition).pages)
