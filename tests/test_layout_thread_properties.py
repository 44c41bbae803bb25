"""Property tests: any thread over any pages lays out its text once, in order, with paired jumps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from layout_helpers import FakeTypesetter, story_block

from newsdesk.layout.engine import LayoutEngine
from newsdesk.model.edition import Edition, Page, Paragraph, Story

blocks = st.lists(
    st.tuples(st.integers(0, 3), st.integers(1, 3), st.integers(2, 12)),  # page, span, lines
    min_size=1,
    max_size=5,
)


@settings(max_examples=50, deadline=None)
@given(blocks, st.lists(st.integers(0, 400), min_size=1, max_size=6), st.permutations(range(4)))
def test_text_once_in_order_and_jumps_paired(layout, lengths, order):
    ed = Edition(pages=[Page(f"p{i}") for i in range(4)])
    paras = [
        Paragraph("".join(chr(0x4E00 + (i * 7 + k) % 900) for k in range(n)))
        for i, n in enumerate(lengths)
    ]
    ed.stories["s"] = Story(
        "s", headline="题", paragraphs=paras, thread=[f"b{i}" for i in range(len(layout))]
    )
    for i, (page, span, lines) in enumerate(layout):
        story_block(ed.pages[page], f"b{i}", "s", 0, span, 2 + 13 * (i % 3), lines)
    eng = LayoutEngine(ed, typesetter=FakeTypesetter())
    eng.layout()
    ed.pages = [ed.pages[i] for i in order]  # page order changes after the first layout
    pages = eng.layout()

    number = {b.id: n + 1 for n, p in enumerate(ed.pages) for b in p.blocks}
    frames = {f.block: f for p in pages for f in p.frames}
    body = [
        (ln.paragraph, ln.start, ln.text)
        for bid in ed.stories["s"].thread
        for ln in sorted(
            (ln for ln in frames[bid].lines if ln.part == "body"),
            key=lambda ln: (ln.column, ln.baseline),
        )
    ]
    fit = eng.copyfit()["s"]
    placed = "".join(t for _, _, t in body)
    full = "".join(p.text for p in paras)
    assert full.startswith(placed) and len(full) - len(placed) == fit.overset_chars
    assert body == sorted(body)  # reading order follows the thread

    findings = eng.audit()
    no_room = {f.block for f in findings if f.code == "jump_no_room"}
    jumps = [j for p in pages for j in p.jumps]
    for j in jumps:
        assert j.target_page == number[j.partner_block] != j.page == number[j.block]
        assert j.partner_block in no_room or any(
            k.block == j.partner_block and k.partner_block == j.block and k.direction != j.direction
            for k in jumps
        )
    # A jump exists exactly where text is left after a block and the next is on another page.
    thread = ed.stories["s"].thread
    done = 0
    for a, b in zip(thread, thread[1:]):
        done += sum(len(ln.text) for ln in frames[a].lines if ln.part == "body")
        if a in no_room or b in no_room:
            continue  # heads or a jump head fill the block: no line for a jump (reported)
        crosses = done < len(full) and number[a] != number[b]
        has_jump = any(j.block == a and j.direction == "to" for j in jumps)
        assert crosses == has_jump
    if not no_room:  # (a block without room also leaves its partner unanswered)
        assert not [f for f in findings if f.code.startswith("jump")]
