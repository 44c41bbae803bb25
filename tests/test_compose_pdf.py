"""The galley PDF read back with pdfplumber holds the same checks as the JSON (1–3, 6–9), its
fonts are embedded subsets with ToUnicode, and its text is the copy."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from compose_helpers import SIZE, galley_of, serif_width
from compose_text import paragraphs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typesetting_checks import (
    check_all,
    check_gaps,
    check_justified,
    check_prohibitions,
    check_punct_pairs,
    check_text,
    check_word_spacing,
    lines_from_json,
    lines_from_layout,
    lines_from_pdf,
)

from newsdesk.cli.galley_cmd import galley_json
from newsdesk.compose.galley import GalleySpec, build_galley
from newsdesk.compose.setter import TextSetter
from newsdesk.model.units import mm

pytest.importorskip("pdfplumber")


def assert_pdf_holds_the_checks(galley, texts, registry, out) -> None:
    """Write the galley to `out`, read the PDF back and run checks 1–3 and 6–9 on it."""
    from newsdesk.render.pdf import write_pdf

    write_pdf(galley.pages, out, registry)
    pdf_lines, problems = lines_from_pdf(out, lines_from_json(galley_json(galley)), [mm(15)])
    assert problems == []
    assert check_text(pdf_lines, texts, ignore_spaces=True) == []
    bad = check_prohibitions(pdf_lines, texts, serif_width(registry))
    bad += check_justified(pdf_lines, SIZE)
    bad += check_punct_pairs(pdf_lines, SIZE)
    bad += check_gaps(pdf_lines, SIZE)
    bad += check_word_spacing(pdf_lines)
    assert bad == []


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=paragraphs, chars=st.integers(5, 40))
def test_pdf_read_back_holds_the_checks(registry, tmp_path_factory, texts, chars):
    galley = galley_of(registry, texts, chars)
    out = tmp_path_factory.mktemp("pdf") / "g.pdf"
    assert_pdf_holds_the_checks(galley, texts, registry, out)


def test_galley_cli_pdf_fonts_and_text(tmp_path, corpus_dir):
    """`newsdesk galley seed-page.txt -o`: embedded subset fonts with ToUnicode, nothing else,
    and pdftotext gives back every character of the copy in order."""
    out = tmp_path / "seed.pdf"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsdesk",
            "galley",
            str(corpus_dir / "seed-page.txt"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows
        for row in rows:
            emb, sub, uni = row.split()[-5:-2]
            assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        source = (corpus_dir / "seed-page.txt").read_text(encoding="utf-8")
        squash = lambda s: "".join(s.split())  # noqa: E731
        assert squash(text) == squash(source)


def test_galley_cli_json(tmp_path, corpus_dir):
    run = subprocess.run(
        [sys.executable, "-m", "newsdesk", "galley", str(corpus_dir / "seed-page.txt"), "--json"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["measure_pt"] == pytest.approx(13 * 9.0)
    assert doc["size_pt"] == 9.0 and doc["leading_pt"] == 13.5
    assert doc["overset_chars"] == 0
    assert {"text", "paragraph", "x", "baseline", "width", "column", "page"} <= set(doc["lines"][0])
    assert min(line["page"] for line in doc["lines"]) == 1


def test_seed_page_galley_breaks_no_rule_and_loses_nothing(registry, corpus_dir, tmp_path):
    """../shared/corpus/seed-page.txt at 13 characters: checks 1–3 and 6–9 on the layout result,
    on the JSON and on the PDF read back; every character of every paragraph is there."""
    from newsdesk.model.copy_import import parse_copy, read_copy_file

    story = parse_copy(read_copy_file(corpus_dir / "seed-page.txt"), story_id="")
    texts = [p.text for p in story.paragraphs]
    galley = build_galley(TextSetter(registry), story, GalleySpec(size=SIZE, measure=13 * SIZE))
    width = serif_width(registry)
    layout_lines = lines_from_layout([line for line, _ in galley.body_lines], registry)
    assert check_all(layout_lines, texts, SIZE, width) == []
    json_lines = lines_from_json(galley_json(galley))
    assert check_all(json_lines, texts, SIZE, width, glyphs=False) == []
    assert_pdf_holds_the_checks(galley, texts, registry, tmp_path / "seed.pdf")
    assert galley.overset_chars == 0 and galley.missing == []
