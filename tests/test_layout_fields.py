"""Fields in copy ({版次}, {稿:ID} ...): expanded at layout time, mapped back to the source,
following the pages when they move; and a block's own text colour (the red masthead)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from layout_helpers import FakeTypesetter, story_block

from newsdesk.layout.engine import LayoutEngine
from newsdesk.layout.fields import FieldValues
from newsdesk.layout.threads import resolve_threads
from newsdesk.model.edition import Block, Edition, InlineSpan, JumpStyle, Page, Paragraph, Story
from newsdesk.model.edition_file import load_edition, save_edition
from newsdesk.sample import build_sample_edition

RED = (0.0, 1.0, 1.0, 0.1)


def small_edition() -> Edition:
    """Three pages; story "lead" starts on page 1 and continues on page 3."""
    ed = Edition(
        paper="测试日报",
        date=dt.date(2026, 11, 27),  # a Friday
        number=8216,
        pages=[Page("p1", section="要闻"), Page("p2", section="综合"), Page("p3", section="城事")],
    )
    ed.stories["lead"] = Story("lead", headline="头条", paragraphs=[Paragraph("字" * 30)])
    ed.stories["lead"].thread = ["a", "b"]
    ed.stories["note"] = Story("note", paragraphs=[Paragraph("")])
    story_block(ed.pages[0], "a", "lead", 0, 2, 0, 3)
    story_block(ed.pages[2], "b", "lead", 0, 2, 0, 20)
    story_block(ed.pages[1], "n", "note", 0, 8, 0, 2, text_columns=1)
    return ed


def values(ed: Edition) -> FieldValues:
    threads, _ = resolve_threads(ed)
    return FieldValues(ed, threads)


def expand(ed: Edition, text: str, page: int | None = 1) -> str:
    exp = values(ed).expand(text, page)
    return text if exp is None else exp.text


# -- what each field says ----------------------------------------------------------------------


def test_every_field_on_page_two() -> None:
    ed = small_edition()
    assert expand(ed, "{版次}|{版号}|{版名}") == "第二版|2|综合"
    assert expand(ed, "{报名}|{日期}|{星期}|{期号}") == "测试日报|2026年11月27日|星期五|8216"
    assert expand(ed, "{稿:lead}|{转:lead}|{版名:lead}|{版号:lead}") == "第一版|第三版|要闻|1"
    assert expand(ed, "今日{版数}版") == f"今日{len(ed.pages)}版"
    ed.pages.pop()
    assert expand(ed, "今日{版数}版") == f"今日{len(ed.pages)}版"


def test_page_names_follow_the_jump_style() -> None:
    ed = small_edition()
    ed.pages[1].label = "A2"
    ed.jump_style = JumpStyle(numerals="label")
    assert expand(ed, "{版次}") == "A2版"
    ed.jump_style = JumpStyle(numerals="arabic")
    assert expand(ed, "{版次}，{转:lead}") == "第2版，第3版"


def test_weekday_follows_the_date() -> None:
    ed = small_edition()
    days = []
    for d in range(23, 30):  # Monday 23 to Sunday 29 November 2026
        ed.date = dt.date(2026, 11, d)
        days.append(expand(ed, "{星期}"))
    assert days == ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]


def test_braces_escape_and_a_full_width_colon() -> None:
    ed = small_edition()
    assert expand(ed, "{{版次}}") == "{版次}"
    assert expand(ed, "a}b") == "a}b"  # a lone closing brace is printed as typed
    assert expand(ed, "{{{版号}}}") == "{2}"
    assert expand(ed, "{稿：lead}") == "第一版"
    assert values(ed).expand("没有字段的文字", 1) is None  # the fast path: nothing to do


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("见{版期}", "field_unknown", "未知字段 {版期}"),
        ("见{稿:nobody}", "field_story_missing", "稿件 nobody 不存在"),
        ("见{转:note}", "field_no_continuation", "没有转到其他版面"),
        ("见{版次", "field_unclosed", "缺少右花括号"),
        ("见{报名:lead}", "field_unknown", "未知字段 {报名:lead}"),
    ],
)
def test_bad_fields_stay_visible_and_are_reported(text: str, code: str, words: str) -> None:
    ed = small_edition()
    exp = values(ed).expand(text, 1)
    assert exp is not None and exp.text == text  # left exactly as typed
    assert [p.code for p in exp.problems] == [code]
    assert words in exp.problems[0].message


def test_a_story_on_no_page_is_reported() -> None:
    ed = small_edition()
    ed.stories["spare"] = Story("spare", paragraphs=[Paragraph("备用稿")])
    exp = values(ed).expand("详见{稿:spare}", 1)
    assert exp.text == "详见{稿:spare}"
    assert exp.problems[0].code == "field_story_unplaced"


def test_the_audit_names_bad_fields_with_their_block_and_page() -> None:
    ed = small_edition()
    ed.stories["note"].paragraphs[0].text = "{版次}　{版面}"
    engine = LayoutEngine(ed, typesetter=FakeTypesetter())
    text = [ln.text for ln in engine.layout()[1].lines()]
    assert text == ["第二版　{版面}"]
    found = [f for f in engine.audit() if f.code.startswith("field_")]
    assert [(f.severity, f.code, f.page, f.block, f.story) for f in found] == [
        ("error", "field_unknown", 2, "n", "note")
    ]
    assert found[0].message.startswith("未知字段 {版面}")


def test_free_text_captions_and_credits_expand_for_their_page() -> None:
    ed = small_edition()
    page = ed.pages[1]
    rect = page.grid.block_rect(page.width, 0, 8, 4, 2)
    page.blocks.append(Block("h", "headline", *rect, text="{版次}导读"))
    rect = page.grid.block_rect(page.width, 0, 4, 8, 30)
    page.blocks.append(
        Block("i", "image", *rect, caption="{报名}资料图", credit="{版名}版 摄")
    )  # no picture file: an error of its own, the texts are still set
    engine = LayoutEngine(ed, typesetter=FakeTypesetter())
    lines = {f.block: f.lines for f in engine.layout()[1].frames}
    assert [(ln.part, ln.text, ln.start, ln.end) for ln in lines["h"]] == [
        ("text", "第二版导读", 0, 6)
    ]
    assert sorted((ln.part, ln.text) for ln in lines["i"]) == [
        ("caption", "测试日报资料图"),
        ("credit", "综合版 摄"),
    ]
    caption = next(ln for ln in lines["i"] if ln.part == "caption")
    assert caption.runs[0].offsets[:5] == [0, 0, 0, 0, 4]


def test_a_bad_field_is_reported_once_and_only_for_printed_stories() -> None:
    ed = small_edition()
    ed.stories["lead"].headline = "头条{坏}"
    page = ed.pages[0]
    rect = page.grid.block_rect(page.width, 2, 4, 0, 4)
    page.blocks.append(Block("head", "headline", *rect, story="lead"))  # heads set here too
    ed.stories["spare"] = Story("spare", headline="{也坏}", paragraphs=[Paragraph("备用")])
    engine = LayoutEngine(ed, typesetter=FakeTypesetter())
    found = [f for f in engine.audit() if f.code.startswith("field_")]
    assert [(f.code, f.story) for f in found] == [("field_unknown", "lead")]
    assert "{坏}" in found[0].message


def test_relayout_follows_date_paper_and_section_changes() -> None:
    ed = small_edition()
    ed.stories["note"].paragraphs[0].text = "{报名}　{日期}　{星期}　{版名}"
    engine = LayoutEngine(ed, typesetter=FakeTypesetter())
    assert [ln.text for ln in engine.layout()[1].lines()] == [
        "测试日报　2026年11月27日　星期五　综合"
    ]
    engine.layout()
    assert engine.relaid == []  # nothing changed: nothing set again
    ed.date, ed.paper, ed.pages[1].section = dt.date(2026, 11, 28), "晚报", "经济"
    assert [ln.text for ln in engine.layout()[1].lines()] == ["晚报　2026年11月28日　星期六　经济"]
    assert engine.relaid == ["note"]


def test_preflight_reports_an_unknown_field(tmp_path: Path) -> None:
    from newsdesk.export.preflight import preflight

    ed = small_edition()
    ed.stories["note"].paragraphs[0].text = "详见{稿件:lead}"
    report = preflight(ed, base_dir=tmp_path)
    errors = [f for f in report.findings if f.code == "field_unknown"]
    assert errors and errors[0].severity == "error" and "{稿件:lead}" in errors[0].message
    assert not report.ok


# -- source mapping ------------------------------------------------------------------------------


def test_glyphs_of_a_field_carry_the_offset_of_its_brace() -> None:
    ed = small_edition()
    source = "本版{版次}，详见{转:lead}。"
    ed.stories["note"].paragraphs[0].text = source
    engine = LayoutEngine(ed, typesetter=FakeTypesetter())
    (line,) = list(engine.layout()[1].lines())
    assert line.text == "本版第二版，详见第三版。"  # what is printed
    assert (line.start, line.end) == (0, len(source))
    offsets = [o for run in line.runs for o in run.offsets]
    chars = "".join(run.chars for run in line.runs)
    assert chars == line.text
    for ch, off in zip(chars, offsets):
        if source[off] == "{":  # a field's glyph: its brace, and the field is one of ours
            assert source[off : source.index("}", off) + 1] in ("{版次}", "{转:lead}")
        else:
            assert source[off] == ch  # every other glyph is its own source character


def test_inline_spans_move_with_the_expansion() -> None:
    ed = small_edition()
    para = ed.stories["note"].paragraphs[0]
    para.text = "{报名}讯 本报记者"
    para.spans = [InlineSpan(0, 5, "bold")]  # "{报名}讯" bold in the source
    story, maps = values(ed).expand_story(ed.stories["note"])
    (span,) = story.paragraphs[0].spans
    assert story.paragraphs[0].text[span.start : span.end] == "测试日报讯"
    assert para.text == "{报名}讯 本报记者"  # the model keeps the field, never the words
    assert ed.stories["note"] is not story and maps[("body", 0)].source == para.text


def test_overset_is_counted_in_source_characters() -> None:
    ed = small_edition()
    ed.stories["note"].paragraphs = [Paragraph("{日期}" * 100)]  # 4 source chars, 11 printed
    engine = LayoutEngine(ed, typesetter=FakeTypesetter())
    printed = sum(len(ln.text) for ln in engine.layout()[1].lines())
    fit = engine.copyfit()["note"]
    assert 0 < printed < 1100 and fit.chars == 400
    # The overset starts at the first field not wholly printed.
    assert fit.overset_chars == 400 - 4 * (printed // 11)


_PLAIN = st.sampled_from(list("新闻日报版面，。、（）AZ12 "))
_TOKENS = st.sampled_from(
    ["{版次}", "{版号}", "{版名}", "{报名}", "{日期}", "{星期}", "{期号}", "{稿:lead}"]
    + ["{转:lead}", "{{", "}}", "}", "{", "{未知}", "{稿:无}", "\n"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_PLAIN, _TOKENS), max_size=30), st.sampled_from([None, 0, 1, 2]))
def test_every_expanded_character_maps_to_its_source(pieces: list[str], page: int | None) -> None:
    ed = small_edition()
    text = "".join(pieces)
    exp = values(ed).expand(text, page)
    if exp is None:
        assert "{" not in text and "}" not in text
        return
    assert len(exp.starts) == len(exp.ends) == len(exp.text)
    # Units in order, never overlapping, never outside the source.
    units = []
    for a, b in zip(exp.starts, exp.ends):
        assert 0 <= a < b <= len(text)
        if not units or units[-1] != (a, b):
            units.append((a, b))
    assert all(u[1] <= v[0] for u, v in zip(units, units[1:]))
    # Text outside fields survives: a one-character unit is that character.
    for i, (a, b) in enumerate(zip(exp.starts, exp.ends)):
        if b - a == 1:
            assert exp.text[i] == text[a]
    # Source characters that produced nothing are fields with empty values only ({版名} of a
    # page without a section) -- here every page has one, so the units cover the source.
    covered = "".join(text[a:b] for a, b in units)
    assert covered == text
    # Offsets map to the source and back.
    fwd = exp.forward()
    for a, _b in units:
        assert exp.starts[fwd[a]] == a


# -- page order ----------------------------------------------------------------------------------


def _texts(pages, block_ids: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for page in pages:
        for frame in page.frames:
            if frame.block in block_ids:
                out[frame.block] = [ln.text for ln in frame.lines if ln.part != "body"] + [
                    ln.text for ln in frame.lines if ln.part == "body"
                ]
    return out


def _index_kicker(pages, block: str) -> str:
    frame = next(f for f in pages[0].frames if f.block == block)
    return next(ln.text for ln in frame.lines if ln.part == "kicker")


def _index_pointer(pages, block: str) -> str:
    frame = next(f for f in pages[0].frames if f.block == block)
    body = "".join(ln.text for ln in frame.lines if ln.part == "body")
    return re.findall(r"（详见(.+?)）", body)[-1]


def _folio(pages, index: int) -> str:
    page = pages[index]
    frame = next(f for f in page.frames if f.block.endswith("-folio"))
    return "".join(ln.text for ln in frame.lines)


@pytest.fixture(scope="module")
def sample_engine():
    ed = build_sample_edition()
    engine = LayoutEngine(ed)
    engine.layout()
    return ed, engine


def test_sample_headers_and_index_are_fields(sample_engine) -> None:
    ed, engine = sample_engine
    assert ed.stories["p2-folio"].paragraphs[0].text == "{版次}　{版名}"
    assert "{稿:citywall}" in ed.stories["p1-index-citywall"].kicker
    pages = engine.layout()
    assert [_folio(pages, i) for i in (1, 2, 3)] == ["第二版　综合", "第三版　城事", "第四版　副刊"]
    assert _index_kicker(pages, "p1-index-2") == "第三版·城事"  # 城砖上的名字
    assert _index_pointer(pages, "p1-index-2") == "第三版"
    assert not [f for f in engine.audit() if f.code.startswith("field_")]


def test_reordering_pages_updates_headers_and_index(sample_engine) -> None:
    ed, engine = sample_engine
    engine.layout()
    ed.pages[1], ed.pages[2] = ed.pages[2], ed.pages[1]  # 城事 becomes page 2
    try:
        pages = engine.layout()
        relaid = set(engine.relaid)
        assert _folio(pages, 1) == "第二版　城事" and _folio(pages, 2) == "第三版　综合"
        assert _index_kicker(pages, "p1-index-0") == "第三版·综合"  # the economy story moved
        assert _index_pointer(pages, "p1-index-0") == "第三版"
        assert _index_kicker(pages, "p1-index-2") == "第二版·城事"
        assert _index_pointer(pages, "p1-index-2") == "第二版"
        assert _index_pointer(pages, "p1-index-3") == "第四版"  # 副刊 did not move
        # Only stories whose expanded text changed were set again.
        assert {"p2-folio", "p3-folio", "p1-index-economy", "p1-index-citywall"} <= relaid
        assert not relaid & {"p4-folio", "p1-index-essay", "birds", "economy", "lead-bridge"}
        # The incremental result is exactly a fresh layout of the reordered edition.
        fresh = LayoutEngine(ed, registry=engine.registry).layout()
        assert _dump(pages) == _dump(fresh)
    finally:
        ed.pages[1], ed.pages[2] = ed.pages[2], ed.pages[1]
    pages = engine.layout()
    assert _folio(pages, 1) == "第二版　综合"


def _dump(pages) -> list:
    return [
        (f.block, [(ln.text, ln.start, ln.end, [(r.chars, r.offsets, r.color) for r in ln.runs])])
        for p in pages
        for f in p.frames
        for ln in f.lines
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_reordered_sample_pdf_text_follows(tmp_path: Path) -> None:
    from newsdesk.cli import main

    ed = build_sample_edition()
    ed.pages[1], ed.pages[2] = ed.pages[2], ed.pages[1]
    src = tmp_path / "moved.newsdesk"
    save_edition(ed, src)
    assert "{版次}" in src.read_text(encoding="utf-8")  # saved as fields, never expanded
    out = tmp_path / "moved.pdf"
    assert main(["export", str(src), "-o", str(out), "--force", "--preset", "proof"]) == 0

    def text(page: int) -> str:
        run = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return "".join(run.stdout.split())

    front, second, third = text(1), text(2), text(3)
    assert second.startswith("第二版城事") and third.startswith("第三版综合")
    assert "第二版·城事城砖上的名字" in front and "（详见第二版）" in front
    assert "第三版·综合前三季度全市经济稳中有进" in front
    assert "{" not in front + second + third


# -- block text colour -------------------------------------------------------------------------


def test_block_text_colour_paints_every_run_of_the_block() -> None:
    ed = small_edition()
    ed.stories["lead"].byline = "本报讯"
    ed.stories["lead"].paragraphs = [Paragraph("字" * 300)]
    block = ed.pages[0].blocks[0]
    block.height *= 3  # 9 lines: heads, byline, some body and the 下转 line
    block.text_color = RED
    engine = LayoutEngine(ed, typesetter=FakeTypesetter())
    pages = engine.layout()
    first = [r.color for f in pages[0].frames for ln in f.lines for r in ln.runs]
    parts = {ln.part for f in pages[0].frames for ln in f.lines}
    assert first and set(first) == {RED} and {"headline", "body", "jump"} <= parts
    later = [r.color for ln in pages[2].lines() for r in ln.runs]
    assert later and RED not in later  # the continuation block keeps the style's colour
    ed.pages[0].blocks[0].text_color = None  # and back: the cached lines were never recoloured
    assert {r.color for ln in engine.layout()[0].lines() for r in ln.runs} == {(0, 0, 0, 1)}


def test_text_colour_is_saved_and_read_back(tmp_path: Path) -> None:
    ed = small_edition()
    ed.pages[1].blocks[0].text_color = RED
    save_edition(ed, tmp_path / "c.newsdesk")
    back = load_edition(tmp_path / "c.newsdesk")
    assert back.pages[1].blocks[0].text_color == RED
    assert back.pages[0].blocks[0].text_color is None


def test_sample_masthead_is_red_and_not_overprinted(tmp_path: Path) -> None:
    from newsdesk.render.pdf import write_pdf

    ed = build_sample_edition()
    masthead = next(b for b in ed.pages[0].blocks if b.id == "p1-masthead")
    assert masthead.text_color is not None and masthead.text_color[1] == 1.0
    page = LayoutEngine(ed).layout()[0]
    frame = next(f for f in page.frames if f.block == "p1-masthead")
    assert {r.color for ln in frame.lines for r in ln.runs} == {masthead.text_color}
    out = tmp_path / "front.pdf"
    write_pdf([page], out)
    red = " ".join(f"{v:g}" for v in masthead.text_color) + " k"
    with pikepdf.open(out) as pdf:
        states = pdf.pages[0].Resources.get("/ExtGState", {})
        fill, overprint, shown = None, False, []
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
            name = str(op)
            if name == "k":
                fill = " ".join(f"{float(v):g}" for v in operands) + " k"
            elif name == "gs":
                overprint = bool(states[str(operands[0])].get("/op", overprint))
            elif name in ("Tj", "TJ", "'", '"'):
                shown.append((fill, overprint))
    assert (red, False) in shown  # the red masthead knocks out
    assert ("0 0 0 1 k", True) in shown  # black text still overprints
    assert (red, True) not in shown
