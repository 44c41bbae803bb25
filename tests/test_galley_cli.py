"""`newsdesk galley`: the output never replaces the copy or a non-PDF file, is written
atomically, and bad measures, indents, margins and columns get a Chinese message; heads fit the
galley's measure; columns are whole characters wide."""

from __future__ import annotations

import json
import os

import pytest

from newsdesk.cli import main
from newsdesk.cli.galley_cmd import missing_char_label
from newsdesk.compose.galley import GalleySpec, build_galley
from newsdesk.compose.setter import TextSetter
from newsdesk.model.copy_import import parse_copy
from newsdesk.model.units import mm

# Written for these tests.
COPY = (
    "^ 十年规划终成通途　两岸往来缩至八分钟\n"
    "# 全市二十六家城市书房试行新作息\n"
    "## 读者可凭身份证入馆\n"
    "@ 本报讯（记者 林晓）\n"
    "　　从下月起，市内二十六家城市书房将开放到晚上十点。读者可凭身份证或电子借书证入馆。\n"
) * 1


@pytest.fixture
def copy_file(tmp_path):
    path = tmp_path / "稿件.txt"
    path.write_text(COPY, encoding="utf-8")
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["galley", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def galley_doc(capsys, *args) -> dict:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


# --- output file --------------------------------------------------------------------------------


def test_output_that_is_the_copy_is_refused(capsys, copy_file, tmp_path):
    before = copy_file.read_bytes()
    code, _, err = run(capsys, copy_file, "-o", copy_file)
    assert code == 1 and "稿件文件本身" in err
    link = tmp_path / "link.txt"
    link.symlink_to(copy_file)
    code, _, err = run(capsys, copy_file, "-o", link, "--force")  # --force does not help
    assert code == 1 and "稿件文件本身" in err
    assert copy_file.read_bytes() == before


def test_existing_non_pdf_needs_force_and_a_pdf_is_replaced(capsys, copy_file, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("校对意见", encoding="utf-8")
    code, _, err = run(capsys, copy_file, "-o", notes)
    assert code == 1 and "--force" in err
    assert notes.read_text(encoding="utf-8") == "校对意见"
    assert run(capsys, copy_file, "-o", notes, "--force")[0] == 0
    assert notes.read_bytes().startswith(b"%PDF-")
    old = tmp_path / "old.pdf"
    old.write_bytes(b"%PDF-1.4\n% an older proof\n")
    assert run(capsys, copy_file, "-o", old)[0] == 0
    assert old.stat().st_size > 1000


def test_pdf_is_written_atomically(capsys, copy_file, tmp_path, monkeypatch):
    """A failed write leaves the old PDF and no temporary file."""
    import newsdesk.render.pdf as pdf

    old = tmp_path / "proof.pdf"
    old.write_bytes(b"%PDF-1.4\n% yesterday\n")

    def broken(pages, path, *args, **kwargs):
        with open(path, "wb") as fh:
            fh.write(b"%PDF-half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "write_pdf", broken)
    code, _, err = run(capsys, copy_file, "-o", old)
    assert code == 1 and "无法写入" in err and "proof.pdf" in err
    assert old.read_bytes() == b"%PDF-1.4\n% yesterday\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proof.pdf", "稿件.txt"]


def test_written_pdf_has_normal_permissions(capsys, copy_file, tmp_path):
    out = tmp_path / "proof.pdf"
    assert run(capsys, copy_file, "-o", out)[0] == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


def test_output_in_a_missing_folder_is_a_chinese_message(capsys, copy_file, tmp_path):
    code, _, err = run(capsys, copy_file, "-o", tmp_path / "无" / "x.pdf")
    assert code == 1 and "所在文件夹不存在" in err


# --- measures, indents, margins, columns ------------------------------------------------------


@pytest.mark.parametrize(
    "args, words",
    [
        (("--indent", "20"), "首行缩进 20 字太大"),
        (("--indent", "13"), "首行缩进"),
        (("--measure", "3"), "栏宽至少 4 个字"),
        (("--page", "297x420mm", "--margins", "200mm"), "页边距太大"),
        (("--page", "297x420mm", "--margins", "140mm"), "超过版心宽"),
        (("--page", "297x420mm", "--margins", "15mm", "--columns", "40"), "栏宽太窄"),
        (("--page", "420x297mm", "--margins", "140mm", "--measure", "10"), "版面太矮"),
        (("--page", "297x420mm", "--columns", "6", "--measure", "10"), "--measure 与 --columns"),
        (("--page", "297x420mm", "--columns", "6", "--width", "40mm"), "--width 与 --columns"),
        (("--margins=-5mm",), "不能为负"),
    ],
)
def test_impossible_galleys_are_refused_in_chinese(capsys, copy_file, args, words):
    code, out, err = run(capsys, copy_file, *args)
    assert code == 1 and words in err, err
    assert out == ""


def test_head_too_tall_for_the_type_area_is_refused(capsys, copy_file):
    # Four lines of type area would hold the body, but not the heads above it as well.
    code, _, err = run(
        capsys, copy_file, "--page", "297x62mm", "--margins", "15mm", "--leading", "7mm"
    )
    assert code == 1 and "标题占" in err, err


def test_indent_just_below_the_measure_is_accepted(capsys, copy_file):
    doc = galley_doc(capsys, copy_file, "--indent", "12")
    first = doc["lines"][0]
    assert first["x"] == pytest.approx(12 * 9) and first["x"] + first["width"] <= 117 + 0.01


@pytest.mark.parametrize("columns", [2, 5, 6, 7])
def test_columns_without_gutter_are_whole_characters(capsys, copy_file, columns):
    doc = galley_doc(capsys, copy_file, "--page", "297x420mm", "--columns", columns)
    chars = doc["measure_pt"] / doc["size_pt"]
    assert chars == pytest.approx(round(chars)), chars
    # the remainder went into the gutters: the last column still ends at the right margin
    type_w = mm(297 - 30)
    gutter = (type_w - columns * doc["measure_pt"]) / (columns - 1)
    assert doc["size_pt"] - 1e-6 <= gutter < doc["size_pt"] + doc["measure_pt"] / (columns - 1)


def test_auto_columns_fill_the_type_area(registry):
    story = parse_copy("正文。" * 2000)
    spec = GalleySpec(page=(mm(297), mm(420)), margins=mm(15))
    galley = build_galley(TextSetter(registry), story, spec)
    frames = [f for f in galley.pages[0].frames if f.kind == "galley"]
    assert all(f.width == pytest.approx(117.0) for f in frames)
    assert frames[0].x == pytest.approx(mm(15))
    assert frames[-1].x + frames[-1].width == pytest.approx(mm(297 - 15))


@pytest.mark.parametrize("name", ["A4", "a4", "A3", "B4", "对开", "四开"])
def test_named_page_sizes(capsys, copy_file, name):
    doc = galley_doc(capsys, copy_file, "--page", name)
    assert doc["lines"] and doc["pages"] >= 1


# --- heads --------------------------------------------------------------------------------------


def test_heads_fit_a_thirteen_character_galley(capsys, copy_file):
    doc = galley_doc(capsys, copy_file)
    heads = {}
    for head in doc["heads"]:
        heads.setdefault(head["part"], []).append(head["text"])
    # the kicker breaks at its full-width space, not inside a phrase
    assert heads["kicker"] == ["十年规划终成通途", "两岸往来缩至八分钟"]
    # the 15-character main head takes two lines, not four of 26 pt
    assert (
        len(heads["headline"]) == 2
        and "".join(heads["headline"]) == "全市二十六家城市书房试行新作息"
    )


def test_head_sizes_and_offsets_in_the_layout(registry):
    story = parse_copy(COPY)
    galley = build_galley(TextSetter(registry), story, GalleySpec())
    by_part = {}
    for line in galley.head_lines:
        by_part.setdefault(line.part, []).append(line)
        assert line.x >= galley.pages[0].frames[0].x - 0.01
        assert line.x + line.width <= galley.pages[0].frames[0].x + 117 + 0.01
        for run in line.runs:  # offsets still point into the copy's head text
            text = getattr(story, line.part)
            assert [text[o] for o in run.offsets] == list(run.chars)
    sizes = {
        part: {run.size for line in lines for run in line.runs} for part, lines in by_part.items()
    }
    assert max(sizes["headline"]) > max(sizes["kicker"]) >= 9
    assert 12 <= min(sizes["headline"]) < 26


def test_short_head_keeps_its_full_size(registry):
    story = parse_copy("# 夜读的灯\n正文。\n")
    galley = build_galley(TextSetter(registry), story, GalleySpec())
    assert {run.size for line in galley.head_lines for run in line.runs} == {26.0}


# --- missing-glyph notice -------------------------------------------------------------------------


def test_missing_char_labels_show_code_points():
    assert missing_char_label("𪚥") == "𪚥 U+2A6A5"
    assert missing_char_label("\u200b") == "U+200B"
    assert missing_char_label("\ufeff") == "U+FEFF"
    assert missing_char_label("\u0301") == "U+0301"
    assert missing_char_label("\x85") == "U+0085"


# --- copy files the galley cannot read ----------------------------------------------------------


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\xff\xfe\x00\xd8", "UTF-16-LE"),
        ("Café résumé naïve, Zürich Straße.\n".encode("latin-1"), "无法识别文字编码"),
        ("　　正文第一段。\n".encode() * 300 + b"\xff" + "第二段。\n".encode(), "第 301 行"),
    ],
)
def test_unreadable_copy_is_a_chinese_message_not_an_internal_error(capsys, tmp_path, data, words):
    path = tmp_path / "稿.txt"
    path.write_bytes(data)
    code, out, err = run(capsys, path, "-o", tmp_path / "out.pdf")
    assert code == 1 and words in err and str(path) in err, err
    assert not (tmp_path / "out.pdf").exists()


def test_big5_copy_sets_a_galley(capsys, tmp_path):
    path = tmp_path / "台北.txt"
    path.write_bytes("# 捷運新線今日通車\n　　市民紛紛搭乘，車站擠滿人潮。\n".encode("big5"))
    doc = galley_doc(capsys, path)
    assert "".join(line["text"] for line in doc["lines"]) == "市民紛紛搭乘，車站擠滿人潮。"
