"""Print conditions Newsdesk knows by name: the OutputConditionIdentifier of the OutputIntent.

PDF/X-1a lets a file name its printing condition without embedding a profile, but only by a
reference name registered in the ICC Characterization Data Registry (https://www.color.org,
"registry2.xalter"); RegistryName is then http://www.color.org. Any other name needs the
condition's ICC profile (PrintSettings.icc_profile), or preflight refuses the edition.

Each known condition carries the total ink limit Newsdesk uses when the edition does not set
one (PrintSettings.ink_limit is None): the print shop's own figure, when it has one, goes in the
edition's print settings and wins.

- IFRA26 (ISO 12647-3 coldset on newsprint): 220 %. WAN-IFRA: "The revised ISO 12647-3
  standard recommends a TAC of 220 for cold-set newspaper production" (Self Check update for
  ISO 12647-3:2013, 2014); its WAN-IFRAnewspaper26v5 profile (2015) has "Max ink coverage: 220%"
  and "heavy black with an early black start".
- IFRA30 (improved newsprint): 240 %, since WAN-IFRA finds "220 TAC is too low for other
  categories" and keeps a 240 % four-colour black patch for them.
- FOGRA39 (ISO 12647-2:2004 coated offset): 330 %, the limit of the ECI's ISO Coated v2 profile
  built on it. FOGRA51/52 (ISO 12647-2:2013, PSO Coated/Uncoated v3): 300 %.
- CGATS TR 001 (SWOP): 300 %, the SWOP total area coverage.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.model.edition import PrintSettings

REGISTRY = "http://www.color.org"
DEFAULT_INK_LIMIT = 240.0  # %, a condition Newsdesk does not know (the profile's own is unknown)


@dataclass(frozen=True)
class PrintCondition:
    identifier: str  # the ICC registry's reference name
    condition: str  # OutputCondition text
    ink_limit: float  # total area coverage, %
    newsprint: bool  # coldset on newsprint: heavy-GCR separation without a profile


REGISTERED: dict[str, PrintCondition] = {
    c.identifier: c
    for c in (
        PrintCondition("IFRA26", "ISO newspaper 26 (ISO 12647-3, coldset newsprint)", 220.0, True),
        PrintCondition("IFRA30", "ISO newspaper 30 (ISO 12647-3, improved newsprint)", 240.0, True),
        PrintCondition(
            "FOGRA39",
            "Offset commercial and specialty printing, coated paper (ISO 12647-2:2004)",
            330.0,
            False,
        ),
        PrintCondition(
            "FOGRA51", "Offset printing, premium coated paper (ISO 12647-2:2013)", 300.0, False
        ),
        PrintCondition(
            "FOGRA52", "Offset printing, wood-free uncoated paper (ISO 12647-2:2013)", 300.0, False
        ),
        PrintCondition("CGATS TR 001", "SWOP (Publication) Grade 1 Paper", 300.0, False),
    )
}


def condition_of(settings: PrintSettings) -> PrintCondition | None:
    return REGISTERED.get(settings.output_condition or "IFRA26")


def ink_limit(settings: PrintSettings) -> float:
    """The total ink limit in force: the edition's own, else its print condition's."""
    if settings.ink_limit is not None:
        return float(settings.ink_limit)
    known = condition_of(settings)
    return known.ink_limit if known is not None else DEFAULT_INK_LIMIT


def ink_limit_source(settings: PrintSettings) -> str:
    """Where the limit comes from, for messages: 版面设置 or the condition's name."""
    if settings.ink_limit is not None:
        return "版面设置"
    known = condition_of(settings)
    return f"印刷条件 {known.identifier}" if known is not None else "默认值"
