"""Placeholder detection is precise (real copy that repeats itself or masks names passes) and a
finding the desk accepts (`preflight --accept KEY`) no longer blocks the print export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_export_output_guard import small_edition

from newsdesk.cli import main
from newsdesk.export.placeholders import FILLER_RUN, placeholder_reason
from newsdesk.export.preflight import ACCEPTABLE_CODES
from newsdesk.model.edition_file import load_edition, save_edition

SENTENCE = "社区食堂开张第一天，老人们排队品尝十元一份的午餐，志愿者在门口帮忙引导。"


@pytest.mark.parametrize(
    "text",
    [
        "看台上，球迷齐声高喊“加油！加油！加油！加油！加油！”。",
        "据当年档案记载，“×××同志于1958年调入该厂”。",
        "碑文部分字迹漫漶，可辨认的有“□□□年重修”字样。",
        "孩子们笑得“哈哈哈哈哈哈哈哈”。咚咚咚咚咚，鼓声响起。",
        "“谢谢谢谢！”她连声说。" + SENTENCE,
        "Super Bowl XXX 的门票",
        "请输入密码后进入系统，" + SENTENCE,
    ],
)
def test_natural_repetition_and_masks_in_copy_pass(text: str) -> None:
    assert placeholder_reason(text, "body") == ""


@pytest.mark.parametrize(
    "text, part",
    [
        ("主题", "kicker"),  # a word in a kicker
        ("引题", "headline"),
        ("本报记者 王×", "byline"),
    ],
)
def test_slot_names_outside_their_slot_pass(text: str, part: str) -> None:
    assert placeholder_reason(text, part) == ""


@pytest.mark.parametrize(
    "text, part",
    [
        ("主题", "headline"),
        ("副标题", "deck"),
        ("引题", "kicker"),
        ("标题", "kicker"),
        ("正文", "headline"),
        ("本报记者 ×××", "byline"),
        ("此处输入正文", "body"),
        ("请输入标题", "headline"),
        ("HEADLINE HERE", "headline"),
        ("lorem ipsum dolor", "body"),
        ("张XX表示同意", "body"),
        ("XXXX", "body"),
        ("文字文字文字，" + SENTENCE, "body"),
        ("正文正文正文", "body"),
        ("测试测试测试测试", "body"),  # a whole paragraph of filler
        ("哈" * FILLER_RUN, "body"),  # a long run of one unit
        (SENTENCE + "示例" * (FILLER_RUN // 2), "body"),
        ("××××××", "body"),
    ],
)
def test_placeholders_still_caught(text: str, part: str) -> None:
    assert placeholder_reason(text, part)


def test_short_runs_below_the_threshold_pass() -> None:
    assert placeholder_reason(SENTENCE + "哈" * (FILLER_RUN - 1) + "。") == ""
    assert placeholder_reason(SENTENCE + "哈" * FILLER_RUN + "。")


# --- accepting a finding -------------------------------------------------------------------------


@pytest.fixture
def kicker_reads_zhuti(tmp_path: Path) -> Path:
    """A clean small edition whose headline reads 主题: a placeholder error to accept."""
    path = small_edition(tmp_path)
    ed = load_edition(path)
    ed.stories["s1"].headline = "主题"
    save_edition(ed, path, keep_backup=False)
    return path


def _json(argv: list[str], capsys) -> dict:
    main(argv)
    return json.loads(capsys.readouterr().out)


def test_accepted_finding_no_longer_blocks_export(kicker_reads_zhuti: Path, tmp_path, capsys):
    path = kicker_reads_zhuti
    report = _json(["preflight", str(path), "--json"], capsys)
    (finding,) = [f for f in report["findings"] if f["code"] == "placeholder"]
    assert finding["key"] == "placeholder:s1:headline" and finding["acceptable"]
    assert main(["export", str(path), "-o", str(tmp_path / "refused.pdf")]) == 1
    capsys.readouterr()

    assert main(["preflight", str(path), "--accept", "placeholder:s1:headline"]) == 0
    out = capsys.readouterr().out
    assert "[已接受]" in out and "已接受：placeholder:s1:headline" in out
    assert load_edition(path).print.accepted == ["placeholder:s1:headline"]
    assert path.with_name(path.name + ".bak").is_file()  # written like a save

    outdir = tmp_path / "out"
    assert main(["export", str(path), "--outdir", str(outdir)]) == 0
    manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["preflight"]["accepted_keys"] == ["placeholder:s1:headline"]
    assert manifest["forced"] is False

    assert main(["preflight", str(path), "--revoke", "placeholder:s1:headline"]) == 1
    assert load_edition(path).print.accepted == []


def test_only_intended_kinds_can_be_accepted(tmp_path: Path, capsys) -> None:
    path = small_edition(tmp_path)
    ed = load_edition(path)
    ed.stories["s1"].paragraphs[0].text *= 400  # overset
    save_edition(ed, path, keep_backup=False)
    report = _json(["preflight", str(path), "--json"], capsys)
    overset = next(f for f in report["findings"] if f["code"] == "overset")
    assert not overset["acceptable"] and "overset" not in ACCEPTABLE_CODES
    assert main(["preflight", str(path), "--accept", overset["key"]]) == 1
    assert "不能接受" in capsys.readouterr().err
    assert main(["preflight", str(path), "--accept", "placeholder:nothing:here"]) == 1
    assert "没有这一项" in capsys.readouterr().err
    assert load_edition(path).print.accepted == []


def test_keys_are_unique_and_stable(kicker_reads_zhuti: Path, capsys) -> None:
    first = _json(["preflight", str(kicker_reads_zhuti), "--json"], capsys)
    again = _json(["preflight", str(kicker_reads_zhuti), "--json"], capsys)
    keys = [f["key"] for f in first["findings"]]
    assert len(keys) == len(set(keys)) and keys == [f["key"] for f in again["findings"]]
