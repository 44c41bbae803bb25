"""A painter that writes the layout result as text, for golden tests and for reading diffs.

    page 1 第1页 127.00x200.00
    frame galley x=5.00 y=5.00 w=117.00 h=135.00
      line body p0 [0,11) col0 x=+18.00 base=12.92 w=99.00 |中共中央…|
        serif 9: 中18.00 共27.00 …

Glyph x positions are printed relative to the line's column (em box left edges, in points, two
decimals), so a change of composition rule shows as a readable diff.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdesk.layout.result import Line, PageLayout


def _f(v: float) -> str:
    out = f"{v:.2f}"
    return "0.00" if out == "-0.00" else out


def dump_line(line: Line, glyphs: bool = True) -> list[str]:
    out = [
        f"line {line.part} p{line.paragraph} [{line.start},{line.end}) col{line.column} "
        f"x=+{_f(line.x - line.column_x)} base={_f(line.baseline)} w={_f(line.width)} "
        f"|{line.text}|"
    ]
    if glyphs:
        for run in line.runs:
            flags = (" vertical" if run.vertical else "") + (" MISSING" if run.missing else "")
            if run.vertical:
                pos = " ".join(
                    f"{ch}{_f(x - line.column_x)},{_f(y)}"
                    for ch, x, y in zip(run.chars, run.xs, run.ys)
                )
            else:
                pos = " ".join(f"{ch}{_f(x - line.column_x)}" for ch, x in zip(run.chars, run.xs))
            if not run.vertical and any(y != line.baseline for y in run.ys):
                # A superscript/subscript run: its baseline relative to the line's.
                shift = _f(line.baseline - run.ys[0])  # up positive
                flags += f" raised {shift}"
            out.append(f"  {run.face} {run.size:g}{flags}: {pos}")
        if line.marks:
            # Emphasis dots: centre x relative to the column, centre y relative to the baseline.
            out.append(
                "  marks: "
                + " ".join(
                    f"{_f(m.x - line.column_x)},{_f(m.y - line.baseline)}/{_f(m.diameter)}"
                    for m in line.marks
                )
            )
    return out


def dump_lines(lines: Iterable[Line], glyphs: bool = True) -> str:
    out: list[str] = []
    for line in lines:
        out.extend(dump_line(line, glyphs))
    return "\n".join(out) + "\n"


def dump_pages(pages: Iterable[PageLayout], glyphs: bool = True) -> str:
    """The whole layout result as text."""
    out: list[str] = []
    for page in pages:
        out.append(f"page {page.number} {page.label} {_f(page.width)}x{_f(page.height)}")
        for frame in page.frames:
            out.append(
                f"frame {frame.kind} {frame.block} x={_f(frame.x)} y={_f(frame.y)} "
                f"w={_f(frame.width)} h={_f(frame.height)}".replace("  ", " ")
            )
            for line in frame.lines:
                out.extend("  " + s for s in dump_line(line, glyphs))
        for jump in page.jumps:
            out.append(f"jump {jump.direction} {jump.text} -> page {jump.target_page}")
        for m in page.missing:
            out.append(f"missing {m.char} U+{ord(m.char):04X} {m.part} p{m.paragraph} @{m.offset}")
    return "\n".join(out) + "\n"
