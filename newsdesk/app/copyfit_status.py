"""A story's state on the pages in the editor's words: 超 N 字, 缺 N 行, 正好 or 未上版, with the
colour the stories panel and the story editor's badge show it in."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

OVER = QColor(200, 30, 30)  # 超: must be cut or refitted
SHORT = QColor(180, 110, 0)  # 缺: lines to fill
FIT = QColor(30, 130, 60)
UNPLACED = QColor(110, 110, 110)


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


@dataclass(frozen=True)
class StoryStatus:
    label: str  # 超 48 字 / 缺 3 行 / 正好 / 未上版
    colour: QColor
    placed: bool
    chars: int  # body characters (字)


def is_placed(edition, story_id: str) -> bool:
    story = edition.stories[story_id]
    if story.thread:
        return True
    return any(b.story == story_id for page in edition.pages for b in page.blocks)


def story_status(edition, copyfit: dict, story_id: str) -> StoryStatus:
    """`copyfit` is the layout engine's copyfit() of the current layout."""
    story = edition.stories[story_id]
    chars = sum(len(p.text) for p in story.paragraphs)
    fit = copyfit.get(story_id)
    if not is_placed(edition, story_id):
        return StoryStatus(tr("Not placed"), UNPLACED, False, chars)
    if fit is None:
        return StoryStatus("", UNPLACED, True, chars)
    if fit.overset_chars > 0:
        colour = OVER
    elif fit.empty_lines > 0:
        colour = SHORT
    else:
        colour = FIT
    return StoryStatus(fit.label, colour, True, chars)
