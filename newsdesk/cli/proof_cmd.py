"""`newsdesk proof export EDITION -o proof.pdf [--pages 1,3]` and
`newsdesk proof import EDITION ANNOTATED.pdf [--json]`: the proofing round trip (大样).

export writes the page proof (same layout as the print file, RGB, slug and 校样 mark outside the
trim, the character map inside; open proof items drawn as annotations). import reads the marks a
proofreader made in any PDF reader: with --json it prints one item per mark and changes nothing;
without, it adds them to the edition as open proof items and saves it (docs/proofing.md).
"""

from __future__ import annotations

import sys

from newsdesk.cli.common import add_edition_argument, load_edition_argument, write_json
from newsdesk.errors import NewsdeskError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "proof",
        help="校样：导出大样 PDF，导入校对批注",
        description="导出大样 PDF（可在任意 PDF 阅读器中批注），导入批注为校对记号。",
    )
    actions = p.add_subparsers(dest="action", metavar="操作", required=True)
    export = actions.add_parser(
        "export",
        help="导出大样 PDF（带版面信息条和校样标记）",
        description="导出大样 PDF：与印刷文件相同的版面，RGB，版面外有报名、日期、版次、修订号、"
        "时间，未处理的校对记号画成标准批注。",
    )
    add_edition_argument(export)
    export.add_argument("-o", "--output", required=True, help="输出的校样 PDF 文件")
    export.add_argument("--pages", default="", help="只导出这些版，例如 1,3 或 2-4（默认全部）")
    export.add_argument("--no-marks", action="store_true", help="不画出版面中未处理的校对记号")
    export.set_defaults(func=run_export)
    imp = actions.add_parser(
        "import",
        help="导入批注过的校样，记为校对记号",
        description="读取在任意 PDF 阅读器中批注过的校样，把每处批注对应到稿件文字。"
        "不加 --json 时作为未处理的校对记号存入版面文件。",
    )
    add_edition_argument(imp)
    imp.add_argument("annotated", help="批注过的校样 PDF")
    imp.add_argument("--json", action="store_true", help="以 JSON 列出批注，不改动版面文件")
    imp.set_defaults(func=run_import)
    for sub in (export, imp):
        sub.formatter_class = p.formatter_class


def run_export(args) -> int:
    from newsdesk.cli.export_cmd import parse_pages
    from newsdesk.proof.export import export_proof

    path, edition = load_edition_argument(args)
    numbers = sorted(i + 1 for i in parse_pages(args.pages, len(edition.pages)))
    result = export_proof(
        edition,
        args.output,
        base_dir=path.parent,
        pages=numbers,
        edition_path=path,
        marks=not args.no_marks,
    )
    pages = "、".join(f"第{n}版" for n in result.pages)
    print(f"已导出大样：{result.path}（{pages}，修订 {result.revision}）")
    if result.marks:
        print(f"画出未处理的校对记号 {result.marks} 处")
    for message in result.skipped:
        print(f"注意：{message}", file=sys.stderr)
    return 0


def run_import(args) -> int:
    from newsdesk.model.edition_file import EditionChanged, open_edition_file, save_edition
    from newsdesk.proof.apply import describe_item, import_operation
    from newsdesk.proof.importer import read_marks

    loaded = open_edition_file(args.edition)
    edition = loaded.edition
    result = read_marks(edition, args.annotated)
    for problem in result.problems:
        print(f"未能导入：{problem}", file=sys.stderr)
    for mark in result.flagged:
        print(
            f"需人工核对：第{mark.page}版 「{mark.proof_text or mark.replacement}」：{mark.flag}",
            file=sys.stderr,
        )
    if args.json:
        write_json([m.to_json() for m in result.marks], indent=2)
        return 0
    items = result.items(edition)
    if not items:
        print("校样中没有可导入的批注。")
        return 0
    import_operation(items, str(args.annotated)).apply(edition)
    try:
        save_edition(edition, loaded.path, expected=loaded.digest)
    except EditionChanged as exc:
        raise NewsdeskError(f"{exc}。请重新导入") from None
    for item in items:
        flag = f"（需人工核对：{item.flag}）" if item.flag else ""
        print(f"第{item.page}版 {describe_item(item)}{flag}")
    print(
        f"已导入 {len(items)} 处校对记号到 {loaded.path}"
        f"（其中 {len(result.flagged)} 处需人工核对）；在 Newsdesk 的校对面板中应用或拒绝。"
    )
    return 0
