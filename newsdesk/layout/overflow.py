"""Type painted outside its block: a headline too big for its block (it prints over the stories
next to it), or any glyph that lands outside the frame it belongs to.

Each glyph is taken as its em box, from the positions the layout result holds: horizontal runs
from xs[i] (left edge) and the baseline (0.88 em below the box top), vertical runs from xs[i]
and ys[i] (box top). Only the glyph's minimum width, half an em, is counted to its right, so a
Latin letter is not reported for a width it does not have.
"""

from __future__ import annotations

import unicodedata

from newsdesk.layout.audit import Finding
from newsdesk.layout.result import Frame, Line, PageLayout
from newsdesk.model.edition import Edition

TOLERANCE = 1.0  # pt: rounding, optical margin of punctuation hanging at a line end
HEAD_PARTS = {"kicker": "引题", "headline": "主题", "deck": "副题", "jump_head": "转版标题"}
OTHER_PARTS = {"body": "正文", "byline": "署名", "caption": "图片说明", "credit": "摄影署名"}


def _outside(
    frame: Frame, left: float, top: float, right: float, bottom: float, side: float
) -> bool:
    return (
        left < frame.x - side
        or top < frame.y - TOLERANCE
        or right > frame.x + frame.width + side
        or bottom > frame.y + frame.height + TOLERANCE
    )


def _line_inside(frame: Frame, line: Line) -> bool:
    """A horizontal line whose set box lies in the frame: no glyph of it can escape (the audit
    runs on every keystroke, so the glyph-by-glyph walk is kept for the lines that need it)."""
    if not line.runs or any(run.vertical for run in line.runs):
        return False
    size = max(run.size for run in line.runs)
    return not _outside(
        frame,
        line.x,
        line.baseline - 0.88 * size,
        line.x + line.width,
        line.baseline + 0.12 * size,
        TOLERANCE,
    )


def _first_escape(frame: Frame) -> dict[str, str]:
    """part -> the first character of that part drawn outside the frame."""
    out: dict[str, str] = {}
    for line in frame.lines:
        if line.part in out or _line_inside(frame, line):
            continue
        for run in line.runs:
            em = run.size
            for ch, x, y in zip(run.chars, run.xs, run.ys):
                if run.vertical:
                    box = (x, y, x + em * 0.5, y + em)
                else:
                    box = (x, y - 0.88 * em, x + em * 0.5, y + 0.12 * em)
                # Punctuation sets in half an em (（ at a line start, 。 hanging at its end):
                # its ink is in the other half, so half an em more is allowed at the sides.
                side = TOLERANCE + (0.5 * em if unicodedata.category(ch)[0] == "P" else 0.0)
                if not ch.isspace() and _outside(frame, *box, side):
                    out[line.part] = ch
                    break
            if line.part in out:
                break
    return out


def audit_overflow(edition: Edition, pages: list[PageLayout]) -> list[Finding]:
    """One error per block and part whose type leaves the block."""
    names = {sid: (s.slug or s.headline or sid) for sid, s in edition.stories.items()}
    found: list[Finding] = []
    for page in pages:
        for frame in page.frames:
            if not frame.block:
                continue
            for part, ch in _first_escape(frame).items():
                story = frame.story
                label = HEAD_PARTS.get(part) or OTHER_PARTS.get(part) or "文字"
                if part in HEAD_PARTS:
                    whose = f"稿件“{names.get(story, story)}”的{label}" if story else label
                    message = (
                        f"{whose}超出了版块 {frame.block}，会压住旁边的内容："
                        "请缩小字号、减少字数或加大版块"
                    )
                else:
                    message = f"版块 {frame.block} 的{label}有文字（“{ch}”起）排到了版块外面"
                found.append(
                    Finding("error", "text_outside_block", message, page.number, frame.block, story)
                )
    return found
