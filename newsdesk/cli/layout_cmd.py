"""`newsdesk layout EDITION [--json]`: lay out an edition and report pages, jumps, copyfit, audit."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "layout",
        help="排版整期报纸，列出各版、转版行、稿件余缺和检查结果",
        description="排版整期报纸。默认输出简要中文摘要；--json 输出完整排版结果（见 docs/layout-json.md）。",
    )
    p.add_argument("edition", help="版面文件（.newsdesk）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出完整排版结果")
    p.set_defaults(func=run)


def run(args) -> int:
    from newsdesk.layout.engine import LayoutEngine
    from newsdesk.layout.layout_json import edition_json
    from newsdesk.model.edition_file import load_edition

    path = Path(args.edition)
    warnings: list[str] = []
    edition = load_edition(path, warnings)
    engine = LayoutEngine(edition, base_dir=path.parent)
    pages = engine.layout()
    if args.json:
        json.dump(edition_json(engine, pages, warnings), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
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
