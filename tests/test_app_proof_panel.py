"""The 校对 panel driven with real clicks: import a marked proof from the File menu, click a mark
to see it on the page, 应用 and 拒绝 with the buttons (one undo step each), mark the live page
with the tools by dragging on the canvas, and export a marked proof for another round."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from proof_helpers import Annotator  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox  # noqa: E402

from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.model.edition_file import load_edition  # noqa: E402
from newsdesk.model.serialize import edition_to_json_bytes  # noqa: E402
from newsdesk.proof.export import export_proof  # noqa: E402
from newsdesk.proof.importer import read_marks  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402

STORY = "lead-bridge"


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    write_sample(folder / "sample.newsdesk")
    proof = folder / "proof.pdf"
    export_proof(load_edition(folder / "sample.newsdesk"), proof, base_dir=folder, pages=[1])
    a = Annotator(proof)
    a.markup("StrikeOut", STORY, "body", 40, 44)
    a.markup("Highlight", STORY, "body", 100, 104)
    a.caret(STORY, "body", 60, "新")
    a.save(folder / "marked.pdf")
    return folder


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path, sample_dir):
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    shutil.copytree(sample_dir, tmp_path / "ed")
    w = MainWindow(default_registry())
    qtbot.addWidget(w)
    w.show()
    assert w.open_path(tmp_path / "ed" / "sample.newsdesk")
    return w


def click_row(tree, row) -> None:
    tree.scrollToItem(row)
    rect = tree.visualItemRect(row)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_import_show_apply_reject_and_undo_with_clicks(window, sample_dir, monkeypatch, qtbot):
    panel = window.proof_panel
    marked = sample_dir / "marked.pdf"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(marked), "PDF"))
    text = window.edition.stories[STORY].body_text()
    fit_before = window.engine.copyfit()[STORY].chars
    original = edition_to_json_bytes(window.edition)
    panel.import_action.trigger()  # 文件 → 导入校样…
    assert [i.kind for i in window.edition.proof_items] == ["delete", "highlight", "insert"]
    assert window.undo_stack.count() == 1
    group = panel.tree.topLevelItem(0)
    assert group.childCount() == 3 and "1" in group.text(0)

    # Click the delete mark: its page is shown and its characters outlined.
    window.page_list.setCurrentRow(2)
    delete_row = group.child(0)
    click_row(panel.tree, delete_row)
    assert window.page_list.currentRow() == 0
    x, y, w, h = window.view.highlight
    assert 0 < w < 60 and 0 < h < 20  # four characters on one line

    QTest.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)  # 应用
    assert window.edition.stories[STORY].body_text() == text[:40] + text[44:]
    assert window.engine.copyfit()[STORY].chars == fit_before - 4  # copyfit follows at once
    assert window.undo_stack.count() == 2
    # The next open mark is selected: reject the highlight, apply the insertion.
    assert panel.current_id() == window.edition.proof_items[1].id
    QTest.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)  # 拒绝
    assert window.edition.proof_items[1].status == "rejected"
    assert window.edition.stories[STORY].body_text() == text[:40] + text[44:]
    QTest.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert window.edition.stories[STORY].body_text() == text[:40] + text[44:60] + "新" + text[60:]
    statuses = [panel.tree.topLevelItem(0).child(n).text(1) for n in range(3)]
    assert statuses[0] in ("Applied", "已应用") and statuses[1] in ("Rejected", "已拒绝")

    for _ in range(4):
        window.undo_stack.undo()
    assert window.edition.stories[STORY].body_text() == text
    assert edition_to_json_bytes(window.edition) == original
    assert panel.tree.topLevelItemCount() == 0


def _page_px(window, x: float, y: float) -> QPoint:
    from newsdesk.app.page_view import PAGE_MARGIN

    zoom = window.view.zoom
    return QPoint(int(PAGE_MARGIN + x * zoom), int(PAGE_MARGIN + y * zoom))


def _char_box(window, offset: int):
    from newsdesk.proof.charmap import page_char_map

    for line in page_char_map(window.pages[0], window.edition):
        if line.story == STORY and line.part == "body":
            for c in line.chars:
                if c.start == offset:
                    return c
    raise AssertionError(offset)


def test_mark_the_live_page_with_the_tools(window, monkeypatch, qtbot):
    panel = window.proof_panel
    window.view.set_zoom(2.0)
    text = window.edition.stories[STORY].body_text()
    QTest.mouseClick(panel.tool_buttons["delete"], Qt.MouseButton.LeftButton)  # 删除
    first, last = _char_box(window, 20), _char_box(window, 23)
    start = _page_px(window, first.x0 + 1, first.cy)
    end = _page_px(window, last.x1 - 1, last.cy)
    QTest.mousePress(window.view, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(window.view, end)
    QTest.mouseRelease(window.view, Qt.MouseButton.LeftButton, pos=end)
    item = window.edition.proof_items[-1]
    assert (item.kind, item.start, item.end, item.text) == ("delete", 20, 24, text[20:24])

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("桥", True))
    QTest.mouseClick(panel.tool_buttons["insert"], Qt.MouseButton.LeftButton)  # 增补
    assert not panel.tool_buttons["delete"].isChecked()
    gap = _char_box(window, 30)
    QTest.mouseClick(
        window.view, Qt.MouseButton.LeftButton, pos=_page_px(window, gap.x0 + 1, gap.cy)
    )
    item = window.edition.proof_items[-1]
    assert (item.kind, item.start, item.end, item.replacement) == ("insert", 30, 30, "桥")
    assert window.undo_stack.count() == 2  # each mark is an undoable edit

    # With no tool on, the canvas gets its clicks again (and no mark is made).
    QTest.mouseClick(panel.tool_buttons["insert"], Qt.MouseButton.LeftButton)
    assert panel.active_tool() is None
    QTest.mouseClick(window.view, Qt.MouseButton.LeftButton, pos=_page_px(window, gap.cx, gap.cy))
    assert len(window.edition.proof_items) == 2


def test_export_a_marked_proof_for_another_round(window, tmp_path, monkeypatch):
    panel = window.proof_panel
    from newsdesk.edit import AddProofItem
    from newsdesk.edit.proof_items import item_to_json
    from newsdesk.proof.anchor import make_item

    item = make_item(
        window.edition, kind="replace", story=STORY, part="body", start=50, end=53, replacement="改"
    )
    assert window.apply(AddProofItem(item_to_json(item)))
    out = tmp_path / "round2.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF"))
    panel.export_action.trigger()  # 文件 → 导出校样（含校对记号）
    result = read_marks(window.edition, out)
    assert [(m.kind, m.start, m.end, m.replacement) for m in result.marks] == [
        ("replace", 50, 53, "改")
    ]
