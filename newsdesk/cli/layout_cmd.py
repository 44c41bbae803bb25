"""`newsdesk layout EDITION [--json]`: lay out an edition and report pages, jumps, copyfit, audit."""

from __future__ import annotations

from newsdesk.cli.common import add_edition_argument, load_edition_argument, write_json


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "layout",
        help="排版整期报纸，列出各版、转版行、稿件余缺和检查结果",
        description="排版整期报纸。默认输出简要中文摘要；--json 输出完整排版结果（见 docs/layout-json.md）。",
    )
    add_edition_argument(p)
    p.add_argument("--json", action="store_true", help="以 JSON 输出完整排版结果")
    p.set_defaults(func=run)


def run(args) -> int:
    from newsdesk.layout.engine import LayoutEngine
    from newsdesk.layout.layout_json import edition_json

    warnings: list[str] = []
    path, edition = load_edition_argument(args, warnings)
    engine = LayoutEngine(edition, base_dir=path.parent)
    pages = engine.layout()
    if args.json:
        write_json(edition_json(engine, pages, warnings), indent=1)
        return 0
    for w in warnings:
        print(f"注意：{w}")
    print(f"{edition.paper}  共 {len(pages)} 版")
    for page in pages:
        blocks = len(page.frames)
        lines = sum(1 for _ in page.lines())
        print(f"  {page.label}：{blocks} 个版块，{lines} 行")
        for j in page.jumps:
            print(f"    {j.text}（版块 {j.block}）")
    print("稿件：")
    for sid, fit in engine.copyfit().items():
        story = edition.stories[sid]
        name = story.slug or story.headline or sid
        print(f"  {name}：{fit.label}（共 {fit.chars} 字，{fit.blocks} 个版块）")
    findings = engine.audit()
    if findings:
        print("检查：")
        for f in findings:
            mark = "错误" if f.severity == "error" else "提示"
            print(f"  [{mark}] {f.message}")
    else:
        print("检查：转版与接续无问题")
    return 0
