"""Placeholder text that must never reach the press: default heads, 标题/正文 markers, fillers.

Two newspapers printed "HEADLINE HERE" on a front page; dummy copy is the same failure in the body.
"""

from __future__ import annotations

import re

# Whole texts that are placeholders (compared after trimming spaces and brackets).
PLACEHOLDER_TEXTS = {
    "标题",
    "主标题",
    "主题",
    "副题",
    "副标题",
    "引题",
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

# Markers anywhere in a text: 【标题】, [正文], lorem ipsum, 此处插入…
_MARKERS = re.compile(
    r"[【\[［〔(（<＜]\s*(标题|主题|正文|引题|副题|图说|图片说明|待定|待补|待填)\s*[】\]］〕)）>＞]"
    r"|lorem\s+ipsum|headline\s+here|dummy\s+text|placeholder"
    r"|(此处|在此|请在此)(输入|插入|填写|替换)"
    r"|X{3,}|×{3,}|＊{3,}|\*{3,}|○{3,}|□{3,}",
    re.IGNORECASE,
)

# One short unit repeated many times in a row: 正文正文正文…, 测试测试测试…, 文字文字文字…
_REPEAT = re.compile(r"(.{1,6}?)\1{4,}", re.DOTALL)

# Repetitions that are legitimate: punctuation and spaces (…… ——).
_PUNCT_ONLY = re.compile(r"^[\s\W_…—·]+$")

_TRIM = " \t\u3000【】[]［］〔〕()（）<>＜＞“”\"'‘’:：。.…"


def placeholder_reason(text: str) -> str:
    """Why `text` looks like a placeholder ("" when it does not), in Chinese."""
    core = text.strip(_TRIM).lower()
    if not core:
        return ""
    if core in PLACEHOLDER_TEXTS:
        return f"占位文字“{text.strip()}”"
    m = _MARKERS.search(text)
    if m:
        return f"占位标记“{m.group(0)}”"
    for m in _REPEAT.finditer(text):
        unit = m.group(1)
        if _PUNCT_ONLY.match(unit) or unit.isdigit():
            continue
        if len(m.group(0)) >= 8:
            return f"重复的填充文字“{m.group(0)[:12]}{'…' if len(m.group(0)) > 12 else ''}”"
    return ""
