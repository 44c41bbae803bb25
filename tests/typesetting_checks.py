"""Checks of TYPESETTING.md ("Checks a test can make from positions"), reusable by any test.

They read positions only, never the composer's internals: a line is a `CheckLine` built from the
galley JSON, from layout `Line`s (glyph runs) or from a PDF read back with pdfplumber. Every
check returns a list of human-readable violations (empty = fine), so a failing test says where.

The character sets here are written out from TYPESETTING.md independently of
newsdesk.compose.classes, so a wrong table in the composer cannot hide its own mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Rule 2: never at line start / never at line end (GB level, the default).
START_FORBIDDEN_GB = set("、，。．：；！？”’」』）】〗〕］｝》〉～–·・‧,.;:?!)]}%‰℃")
START_FORBIDDEN_BASIC = set("、，。．：；！？”’」』）】〗〕］｝》〉,.;:?!)]}")
END_FORBIDDEN = set("“‘「『（【〖〔［｛《〈([{")
# Full-width marks whose glyph fills half the em box (GB style), and where the blank is.
RIGHT_BLANK = set("，、。．：；！？”’」』）】〗〕］｝》〉")
LEFT_BLANK = set("“‘「『（【〖〔［｛《〈")
FULL_WIDTH_MARKS = RIGHT_BLANK | LEFT_BLANK
MIDDLE_DOTS = set("·・‧")
PUNCTUATION = FULL_WIDTH_MARKS | set("—⸺…⋯·・‧～–,.;:?!()[]{}%‰℃")
# Units a line may not be broken inside (rule 2): Latin words, numbers, e-mail, URLs, ——, …….
# Zero-width characters (not the zero-width space, a break) keep a word whole: co\u00adoperation.
_WORD_INVISIBLE = (
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u00ad\u034f\u200c-\u200f\u202a-\u202e\u2060"
    "\u2066-\u2069\ufe00-\ufe0f\ufeff\U000e0100-\U000e01ef]+"
)
# A sign directly before a digit, after anything but a letter or digit, belongs to the number.
UNIT_RE = re.compile(
    r"(?:(?<![A-Za-z0-9])[-−+＋](?=\d))?"
    r"[A-Za-z0-9]+(?:(?:[.:/\-@_?=&#~+'’]+|(?<=\d),(?=\d)|" + _WORD_INVISIBLE + r")[A-Za-z0-9]+)*"
    r"[%‰℃％]?|—{2,}|…{2,}"
)
# Nothing is added before a closing or pause mark, nor after an opening one (rule 6).
NO_SPACE_BEFORE = RIGHT_BLANK | set(",.;:?!)]}%‰℃％")
NO_SPACE_AFTER = LEFT_BLANK | set("([{")
# CJK characters and punctuation: a position next to one may take justification stretch.
CJK_PUNCT = FULL_WIDTH_MARKS | set("—⸺―…⋯·・‧～〜")
TOL = 0.1  # pt


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def is_cjk(ch: str) -> bool:
    """Han (and kana, hangul, full-width forms) or CJK punctuation."""
    code = ord(ch)
    return (
        ch in CJK_PUNCT
        or 0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF10 <= code <= 0xFF5A
        or code >= 0x20000
    )


def letter_positions(text: str) -> list[int]:
    """Positions k (between text[k] and text[k+1]) inside a Latin word, URL or e-mail address
    where letter-spacing may go as the last resort: next to a letter, between a URL's
    connectors, or beside the hyphen between two digit groups (0571-8765) -- never between two
    digits nor beside a number's separators (8765 4322, 1,234, 3.5%)."""
    out = []
    for a, b in _units(text):
        for k in range(a, b - 1):
            x, y = text[k], text[k + 1]
            if x.isspace() or y.isspace():
                continue
            if x.isdigit() and y.isdigit():
                continue
            letter = (x.isascii() and x.isalpha()) or (y.isascii() and y.isalpha())
            hyphen = (x == "-" and k > a and text[k - 1].isdigit() and y.isdigit()) or (
                y == "-" and x.isdigit() and k + 2 < b and text[k + 2].isdigit()
            )
            connectors = not (x.isalnum() or y.isalnum()) and not (
                x in "—…" or y in "—…" or x in "%‰℃％" or y in "%‰℃％"
            )
            if letter or hyphen or connectors:
                out.append(k)
    return out


def has_stretch_point(text: str) -> bool:
    """Whether a line may legally be stretched somewhere (TYPESETTING.md rule 6): at a word
    space, at a CJK–Latin gap, between CJK characters or around CJK punctuation, or, as the
    last resort, between the letters of a Latin word or URL (`letter_positions`); never inside a
    number group, nor inside —— or ……, nor between two adjacent full-width marks.
    A trailing space hangs at the line end and is no stretch point."""
    text = INVISIBLE_RE.sub("", text).rstrip()
    if letter_positions(text):
        return True
    for a, b in zip(text, text[1:]):
        if a.isspace() or b.isspace():
            return True
        if a in FULL_WIDTH_MARKS and b in FULL_WIDTH_MARKS:
            continue  # two adjacent marks (。” 《。) never part
        if b in NO_SPACE_BEFORE or a in NO_SPACE_AFTER:
            continue  # a closing mark stays on what it closes, an opening one on what it opens
        if (is_cjk(a) or is_cjk(b)) and not (a == b and a in "—⸺―…⋯"):
            return True
    return False


@dataclass
class CheckLine:
    text: str
    paragraph: int
    x: float  # set text start, from the column's left edge
    width: float  # set width
    measure: float
    first: bool = False  # the paragraph's first line
    last: bool = False  # the paragraph's last line
    page: int = 1
    column: int = 0
    baseline: float = 0.0
    # (char, em box left from the column's left edge, advance) per glyph, when known
    glyphs: list[tuple[str, float, float]] | None = field(default=None)
    hyphen: bool = False  # broken at a syllable: a hyphen glyph follows the text


def _mark_first_last(lines: list[CheckLine]) -> list[CheckLine]:
    for i, line in enumerate(lines):
        line.first = i == 0 or lines[i - 1].paragraph != line.paragraph
        line.last = i == len(lines) - 1 or lines[i + 1].paragraph != line.paragraph
    return lines


def lines_from_json(doc: dict) -> list[CheckLine]:
    """CheckLines from `newsdesk galley --json` output."""
    measure = doc["measure_pt"]
    return _mark_first_last(
        [
            CheckLine(
                d["text"],
                d["paragraph"],
                d["x"],
                d["width"],
                measure,
                page=d["page"],
                column=d["column"],
                baseline=d["baseline"],
                hyphen=d.get("hyphen", False),
            )
            for d in doc["lines"]
        ]
    )


def lines_from_layout(lines, registry) -> list[CheckLine]:
    """CheckLines from layout Lines (one paragraph sequence), glyphs from their runs."""
    out = []
    for line in lines:
        glyphs = []
        for run in line.runs:
            face = registry.face_by_key(run.face)
            for ch, x in zip(run.chars, run.xs):
                adv = 1.0 if run.missing else (face.advance(ch) or 1.0)
                glyphs.append((ch, x - line.column_x, adv * run.size))
        out.append(
            CheckLine(
                line.text,
                line.paragraph,
                line.x - line.column_x,
                line.width,
                line.measure,
                column=line.column,
                baseline=line.baseline,
                glyphs=glyphs,
                hyphen=line.hyphen,
            )
        )
    return _mark_first_last(out)


def lines_from_pdf(pdf_path, json_lines: list[CheckLine], column_lefts: list[float]):
    """Glyph positions read back from the PDF, matched to the JSON lines (same order).

    Characters are grouped by page, column (nearest column left) and baseline. Returns
    (CheckLines with glyphs, problems): a problem is a JSON line with no matching PDF text.
    """
    import pdfplumber

    by_key: dict[tuple[int, int, float], list[dict]] = {}
    with pdfplumber.open(str(pdf_path)) as pdf:
        for pno, page in enumerate(pdf.pages, start=1):
            for ch in page.chars:
                col = min(
                    range(len(column_lefts)), key=lambda k: abs(ch["x0"] - column_lefts[k] - 40)
                )
                for k, left in enumerate(column_lefts):
                    if left - 20 <= ch["x0"] <= left + json_lines[0].measure + 5:
                        col = k
                        break
                base = round(ch["bottom"], 0)
                by_key.setdefault((pno, col, base), []).append(ch)
    out, problems = [], []
    for line in json_lines:
        if not _printed(line.text):
            continue  # nothing printed (only zero-width characters): nothing to find
        found = None
        for delta in (0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0):
            found = by_key.get((line.page, line.column, round(line.baseline + delta, 0)))
            if found:
                break
        if not found:
            problems.append(f"PDF 中找不到第 {line.page} 页第 {line.column} 栏的行 |{line.text}|")
            continue
        # Content-stream order is the painter's (reading) order; x0 alone is not, since a
        # trimmed bracket's em box may start before the end of the glyph in front of it.
        left = column_lefts[line.column]
        glyphs = [(c["text"], c["x0"] - left, c["x1"] - c["x0"]) for c in found]
        text = "".join(g[0] for g in glyphs)
        if line.hyphen and text.endswith("-"):
            text = text[:-1]  # the hyphen of a syllable break is no character of the copy
        out.append(
            CheckLine(
                text,
                line.paragraph,
                line.x,
                line.width,
                line.measure,
                first=line.first,
                last=line.last,
                page=line.page,
                column=line.column,
                baseline=line.baseline,
                glyphs=glyphs,
                hyphen=line.hyphen,
            )
        )
    return out, problems


# -- helpers ---------------------------------------------------------------------------------


def _units(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in UNIT_RE.finditer(text) if m.end() - m.start() > 1]


def _breaks(lines: list[CheckLine]) -> dict[int, list[int]]:
    """Source offsets of the line breaks inside each paragraph."""
    out: dict[int, list[int]] = {}
    pos: dict[int, int] = {}
    for line in lines:
        p = line.paragraph
        if not line.first:
            out.setdefault(p, []).append(pos.get(p, 0))
        pos[p] = pos.get(p, 0) + len(line.text)
    return out


def _line_text(lines: list[CheckLine]) -> dict[int, str]:
    out: dict[int, str] = {}
    for line in lines:
        out[line.paragraph] = out.get(line.paragraph, "") + line.text
    return out


def _wide_unit_spans(paragraphs: list[str], measure: float, width_of) -> dict[int, list]:
    """Units wider than the measure (they may be broken as a last resort)."""
    out = {}
    for p, text in enumerate(paragraphs):
        out[p] = [(a, b) for a, b in _units(text) if width_of(text[a:b]) > measure - 0.01]
    return out


# -- the checks ------------------------------------------------------------------------------


def check_prohibitions(
    lines: list[CheckLine], paragraphs: list[str], width_of, start_forbidden=None
) -> list[str]:
    """1. No line starts with a line-start-prohibited mark; none ends with a line-end one.

    A paragraph's own first and last characters are exempt (nothing can be done about them),
    and so are forced breaks inside a unit wider than the measure, and a mark that starts a line
    because the character before it and the whole cluster of marks around it could not fit the
    line above even at ½ em a mark (一”。！？” at 3 em)."""
    start_forbidden = START_FORBIDDEN_GB if start_forbidden is None else start_forbidden
    bad = []
    wide = _wide_unit_spans(paragraphs, lines[0].measure if lines else 0, width_of)
    pos: dict[int, int] = {}
    previous = None
    for line in lines:
        above, previous = previous, line
        p = line.paragraph
        off = pos.get(p, 0)
        pos[p] = off + len(line.text)
        if not line.text:
            bad.append(f"空行：第 {p} 段")
            continue
        forced_start = any(a < off < b for a, b in wide.get(p, []))
        forced_end = any(a < off + len(line.text) < b for a, b in wide.get(p, []))
        if not line.first and not forced_start and line.text[0] in start_forbidden:
            text = paragraphs[p]
            g = off
            while g > 0 and text[g - 1] in start_forbidden:
                g -= 1
            t = off
            while t < len(text) and text[t] in start_forbidden:
                t += 1
            marks = text[g:t]
            least = width_of(text[g - 1 : g]) + sum(
                width_of(c) / 2 if c in FULL_WIDTH_MARKS else width_of(c) for c in marks
            )
            # Only when the character before the marks already starts the line above: else it
            # could have been pushed down to start a line of its own with the marks.
            starts_above = above is not None and above.paragraph == p
            starts_above = starts_above and off - len(above.text) == g - 1
            room = line.measure - (above.x if starts_above else 0.0)
            if not starts_above or least <= room + 0.01:
                bad.append(f"行首禁则：第 {p} 段 |{line.text}|")
        if not line.last and not forced_end and line.text[-1] in END_FORBIDDEN:
            bad.append(f"行尾禁则：第 {p} 段 |{line.text}|")
    return bad


def check_units(
    lines: list[CheckLine], paragraphs: list[str], width_of, em: float = 9.0
) -> list[str]:
    """2. No break inside ——, ……, a Latin word or a number (unless wider than the measure).

    Two breaks are no fault (rule 6): a URL or e-mail address broken where readers expect it
    (after / . - _ ? & =, before @), and a word broken at a syllable with a hyphen."""
    bad = []
    measure = lines[0].measure if lines else 0
    pos: dict[int, int] = {}
    for line in lines:
        p = line.paragraph
        off = pos.get(p, 0)
        pos[p] = end = off + len(line.text)
        if line.last:
            continue
        text = paragraphs[p]
        for a, b in _units(text):
            if not a < end < b or width_of(text[a:b]) > measure - 0.01:
                continue
            if is_url_break(text[a:b], end - a):
                continue
            if line.hyphen and text[end - 1].isalpha() and text[end].isalpha():
                continue
            # Exempt: a unit that, with the marks that must follow it (1000”。), does not fit
            # the measure, or the line it starts (an indented first line) with nothing before it
            # but marks that may not end a line: some break inside the group is unavoidable.
            # Each full-width mark counts at its narrowest, ½ em.
            tail = b
            while tail < len(text) and text[tail] in START_FORBIDDEN_GB:
                tail += 1
            least = width_of(text[a:b]) + sum(
                em / 2 if c in FULL_WIDTH_MARKS else width_of(c) for c in text[b:tail]
            )
            lead = text[off:a]
            if least > measure + 0.01:
                continue
            if all(c in END_FORBIDDEN or c.isspace() for c in lead) and (
                width_of(lead) + least > measure - line.x + 0.01
            ):
                continue
            bad.append(f"拆开了不可分的 |{text[a:b]}|：第 {p} 段第 {end} 字处")
    return bad


def is_url_break(unit: str, k: int) -> bool:
    """Whether breaking `unit` (a URL or e-mail address) before its character k is where a
    reader expects it: after / . - _ ? & =, or before @, leaving two characters each side."""
    url = "@" in unit or "/" in unit or ("." in unit and len(unit) >= 10 and not unit[0].isdigit())
    if not url or k < 2 or len(unit) - k < 2:
        return False
    return unit[k] == "@" or (unit[k - 1] in "/.-_?&=" and unit[k].isalnum())


def check_justified(lines: list[CheckLine], em: float = 9.0, tol: float = TOL) -> list[str]:
    """3. Non-last lines end at the right edge (set width); no glyph crosses the right edge.

    Exempt from reaching the edge (never from crossing it): a line with no legal stretch point
    (`has_stretch_point`), such as a lone Latin word or a fragment of an over-long URL, which
    is set flush left rather than letter-spaced."""
    bad = []
    for line in lines:
        end = line.x + line.width
        ragged = not has_stretch_point(line.text)
        if not line.last and not ragged and abs(end - line.measure) > tol:
            bad.append(f"未对齐右边：|{line.text}| 止于 {end:.2f}，栏宽 {line.measure:.2f}")
        if end > line.measure + tol:
            bad.append(f"超出栏宽：|{line.text}| 止于 {end:.2f}")
        if line.glyphs:
            ch, x, adv = _last_ink(line.glyphs)
            right = x + adv
            if ch in RIGHT_BLANK:
                right = x + adv / 2  # GB: end punctuation trimmed to ½ em
            elif ch in MIDDLE_DOTS and adv > 0.9 * em:
                right = x + adv * 0.75  # a full-width interpunct is centred: ¼ em blank each side
            if right > line.measure + tol:
                bad.append(f"字 {ch} 越过栏右边：|{line.text}| 到 {right:.2f}")
            if not line.last and not ragged and abs(right - line.measure) > tol and ch.strip():
                bad.append(f"字面未到栏右边：|{line.text}| 到 {right:.2f}")
    return bad


def check_word_spacing(lines: list[CheckLine], tol: float = 0.05) -> list[str]:
    """No gap inside a Latin word, number, URL or e-mail address (nor between a word and its
    comma) beyond its natural advance -- two neighbouring non-CJK, non-space characters sit
    exactly one advance apart -- unless the line had nowhere else to put its space (rule 6:
    letter-space a word only as the last resort): no two neighbouring CJK characters that
    could have taken it. Between two digits only on a line holding nothing but numbers and
    marks; never negative. Needs glyph positions."""
    bad = []
    for line in lines:
        g = line.glyphs or []
        # Two adjacent full-width marks (。《 ”。) never part (rule 6, has_stretch_point): they
        # are no place the space could have gone instead.
        last_resort = not any(
            (is_han(a[0]) or a[0] in RIGHT_BLANK)
            and (is_han(b[0]) or b[0] in LEFT_BLANK)
            and not (a[0] in FULL_WIDTH_MARKS and b[0] in FULL_WIDTH_MARKS)
            for a, b in zip(g, g[1:])
        )
        for (a, xa, wa), (b, xb, _) in zip(g, g[1:]):
            if a.isspace() or b.isspace() or is_cjk(a) or is_cjk(b):
                continue
            gap = xb - (xa + wa)
            # Digits only on a line holding a number and nothing that could take the space
            # (138 0013 8000 alone in a narrow column): tracked evenly, never one group apart.
            lone_number = last_resort and not any(c.isalpha() for c in line.text)
            digits = a.isdigit() and b.isdigit()
            if gap < -tol or (gap > tol and (not last_resort or (digits and not lone_number))):
                bad.append(f"西文字内有 {gap:.2f} pt 间隙：{a}{b} 于 |{line.text}|")
    return bad


def _last_ink(glyphs):
    for g in reversed(glyphs):
        if g[0].strip():
            return g
    return glyphs[-1]


def check_punct_pairs(lines: list[CheckLine], em: float) -> list[str]:
    """6. Two adjacent full-width marks occupy at most 1.5 em (plus justification stretch)."""
    bad = []
    for line in lines:
        g = line.glyphs or []
        stretch = _stretch(g, em)
        for i in range(len(g) - 1):
            a, b = g[i], g[i + 1]
            if a[0] in FULL_WIDTH_MARKS and b[0] in FULL_WIDTH_MARKS:
                # The pair ends where the next glyph starts, or at b's em box end when
                # justification stretch follows the pair (that stretch is not the pair's).
                end = g[i + 2][1] if i + 2 < len(g) else line.x + line.width
                end = min(end, b[1] + b[2])
                start = a[1] + (em / 2 if i == 0 and a[0] in LEFT_BLANK else 0.0)
                if end - start > 1.5 * em + 2 * stretch + 0.05:
                    bad.append(f"标点 {a[0]}{b[0]} 占 {(end - start) / em:.2f} 字：|{line.text}|")
    return bad


def _stretch(glyphs, em: float) -> float:
    """Justification stretch of a line: what Han–Han pitches exceed one em by."""
    pitches = [
        glyphs[i + 1][1] - glyphs[i][1] - em
        for i in range(len(glyphs) - 1)
        if is_han(glyphs[i][0]) and not is_latin(glyphs[i + 1][0])
    ]
    return max(0.0, max(pitches)) if pitches else em


def check_gaps(lines: list[CheckLine], em: float) -> list[str]:
    """7. Han–Latin gaps lie between ⅛ and ½ em (plus the line's Han–Han stretch, which they
    share); Han–Han gaps are equal and never negative."""
    bad = []
    for line in lines:
        g = line.glyphs or []
        han_gaps = []
        # A line with nowhere else to stretch (one Han and a piece of a broken unit) may widen
        # its Han–Latin gap beyond ⅓ em; it must never narrow it below ⅛ em.
        visible = list(g)
        while len(visible) > 1 and not visible[-1][0].strip():
            visible.pop()  # a space at the line end hangs: it takes no stretch
        free = any(
            a[0].isspace()
            or b[0].isspace()
            or a[0] in CJK_PUNCT
            or b[0] in CJK_PUNCT
            or (is_cjk(a[0]) and is_cjk(b[0]))
            for a, b in zip(visible, visible[1:])
            if not (a[0] == b[0] and a[0] in "—⸺―…⋯")
            and b[0] not in NO_SPACE_BEFORE
            and a[0] not in NO_SPACE_AFTER
        )
        most = em / 2 + _stretch(g, em) + 0.02 if free or line.last else float("inf")
        for i in range(len(g) - 1):
            (a, xa, wa), (b, xb, _) = g[i], g[i + 1]
            gap = xb - (xa + wa)
            if (is_han(a) and is_latin(b)) or (is_latin(a) and is_han(b)):
                if not (em / 8 - 0.02 <= gap <= most):
                    bad.append(f"中西文间距 {gap / em:.3f} 字：{a}{b} 于 |{line.text}|")
            elif is_han(a) and is_han(b):
                han_gaps.append(gap)
        if han_gaps and (min(han_gaps) < -0.01 or max(han_gaps) - min(han_gaps) > 0.02):
            bad.append(f"汉字间距不等：{min(han_gaps):.3f}..{max(han_gaps):.3f} 于 |{line.text}|")
    return bad


def check_text(lines: list[CheckLine], paragraphs: list[str], ignore_spaces=False) -> list[str]:
    """8. The text read back in order equals the source: nothing dropped, duplicated, reordered."""
    got = _line_text(lines)
    bad = []
    order = [line.paragraph for line in lines]
    if order != sorted(order):
        bad.append("段落顺序错乱")
    for p, text in enumerate(paragraphs):
        have = got.get(p, "")
        if ignore_spaces:  # a read-back: spaces and zero-width characters print nothing
            have, text = _printed(have), _printed(text)
        if have != text:
            bad.append(f"第 {p} 段文字不符：\n  排出 {have!r}\n  原文 {text!r}")
    extra = set(got) - set(range(len(paragraphs)))
    if extra:
        bad.append(f"多出的段落：{sorted(extra)}")
    return bad


# Characters set with no glyph (zero width): controls, BOM, soft hyphen, zero-width space and
# joiners, bidi marks, variation selectors. Written out here independently of the composer.
INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u00ad\u034f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
    "\ufe00-\ufe0f\ufeff\U000e0100-\U000e01ef]"
)


def _printed(text: str) -> str:
    """Text as a PDF read-back sees it: no spaces, no zero-width characters."""
    return re.sub(r"\s", "", INVISIBLE_RE.sub("", text))


def check_pure_han(lines: list[CheckLine], em: float) -> list[str]:
    """9. A pure-Han line without punctuation holds exactly width ÷ em characters.

    Exempt: a paragraph's last line, and a line whose characters were pushed out or pulled down
    (the next line is the paragraph's last, or starts with something other than Han, or has a
    line-start-prohibited mark among its first three characters)."""
    bad = []
    for i, line in enumerate(lines):
        if line.last or not line.text or not all(is_han(c) for c in line.text):
            continue
        nxt = lines[i + 1]
        if nxt.last or not is_han(nxt.text[0]):
            continue
        if any(c in START_FORBIDDEN_GB or c in PUNCTUATION for c in nxt.text[:3]):
            continue
        expected = line.width / em
        if abs(expected - round(expected)) > 0.01:
            continue  # the measure is not whole characters: nothing to count against
        if len(line.text) != round(expected):
            bad.append(f"纯汉字行 {len(line.text)} 字，应为 {round(expected)}：|{line.text}|")
    return bad


def check_indent(lines: list[CheckLine], em: float, indent: float = 2.0) -> list[str]:
    """4. First lines start at left + indent (less the trimmed half of an opening bracket).

    With glyphs, the first glyph's em box is checked (an opening bracket's box starts ½ em
    early, its blank half trimmed); without, the line's set start `x` (which is the indent)."""
    bad = []
    for line in lines:
        if not line.first or not line.text:
            continue
        if line.glyphs:
            ch, x, adv = line.glyphs[0]
            trimmed = adv / 2 if ch in LEFT_BLANK and adv > 0.9 * em else 0.0
            got, want = x, indent * em - trimmed
        else:
            got, want = line.x, indent * em
        if abs(got - want) > TOL:
            bad.append(f"首行缩进 {got:.2f}，应为 {want:.2f}：|{line.text}|")
    return bad


def check_grid(lines: list[CheckLine], leading: float) -> list[str]:
    """5. Baselines in a column are evenly spaced by the leading; neighbouring columns of a page
    share baselines (every baseline sits on the first column's grid)."""
    bad = []
    columns: dict[tuple[int, int], list[float]] = {}
    for line in lines:
        columns.setdefault((line.page, line.column), []).append(line.baseline)
    for (page, col), bases in columns.items():
        for a, b in zip(bases, bases[1:]):
            if abs(b - a - leading) > 0.01:
                bad.append(f"第 {page} 页第 {col} 栏行距 {b - a:.2f}，应为 {leading:.2f}")
        first = columns.get((page, 0))
        if first:
            for b in bases:
                steps = (b - first[0]) / leading
                if abs(steps - round(steps)) > 0.001:
                    bad.append(f"第 {page} 页第 {col} 栏基线 {b:.2f} 不在第 0 栏的基线网格上")
    return bad


def check_all(lines, paragraphs, em, width_of, *, glyphs=True) -> list[str]:
    """Checks 1–3 and 6–9 (6 and 7 need glyph positions)."""
    bad = []
    bad += check_prohibitions(lines, paragraphs, width_of)
    bad += check_units(lines, paragraphs, width_of, em)
    bad += check_justified(lines, em)
    bad += check_text(lines, paragraphs)
    bad += check_pure_han(lines, em)
    if glyphs:
        bad += check_punct_pairs(lines, em)
        bad += check_gaps(lines, em)
        bad += check_word_spacing(lines)
    return bad
