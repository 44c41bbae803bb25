"""Copyfit in the editor's units: 超 N 字 (characters overset) or 缺 N 行 (lines left empty)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Copyfit:
    story: str
    chars: int  # body characters of the story
    set_chars: int  # body characters that found a place
    overset_chars: int  # body characters that did not fit (超)
    empty_lines: int  # body lines left empty after the text ends (缺)
    free_chars: int  # about how many characters those empty lines would hold
    blocks: int  # blocks in the thread

    @property
    def label(self) -> str:
        if self.overset_chars > 0:
            return f"超 {self.overset_chars} 字"
        if self.empty_lines > 0:
            return f"缺 {self.empty_lines} 行"
        return "正好"

    def to_json(self) -> dict:
        data = asdict(self)
        data["copyfit"] = self.label
        return data


def make_copyfit(
    story: str, chars: int, overset: int, empty_lines: int, line_chars: int, blocks: int
) -> Copyfit:
    return Copyfit(
        story=story,
        chars=chars,
        set_chars=chars - overset,
        overset_chars=overset,
        empty_lines=0 if overset else empty_lines,
        free_chars=0 if overset else empty_lines * line_chars,
        blocks=blocks,
    )
