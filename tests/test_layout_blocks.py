"""Block geometry: 长栏 and 破栏 columns, heads over a span, pictures and ads, rules and boxes."""

from __future__ import annotations

import pikepdf
import pytest
from layout_helpers import FakeTypesetter, para, story_block
from PIL import Image

from newsdesk.layout.columns import basic_span, text_columns
from newsdesk.layout.engine import LayoutEngine
from newsdesk.layout.images import place_image
from newsdesk.model.edition import Block, Edition, Page, Story

PAGE = Page("p")
G = PAGE.grid


def block(span: int, k: int = 0) -> Block:
    x, y, w, h = G.block_rect(PAGE.width, 0, span, 0, 10)
    return Block("b", "story", x, y, w, h, text_columns=k)


def test_long_columns_follow_the_basic_columns():
    cols = text_columns(G, block(3))
    assert basic_span(G, block(3).width) == 3
    assert [round(c.x - cols[0].x, 6) for c in cols] == [0, 14 * 9.0, 28 * 9.0]
    assert all(abs(c.width - 13 * 9.0) < 1e-9 for c in cols)


def test_broken_columns_are_whole_characters_with_the_rest_as_gutter():
    b = block(3, k=2)  # 41 characters into 2 columns: 20 + 20, gutter 1
    cols = text_columns(G, b)
    assert [round(c.width / 9.0, 6) for c in cols] == [20, 20]
    assert abs(cols[1].x + cols[1].width - (b.x + b.width)) < 1e-6
    b = block(4, k=3)  # 55 characters into 3: (55 - 2) // 3 = 17 each, gutters (55 - 51) / 2 = 2
    cols = text_columns(G, b)
    assert [round(c.width / 9.0, 6) for c in cols] == [17, 17, 17]
    assert abs((cols[1].x - cols[0].x - cols[0].width) / 9.0 - 2) < 1e-6


def test_heads_over_a_span_push_down_only_the_columns_under_them():
    ed = Edition(pages=[Page("p")])
    ed.stories["s"] = Story("s", headline="主题", paragraphs=[para(600)])
    ed.stories["s"].heads.span = 2
    story_block(ed.pages[0], "a", "s", 0, 3, 0, 20)
    frame = LayoutEngine(ed, typesetter=FakeTypesetter()).layout()[0].frames[0]
    first = {}
    for ln in frame.lines:
        if ln.part == "body":
            first.setdefault(ln.column, ln.baseline)
    assert first[0] > first[2] and first[1] == first[0]
    lead = ed.pages[0].grid.leading
    for ln in frame.lines:  # body baselines stay on the page's baseline grid
        if ln.part == "body":
            k = (ln.baseline - 0.88 * 9 - ed.pages[0].grid.margin_top) / lead
            assert abs(k - round(k)) < 1e-6


def test_rules_between_columns_sit_in_the_gutters():
    ed = Edition(pages=[Page("p")])
    ed.stories["s"] = Story("s", paragraphs=[para(100)])
    story_block(ed.pages[0], "a", "s", 0, 3, 0, 10, rules_between=True)
    frame = LayoutEngine(ed, typesetter=FakeTypesetter()).layout()[0].frames[0]
    assert len(frame.rules) == 2
    cols = text_columns(ed.pages[0].grid, ed.pages[0].blocks[0])
    for rule, (a, b) in zip(frame.rules, zip(cols, cols[1:])):
        assert a.x + a.width < rule.x1 < b.x


def test_fill_crops_around_the_focus_and_fit_letterboxes(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (2000, 1000), "gray").save(path)
    item, _ = place_image(path, 0, 0, 100, 100, "fill", (0.0, 0.5))
    assert item.crop == (0.0, 0.0, 1000.0, 1000.0)
    assert abs(item.ppi - 1000 / (100 / 72)) < 1e-6
    item, _ = place_image(path, 0, 0, 100, 100, "fit")
    assert item.crop == (0.0, 0.0, 2000.0, 1000.0)
    assert (item.width, item.height, item.y) == (100, 50, 25)
    item, info = place_image(tmp_path / "gone.jpg", 0, 0, 10, 10)
    assert item.missing and info is None


def test_picture_blocks_with_caption_and_missing_ads_are_reported(tmp_path):
    Image.new("RGB", (300, 200)).save(tmp_path / "low.jpg")
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    pdf.save(tmp_path / "ad.pdf")
    ed = Edition(pages=[Page("p")])
    g = ed.pages[0].grid
    w = ed.pages[0].width
    ed.pages[0].blocks += [
        Block(
            "img",
            "image",
            *g.block_rect(w, 0, 2, 0, 12),
            image="low.jpg",
            caption="图片说明文字",
            credit="本报记者 王某 摄",
        ),
        Block("ad", "ad", *g.block_rect(w, 2, 2, 0, 12), image="ad.pdf"),
        Block("gone", "ad", *g.block_rect(w, 4, 2, 0, 12), image="nope.png"),
        Block("r", "rule", *g.block_rect(w, 0, 8, 13, 1)),
        Block("box", "box", *g.block_rect(w, 6, 2, 0, 12), fill=(0, 0, 0, 0.1)),
    ]
    eng = LayoutEngine(ed, base_dir=tmp_path, typesetter=FakeTypesetter())
    frames = {f.block: f for f in eng.layout()[0].frames}
    img = frames["img"]
    assert [ln.part for ln in img.lines] == ["credit", "caption"]
    assert img.images[0].y + img.images[0].height <= min(ln.baseline for ln in img.lines)
    ad = frames["ad"].images[0]
    assert ad.is_pdf and not ad.missing and abs(ad.width / ad.height - 2) < 1e-6
    assert frames["gone"].images[0].missing
    assert frames["r"].rules and frames["box"].boxes[0].fill == (0, 0, 0, 0.1)
    codes = {f.code: f for f in eng.audit()}
    assert codes["image_missing"].block == "gone"
    assert codes["image_low_ppi"].block == "img"


def test_off_grid_block_still_sets_body_on_the_baseline_grid():
    ed = Edition(pages=[Page("p")])
    ed.stories["s"] = Story("s", paragraphs=[para(100)])
    b = story_block(ed.pages[0], "a", "s", 0, 1, 3, 10)
    b.y += 5.0  # dragged by hand, not snapped
    frame = LayoutEngine(ed, typesetter=FakeTypesetter()).layout()[0].frames[0]
    g = ed.pages[0].grid
    for ln in frame.lines:
        k = (ln.baseline - 0.88 * 9 - g.margin_top) / g.leading
        assert abs(k - round(k)) < 1e-6 and ln.baseline - 0.88 * 9 >= b.y - 1e-6


def test_vertical_head_takes_the_first_column():
    ed = Edition(pages=[Page("p")])
    ed.stories["s"] = Story("s", headline="竖排主题", paragraphs=[para(300)])
    ed.stories["s"].heads.vertical = True
    story_block(ed.pages[0], "a", "s", 0, 3, 0, 20)
    frame = LayoutEngine(ed, typesetter=FakeTypesetter()).layout()[0].frames[0]
    head = [ln for ln in frame.lines if ln.part == "headline"]
    assert head and head[0].runs[0].vertical
    body_columns = {ln.column for ln in frame.lines if ln.part == "body"}
    assert body_columns == {1, 2}


def test_vertical_kicker_and_deck_stand_beside_the_main_head():
    # Vertical text reads right to left: 引题 on the right, then 主题, then 副题 on the left.
    ed = Edition(pages=[Page("p")])
    ed.stories["s"] = Story(
        "s", kicker="引题在右", headline="竖排主题", deck="——副题在左", paragraphs=[para(300)]
    )
    ed.stories["s"].heads.vertical = True
    story_block(ed.pages[0], "a", "s", 0, 4, 0, 24)
    frame = LayoutEngine(ed).layout()[0].frames[0]
    xs = {
        part: [x for ln in frame.lines if ln.part == part for r in ln.runs for x in r.xs]
        for part in ("kicker", "headline", "deck")
    }
    assert all(xs.values()), xs
    assert all(r.vertical for ln in frame.lines if ln.part != "body" for r in ln.runs)
    assert min(xs["kicker"]) > max(xs["headline"]) > max(xs["deck"])
    head_right = max(xs["kicker"]) + ed.styles["kicker"].size
    body = [ln for ln in frame.lines if ln.part == "body"]
    assert body and min(ln.column_x for ln in body) >= head_right - 1e-6
    assert min(xs["deck"]) >= frame.x - 1e-6


def test_tabloid_page_with_its_own_grid():
    from newsdesk.model.edition import Grid
    from newsdesk.model.units import parse_page_size

    w, h = parse_page_size("四开")
    page = Page("t", width=w, height=h, grid=Grid(columns=6))
    ed = Edition(pages=[page])
    ed.stories["s"] = Story("s", paragraphs=[para(2000)])
    story_block(page, "a", "s", 0, 6, 0, 10)
    frame = LayoutEngine(ed, typesetter=FakeTypesetter()).layout()[0].frames[0]
    columns = sorted({round(ln.column_x, 3) for ln in frame.lines})
    assert len(columns) == 6
    assert abs(columns[0] - (w - page.grid.type_width) / 2) < 1e-3


def test_a_block_of_its_own_gutter_sets_wider_or_narrower_columns():
    """破栏 with the block's own least gutter (points): whole-character columns, the rest gutter."""
    b = block(3, k=2)  # 41 characters: grid gutter 1 character gives 20 + 20
    b.text_gutter = 27.0  # 3 characters: (41 - 3) / 2 = 19 each, the gutter takes 3
    cols = text_columns(G, b)
    assert [round(c.width / 9.0, 6) for c in cols] == [19, 19]
    assert cols[1].x - cols[0].x - cols[0].width == pytest.approx(3 * 9.0)
    assert cols[1].x + cols[1].width == pytest.approx(b.x + b.width)
    b.text_gutter = 4.5  # half a character: 20 + 20 again, the leftover 1 character as gutter
    assert [round(c.width / 9.0, 6) for c in text_columns(G, b)] == [20, 20]
    # 长栏 (one text column per basic column) with a wide gutter: narrower columns.
    wide = block(3)
    wide.text_gutter = 36.0  # 4 characters: (41 - 8) // 3 = 11 each
    cols = text_columns(G, wide)
    assert [round(c.width / 9.0, 6) for c in cols] == [11, 11, 11]
    assert cols[1].x - cols[0].x - cols[0].width >= 36.0 - 1e-9
    # None is the grid's gutter, exactly as before.
    wide.text_gutter = None
    assert text_columns(G, wide) == text_columns(G, block(3))


def test_the_block_gutter_is_honoured_by_layout(tmp_path):
    ed = Edition(pages=[Page("p")])
    ed.stories["s"] = Story("s", paragraphs=[para(900)])
    story_block(ed.pages[0], "a", "s", 0, 3, 0, 30, text_columns=2)
    engine = LayoutEngine(ed, typesetter=FakeTypesetter())
    before = {ln.column_x for ln in engine.layout()[0].frames[0].lines if ln.part == "body"}
    ed.pages[0].blocks[0].text_gutter = 45.0  # 5 characters
    after = sorted({ln.column_x for ln in engine.layout()[0].frames[0].lines if ln.part == "body"})
    assert set(after) != before and len(after) == 2
    assert after[1] - after[0] == pytest.approx(18 * 9.0 + 5 * 9.0)  # (41 - 5) // 2 = 18


def test_picture_scale_crops_around_the_focus_or_centres_a_smaller_picture(tmp_path):
    path = tmp_path / "wide.png"
    Image.new("RGB", (2000, 1000)).save(path)
    base, _ = place_image(path, 0, 0, 100, 100, "fill", (0.5, 0.5))
    same, _ = place_image(path, 0, 0, 100, 100, "fill", (0.5, 0.5), 1.0)
    assert same == base
    # Twice as large: half the pixels across and down show, centred on the focus.
    item, _ = place_image(path, 0, 0, 100, 100, "fill", (0.5, 0.5), 2.0)
    assert (item.x, item.y, item.width, item.height) == (0, 0, 100, 100)
    assert item.crop == pytest.approx((750.0, 250.0, 1250.0, 750.0))
    assert item.ppi == pytest.approx(base.ppi / 2)
    # The focus in a corner: the crop stops at the picture's edge.
    item, _ = place_image(path, 0, 0, 100, 100, "fill", (0.0, 1.0), 2.0)
    assert item.crop == pytest.approx((0.0, 500.0, 500.0, 1000.0))
    # Smaller than fill: the short axis is centred with paper above and below.
    item, _ = place_image(path, 10, 20, 100, 100, "fill", (0.5, 0.5), 0.5)
    assert item.height == pytest.approx(50) and item.y == pytest.approx(45)
    assert item.crop[1] == 0 and item.crop[3] == 1000
    # Fit, scaled by 1.5: the width is cropped, the height (75 of 100 points) centred.
    item, _ = place_image(path, 0, 0, 100, 100, "fit", (0.5, 0.5), 1.5)
    assert item.width == pytest.approx(100) and item.height == pytest.approx(75)
    assert item.y == pytest.approx(12.5)
    assert item.crop == pytest.approx((1000 / 3, 0.0, 5000 / 3, 1000.0))


def test_picture_scale_is_honoured_by_layout_and_never_scales_a_pdf_ad(tmp_path):
    Image.new("RGB", (1200, 800)).save(tmp_path / "p.jpg")
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    pdf.save(tmp_path / "ad.pdf")
    ed = Edition(pages=[Page("p")])
    g, w = ed.pages[0].grid, ed.pages[0].width
    ed.pages[0].blocks += [
        Block("img", "image", *g.block_rect(w, 0, 2, 0, 12), image="p.jpg"),
        Block("ad", "ad", *g.block_rect(w, 2, 2, 0, 12), image="ad.pdf"),
    ]
    engine = LayoutEngine(ed, typesetter=FakeTypesetter(), base_dir=tmp_path)
    before = [f.images[0] for f in engine.layout()[0].frames]
    for b in ed.pages[0].blocks:
        b.scale = 1.5
    after = [f.images[0] for f in engine.layout()[0].frames]
    assert after[0].ppi == pytest.approx(before[0].ppi / 1.5)
    assert after[0].crop != before[0].crop
    assert after[1] == before[1]
