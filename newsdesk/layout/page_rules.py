"""Layout rules a 版面编辑 checks on a finished page, read back from the PageLayouts.

- 碰题 (`head_clash`): two headlines of similar size side by side at overlapping heights read as
  one; `kicker_row`: the kickers of two neighbouring stories on one baseline line up into a row.
- 背题 (`stranded_subhead`): a subhead (a `subhead…` style, or a paragraph 【小标题】) that ends
  a column or block without two lines of its text after it.
- Rules and boxes: a column rule crossing a box frame (`rule_crosses_box`), one running along a
  frame closer than ¼ line (`rule_near_box`: it doubles the frame), a box whose text leaves more
  than one line empty at its bottom (`box_empty_bottom`).

- 版本记录 (`imprint_missing`): once the edition's imprint settings (Edition.imprint) name any
  item, page 1 must print all of them: an empty item, or one page 1 does not show, is reported
  (fields {刊号} {主管} {主办} {总编辑} place them).

Every finding is a warning naming the page, a block and the stories involved; the layout audit
and preflight show them.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.compose.flow import is_subhead as flow_is_subhead
from newsdesk.layout.audit import Finding
from newsdesk.layout.result import Frame, Line, PageLayout
from newsdesk.model.edition import Edition

SIMILAR_SIZE = 0.15  # heads within 15 % of each other's size clash (22 and 24 pt do, 18 and 22 not)
SIDE_BY_SIDE = 30.0  # pt: blocks at most this far apart horizontally are neighbours
KICKER_ROW = 1.0  # pt: kicker baselines closer than this line up
SUBHEAD_LINES_AFTER = 2  # body lines a subhead needs after it in its column
_ASCENT = 0.88  # em above the baseline (compose.BASELINE_RATIO)


@dataclass
class _Head:
    story: str
    block: str
    frame: Frame
    size: float
    top: float
    bottom: float
    baseline: float
    text: str


def _heads(page: PageLayout, part: str) -> list[_Head]:
    """One box per (block, story) around its horizontal lines of `part`."""
    groups: dict[tuple[str, str], list[tuple[Frame, Line]]] = {}
    for frame in page.frames:
        for line in frame.lines:
            if line.part == part and line.runs and not line.runs[0].vertical:
                groups.setdefault((frame.block, line.story), []).append((frame, line))
    heads = []
    for (block, story), items in groups.items():
        frame = items[0][0]
        lines = [ln for _, ln in items]
        size = max(run.size for ln in lines for run in ln.runs)
        heads.append(
            _Head(
                story,
                block,
                frame,
                size,
                min(ln.baseline - _ASCENT * size for ln in lines),
                max(ln.baseline + (1 - _ASCENT) * size for ln in lines),
                lines[0].baseline,
                "".join(ln.text for ln in lines),
            )
        )
    return heads


def _side_by_side(a: Frame, b: Frame) -> bool:
    gap = max(b.x - (a.x + a.width), a.x - (b.x + b.width))
    return -1.0 <= gap <= SIDE_BY_SIDE


def _boxed_together(page: PageLayout, a: Frame, b: Frame) -> bool:
    """Both blocks inside one box: a designed row (the items of a 导读 box), not a clash."""
    for frame in page.frames:
        for box in frame.boxes:
            if all(
                f.x >= box.x - 1
                and f.x + f.width <= box.x + box.width + 1
                and f.y >= box.y - 1
                and f.y + f.height <= box.y + box.height + 1
                for f in (a, b)
            ):
                return True
    return False


def _name(edition: Edition, story: str, fallback: str) -> str:
    s = edition.stories.get(story)
    return (s.headline or s.slug or story) if s is not None else fallback


def head_clashes(edition: Edition, pages: list[PageLayout]) -> list[Finding]:
    """碰题 and kicker rows on every page."""
    found = []
    for page in pages:
        heads = _heads(page, "headline")
        for i, a in enumerate(heads):
            for b in heads[i + 1 :]:
                if a.story == b.story or not _side_by_side(a.frame, b.frame):
                    continue
                if _boxed_together(page, a.frame, b.frame):
                    continue
                overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
                similar = abs(a.size - b.size) <= SIMILAR_SIZE * max(a.size, b.size)
                if overlap > 0 and similar:
                    found.append(
                        Finding(
                            "warning",
                            "head_clash",
                            f"第{page.number}版“{_name(edition, a.story, a.text)}”与"
                            f"“{_name(edition, b.story, b.text)}”两个标题并排、高度重叠、字号相近"
                            f"（{a.size:g} 磅与 {b.size:g} 磅），形成碰题：请错开高度，"
                            "或改变字号、字体",
                            page.number,
                            a.block,
                            f"{a.story},{b.story}",
                        )
                    )
        kickers = _heads(page, "kicker")
        for i, a in enumerate(kickers):
            for b in kickers[i + 1 :]:
                if a.story == b.story or not _side_by_side(a.frame, b.frame):
                    continue
                if _boxed_together(page, a.frame, b.frame):
                    continue
                if abs(a.baseline - b.baseline) <= KICKER_ROW:
                    found.append(
                        Finding(
                            "warning",
                            "kicker_row",
                            f"第{page.number}版“{_name(edition, a.story, a.text)}”与"
                            f"“{_name(edition, b.story, b.text)}”的引题排在同一条线上，"
                            "读来连成一行：请错开高度",
                            page.number,
                            a.block,
                            f"{a.story},{b.story}",
                        )
                    )
    return found


def is_subhead(edition: Edition, story: str, paragraph: int) -> bool:
    """A paragraph set as a subhead: style `subhead`, or a short 【小标题】 of its own."""
    s = edition.stories.get(story)
    if s is None or not 0 <= paragraph < len(s.paragraphs):
        return False
    return flow_is_subhead(s.paragraphs[paragraph])


def stranded_subheads(edition: Edition, pages: list[PageLayout]) -> list[Finding]:
    """背题: a subhead with fewer than two lines of its text after it in its column."""
    found = []
    for page in pages:
        for frame in page.frames:
            story = edition.stories.get(frame.story)
            if story is None:
                continue
            columns: dict[int, list[Line]] = {}
            for line in frame.lines:
                if line.part == "body":
                    columns.setdefault(line.column, []).append(line)
            for lines in columns.values():
                for k, line in enumerate(lines):
                    p = line.paragraph
                    if not is_subhead(edition, story.id, p):
                        continue
                    if k + 1 < len(lines) and lines[k + 1].paragraph == p:
                        continue  # not the subhead's last line
                    after = sum(1 for ln in lines[k + 1 :] if ln.paragraph > p)
                    if after >= SUBHEAD_LINES_AFTER or p + 1 >= len(story.paragraphs):
                        continue
                    found.append(
                        Finding(
                            "warning",
                            "stranded_subhead",
                            f"第{page.number}版“{_name(edition, story.id, story.id)}”的小标题"
                            f"“{story.paragraphs[p].text.strip()}”落在栏底，其后只有 {after} 行"
                            "正文（背题）：请移到下一栏",
                            page.number,
                            frame.block,
                            story.id,
                        )
                    )
    return found


def rule_box_problems(edition: Edition, pages: list[PageLayout]) -> list[Finding]:
    """Column rules crossing or doubling a box frame; boxes with empty lines at the bottom."""
    found = []
    for index, page in enumerate(pages):
        grid = edition.pages[index].grid if index < len(edition.pages) else None
        lead = grid.leading if grid is not None else 13.5
        boxes = [(f, b) for f in page.frames for b in f.boxes]
        rules = [(f, r) for f in page.frames for r in f.rules]
        for bframe, box in boxes:
            left, right, top, bottom = box.x, box.x + box.width, box.y, box.y + box.height
            for rframe, rule in rules:
                if rframe is bframe:
                    continue
                vertical = abs(rule.x1 - rule.x2) < 0.01
                if vertical:
                    at, lo, hi = rule.x1, min(rule.y1, rule.y2), max(rule.y1, rule.y2)
                    edges, near_lo, near_hi, span_lo, span_hi = (
                        (left, right),
                        top,
                        bottom,
                        left,
                        right,
                    )
                else:
                    at, lo, hi = rule.y1, min(rule.x1, rule.x2), max(rule.x1, rule.x2)
                    edges, near_lo, near_hi, span_lo, span_hi = (
                        (top, bottom),
                        left,
                        right,
                        top,
                        bottom,
                    )
                along = min(hi, near_hi) - max(lo, near_lo)  # length the rule runs beside it
                if along <= 1.0:
                    continue
                crosses = span_lo + 1.0 < at < span_hi - 1.0 and (
                    lo < near_lo - 1.0 or hi > near_hi + 1.0
                )
                if crosses and box.stroke > 0:
                    found.append(_rule_finding(page, rframe, bframe, "rule_crosses_box"))
                elif box.stroke > 0 and any(abs(at - e) < lead / 4 for e in edges):
                    found.append(_rule_finding(page, rframe, bframe, "rule_near_box"))
            found.extend(_box_bottom(page, bframe, box, lead))
    return found


def _rule_finding(page: PageLayout, rframe: Frame, bframe: Frame, code: str) -> Finding:
    what = "穿过" if code == "rule_crosses_box" else "紧贴（不到¼行）"
    owner = rframe.block or "栏线"
    return Finding(
        "warning",
        code,
        f"第{page.number}版版块 {owner} 的线条{what}框 {bframe.block} 的边框，"
        "形成重线或破框：请让线条停在框外，或与边框拉开距离",
        page.number,
        rframe.block,
        rframe.story,
    )


def _box_bottom(page: PageLayout, bframe: Frame, box, lead: float) -> list[Finding]:
    """A box whose text stops more than one line above its bottom."""
    inside = [
        f
        for f in page.frames
        if f is not bframe
        and f.lines
        and f.x >= box.x - 1
        and f.x + f.width <= box.x + box.width + 1
        and f.y >= box.y - 1
        and f.y + f.height <= box.y + box.height + 1
    ]
    if not inside:
        return []
    lowest = max(
        ln.baseline - _ASCENT * ln.runs[0].size + lead for f in inside for ln in f.lines if ln.runs
    )
    empty = int((box.y + box.height - lowest) / lead + 1e-6)
    if empty <= 1:
        return []
    return [
        Finding(
            "warning",
            "box_empty_bottom",
            f"第{page.number}版框 {bframe.block} 中的文字下面空了 {empty} 行：请缩小框或补足文字",
            page.number,
            bframe.block,
            inside[0].story,
        )
    ]


IMPRINT_ITEMS = (
    ("cn", "刊号", "{刊号}"),
    ("supervisor", "主管单位", "{主管}"),
    ("sponsor", "主办单位", "{主办}"),
    ("editor_in_chief", "总编辑", "{总编辑}"),
)


def imprint_problems(edition: Edition, pages: list[PageLayout]) -> list[Finding]:
    """版本记录 on page 1: every item filled in and printed, once the settings name any."""
    imprint = getattr(edition, "imprint", None)
    if imprint is None or not pages:
        return []
    values = {key: getattr(imprint, key).strip() for key, _, _ in IMPRINT_ITEMS}
    if not any(values.values()):
        return []  # the house keeps no 版本记录 in its settings
    printed = "".join(ln.text for f in pages[0].frames for ln in f.lines)
    empty = [name for key, name, _ in IMPRINT_ITEMS if not values[key]]
    unprinted = [
        f"{name}（{field_name}）"
        for key, name, field_name in IMPRINT_ITEMS
        if values[key] and values[key] not in printed
    ]
    found = []
    if empty:
        found.append(
            Finding(
                "warning",
                "imprint_missing",
                f"第1版的版本记录不全：{'、'.join(empty)}未填写（版本设置）",
                pages[0].number,
            )
        )
    if unprinted:
        found.append(
            Finding(
                "warning",
                "imprint_missing",
                f"第1版没有排出版本记录：{'、'.join(unprinted)}。请用这些字段排进报头或报尾",
                pages[0].number,
            )
        )
    return found


def page_rule_findings(edition: Edition, pages: list[PageLayout]) -> list[Finding]:
    """All the checks of this module."""
    return (
        head_clashes(edition, pages)
        + stranded_subheads(edition, pages)
        + rule_box_problems(edition, pages)
        + imprint_problems(edition, pages)
    )
