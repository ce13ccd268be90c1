"""Regions: entities for gazetteer divisions (code, level, part_of chain) and mentions in text."""

from __future__ import annotations

from dataclasses import dataclass

from policykg.gazetteer import Gazetteer, Region
from policykg.model import Entity, RegionRef


def region_id(region: Region) -> str:
    return f"region:{region.code}"


def region_entity(gaz: Gazetteer, region: Region, evidence: list[str] | None = None) -> Entity:
    path = list(gaz.path_names(region.code))
    return Entity(
        id=region_id(region),
        name=region.name,
        type="region",
        aliases=list(region.short_names),
        attributes={"code": region.code, "level": region.level, "path": path, "known": True},
        evidence=list(evidence or []),
    )


def unknown_region_entity(ref: RegionRef, evidence: list[str]) -> Entity:
    """A masked region (**县): its level and nothing we would have to guess."""
    return Entity(
        id=ref.id,
        name=ref.name,
        type="region",
        aliases=[],
        attributes={"code": None, "level": ref.level, "path": list(ref.path), "known": False},
        evidence=list(evidence),
    )


def chain_of(gaz: Gazetteer, ref: RegionRef | None) -> list[Region]:
    """Province first down to the referenced region; [] when unknown."""
    if ref is None or not ref.code:
        return []
    return gaz.ancestors(ref.code)


@dataclass(frozen=True)
class RegionHit:
    start: int
    end: int
    surface: str
    region: Region


def find_regions(gaz: Gazetteer, text: str, context_codes: tuple[str, ...] = ()) -> list[RegionHit]:
    """Regions named in a text, each resolved with the document's own regions as context."""
    out = []
    for m in gaz.resolve(text, context_codes):
        if m.region is not None:
            out.append(RegionHit(m.start, m.end, m.surface, m.region))
    return out


def region_ending_at(gaz: Gazetteer, text: str, end: int, context_codes: tuple[str, ...]) -> list[RegionHit]:
    """The run of adjacent region names that ends exactly at `end` (丹东市振兴区 before 区委…)."""
    window_start = max(0, end - 16)
    hits = find_regions(gaz, text[window_start:end], context_codes)
    run: list[RegionHit] = []
    pos = end - window_start
    for h in reversed(hits):
        if h.end != pos:
            break
        run.append(RegionHit(h.start + window_start, h.end + window_start, h.surface, h.region))
        pos = h.start
    return run[::-1]
