"""Region references from the gazetteer: the regions a text names, a region's
ancestors. Shared by ingest.docregion and ingest.opening (small adapters that never raise: an
unavailable gazetteer gives no region, not an error)."""

from __future__ import annotations

import re
from typing import Any

from policykg.model import RegionRef


def default_gazetteer() -> Any | None:
    """The shared gazetteer, or None while it is not available (import lazily: optional at this stage)."""
    try:
        from policykg.gazetteer import Gazetteer
    except ImportError:
        return None
    return Gazetteer.default()


def mention_region(mention: Any) -> Any:
    """The region chosen for a mention: `Gazetteer.resolve` sets `.region`, and leaves it None for an
    ambiguous name the text does not support (鼓楼区 alone): unplaced, never the first candidate."""
    region = getattr(mention, "region", None)
    if region is None:
        candidates = getattr(mention, "candidates", None) or ()
        region = candidates[0] if len(candidates) == 1 else None
    return region


def ref_of(gaz: Any, region: Any) -> RegionRef | None:
    if region is None:
        return None
    if isinstance(region, RegionRef):
        return region
    try:
        return gaz.ref(region)
    except Exception:  # an adapter must not break ingest
        return None


def counties_called(
    gaz: Any, stem: str, levels: tuple[str, ...], within: RegionRef | None = None, own_name: bool = False
) -> list[RegionRef]:
    """The county-level divisions called `stem` plus one of `levels` (inside `within` when given; with
    `own_name`, by their own name only, not an alias: 九江县 is the old name of 柴桑区)."""
    out = []
    for level in levels:
        for region in gaz.lookup(stem + level):
            ref = ref_of(gaz, region)
            if region.level != "county" or ref is None:
                continue
            if (within is None or inside(ref, within)) and (not own_name or ref.name == stem + level):
                out.append(ref)
    return out


COUNTY_LEVELS = ("市", "区", "县")


def one_named(gaz: Any | None, name: str, level: str = "county") -> RegionRef | None:
    """The one division of `level` whose whole name is `name` (歙县, 宁乡市; a town: 铜城镇), or None
    (unknown, or shared by several)."""
    if gaz is None:
        return None
    try:
        found = {r.code: r for r in gaz.lookup(name) if r.level == level and r.name == name}
    except Exception:
        return None
    return ref_of(gaz, next(iter(found.values()))) if len(found) == 1 else None


LEVEL_WORD_CHARS = frozenset("省市县区州盟旗镇乡")


def one_county_called(gaz: Any, stem: str, within: RegionRef | None) -> RegionRef | None:
    """The one county-level division (inside `within` when given) called `stem` plus 市/县/区/旗, by its own
    name; None when the gazetteer reads `stem` on its own (九江, 衡阳: cities) or two divisions share it."""
    try:
        if gaz.lookup(stem):
            return None
        found = {ref.code: ref for ref in counties_called(gaz, stem, ("市", "县", "区", "旗"), within, True)}
    except Exception:
        return None
    return next(iter(found.values())) if len(found) == 1 else None


def region_of_abbrev(gaz: Any | None, ch: str) -> RegionRef | None:
    if gaz is None or not ch:
        return None
    try:
        return ref_of(gaz, gaz.region_of_abbrev(ch))
    except Exception:
        return None


def regions_in(gaz: Any | None, folded: str) -> list[RegionRef]:
    """Regions mentioned in a folded (simplified) text, in order of appearance."""
    if gaz is None or not folded:
        return []
    try:
        mentions = gaz.resolve(folded) if hasattr(gaz, "resolve") else gaz.find_mentions(folded)
    except Exception:
        return []
    out: list[RegionRef] = []
    # the corps a text names in full (内蒙古生产建设兵团, region_aliases.tsv): its bare 兵团 is that corps, and
    # stands for no region of its own (… 那段兵团生活 is not Xinjiang's corps)
    named_corps = {
        getattr(mention_region(m), "code", None)
        for m in mentions or []
        if getattr(m, "surface", "").endswith(_CORPS)
    }
    for mention in mentions or []:
        bare = getattr(mention, "surface", "") == "兵团"
        if bare and named_corps - {getattr(mention_region(mention), "code", None)}:
            continue
        ref = ref_of(gaz, mention_region(mention))
        if ref is not None:
            out.append(county_after(gaz, folded, getattr(mention, "end", None), ref))
    return out


_CORPS = "生产建设兵团"  # a production and construction corps named in full


_LANDMARK_CHARS = frozenset("山湖河江海路街桥园场道寺塔楼门港湾岛峰岭洞泉")


_VENUE_AFTER_RE = re.compile(
    r"艺术[宫馆中]|大?剧院|影剧院|宾馆|酒店|饭店|体育[馆场中]|广场|大厦|会堂|礼堂|公园|展览馆"
)


def county_after(gaz: Any, folded: str, end: int | None, ref: RegionRef) -> RegionRef:
    """A province or city written before one of its counties' short names (金华婺城, 上海普陀, 福建晋江):
    that county; else the region itself."""
    if end is None or ref.level not in ("province", "city"):
        return ref
    stem, after = folded[end : end + 2], folded[end + 2 : end + 3]
    if len(stem) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]{2}", stem):
        return ref
    # 金华市婺城区: the gazetteer reads the county itself; 长沙市岳麓山, 杭州西湖边: a landmark, no county
    if after and (after in LEVEL_WORD_CHARS or after in _LANDMARK_CHARS):
        return ref
    if _VENUE_AFTER_RE.match(folded, end + 2):
        return ref  # 泸州市江阳艺术宫: a hall named after the district, where a city's event was held
    return one_county_called(gaz, stem, ref) or ref


def ancestor_refs(gaz: Any | None, ref: RegionRef) -> list[RegionRef]:
    """The region and the regions above it (province first), from the gazetteer."""
    try:
        return [gaz.ref(r) for r in gaz.ancestors(ref.code)] if gaz is not None and ref.code else [ref]
    except Exception:
        return [ref]


def inside(inner: RegionRef, outer: RegionRef) -> bool:
    """inner lies strictly below outer (by the name path the gazetteer gives every region)."""
    return (
        bool(outer.code) and len(inner.path) > len(outer.path) and inner.path[: len(outer.path)] == outer.path
    )


# a page speaking as a county, city or district of its own (我县, 全县, 本市)
_VOICE_RE = re.compile(r"(?:我|全|本)(县|市|区|旗)")
_HAN_PAIR_RE = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def short_named_home(gaz: Any | None, folded: str) -> RegionRef | None:
    """The county-level place a page that speaks as one (我县 / 全县) names by its short name only
    (法库大干快上, 为闽清经济社会发展) or by a whole name of two characters (赵县): a name that with the
    voice's level word is exactly one county-level division, named at least twice, and the only such
    name or named at least twice as often as any other. None otherwise."""
    if gaz is None:
        return None
    voices = _VOICE_RE.findall(folded)
    if not voices:
        return None
    level = max(set(voices), key=voices.count)
    counts: dict[str, int] = {}
    for pair in _HAN_PAIR_RE.findall(folded):
        counts[pair] = counts.get(pair, 0) + 1
    found: list[tuple[int, Any]] = []
    for pair, n in counts.items():
        if n < 2:
            continue
        # 法库 + 县, or a county whose whole name is two characters (赵县, 歙县) written out
        name = pair if pair.endswith(level) else pair + level
        regions = [r for r in gaz.lookup(name) if r.level == "county"]
        if len(regions) == 1:
            found.append((n, regions[0]))
    found.sort(key=lambda x: -x[0])
    # one such name, or one named at least twice as often as any other (赵县 ×6 over 杨云龙 ×2)
    if len(found) == 1 or (found and found[0][0] >= 2 * found[1][0]):
        return ref_of(gaz, found[0][1])
    return None
