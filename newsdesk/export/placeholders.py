"""Placeholder text that must never reach the press: default heads, 标题/正文 markers, fillers.

Two newspapers printed "HEADLINE HERE" on a front page; dummy copy is the same failure in the body.
Real copy repeats itself too (a crowd chanting 加油！, a laugh 哈哈哈, 咚咚咚), anonymises names with
×××, and marks illegible characters with □, so the rules are deliberately narrow:

- The WHOLE text (spaces and brackets trimmed) is a template default: 标题, 正文, 在此输入标题 …
  The names of the head slots (主题, 副题, 引题, 主标题, 副标题) count only in their own slot or
  in the body: a headline that reads 主题 was never filled, a kicker that reads 主题 is a word.
- A marker anywhere: 【标题】/[正文], Lorem ipsum, HEADLINE HERE, dummy text, 此处输入…/
  在此插入…/请输入标题…, a run of Latin X (4 or more, or 2 or more against Chinese: 张XX).
- Known filler words repeated three times or more: 正文正文正文, 文字文字文字, 测试测试测试 …
- Repeated filler: one unit of 1–4 letters (no punctuation, no digits) repeated to fill a run of
  at least FILLER_RUN (20) characters, or making up a whole text on its own (at least 4 times and
  6 characters: 测试测试测试 as a paragraph). “加油！加油！加油！” has punctuation in its unit and a
  quoted 哈哈哈哈哈哈哈哈 is short: neither is filler.
- Runs of ×, □, ○, ＊, *: anonymisation and the illegible-character convention in body text and
  captions, so only a run of LONG_MASK_RUN (6) or more there; in a head, byline or credit, where
  a real name or title belongs, three or more (本报记者 ×××).
"""

from __future__ import annotations

import re

# Whole texts that are placeholders in any slot (compared after trimming spaces and brackets).
PLACEHOLDER_TEXTS = {
    "标题",
    "正文",
    "内文",
    "图片说明",
    "图说",
    "作者",
    "记者",
    "在此输入标题",
    "在此输入正文",
    "请输入标题",
    "请输入正文",
    "此处输入标题",
    "此处输入正文",
    "标题文字",
    "正文文字",
    "新稿件",
    "未命名稿件",
    "headline",
    "headline here",
    "title",
    "body",
    "body text",
    "text",
    "tk",
    "xxx",
}

# Names of head slots: a placeholder in the slot they name (and as a whole body paragraph).
SLOT_NAMES = {
    "kicker": {"引题"},
    "headline": {"主题", "主标题"},
    "deck": {"副题", "副标题"},
    "body": {"引题", "主题", "主标题", "副题", "副标题"},
}

# Parts where a real name or title belongs: a short mask (×××) there is an unfilled placeholder.
NAME_PARTS = {"kicker", "headline", "deck", "byline", "credit", "jump_head"}

FILLER_RUN = 20  # characters of one repeated short unit that count as filler inside a text
LONG_MASK_RUN = 6  # ×/□/○/＊ in body text and captions

_MARKERS = re.compile(
    r"[【\[［〔(（<＜]\s*(标题|主题|正文|引题|副题|图说|图片说明|待定|待补|待填)\s*[】\]］〕)）>＞]"
    r"|lorem\s+ipsum|headline\s+here|dummy\s+text"
    r"|(此处|在此|请在此)(输入|插入|填写|替换)"
    r"|请(输入|填写)(标题|正文|内容|文字|图片说明|作者|署名)"
    r"|(?<![A-Za-z])X{4,}(?![A-Za-z])|(?<=[\u4e00-\u9fff])X{2,}|X{2,}(?=[\u4e00-\u9fff])",
    re.IGNORECASE,
)
_KNOWN_FILLER = re.compile(r"(正文|文字|测试|内容|文本|示例|标题)\1{2,}")
_SHORT_MASK = re.compile(r"[×□○＊*]{3,}")
_LONG_MASK = re.compile(rf"[×□○＊*]{{{LONG_MASK_RUN},}}")
# A unit of 1–4 letters (CJK or Latin; no punctuation, digits or spaces) repeated.
_REPEAT = re.compile(r"([^\W\d_]{1,4}?)\1+")
_WHOLE_REPEAT = re.compile(r"([^\W\d_]{1,4}?)\1{3,}")

_TRIM = " \t\u3000【】[]［］〔〕()（）<>＜＞“”\"'‘’:：。.…！!？?，,"


def placeholder_reason(text: str, part: str = "body") -> str:
    """Why `text` (in slot `part`: body, kicker, headline, deck, byline, caption, credit, text)
    looks like a placeholder ("" when it does not), in Chinese."""
    core = text.strip(_TRIM).lower()
    if not core:
        return ""
    if core in PLACEHOLDER_TEXTS or core in SLOT_NAMES.get(part, ()):
        return f"占位文字“{text.strip()}”"
    m = _MARKERS.search(text)
    if m:
        return f"占位标记“{m.group(0)}”"
    m = (_SHORT_MASK if part in NAME_PARTS else _LONG_MASK).search(text)
    if m:
        return f"占位标记“{m.group(0)}”"
    m = _KNOWN_FILLER.search(text)
    if m:
        return _filler(m.group(0))
    if len(core) >= 6 and _WHOLE_REPEAT.fullmatch(core):
        return _filler(core)
    for m in _REPEAT.finditer(text):
        if len(m.group(0)) >= FILLER_RUN:
            return _filler(m.group(0))
    return ""


def _filler(run: str) -> str:
    return f"重复的填充文字“{run[:12]}{'…' if len(run) > 12 else ''}”"
