"""Blocks that are not part of a story's body thread: pictures, ads, rules, boxes, free text.

Each returns its Frame plus any problems worth reporting (a missing picture, a multi-page ad).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.layout.images import ad_size_problem, place_image, resolve_path, unreadable_message
from newsdesk.layout.result import BoxItem, Frame, ImageItem, RuleItem
from newsdesk.layout.story_layout import StoryLayouter
from newsdesk.model.edition import Block, Edition, Grid, Story


@dataclass
class BlockOutcome:
    frame: Frame
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (severity, code, message)


def layout_block(
    layouter: StoryLayouter,
    edition: Edition,
    grid: Grid,
    block: Block,
    base_dir: Path | None,
    story: Story | None = None,
) -> BlockOutcome:
    """Lay out one block. `story`: the block's story as it is to be set (the engine passes it
    with its fields expanded); None = the edition's story of that id."""
    if story is None:
        story = edition.stories.get(block.story or "")
    frame = Frame(block.id, block.kind, block.x, block.y, block.width, block.height)
    frame.story = block.story or ""
    out = BlockOutcome(frame)
    if block.kind in ("image", "ad"):
        _picture(layouter, edition, grid, block, base_dir, out)
    elif block.kind == "rule":
        if block.width >= block.height:  # horizontal rule through the block's middle
            y = block.y + block.height / 2
            frame.rules.append(
                RuleItem(block.x, y, block.x + block.width, y, block.stroke, block.color)
            )
        else:
            x = block.x + block.width / 2
            frame.rules.append(
                RuleItem(x, block.y, x, block.y + block.height, block.stroke, block.color)
            )
    elif block.kind == "box":
        frame.boxes.append(
            BoxItem(
                block.x, block.y, block.width, block.height, block.stroke, block.color, block.fill
            )
        )
    elif block.kind == "headline":
        if story is not None:
            lines, _h = layouter.heads(story, edition.styles, block.x, block.y, block.width)
            frame.lines.extend(lines)
        elif block.text:
            _text(layouter, edition, grid, block, "headline", "text", out, story)
    elif block.kind == "caption":
        _text(layouter, edition, grid, block, "caption", "caption", out, story)
    return out


def _text(layouter, edition, grid, block, style, part, out: BlockOutcome, story=None) -> None:
    text = block.text
    if not text and story is not None:
        text = story.headline
    n = max(1, int(block.height / grid.leading + 1e-6))
    lines, _used = layouter.text_lines(
        text, style, part, block.story or "", edition.styles, (block.x, block.y, block.width, n)
    )
    out.frame.lines.extend(lines)


def _picture(layouter, edition, grid, block, base_dir, out: BlockOutcome) -> None:
    styles = edition.styles
    lead = grid.leading
    x, y, w, h = block.x, block.y, block.width, block.height
    sid = block.story or ""
    # Caption and credit sit under the picture, inside the block, on the baseline grid.
    under: list[tuple[str, str, str]] = []
    if block.credit:
        under.append((block.credit, "credit", "credit"))
    if block.caption:
        under.append((block.caption, "caption", "caption"))
    counts = []
    for text, style, part in under:
        _lines, used = layouter.text_lines(text, style, part, sid, styles, (x, 0.0, w, 20))
        counts.append(max(1, used))
    caption_h = sum(counts) * lead
    if caption_h > h - lead:  # never let the caption eat the whole block
        caption_h = 0.0
        under, counts = [], []
    img_h = h - caption_h
    if not block.image:
        missing = (
            f"广告位 {block.id} 还没有放入广告文件"
            if block.kind == "ad"
            else f"图片版块 {block.id} 没有指定图片文件"
        )
        out.problems.append(("error", "image_missing", missing))
        out.frame.images.append(ImageItem(x, y, w, img_h, "", (0, 0, 0, 0), 0.0, missing=True))
    else:
        path = resolve_path(block.image, base_dir)
        item, info = place_image(path, x, y, w, img_h, block.fit, block.crop, block.scale)
        out.frame.images.append(item)
        what = "广告" if block.kind == "ad" else "图片"
        if info is None:
            out.problems.append(("error", "image_missing", f"{what}文件不存在：{block.image}"))
        elif info.error:
            message = unreadable_message(block.kind, block.image, info)
            out.problems.append(("error", "image_unreadable", message))
        elif info.is_pdf and info.pages != 1:
            out.problems.append(
                ("error", "ad_pages", f"广告 PDF {block.image} 有 {info.pages} 页，应为 1 页")
            )
        elif block.kind == "ad" and (wrong := ad_size_problem(info, w, img_h)):
            out.problems.append(("error", "ad_size", f"{wrong}（{block.image}）"))
        elif not item.is_pdf and item.ppi < edition.print.min_ppi:
            out.problems.append(
                (
                    "error",
                    "image_low_ppi",
                    f"{what} {block.image} 的有效分辨率只有 {item.ppi:.0f} ppi"
                    f"（至少 {edition.print.min_ppi:.0f} ppi）",
                )
            )
    top = y + img_h
    for (text, style, part), n in zip(under, counts):
        lines, _used = layouter.text_lines(text, style, part, sid, styles, (x, top, w, n))
        out.frame.lines.extend(lines)
        top += n * lead
