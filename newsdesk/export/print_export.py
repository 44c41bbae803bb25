"""Export an edition with a preset: layout, preflight, paint, PDF/X finish, per-page files, manifest.

    result = export_edition(edition, base_dir=..., preset="newspaper", outdir=Path("out"))
    result = export_edition(edition, base_dir=..., preset="newspaper", output=Path("a.pdf"))

A print preset refuses an edition with preflight errors (ExportBlocked) unless `force=True`; a
forced export says so in the manifest and in the PDF's Info (NewsdeskPreflight).
Files are written next to their target and renamed into place, so a failed export never leaves a
half-written PDF under the final name.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import NewsdeskError, write_problem
from newsdesk.export.conditions import ink_limit
from newsdesk.export.icc import profile_problem
from newsdesk.export.images import prepare_image
from newsdesk.export.manifest import MANIFEST_NAME, ExportedFile, build_manifest, write_manifest
from newsdesk.export.naming import DEFAULT_PATTERN, page_filename, unique_names
from newsdesk.export.output_guard import check_output, protected_files
from newsdesk.export.pdfx import make_pdfx, profile_path
from newsdesk.export.preflight import PreflightReport, preflight
from newsdesk.export.presets import DEFAULT_PRESET, get_preset
from newsdesk.files import output_target, temporary_beside
from newsdesk.layout.result import PageLayout
from newsdesk.model.edition import Edition
from newsdesk.render.pdf import write_pdf

Progress = Callable[[int, int], None]


class ExportBlocked(NewsdeskError):
    """Preflight found errors and the export was not forced."""

    def __init__(self, report: PreflightReport) -> None:
        self.report = report
        lines = [f"印前检查发现 {len(report.errors)} 个错误，已拒绝导出印刷 PDF："]
        for f in report.errors[:8]:
            where = f"第{f.page}版 " if f.page else ""
            lines.append(f"  - {where}{f.message}")
        if len(report.errors) > 8:
            lines.append(
                f"  …… 另有 {len(report.errors) - 8} 个错误（newsdesk preflight 查看全部）"
            )
        lines.append("改正后再导出；确需照发请加 --force（会记入清单）。")
        super().__init__("\n".join(lines))


@dataclass
class ExportResult:
    files: list[ExportedFile] = field(default_factory=list)
    manifest: Path | None = None
    report: PreflightReport | None = None
    forced: bool = False
    preset: str = DEFAULT_PRESET


def select_pages(pages: list[PageLayout], wanted: list[int] | None) -> list[PageLayout]:
    """Pages by 1-based number, in the order asked; all pages when `wanted` is None."""
    if not wanted:
        return list(pages)
    by_number = {p.number: p for p in pages}
    out = []
    for n in wanted:
        if n not in by_number:
            raise NewsdeskError(f"没有第{n}版（本期共 {len(pages)} 版）")
        out.append(by_number[n])
    return out


def parse_page_list(text: str) -> list[int]:
    """'1,3-4' -> [1, 3, 4]."""
    out: list[int] = []
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            if "-" in part:
                a, b = (int(v) for v in part.split("-", 1))
                if b < a:
                    raise ValueError
                out.extend(range(a, b + 1))
            else:
                out.append(int(part))
        except ValueError:
            raise NewsdeskError(f"版次列表写法有误：{text}（例：1,3-4）") from None
    if not out:
        raise NewsdeskError(f"版次列表是空的：{text}")
    return out


def export_edition(
    edition: Edition,
    *,
    base_dir: str | os.PathLike | None = None,
    preset: str = DEFAULT_PRESET,
    output: str | os.PathLike | None = None,
    outdir: str | os.PathLike | None = None,
    pages: list[int] | None = None,
    pattern: str = DEFAULT_PATTERN,
    force: bool = False,
    registry: Any = None,
    engine: Any = None,
    progress: Progress | None = None,
    created: _dt.datetime | None = None,
    edition_path: str | os.PathLike | None = None,
) -> ExportResult:
    """Export `edition` to one PDF (`output`) or one PDF per page plus a manifest (`outdir`).

    `edition_path` (the edition's file) is protected with its backup, autosave and linked files:
    an output that would overwrite any of them is refused before anything is written.
    """
    if (output is None) == (outdir is None):
        raise NewsdeskError("请指定 -o 输出文件或 --outdir 输出目录（二选一）")
    chosen = get_preset(preset)
    base = Path(base_dir) if base_dir is not None else None
    protected = protected_files(edition, edition_path, base)
    if output is not None:
        output = _writable_target(output, protected)
    created = created or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    if engine is None:
        from newsdesk.layout.engine import LayoutEngine

        engine = LayoutEngine(edition, registry=registry, base_dir=base)
    laid = engine.layout()
    if not laid:
        raise NewsdeskError("这期版面还没有任何版，无法导出")
    selected = select_pages(laid, pages)
    numbers = {p.number for p in selected}
    report = preflight(
        edition, base_dir=base, registry=registry, engine=engine, pages=laid, preset=chosen
    ).for_pages(numbers)
    forced = False
    if chosen.print_ready and report.errors:
        if not force:
            raise ExportBlocked(report)
        forced = True

    # An ad whose data cannot be decoded cannot be placed: a forced export (and a proof) draws
    # the labelled grey box of a missing picture there instead of failing half-way.
    selected = _without_ads(selected, _damaged_ad_blocks(report))

    settings = edition.print
    limit = ink_limit(settings)
    profile = profile_path(settings, base)
    # A profile preflight refused (forced export, or the proof preset) is left out: photos are
    # separated without it and the OutputIntent names the condition only.
    if profile is not None and profile_problem(profile, chosen.pdfx or "PDF/X-4"):
        profile = None
    images = functools.partial(
        prepare_image,
        cmyk=chosen.cmyk,
        ink_limit=limit,
        profile=profile if profile is not None and os.path.isfile(profile) else None,
        target_ppi=settings.target_ppi,
    )
    title_base = f"{edition.paper} {edition.date.isoformat()} 第{edition.number}期"
    paint = functools.partial(
        write_pdf,
        registry=registry if registry is not None else getattr(engine, "registry", None),
        cmyk=chosen.cmyk,
        mark_missing=chosen.mark_missing,
        bleed=settings.bleed if chosen.print_ready else 0.0,
        crop_marks=settings.crop_marks and chosen.print_ready,
        prepare_image=images,
        ink_limit=limit if chosen.cmyk else None,
    )
    finish = functools.partial(
        make_pdfx,
        preset=chosen,
        settings=settings,
        base_dir=base,
        created=created,
        use_profile=profile is not None,
    )
    forced_note = f"forced: {len(report.errors)} preflight error(s) overridden" if forced else ""

    result = ExportResult(report=report, forced=forced, preset=chosen.name)
    if output is not None:
        target = Path(output)
        _check_dir(target.parent)
        labels = [p.label for p in selected]
        title = f"{title_base} " + "、".join(labels)
        _write_one(target, selected, title, paint, finish, forced_note, progress)
        result.files.append(
            ExportedFile(
                target, [p.number for p in selected], labels, [_trim_mm(p) for p in selected]
            )
        )
        return result

    folder = Path(outdir)  # type: ignore[arg-type]
    if folder.exists() and not folder.is_dir():
        raise NewsdeskError(f"输出目录位置已有同名文件：{folder}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsdeskError(f"无法创建输出目录：{folder}（{write_problem(exc)}）") from exc
    names = [page_filename(pattern, edition, p.number, p.label, chosen.name) for p in selected]
    unique_names(names)
    real = {name: _writable_target(folder / name, protected) for name in [*names, MANIFEST_NAME]}
    total = len(selected)
    for done, (page, name) in enumerate(zip(selected, names), start=1):
        target = folder / name
        title = f"{title_base} {page.label}"
        _write_one(real[name], [page], title, paint, finish, forced_note, None)
        result.files.append(ExportedFile(target, [page.number], [page.label], [_trim_mm(page)]))
        if progress is not None:
            progress(done, total)
    manifest = build_manifest(
        edition,
        result.files,
        preset=chosen.name,
        pdfx=chosen.pdfx,
        created=created,
        preflight=report.to_json(),
        forced=forced,
        root=folder,
    )
    result.manifest = folder / MANIFEST_NAME
    try:
        write_manifest(result.manifest, manifest)
    except OSError as exc:
        raise NewsdeskError(f"无法写入清单：{result.manifest}（{write_problem(exc)}）") from exc
    return result


DAMAGED_AD_CODES = ("ad_stream_damaged", "ad_stream_too_large", "ad_unreadable")


def _damaged_ad_blocks(report: PreflightReport) -> set[str]:
    return {f.block for f in report.findings if f.code in DAMAGED_AD_CODES and f.block}


def _without_ads(pages: list[PageLayout], blocks: set[str]) -> list[PageLayout]:
    """Copies of `pages` whose PDF ads in `blocks` are marked missing (the layout is cached by
    the engine, so it is never changed in place)."""
    if not blocks:
        return pages
    out = []
    for page in pages:
        frames = [
            dataclasses.replace(
                frame,
                images=[
                    dataclasses.replace(item, missing=True) if item.is_pdf else item
                    for item in frame.images
                ],
            )
            if frame.block in blocks
            else frame
            for frame in page.frames
        ]
        out.append(dataclasses.replace(page, frames=frames))
    return out


def _writable_target(target: str | os.PathLike, protected: list[tuple[Path, str]]) -> Path:
    """The file to write for `target`: through a symlink to the regular file it names; refused
    (NewsdeskError) when it is a folder, a device or a pipe, or a file the export must keep."""
    real, problem = output_target(target)
    if problem:
        raise NewsdeskError(f"拒绝导出：{target} {problem}，不能写成 PDF。请换一个输出文件名")
    check_output(target, protected)
    check_output(real, protected)
    return Path(real)


def _check_dir(folder: Path) -> None:
    folder = folder if str(folder) else Path(".")
    if not folder.is_dir():
        raise NewsdeskError(f"输出目录不存在：{folder}")


def _write_one(
    target: Path,
    pages: list[PageLayout],
    title: str,
    paint: Callable[..., None],
    finish: Callable[..., None],
    forced_note: str,
    progress: Progress | None,
) -> None:
    # A unique temporary name beside the target: the rename below is atomic on one file system.
    try:
        with temporary_beside(target, ".part") as name:
            tmp = Path(name)
            paint(pages, tmp, title=title, subject=_subject(pages, title), progress=progress)
            extra = {"NewsdeskPreflight": forced_note} if forced_note else None
            finish(tmp, title=title, extra_info=extra)
            os.chmod(tmp, _new_file_mode(target))  # the temporary file is 0600; a PDF is shared
            os.replace(tmp, target)
    except OSError as exc:
        raise NewsdeskError(f"无法写入 PDF：{target}（{write_problem(exc)}）") from exc


def _new_file_mode(target: Path) -> int:
    """The permissions of the file being replaced, else what a plain open() would give."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _trim_mm(page: PageLayout) -> tuple[float, float]:
    """The page's trim size in mm, to 0.1 mm."""
    return (round(page.width / 72 * 25.4, 1), round(page.height / 72 * 25.4, 1))


def _subject(pages: list[PageLayout], title: str) -> str:
    """Info /Subject: what the file is (reportlab would write "(unspecified)")."""
    sizes = sorted({_trim_mm(p) for p in pages})
    size = "、".join(f"{w:g}×{h:g} mm" for w, h in sizes)
    return f"{title} 印刷版面，成品尺寸 {size}"
