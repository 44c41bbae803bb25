"""Bad proofs get a clear Chinese message, never a traceback, and nothing is applied wrongly:
encrypted and damaged PDFs, a PDF that is not a Newsdesk proof, a proof of another edition,
marks off the text and malformed annotation dictionaries — and a fuzz test of both."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from proof_helpers import Annotator, quads_for

from newsdesk.cli import main
from newsdesk.errors import NewsdeskError
from newsdesk.model.edition_file import load_edition
from newsdesk.proof.export import export_proof
from newsdesk.proof.importer import ProofImportError, read_marks
from newsdesk.sample.builder import write_sample

STORY = "lead-bridge"
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    path = folder / "sample.newsdesk"
    write_sample(path)
    proof = folder / "proof.pdf"
    export_proof(load_edition(path), proof, base_dir=folder, pages=[1])
    return path, proof


def expect_refusal(edition_path: Path, pdf: Path, words: str, capsys) -> None:
    with pytest.raises(ProofImportError, match=words) as info:
        read_marks(load_edition(edition_path), pdf)
    assert chinese(str(info.value))
    before = edition_path.read_bytes()
    assert main(["proof", "import", str(edition_path), str(pdf)]) != 0
    err = capsys.readouterr().err
    assert chinese(err) and "Traceback" not in err
    assert edition_path.read_bytes() == before


def test_encrypted_proof(setup, tmp_path, capsys):
    edition, proof = setup
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(proof) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    expect_refusal(edition, locked, "已加密", capsys)


def test_damaged_and_foreign_files(setup, tmp_path, capsys):
    edition, proof = setup
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\n" + bytes(random.Random(1).randrange(256) for _ in range(3000)))
    expect_refusal(edition, junk, "不是 PDF 文件或已损坏|不是 Newsdesk", capsys)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    expect_refusal(edition, empty, "不是 PDF 文件或已损坏", capsys)
    expect_refusal(edition, tmp_path / "missing.pdf", "找不到", capsys)


def test_a_pdf_that_is_not_a_newsdesk_proof(setup, tmp_path, capsys):
    edition, _proof = setup
    plain = tmp_path / "plain.pdf"
    assert (
        main(["export", str(edition), "-o", str(plain), "--preset", "proof", "--pages", "1"]) == 0
    )
    capsys.readouterr()
    expect_refusal(edition, plain, "不是 Newsdesk 导出的校样", capsys)


def test_a_damaged_map(setup, tmp_path, capsys):
    edition, proof = setup
    bad = tmp_path / "badmap.pdf"
    with pikepdf.open(proof) as pdf:
        pdf.Root.NewsdeskProof.Map.write(b'{"format": "newsdesk-proof", "version": 1, "pages": 3}')
        pdf.save(bad)
    expect_refusal(edition, bad, "定位数据已损坏", capsys)


def test_a_proof_of_another_edition(setup, tmp_path, capsys):
    edition, proof = setup
    other = tmp_path / "other.newsdesk"
    ed = load_edition(edition)
    ed.number += 1
    from newsdesk.model.edition_file import save_edition

    save_edition(ed, other)
    expect_refusal(other, proof, "另一期", capsys)


def test_marks_off_the_text_and_malformed_marks_are_reported_not_applied(setup, tmp_path):
    edition, proof = setup
    a = Annotator(proof)
    trim = a.data["pages"][0]["trim"]
    margin = [trim[0] - 20, trim[1] + 100, trim[0] - 2, trim[1] + 120]  # left of the page
    q = [margin[0], margin[3], margin[2], margin[3], margin[0], margin[1], margin[2], margin[1]]
    a.add(
        0, Subtype=pikepdf.Name.StrikeOut, Rect=pikepdf.Array(margin), QuadPoints=pikepdf.Array(q)
    )
    a.add(0, Subtype=pikepdf.Name.Highlight, QuadPoints=pikepdf.String("nonsense"))
    a.add(0, Subtype=pikepdf.Name.Caret, Rect=pikepdf.Array([1, 2]))
    a.add(0, Subtype=pikepdf.Name.Highlight, QuadPoints=pikepdf.Array([1, 2, 3]))
    loop = a.add(0, Subtype=pikepdf.Name.StrikeOut, RT=pikepdf.Name.Group)
    loop.IRT = loop  # a reference loop
    a.add(0, Subtype=pikepdf.Name.Text)  # no Rect
    _page, boxes = quads_for(a.data, STORY, "body", 10, 12)
    good = a.markup("StrikeOut", STORY, "body", 10, 12)
    good.Contents = pikepdf.Array([1])  # a wrong type where text belongs: read as no text
    out = a.save(tmp_path / "marked.pdf")
    result = read_marks(load_edition(edition), out)
    assert [(m.kind, m.start, m.end, m.contents) for m in result.marks] == [("delete", 10, 12, "")]
    assert len(result.problems) == 6
    assert all(chinese(p) and p.startswith("第1版") for p in result.problems)
    assert any("不在稿件文字上" in p for p in result.problems)


# --- fuzz ---------------------------------------------------------------------------------------

NAMES = [
    "/Highlight",
    "/StrikeOut",
    "/Underline",
    "/Squiggly",
    "/Caret",
    "/Text",
    "/FreeText",
    "/Ink",
    "/Square",
    "/Circle",
    "/Popup",
    "/Link",
    "/Bogus",
]


def _value(depth: int = 0):
    leaves = st.one_of(
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.booleans(),
        st.text(max_size=8).map(pikepdf.String),
        st.sampled_from(NAMES + ["/Group", "/R"]).map(pikepdf.Name),
    )
    if depth > 1:
        return leaves
    return st.one_of(
        leaves,
        st.lists(st.one_of(st.floats(-2000, 2000), st.integers(-2000, 2000)), max_size=24).map(
            pikepdf.Array
        ),
        st.lists(_value(depth + 1), max_size=4).map(pikepdf.Array),
    )


ANNOT = st.fixed_dictionaries(
    {"/Subtype": st.sampled_from(NAMES).map(pikepdf.Name)},
    optional={
        "/Rect": _value(),
        "/QuadPoints": _value(),
        "/Contents": _value(),
        "/T": _value(),
        "/RD": _value(),
        "/InkList": _value(),
        "/RT": _value(),
    },
)


@pytest.fixture(scope="module")
def proof_bytes(setup):
    return setup[1].read_bytes()


@FUZZ
@given(
    annots=st.lists(ANNOT, min_size=1, max_size=6), links=st.lists(st.integers(0, 5), max_size=6)
)
def test_fuzz_random_annotation_dictionaries(setup, proof_bytes, tmp_path_factory, annots, links):
    edition_path, _ = setup
    pdf = pikepdf.open(io.BytesIO(proof_bytes))
    made = []
    for entries in annots:
        annot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot))
        for key, value in entries.items():
            annot[key] = value
        made.append(annot)
    for i, target in enumerate(links):  # IRT links, loops included
        if i < len(made) and target < len(made):
            made[i].IRT = made[target]
    pdf.pages[0].obj.Annots = pikepdf.Array(made)
    out = tmp_path_factory.mktemp("fuzz") / "f.pdf"
    pdf.save(out)
    pdf.close()
    edition = load_edition(edition_path)
    result = read_marks(edition, out)
    assert len(result.marks) + len(result.flagged) <= len(annots)
    for mark in result.marks:
        text = (
            edition.stories[mark.story].body_text()
            if mark.part == "body"
            else getattr(edition.stories[mark.story], mark.part)
        )
        assert 0 <= mark.start <= mark.end <= len(text)
        assert text[mark.start : mark.end] == mark.text
    assert all(chinese(p) for p in result.problems)


@FUZZ
@given(
    cuts=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=40)), max_size=5),
    truncate=st.one_of(st.none(), st.floats(0.05, 1)),
)
def test_fuzz_damaged_pdfs(setup, proof_bytes, tmp_path_factory, cuts, truncate):
    edition_path, _ = setup
    data = bytearray(proof_bytes)
    for where, junk in cuts:
        at = int(where * (len(data) - 1))
        data[at : at + len(junk)] = junk
    if truncate is not None:
        data = data[: int(len(data) * truncate)]
    out = tmp_path_factory.mktemp("damaged") / "d.pdf"
    out.write_bytes(bytes(data))
    edition = load_edition(edition_path)
    try:
        result = read_marks(edition, out)
    except NewsdeskError as exc:
        assert chinese(str(exc))
        return
    assert result.marks == []  # the proof had no annotations: damage adds none
