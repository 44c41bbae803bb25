"""`newsdesk preflight EDITION [--json] [--preset newspaper] [--accept KEY] [--revoke KEY]`:
what would stop the pages going to press.

Exit status 0 when there is no error, 1 when there are errors (warnings never fail it).
Each finding has a stable key (shown with --json, and after findings that may be accepted).
--accept KEY records in the edition that the desk accepts that finding (a headline that really
reads 主题, a deliberately soft archive photo): it then prints as 已接受 and no longer blocks a
print export; the export manifest lists it. Only some kinds can be accepted (see
newsdesk.export.preflight.ACCEPTABLE_CODES); overset, 缺字, missing pictures or fonts and broken
jumps never can. The edition file is rewritten atomically (the previous one kept as .bak).
"""

from __future__ import annotations

from newsdesk.cli.common import (
    add_edition_argument,
    add_preset_option,
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
    p.add_argument("--json", action="store_true", help="以 JSON 输出每一项结果（含每项的 key）")
    add_preset_option(p, help="按哪个导出预设检查（默认 %(default)s）")
    p.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="KEY",
        help="接受某一项检查结果（按 key），记入版面文件，不再阻止导出；可重复",
    )
    p.add_argument(
        "--revoke",
        action="append",
        default=[],
        metavar="KEY",
        help="撤销对某一项的接受；可重复",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from newsdesk.export.preflight import preflight
    from newsdesk.model.edition_file import open_edition_file

    loaded = open_edition_file(args.edition)
    path, edition = loaded.path, loaded.edition
    report = preflight(edition, base_dir=path.parent, preset=args.preset)
    if args.accept or args.revoke:
        _change_acceptance(path, edition, report, args.accept, args.revoke, loaded.digest)
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
            if f.acceptable and not f.accepted:
                where.append(f"可接受：--accept {f.key}")
            place = f"（{'，'.join(where)}）" if where else ""
            label = "已接受" if f.accepted else SEVERITY_LABELS.get(f.severity, f.severity)
            print(f"[{label}] {f.message}{place}")
        accepted = f"，{len(report.accepted)} 项已接受" if report.accepted else ""
        print(f"共 {len(report.errors)} 个错误，{len(report.warnings)} 个警告{accepted}。")
        if report.errors:
            print("有错误：印刷 PDF 会被拒绝导出。")
    return 1 if report.errors else 0


def _change_acceptance(
    path, edition, report, accept: list[str], revoke: list[str], digest: str
) -> None:
    """Record accepted keys in the edition and save it; NewsdeskError for a key that is not
    a current finding, or one that may not be accepted, and when the file was changed by
    another program since it was read (two acceptances at once: the second is refused, never
    silently lost)."""
    from newsdesk.errors import NewsdeskError
    from newsdesk.model.edition_file import EditionChanged, save_edition

    keys = list(edition.print.accepted)
    for key in accept:
        finding = report.find(key)
        if finding is None:
            raise NewsdeskError(
                f"没有这一项检查结果：{key}（newsdesk preflight {path} --json 可查看每项的 key）"
            )
        if not finding.acceptable:
            raise NewsdeskError(
                f"这一项不能接受，必须改正：{finding.message}"
                "（只有占位文字、图片分辨率、版块重叠或超出版心、广告尺寸可以接受）"
            )
        if key not in keys:
            keys.append(key)
    for key in revoke:
        if key not in keys:
            raise NewsdeskError(f"没有接受过这一项：{key}")
        keys.remove(key)
    edition.print.accepted = keys
    try:
        save_edition(edition, path, expected=digest)
    except EditionChanged as exc:
        raise NewsdeskError(f"{exc}。请重新运行这条命令") from None
    for key in accept:
        print(f"已接受：{key}（已记入 {path}）")
    for key in revoke:
        print(f"已撤销接受：{key}（已记入 {path}）")
