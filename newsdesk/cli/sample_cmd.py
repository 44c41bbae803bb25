"""`newsdesk sample [-o PATH.newsdesk] [--force]`: write the bundled sample edition.

The sample is 《滨江日报》, a fictional city daily: four 对开 pages, its articles written for the
project, its photographs and ads made at write time into an images/ folder beside the file.
"""

from __future__ import annotations

from newsdesk.errors import NewsdeskError

DEFAULT_PATH = "sample.newsdesk"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "sample",
        help="写出内置示例版面（《滨江日报》四个对开版）",
        description="写出内置示例版面《滨江日报》（虚构的城市日报，4 个对开版）及其图片。",
    )
    p.add_argument(
        "-o",
        "--output",
        default=DEFAULT_PATH,
        help="版面文件路径（默认 %(default)s）；图片写入同目录下的 images/",
    )
    p.add_argument("--force", action="store_true", help="覆盖已有的文件")
    p.set_defaults(func=run)


def run(args) -> int:
    from newsdesk.sample import write_sample

    try:
        path = write_sample(args.output, force=args.force)
    except OSError as exc:
        raise NewsdeskError(f"无法写出示例版面 {args.output}：{exc.strerror or exc}") from exc
    print(f"已写出示例版面：{path}（图片在 {path.parent / 'images'}）")
    return 0
