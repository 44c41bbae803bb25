"""Jump lines and page labels: a label that already ends in 版 is not doubled (第三版版), and pages
labelled A1… while jump lines count in numerals get a warning."""

from __future__ import annotations

import pytest
from layout_helpers import FakeTypesetter, two_page_edition

from newsdesk.layout.engine import LayoutEngine
from newsdesk.layout.jump_text import jump_text, label_matches_numbering, page_name
from newsdesk.model.edition import JumpStyle

LABEL = JumpStyle(numerals="label")


@pytest.mark.parametrize(
    "label, expected",
    [("A3", "A3版"), ("第三版", "第三版"), ("B12版", "B12版"), ("要闻版", "要闻版")],
)
def test_label_numerals_never_double_ban(label: str, expected: str) -> None:
    assert page_name(LABEL, 3, label) == expected
    assert jump_text(LABEL, "to", 3, label) == f"（下转{expected}）"
    assert "版版" not in jump_text(LABEL, "from", 3, label)


def test_which_labels_agree_with_numbered_jump_lines() -> None:
    chinese, arabic = JumpStyle(), JumpStyle(numerals="arabic")
    assert label_matches_numbering(chinese, 3, "")
    assert label_matches_numbering(chinese, 3, "第三版")
    assert label_matches_numbering(chinese, 3, "三")
    assert label_matches_numbering(arabic, 12, "第12版")
    assert not label_matches_numbering(chinese, 3, "A3")
    assert not label_matches_numbering(arabic, 3, "A3")
    assert not label_matches_numbering(chinese, 3, "第四版")
    assert label_matches_numbering(LABEL, 3, "A3")


def _labelled(numerals: str):
    ed = two_page_edition(200)
    for i, page in enumerate(ed.pages, start=1):
        page.label = f"A{i}"
    ed.jump_style.numerals = numerals
    eng = LayoutEngine(ed, typesetter=FakeTypesetter())
    pages = eng.layout()
    return eng, [j.text for p in pages for j in p.jumps]


def test_labels_with_numbered_jump_lines_warn() -> None:
    eng, texts = _labelled("chinese")
    assert texts == ["（下转第三版）", "（上接第一版）"]
    mismatch = [f for f in eng.audit() if f.code == "jump_label_mismatch"]
    assert {f.severity for f in mismatch} == {"warning"}
    assert any("A3" in f.message and "中文数字" in f.message for f in mismatch)


def test_labels_with_label_jump_lines_do_not_warn() -> None:
    eng, texts = _labelled("label")
    assert texts == ["（下转A3版）", "（上接A1版）"]
    assert [f.code for f in eng.audit()] == []
