"""`newsdesk sample [-o PATH.newsdesk] [--force]`: write the bundled sample edition.

The sample is 《滨江日报》, a fictional city daily: four 对开 pages, its articles written for the
project, its photographs and ads made at write time into an images/ folder beside the file.
"""

from __future__ import annotations

import errno

from newsdesk.errors import NewsdeskError

DEFAULT_PATH = "sample.newsdesk"

# Why a write failed, in the words of the user's language.
_REASONS = {
    errno.ENOENT: "路径不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "目标是一个文件夹",
}


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
        reason = _REASONS.get(exc.errno or 0, "写入失败")
        raise NewsdeskError(f"无法写出示例版面 {args.output}：{reason}") from exc
    print(f"已写出示例版面：{path}（图片在 {path.parent / 'images'}）")
    return 0
