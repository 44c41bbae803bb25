"""Opening an edition in the window: pages painted from the layout, autosave and recovery."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from newsdesk.fonts import default_registry  # noqa: E402
from newsdesk.model.autosave import autosave_path  # noqa: E402
from newsdesk.model.edition_file import load_edition, save_edition  # noqa: E402
from newsdesk.sample import write_sample  # noqa: E402


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.newsdesk"
    write_sample(path)
    return path


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    from newsdesk.app.main_window import MainWindow

    monkeypatch.setenv("NEWSDESK_RECOVERY_DIR", str(tmp_path / "recovery"))
    w = MainWindow(default_registry())
    qtbot.addWidget(w)
    return w


def test_open_shows_every_page_painted(window, sample_file) -> None:
    assert window.open_path(sample_file)
    assert window.page_list.count() == 4
    assert (
        "390×540 mm" in window.page_list.item(0).toolTip()
    )  # the caption is short under a thumbnail
    window.view.set_zoom(0.5)
    image = window.view.grab().toImage()
    # Count dark pixels inside the page: text and rules were painted, not just a white sheet.
    dark = sum(
        1
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 500
    assert len(window.story_tree.story_items()) == len(window.edition.stories)
    # The sample's stories fill their blocks to the last line: no copyfit badge anywhere.
    assert window.view.badges == []


def test_a_story_short_of_its_block_carries_an_amber_badge(window, sample_file, tmp_path) -> None:
    edition = load_edition(sample_file)
    story_id = next(  # a story in one block of page 1
        b.story
        for b in edition.pages[0].blocks
        if b.kind == "story"
        and b.story
        and not edition.stories[b.story].thread
        and len(edition.stories[b.story].paragraphs) >= 3
    )
    del edition.stories[story_id].paragraphs[-1]  # a few lines short of its block now
    path = tmp_path / "short.newsdesk"
    save_edition(edition, path)
    (tmp_path / "images").mkdir(exist_ok=True)
    for image in (sample_file.parent / "images").iterdir():
        (tmp_path / "images" / image.name).write_bytes(image.read_bytes())
    assert window.open_path(path)
    window.page_list.setCurrentRow(0)
    short = [b for b in window.view.badges if not b.overset]
    assert len(short) == 1 and short[0].text.startswith("缺 ")
    lines = int(short[0].text.split()[1])
    assert lines == window.engine.copyfit()[story_id].empty_lines > 0


def test_click_on_a_line_names_its_story(window, sample_file) -> None:
    window.open_path(sample_file)
    page = window.pages[0]
    line = next(line for line in page.lines() if line.part == "body")
    found = window.view.line_at(QPointF(line.x + 2, line.baseline - 2))
    assert found is not None and found.story == line.story


def test_recovery_is_offered_and_restores_the_autosave(window, sample_file, monkeypatch) -> None:
    edition = load_edition(sample_file)
    story = next(iter(edition.stories.values()))
    story.slug = "恢复测试稿"
    auto = autosave_path(sample_file)
    save_edition(edition, auto, keep_backup=False)
    later = sample_file.stat().st_mtime + 5
    os.utime(auto, (later, later))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    try:
        assert window.open_path(sample_file)
        assert window.edition.stories[story.id].slug == "恢复测试稿"
        assert not window.undo_stack.isClean()  # recovered work still needs saving
    finally:
        auto.unlink(missing_ok=True)


def test_bad_file_gives_a_message_not_a_crash(window, tmp_path, monkeypatch) -> None:
    bad = tmp_path / "bad.newsdesk"
    bad.write_bytes(b'{"format": "newsdesk-edition", "version": 1, "pages": [')
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert not window.open_path(bad)
    assert shown and "bad.newsdesk" in shown[0]
    assert bad.read_bytes().endswith(b"[")  # never overwritten


def test_unexpected_error_in_the_window_autosaves_and_tells_the_user(
    window, sample_file, monkeypatch, tmp_path
) -> None:
    from newsdesk.app.main import make_excepthook
    from newsdesk.model.autosave import autosave_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    window.open_path(sample_file)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    hook = make_excepthook(window)
    try:
        raise RuntimeError("simulated bug in a slot")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    auto = autosave_path(sample_file)
    try:
        assert auto.exists() and load_edition(auto).paper == window.edition.paper
        assert shown and str(auto) in shown[0]
        assert list((tmp_path / "cache" / "newsdesk").glob("crash-*.log"))
    finally:
        auto.unlink(missing_ok=True)


def test_copyfit_badges_sit_on_the_last_block_of_each_story(window, sample_file, tmp_path) -> None:
    edition = load_edition(sample_file)
    lead_id = next(sid for sid, s in edition.stories.items() if len(s.thread) == 2)
    lead = edition.stories[lead_id]
    lead.paragraphs[-1].text += "补充内容。" * 400  # far more than the continuation holds
    path = tmp_path / "overset.newsdesk"
    save_edition(edition, path)
    for image in (sample_file.parent / "images").iterdir():
        (tmp_path / "images").mkdir(exist_ok=True)
        (tmp_path / "images" / image.name).write_bytes(image.read_bytes())
    assert window.open_path(path)
    last_page = next(
        i
        for i, page in enumerate(window.pages)
        if any(f.block == lead.thread[-1] for f in page.frames)
    )
    window.page_list.setCurrentRow(last_page)
    badges = window.view.badges
    overset = [b for b in badges if b.overset]
    assert len(overset) == 1 and overset[0].text.startswith("超 ")
    chars = int(overset[0].text.split()[1])
    assert chars == window.engine.copyfit()[lead_id].overset_chars > 1500
    # The badge is painted: red pixels near the block's bottom-right corner.
    window.view.set_zoom(0.5)
    image = window.view.grab().toImage()
    b = overset[0]
    x = int((b.x + b.width) * 0.5) + 24 - 5
    y = int((b.y + b.height) * 0.5) + 24 - 5
    colour = image.pixelColor(x, y)
    assert colour.red() > 150 and colour.green() < 80


def test_print_export_from_the_window_runs_preflight(
    window, sample_file, tmp_path, monkeypatch, qtbot
):
    import pikepdf

    assert window.open_path(sample_file)
    # The panel shows the print preflight (filled just after the first page is painted): the
    # sample's RGB photos are warnings, not errors.
    qtbot.waitUntil(lambda: window.findings.topLevelItemCount() > 0)
    severities = [
        window.findings.topLevelItem(i).text(0) for i in range(window.findings.topLevelItemCount())
    ]
    assert severities and all(s in ("Warning", "警告") for s in severities)

    out = tmp_path / "print.pdf"
    assert window.export_to(out, "newspaper")
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version == "1.3" and len(pdf.pages) == 4
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"


def test_blocked_print_export_asks_and_can_be_forced(window, sample_file, tmp_path, monkeypatch):
    edition = load_edition(sample_file)
    lead_id = next(sid for sid, s in edition.stories.items() if len(s.thread) == 2)
    edition.stories[lead_id].paragraphs[-1].text += "补充内容。" * 400  # overset: an error
    path = sample_file.parent / "overset-export.newsdesk"
    save_edition(edition, path)
    assert window.open_path(path)
    out = tmp_path / "blocked.pdf"
    asked = []

    def refuse(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", refuse)
    assert not window.export_to(out, "newspaper")
    assert not out.exists() and "超" in asked[0]

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ignore)
    assert window.export_to(out, "newspaper")
    assert out.exists()


def test_activating_a_story_or_finding_shows_its_block(window, sample_file, qtbot) -> None:
    assert window.open_path(sample_file)
    qtbot.waitUntil(lambda: window.findings.topLevelItemCount() > 0)
    # A finding on page 2 (the sample's RGB photo warning there).
    for i in range(window.findings.topLevelItemCount()):
        item = window.findings.topLevelItem(i)
        if item.text(1) == "2":
            break
    else:
        raise AssertionError("no finding on page 2")
    window.findings.itemActivated.emit(item, 0)
    assert window.page_list.currentRow() == 1
    kind, page_number, block_id = item.data(0, Qt.ItemDataRole.UserRole)
    frame = next(f for f in window.pages[1].frames if f.block == block_id)
    assert window.view.highlight == (frame.x, frame.y, frame.width, frame.height)

    # A story whose thread starts on page 3.
    from newsdesk.layout.threads import resolve_threads

    threads = resolve_threads(window.edition)[0]
    for item in window.story_tree.story_items():
        _kind, story_id = item.data(0, Qt.ItemDataRole.UserRole)
        thread = threads.get(story_id)
        if thread and thread.blocks and thread.blocks[0][0] == 2:
            break
    else:
        raise AssertionError("no story starting on page 3")
    window.story_tree.itemActivated.emit(item, 0)
    assert window.page_list.currentRow() == 2
    assert window.view.highlight is not None
