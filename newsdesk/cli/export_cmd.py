"""`newsdesk export EDITION (-o OUT.pdf | --outdir DIR) [--pages 1,3] [--preset newspaper]`.

The pages go through the same layout engine and PDF painter as everything else. The default
preset, newspaper, writes PDF/X-1a:2001 for the print shop and refuses an edition with preflight
errors unless --force (recorded in the manifest and the PDF). --outdir writes one PDF per page,
named by --pattern, and manifest.json with sizes and SHA-256 sums.
"""

from __future__ import annotations

import sys

from newsdesk.cli.common import add_edition_argument, add_preset_option, load_edition_argument
from newsdesk.errors import NewsdeskError


def register(subparsers) -> None:
    from newsdesk.export.naming import DEFAULT_PATTERN

    p = subparsers.add_parser(
        "export",
        help="把版面导出为 PDF（默认 PDF/X-1a 报纸印刷）",
        description="把版面导出为 PDF。印刷预设在印前检查有错误时拒绝导出（--force 强制，记入清单）。",
    )
    add_edition_argument(p)
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", help="输出到一个 PDF 文件（所选各版）")
    target.add_argument("--outdir", help="每版一个 PDF，写入此目录，并写 manifest.json 清单")
    p.add_argument("--pages", default="", help="只导出这些版，例如 1,3 或 2-4（默认全部）")
    add_preset_option(
        p, help="导出预设：newspaper = PDF/X-1a:2001（默认），x4 = PDF/X-4，proof = 屏幕校样"
    )
    p.add_argument(
        "--pattern",
        default=DEFAULT_PATTERN,
        help="--outdir 的文件名模式（默认 %(default)s；字段 paper date number page label "
        "section preset）",
    )
    p.add_argument("--bleed", help="出血，例如 3mm（默认取版面设置，报纸通常为 0）")
    p.add_argument("--crop-marks", action="store_true", help="加裁切线（默认取版面设置）")
    p.add_argument(
        "--ink-limit",
        type=float,
        help="总墨量上限 %%，印厂的要求（默认取版面设置，未设置时取印刷条件的：IFRA26 为 220）",
    )
    p.add_argument("--force", action="store_true", help="印前检查有错误也导出（记入清单）")
    p.set_defaults(func=run)


def parse_pages(text: str, count: int) -> list[int]:
    """'1,3' or '2-4' -> 0-based page indexes, in the order given, each once; empty = all."""
    from newsdesk.export.print_export import parse_page_list

    if not text.strip():
        return list(range(count))
    picked: list[int] = []
    for n in parse_page_list(text):
        if not 1 <= n <= count:
            raise NewsdeskError(f"没有第 {n} 版：这期共 {count} 版")
        if n - 1 not in picked:
            picked.append(n - 1)
    return picked


def run(args) -> int:
    from newsdesk.export.print_export import export_edition
    from newsdesk.export.progress import ProgressBar
    from newsdesk.layout.engine import LayoutEngine

    path, edition = load_edition_argument(args)
    if args.bleed is not None:
        from newsdesk.model.units import UnitError, parse_length

        try:
            edition.print.bleed = parse_length(args.bleed)
        except UnitError as exc:
            raise NewsdeskError(str(exc)) from None
        if not 0 <= edition.print.bleed <= 72:
            raise NewsdeskError(f"出血应在 0 到 25mm 之间：{args.bleed}")
    if args.crop_marks:
        edition.print.crop_marks = True
    if args.ink_limit is not None:
        if not 100 <= args.ink_limit <= 400:
            raise NewsdeskError(f"总墨量上限应在 100% 到 400% 之间：{args.ink_limit:g}")
        edition.print.ink_limit = args.ink_limit
    engine = LayoutEngine(edition, base_dir=path.parent)
    # Pages come out in edition order, whatever order they were asked in.
    numbers = sorted(i + 1 for i in parse_pages(args.pages, len(edition.pages)))
    result = export_edition(
        edition,
        base_dir=path.parent,
        preset=args.preset,
        output=args.output,
        outdir=args.outdir,
        pages=numbers,
        pattern=args.pattern,
        force=args.force,
        engine=engine,
        progress=ProgressBar("导出"),
        edition_path=path,
    )
    where = args.output or args.outdir
    print(f"已导出 {len(numbers)} 版（{result.preset}）：{where}")
    if result.manifest is not None:
        print(f"清单：{result.manifest}")
    report = result.report
    if report is not None:
        if result.forced:
            print(
                f"注意：印前检查有 {len(report.errors)} 个错误，已按 --force 强制导出（已记入清单）",
                file=sys.stderr,
            )
        for f in report.errors[:20]:  # a proof or a forced export still names them
            print(f"错误：{f.message}", file=sys.stderr)
        if report.accepted:
            print(f"已接受 {len(report.accepted)} 项检查结果（已记入清单）", file=sys.stderr)
        if report.warnings:
            print(f"警告 {len(report.warnings)} 项（newsdesk preflight 查看详情）", file=sys.stderr)
    return 0
