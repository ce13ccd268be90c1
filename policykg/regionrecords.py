"""The records the gazetteer hands out (Region, RegionMention) and what every part of it shares
about codes and levels: the level order and the normal form of a code.

Separate from policykg.gazetteer so that the modules the gazetteer delegates to (policykg.regionscan,
policykg.regionchoice, policykg.regionsuggest) can build and rank these records without importing
the gazetteer, which imports them. Callers keep taking Region from policykg.gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("province", "city", "county", "town")
# The national scope ranks above every level of the division tree.
RANK = {"country": -1, **{lvl: i for i, lvl in enumerate(LEVELS)}}


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: str  # province | city | county | town
    parent_code: str | None
    short_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RegionMention:
    start: int
    end: int
    surface: str
    candidates: tuple[Region, ...]
    region: Region | None = None  # chosen by Gazetteer.resolve


def norm_code(code: str) -> str:
    """The 6-digit NBS form of a code as callers write it: region:210000, 21 and 2101 (→ 210100)."""
    code = code.removeprefix("region:")
    return code.ljust(6, "0") if len(code) in (2, 4) else code
