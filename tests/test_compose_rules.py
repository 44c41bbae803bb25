"""Rule-by-rule tests of the composer: classes, breaks, compression, spacing, flow, heads, CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from compose_bench_page import BENCH_PAGE_ARGS

from newsdesk.compose import (
    BASELINE_RATIO,
    ColumnSlot,
    FlowState,
    TextSetter,
    flow,
    set_heads,
    set_vertical_head,
)
from newsdesk.compose.classes import (
    CLOSE,
    COMMA,
    DASH,
    DIGIT,
    ELLIPSIS,
    HAN,
    LATIN,
    MIDDLE,
    OPEN,
    SPACE,
    STOP,
    UNIT_SUFFIX,
    classify,
)
from newsdesk.compose.flow import make_line
from newsdesk.model.edition import (
    HeadSettings,
    Paragraph,
    ParagraphStyle,
    Story,
    default_styles,
)

EM = 9.0
BODY = ParagraphStyle("body", "serif", EM, 13.5, 0.0, 2.0, "justify")


@pytest.fixture
def setter(registry):
    return TextSetter(registry)


def lines_of(setter, text, chars=13, style=BODY):
    return setter.set_paragraph(setter.prepare(text, style), chars * EM)


def test_character_classes():
    expected = {
        "中": HAN,
        "a": LATIN,
        "7": DIGIT,
        " ": SPACE,
        "“": OPEN,
        "（": OPEN,
        "《": OPEN,
        "”": CLOSE,
        "）": CLOSE,
        "》": CLOSE,
        "，": COMMA,
        "、": COMMA,
        "；": COMMA,
        "。": STOP,
        "？": STOP,
        "！": STOP,
        "·": MIDDLE,
        "—": DASH,
        "…": ELLIPSIS,
        "%": UNIT_SUFFIX,
        "℃": UNIT_SUFFIX,
        "\U00020000": HAN,
    }
    assert {ch: classify(ch) for ch in expected} == expected


def test_unknown_kinsoku_level_is_a_chinese_error(registry):
    from newsdesk.errors import NewsdeskError

    with pytest.raises(NewsdeskError, match="避头尾"):
        TextSetter(registry, kinsoku="loose")


def test_push_in_keeps_the_comma_on_the_line(setter):
    # 11 characters fill the indented first line; the comma may not start the next line, and
    # the line's 、 can give up its blank half: push in.
    lines = lines_of(setter, "今天、我们在城市里乡村，都看见了变化。")
    assert lines[0].text.endswith("村，")
    xs = lines[0].xs
    assert xs[3] - xs[2] == pytest.approx(EM / 2)  # 、 compressed to half an em
    assert lines[0].x + lines[0].width == pytest.approx(13 * EM)


def test_push_out_when_nothing_can_be_compressed(setter):
    lines = lines_of(setter, "这里没有任何标点的句子，然后逗号来了，大家都看见了变化。")
    assert lines[0].text == "这里没有任何标点的句"
    assert lines[1].text.startswith("子，")
    assert lines[0].x + lines[0].width == pytest.approx(13 * EM)


def test_opening_bracket_at_line_start_loses_its_blank_half(setter):
    lines = lines_of(setter, "第一行的文字排到这里“引号中的话”和（括号）。")
    assert lines[1].text.startswith("“")
    assert lines[1].xs[0] == pytest.approx(-EM / 2)  # em box half outside: the glyph at the edge


def test_end_punctuation_is_trimmed_to_half_an_em(setter):
    line = lines_of(setter, "一二三四五六七八九十，二三四五六七八九十一二三四")[0]
    assert line.text.endswith("十，")
    # the comma's glyph half ends at the right edge; its blank half hangs outside
    assert line.xs[-1] + EM / 2 == pytest.approx(13 * EM)
    assert line.x + line.width == pytest.approx(13 * EM)


def test_adjacent_marks_take_one_and_a_half_em(setter):
    line = lines_of(setter, "他说：“好。”我们走吧", chars=30)[0]
    xs = {ch: x for ch, x in zip(line.text, line.xs)}
    assert xs["“"] - xs["："] == pytest.approx(EM / 2)
    assert xs["”"] - xs["。"] == pytest.approx(EM / 2)


def test_cjk_latin_gap_is_a_quarter_em_and_absent_at_edges(setter):
    line = lines_of(setter, "用5年时间", chars=30)[0]
    g = line.glyphs
    assert g[1].x - (g[0].x + g[0].advance) == pytest.approx(EM / 4)
    assert g[2].x - (g[1].x + g[1].advance) == pytest.approx(EM / 4)
    line = lines_of(setter, "2024年", chars=30, style=ParagraphStyle("b", indent=0))[0]
    assert line.x == 0 and line.xs[0] == 0


def test_no_gap_next_to_punctuation(setter):
    line = lines_of(setter, "他说，ABC。", chars=30)[0]
    g = line.glyphs
    assert g[3].x == pytest.approx(g[2].x + g[2].advance)


def test_units_stay_whole(setter):
    text = "增长3.5%的号码0939-8211939和1,234元以及news@example.com与——和……"
    prep = setter.prepare(text, BODY)
    mail = text.index("news@")
    for chars in range(5, 30):
        lines = lines_of(setter, text, chars)
        assert "".join(line.text for line in lines) == text
        for unit in ("3.5%", "0939-8211939", "1,234", "——", "……"):
            at = text.index(unit)
            if sum(prep.adv[at : at + len(unit)]) > chars:
                continue  # wider than the measure: may be broken as a last resort
            assert any(unit in line.text for line in lines), (chars, unit)
        # An e-mail address may break only where readers expect it: before @, after a dot
        # (from 7 字 up, where each of its pieces fits the measure).
        for line in lines[:-1] if chars >= 7 else []:
            if mail < line.end < mail + len("news@example.com"):
                assert text[line.end] == "@" or text[line.end - 1] == ".", (chars, line.text)


def test_wide_url_is_broken_after_a_slash_or_dot(setter):
    text = "https://www.example.org/news/2024/04/report.html"
    lines = lines_of(setter, text, 10)
    assert len(lines) > 1
    for line in lines[:-1]:
        assert line.text[-1] in "/.-_?&="
        # A URL fragment has no other stretch point: it is letter-spaced to the edge (the last
        # resort), never past it, and its letters stay in order.
        assert line.x + line.width == pytest.approx(10 * EM, abs=0.01)
        assert line.xs == sorted(line.xs)


@pytest.mark.parametrize(
    "text, chars",
    [
        ("据Reuters和美联社报道，会议于当天举行并通过了决议。", 13),
        ("请访问https://consumer.example.org/a/b/c/d/e/f/g.html了解。", 13),
        ("来信请寄editor@newsroom.example.com.cn我们会回复。", 13),
        ("这是一个关于interoperability的问题，我们要讨论。", 13),
        ("他说again , and again，然后又说了一遍这样的话。", 13),
        ("方Newsdesk是一个排版工具。", 5),
    ],
)
def test_letter_spacing_only_as_the_last_resort(setter, registry, text, chars):
    from typesetting_checks import check_justified, check_word_spacing, lines_from_layout

    style = BODY
    prep = setter.prepare(text, style)
    lines = [
        make_line(
            sl, column_x=0.0, baseline=0.0, measure=chars * EM, story="s", part="body", paragraph=0
        )
        for sl in setter.set_paragraph(prep, chars * EM)
    ]
    checked = lines_from_layout(lines, registry)
    assert check_word_spacing(checked) == []
    assert check_justified(checked, EM) == []


def test_adjacent_marks_never_part_to_justify_a_line(setter, registry):
    from typesetting_checks import check_justified, check_punct_pairs, lines_from_layout

    lines = [
        make_line(
            sl, column_x=0.0, baseline=0.0, measure=6 * EM, story="s", part="body", paragraph=0
        )
        for sl in setter.set_paragraph(setter.prepare("《。0939-8211939", BODY), 6 * EM)
    ]
    checked = lines_from_layout(lines, registry)
    assert checked[0].text == "《。"
    assert check_punct_pairs(checked, EM) == []
    assert check_justified(checked, EM) == []  # flush left: no legal stretch point


def test_a_word_that_fits_the_measure_is_not_split(setter):
    lines = lines_of(setter, "方Newsdesk是一个排版工具。", 5)
    assert any("Newsdesk" in line.text for line in lines)


@pytest.mark.parametrize("level", ["basic", "gb", "strict"])
def test_a_sign_stays_with_its_number_and_a_range_wave_never_starts_a_line(registry, level):
    setter = TextSetter(registry, level)
    for text in (
        "今天最低温度-3℃～8℃，明天更冷。",
        "今天的气温是−12℃～+5℃左右。",
        "增幅为5%～8%之间。",
    ):
        for chars in range(5, 16):
            lines = lines_of(setter, text, chars)
            assert "".join(line.text for line in lines) == text
            for line, nxt in zip(lines, lines[1:]):
                assert not (line.text[-1] in "-−+＋" and nxt.text[0].isdigit()), (chars, line.text)
                assert nxt.text[0] != "～", (chars, nxt.text)


def test_last_line_never_holds_one_character(setter):
    lines = lines_of(setter, "这一段文字的长度正好让最后一行只剩下一个字和一个字。")
    assert lines[-1].text == "个字。"


def test_indent_is_configurable(setter):
    style = ParagraphStyle("b", "serif", EM, 13.5, 0.0, 1.0, "justify")
    assert lines_of(setter, "首行缩进一字的段落。", style=style)[0].x == pytest.approx(EM)


def test_strict_keeps_dashes_off_the_line_start(registry):
    text = "这一行的文字恰好排到这——下一行开始的内容是这样的。"
    gb = lines_of(TextSetter(registry, "gb"), text)
    strict = lines_of(TextSetter(registry, "strict"), text)
    assert gb[1].text.startswith("——")
    assert not strict[1].text.startswith("—")


def test_missing_glyph_is_one_em_and_reported(setter):
    text = "缺字\U0010fffd在此"
    result = flow(setter, [Paragraph(text)], [ColumnSlot(0, 0, 30 * EM, 5)], story="s9")
    assert [(m.char, m.paragraph, m.offset, m.story) for m in result.missing] == [
        ("\U0010fffd", 0, 2, "s9")
    ]
    runs = result.lines[0].runs
    missing = [r for r in runs if r.missing]
    assert missing and missing[0].chars == "\U0010fffd"
    xs = [x for r in runs for x in r.xs]
    assert xs[3] - xs[2] == pytest.approx(EM)


def test_every_glyph_maps_back_to_its_source(setter):
    texts = ["他说：“Hello, world!”今天3.5%。", "第二段（有括号）……完。"]
    result = flow(setter, [Paragraph(t) for t in texts], [ColumnSlot(10, 20, 7 * EM, 50)])
    for line in result.lines:
        for run in line.runs:
            for ch, off in zip(run.chars, run.offsets):
                assert texts[line.paragraph][off] == ch


def test_flow_baselines_columns_and_continuation(setter):
    text = "汉字" * 60
    paras = [Paragraph(text), Paragraph(text)]
    slots = [ColumnSlot(0, 100, 13 * EM, 4), ColumnSlot(130, 100, 8 * EM, 4)]
    res = flow(setter, paras, slots, styles={"body": BODY})
    assert res.slot_lines == [4, 4]
    first = [line for line in res.lines if line.column == 0]
    second = [line for line in res.lines if line.column == 1]
    for i, line in enumerate(first):
        assert line.baseline == pytest.approx(100 + i * 13.5 + BASELINE_RATIO * EM)
    assert [line.baseline for line in first] == [line.baseline for line in second]
    assert all(line.measure == 8 * EM for line in second)
    assert res.end.paragraph == 0 and res.end.offset == second[-1].end
    assert res.overset_chars == 2 * len(text) - res.end.offset
    # Continue where it stopped, into a new slot: nothing lost, nothing repeated.
    more = flow(
        setter, paras, [ColumnSlot(0, 0, 13 * EM, 100)], start=res.end, styles={"body": BODY}
    )
    got = {0: "", 1: ""}
    for line in res.lines + more.lines:
        got[line.paragraph] += line.text
    assert got == {0: text, 1: text}
    assert more.overset_chars == 0 and more.empty_lines > 0
    assert more.end == FlowState(2, 0)


def test_heads_fit_and_centre(setter):
    story = Story(
        "s",
        kicker="引题",
        headline="十万市民同栽一片绿",
        deck="——副题可以用破折号开头",
        heads=HeadSettings(fit_sizes=(42.0, 36.0, 26.0), lines=1),
    )
    lines, height = set_heads(setter, story, default_styles(), 0.0, 0.0, 360.0)
    parts = [line.part for line in lines]
    assert parts == ["kicker", "headline", "deck"]
    head = lines[1]
    assert head.runs[0].size == 36.0  # 42 × 9 = 378 > 360; 36 × 9 fits
    assert head.x - head.column_x + head.width / 2 + (head.column_x - 0.0) == pytest.approx(180.0)
    assert lines[2].text.startswith("——")
    assert height > 0


def _head_lines(setter, headline, chars):
    story = Story("s", headline=headline, heads=HeadSettings(lines=3))
    lines, _ = set_heads(setter, story, default_styles(), 0.0, 0.0, chars * 26.0)
    return [line.text for line in lines]


def test_heads_break_at_a_space_or_after_punctuation(setter):
    assert _head_lines(setter, "港口集装箱吞吐量再创新高　年内突破百万标准箱", 14) == [
        "港口集装箱吞吐量再创新高　",
        "年内突破百万标准箱",
    ]
    assert _head_lines(setter, "十万市民同栽一片绿，植树节活动在全市展开", 12) == [
        "十万市民同栽一片绿，",
        "植树节活动在全市展开",
    ]


@pytest.mark.parametrize(
    "headline, chars",
    [
        ("全年集装箱吞吐量突破百万标准箱", 12),
        ("春风十里不如你的一个微笑和问候吗", 14),
        ("今年港口货物吞吐量大增", 10),
    ],
)
def test_heads_without_a_natural_break_are_balanced(setter, headline, chars):
    lines = _head_lines(setter, headline, chars)
    assert len(lines) == 2 and "".join(lines) == headline
    assert abs(len(lines[0]) - len(lines[1])) <= 1  # never 1–2 characters alone
    assert min(len(line) for line in lines) >= 3


def test_vertical_head_uses_vertical_forms(setter):
    style = default_styles()["headline"]
    lines, width = set_vertical_head(setter, "春风，“绿”满城", style, 0.0, 0.0, 4 * 26.0)
    drawn = "".join(run.chars for line in lines for run in line.runs)
    # GB/T 15834—2011: double quotes are ﹃﹄ in mainland vertical text, single quotes ﹁﹂.
    assert "︐" in drawn and "﹃" in drawn and "﹄" in drawn
    assert "﹁" not in drawn and "﹂" not in drawn
    single, _ = set_vertical_head(setter, "‘春’", style, 0.0, 0.0, 4 * 26.0)
    assert "".join(run.chars for line in single for run in line.runs) == "﹁春﹂"
    assert "".join(line.text for line in lines) == "春风，“绿”满城"
    assert all(run.vertical for line in lines for run in line.runs)
    assert lines[0].x > lines[-1].x  # first column on the right
    assert width == pytest.approx(len(lines) * 26.0 + (len(lines) - 1) * (32.0 - 26.0))


def test_vertical_double_dash_is_one_unbroken_rule(setter, registry):
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    style = default_styles()["headline"]
    lines, _ = set_vertical_head(setter, "春风——满城", style, 0.0, 0.0, 10 * 26.0)
    run = next(r for r in lines[0].runs if "春" in r.chars)
    k = lines[0].text.index("——")
    bars, tops = run.chars[k : k + 2], run.ys[k : k + 2]
    assert bars[0] == bars[1]
    assert tops[1] - tops[0] == pytest.approx(style.size)  # abutting em boxes
    # The bar's ink fills its em box top to bottom (baseline 0.88 em below the top), so the two
    # bars meet with no gap.
    face = registry.face_by_key(run.face)
    font = TTFont(face.path, lazy=True)
    upm = font["head"].unitsPerEm
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord(bars[0])]].draw(pen)
    _, bottom, _, top = pen.bounds
    assert top / upm >= 0.88 - 0.005 and bottom / upm <= -0.12 + 0.005


INVISIBLE_TEXT = (
    "本报讯\t记者报道，这是\u000c一段\ufeff含有控制字符的文字，co\u00adoperation与\u200bZWSP、"
    "\u200d连接符\u200c和异体字选择符葛\U000e0100以及\ufe0f结束\x01。"
)


def test_tabs_and_zero_width_characters_are_no_missing_glyphs(setter):
    result = flow(setter, [Paragraph(INVISIBLE_TEXT)], [ColumnSlot(0, 0, 13 * EM, 40)], story="s")
    assert result.missing == []
    assert "".join(line.text for line in result.lines) == INVISIBLE_TEXT
    drawn = ""
    for line in result.lines:
        for run in line.runs:
            assert not run.missing
            for ch, offset in zip(run.chars, run.offsets):
                source = INVISIBLE_TEXT[offset]  # offsets stay source offsets
                assert ch == (" " if source == "\t" else source)
                drawn += ch
    for ch in "\t\u000c\ufeff\u00ad\u200b\u200d\u200c\U000e0100\ufe0f\x01":
        assert ch not in drawn
    assert "本报讯 记者" in drawn  # the tab is set as a word space


def test_zero_width_space_is_a_break_opportunity(setter):
    word = "abcdefghij"
    lines = lines_of(setter, f"{word}\u200b{word}\u200b{word}", 8)
    assert [line.text.rstrip("\u200b") for line in lines] == [word, word, word]


def test_invisible_characters_take_no_room_in_vertical_heads(setter):
    style = default_styles()["headline"]
    lines, _ = set_vertical_head(setter, "春\ufeff风\u200d满城", style, 0.0, 0.0, 4 * 26.0)
    assert len(lines) == 1
    run = lines[0].runs[0]
    assert run.chars == "春风满城"
    assert run.ys == pytest.approx([0.0, 26.0, 52.0, 78.0])
    assert run.offsets == [0, 2, 4, 5]


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "galley", *args], capture_output=True, text=True
    )


def test_cli_bad_input_gives_a_chinese_message(tmp_path):
    copy = tmp_path / "a.txt"
    copy.write_text("正文一段。\n", encoding="utf-8")
    for args, words in [
        ((str(copy), "--size", "大号"), "字号"),
        ((str(copy), "--width", "4furlongs"), "长度"),
        ((str(tmp_path / "none.txt"),), "找不到"),
        ((str(copy), "--columns", "3"), "--page"),
    ]:
        run = _cli(*args)
        assert run.returncode != 0
        assert words in run.stderr
        assert "Traceback" not in run.stderr


def test_cli_paged_columns_fill_in_order(tmp_path):
    copy = tmp_path / "long.txt"
    copy.write_text(("这是一段用来填满版面的测试文字，" * 40 + "\n") * 12, encoding="utf-8")
    run = _cli(str(copy), "--json", *BENCH_PAGE_ARGS)
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    pages = {line["page"] for line in doc["lines"]}
    assert pages == set(range(1, max(pages) + 1)) and max(pages) >= 2
    # columns fill in order: (page, column) never goes back
    order = [(line["page"], line["column"]) for line in doc["lines"]]
    assert order == sorted(order)
    per_col = {}
    for line in doc["lines"]:
        per_col.setdefault((line["page"], line["column"]), []).append(line["baseline"])
    full = [v for k, v in per_col.items() if k[0] == 1]
    assert all(v == full[0] for v in full)  # neighbouring columns share baselines
    assert doc["measure_pt"] == pytest.approx((297 - 30 - 20) / 6 * 72 / 25.4, abs=0.01)


def test_line_breaks_in_a_head_are_kept_and_offsets_map_back(setter):
    story = Story("s", headline="第一行主题\n第二行", heads=HeadSettings(headline_size=26.0))
    lines, _ = set_heads(setter, story, default_styles(), 0.0, 0.0, 400.0)
    assert [line.text for line in lines] == ["第一行主题", "第二行"]
    for line in lines:
        for run in line.runs:
            assert [story.headline[o] for o in run.offsets] == list(run.chars)
    style = default_styles()["headline"]
    vlines, _ = set_vertical_head(setter, "春风\n满城", style, 0.0, 0.0, 10 * 26.0)
    assert [line.text for line in vlines] == ["春风", "满城"]
    assert vlines[1].runs[0].offsets == [3, 4]


def test_characters_missing_from_the_face_come_from_the_fallback_chain(setter, registry):
    text = "王堃和𠮷"
    own = registry.face("serif")
    lacking = [ch for ch in text if not own.has(ch)]
    if not lacking or any(registry.resolve(ch, "serif") is None for ch in lacking):
        pytest.skip("no fallback font for these characters on this machine")
    result = flow(setter, [Paragraph(text)], [ColumnSlot(0, 0, 30 * EM, 3)])
    assert result.missing == []
    faces = {ch: run.face for run in result.lines[0].runs for ch in run.chars}
    for ch in lacking:
        assert faces[ch] != own.key
        assert registry.face_by_key(faces[ch]).has(ch)
    xs = [x for run in result.lines[0].runs for x in run.xs]
    assert [b - a for a, b in zip(xs, xs[1:])] == pytest.approx([EM] * 3)


def test_prohibition_check_exempts_only_an_unavoidable_cluster_of_marks(registry):
    from compose_helpers import serif_width
    from typesetting_checks import CheckLine, check_prohibitions

    width = serif_width(registry)

    def lines(texts, first_x):
        out = [
            CheckLine(t, 0, first_x if i == 0 else 0.0, 0.0, 5 * EM) for i, t in enumerate(texts)
        ]
        for i, line in enumerate(out):
            line.first, line.last = i == 0, i == len(out) - 1
        return out

    # 一 and its five marks cannot fit 3 em at ½ em a mark: a mark must start the next line.
    assert check_prohibitions(lines(["一”。！？", "”"], 2 * EM), ["一”。！？”"], width) == []
    # 中 could have gone down with its mark: a violation.
    bad = check_prohibitions(lines(["一二三中", "。四五"], 0.0), ["一二三中。四五"], width)
    assert bad != []


def test_an_over_long_unit_does_not_leave_its_last_character_alone(setter):
    lines = lines_of(setter, "《。0939-8211939", 6)
    assert "".join(line.text for line in lines) == "《。0939-8211939"
    assert len(lines[-1].text) >= 2


@pytest.mark.parametrize("last, moved", [(3, True), (6, True), (7, False), (13, False)])
def test_a_short_last_line_takes_the_line_before_it_to_the_next_column(setter, last, moved):
    # 11 characters after the 2 em indent, two full lines, then `last` characters: in columns of
    # three lines the last line would start the second column alone. Below half the measure
    # (6.5 字) the line before it goes along, leaving the first column one line short.
    text = "一" * (11 + 13 * 2 + last)
    slots = [ColumnSlot(0, 0, 117.0, 3, column=0), ColumnSlot(130, 0, 117.0, 3, column=1)]
    res = flow(setter, [Paragraph(text)], slots, styles=default_styles())
    assert res.overset_chars == 0 and "".join(ln.text for ln in res.lines) == text
    assert res.slot_lines == ([2, 2] if moved else [3, 1])
    # Without a later column the line stays (there is nowhere better for it).
    alone = flow(setter, [Paragraph(text)], slots[:1], styles=default_styles())
    assert alone.slot_lines == [3]
