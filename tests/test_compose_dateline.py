"""电头 (issue 13): 「本报讯（记者 林晓 通讯员 周亮）」 runs into the first paragraph in its own face,
a role label never ends a line apart from its name, and a column break never splits it."""

from __future__ import annotations

import pytest

from newsdesk.compose import ColumnSlot, TextSetter, flow
from newsdesk.compose.dateline import DATELINE_ROLES, is_dateline, keep_together, run_in
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Edition, Grid, Page, Paragraph, Story

DATELINE = "本报讯（记者 林晓 通讯员 周亮）"
BODY = "昨天上午，滨江大桥主桥合龙，比原计划提前了四十天。大桥全长三点二公里，建成后从江北到江南只要八分钟。"
SIZE = 9.0


@pytest.mark.parametrize(
    "byline, dateline",
    [
        (DATELINE, True),
        ("本报杭州12月1日电（记者 王芳）", True),
        ("新华社北京12月1日电", True),
        ("文/图 李明", False),
        ("本报记者 苏晴", False),
        ("", False),
        ("本报讯\n记者 李明", False),
    ],
)
def test_what_counts_as_a_dateline(byline, dateline):
    assert is_dateline(byline) is dateline


def test_run_in_puts_the_dateline_under_its_own_span():
    p = run_in(DATELINE, Paragraph(BODY))
    assert p.text == DATELINE + BODY
    assert [(s.start, s.end, s.kind) for s in p.spans] == [(0, len(DATELINE), "dateline")]
    groups = [p.text[a:b] for a, b in keep_together(p.text, 0, len(DATELINE))]
    assert groups == ["本报讯", "记者 林晓", "通讯员 周亮"]


@pytest.mark.parametrize("chars", [7, 9, 11, 13, 17])
def test_a_role_label_never_ends_a_line_apart_from_its_name(registry, chars):
    setter = TextSetter(registry)
    p = run_in(DATELINE, Paragraph(BODY))
    from newsdesk.model.edition import default_styles

    prep = setter.prepare(p.text, default_styles()["body"], p.spans)
    lines = setter.set_paragraph(prep, chars * SIZE)
    assert "".join(line.text for line in lines) == p.text
    for line in lines[:-1]:
        tail = line.text.rstrip()
        assert not tail.endswith(("记者", "通讯员", "本报", "林")), (chars, line.text)
        assert line.x + line.width == pytest.approx(chars * SIZE, abs=0.01)
    # The dateline in its own face, the body in the body's.
    faces = {line.faces[k] for line in lines for k in range(len(line.text))}
    dateline_face = registry.face(DATELINE_ROLES["serif"]).key
    assert lines[0].faces[0] == dateline_face
    assert registry.face("serif").key in faces


def test_a_column_break_never_splits_the_dateline(registry):
    """The column has one line left: the dateline (two lines at 13 字) goes whole to the next."""
    setter = TextSetter(registry)
    p = run_in(DATELINE, Paragraph(BODY))
    slots = [ColumnSlot(0, 0, 13 * SIZE, 1), ColumnSlot(200, 0, 13 * SIZE, 10)]
    res = flow(setter, [Paragraph("前一段。"), p], slots)
    first = [ln for ln in res.lines if ln.column == 0]
    assert [ln.paragraph for ln in first] == [0]
    dateline_lines = [ln for ln in res.lines if ln.paragraph == 1 and ln.start < len(DATELINE)]
    assert len(dateline_lines) == 2 and {ln.column for ln in dateline_lines} == {1}
    assert res.overset_chars == 0


def test_layout_runs_the_dateline_into_the_first_paragraph(registry):
    ed = Edition(pages=[Page("p1", grid=Grid())])
    ed.stories["s"] = Story(
        "s", slug="s", headline="大桥合龙", byline=DATELINE, paragraphs=[Paragraph(BODY)]
    )
    ed.stories["s"].thread = ["b"]
    page = ed.pages[0]
    x, y, w, h = page.grid.block_rect(page.width, 0, 2, 10, 30)
    from newsdesk.model.edition import Block

    page.blocks.append(Block("b", "story", x, y, w, h, story="s"))
    lines = [ln for p in LayoutEngine(ed).layout() for f in p.frames for ln in f.lines]
    assert not [ln for ln in lines if ln.part == "byline"]
    body = [ln for ln in lines if ln.part == "body"]
    assert "".join(ln.text for ln in body) == DATELINE + BODY
    # Offsets point into the paragraph's own text; the dateline's glyphs sit at its offset 0.
    assert body[0].start == 0
    offsets = [o for ln in body for run in ln.runs for o in run.offsets]
    glyphs = len(DATELINE)
    assert offsets[:glyphs] == [0] * glyphs
    assert offsets[glyphs : glyphs + 3] == [0, 1, 2]
    assert {ln.column for ln in body if ln.start == 0} == {0}  # one column holds the dateline


def test_galley_runs_the_dateline_into_the_first_paragraph(registry):
    # `newsdesk galley` sets the 电头 as the page does: no line of its own, the dateline face,
    # the paragraph's own offsets (the dateline's glyphs at its offset 0).
    from newsdesk.cli.galley_cmd import galley_json
    from newsdesk.compose.galley import GalleySpec, build_galley

    story = Story("", byline=DATELINE, paragraphs=[Paragraph(BODY), Paragraph("第二段。")])
    galley = build_galley(TextSetter(registry), story, GalleySpec())
    lines = [line for line, _ in galley.body_lines]
    assert not [ln for ln in lines if ln.part == "byline"]
    assert "".join(ln.text for ln in lines if ln.paragraph == 0) == DATELINE + BODY
    first = lines[0]
    assert first.paragraph == 0 and first.start == 0 and first.text.startswith("本报讯（记者 林晓")
    dateline_face = registry.face(DATELINE_ROLES["serif"]).key
    glyphs = [
        (ch, run.face, o)
        for ln in lines
        for run in ln.runs
        for ch, o in zip(run.chars, run.offsets)
    ]
    visible = len(DATELINE.replace(" ", ""))
    head = [g for g in glyphs if g[0] != " "][:visible]
    assert {face for _, face, _ in head} == {dateline_face}
    assert {o for _, _, o in head} == {0}
    body_start = [g for g in glyphs if g[0] != " "][visible : visible + 3]
    assert [(ch, o) for ch, _, o in body_start] == [("昨", 0), ("天", 1), ("上", 2)]
    assert {face for _, face, _ in body_start} == {registry.face("serif").key}
    doc = galley_json(galley)
    assert doc["lines"][0]["text"].startswith("本报讯") and not doc["heads"]
    assert [ln["paragraph"] for ln in doc["lines"]][-1] == 1


def test_galley_keeps_a_plain_byline_on_its_own_line(registry):
    from newsdesk.compose.galley import GalleySpec, build_galley

    story = Story("", byline="本报记者 苏晴", paragraphs=[Paragraph(BODY)])
    galley = build_galley(TextSetter(registry), story, GalleySpec())
    lines = [line for line, _ in galley.body_lines]
    assert lines[0].part == "byline" and lines[0].text == "本报记者 苏晴"
    assert lines[1].part == "body" and lines[1].paragraph == 0 and lines[1].text.startswith("昨天")
