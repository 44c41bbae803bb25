"""The bundled sample edition: its model, its articles, its originality and its layout."""

from __future__ import annotations

import re

import pytest

from newsdesk.model.edition import Edition
from newsdesk.model.units import mm
from newsdesk.sample import build_sample_edition
from newsdesk.sample.stories import article_chars, article_names, article_text, parse_article

LEAD, FEATURE = "lead-bridge", "feature-ferry"


@pytest.fixture(scope="module")
def edition() -> Edition:
    return build_sample_edition()


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """The sample with its pictures written, laid out once for the layout tests."""
    from newsdesk.layout.engine import LayoutEngine
    from newsdesk.sample.assets import write_assets

    folder = tmp_path_factory.mktemp("sample")
    ed = build_sample_edition()
    write_assets(ed, folder)
    engine = LayoutEngine(ed, base_dir=folder)
    return ed, engine, engine.layout(), folder


# -- the model ---------------------------------------------------------------------------------


def test_four_broadsheet_pages_with_sections(edition):
    assert [p.section for p in edition.pages] == ["要闻", "综合", "城事", "副刊"]
    for page in edition.pages:
        assert page.width == pytest.approx(mm(390))
        assert page.height == pytest.approx(mm(540))
        assert page.grid.columns == 8
    assert edition.paper == "滨江日报"
    assert edition.date.isoformat() == "2026-11-27"


def test_block_ids_are_unique_and_blocks_lie_on_their_page(edition):
    ids = [b.id for p in edition.pages for b in p.blocks]
    assert len(ids) == len(set(ids))
    for page in edition.pages:
        for b in page.blocks:
            assert 0 <= b.x and b.x + b.width <= page.width + 1e-6, b.id
            assert 0 <= b.y and b.y + b.height <= page.height + 1e-6, b.id


def test_text_blocks_sit_on_the_baseline_grid(edition):
    for page in edition.pages:
        grid = page.grid
        for b in page.blocks:
            if b.kind not in ("story", "image", "ad", "headline"):
                continue
            rows = (b.y - grid.margin_top) / grid.leading
            assert rows == pytest.approx(round(rows)), b.id
            assert b.height / grid.leading == pytest.approx(round(b.height / grid.leading)), b.id


def test_every_thread_points_to_existing_story_blocks_of_its_story(edition):
    blocks = {b.id: b for p in edition.pages for b in p.blocks}
    for story in edition.stories.values():
        for block_id in story.thread:
            assert block_id in blocks, (story.id, block_id)
            assert blocks[block_id].kind == "story"
            assert blocks[block_id].story == story.id
    for b in blocks.values():
        if b.story is not None:
            assert b.story in edition.stories, b.id


def test_lead_and_feature_threads_cross_pages(edition):
    def pages_of(story_id):
        return [edition.page_number(edition.find_block(b)[0].id) for b in story_id.thread]

    assert pages_of(edition.stories[LEAD]) == [1, 3]
    assert pages_of(edition.stories[FEATURE]) == [1, 2]


def test_front_page_has_the_furniture_of_a_front_page(edition):
    front = edition.pages[0]
    kinds = {b.kind for b in front.blocks}
    assert {"headline", "story", "image", "rule", "box"} <= kinds
    lead = edition.stories[LEAD]
    assert lead.kicker and lead.headline and lead.deck.startswith("——")
    assert lead.byline.startswith("本报讯（记者")
    photo = next(b for b in front.blocks if b.kind == "image")
    assert photo.caption and photo.credit.endswith("摄")
    assert "简讯" in {s.headline for s in edition.stories.values()}
    assert any(s.heads.vertical for s in edition.stories.values())
    masthead = next(b for b in front.blocks if b.kind == "headline")
    assert edition.stories[masthead.story].headline == "滨江日报"


def test_page_four_has_a_vector_ad(edition):
    ads = [b for b in edition.pages[3].blocks if b.kind == "ad"]
    assert ads and ads[0].image.endswith(".pdf")


# -- the articles ------------------------------------------------------------------------------


def test_articles_amount_to_a_real_edition():
    total = sum(article_chars(article_text(n)) for n in article_names())
    assert 20_000 <= total <= 30_000
    lead = article_chars(article_text("p1_lead_bridge"))
    assert lead >= 3_000
    assert article_chars(article_text("p1_feature_ferry")) >= 1_900


def test_articles_use_newspaper_conventions():
    text = "\n".join(article_text(n) for n in article_names())
    assert re.search(r"\d,\d{3}", text)  # 1,234
    assert re.search(r"\d\.\d%", text)  # 3.5%
    for needle in ("GDP", "5G", "APP", "“", "《", "——", "……", "本报讯（记者"):
        assert needle in text, needle
    assert re.search(r"[\w.]+@[\w.]+\.example", text)  # e-mail on a reserved domain
    assert re.search(r"www\.[\w.]+\.example", text)


def test_briefs_are_short_items_with_bold_lead_ins():
    story = parse_article(article_text("p1_briefs"), "briefs")
    assert 4 <= len(story.paragraphs) <= 8
    for para in story.paragraphs:
        assert 80 <= len(para.text) <= 150, para.text
        assert para.spans and para.spans[0].kind == "bold"
        assert para.text[para.spans[0].end - 1] == "】"


def test_copy_markup_is_parsed():
    story = parse_article("^ 引\n# 主\n## ——副\n@ 本报讯\n\n第一段\n### 小标题\n【要】第二段", "s")
    assert (story.kicker, story.headline, story.deck, story.byline) == (
        "引",
        "主",
        "——副",
        "本报讯",
    )
    assert [p.text for p in story.paragraphs] == ["第一段", "小标题", "【要】第二段"]
    assert story.paragraphs[1].style == "subhead"
    assert story.paragraphs[2].spans[0].end == 3


def _normalised(text: str) -> str:
    """Whitespace out, ASCII punctuation as the full-width marks a Chinese page uses."""
    table = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "?": "？"})
    return "".join(text.split()).translate(table)


def test_no_twelve_character_run_comes_from_the_corpus(corpus_dir):
    corpus = _normalised((corpus_dir / "seed-page.txt").read_text(encoding="utf-8"))
    runs = {corpus[i : i + 12] for i in range(len(corpus) - 11)}
    for name in article_names():
        text = _normalised(re.sub(r"^(\^|#+|@) ", "", article_text(name), flags=re.M))
        copied = [text[i : i + 12] for i in range(len(text) - 11) if text[i : i + 12] in runs]
        assert not copied, f"{name}: {copied[:3]}"


# -- laid out ----------------------------------------------------------------------------------


def test_layout_has_no_overset_and_no_audit_errors(laid_out):
    ed, engine, _pages, _folder = laid_out
    fits = engine.copyfit()
    assert {sid: f.label for sid, f in fits.items() if f.overset_chars} == {}
    errors = [f.message for f in engine.audit() if f.severity == "error"]
    assert errors == []
    warnings = [f.message for f in engine.audit()]
    assert warnings == []


def test_every_story_fills_its_blocks_to_the_last_line(laid_out):
    # As a layout editor signs a page: no block ends with empty lines (缺行) or overset; a
    # column ended early by a keep rule counts too. A composer change that moves a line shows
    # here first: fit the copy again (tests/test_sample_edition.py is the sample's guard).
    _ed, engine, _pages, _folder = laid_out
    short = {sid: f.label for sid, f in engine.copyfit().items() if f.empty_lines}
    assert short == {}
    for page in _pages:
        for frame in page.frames:
            assert frame.empty_lines == 0, (page.number, frame.block)


def test_jumps_land_where_the_issue_says(laid_out):
    _ed, _engine, pages, _folder = laid_out
    jumps = {
        (j.story, j.direction): (j.page, j.target_page, j.text) for p in pages for j in p.jumps
    }
    assert jumps[(LEAD, "to")] == (1, 3, "（下转第三版）")
    assert jumps[(LEAD, "from")] == (3, 1, "（上接第一版）")
    assert jumps[(FEATURE, "to")] == (1, 2, "（下转第二版）")
    assert jumps[(FEATURE, "from")] == (2, 1, "（上接第一版）")
    assert len(jumps) == 4


def test_pictures_are_sharp_enough_where_placed(laid_out):
    _ed, _engine, pages, _folder = laid_out
    placed = [i for p in pages for f in p.frames for i in f.images]
    photos = [i for i in placed if not i.is_pdf]
    assert len(photos) >= 5
    for item in photos:
        assert not item.missing
        assert item.ppi >= 250


def test_preflight_finds_nothing_but_rgb_pictures(laid_out):
    from newsdesk.export.preflight import preflight

    ed, engine, pages, folder = laid_out
    report = preflight(ed, base_dir=folder, engine=engine, pages=pages)
    assert report.ok
    assert set(report.summary()["codes"]) <= {"image_rgb"}
