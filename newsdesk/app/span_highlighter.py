"""Shows a story body's inline styles and paragraph styles in the story editor: bold in bold, 楷
in the bundled 楷体, 着重号 as a dotted underline, superscript/subscript raised/lowered, 小标题
paragraphs in bold. Formats are overlays (the document's text and undo are untouched)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat

from newsdesk.errors import NewsdeskError


@cache
def kai_family(path: str) -> str:
    font_id = QFontDatabase.addApplicationFont(path)
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else "KaiTi"


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, editor, registry) -> None:
        super().__init__(editor.document())
        self.editor = editor  # a PartEdit on the body
        try:
            self.kai = kai_family(registry.face("kai").path)
        except (NewsdeskError, AttributeError):
            self.kai = "KaiTi"

    def _format(self, kinds: set[str], subhead: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if "bold" in kinds or subhead:
            fmt.setFontWeight(QFont.Weight.Bold)
        if "kai" in kinds:
            fmt.setFontFamilies([self.kai])
        if "emphasis" in kinds:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        if "superscript" in kinds:
            fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        elif "subscript" in kinds:
            fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript)
        return fmt

    def highlightBlock(self, text: str) -> None:
        story = self.editor.story
        n = self.currentBlock().blockNumber()
        if story is None or n >= len(story.paragraphs):
            return
        para = story.paragraphs[n]
        if para.text != text:
            return  # mid-edit: the model catches up and the block is highlighted again
        subhead = para.style != "body"
        if not para.spans and not subhead:
            return
        # Overlapping spans combine: cut the paragraph at every span boundary.
        cuts = sorted({0, len(text), *(s.start for s in para.spans), *(s.end for s in para.spans)})
        for a, b in zip(cuts, cuts[1:]):
            kinds = {s.kind for s in para.spans if s.start <= a and b <= s.end}
            if kinds or subhead:
                self.setFormat(a, b - a, self._format(kinds, subhead))
