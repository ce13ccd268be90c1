"""Organizations: issuers, author units and units named in text, with full normalised names.

A party body written short (省委老干部局, 市委组织部, 区委老干部工作领导小组) is completed from
the document's own region chain (中共辽宁省委老干部局, 中共丹东市委组织部, …); a plural or
unplaced form (各市委老干部局, 党委老干部局, a masked county's 县委…) is left alone rather than
guessed. Central bodies come from a small table (中组部 → 中共中央组织部).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from graph.extract.common import alternation, data_rows, display_name, is_han, squeeze
from graph.extract.regions import region_ending_at
from ingest.unitregion import school_region
from policykg.gazetteer import Gazetteer, Region
from policykg.model import Entity

_LEVEL_CHARS = {"省": "province", "市": "city", "县": "county", "区": "county"}
# Before a bare level char (市委老干部局) these make the phrase plural or generic: 各市委…, 全省….
_GENERIC_BEFORE = set("各每本该全其两级等地州")


@dataclass(frozen=True, slots=True)
class OrgMention:
    name: str  # canonical
    surface: str
    start: int
    end: int
    kind: str  # party | local | central | unit
    region: Region | None = None


@dataclass(frozen=True)
class OrgContext:
    gaz: Gazetteer
    chain: tuple[Region, ...] = ()  # the document's region, province first

    @cached_property  # asked for by every extractor on every clause
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.chain)

    def at_level(self, level: str) -> Region | None:
        for r in reversed(self.chain):
            if r.level == level:
                return r
        return None


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in data_rows("org_units.tsv")}


@lru_cache(maxsize=1)
def _central() -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, names in data_rows("central_orgs.tsv"):
        for n in names.split(","):
            out[n.strip()] = canonical
    return out


@lru_cache(maxsize=1)
def _short_units() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in data_rows("short_units.tsv")}


@lru_cache(maxsize=1)
def _unit_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(list(_units()))})")


@lru_cache(maxsize=1)
def _central_re() -> re.Pattern[str]:
    # bare 中共中央 only as a whole word: not when it starts 中共中央办公厅 (longest wins anyway)
    return re.compile(f"(?:{alternation(list(_central()))})")


def central_canonical(name: str) -> str | None:
    return _central().get(name)


def place_name(gaz: Gazetteer, region: Region) -> str:
    """How a region is written inside a unit name: districts carry their city (丹东市振兴区)."""
    if region.level == "county" and region.name.endswith("区") and region.parent_code:
        parent = gaz.get(region.parent_code)
        if parent is not None and parent.level == "city":
            return parent.name + region.name
    return region.name


def _canonical(ctx: OrgContext, region: Region, unit: str) -> str:
    canon, kind = _units()[unit]
    place = place_name(ctx.gaz, region)
    if kind == "party":
        return f"中共{place}委{canon}"
    return f"{place}{canon}"


def _place_before(
    text: str, end: int, ctx: OrgContext, recent: dict[str, Region] | None = None
) -> tuple[int, Region] | None:
    """The region written right before `end`: a gazetteer name, or a bare 省/市/县/区 of our own chain."""
    run = region_ending_at(ctx.gaz, text, end, ctx.codes)
    if run:
        region = run[-1].region
        # inner names must lie inside the outer ones (丹东市振兴区), else take the last alone
        start = run[-1].start
        for hit in reversed(run[:-1]):
            if ctx.gaz.is_within(region, hit.region):
                start = hit.start
            else:
                break
        return start, region
    if end >= 1 and text[end - 1] in _LEVEL_CHARS:
        before = text[end - 2] if end >= 2 else ""
        if before in _GENERIC_BEFORE:
            return None
        if before == "、" and end >= 3 and text[end - 3] in _LEVEL_CHARS:
            return None  # 市、县委老干部局: several places at once
        region = ctx.at_level(_LEVEL_CHARS[text[end - 1]])
        if text[end - 1] == "市":
            # 市 is the lowest 市 of the chain: a county-level city (灵武市) or a municipality
            # at province level (北京市), else the prefecture city
            region = next((r for r in reversed(ctx.chain) if r.name.endswith("市")), region)
        if region is None and recent:
            # 云南省委组织部、省委老干部局: a list's later bodies share the place of its first
            region = recent.get(text[end - 1])
        if region is None:
            return None
        if text[end - 1] == "区" and not region.name.endswith("区"):
            return None
        if text[end - 1] == "县" and not region.name.endswith("县"):
            return None
        return end - 1, region
    return None


def find_orgs(text: str, ctx: OrgContext) -> list[OrgMention]:
    """Units named in a text: central bodies, placed party bodies and placed local bodies."""
    found: list[OrgMention] = []
    for m in _central_re().finditer(text):
        found.append(OrgMention(_central()[m.group()], m.group(), m.start(), m.end(), "central"))
    recent: dict[str, Region] = {}  # level char → the place of the last placed body (a list's)
    last_end = -100
    for m in _unit_re().finditer(text):
        unit = m.group()
        _canon, kind = _units()[unit]
        nxt = text[m.end()] if m.end() < len(text) else ""
        if unit == "党校" and nxt in "校":
            continue
        near = recent if m.start() - last_end <= 12 else None
        if kind == "party":
            if m.start() < 1 or text[m.start() - 1] != "委":
                continue
            place = _place_before(text, m.start() - 1, ctx, near)
        else:
            place = _place_before(text, m.start(), ctx, near)
        if place is None:
            continue
        start, region = place
        level = next((k for k, v in _LEVEL_CHARS.items() if v == region.level), None)
        if level:
            recent[level] = region
        last_end = m.end()
        if text[max(0, start - 2) : start] == "中共":
            start -= 2
        found.append(
            OrgMention(_canonical(ctx, region, unit), text[start : m.end()], start, m.end(), kind, region)
        )
    for short, (level, expands) in _short_units().items():
        for m in re.finditer(re.escape(short), text):
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if before in _GENERIC_BEFORE or after in "长内属":
                continue
            region = ctx.at_level(level)
            if region is None:
                continue
            unit = expands
            if unit not in _units():
                continue
            found.append(
                OrgMention(_canonical(ctx, region, unit), short, m.start(), m.end(), "party", region)
            )
    # longest first, then drop overlaps
    found.sort(key=lambda o: (o.start, -(o.end - o.start)))
    out: list[OrgMention] = []
    for o in found:
        if out and o.start < out[-1].end:
            continue
        out.append(o)
    return out


def normalize_org(name: str, ctx: OrgContext) -> OrgMention:
    """The canonical form of an issuer or author unit as written in the metadata."""
    surface = display_name(name)
    folded = squeeze(name)
    mentions = find_orgs(folded, ctx)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(folded):
        return mentions[0]
    if mentions and mentions[-1].end == len(folded) and mentions[0].start == 0 and len(mentions) == 1:
        return mentions[0]
    region = ctx.gaz.region_of_org(folded, ctx.codes)
    school = school_region(ctx.gaz, folded)  # 辽宁大学 sits in 沈阳市 (教育部's list of schools)
    if school is not None and (region is None or ctx.gaz.is_within(school, region)):
        region = school
    return OrgMention(surface, surface, 0, len(folded), "unit", region)


def org_id(name: str) -> str:
    return f"organization:{name}"


def org_entity(m: OrgMention, evidence: list[str]) -> Entity:
    attrs: dict[str, object] = {"kind": m.kind}
    if m.region is not None:
        attrs["region"] = m.region.name
        attrs["region_code"] = m.region.code
    aliases = [display_name(m.surface)] if display_name(m.surface) != m.name else []
    return Entity(
        id=org_id(m.name),
        name=m.name,
        type="organization",
        aliases=aliases,
        attributes=attrs,
        evidence=evidence,
    )


def looks_like_unit(s: str) -> bool:
    """A short string that names a unit (for 《title》 issuers parsed before 印发): ends with a unit word."""
    return bool(s) and is_han(s[-1]) and bool(re.search(r"(部|厅|局|委|院|会|室|处|中心|办公室|小组)$", s))
