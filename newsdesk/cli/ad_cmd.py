"""`newsdesk ad check AD.pdf` and `newsdesk ad normalize AD.pdf -o OUT.pdf`: an advertiser's PDF
checked as preflight checks it (no edition needed), and converted with Ghostscript the way a print
shop's prepress would (CMYK, PDF 1.3, transparency flattened, fonts embedded) when it fails.

check exits 0 when the ad can be placed in the preset's file, 1 when it cannot.
normalize says plainly that it converts (colours change), writes OUT.pdf atomically, checks the
result again and exits 1 if something the conversion could not fix remains.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from newsdesk.cli.common import add_preset_option, write_json
from newsdesk.errors import NewsdeskError, write_problem
from newsdesk.files import temporary_beside

SEVERITY_LABELS = {"error": "错误", "warning": "警告"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ad",
        help="检查或转换广告 PDF（PDF/X-1a 不允许的内容）",
        description="检查广告 PDF 是否能直接用于印刷 PDF，或用 Ghostscript 转换为 CMYK / PDF 1.3。",
    )
    actions = p.add_subparsers(dest="action", metavar="操作", required=True)
    check = actions.add_parser(
        "check", help="检查广告 PDF，与印前检查相同", description="检查广告 PDF"
    )
    check.add_argument("ad", help="广告 PDF 文件")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_preset_option(check, help="按哪个导出预设检查（默认 %(default)s）")
    check.set_defaults(func=run_check)
    normalize = actions.add_parser(
        "normalize",
        help="用 Ghostscript 转换为 CMYK、PDF 1.3（会改变颜色），再检查结果",
        description="用 Ghostscript 转换广告 PDF：RGB 等颜色转为 CMYK，透明度拼合，字体嵌入，"
        "输出 PDF 1.3。这是转换，不是无损修复：颜色会改变，请让广告客户确认。",
    )
    normalize.add_argument("ad", help="广告 PDF 文件")
    normalize.add_argument("-o", "--output", required=True, help="转换后的 PDF 文件")
    normalize.set_defaults(func=run_normalize)
    for sub in (check, normalize):
        sub.formatter_class = p.formatter_class


def _facts(path: Path):
    from newsdesk.export.pdf_ads import inspect_ad

    if not path.is_file():
        raise NewsdeskError(f"广告文件不存在：{path}")
    return inspect_ad(str(path))


def _report(path: Path, pdfx: str) -> tuple[list[tuple[str, str, str]], str]:
    """(code, severity, message) findings, and why the file cannot be read ("" if it can)."""
    from newsdesk.export.pdf_ads import ad_messages

    facts = _facts(path)
    if not facts.readable:
        return [], facts.error
    return ad_messages(path.name, facts, pdfx), ""


def _print_findings(findings: list[tuple[str, str, str]]) -> None:
    for _code, severity, message in findings:
        print(f"[{SEVERITY_LABELS.get(severity, severity)}] {message}")


def run_check(args) -> int:
    from newsdesk.export.presets import get_preset

    preset = get_preset(args.preset)
    path = Path(args.ad)
    findings, error = _report(path, preset.pdfx or "PDF/X-1a:2001")
    if not preset.pdfx:
        damage = {"ad_stream_damaged", "ad_stream_too_large"}
        findings = [f for f in findings if f[0] in damage]
    errors = [f for f in findings if f[1] == "error"]
    if args.json:
        write_json(
            {
                "ad": str(path),
                "preset": preset.name,
                "readable": not error,
                "error": error,
                "ok": not error and not errors,
                "findings": [{"code": c, "severity": s, "message": m} for c, s, m in findings],
            },
            indent=2,
        )
        return 1 if error or errors else 0
    if error:
        print(f"[错误] 广告 PDF {path.name} 无法读取：{error}")
        return 1
    print(f"广告检查（{preset.label}）：{path.name}")
    _print_findings(findings)
    if not findings:
        print("没有发现问题，可以置入。")
    else:
        print(f"共 {len(errors)} 个错误，{len(findings) - len(errors)} 个警告。")
    if errors and shutil.which("gs"):
        print(f"可以转换：newsdesk ad normalize {path} -o 转换后.pdf（会改变颜色，请广告客户确认）")
    return 1 if errors else 0


# Ghostscript's PDF writer as a prepress department sets it for PDF/X-1a: PDF 1.3 (so
# transparency is flattened), every colour converted to CMYK, transfer functions applied,
# halftones and BG/UCR dropped, fonts embedded, annotations and their actions left out, the
# placed (first) page only.
GS_ARGS = [
    "-q",
    "-dSAFER",
    "-dBATCH",
    "-dNOPAUSE",
    "-sDEVICE=pdfwrite",
    "-dCompatibilityLevel=1.3",
    "-sColorConversionStrategy=CMYK",
    "-sProcessColorModel=DeviceCMYK",
    "-sTransferFunctionInfo=Apply",
    "-sUCRandBGInfo=Remove",
    "-dPreserveHalftoneInfo=false",
    "-dPreserveOverprintSettings=true",
    "-dEmbedAllFonts=true",
    "-dSubsetFonts=true",
    "-dPreserveAnnots=false",
    "-dShowAnnots=false",
    "-dAutoRotatePages=/None",
    "-dFirstPage=1",
    "-dLastPage=1",
]


def run_normalize(args) -> int:
    source = Path(args.ad)
    target = Path(args.output)
    gs = shutil.which("gs")
    if gs is None:
        raise NewsdeskError(
            "转换需要 Ghostscript（gs），本机没有安装：sudo apt-get install ghostscript"
        )
    facts = _facts(source)
    if not facts.readable:
        raise NewsdeskError(f"广告 PDF {source.name} 无法读取：{facts.error}")
    if target.exists() and os.path.samefile(source, target):
        raise NewsdeskError("输出文件不能是广告原文件：请用 -o 指定另一个文件名")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise NewsdeskError(f"输出目录不存在：{folder}")
    print(
        f"转换 {source.name}：颜色转为 CMYK、透明度拼合、字体嵌入，输出 PDF 1.3。"
        "这是转换，不是无损修复：颜色可能改变，请让广告客户确认转换结果。"
    )
    try:
        with temporary_beside(target, ".part") as name:
            tmp = Path(name)
            run = subprocess.run(
                [gs, *GS_ARGS, f"-sOutputFile={tmp}", "--", str(source)],
                capture_output=True,
                text=True,
                timeout=600,
            )
            if run.returncode != 0 or tmp.stat().st_size == 0:
                raise NewsdeskError(
                    f"Ghostscript 无法转换 {source.name}（退出码 {run.returncode}）："
                    "文件可能已损坏，请向广告客户重新索取"
                )
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
    except subprocess.TimeoutExpired as exc:
        raise NewsdeskError(f"转换 {source.name} 超过 10 分钟，已停止") from exc
    except OSError as exc:
        raise NewsdeskError(f"无法写入：{target}（{write_problem(exc)}）") from exc
    findings, error = _report(target, "PDF/X-1a:2001")
    print(f"已写入 {target}。转换结果的检查：")
    if error:
        print(f"[错误] 转换结果无法读取：{error}")
        return 1
    _print_findings(findings)
    errors = [f for f in findings if f[1] == "error"]
    if not findings:
        print("转换结果没有发现问题，可以置入（请广告客户确认颜色）。")
    else:
        print(f"转换后仍有 {len(errors)} 个错误：请向广告客户索取符合 PDF/X-1a 的文件。")
    return 1 if errors else 0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
