"""`newsdesk preflight EDITION [--json] [--preset newspaper]`: what would stop the pages going to press.

Exit status 0 when there is no error, 1 when there are errors (warnings never fail it).
"""

from __future__ import annotations

from newsdesk.cli.common import (
    add_edition_argument,
    add_preset_option,
    load_edition_argument,
    write_json,
)

SEVERITY_LABELS = {"error": "错误", "warning": "警告"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "preflight",
        help="印前检查：超字、转版、缺字、占位文字、图片、墨量……",
        description="印前检查。有错误时退出码为 1，只有警告时为 0。",
    )
    add_edition_argument(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出每一项结果")
    add_preset_option(p, help="按哪个导出预设检查（默认 %(default)s）")
    p.set_defaults(func=run)


def run(args) -> int:
    from newsdesk.export.preflight import preflight

    path, edition = load_edition_argument(args)
    report = preflight(edition, base_dir=path.parent, preset=args.preset)
    if args.json:
        write_json({"edition": str(path), **report.to_json()}, indent=2)
    else:
        print(f"印前检查：{edition.paper} {edition.date.isoformat()} 第{edition.number}期")
        if not report.findings:
            print("没有发现问题。")
        for f in report.findings:
            where = []
            if f.page:
                where.append(f"第{f.page}版")
            if f.block:
                where.append(f"版块 {f.block}")
            place = f"（{'，'.join(where)}）" if where else ""
            print(f"[{SEVERITY_LABELS.get(f.severity, f.severity)}] {f.message}{place}")
        print(f"共 {len(report.errors)} 个错误，{len(report.warnings)} 个警告。")
        if report.errors:
            print("有错误：印刷 PDF 会被拒绝导出。")
    return 1 if report.errors else 0
