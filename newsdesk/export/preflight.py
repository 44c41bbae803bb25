"""Preflight: everything that must be right before a page goes to the print shop.

    report = preflight(edition, base_dir=Path("…"))
    report.errors, report.warnings, report.to_json()

Errors block a print export (unless forced, which the manifest records); warnings do not.
Sources of findings:
- the layout engine's audit (overset 超 N 字, jump partners, thread problems, empty continuation
  blocks, missing or unreadable pictures and ads);
- the layout result (缺字 with character, story and position; image resolution and colour;
  fonts that cannot be embedded);
- the edition model (placeholder text, empty blocks, blocks outside the type area or overlapping,
  colours above the ink limit, small text in four-colour black, the output profile).
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import NewsdeskError
from newsdesk.export.conditions import ink_limit, ink_limit_source
from newsdesk.export.images import image_facts
from newsdesk.export.pdf_ads import ad_messages, inspect_ad
from newsdesk.export.placeholders import placeholder_reason
from newsdesk.export.presets import DEFAULT_PRESET, Preset, get_preset
from newsdesk.layout.audit import SEVERITY
from newsdesk.layout.result import PageLayout
from newsdesk.model.edition import Block, Edition

ERROR = "error"
WARNING = "warning"

# Audit codes preflight re-checks itself, with more detail.
REPLACED_AUDIT_CODES = {"image_low_ppi"}

PART_LABELS = {
    "body": "正文",
    "kicker": "引题",
    "headline": "主题",
    "deck": "副题",
    "byline": "署名",
    "caption": "图片说明",
    "credit": "摄影署名",
    "jump": "转版行",
    "jump_head": "转版标题",
    "text": "文字",
}

SMALL_TEXT = 12.0  # pt: below this, black text must be 100 % K only

# Findings an editor may accept for one edition (`newsdesk preflight ED --accept KEY`): things
# that can be meant (a headline that really reads 主题, a deliberately soft archive photo, a
# block that overlaps on purpose, an ad the advertiser delivered at another size). Never
# overset, 缺字, missing pictures or fonts, broken jumps: those always print wrong.
ACCEPTABLE_CODES = frozenset(
    {"placeholder", "image_low_ppi", "overlap", "outside_type_area", "outside_page", "ad_size"}
)


@dataclass
class Finding:
    severity: str  # "error" / "warning"
    code: str
    message: str  # Chinese, for the desk
    page: int = 0  # page number; 0 = not tied to a page
    block: str = ""
    story: str = ""
    char: str = ""  # the character concerned (缺字)
    paragraph: int | None = None
    offset: int | None = None
    key: str = ""  # stable name of this finding, e.g. placeholder:story-id:kicker
    accepted: bool = False  # the desk accepted it (PrintSettings.accepted): it blocks nothing

    def __post_init__(self) -> None:
        if not self.key:
            parts = [self.code, self.block, self.story]
            if self.paragraph is not None:
                parts.append(f"p{self.paragraph + 1}")
            if self.offset is not None:
                parts.append(str(self.offset))
            self.key = ":".join(p for p in parts if p)

    @property
    def acceptable(self) -> bool:
        return self.code in ACCEPTABLE_CODES

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "acceptable": self.acceptable}


@dataclass
class PreflightReport:
    findings: list[Finding] = field(default_factory=list)
    preset: str = DEFAULT_PRESET

    @property
    def errors(self) -> list[Finding]:
        """Errors that block a print export (accepted ones do not)."""
        return [f for f in self.findings if f.severity == ERROR and not f.accepted]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != ERROR and not f.accepted]

    @property
    def accepted(self) -> list[Finding]:
        return [f for f in self.findings if f.accepted]

    def find(self, key: str) -> Finding | None:
        return next((f for f in self.findings if f.key == key), None)

    @property
    def ok(self) -> bool:
        return not self.errors

    def for_pages(self, numbers: set[int]) -> PreflightReport:
        """Findings on the given pages, plus those not tied to any page."""
        kept = [f for f in self.findings if f.page == 0 or f.page in numbers]
        return PreflightReport(kept, self.preset)

    def summary(self) -> dict[str, Any]:
        codes: dict[str, int] = {}
        for f in self.findings:
            codes[f.code] = codes.get(f.code, 0) + 1
        return {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "accepted": len(self.accepted),
            "codes": dict(sorted(codes.items())),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "preset": self.preset,
            "ok": self.ok,
            **self.summary(),
            "accepted_keys": [f.key for f in self.accepted],
            "findings": [f.to_json() for f in self.findings],
        }


def preflight(
    edition: Edition,
    *,
    base_dir: str | os.PathLike | None = None,
    registry: Any = None,
    engine: Any = None,
    pages: list[PageLayout] | None = None,
    preset: str | Preset = DEFAULT_PRESET,
) -> PreflightReport:
    """Check the whole edition; pass a LayoutEngine (and its pages) to reuse a layout."""
    preset = get_preset(preset) if isinstance(preset, str) else preset
    base = Path(base_dir) if base_dir is not None else None
    if engine is None:
        from newsdesk.layout.engine import LayoutEngine

        engine = LayoutEngine(edition, registry=registry, base_dir=base)
    if pages is None:
        pages = engine.layout()
    registry = registry if registry is not None else getattr(engine, "registry", None)

    checker = _Checker(edition, pages, base, registry, preset)
    checker.audit(engine)
    checker.missing_glyphs()
    checker.fonts()
    checker.placeholders()
    checker.empty_blocks()
    checker.images()
    checker.geometry()
    checker.colours()
    checker.output_profile()
    findings = _dedupe(checker.found)
    accepted = set(edition.print.accepted)
    for f in findings:
        f.accepted = f.acceptable and f.key in accepted
    return PreflightReport(findings, preset.name)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    keys: dict[str, int] = {}
    for f in findings:
        key = (f.code, f.page, f.block, f.story, f.paragraph, f.offset, f.message)
        if key not in seen:
            seen.add(key)
            # Two different findings never share a key: the later one gets #2, #3 ...
            n = keys[f.key] = keys.get(f.key, 0) + 1
            if n > 1:
                f.key = f"{f.key}#{n}"
            out.append(f)
    order = {ERROR: 0, WARNING: 1}
    out.sort(key=lambda f: (order.get(f.severity, 2), f.page or 10**6))
    return out


class _Checker:
    def __init__(
        self,
        edition: Edition,
        pages: list[PageLayout],
        base_dir: Path | None,
        registry: Any,
        preset: Preset,
    ) -> None:
        self.ed = edition
        self.pages = pages
        self.base_dir = base_dir
        self.registry = registry
        self.preset = preset
        self.found: list[Finding] = []
        self.block_page: dict[str, int] = {}
        for number, page in enumerate(edition.pages, start=1):
            for block in page.blocks:
                self.block_page.setdefault(block.id, number)

    def add(self, severity: str, code: str, message: str, **where: Any) -> None:
        self.found.append(Finding(severity, code, message, **where))

    def add_for_block(
        self, severity: str, code: str, message: str, page: int, block: Block
    ) -> None:
        """A finding about one block of page `page` (1-based), and so about its story."""
        self.add(
            severity,
            code,
            message,
            page=page,
            block=block.id,
            story=block.story or "",
            key=f"{code}:{block.id}",
        )

    def story_name(self, story_id: str) -> str:
        story = self.ed.stories.get(story_id)
        if story is None:
            return story_id
        return story.slug or story.headline or story_id

    # -- the layout engine's audit -------------------------------------------------------------
    def audit(self, engine: Any) -> None:
        audit = getattr(engine, "audit", None)
        if audit is None:
            return
        for f in audit():
            if f.code in REPLACED_AUDIT_CODES:
                continue
            self.add(f.severity, f.code, f.message, page=f.page, block=f.block, story=f.story)

    # -- 缺字 --------------------------------------------------------------------------------------
    def missing_glyphs(self) -> None:
        for page in self.pages:
            reported: set[tuple] = set()
            for m in page.missing:
                key = (m.story, m.part, m.paragraph, m.offset)
                if key in reported:
                    continue
                reported.add(key)
                block = self._block_of(page, m.story, m.part, m.paragraph, m.offset)
                self._missing(page.number, block, m.char, m.story, m.part, m.paragraph, m.offset)
            # Runs flagged missing that the engine did not list (belt and braces).
            for frame in page.frames:
                for line in frame.lines:
                    for run in line.runs:
                        if not run.missing:
                            continue
                        for ch, off in zip(run.chars, run.offsets):
                            key = (line.story, line.part, line.paragraph, off)
                            if key in reported:
                                continue
                            reported.add(key)
                            self._missing(
                                page.number,
                                frame.block,
                                ch,
                                line.story,
                                line.part,
                                line.paragraph,
                                off,
                            )

    def _missing(
        self, page: int, block: str, ch: str, story: str, part: str, para: int, offset: int
    ) -> None:
        name = unicodedata.name(ch, "")
        where = PART_LABELS.get(part, part)
        position = (
            f"第{para + 1}段第{offset + 1}字" if part == "body" else f"{where}第{offset + 1}字"
        )
        # A caption or headline block without a story: name the block, not an empty story.
        owner = f"稿件“{self.story_name(story)}”" if story else f"版块 {block or '（未知）'} 的"
        self.add(
            ERROR,
            "missing_glyph",
            f"缺字：“{ch}”（U+{ord(ch):04X}{' ' + name if name else ''}）"
            f"在{owner}{position}，没有字体能显示",
            page=page,
            block=block,
            story=story,
            char=ch,
            paragraph=para,
            offset=offset,
        )

    @staticmethod
    def _block_of(page: PageLayout, story: str, part: str, para: int, offset: int) -> str:
        for frame in page.frames:
            for line in frame.lines:
                if (
                    line.story == story
                    and line.part == part
                    and line.paragraph == para
                    and line.start <= offset < max(line.end, line.start + 1)
                ):
                    return frame.block
        return ""

    # -- fonts ------------------------------------------------------------------------------------
    def fonts(self) -> None:
        from newsdesk.render.pdf import register_ttf

        keys: dict[str, int] = {}
        # First place each (face, character) is drawn: page, block, line, offset.
        uses: dict[str, dict[str, tuple]] = {}
        for page in self.pages:
            for frame in page.frames:
                for line in frame.lines:
                    for run in line.runs:
                        if run.chars and not run.missing:
                            keys.setdefault(run.face, page.number)
                            seen = uses.setdefault(run.face, {})
                            for ch, off in zip(run.chars, run.offsets):
                                if ch not in seen:
                                    seen[ch] = (page.number, frame.block, line, off)
        registry = self.registry
        if registry is None:
            try:
                from newsdesk.fonts import default_registry

                registry = default_registry()
            except Exception as exc:  # noqa: BLE001 - reported as a finding
                self.add(ERROR, "missing_font", f"无法加载字体：{exc}")
                return
        for key, page in keys.items():
            index = 0
            face = None
            try:
                face = registry.face_by_key(key)
                path = os.fspath(face.path)
                index = int(getattr(face, "index", 0) or 0)
            except Exception:  # noqa: BLE001 - any lookup failure means the font is missing
                if not os.path.isfile(key):
                    self.add(ERROR, "missing_font", f"缺少字体：{key}", page=page)
                    continue
                path = key
            if not os.path.isfile(path):
                self.add(ERROR, "missing_font", f"字体文件不存在：{path}（{key}）", page=page)
                continue
            try:
                register_ttf(path, index)
            except NewsdeskError as exc:
                self.add(ERROR, "font_not_embeddable", str(exc), page=page)
                continue
            if face is not None and hasattr(face, "has"):
                self._coverage(face, uses.get(key, {}))

    def _coverage(self, face: Any, used: dict[str, tuple]) -> None:
        """Characters a run draws with a face that has no glyph for them: they would print as
        the font's empty box, so they are 缺字 even if the composer did not flag them."""
        from newsdesk.fonts.registry import needs_no_glyph

        for ch, (page, block, line, offset) in used.items():
            if face.has(ch) or needs_no_glyph(ch):
                continue
            self._missing(page, block, ch, line.story, line.part, line.paragraph, offset)

    # -- placeholders -------------------------------------------------------------------------------
    def placeholders(self) -> None:
        placed: set[str] = set()
        for page in self.ed.pages:
            for block in page.blocks:
                if block.story:
                    placed.add(block.story)
        for sid, story in self.ed.stories.items():
            if sid not in placed:
                continue
            page, block = self._first_block_of(sid)
            fields = [
                ("kicker", story.kicker),
                ("headline", story.headline),
                ("deck", story.deck),
                ("byline", story.byline),
            ]
            for part, text in fields:
                reason = placeholder_reason(text, part)
                if reason:
                    label = PART_LABELS.get(part, part)
                    self.add(
                        ERROR,
                        "placeholder",
                        f"稿件“{self.story_name(sid)}”的{label}是{reason}",
                        page=page,
                        block=block,
                        story=sid,
                        key=f"placeholder:{sid}:{part}",
                    )
            for index, para in enumerate(story.paragraphs):
                reason = placeholder_reason(para.text, "body")
                if reason:
                    self.add(
                        ERROR,
                        "placeholder",
                        f"稿件“{self.story_name(sid)}”第{index + 1}段有{reason}",
                        page=page,
                        block=block,
                        story=sid,
                        paragraph=index,
                        key=f"placeholder:{sid}:p{index + 1}",
                    )
        for number, page in enumerate(self.ed.pages, start=1):
            for block in page.blocks:
                text_part = "headline" if block.kind == "headline" else "caption"
                for label, part, text in (
                    ("文字", text_part, block.text),
                    ("图片说明", "caption", block.caption),
                    ("摄影署名", "credit", block.credit),
                ):
                    reason = placeholder_reason(text, part)
                    if reason:
                        self.add(
                            ERROR,
                            "placeholder",
                            f"版块 {block.id} 的{label}是{reason}",
                            page=number,
                            block=block.id,
                            story=block.story or "",
                            key=f"placeholder:{block.id}:{'text' if label == '文字' else part}",
                        )

    def _first_block_of(self, story_id: str) -> tuple[int, str]:
        story = self.ed.stories.get(story_id)
        if story is not None and story.thread:
            first = story.thread[0]
            return self.block_page.get(first, 0), first
        for number, page in enumerate(self.ed.pages, start=1):
            for block in page.blocks:
                if block.story == story_id:
                    return number, block.id
        return 0, ""

    # -- empty blocks ---------------------------------------------------------------------------------
    def empty_blocks(self) -> None:
        frames = {f.block: (p.number, f) for p in self.pages for f in p.frames}
        # Blocks the layout audit already called empty or too small, with the reason.
        told = {"empty_block", "empty_story", "block_no_room", "block_too_small", "jump_no_room"}
        already = {("empty_block", f.block) for f in self.found if f.code in told}
        for number, page in enumerate(self.ed.pages, start=1):
            for block in page.blocks:
                if block.kind not in ("story", "headline", "caption"):
                    continue
                if ("empty_block", block.id) in already:
                    continue
                entry = frames.get(block.id)
                has_text = entry is not None and any(line.text.strip() for line in entry[1].lines)
                if has_text:
                    continue
                story = self.ed.stories.get(block.story or "")
                if block.kind == "story" and story is None:
                    why = "没有指定稿件"
                elif story is not None and not story.body_text().strip() and block.kind == "story":
                    why = f"稿件“{self.story_name(story.id)}”没有正文"
                else:
                    why = "没有内容"
                self.add_for_block(
                    ERROR,
                    "empty_block",
                    f"第{number}版的版块 {block.id} 是空的：{why}",
                    number,
                    block,
                )

    # -- images -----------------------------------------------------------------------------------------
    def images(self) -> None:
        settings = self.ed.print
        missing_blocks = {f.block for f in self.found if f.code.startswith("image_")}
        for page in self.pages:
            for frame in page.frames:
                for item in frame.images:
                    where = {"page": page.number, "block": frame.block, "story": frame.story}
                    name = os.path.basename(item.path) or "（未指定）"
                    facts = image_facts(item)
                    if not facts.exists or not facts.readable:
                        if frame.block not in missing_blocks:
                            self.add(ERROR, "image_missing", f"图片缺失：{name}", **where)
                        continue
                    if item.is_pdf:
                        self._ad(item.path, name, where)
                        continue
                    ppi = item.ppi or facts.ppi
                    if ppi < settings.min_ppi:
                        self.add(
                            SEVERITY.get("image_low_ppi", ERROR),
                            "image_low_ppi",
                            f"图片 {name} 的有效分辨率只有 {ppi:.0f} ppi，"
                            f"低于 {settings.min_ppi:.0f} ppi",
                            key=f"image_low_ppi:{frame.block}",
                            **where,
                        )
                    if facts.mode in ("RGB", "RGBA", "P", "LA", "PA", "RGBX"):
                        self.add(
                            WARNING,
                            "image_rgb",
                            f"图片 {name} 是 RGB 图片{_mode_note(facts.mode)}，"
                            f"导出印刷 PDF 时会转为 CMYK"
                            f"（总墨量 ≤ {ink_limit(settings):.0f}%），请核对颜色",
                            **where,
                        )
                    elif facts.mode not in ("CMYK", "L", "1"):
                        self.add(
                            WARNING,
                            "image_unconverted",
                            f"图片 {name} 的颜色模式 {facts.mode} 不适合印刷，导出时会转换",
                            **where,
                        )
                    if facts.mode == "CMYK" and facts.max_ink > ink_limit(settings) + 0.5:
                        self.add(
                            WARNING,
                            "image_ink",
                            f"图片 {name} 的最大总墨量 {facts.max_ink:.0f}% 超过 "
                            f"{ink_limit(settings):.0f}%，导出时会降低",
                            **where,
                        )

    def _ad(self, path: str, name: str, where: dict[str, Any]) -> None:
        """A PDF ad is merged as is: what X-1a forbids in it cannot be converted on export.

        Its streams are decoded for every preset (a damaged ad cannot be placed even in a
        proof); what PDF/X forbids is checked for the print presets.
        """
        facts = inspect_ad(path)
        if not facts.readable:
            self.add(ERROR, "ad_unreadable", f"广告 PDF {name} 无法读取：{facts.error}", **where)
            return
        damage = {"ad_stream_damaged", "ad_stream_too_large"}
        limit = ink_limit(self.ed.print)
        if self.preset.pdfx and facts.max_ink > limit + 0.5:
            self.add(
                ERROR,
                "ad_ink",
                f"广告 PDF {name} 的颜色总墨量 {facts.max_ink:.0f}% 超过 {limit:.0f}%"
                f"（{ink_limit_source(self.ed.print)}；{facts.max_ink_where}）：请广告客户按此总墨量输出",
                key=f"ad_ink:{where['block']}",
                **where,
            )
        for message in ad_messages(name, facts, self.preset.pdfx):
            code, severity, text = message
            if not self.preset.pdfx and code not in damage:
                continue
            self.add(severity, code, text, key=f"{code}:{where['block']}", **where)

    # -- geometry --------------------------------------------------------------------------------------
    def geometry(self) -> None:
        for number, page in enumerate(self.ed.pages, start=1):
            grid = page.grid
            left = grid.left(page.width)
            top = grid.margin_top
            right = left + grid.type_width
            bottom = top + grid.type_height(page.height)
            eps = 0.5
            content = [b for b in page.blocks if b.kind not in ("rule", "box")]
            for block in page.blocks:
                x2, y2 = block.x + block.width, block.y + block.height
                if (
                    block.x < -eps
                    or block.y < -eps
                    or x2 > page.width + eps
                    or y2 > page.height + eps
                ):
                    self.add_for_block(
                        WARNING,
                        "outside_page",
                        f"第{number}版的版块 {block.id} 超出了版面",
                        number,
                        block,
                    )
                elif block.kind != "ad" and (
                    block.x < left - eps
                    or block.y < top - eps
                    or x2 > right + eps
                    or y2 > bottom + eps
                ):
                    self.add_for_block(
                        WARNING,
                        "outside_type_area",
                        f"第{number}版的版块 {block.id} 超出了版心",
                        number,
                        block,
                    )
            for i, a in enumerate(content):
                for b in content[i + 1 :]:
                    overlap = _overlap(a, b)
                    if overlap > 1.0:
                        self.add(
                            WARNING,
                            "overlap",
                            f"第{number}版的版块 {a.id} 与 {b.id} 重叠",
                            page=number,
                            block=a.id,
                            story=a.story or "",
                            key=f"overlap:{a.id}:{b.id}",
                        )

    # -- colours -----------------------------------------------------------------------------------------
    def colours(self) -> None:
        limit = ink_limit(self.ed.print)
        for name, style in self.ed.styles.items():
            total = sum(style.color) * 100
            if total > limit + 0.5:
                self.add(
                    ERROR,
                    "ink_limit",
                    f"样式“{name}”的文字颜色总墨量 {total:.0f}% 超过 {limit:.0f}%",
                )
            c, m, y, k = style.color
            if style.size < SMALL_TEXT and k >= 0.999 and (c or m or y):
                self.add(
                    WARNING,
                    "rich_black_text",
                    f"样式“{name}”（{style.size:g} 磅）用了四色黑，小字应只用 100% K",
                )
        for number, page in enumerate(self.ed.pages, start=1):
            for block in page.blocks:
                for what, color in (("颜色", block.color), ("底色", block.fill)):
                    if color is None:
                        continue
                    total = sum(color) * 100
                    if total > limit + 0.5:
                        self.add_for_block(
                            ERROR,
                            "ink_limit",
                            f"第{number}版版块 {block.id} 的{what}总墨量 {total:.0f}% 超过 {limit:.0f}%",
                            number,
                            block,
                        )

    # -- output profile and condition ------------------------------------------------------------
    def output_profile(self) -> None:
        from newsdesk.export.conditions import REGISTERED
        from newsdesk.export.icc import profile_problem
        from newsdesk.export.pdfx import profile_path

        if not self.preset.pdfx:
            return
        settings = self.ed.print
        path = profile_path(settings, self.base_dir)
        if path is None:
            if self.preset.pdfx == "PDF/X-4":
                self.add(
                    ERROR,
                    "no_output_profile",
                    "PDF/X-4 需要嵌入 CMYK 印刷特性文件：请在版面设置中配置 ICC 文件",
                )
            ident = settings.output_condition or "IFRA26"
            if ident not in REGISTERED:
                known = "、".join(REGISTERED)
                self.add(
                    ERROR,
                    "unregistered_output_condition",
                    f"印刷条件“{ident}”不是 ICC 登记的特性数据名称，不嵌入特性文件时印厂无法识别："
                    f"请配置该条件的 ICC 特性文件，或改用已登记的名称（{known}）",
                )
            return
        problem = profile_problem(path, self.preset.pdfx)
        if problem:
            self.add(ERROR, "bad_output_profile", problem)


def _overlap(a: Block, b: Block) -> float:
    w = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    h = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0


def _mode_note(mode: str) -> str:
    """The Pillow mode when it says more than "RGB" (RGBA, P …); never 「RGB（RGB）」."""
    return "" if mode == "RGB" else f"（颜色模式 {mode}）"
