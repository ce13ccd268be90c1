"""Region names in running text: the longest-match scan behind Gazetteer.find_mentions, its index
(names by their first two characters), and the rules that tell a place from a word that only
looks like one (weak county and town names, streets, parks, a person's name before 同志).

Separate from policykg.gazetteer because it is the part that grows with what real text shows
(numbered roads, 于城镇 in 由于城镇化, a person's name before 同志 …), while the gazetteer's index of
names and hierarchy follows the division data. The scan reads that index; it never changes it.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from policykg.regionrecords import Region, RegionMention

if TYPE_CHECKING:
    from policykg.gazetteer import Gazetteer

_STRONG_TOWN_SUFFIXES = ("镇", "乡", "街道", "苏木")
# County names that are also everyday words (老城区改造, 新城区建设): trusted only after their city.
_GENERIC_COUNTY_RE = re.compile(r"(?:新城|老城|城[东西南北中关]|市中)区")
# A name ending in the key followed by one of these chars is another word: 城东区域, 沈阳市场,
# 海南乡村振兴 (海南 + 乡村, not 海南乡).
_FALSE_CONTINUATIONS = {"区": "域", "市": "场", "乡": "村"}
# Town names of one character and a common word (于城镇 in 由于城镇化, 小城镇, 古城镇, 新乡镇,
# 中村镇): trusted only after their county, like two-character county names.
_COMMON_WORD_TOWNS = ("城镇", "乡镇", "村镇")
# A bare short name before a street word names a street or park, found in every city (中山路,
# 北京西路, 珠江西二路, 兰州市天水中路, 中山公园), not the region. Checked only after these first characters.
_STREET_HEADS = frozenset("路街巷大公东西南北中一二三四五六七八九十")
# a short name before 街道 names a street office (江苏街道 for 江苏路街道), never the province or county
_STREET_RE = re.compile(r"(?:[东西南北中]|[一二三四五六七八九十]+)?路|大?街|巷|大道|公园")
# A short name ending like water before a bank word names the river or lake (清水河畔, 沿江两岸), not
# the county called after it; a place before a disaster names the disaster (玉树地震, 汶川大地震), an
# event readers recall, not where the text is.
_WATER_END = frozenset("河江湖溪川海")
_BANK_RE = re.compile(r"畔|边|岸|两岸|沿岸|流域|水库|上游|下游|大桥")
# a short name (眉山 of 眉山市) right before a village's or community's word names that village
_VILLAGE_AFTER_RE = re.compile(r"村(?![民委务级])|屯(?![垦田兵戍])|嘎查|社区|小区")
_LEVEL_ENDS = frozenset("省市县区州盟旗")
_DISASTER_RE = re.compile(r"(?:特大|强烈|大)?地震|抗震救灾|特大洪水|洪灾|水灾|泥石流")


def scan_index(
    names: Iterable[str], stops: Iterable[str]
) -> tuple[dict[str, list[int]], frozenset[str], frozenset[str]]:
    """What the scan needs to find the names and stop phrases: (lengths, whole2, heads3).

    lengths: first two chars → the lengths of names starting with them, longest first.
    whole2, heads3: a second, exact filter on a candidate start (most pairs that begin a name are
    common words, 建设 社区 社会 …): the two chars are a whole name, or the three chars begin one.
    """
    scanned = [*names, *stops]  # a stop phrase swallows its span in the scan
    lengths: dict[str, set[int]] = defaultdict(set)
    for name in scanned:
        lengths[name[:2]].add(len(name))
    # The scan looks names up by their first two chars (all scanned names have ≥2).
    by_head = {k: sorted(v, reverse=True) for k, v in lengths.items() if len(k) == 2}
    whole2 = frozenset(w for w in scanned if len(w) == 2)
    heads3 = frozenset(w[:3] for w in scanned if len(w) >= 3)
    return by_head, whole2, heads3


def find_mentions(gaz: Gazetteer, text: str) -> list[RegionMention]:
    """Longest-match, non-overlapping scan for region names (candidates unresolved)."""
    out: list[RegionMention] = []
    n = len(text)
    lengths = gaz._lengths
    whole2, heads3 = gaz._whole2, gaz._heads3
    i = 0
    # Only positions whose two characters begin some name can start one (a few percent of a
    # text); the others are skipped by the scan anyway. Found by C-level iteration: the pairs
    # of neighbouring characters, kept where they are a key of `lengths`.
    pairs = map(operator.add, text, text[1:])
    for start in itertools.compress(itertools.count(), map(lengths.__contains__, pairs)):
        if start < i:
            continue  # inside the previous mention
        if text[start : start + 3] not in heads3 and text[start : start + 2] not in whole2:
            continue  # no name can start here (the loop below would find none)
        i = start
        hit = None
        for length in lengths[text[i : i + 2]]:
            if i + length > n:
                continue
            surface = text[i : i + length]
            if surface in gaz._stops:
                cands: tuple[Region, ...] = ()
            elif surface in gaz._names:
                cands = tuple(gaz._names[surface])
            else:
                continue
            nxt = text[i + length] if i + length < n else ""
            if nxt and nxt in _FALSE_CONTINUATIONS.get(surface[-1], ""):
                continue
            if nxt in _STREET_HEADS and cands and _is_street(text, i + length, surface, cands):
                continue
            if nxt == "同" and cands and _in_persons_name(text, i + length, surface, cands):
                continue
            if cands and _names_water_or_disaster(text, i + length, surface):
                continue
            if cands and surface[-1] not in _LEVEL_ENDS and _VILLAGE_AFTER_RE.match(text, i + length):
                continue  # 眉山村, 长春社区: a village or a community named like the city, not the city
            if cands and all(_is_weak(c, surface) for c in cands):
                weak = cands
                cands = _after_parent(gaz, cands, out[-1] if out and out[-1].end == i else None)
                if not cands:
                    cands = _before_child(gaz, weak, text, i + length)
                if not cands:
                    cands = _opening_a_units_name(weak, text, i, i + length)
                if not cands:
                    continue
            if length == 2 and cands and _town_across(gaz, text, i + 1, cands):
                break  # 临海东塍镇: 海东 is read across a county and its town; the town is the place
            hit = (length, cands)
            break
        if hit is None:
            continue
        length, cands = hit
        if cands:
            out.append(RegionMention(i, i + length, text[i : i + length], cands))
        i += length
    return out


# a unit named after its county: its party committee, government or a bureau, court, school … of it
_UNIT_AFTER_COUNTY_RE = re.compile(
    r"(?:委|人民政府|政府|人大|政协|[\u4e00-\u9fff]{0,5}?(?:局|人民法院|法院|人民检察院|检察院|融媒体中心|老年大学|"
    r"医院|中学|小学|关工委|老体协|老年体协|老促会|老科协))"
)
# what may stand before a county's name that opens a sentence's subject or object (在嵩县信访局…)
_BEFORE_A_PLACE = frozenset("在到赴于由对向据从将与为")


def _opening_a_units_name(cands: tuple[Region, ...], text: str, start: int, end: int) -> tuple[Region, ...]:
    """A two-character county's name (嵩县, 单县, 吉县) that opens a unit's name (嵩县信访局, 单县老年大学)
    where a word cannot end before it (at a line's or clause's start, or after 在/到/赴…): 经费县财政 or
    召开县委 never count, as their first character closes a word."""
    before = text[start - 1] if start > 0 else ""
    if before and "\u4e00" <= before <= "\u9fff" and before not in _BEFORE_A_PLACE:
        return ()
    if not _UNIT_AFTER_COUNTY_RE.match(text, end):
        return ()
    # (a two-character district, 东区 or 城区, names a campus's or a town's part as often as a district)
    return tuple(
        c for c in cands if c.level == "county" and c.name == text[start:end] and c.name[-1] in "县旗"
    )


def _town_across(gaz: Gazetteer, text: str, at: int, cands: tuple[Region, ...]) -> bool:
    """A town's full name (东塍镇) starts at the second character of a two-character short name (海东)
    and lies outside it: the short name is read across a county's name and its town."""
    for length in gaz._lengths.get(text[at : at + 2], ()):
        towns = [
            r
            for r in gaz._names.get(text[at : at + length], ())
            if r.level == "town" and r.name.endswith(("镇", "乡"))
        ]
        if length >= 3 and towns and not any(_grandparent(gaz, t) in {c.code for c in cands} for t in towns):
            return True
    return False


def _names_water_or_disaster(text: str, end: int, surface: str) -> bool:
    after = text[end : end + 4]
    if surface[-1] in _WATER_END and _BANK_RE.match(after):
        return True  # 清水河畔: the river
    return bool(_DISASTER_RE.match(after))  # 玉树地震: the disaster


def _after_parent(
    gaz: Gazetteer, cands: tuple[Region, ...], prev: RegionMention | None
) -> tuple[Region, ...]:
    # A weak name counts only right after a region above it: 徐州市沛县, 阳泉市城区, or its
    # province as headlines write it (陕西眉县, 江苏沛县).
    if prev is None:
        return ()
    above = {c.code for c in prev.candidates}
    return tuple(c for c in cands if c.parent_code in above or _grandparent(gaz, c) in above)


def _before_child(gaz: Gazetteer, cands: tuple[Region, ...], text: str, at: int) -> tuple[Region, ...]:
    # ... or right before a town inside it: 眉县汤峪镇 (a county's own town pins the county down)
    for length in gaz._lengths.get(text[at : at + 2], ()):
        below = {r.parent_code for r in gaz._names.get(text[at : at + length], ()) if r.level == "town"}
        kept = tuple(c for c in cands if c.code in below)
        if kept:
            return kept
    return ()


def _grandparent(gaz: Gazetteer, region: Region) -> str | None:
    parent = gaz._regions.get(region.parent_code) if region.parent_code else None
    return parent.parent_code if parent is not None else None


def _is_weak(region: Region, surface: str) -> bool:
    """Names too generic to trust alone in running text (城区, 沛县, 老城区, 经济开发区, 农场).

    Judged on the surface too: a two-character former county name (开县, 任县) reads as 召开县委,
    担任县长 however long the region's name is today (开州区); a plain alias (铁法) does not.
    """
    if region.level in ("province", "city"):
        return False
    if (
        (len(surface) <= 2 and surface[-1] in "县区市旗")
        or len(region.name) <= 2
        or _GENERIC_COUNTY_RE.fullmatch(region.name)
    ):
        return True
    if region.level != "town":
        return False
    if len(region.name) == 3 and region.name.endswith(_COMMON_WORD_TOWNS):
        return True
    return not region.name.endswith(_STRONG_TOWN_SUFFIXES)


def _is_street(text: str, end: int, surface: str, cands: tuple[Region, ...]) -> bool:
    """A short name (no level word: 中山, 北京) followed by a street word: a street, not a place."""
    return all(c.name != surface for c in cands) and _STREET_RE.match(text, end) is not None


def _in_persons_name(text: str, end: int, surface: str, cands: tuple[Region, ...]) -> bool:
    """A city's or county's short name closing a person's name before 同志 (离休干部郑九江同志): a name."""
    return text.startswith("同志", end) and all(c.name != surface and c.level != "province" for c in cands)
