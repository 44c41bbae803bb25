"""`newsdesk export EDITION -o OUT.pdf [--pages 1,3]`: the laid-out pages as one PDF.

The pages go through the same layout engine and PDF painter as everything else; print-shop
presets are added by the print issue.
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.errors import NewsdeskError


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="把版面导出为 PDF")
    p.add_argument("edition", help="版面文件（.newsdesk）")
    p.add_argument("-o", "--output", required=True, help="输出的 PDF 文件")
    p.add_argument("--pages", default="", help="只导出这些版，例如 1,3 或 2-4（默认全部）")
    p.set_defaults(func=run)


def parse_pages(text: str, count: int) -> list[int]:
    """'1,3' or '2-4' -> sorted 0-based page indexes."""
    if not text.strip():
        return list(range(count))
    picked: list[int] = []
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            if "-" in part:
                a, b = (int(v) for v in part.split("-", 1))
                numbers = list(range(a, b + 1))
            else:
                numbers = [int(part)]
        except ValueError:
            raise NewsdeskError(f"无法识别的版次：{part!r}（例如 --pages 1,3 或 2-4）") from None
        for n in numbers:
            if not 1 <= n <= count:
                raise NewsdeskError(f"没有第 {n} 版：这期共 {count} 版")
            picked.append(n - 1)
    if not picked:
        raise NewsdeskError("没有选中任何版")
    return sorted(set(picked))


def run(args) -> int:
    from newsdesk.layout.engine import LayoutEngine
    from newsdesk.model.edition_file import load_edition
    from newsdesk.render.pdf import write_pdf

    path = Path(args.edition)
    edition = load_edition(path)
    engine = LayoutEngine(edition, base_dir=path.parent)
    pages = engine.layout()
    chosen = [pages[i] for i in parse_pages(args.pages, len(pages))]
    title = f"{edition.paper} {edition.date.isoformat()}"
    write_pdf(chosen, args.output, engine.registry, title=title)
    print(f"已导出 {len(chosen)} 版：{args.output}")
    errors = [f for f in engine.audit() if f.severity == "error"]
    for f in errors:
        print(f"注意：{f.message}")
    return 0
