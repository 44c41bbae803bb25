"""Copy (稿件) from Word or WPS as .docx: the document's paragraphs become a story.

Heads come from Word's paragraph styles — 标题/Title and 标题 1/Heading 1 make the headline (主题),
副标题/Subtitle and 标题 2/Heading 2 the deck (副题) — or from the plain-text markup of
docs/copy-format.md typed at the start of a paragraph (`^ ` kicker, `# ` headline, `## ` deck,
`@ ` byline); every other paragraph is body text, cleaned as plain-text copy is. A soft line break
(Shift+Enter in Word) starts a new line, as in a text file. Tables, text boxes, notes and images
are not copy and are left out.

python-docx reads the file; the file is read within the copy size limit and its zip is checked
before it is opened, so a damaged file or a zip bomb is refused with a message naming the file.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

from newsdesk.errors import CopyImportError, read_problem
from newsdesk.files import read_regular_file
from newsdesk.model.copy_import import parse_copy
from newsdesk.model.edition import Story

MAX_UNPACKED = 256 * 1024 * 1024  # a day's copy is a few MB; a zip bomb is gigabytes

# Word stores built-in style names in English whatever the interface language; WPS and some
# templates use the Chinese names.
_HEADLINE = re.compile(r"^(title|heading 1|标题|标题 ?1)$", re.IGNORECASE)
_DECK = re.compile(r"^(subtitle|heading 2|副标题|标题 ?2)$", re.IGNORECASE)


def _marker(style_name: str) -> str:
    name = style_name.strip()
    if _HEADLINE.match(name):
        return "# "
    if _DECK.match(name):
        return "## "
    return ""


def _open_document(data: bytes, name: str):
    """The python-docx Document of the bytes; CopyImportError for anything else."""
    damaged = f"无法导入稿件文件 {name}：不是有效的 Word 文档（.docx），文件可能已损坏"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise CopyImportError(
                f"无法导入稿件文件 {name}：这是旧版 Word 的 .doc 文件，请在 Word 或 WPS 中"
                "另存为 .docx 或纯文本 (.txt) 后再导入"
            ) from None
        raise CopyImportError(damaged) from None
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        raise CopyImportError(f"无法导入稿件文件 {name}：解压后过大（超过 256 MB），不会读取")
    import docx  # python-docx; imported here so that plain-text copy never needs it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise CopyImportError(damaged) from None
    except Exception as exc:  # noqa: BLE001 - lxml's XML errors and the like: a damaged file
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise CopyImportError(damaged) from None
        raise


def docx_copy_text(data: bytes, name: str = "") -> str:
    """The copy of a .docx as plain-text copy (markup lines for styled heads)."""
    document = _open_document(data, name)
    lines: list[str] = []
    try:
        for paragraph in document.paragraphs:
            style = paragraph.style.name if paragraph.style is not None else ""
            marker = _marker(style or "")
            for line in paragraph.text.split("\n"):
                if marker and line.strip():
                    lines.append(marker + line.strip())
                else:
                    lines.append(line)
    except (KeyError, ValueError, AttributeError):
        raise CopyImportError(
            f"无法导入稿件文件 {name}：不是有效的 Word 文档（.docx），文件可能已损坏"
        ) from None
    return "\n".join(lines)


def import_docx_file(path: str | os.PathLike, story_id: str = "story") -> Story:
    """A Story from a .docx; its slug (稿件名) is the file name without extension."""
    path = Path(path)
    try:
        data = read_regular_file(path, "copy")
    except OSError as exc:
        raise CopyImportError(f"无法导入稿件文件 {path}：{read_problem(exc)}") from None
    story = parse_copy(docx_copy_text(data, str(path)), story_id, slug=path.stem)
    if not (story.paragraphs or story.headline or story.kicker or story.deck or story.byline):
        raise CopyImportError(f"无法导入稿件文件 {path}：文件中没有文字")
    return story
