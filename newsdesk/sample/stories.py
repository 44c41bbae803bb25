"""The sample edition's articles: plain-text copy files read into Story objects.

The files use the newsroom copy markup: `^ ` kicker (引题), `# ` headline (主题), `## ` deck (副题),
`@ ` byline, every other non-empty line a paragraph. Two small additions serve the 副刊 page and
the short-news column: `### ` marks a subhead paragraph (a poem's title), and a paragraph that
starts with 【…】 gets that lead-in set bold, as newspapers print 简讯 items.
"""

from __future__ import annotations

from importlib import resources

from newsdesk.model.edition import InlineSpan, Paragraph, Story

ARTICLE_PACKAGE = "newsdesk.sample.articles"


def article_names() -> list[str]:
    """Names (file stems) of every bundled article, sorted."""
    folder = resources.files(ARTICLE_PACKAGE)
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


def article_text(name: str) -> str:
    """The raw copy of one bundled article."""
    return resources.files(ARTICLE_PACKAGE).joinpath(f"{name}.txt").read_text(encoding="utf-8")


def parse_article(text: str, story_id: str, body_style: str = "body") -> Story:
    """Copy markup -> Story (heads, byline, paragraphs); the thread is left to the page plan."""
    story = Story(id=story_id)
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("### "):
            story.paragraphs.append(Paragraph(line[4:].strip(), "subhead"))
        elif line.startswith("## "):
            story.deck = line[3:].strip()
        elif line.startswith("# "):
            story.headline = line[2:].strip()
        elif line.startswith("^ "):
            story.kicker = line[2:].strip()
        elif line.startswith("@ "):
            story.byline = line[2:].strip()
        else:
            story.paragraphs.append(_paragraph(line, body_style))
    story.slug = story.headline
    return story


def _paragraph(text: str, style: str) -> Paragraph:
    para = Paragraph(text, style)
    if text.startswith("【"):
        end = text.find("】")
        if end > 0:
            para.spans.append(InlineSpan(0, end + 1, "bold"))
    return para


def load_article(name: str, story_id: str | None = None, body_style: str = "body") -> Story:
    """One bundled article as a Story with id `story_id` (default: the file name)."""
    return parse_article(article_text(name), story_id or name, body_style)


def article_chars(text: str) -> int:
    """Characters of text in a copy file, markup and line breaks not counted."""
    count = 0
    for raw in text.splitlines():
        line = raw.strip()
        for mark in ("### ", "## ", "# ", "^ ", "@ "):
            if line.startswith(mark):
                line = line[len(mark) :]
                break
        count += len(line.strip())
    return count
