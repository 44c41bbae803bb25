"""The CJK composer: paragraphs -> lines of positioned glyphs -> columns (no Qt here).

Steps, one module each: classes (clreq character classes) -> segment (units, 避头尾 break
opportunities) -> adjust (punctuation compression, CJK–Latin spacing) -> justify -> setter (line
setting) -> flow (columns); headline sets 引题/主题/副题 and vertical heads.
"""

from newsdesk.compose.flow import BASELINE_RATIO, ColumnSlot, FlowResult, FlowState, flow, make_line
from newsdesk.compose.setter import Glyph, Prepared, SetLine, TextSetter

__all__ = [
    "BASELINE_RATIO",
    "ColumnSlot",
    "FlowResult",
    "FlowState",
    "Glyph",
    "Prepared",
    "SetLine",
    "TextSetter",
    "flow",
    "make_line",
    "set_heads",
    "set_vertical_head",
]


def __getattr__(name: str):
    # The head setter on first use (PEP 562): `newsdesk galley` of copy without heads never
    # loads it. (flow and setter are loaded above: `flow` names the function, not the module.)
    if name in ("set_heads", "set_vertical_head"):
        from newsdesk.compose import headline

        value = globals()[name] = getattr(headline, name)
        return value
    raise AttributeError(f"module 'newsdesk.compose' has no attribute {name!r}")
