"""End to end with the real composer, fonts and PDF painter: jump lines in the exported PDF."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from layout_helpers import story_block

from newsdesk.cli import main
from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Edition, Page, Paragraph, Story
from newsdesk.model.edition_file import load_edition, save_edition

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

# Our own filler text (not corpus text): varied Han characters and punctuation.
SENTENCE = "城市的早晨从菜市场开始，摊主们把新鲜的蔬菜摆上货架，顾客在讨价还价中挑选一天的食材。"


def body(sentences: int) -> list[Paragraph]:
    return [Paragraph(SENTENCE * 3) for _ in range(sentences // 3)] + [
        Paragraph(SENTENCE * (sentences % 3))
    ] * (sentences % 3 > 0)


def edition() -> Edition:
    ed = Edition(paper="测试日报", pages=[Page(f"p{i}") for i in range(1, 5)])
    ed.stories["s"] = Story(
        "s",
        slug="菜市场",
        headline="早晨的菜市场",
        byline="本报讯（记者 测试）",
        paragraphs=body(24),
        thread=["a", "b"],
    )
    story_block(ed.pages[0], "a", "s", 0, 2, 0, 20)
    story_block(ed.pages[2], "b", "s", 0, 3, 0, 60)
    return ed


def pdf_text(path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "".join(out.split())


def export(ed: Edition, tmp_path, name: str, *extra: str):
    src = tmp_path / f"{name}.newsdesk"
    save_edition(ed, src)
    out = tmp_path / f"{name}.pdf"
    assert main(["export", str(src), "-o", str(out), "--force", *extra]) == 0
    return out


def jumps_in_pdf(path, pages: int) -> list[tuple[int, str]]:
    found = []
    for p in range(1, pages + 1):
        text = pdf_text(path, p)
        for verb in ("下转", "上接"):
            i = text.find(f"（{verb}")
            if i >= 0:
                found.append((p, text[i : text.index("）", i) + 1]))
    return found


def test_jump_lines_follow_moves_reorders_and_growth_in_the_pdf(tmp_path):
    ed = edition()
    out = export(ed, tmp_path, "first")
    assert jumps_in_pdf(out, 4) == [(1, "（下转第三版）"), (3, "（上接第一版）")]

    # Move the continuation block to page 4.
    ed.pages[3].blocks.append(ed.pages[2].blocks.pop())
    out = export(ed, tmp_path, "moved")
    assert jumps_in_pdf(out, 4) == [(1, "（下转第四版）"), (4, "（上接第一版）")]

    # Reorder pages: the continuation page goes to position 2.
    ed.pages.insert(1, ed.pages.pop(3))
    out = export(ed, tmp_path, "reordered")
    assert jumps_in_pdf(out, 4) == [(1, "（下转第二版）"), (2, "（上接第一版）")]

    # Shrink: the story fits in block a; the jump lines disappear.
    ed.stories["s"].paragraphs = body(3)
    out = export(ed, tmp_path, "short")
    assert jumps_in_pdf(out, 4) == []
    # Grow again: text is pushed over into the continuation and the lines come back.
    ed.stories["s"].paragraphs = body(3) + body(30)
    out = export(ed, tmp_path, "grown")
    assert jumps_in_pdf(out, 4) == [(1, "（下转第二版）"), (2, "（上接第一版）")]
    assert not [f for f in LayoutEngine(ed).audit() if f.severity == "error"]


def test_export_picks_pages(tmp_path):
    out = export(edition(), tmp_path, "picked", "--pages", "3,1")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M)
    # Pages come out in edition order, whatever order they were asked in.
    assert "（下转第三版）" in pdf_text(out, 1) and "（上接第一版）" in pdf_text(out, 2)


def test_export_rejects_bad_pages(tmp_path, capsys):
    src = tmp_path / "e.newsdesk"
    save_edition(edition(), src)
    assert main(["export", str(src), "-o", str(tmp_path / "x.pdf"), "--pages", "9"]) == 1
    assert "没有第 9 版" in capsys.readouterr().err


def test_layout_json_shape(tmp_path, capsys):
    src = tmp_path / "e.newsdesk"
    save_edition(edition(), src)
    assert main(["layout", str(src), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["number"] for p in data["pages"]] == [1, 2, 3, 4]
    block = data["pages"][0]["blocks"][0]
    assert {"id", "kind", "x", "y", "width", "height", "story", "lines"} <= block.keys()
    line = block["lines"][-1]
    assert {"text", "part", "paragraph", "x", "baseline", "width", "column"} <= line.keys()
    assert line["part"] == "jump" and line["text"] == "（下转第三版）"
    assert data["pages"][0]["jumps"][0]["target_page"] == 3
    story = data["stories"]["s"]
    assert story["copyfit"] in ("正好",) or story["copyfit"].startswith(("超", "缺"))
    assert story["chars"] == sum(len(p.text) for p in load_edition(src).stories["s"].paragraphs)
    assert data["audit"] == []
    # The human summary speaks Chinese and names the jump.
    assert main(["layout", str(src)]) == 0
    text = capsys.readouterr().out
    assert "（下转第三版）" in text and "菜市场" in text


def test_copyfit_counts_overset_and_empty_lines():
    ed = edition()
    ed.stories["s"].thread = ["a"]
    ed.pages[2].blocks.clear()
    fit = LayoutEngine(ed).copyfit()["s"]
    assert fit.overset_chars > 0 and fit.label == f"超 {fit.overset_chars} 字"
    ed.stories["s"].paragraphs = [Paragraph(SENTENCE)]
    fit = LayoutEngine(ed).copyfit()["s"]
    assert (
        fit.overset_chars == 0 and fit.empty_lines > 0 and fit.label == f"缺 {fit.empty_lines} 行"
    )


def test_missing_glyphs_are_collected_per_page_with_their_source():
    ed = edition()
    ed.stories["s"].headline = "早晨\ue000"
    ed.stories["s"].paragraphs[1].text = "菜价\ue001平稳" + ed.stories["s"].paragraphs[1].text
    eng = LayoutEngine(ed)
    pages = eng.layout()
    found = {(m.char, m.part, m.paragraph, m.offset) for m in pages[0].missing}
    assert found == {("\ue000", "headline", 0, 2), ("\ue001", "body", 1, 2)}
    # The continuation's jump head repeats the headline, so page 3 reports it too.
    assert {(m.char, m.part) for m in pages[2].missing} == {("\ue000", "jump_head")}
    assert not pages[1].missing and not pages[3].missing
