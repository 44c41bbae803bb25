"""Re-layout after edits gives exactly what a fresh layout gives, while re-setting little."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from layout_helpers import FakeTypesetter, para, story_block

from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Edition, Page, Paragraph, Story


def long_edition() -> Edition:
    ed = Edition(pages=[Page("p1"), Page("p2")])
    paras = [
        Paragraph("".join(chr(0x4E00 + (i * 31 + k) % 500) for k in range(150))) for i in range(20)
    ]
    ed.stories["long"] = Story("long", headline="长稿", paragraphs=paras, thread=["a", "b"])
    ed.stories["short"] = Story("short", paragraphs=[para(80)])
    story_block(ed.pages[0], "a", "long", 0, 4, 0, 40)
    story_block(ed.pages[1], "b", "long", 0, 4, 0, 80)
    story_block(ed.pages[0], "c", "short", 5, 2, 0, 10)
    return ed


def snapshot(pages):
    return [
        (
            p.number,
            f.block,
            ln.part,
            ln.paragraph,
            ln.start,
            ln.text,
            round(ln.x, 3),
            round(ln.baseline, 3),
        )
        for p in pages
        for f in p.frames
        for ln in f.lines
    ] + [(p.number, j.direction, j.text) for p in pages for j in p.jumps]


def test_one_character_edit_relays_one_story_and_few_chunks():
    ed = long_edition()
    ts = FakeTypesetter()
    eng = LayoutEngine(ed, typesetter=ts)
    eng.layout()
    before = ts.calls
    ed.stories["long"].paragraphs[10].text = "改" + ed.stories["long"].paragraphs[10].text[1:]
    pages = eng.layout()
    assert eng.relaid == ["long"]
    # The edited paragraph spans a few chunks; the rest re-synchronises from the cache.
    assert 0 < ts.calls - before <= 6
    assert snapshot(pages) == snapshot(LayoutEngine(ed, typesetter=FakeTypesetter()).layout())


def test_unchanged_edition_relays_nothing():
    ed = long_edition()
    ts = FakeTypesetter()
    eng = LayoutEngine(ed, typesetter=ts)
    eng.layout()
    calls = ts.calls
    eng.layout()
    assert eng.relaid == [] and ts.calls == calls


edits = st.lists(
    st.tuples(
        st.integers(0, 19), st.integers(0, 200), st.sampled_from(["insert", "delete", "para"])
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None)
@given(edits)
def test_incremental_equals_fresh_layout(changes):
    ed = long_edition()
    eng = LayoutEngine(ed, typesetter=FakeTypesetter())
    eng.layout()
    paras = ed.stories["long"].paragraphs
    for index, pos, what in changes:
        index = min(index, len(paras) - 1)
        text = paras[index].text
        pos = min(pos, len(text))
        if what == "insert":
            paras[index].text = text[:pos] + "新增文字" + text[pos:]
        elif what == "delete":
            paras[index].text = text[:pos] + text[pos + 30 :]
        else:
            paras.insert(index, Paragraph("插入的段落" * 5))
        assert snapshot(eng.layout()) == snapshot(
            LayoutEngine(ed, typesetter=FakeTypesetter()).layout()
        )


def test_moving_a_block_relays_its_story_only():
    ed = long_edition()
    eng = LayoutEngine(ed, typesetter=FakeTypesetter())
    eng.layout()
    block = ed.pages[0].blocks[1]
    block.y += ed.pages[0].grid.leading * 3
    eng.layout()
    assert eng.relaid == ["short"]


def test_real_composer_relayout_matches_fresh_layout():
    """With the real composer: edits anywhere give the same lines as laying out from scratch."""
    from newsdesk.fonts import default_registry

    registry = default_registry()
    sentence = "记者从市交通局获悉，今年全市新开通公交线路12条，日均客运量达到35万人次。"
    ed = long_edition()
    ed.stories["long"].paragraphs = [Paragraph(sentence * (2 + i % 4)) for i in range(40)]
    eng = LayoutEngine(ed, registry=registry)
    eng.layout()
    paras = ed.stories["long"].paragraphs
    for index, pos, new in [(5, 3, "，"), (17, 0, "“引号”"), (30, 40, "ABC 123"), (2, 10, "")]:
        text = paras[index].text
        paras[index].text = text[:pos] + new + text[pos + (0 if new else 5) :]
        again = snapshot(eng.layout())
        assert again == snapshot(LayoutEngine(ed, registry=registry).layout())


def test_style_or_kinsoku_change_relays_everything():
    ed = long_edition()
    eng = LayoutEngine(ed, typesetter=FakeTypesetter())
    eng.layout()
    ed.styles["body"].indent = 1.0
    eng.layout()
    assert sorted(eng.relaid) == ["long", "short"]
    assert snapshot(eng.layout()) == snapshot(
        LayoutEngine(ed, typesetter=FakeTypesetter()).layout()
    )
    ed.kinsoku = "strict"
    eng.layout()
    assert sorted(eng.relaid) == ["long", "short"]


def test_cache_survives_layouts_without_changes():
    """copyfit()/audit() lay out again; the next edit must still re-set only a few chunks."""
    ed = long_edition()
    ts = FakeTypesetter()
    eng = LayoutEngine(ed, typesetter=ts)
    eng.layout()
    eng.copyfit()
    eng.audit()
    ed.stories["short"].paragraphs[0].text += "加"  # another story changes in between
    eng.layout()
    before = ts.calls
    ed.stories["long"].paragraphs[10].text = "改" + ed.stories["long"].paragraphs[10].text[1:]
    eng.layout()
    assert 0 < ts.calls - before <= 6


def test_blocks_not_relaid_keep_their_frame_objects_jump_lines_included():
    """The window repaints only frames that are not the same objects as before: a block with a
    jump line keeps its frame while neither its story nor the jump changed."""
    ed = long_edition()
    eng = LayoutEngine(ed, typesetter=FakeTypesetter())
    first = eng.layout()
    jumped = [f for p in first for f in p.frames if any(ln.part == "jump" for ln in f.lines)]
    assert {f.block for f in jumped} == {"a", "b"}  # 下转 in a, 上接 in b
    ed.stories["short"].paragraphs[0].text = "改" + ed.stories["short"].paragraphs[0].text[1:]
    second = eng.layout()
    same = {
        f.block
        for p0, p1 in zip(first, second)
        for f in p1.frames
        if any(f is g for g in p0.frames)
    }
    assert same == {"a", "b"}  # only c was re-laid
    # Editing the long story makes new frames for its blocks, with the jump lines again.
    ed.stories["long"].paragraphs[0].text = "改" + ed.stories["long"].paragraphs[0].text[1:]
    third = eng.layout()
    for p1, p2 in zip(second, third):
        for f in p2.frames:
            if f.block in ("a", "b"):
                assert all(f is not g for g in p1.frames)
                assert any(ln.part == "jump" for ln in f.lines)
    assert snapshot(third) == snapshot(LayoutEngine(ed, typesetter=FakeTypesetter()).layout())


def test_copyfit_of_the_last_layout_without_relayout():
    ed = long_edition()
    ts = FakeTypesetter()
    eng = LayoutEngine(ed, typesetter=ts)
    assert eng.copyfit(relayout=False) == eng.copyfit()  # lays out first when never laid out
    ed.stories["short"].paragraphs[0].text += "加" * 400
    stale = eng.copyfit(relayout=False)  # as promised: the last layout's, not re-laid
    assert (
        stale["short"]
        == LayoutEngine(long_edition(), typesetter=FakeTypesetter()).copyfit()["short"]
    )
    eng.layout()
    fresh = eng.copyfit(relayout=False)
    assert fresh["short"].overset_chars > stale["short"].overset_chars
    assert fresh == eng.copyfit()
    assert set(eng.threads()) == {"long", "short"}


def test_one_page_layout_equals_that_page_of_the_full_layout():
    """layout(only_page=k) (the window's start-up paints the first page before laying out the
    rest): page k exactly as a full layout has it, the other pages empty; the full layout that
    follows keeps page k's frame objects and lays out the rest."""
    for k in (0, 1):
        ed = long_edition()
        eng = LayoutEngine(ed, typesetter=FakeTypesetter())
        part = eng.layout(only_page=k)
        assert eng.partial
        full = LayoutEngine(ed, typesetter=FakeTypesetter()).layout()
        assert [(p.number, p.label, p.width, p.height) for p in part] == [
            (p.number, p.label, p.width, p.height) for p in full
        ]
        assert snapshot([part[k]]) == snapshot([full[k]]) and part[k].frames
        assert all(not p.frames and not p.jumps for i, p in enumerate(part) if i != k)
        fits = eng.copyfit(relayout=False)
        on_page = {b.story for b in ed.pages[k].blocks if b.story}
        assert on_page <= set(fits)  # the copyfit of every story shown on the page
        whole = LayoutEngine(ed, typesetter=FakeTypesetter()).copyfit()
        assert all(fits[s] == whole[s] for s in on_page)
        after = eng.layout()
        assert not eng.partial
        assert snapshot(after) == snapshot(full)
        assert all(a is b for a, b in zip(part[k].frames, after[k].frames))
        assert eng.copyfit(relayout=False) == whole


def test_one_page_layout_of_the_sample_with_the_real_composer(tmp_path):
    from newsdesk.fonts import default_registry
    from newsdesk.model.edition_file import load_edition
    from newsdesk.sample import write_sample

    registry = default_registry()
    write_sample(tmp_path / "sample.newsdesk")
    ed = load_edition(tmp_path / "sample.newsdesk")
    part = LayoutEngine(ed, registry=registry, base_dir=tmp_path).layout(only_page=0)
    full = LayoutEngine(ed, registry=registry, base_dir=tmp_path).layout()
    assert part[0].frames == full[0].frames and part[0].jumps == full[0].jumps
    assert part[0].missing == full[0].missing
    assert not any(p.frames for p in part[1:]) and all(p.frames for p in full[1:])
