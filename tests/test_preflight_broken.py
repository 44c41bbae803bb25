"""A hand-broken edition: every problem is found by `newsdesk preflight`, and a print export
refuses it (unless --force, which the manifest records)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PIL import Image

from newsdesk.cli import main
from newsdesk.export.preflight import preflight
from newsdesk.fonts import default_registry
from newsdesk.model.edition import Block, Edition, Page, Paragraph, Story
from newsdesk.model.edition_file import save_edition

SENTENCE = "城市的早晨从菜市场开始，摊主们把新鲜的蔬菜摆上货架，顾客在讨价还价中挑选一天的食材。"

# Characters from CJK Extension G/H and a private-use plane: the first one no font has is used.
RARE_CANDIDATES = ["\U0003134a", "\U00030000", "\U00031350", "\U000f0001"]


def character_no_font_has() -> str:
    registry = default_registry()
    for ch in RARE_CANDIDATES:
        if registry.resolve(ch, "serif") is None:
            return ch
    pytest.skip("every candidate character has a font on this machine")


def broken_edition(folder: Path, rare: str) -> Edition:
    Image.new("RGB", (90, 60), (200, 40, 40)).save(folder / "tiny.jpg")  # low-res RGB photo
    ed = Edition(paper="测试日报", date=dt.date(2026, 11, 27), number=7)
    p1, p2 = Page("p1"), Page("p2")
    ed.pages = [p1, p2]
    g = p1.grid
    ed.stories["over"] = Story(
        "over",
        slug="菜市场",
        headline="早市见闻",
        paragraphs=[Paragraph(f"受访者名叫张{rare}，今年六十岁。"), Paragraph(SENTENCE * 30)],
        thread=["b1"],
    )
    ed.stories["ph"] = Story(
        "ph",
        slug="占位稿",
        headline="在此输入标题",  # the default placeholder left in
        paragraphs=[Paragraph(SENTENCE)],
        thread=["b2", "gone"],  # a continuation block that was deleted: a broken jump
    )
    p1.blocks = [
        Block("b1", "story", *g.block_rect(p1.width, 0, 2, 0, 20), story="over"),
        Block("i1", "image", *g.block_rect(p1.width, 2, 4, 0, 30), image="tiny.jpg"),
        Block("i2", "image", *g.block_rect(p1.width, 6, 2, 0, 20), image="lost/photo.jpg"),
    ]
    p2.blocks = [
        Block("b2", "story", *g.block_rect(p2.width, 0, 4, 0, 30), story="ph"),
        Block("b3", "story", *g.block_rect(p2.width, 4, 4, 0, 30)),  # no story at all
        # Two blocks overlapping (a warning, not an error).
        Block("b4", "caption", *g.block_rect(p2.width, 4, 2, 10, 4), text="图片说明示例。"),
    ]
    return ed


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, Edition, str]:
    rare = character_no_font_has()
    ed = broken_edition(tmp_path, rare)
    src = tmp_path / "broken.newsdesk"
    save_edition(ed, src)
    return src, ed, rare


def test_every_problem_is_found(broken, capsys) -> None:
    src, _, rare = broken
    assert main(["preflight", str(src), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    findings = data["findings"]
    by_code: dict[str, list[dict]] = {}
    for f in findings:
        by_code.setdefault(f["code"], []).append(f)
        assert f["severity"] in ("error", "warning")
        assert {"page", "block", "story", "message"} <= set(f)

    overset = by_code["overset"][0]
    assert overset["severity"] == "error" and overset["story"] == "over"
    assert "超" in overset["message"] and "字" in overset["message"]

    missing = [f for f in by_code["image_missing"] if f["block"] == "i2"]
    assert missing and missing[0]["severity"] == "error" and missing[0]["page"] == 1

    low = by_code["image_low_ppi"][0]
    assert low["severity"] == "error" and low["block"] == "i1" and "ppi" in low["message"]
    rgb = by_code["image_rgb"][0]
    assert rgb["block"] == "i1"

    placeholder = [f for f in by_code["placeholder"] if f["story"] == "ph"]
    assert placeholder and placeholder[0]["severity"] == "error"
    assert "在此输入标题" in placeholder[0]["message"] and placeholder[0]["page"] == 2

    glyph = by_code["missing_glyph"][0]
    assert glyph["severity"] == "error"
    assert glyph["char"] == rare and glyph["story"] == "over" and glyph["page"] == 1
    assert glyph["paragraph"] == 0 and glyph["offset"] == f"受访者名叫张{rare}".index(rare)
    assert rare in glyph["message"] and "缺字" in glyph["message"]

    empty = [f for f in by_code["empty_block"] if f["block"] == "b3"]
    assert empty and empty[0]["severity"] == "error"

    broken_jump = by_code["missing_block"][0]
    assert broken_jump["severity"] == "error" and broken_jump["story"] == "ph"

    assert any(f["severity"] == "warning" for f in by_code["overlap"])
    assert data["errors"] == sum(1 for f in findings if f["severity"] == "error")


def test_human_report_and_exit_status(broken, capsys) -> None:
    src, _, rare = broken
    assert main(["preflight", str(src)]) == 1
    out = capsys.readouterr().out
    assert "[错误]" in out and "缺字" in out and rare in out and "超" in out


def test_print_export_refuses_it(broken, tmp_path: Path, capsys) -> None:
    src, _, _ = broken
    out = tmp_path / "refused.pdf"
    assert main(["export", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "拒绝导出" in err and "--force" in err
    assert not out.exists() and not list(tmp_path.glob(".*.part"))
    assert main(["export", str(src), "--outdir", str(tmp_path / "refused")]) == 1
    assert not (tmp_path / "refused").exists()  # refused before anything is written


def test_forced_export_is_recorded(broken, tmp_path: Path) -> None:
    import pikepdf

    src, _, _ = broken
    folder = tmp_path / "forced"
    assert main(["export", str(src), "--outdir", str(folder), "--force"]) == 0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["forced"] is True and manifest["preflight"]["errors"] > 0
    with pikepdf.open(folder / manifest["files"][0]["file"]) as pdf:
        assert "forced" in str(pdf.docinfo.NewsdeskPreflight)


def test_proof_preset_is_not_blocked(broken, tmp_path: Path) -> None:
    src, _, _ = broken
    out = tmp_path / "proof.pdf"
    assert main(["export", str(src), "-o", str(out), "--preset", "proof"]) == 0
    assert out.exists()


def test_clean_story_has_no_findings_for_it(tmp_path: Path) -> None:
    ed = broken_edition(tmp_path, "字")
    ed.stories["ph"].headline = "社区食堂开张"
    ed.stories["ph"].thread = ["b2"]
    report = preflight(ed, base_dir=tmp_path)
    assert not [f for f in report.findings if f.story == "ph"]
    assert not [f for f in report.findings if f.code == "missing_glyph"]
