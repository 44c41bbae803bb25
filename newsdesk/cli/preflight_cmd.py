"""`newsdesk preflight EDITION [--json] [--preset newspaper]`: what would stop the pages going to press.

Exit status 0 when there is no error, 1 when there are errors (warnings never fail it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SEVERITY_LABELS = {"error": "错误", "warning": "警告"}


def register(subparsers) -> None:
    from newsdesk.export.presets import DEFAULT_PRESET, PRESETS

    p = subparsers.add_parser(
        "preflight",
        help="印前检查：超字、转版、缺字、占位文字、图片、墨量……",
        description="印前检查。有错误时退出码为 1，只有警告时为 0。",
    )
    p.add_argument("edition", help="版面文件（.newsdesk）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出每一项结果")
    p.add_argument(
        "--preset",
        default=DEFAULT_PRESET,
        choices=sorted(PRESETS),
        help="按哪个导出预设检查（默认 %(default)s）",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from newsdesk.export.preflight import preflight
    from newsdesk.model.edition_file import load_edition

    path = Path(args.edition)
    edition = load_edition(path)
    report = preflight(edition, base_dir=path.parent, preset=args.preset)
    if args.json:
        data = {"edition": str(path), **report.to_json()}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
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
