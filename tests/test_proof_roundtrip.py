"""The proofing round trip without Qt: a proof out, marks made as other readers make them, each
mapped to its exact story range, applied as undoable edits, and proofs of older revisions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from proof_helpers import Annotator, chars_of, proof_data, quads_for, rect_of

from newsdesk.cli import main
from newsdesk.edit import ReplaceText
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition_file import load_edition, save_edition
from newsdesk.model.serialize import edition_to_json_bytes
from newsdesk.proof.apply import apply_operation, import_operation, reject_operation
from newsdesk.proof.export import export_proof
from newsdesk.proof.importer import read_marks
from newsdesk.sample.builder import write_sample

STORY = "lead-bridge"
COLUMN_BREAK = None  # found from the proof's map


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("proof")
    path = folder / "sample.newsdesk"
    write_sample(path)
    return path


@pytest.fixture(scope="module")
def proof(sample):
    out = sample.parent / "proof.pdf"
    export_proof(load_edition(sample), out, base_dir=sample.parent, pages=[1], edition_path=sample)
    return out


def body(path: Path) -> str:
    return load_edition(path).stories[STORY].body_text()


def column_break(data) -> int:
    """The first offset of the story set at the top of a new column (PDF y jumps up)."""
    prev = None
    for _page, line, c in chars_of(data, STORY):
        if prev is not None and line != prev[0] and c[1] > prev[1][1] + 20:
            return c[4]
        prev = (line, c)
    raise AssertionError("no column break")


def line_break(data, after: int) -> int:
    """The first offset after `after` that starts a new line in the same column."""
    prev = None
    for _page, line, c in chars_of(data, STORY):
        if c[4] > after and prev is not None and line != prev[0] and c[1] < prev[1][1]:
            return c[4]
        prev = (line, c)
    raise AssertionError("no line break")


def test_proof_pages_slug_and_map(proof, sample):
    with pikepdf.open(proof) as pdf:
        page = pdf.pages[0]
        media = [float(v) for v in page.obj.MediaBox]
        trim = [float(v) for v in page.obj.TrimBox]
        assert media[0] < trim[0] and media[1] < trim[1]  # room for the slug outside the trim
        assert media[2] > trim[2] and media[3] > trim[3]
        assert pdf.Root.NewsdeskProof.Revision == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(proof), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "滨江日报" in text and "修订 0" in text and "校样时间" in text and "第8216期" in text
    # The slug and the 校样 mark lie outside the trim: text inside it is the page alone.
    inside = subprocess.run(
        [
            "pdftotext",
            "-x",
            str(int(trim[0])),
            "-y",
            str(int(media[3] - trim[3])),
            "-W",
            str(int(trim[2] - trim[0])),
            "-H",
            str(int(trim[3] - trim[1])),
            str(proof),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "校样时间" not in inside and "校　样" not in inside
    data = proof_data(proof)
    assert data["edition"] == {"paper": "滨江日报", "date": "2026-11-27", "number": 8216}
    ed = load_edition(sample)
    for line in data["pages"][0]["lines"]:
        text = data["texts"][line["story"]][line["part"]]
        assert text == getattr(ed.stories[line["story"]], line["part"], None) or (
            line["part"] == "body" and text == ed.stories[line["story"]].body_text()
        )
        for x0, y0, x1, y1, s, e in line["chars"]:
            assert trim[0] <= x0 < x1 <= trim[2] + 0.01 and trim[1] <= y0 < y1 <= trim[3] + 0.01
            assert 0 <= s < e <= len(text)


def test_each_reader_mark_maps_to_its_exact_range(proof, sample, tmp_path):
    data = proof_data(proof)
    text = body(sample)
    brk = column_break(data)
    nl = line_break(data, 20)
    a = Annotator(proof)
    a.markup("Highlight", STORY, "body", 3, 9, order="acrobat", Contents=pikepdf.String("核实时间"))
    a.markup("StrikeOut", STORY, "body", nl - 4, nl + 3, order="spec")  # across two lines
    a.markup("Underline", STORY, "body", brk - 5, brk + 4, order="acrobat")  # column break
    a.markup("Squiggly", STORY, "body", 60, 64, order="spec")
    a.caret(STORY, "body", 70, "新")
    caret = a.caret(STORY, "body", 90, "改后")
    strike = a.markup("StrikeOut", STORY, "body", 86, 90)
    strike.IRT = caret
    strike.RT = pikepdf.Name.Group
    page, boxes = quads_for(data, STORY, "body", 100, 101)
    x0, y0, x1, y1 = boxes[0]
    a.add(
        page,
        Subtype=pikepdf.Name.Text,
        Rect=pikepdf.Array([x0 + 1, y1 - 20, x0 + 19, y1 - 2]),
        Contents=pikepdf.String("此处存疑"),
        T=pikepdf.String("乙"),
    )
    page, boxes = quads_for(data, STORY, "body", 120, 126)
    a.add(
        page,
        Subtype=pikepdf.Name.Ink,
        Rect=pikepdf.Array(rect_of(boxes)),
        InkList=pikepdf.Array([pikepdf.Array([b for box in boxes for b in box])]),
    )
    out = a.save(tmp_path / "marked.pdf")
    result = read_marks(load_edition(sample), out)
    assert result.problems == [] and result.flagged == []
    got = [(m.kind, m.start, m.end, m.text, m.replacement) for m in result.marks]
    assert got == [
        ("highlight", 3, 9, text[3:9], ""),
        ("delete", nl - 4, nl + 3, text[nl - 4 : nl + 3], ""),
        ("highlight", brk - 5, brk + 4, text[brk - 5 : brk + 4], ""),
        ("highlight", 60, 64, text[60:64], ""),
        ("insert", 70, 70, "", "新"),
        ("replace", 86, 90, text[86:90], "改后"),
        ("note", 100, 100, "", ""),
        ("note", 120, 126, text[120:126], ""),
    ]
    assert result.marks[0].contents == "核实时间" and result.marks[0].author == "校对员甲"
    assert result.marks[6].contents == "此处存疑" and result.marks[6].author == "乙"
    assert {m.page for m in result.marks} == {1}


def test_json_output_is_exactly_the_issue_format(proof, sample, tmp_path, capsys):
    a = Annotator(proof)
    a.markup("StrikeOut", STORY, "body", 10, 12)
    a.markup("Highlight", STORY, "headline", 0, 4)
    out = a.save(tmp_path / "marked.pdf")
    before = sample.read_bytes()
    assert main(["proof", "import", str(sample), str(out), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    text = body(sample)
    headline = load_edition(sample).stories[STORY].headline
    assert items == [
        {
            "kind": "delete",
            "page": 1,
            "story": STORY,
            "part": "body",
            "start": 10,
            "end": 12,
            "text": text[10:12],
            "replacement": "",
            "contents": "",
            "author": "校对员甲",
        },
        {
            "kind": "highlight",
            "page": 1,
            "story": STORY,
            "part": "headline",
            "start": 0,
            "end": 4,
            "text": headline[:4],
            "replacement": "",
            "contents": "",
            "author": "校对员甲",
        },
    ]
    assert sample.read_bytes() == before  # --json changes nothing


def test_apply_delete_insert_replace_then_undo(proof, sample, tmp_path):
    work = tmp_path / "e.newsdesk"
    shutil.copy(sample, work)
    data = proof_data(proof)
    brk = column_break(data)
    a = Annotator(proof)
    a.markup("StrikeOut", STORY, "body", brk - 20, brk - 10)  # before the jump to page 3
    a.caret(STORY, "body", 5, "（据悉）")
    caret = a.caret(STORY, "body", 30, "X")
    strike = a.markup("StrikeOut", STORY, "body", 28, 30)
    caret.IRT = strike  # either member may point at the other
    caret.RT = pikepdf.Name.Group
    out = a.save(tmp_path / "marked.pdf")
    edition = load_edition(work)
    original = edition_to_json_bytes(edition)
    text = edition.stories[STORY].body_text()
    engine = LayoutEngine(edition, base_dir=sample.parent)
    engine.layout()
    fit_before = engine.copyfit()[STORY]
    page3_start = _continuation_start(engine)
    result = read_marks(edition, out)
    assert [m.kind for m in result.marks] == ["delete", "insert", "replace"]
    import_operation(result.items(edition)).apply(edition)
    undo = []
    for item in list(edition.proof_items):
        undo.append(apply_operation(edition, item.id).apply(edition))
    want = text[:5] + "（据悉）" + text[5:28] + "X" + text[30 : brk - 20] + text[brk - 10 :]
    assert edition.stories[STORY].body_text() == want
    assert {i.status for i in edition.proof_items} == {"applied"}
    engine.layout()
    fit_after = engine.copyfit()[STORY]
    assert fit_after.chars == fit_before.chars - 10 + 4 + 1 - 2
    # The text reflowed across the jump: 7 characters fewer before it, so characters that were
    # on page 3 moved back to page 1 and page 3 continues later in the (old) text.
    assert _continuation_start(engine) + 7 > page3_start
    jumps = [
        (j.direction, j.page, j.target_page)
        for p in engine.layout()
        for j in p.jumps
        if j.story == STORY
    ]
    assert ("to", 1, 3) in jumps and ("from", 3, 1) in jumps
    for inverse in reversed(undo):
        inverse.apply(edition)
    assert edition.stories[STORY].body_text() == text
    assert {i.status for i in edition.proof_items} == {"open"}
    edition.proof_items.clear()
    assert edition_to_json_bytes(edition) == original


def _continuation_start(engine) -> int:
    """Body offset of the first character the story sets on page 3 (its continuation)."""
    from newsdesk.edit.text import paragraph_offsets

    page = engine.layout()[2]
    story = engine.edition.stories[STORY]

    first = min(
        (line.paragraph, line.start)
        for frame in page.frames
        for line in frame.lines
        if line.story == STORY and line.part == "body"
    )
    return paragraph_offsets(story)[first[0]] + first[1]


def test_reject_keeps_the_text_and_refuses_twice(proof, sample, tmp_path):
    a = Annotator(proof)
    a.markup("StrikeOut", STORY, "body", 40, 44)
    out = a.save(tmp_path / "marked.pdf")
    edition = load_edition(sample)
    text = edition.stories[STORY].body_text()
    import_operation(read_marks(edition, out).items(edition)).apply(edition)
    item = edition.proof_items[0]
    reject_operation(edition, item.id).apply(edition)
    assert edition.proof_items[0].status == "rejected"
    assert edition.stories[STORY].body_text() == text
    from newsdesk.edit import OperationError

    with pytest.raises(OperationError, match="已拒绝"):
        apply_operation(edition, item.id)


def test_cli_import_saves_items_and_a_new_revision(proof, sample, tmp_path, capsys):
    work = tmp_path / "e.newsdesk"
    shutil.copy(sample, work)
    a = Annotator(proof)
    a.markup("StrikeOut", STORY, "body", 40, 44)
    out = a.save(tmp_path / "marked.pdf")
    assert main(["proof", "import", str(work), str(out)]) == 0
    said = capsys.readouterr().out
    assert "已导入 1 处校对记号" in said and "删除「" in said
    saved = load_edition(work)
    assert saved.revision == 1  # a saved change
    assert [(i.kind, i.start, i.end, i.status) for i in saved.proof_items] == [
        ("delete", 40, 44, "open")
    ]
    # The next proof records the new revision; the open mark is drawn on it for another round.
    again = tmp_path / "round2.pdf"
    assert main(["proof", "export", str(work), "-o", str(again), "--pages", "1"]) == 0
    assert proof_data(again)["revision"] == 1
    result = read_marks(saved, again)
    assert [(m.kind, m.start, m.end) for m in result.marks] == [("delete", 40, 44)]


def test_revision_unchanged_marks_land_changed_marks_are_flagged(proof, sample, tmp_path):
    work = tmp_path / "e.newsdesk"
    shutil.copy(sample, work)
    a = Annotator(proof)
    a.markup("StrikeOut", STORY, "body", 200, 204)  # text that will not change
    a.markup("Highlight", STORY, "body", 300, 306)  # text that will be edited
    a.caret(STORY, "body", 400, "的")  # unchanged neighbours
    out = a.save(tmp_path / "marked.pdf")
    edition = load_edition(work)
    text = edition.stories[STORY].body_text()
    ReplaceText(STORY, "body", 10, 10, "【新增一句话。】").apply(edition)  # earlier: shifts offsets
    ReplaceText(STORY, "body", 302 + 8, 304 + 8, "改过").apply(edition)  # inside a marked range
    save_edition(edition, work)
    assert load_edition(work).revision == 1
    edition = load_edition(work)
    result = read_marks(edition, out)
    assert result.revision == 0
    got = [(m.kind, m.start, m.end, m.text) for m in result.marks]
    assert got == [("delete", 208, 212, text[200:204]), ("insert", 408, 408, "")]
    assert [(m.kind, m.proof_text) for m in result.flagged] == [("highlight", text[300:306])]
    assert "已改动" in result.flagged[0].flag
    items = result.items(edition)
    import_operation(items).apply(edition)
    flagged = next(i for i in edition.proof_items if i.kind == "highlight")
    from newsdesk.edit import OperationError

    with pytest.raises(OperationError, match="人工"):
        apply_operation(edition, flagged.id)
    delete = next(i for i in edition.proof_items if i.kind == "delete")
    apply_operation(edition, delete.id).apply(edition)
    now = edition.stories[STORY].body_text()
    assert (
        now == text[:10] + "【新增一句话。】" + text[10:200] + text[204:302] + "改过" + text[304:]
    )


def test_items_survive_edits_around_them(sample):
    from newsdesk.proof.anchor import make_item, resolve

    edition = load_edition(sample)
    item = make_item(edition, kind="delete", story=STORY, part="body", start=500, end=506)
    edition.proof_items.append(item)
    ReplaceText(STORY, "body", 0, 0, "前面加了一段。\n").apply(edition)  # reflow, a new paragraph
    ReplaceText(STORY, "body", 900, 905, "").apply(edition)  # an edit after it
    start, end = resolve(edition, item)
    assert (start, end) == (508, 514)
    assert edition.stories[STORY].body_text()[start:end] == item.text
    ReplaceText(STORY, "body", start + 2, start + 3, "变").apply(edition)  # the text itself
    assert resolve(edition, item) is None


def test_undo_everything_then_save_keeps_the_revision(sample, tmp_path):
    work = tmp_path / "e.newsdesk"
    shutil.copy(sample, work)
    edition = load_edition(work)
    before = work.read_bytes()
    inverse = ReplaceText(STORY, "body", 0, 2, "改动").apply(edition)
    inverse.apply(edition)
    save_edition(edition, work)
    assert work.read_bytes() == before
    ReplaceText(STORY, "body", 0, 2, "改动").apply(edition)
    save_edition(edition, work)
    assert load_edition(work).revision == 1
    save_edition(edition, work)  # nothing new
    assert load_edition(work).revision == 1
