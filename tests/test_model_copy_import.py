"""Copy import: every supported encoding detected, the markup parsed, bad files refused."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import CopyImportError
from newsdesk.model.copy_import import (
    decode_copy_bytes,
    detect_encoding,
    gb2312_chars,
    import_copy_file,
    parse_copy,
    parse_copy_parts,
    read_copy_file,
)

# Written for these tests: a kicker, a two-line headline, a deck, a byline and body copy with
# the full-width indents, CRLF line ends and trailing spaces that real copy has.
COPY = (
    "^ 引题：城市书房延长开放时间\r\n"
    "# 夜读的灯\r\n"
    "# 亮到十点\r\n"
    "## 全市二十六家城市书房试行新作息\r\n"
    "@ 本报讯（记者 林晓）\r\n"
    "\r\n"
    "　　从下月起，市内二十六家城市书房将开放到晚上十点。  \r\n"
    "　　读者可凭身份证或电子借书证入馆，借还书 24 小时自助。\r\n"
    "\r\n"
    "\\# 这一行以井号开头，但不是标题。\r\n"
    "#不带空格的井号也不是标题。\r\n"
)

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk", "gb2312"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_each_encoding_is_detected(tmp_path, encoding):
    path = tmp_path / f"稿件-{encoding}.txt"
    path.write_bytes(COPY.encode(encoding))
    assert read_copy_file(path) == COPY


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_corpus_page_in_each_encoding(tmp_path, corpus_dir, encoding):
    text = (corpus_dir / "seed-page.txt").read_text(encoding="utf-8")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"the corpus has characters outside {encoding}")
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    assert read_copy_file(path) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_or_any_ascii(encoding):
    """No NUL bytes to go by: pure hanzi and full-width punctuation, no newline."""
    text = "城市书房将开放到晚上十点，读者可凭身份证入馆，借还书全天自助。"
    assert detect_encoding(text.encode(encoding)) == encoding
    assert decode_copy_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "text",
    ["Hello world, this is mostly English 你好", "NBA 总决赛 G7: Lakers 108-101 Celtics", "ab"],
)
def test_ascii_heavy_gbk_is_not_mistaken_for_utf16(text):
    data = text.encode("gbk")
    assert decode_copy_bytes(data) == text


def test_gbk_is_read_as_gb18030_superset():
    text = "镕、堃、喆与𠮷：生僻字在 GB18030 中都有编码。"
    data = text.encode("gb18030")
    assert detect_encoding(data) == "gb18030"
    assert decode_copy_bytes(data) == text


def test_bom_is_not_part_of_the_text():
    assert decode_copy_bytes(codecs.BOM_UTF8 + "正文".encode()) == "正文"
    assert decode_copy_bytes(codecs.BOM_UTF16_LE + "正文".encode("utf-16-le")) == "正文"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\x01\x02\x03\xff",
        bytes(range(256)) * 16,
        b"\x80\x81\xff\xfe\xfd",
    ],
)
def test_binary_files_are_refused_with_the_file_name(tmp_path, data):
    path = tmp_path / "图片.png"
    path.write_bytes(data)
    with pytest.raises(CopyImportError) as info:
        read_copy_file(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(CopyImportError, match="找不到此文件"):
        read_copy_file(tmp_path / "nope.txt")


def test_markup():
    story = parse_copy(COPY, story_id="s7")
    assert story.id == "s7"
    assert story.kicker == "引题：城市书房延长开放时间"
    assert story.headline == "夜读的灯\n亮到十点"
    assert story.deck == "全市二十六家城市书房试行新作息"
    assert story.byline == "本报讯（记者 林晓）"
    assert [p.text for p in story.paragraphs] == [
        "从下月起，市内二十六家城市书房将开放到晚上十点。",
        "读者可凭身份证或电子借书证入馆，借还书 24 小时自助。",
        "# 这一行以井号开头，但不是标题。",
        "#不带空格的井号也不是标题。",
    ]
    assert {p.style for p in story.paragraphs} == {"body"}


def test_markup_lines_are_recognised_anywhere_and_empty_ones_ignored():
    parts = parse_copy_parts("正文一\n# \n@ 署名\n正文二\r^   引题  \n##\t\n")
    assert parts.paragraphs == ["正文一", "正文二"]
    assert parts.byline == ["署名"] and parts.kicker == ["引题"]
    assert parts.headline == [] and parts.deck == []


def test_plain_text_without_markup_is_all_body_paragraphs():
    text = "第一段。\n\n  第二段。\t\n\u3000\u3000第三段。\n"
    story = parse_copy(text)
    assert [p.text for p in story.paragraphs] == ["第一段。", "第二段。", "第三段。"]
    assert story.headline == story.kicker == story.deck == story.byline == ""


def test_corpus_page_without_markup(corpus_dir):
    text = (corpus_dir / "seed-page.txt").read_text(encoding="utf-8")
    story = parse_copy(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert [p.text for p in story.paragraphs] == lines
    assert any("下转第三版" in p.text for p in story.paragraphs)


def test_import_copy_file_names_the_story_after_the_file(tmp_path):
    path = tmp_path / "夜读.txt"
    path.write_bytes(COPY.encode("gbk"))
    story = import_copy_file(path, story_id="s1")
    assert story.slug == "夜读" and story.headline == "夜读的灯\n亮到十点"
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"\xef\xbb\xbf \r\n\r\n")
    with pytest.raises(CopyImportError, match="没有文字"):
        import_copy_file(empty)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030"])
def test_ten_megabyte_copy_is_read_whole(tmp_path, encoding):
    # Speed belongs in benchmarks; this checks that a huge file is read completely and exactly.
    paragraph = "　　城市书房延长开放时间，读者可凭证入馆，借还书 24 小时自助。\n"
    text = paragraph * (10_000_000 // len(paragraph.encode(encoding)) + 1)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode(encoding))
    story = parse_copy(read_copy_file(path))
    assert len(story.paragraphs) == text.count("\n")
    assert story.paragraphs[-1].text == paragraph.strip()


def _level1_hanzi() -> list[str]:
    """The 3,755 most common hanzi (GB 2312 level 1): what real copy is made of."""
    return sorted(gb2312_chars(0xB0, 0xD7))


common_copy_text = st.text(
    st.one_of(st.sampled_from(_level1_hanzi()), st.sampled_from("，。、；：？！“”（）《》—…　")),
    min_size=12,
    max_size=200,
)

copy_text = st.text(
    st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.sampled_from("，。、；：？！“”（）《》—…　 \n0123456789abcXYZ"),
    ),
    max_size=200,
)


@settings(max_examples=60, deadline=None)
@given(copy_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_any_chinese_text_survives_a_bom_or_utf8(text, encoding):
    assert decode_copy_bytes(text.encode(encoding)) == text


@settings(max_examples=60, deadline=None)
@given(
    common_copy_text.filter(lambda t: sum(c >= "\u4e00" for c in t) >= 4),
    st.sampled_from(["gb18030", "utf-16-le", "utf-16-be"]),
)
def test_chinese_text_without_bom_is_detected(text, encoding):
    """A dozen characters, a few of them hanzi, are enough to tell the encodings apart."""
    assert decode_copy_bytes(text.encode(encoding)) == text


@settings(max_examples=60, deadline=None)
@given(st.lists(copy_text.map(lambda t: t.replace("\n", "")), max_size=8))
def test_unmarked_lines_become_their_stripped_text(lines):
    text = "\r\n".join(lines)
    expected = [line.strip() for line in lines if line.strip()]
    assert [p.text for p in parse_copy(text).paragraphs] == expected


# --- robustness: damaged files, other encodings, positions of bad bytes -----------------------


def test_utf16_bom_followed_by_a_lone_surrogate_is_a_clear_error(tmp_path):
    path = tmp_path / "bad16.txt"
    path.write_bytes(b"\xff\xfe\x00\xd8")
    with pytest.raises(CopyImportError, match="UTF-16-LE") as info:
        read_copy_file(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Café résumé naïve, Zürich Straße.\n", "latin-1"),
        ("Windows-1252 “smart quotes” – dash\n", "cp1252"),
        ("Ærø og Ålborg får nye færger i år.\nSøndag åbner Nørrebro.\n", "latin-1"),
    ],
)
def test_western_single_byte_copy_is_refused_not_misread(tmp_path, text, encoding):
    path = tmp_path / "wire.txt"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(CopyImportError, match="无法识别文字编码"):
        read_copy_file(path)


# Written for these tests: traditional-character wire copy as Taiwan and Hong Kong send it.
BIG5_COPY = "^ 臺北電\n# 捷運新線今日通車\n@ 本報記者 陳美玲\n　　市民紛紛搭乘，車站擠滿人潮。\n"


@pytest.mark.parametrize("encoding", ["big5", "cp950", "big5hkscs"])
def test_big5_copy_is_decoded(tmp_path, encoding):
    path = tmp_path / "台北.txt"
    path.write_bytes(BIG5_COPY.encode(encoding))
    assert read_copy_file(path) == BIG5_COPY
    assert parse_copy(read_copy_file(path)).headline == "捷運新線今日通車"


def test_gbk_with_pinyin_letters_is_still_gbk():
    text = "本报讯 Café in Zürich：lǜ 与 lüè 是拼音。\n"
    assert decode_copy_bytes(text.encode("gbk")) == text


def test_one_bad_byte_in_utf8_copy_is_located(tmp_path):
    lines = ["　　城市书房延长开放时间，读者可凭证入馆。"] * 200
    data = bytearray("\n".join(lines).encode())
    line_start = sum(len(line.encode()) + 1 for line in lines[:120])
    data[line_start + 3] = 0xFF  # inside the 2nd character of line 121
    path = tmp_path / "一处坏字节.txt"
    path.write_bytes(bytes(data))
    with pytest.raises(CopyImportError) as info:
        read_copy_file(path)
    message = str(info.value)
    assert "第 121 行" in message and f"第 {line_start + 4} 字节" in message and "0xFF" in message


def _big5_common() -> list[str]:
    chars = []
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if lead == 0xC6 and trail > 0x7E:
                break  # Big5 level 1 ends at C67E
            try:
                chars.append(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return chars


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        st.one_of(st.sampled_from(_big5_common()), st.sampled_from("，。、；：？！（）「」　\n")),
        min_size=16,
        max_size=200,
    ).filter(lambda t: sum(c >= "\u4e00" for c in t) >= 8)
)
def test_traditional_text_in_big5_is_read_back(text):
    assert decode_copy_bytes(text.encode("cp950")) == text


# Western copy: accented letters inside words, quotes and dashes between words; a final newline.
western = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCXYZ,.;'\n0123456789éèêàâçôöüäßñÉÅøæ“”–"),
    min_size=8,
    max_size=300,
).map(lambda t: "".join(f"r{c}e" if c >= "\x80" else c for c in t) + "\n")


@settings(max_examples=60, deadline=None)
@given(western.filter(lambda t: any(c >= "\x80" for c in t)))
def test_western_text_is_never_turned_into_mojibake(text):
    """Accented Western copy in cp1252 is refused; it never comes back as other characters.

    (Two accented letters side by side can be a valid hanzi in GB or Big5; real words rarely
    have them, and such a file is judged by how common those hanzi are.)
    """
    try:
        decoded = decode_copy_bytes(text.encode("cp1252"))
    except CopyImportError:
        return
    assert decoded == text


# --- normalisation of copy from other tools ---------------------------------------------------


def test_bom_at_a_line_start_does_not_hide_a_marker():
    """Two files concatenated: the second one's BOM opens a line in the middle of the text."""
    story = parse_copy("\ufeff# 标题\n正文一。\n\ufeff## 副题\n正文\ufeff二。\n")
    assert story.headline == "标题" and story.deck == "副题"
    assert [p.text for p in story.paragraphs] == ["正文一。", "正文二。"]


def test_bom_inside_a_file_is_removed_on_import(tmp_path):
    path = tmp_path / "合并.txt"
    path.write_bytes(codecs.BOM_UTF8 + "# 标题\n正文一。\n".encode() * 2)
    story = import_copy_file(path)
    assert story.headline == "标题\n标题"
    assert all("\ufeff" not in p.text for p in story.paragraphs)


def test_form_feed_and_other_line_separators_end_a_line():
    story = parse_copy("第一页最后一段。\f第二页第一段。\v第三段。\u2028第四段。\u2029# 标题\n")
    assert [p.text for p in story.paragraphs] == [
        "第一页最后一段。",
        "第二页第一段。",
        "第三段。",
        "第四段。",
    ]
    assert story.headline == "标题"


def test_tabs_inside_a_line_become_one_space():
    story = parse_copy("#\t标题\t\t二\n\t\t正文\t数据 \t 123。\n@ 记者\t张三\n")
    assert story.headline == "标题 二" and story.byline == "记者 张三"
    assert [p.text for p in story.paragraphs] == ["正文 数据 123。"]


@settings(max_examples=60, deadline=None)
@given(
    copy_text, st.lists(st.sampled_from(["\ufeff", "\f", "\t", "\u2028"]), max_size=6), st.data()
)
def test_no_bom_form_feed_or_tab_survives_parsing(text, debris, data):
    for piece in debris:
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + piece + text[at:]
    story = parse_copy(text)
    for chunk in [story.headline, story.byline, *(p.text for p in story.paragraphs)]:
        assert not set(chunk) & {"\ufeff", "\f", "\t", "\u2028"}


def test_control_character_is_named_with_its_line():
    data = "第一行。\n第二行。\n第三\x07行。\n".encode()
    with pytest.raises(CopyImportError, match=r"第 3 行有控制字符 U\+0007"):
        decode_copy_bytes(data, "稿.txt")


def test_utf16_byte_order_follows_the_common_reading_not_a_lone_nul() -> None:
    # U+3000 is the only character with a NUL byte, and in LE that NUL sits where BE's would.
    text = "——\u3000临临临临临临债儿儿"
    assert decode_copy_bytes(text.encode("utf-16-le")) == text
    assert decode_copy_bytes(text.encode("utf-16-be")) == text
