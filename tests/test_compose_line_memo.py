"""The setter remembers the lines it set for a paragraph (Prepared.lines): a paragraph set again
at a measure it was already set at — the same paragraph repeated in the copy, a story re-laid
after an edit in another paragraph, flow asking for a line twice — takes its lines from there.
The lines must be exactly those a fresh setter gives, per measure."""

from __future__ import annotations

from compose_helpers import SIZE

from newsdesk.compose import setter as setter_module
from newsdesk.compose.galley import GalleySpec, build_galley
from newsdesk.compose.setter import TextSetter
from newsdesk.model.edition import Paragraph, ParagraphStyle, Story

# Written for this test: a paragraph with a number, Latin and a closing quote, repeated.
TEXT = (
    "市交通局昨天发布消息，地铁5号线南延段将于12月28日开通试运营，全长11.6公里，设站7座；"
    "开通后从滨江新区到市中心的通勤时间可缩短约25分钟。乘客可在“滨江出行”App上查询首末班车时间。"
)
OTHER = "另据介绍，沿线三座换乘站的无障碍电梯已全部完成验收，站内导向标识同步更新。"


def _counting(monkeypatch) -> list:
    calls = []
    original = TextSetter._set_line

    def counted(self, p, start, measure, first):
        calls.append((p.text[:4], start, measure, first))
        return original(self, p, start, measure, first)

    monkeypatch.setattr(TextSetter, "_set_line", counted)
    return calls


def _texts(galley) -> list[tuple]:
    return [
        (ln.text, ln.paragraph, round(ln.x, 4), round(ln.width, 4)) for ln, _ in galley.body_lines
    ]


def test_a_repeated_paragraph_is_set_once_and_each_copy_has_its_lines(registry, monkeypatch):
    calls = _counting(monkeypatch)
    story = Story("s", paragraphs=[Paragraph(TEXT), Paragraph(OTHER), Paragraph(TEXT)] * 3)
    spec = GalleySpec(size=SIZE, leading=13.5, measure=13 * SIZE)
    galley = build_galley(TextSetter(registry), story, spec)
    lines = _texts(galley)
    per_text = {}
    for text, paragraph, x, width in lines:
        per_text.setdefault(paragraph, []).append((text, x, width))
    # Every copy of TEXT has the same lines as the first, and they were set only once.
    assert per_text[0] == per_text[2] == per_text[3 * 2 + 2]
    assert "".join(t for t, _, _ in per_text[0]) == TEXT
    once = {(c[0], c[1]) for c in calls}
    assert len(calls) == len(once)
    assert len(calls) == len(per_text[0]) + len(per_text[1])


def test_remembered_lines_equal_a_fresh_setters_at_every_measure(registry):
    style = ParagraphStyle("body", size=SIZE)
    shared = TextSetter(registry)
    prep = shared.prepare(TEXT, style)
    for chars in (13, 9, 17, 13, 9):  # back and forth: each measure keeps its own lines
        measure = chars * SIZE
        again = shared.set_paragraph(prep, measure)
        fresh_setter = TextSetter(registry)
        fresh = fresh_setter.set_paragraph(fresh_setter.prepare(TEXT, style), measure)
        assert [(ln.start, ln.end, ln.xs, ln.width) for ln in again] == [
            (ln.start, ln.end, ln.xs, ln.width) for ln in fresh
        ]
        assert max(ln.x + ln.width for ln in again) <= measure + 0.01


def test_the_memo_of_one_paragraph_is_bounded(registry, monkeypatch):
    monkeypatch.setattr(setter_module, "_LINE_MEMO", 8)
    setter = TextSetter(registry)
    prep = setter.prepare(TEXT * 4, ParagraphStyle("body", size=SIZE))
    for chars in (9, 11, 13, 17):
        setter.set_paragraph(prep, chars * SIZE)
    assert len(prep.lines) <= 8 + 1


def test_the_paragraph_cache_evicts_the_least_recently_used(registry, monkeypatch):
    # Typing makes a new version of a paragraph per keystroke: the old versions go first, the
    # paragraphs every layout uses stay (prepared once, with their lines), and the cache never
    # empties at once (the next layout would prepare the whole edition again mid-typing).
    monkeypatch.setattr(setter_module, "_CACHE_SIZE", 40)
    style = ParagraphStyle("body", size=SIZE)
    setter = TextSetter(registry)
    kept = setter.prepare(OTHER, style)
    sizes = []
    for k in range(200):
        setter.prepare(TEXT[: 20 + k % 60] + str(k), style)  # versions of a typed paragraph
        assert setter.prepare(OTHER, style) is kept  # a layout uses the other paragraph each time
        sizes.append(len(setter._cache))
    assert max(sizes) <= 40 and min(sizes[40:]) >= 30  # bounded, never emptied
