"""`newsdesk galley TEXT_FILE`: set a copy file as a galley proof (小样), as PDF or JSON.

--json prints {"measure_pt", "size_pt", "leading_pt", "lines": [{"text", "paragraph", "x",
"baseline", "width", "column", "page"}], "missing_glyphs": [...], "overset_chars"}; `x` is from
the column's left edge, `baseline` from the page's top edge, `column` 0-based within its page,
`page` 1-based, `paragraph` the 0-based body paragraph (non-empty line that is not a head).
Head lines (引题/主题/副题 from the copy's markup) are listed apart under "heads".

-o never writes over the copy file (also through a link), nor over an existing file that is not a
PDF unless --force; the PDF is written to a temporary file beside it and renamed. With --columns
the page decides the column width, so --measure/--width are refused with it. A galley whose
indent, margins or columns leave no room for text is refused with a Chinese message.
"""

from __future__ import annotations

import os
import sys
import unicodedata

from newsdesk.cli.common import write_json
from newsdesk.compose.justify import LOOSE, count_loose
from newsdesk.files import same_file, temporary_beside


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "galley",
        help="把稿件排成小样（PDF 或 JSON）",
        description="把纯文本稿件排成小样。默认一栏 13 字、小五号字；"
        "给出 --page 时按版面分栏、分页依次排满。",
    )
    p.add_argument("text_file", metavar="TEXT_FILE", help="稿件文件（纯文本，自动识别编码）")
    p.add_argument("-o", "--output", metavar="OUT.pdf", help="输出 PDF 文件")
    p.add_argument("--json", action="store_true", help="把排版结果以 JSON 输出到标准输出")
    p.add_argument("--measure", type=float, default=None, help="栏宽（正文字数，默认 13）")
    p.add_argument("--width", default=None, help="栏宽（长度，例如 45mm），与 --measure 二选一")
    p.add_argument("--size", default="小五", help="正文字号：字号名（小五）或磅值（9），默认小五")
    p.add_argument("--leading", default=None, help="行距（基线间距，磅），默认字号的 1.5 倍")
    p.add_argument("--indent", type=float, default=2.0, help="首行缩进（字），默认 2")
    p.add_argument(
        "--kinsoku", choices=("basic", "gb", "strict"), default="gb", help="避头尾级别，默认 gb"
    )
    p.add_argument("--page", default=None, help="版面尺寸，例如 297x420mm；不给则为单栏长条")
    p.add_argument("--margins", default="15mm", help="页边距，默认 15mm")
    p.add_argument("--columns", type=int, default=0, help="每页栏数（需 --page）")
    p.add_argument("--gutter", default=None, help="栏间距，例如 4mm；默认一个字")
    p.add_argument("--role", default="serif", help="正文字体角色，默认 serif（宋体）")
    p.add_argument(
        "--force", action="store_true", help="允许覆盖已存在的非 PDF 文件（稿件本身永远不会被覆盖）"
    )
    p.set_defaults(func=run)


def _spec(args):
    from newsdesk.compose.galley import MIN_COLUMN_CHARS, GalleySpec
    from newsdesk.errors import NewsdeskError
    from newsdesk.model.units import UnitError, parse_length, parse_page_size, parse_size

    try:
        size = parse_size(args.size)
        if size <= 0:
            raise NewsdeskError(f"字号必须大于零：{args.size}")
        leading = parse_length(args.leading, em=size) if args.leading else 1.5 * size
        if args.width and args.measure:
            raise NewsdeskError("--width 与 --measure 只能给一个")
        if args.columns and (args.width or args.measure):
            # With a column count the page decides the column width; a measure would be ignored.
            option = "--width" if args.width else "--measure"
            raise NewsdeskError(f"{option} 与 --columns 不能同时使用：给出栏数时栏宽由版面决定")
        if args.width:
            measure = parse_length(args.width, em=size)
        else:
            chars = 13.0 if args.measure is None else args.measure
            if chars < MIN_COLUMN_CHARS:
                raise NewsdeskError(f"栏宽至少 {MIN_COLUMN_CHARS} 个字：--measure {args.measure:g}")
            measure = chars * size
        page = parse_page_size(args.page) if args.page else None
        margins = parse_length(args.margins, em=size)
        gutter = parse_length(args.gutter, em=size) if args.gutter else None
    except UnitError as exc:
        raise NewsdeskError(str(exc)) from None
    if leading < size * 0.5:
        raise NewsdeskError(f"行距太小：{leading:g} 磅（字号 {size:g} 磅）")
    if args.columns < 0:
        raise NewsdeskError("栏数不能为负")
    if args.columns and page is None:
        raise NewsdeskError("--columns 需要同时给出 --page")
    if args.indent < 0:
        raise NewsdeskError("首行缩进不能为负")
    if margins < 0 or (gutter is not None and gutter < 0):
        raise NewsdeskError("页边距和栏间距不能为负")
    return GalleySpec(
        size=size,
        leading=leading,
        measure=measure,
        indent=args.indent,
        page=page,
        margins=margins,
        columns=args.columns,
        gutter=gutter,
        role=args.role,
    )


def galley_json(galley) -> dict:
    """The --json document of a galley."""
    r2 = _round

    def line_json(line, page):
        return {
            "text": line.text,
            "paragraph": line.paragraph,
            "x": r2(line.x - line.column_x),
            "baseline": r2(line.baseline),
            "width": r2(line.width),
            "column": line.column,
            "page": page,
            "spread": round(line.spread, 3),
            "hyphen": line.hyphen,
        }

    body = [line for line, _ in galley.body_lines if line.part == "body"]
    return {
        "measure_pt": r2(galley.measure),
        "size_pt": galley.spec.size,
        "leading_pt": galley.spec.leading,
        "lines": [line_json(line, page) for line, page in galley.body_lines if line.part == "body"],
        "heads": [
            {"text": h.text, "part": h.part, "x": r2(h.x), "baseline": r2(h.baseline)}
            for h in galley.head_lines
        ]
        + [
            {"text": h.text, "part": h.part, "x": r2(h.x), "baseline": r2(h.baseline)}
            for h, _ in galley.body_lines
            if h.part != "body"
        ],
        "missing_glyphs": [
            {"char": m.char, "paragraph": m.paragraph, "offset": m.offset}
            for m in galley.missing
            if m.part == "body"
        ],
        "overset_chars": galley.overset_chars,
        "pages": len(galley.pages),
        "loose_lines": count_loose(body),
        "loose_limit_em": LOOSE,
    }


def _round(v: float) -> float:
    return round(v, 4)


def missing_char_label(ch: str) -> str:
    """A missing character as the notice shows it: the character and its code point, or just the
    code point when the character is invisible (a format or control character, a space)."""
    code = f"U+{ord(ch):04X}"
    if not ch.isprintable() or ch.isspace() or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
        return code
    return f"{ch} {code}"


def check_output(copy_file: str, output: str, *, force: bool = False) -> None:
    """NewsdeskError when writing the PDF to `output` would destroy something.

    The copy itself is never overwritten (`galley marked.txt -o marked.txt` once replaced a
    reporter's copy with a PDF). An existing file that is not a PDF is kept unless --force.
    """
    from newsdesk.errors import NewsdeskError

    if same_file(copy_file, output):
        raise NewsdeskError(
            f"拒绝写出：输出文件 {output} 就是稿件文件本身，写入会把稿件覆盖成 PDF。请换一个输出文件名"
        )
    if os.path.isdir(output):
        raise NewsdeskError(f"无法写出 {output}：这是一个文件夹，请给出 PDF 文件名")
    if os.path.exists(output) and not force:
        try:
            with open(output, "rb") as fh:
                head = fh.read(5)
        except OSError:
            head = b""
        if head != b"%PDF-":
            raise NewsdeskError(
                f"拒绝覆盖：{output} 已存在且不是 PDF 文件。若确实要覆盖，请加 --force"
            )


def write_galley_pdf(galley, output: str, registry, title: str) -> None:
    """The galley's PDF written to a temporary file beside `output`, then renamed over it: a
    failed or interrupted write leaves the old file as it was."""
    from newsdesk.errors import NewsdeskError
    from newsdesk.render.pdf import write_pdf

    try:
        with temporary_beside(output) as tmp:
            try:
                write_pdf(galley.pages, tmp, registry, title=title)
            except NewsdeskError as exc:
                raise NewsdeskError(str(exc).replace(tmp, output)) from None
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, output)
    except OSError as exc:
        raise NewsdeskError(f"无法写入 {output}：{_write_problem(exc)}") from None


def _write_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "所在文件夹不存在"
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    return f"写入失败（{exc.strerror or exc}）"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def run(args) -> int:
    from newsdesk.compose.galley import build_galley
    from newsdesk.compose.setter import TextSetter
    from newsdesk.errors import NewsdeskError
    from newsdesk.fonts import default_registry
    from newsdesk.model.copy_import import parse_copy, read_copy_file

    spec = _spec(args)
    if args.output:
        check_output(args.text_file, args.output, force=args.force)
    story = parse_copy(read_copy_file(args.text_file), story_id="")
    if not story.paragraphs and not story.headline:
        raise NewsdeskError(f"稿件 {args.text_file} 没有正文")
    registry = default_registry()
    setter = TextSetter(registry, kinsoku=args.kinsoku)
    galley = build_galley(setter, story, spec)
    if args.output:
        write_galley_pdf(galley, args.output, registry, title=f"小样：{args.text_file}")
    if args.json:
        write_json(galley_json(galley))
    elif not args.output:
        lines = sum(1 for _, _ in galley.body_lines)
        print(f"小样：{lines} 行，{len(galley.pages)} 页，栏宽 {galley.measure:.1f} 磅")
    if story.kicker or story.headline or story.deck:
        from newsdesk.compose.headline import HEAD_TOO_LONG  # only copy with heads loads it

        for part, name in (("kicker", "引题"), ("headline", "主题"), ("deck", "副题")):
            length = len(getattr(story, part))
            if length > HEAD_TOO_LONG:  # a paragraph marked ## or # by mistake: set, but say so
                print(
                    f"注意：{name}有 {length} 字，不像标题（是否把正文标成了标题？）；已逐行排出",
                    file=sys.stderr,
                )
    if galley.missing and not args.json:
        chars = "、".join(missing_char_label(ch) for ch in sorted({m.char for m in galley.missing}))
        print(f"注意：{len(galley.missing)} 处缺字（{chars}），已按一字宽留出红框", file=sys.stderr)
    if args.output and not args.json:
        print(f"已写出 {args.output}（{len(galley.pages)} 页）")
    return 0
