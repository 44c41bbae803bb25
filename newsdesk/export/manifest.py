"""The export manifest: what was sent, so the print shop and the desk can check it is what was
approved. JSON: one entry per file (file, page, size, SHA-256), the preset, creation time and the
preflight summary, and whether a blocked export was forced."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk import __version__
from newsdesk.model.edition import Edition

MANIFEST_NAME = "manifest.json"


@dataclass
class ExportedFile:
    path: Path
    pages: list[int]  # page numbers in the file
    labels: list[str]
    # Trim (finished page) size of each page in mm, (width, height); the print shop checks it.
    trim_mm: list[tuple[float, float]] = field(default_factory=list)

    def entry(self, root: Path | None) -> dict[str, Any]:
        data = self.path.read_bytes()
        name = self.path.name if root is None else str(self.path.relative_to(root))
        return {
            "file": name,
            "page": self.pages[0] if len(self.pages) == 1 else self.pages,
            "label": self.labels[0] if len(self.labels) == 1 else self.labels,
            "size": len(data),
            **self._trim(),
            "sha256": hashlib.sha256(data).hexdigest(),
        }

    def _trim(self) -> dict[str, Any]:
        if not self.trim_mm:
            return {}
        sizes = [{"width": w, "height": h} for w, h in self.trim_mm]
        return {"trim_mm": sizes[0] if len(sizes) == 1 else sizes}


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_manifest(
    edition: Edition,
    files: list[ExportedFile],
    *,
    preset: str,
    pdfx: str,
    created: _dt.datetime,
    preflight: dict[str, Any],
    forced: bool,
    root: Path | None,
) -> dict[str, Any]:
    return {
        "generator": f"Newsdesk {__version__}",
        "paper": edition.paper,
        "date": edition.date.isoformat(),
        "number": edition.number,
        "preset": preset,
        "pdfx": pdfx,
        "created": created.isoformat(timespec="seconds"),
        "forced": forced,
        "preflight": preflight,
        "files": [f.entry(root) for f in files],
    }


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    from newsdesk.model.edition_file import atomic_write_bytes

    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))


def verify_manifest(path: Path) -> list[str]:
    """Files whose size or SHA-256 no longer match the manifest (empty when all match)."""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    bad = []
    for entry in manifest.get("files", []):
        f = path.parent / entry["file"]
        if (
            not f.is_file()
            or f.stat().st_size != entry["size"]
            or sha256_file(f) != entry["sha256"]
        ):
            bad.append(entry["file"])
    return bad
