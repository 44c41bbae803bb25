"""Refresh resources/i18n/newsdesk_zh_CN.ts from the tr("…") calls in newsdesk/app, then compile
the .qm with pyside6-lrelease. Existing translations are kept; new strings are marked unfinished.

Run: .venv/bin/python scripts/update_translations.py
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TS = REPO / "resources" / "i18n" / "newsdesk_zh_CN.ts"
CONTEXT = "MainWindow"


def extract_strings() -> list[str]:
    """Every literal passed to tr(...) in the application package, in source order."""
    seen: dict[str, None] = {}
    for path in sorted((REPO / "newsdesk" / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                seen.setdefault(node.args[0].value, None)
    return list(seen)


def read_ts(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    table = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and translation.get("type") != "unfinished" and translation.text:
            table[source] = translation.text
    return table


def write_ts(path: Path, strings: list[str], table: dict[str, str]) -> list[str]:
    root = ET.Element("TS", version="2.1", language="zh_CN")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    missing = []
    for source in strings:
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        if source in table:
            translation.text = table[source]
        else:
            translation.set("type", "unfinished")
            missing.append(source)
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return missing


def compile_qm(path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    subprocess.run(
        [lrelease, "-silent", str(path), "-qm", str(path.with_suffix(".qm"))], check=True
    )


def main() -> int:
    strings = extract_strings()
    missing = write_ts(TS, strings, read_ts(TS))
    compile_qm(TS)
    for source in missing:
        print(f"untranslated: {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
