"""Jump and thread audit: read the finished layout back and report what is wrong, in Chinese.

The jump check does not trust how the lines were made: it pairs every 下转 with its 上接 from the
PageLayouts and checks both name the pages their partners are really on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from newsdesk.compose.headline import HEAD_TOO_LONG  # set unbalanced, reported here
from newsdesk.layout.jump_text import jump_text, label_matches_numbering
from newsdesk.layout.result import JumpLine, PageLayout
from newsdesk.layout.story_layout import ThreadLayout
from newsdesk.layout.threads import ThreadProblem
from newsdesk.model.edition import Edition


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" / "warning"
    code: str
    message: str
    page: int = 0  # page number, 0 = not on a page
    block: str = ""
    story: str = ""

    def to_json(self) -> dict:
        return asdict(self)


# One source of truth for severities the layout audit and preflight share: an error here blocks
# a print export and shows red in `newsdesk layout` and the window alike.
SEVERITY = {
    "empty_block": "error",
    "empty_story": "error",
    "block_no_room": "error",
    "block_too_small": "error",
    "image_low_ppi": "error",
    "overset": "error",
}


def with_shared_severity(findings: list[Finding]) -> list[Finding]:
    """Findings with the severity SEVERITY gives their code (others unchanged)."""
    return [
        f
        if SEVERITY.get(f.code, f.severity) == f.severity
        else replace(f, severity=SEVERITY[f.code])
        for f in findings
    ]


THREAD_SEVERITY = {
    "missing_block": "error",
    "duplicate_block": "error",
    "loop": "error",
    "shared_block": "error",
    "wrong_kind": "error",
    "wrong_story": "warning",
    "not_in_thread": "warning",
    "no_story": "warning",
}


def audit_jumps(edition: Edition, pages: list[PageLayout]) -> list[Finding]:
    found: list[Finding] = []
    where: dict[str, int] = {}  # block id -> page number
    for page in pages:
        for frame in page.frames:
            where.setdefault(frame.block, page.number)
    by_block: dict[tuple[str, str], JumpLine] = {}
    for page in pages:
        for j in page.jumps:
            by_block[(j.block, j.direction)] = j
    labels = {p.number: p.label for p in pages}
    for page in pages:
        for j in page.jumps:
            other = "from" if j.direction == "to" else "to"
            verb = "下转" if j.direction == "to" else "上接"
            partner = by_block.get((j.partner_block, other))
            real = where.get(j.partner_block)
            if real is None:
                found.append(
                    Finding(
                        "error",
                        "jump_target_missing",
                        f"第{page.number}版的“{j.text}”指向的版块 {j.partner_block} 不在任何版面上",
                        page.number,
                        j.block,
                        j.story,
                    )
                )
                continue
            if j.target_page != real or j.text != _expected(edition, j, real, labels):
                found.append(
                    Finding(
                        "error",
                        "jump_wrong_page",
                        f"第{page.number}版的“{j.text}”写错了版次：接续内容实际在第{real}版",
                        page.number,
                        j.block,
                        j.story,
                    )
                )
            if partner is None or partner.partner_block != j.block:
                found.append(
                    Finding(
                        "error",
                        "jump_partner_missing",
                        f"第{page.number}版的“{j.text}”在第{real}版没有对应的"
                        f"{'上接' if verb == '下转' else '下转'}行",
                        page.number,
                        j.block,
                        j.story,
                    )
                )
    found.extend(_label_numbering(edition, pages))
    return found


def _label_numbering(edition: Edition, pages: list[PageLayout]) -> list[Finding]:
    """A warning per page that is named by a jump line differently from its own label."""
    out: list[Finding] = []
    style = edition.jump_style
    told: set[int] = set()
    for page in pages:
        for j in page.jumps:
            n = j.target_page
            target = edition.pages[n - 1] if 0 < n <= len(edition.pages) else None
            if target is None or n in told or label_matches_numbering(style, n, target.label):
                continue
            told.add(n)
            named = "中文数字" if style.numerals == "chinese" else "阿拉伯数字"
            out.append(
                Finding(
                    "warning",
                    "jump_label_mismatch",
                    f"版面使用版标 {target.label}，但转版行按{named}编号（“{j.text}”）："
                    "可在转版样式中改为按版标（numerals = label）",
                    page.number,
                    j.block,
                    j.story,
                )
            )
    return out


def _expected(edition: Edition, j: JumpLine, real: int, labels: dict[int, str]) -> str:
    page = edition.pages[real - 1] if 0 < real <= len(edition.pages) else None
    return jump_text(edition.jump_style, j.direction, real, page.label if page else "")


def audit_threads(
    edition: Edition,
    problems: list[ThreadProblem],
    threads: dict[str, ThreadLayout],
    block_page: dict[str, int],
) -> list[Finding]:
    found = [
        Finding(THREAD_SEVERITY.get(p.code, "error"), p.code, p.message, p.page, p.block, p.story)
        for p in problems
    ]
    for sid, tl in threads.items():
        story = edition.stories.get(sid)
        name = (story.slug or story.headline or sid) if story else sid
        for block_id, message in tl.problems:
            found.append(
                Finding(
                    "error", "jump_no_room", message, block_page.get(block_id, 0), block_id, sid
                )
            )
        if tl.chars == 0 and tl.frames:
            # Heads (or nothing) but no body at all: not "finished earlier", never started.
            first = next(iter(tl.frames))
            found.append(
                Finding(
                    "error",
                    "empty_story",
                    f"稿件“{name}”没有正文，版块 {first} 只有标题",
                    block_page.get(first, 0),
                    first,
                    sid,
                )
            )
        for block_id in tl.empty_blocks if tl.chars else ():
            found.append(
                Finding(
                    "error",
                    "empty_block",
                    f"稿件“{name}”的接续版块 {block_id} 是空的（正文在前面已排完）",
                    block_page.get(block_id, 0),
                    block_id,
                    sid,
                )
            )
        told = {block_id for block_id, _message in tl.problems}  # 没有空间放接转行, said already
        for block_id in tl.cramped_blocks:
            if block_id in told:
                continue
            found.append(
                Finding(
                    "error",
                    "block_no_room",
                    f"版块 {block_id} 太小，放不下接转行和正文：稿件“{name}”的正文一行也没排进去",
                    block_page.get(block_id, 0),
                    block_id,
                    sid,
                )
            )
        if not tl.frames:
            if tl.chars:
                found.append(
                    Finding("warning", "unplaced", f"稿件“{name}”还没有排上版面", 0, "", sid)
                )
            continue
        if tl.overset_chars > 0:
            last = next(reversed(tl.frames), "") if tl.frames else ""
            found.append(
                Finding(
                    "error",
                    "overset",
                    f"稿件“{name}”超 {tl.overset_chars} 字（排不下）",
                    block_page.get(last, 0),
                    last,
                    sid,
                )
            )
    return found


_HEAD_PARTS = (("kicker", "引题"), ("headline", "主题"), ("deck", "副题"))


def audit_heads(edition: Edition, block_page: dict[str, int]) -> list[Finding]:
    """A warning for every kicker, headline or deck too long to be a head."""
    found = []
    for sid, story in edition.stories.items():
        for part, name in _HEAD_PARTS:
            length = len(getattr(story, part))
            if length > HEAD_TOO_LONG:
                block = story.thread[0] if story.thread else ""
                found.append(
                    Finding(
                        "warning",
                        "head_too_long",
                        f"稿件 {story.slug or sid} 的{name}有 {length} 字，超过 {HEAD_TOO_LONG} 字，"
                        "不像标题（是否把正文标成了标题？）；已逐行排出，未做均衡",
                        block_page.get(block, 0),
                        block,
                        sid,
                    )
                )
    return found
