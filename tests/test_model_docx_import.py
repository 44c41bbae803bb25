""".docx copy from Word/WPS: heads from heading styles or the plain-text markup, soft line breaks,
and damaged, old-format, empty or oversized files refused with a message naming the file."""

from __future__ import annotations

import zipfile

import pytest

docx = pytest.importorskip("docx")

from newsdesk.errors import CopyImportError  # noqa: E402
from newsdesk.model import docx_import  # noqa: E402
from newsdesk.model.docx_import import import_docx_file  # noqa: E402


def make_docx(path, paragraphs) -> None:
    """paragraphs: (style or None, text) — text may hold "\\n" for a soft line break."""
    document = docx.Document()
    for style, text in paragraphs:
        lines = text.split("\n")
        p = document.add_paragraph(lines[0], style=style)
        for line in lines[1:]:
            run = p.add_run()
            run.add_break()
            run.add_text(line)
    document.save(str(path))


def test_heading_styles_and_markup(tmp_path) -> None:
    path = tmp_path / "夜读.docx"
    make_docx(
        path,
        [
            (None, "^ 城市书房延长开放时间"),
            ("Title", "夜读的灯"),
            ("Heading 1", "亮到十点"),
            ("Heading 2", "全市二十六家城市书房试行新作息"),
            (None, "@ 本报讯（记者 林晓）"),
            (None, "　　从下月起，市内二十六家城市书房将开放到晚上十点。"),
            (None, ""),
            (None, "读者可凭身份证入馆。\n借还书 24 小时自助。"),
        ],
    )
    story = import_docx_file(path, "s7")
    assert story.id == "s7" and story.slug == "夜读"
    assert story.kicker == "城市书房延长开放时间"
    assert story.headline == "夜读的灯\n亮到十点"
    assert story.deck == "全市二十六家城市书房试行新作息"
    assert story.byline == "本报讯（记者 林晓）"
    assert [p.text for p in story.paragraphs] == [
        "从下月起，市内二十六家城市书房将开放到晚上十点。",
        "读者可凭身份证入馆。",
        "借还书 24 小时自助。",
    ]


def test_chinese_style_names(tmp_path) -> None:
    document = docx.Document()
    style = document.styles.add_style("标题 1", 1)  # WPS-style Chinese name
    document.add_paragraph("江上新桥", style=style)
    document.add_paragraph("正文一段。")
    path = tmp_path / "wps.docx"
    document.save(str(path))
    story = import_docx_file(path)
    assert story.headline == "江上新桥" and story.paragraphs[0].text == "正文一段。"


@pytest.mark.parametrize(
    "data, words",
    [
        (b"PK\x03\x04 not really a zip", "不是有效的 Word 文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版 Word 的 .doc"),
        (b"hello", "不是有效的 Word 文档"),
    ],
)
def test_damaged_files_are_refused_with_their_name(tmp_path, data, words) -> None:
    path = tmp_path / "坏稿.docx"
    path.write_bytes(data)
    with pytest.raises(CopyImportError) as err:
        import_docx_file(path)
    assert words in str(err.value) and "坏稿.docx" in str(err.value)


def test_a_zip_that_is_not_a_word_document(tmp_path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(CopyImportError, match="不是有效的 Word 文档"):
        import_docx_file(path)


def test_empty_document(tmp_path) -> None:
    path = tmp_path / "空.docx"
    make_docx(path, [(None, ""), (None, "   ")])
    with pytest.raises(CopyImportError, match="没有文字"):
        import_docx_file(path)


def test_unpacked_size_is_bounded(tmp_path, monkeypatch) -> None:
    path = tmp_path / "big.docx"
    make_docx(path, [(None, "正文" * 2000)])
    monkeypatch.setattr(docx_import, "MAX_UNPACKED", 10_000)
    with pytest.raises(CopyImportError, match="解压后过大"):
        import_docx_file(path)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(CopyImportError, match="找不到此文件"):
        import_docx_file(tmp_path / "nope.docx")
