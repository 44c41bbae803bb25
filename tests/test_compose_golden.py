"""Golden tests: the debug dump of each hand-made composition case (tests/compose_cases.py) and of
the heads, compared with tests/golden/compose_*.txt.

The golden files were reviewed by looking at the cases rendered to PNG
(`python tests/compose_review.py out.pdf`, then pdftoppm). After an intended change, rewrite
them with NEWSDESK_UPDATE_GOLDEN=1 and review the diff and the rendering again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from compose_cases import CASES, Case

from newsdesk.compose import ColumnSlot, TextSetter, flow, set_heads, set_vertical_head
from newsdesk.model.edition import HeadSettings, Paragraph, ParagraphStyle, Story, default_styles
from newsdesk.render.debug import dump_lines

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("NEWSDESK_UPDATE_GOLDEN") == "1"


def set_case(registry, case: Case):
    styles = default_styles()
    styles["body"] = ParagraphStyle("body", "serif", 9.0, 13.5, 0.0, case.indent, "justify")
    setter = TextSetter(registry, kinsoku=case.kinsoku)
    slot = ColumnSlot(0.0, 0.0, case.chars * 9.0, 200)
    return flow(setter, [Paragraph(t) for t in case.texts], [slot], styles=styles)


def heads_story() -> Story:
    return Story(
        "s1",
        kicker="春季植树活动今天在全市展开",
        headline="十万市民同栽一片绿",
        deck="——新栽树木三十万株，成活率达百分之九十五",
        heads=HeadSettings(fit_sizes=(42.0, 36.0, 26.0, 22.0), lines=1),
    )


def _compare(name: str, text: str) -> None:
    path = GOLDEN / f"compose_{name}.txt"
    if UPDATE or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {path.name} was missing and has been written: review it")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_matches_golden(registry, case):
    result = set_case(registry, case)
    assert result.overset_chars == 0
    header = f"# {case.rule}\n# measure {case.chars:g} 字, kinsoku {case.kinsoku}\n"
    _compare(case.name, header + dump_lines(result.lines))


def test_heads_match_golden(registry):
    setter = TextSetter(registry)
    lines, height = set_heads(setter, heads_story(), default_styles(), 0.0, 0.0, 40 * 9.0)
    header = (
        f"# 引题/主题/副题，主题在 42/36/26/22 磅中取一行排得下的最大字号\n# height {height:.2f}\n"
    )
    _compare("heads", header + dump_lines(lines))


def test_vertical_head_matches_golden(registry):
    setter = TextSetter(registry)
    style = default_styles()["headline"]
    lines, width = set_vertical_head(
        setter, "春风十里，“绿”满城（图）——植树节", style, 0.0, 0.0, 8 * 26.0
    )
    header = f"# 竖排主题：直排标点，右起竖行\n# width {width:.2f}\n"
    _compare("vertical", header + dump_lines(lines))
