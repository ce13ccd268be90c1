"""The region a unit's name gives (中共沈阳市委老干部局 → 沈阳市, 南通某某集团启东某某分公司 → 启东市,
河南工业大学离退休工作处 → 郑州市), and the county-level divisions units and local media are named after by
their short names (宜兴法院, 北镇监狱, 云上某某). Pure functions over the read-only gazetteer; an
unavailable gazetteer gives no region, not an error."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ingest import unitplaces
from ingest.regionrefs import (
    COUNTY_LEVELS,
    LEVEL_WORD_CHARS,
    counties_called,
    inside,
    one_county_called,
    one_named,
    ref_of,
)
from ingest.segmenter import common_word
from policykg.model import RegionRef
from policykg.text import fold

# a company's or group's branch named after it: …有限公司某地分公司, …集团某地供电段
_BRANCH_RE = re.compile(r"(?:公司|集团)(?P<branch>[\u4e00-\u9fff]{2,20}(?:公司|段|厂|站|局|中心|部))$")


def region_of_org(gaz: Any | None, name: str) -> RegionRef | None:
    """Region of a unit name (中共沈阳市委老干部局 → 沈阳市) via the gazetteer; a listed unit whose
    name gives no place, less than its city, or a place that does not hold it (中国科大 → 合肥市,
    辽宁大学 → 沈阳市, 河北工业大学 → 天津市) via ingest.unitplaces: the most specific place the
    evidence supports. A place the name gives inside the listed one stands (a campus's district)."""
    if gaz is None or not name:
        return None
    folded = fold(name, "simplified")
    branch = _BRANCH_RE.search(folded)
    if branch:  # 中国铁路成都局集团有限公司贵阳供电段: the branch sits where its own name says
        own = region_of_org(gaz, branch["branch"])
        if own is not None:
            return own
    try:
        named = ref_of(gaz, gaz.region_of_org(folded))
        place = unitplaces.place_of_unit(folded)
        listed = ref_of(gaz, gaz.region_of_org(place)) if place else _school_region(gaz, folded)
    except Exception:
        return None
    if listed is not None and named is None:
        county = _county_named_without_level(gaz, folded)  # 常熟理工学院: 常熟市, inside its listed 苏州市
        return county if county is not None and inside(county, listed) else listed
    if listed is not None and not inside(named, listed):  # type: ignore[arg-type]
        return listed
    if named is not None:
        return (
            _branch_county(gaz, folded, named)
            or _chained_county(gaz, folded, named)
            or _inner_county(gaz, folded, named)
            or named
        )
    return _county_named_without_level(gaz, folded) or _short_county(gaz, folded) or _town_unit(gaz, folded)


_TOWN_UNIT_RE = re.compile(r"^(?P<town>[\u4e00-\u9fff]{1,6}?(?:镇|乡|街道))(?=[\u4e00-\u9fff]{2})")


def _town_unit(gaz: Any, folded: str) -> RegionRef | None:
    """A town's or street's own unit named without its county (某某镇老年大学): the town, when the
    country has one town of that name (ingest files a town's page under its county)."""
    m = _TOWN_UNIT_RE.match(folded)
    return one_named(gaz, m["town"], "town") if m else None


_OUTER_LEVEL_RE = re.compile(r"(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$")


def _chained_county(gaz: Any, folded: str, named: RegionRef) -> RegionRef | None:
    """A county written by its short name right after its province's or city's short name, as an
    address is spoken (上海嘉定, 苏州吴中, 厦门同安): that county, when exactly one inside fits."""
    if named.level not in ("province", "city"):
        return None
    short = _OUTER_LEVEL_RE.sub("", named.name)
    at = folded.find(short) if len(short) >= 2 else -1
    if at < 0 or folded[at + len(short) : at + len(short) + 1] in LEVEL_WORD_CHARS:
        return None  # 上海市嘉定区 is read whole by the gazetteer; 上海市委 names the city itself
    rest = folded[at + len(short) :]
    for size in (2, 3):
        stem = rest[:size]
        found = {r.code or r.name: r for r in counties_called(gaz, stem, COUNTY_LEVELS, named)}
        if len(found) == 1 and not _city_called(gaz, stem, named):
            return next(iter(found.values()))
    return None


def _inner_county(gaz: Any, folded: str, named: RegionRef) -> RegionRef | None:
    """A county written by its short name further on in a city's unit (南通某某集团启东某某分公司,
    某市某局某某县营业部): the unit's branch there, when exactly one county inside the city is so named."""
    if named.level != "city":
        return None
    short = _OUTER_LEVEL_RE.sub("", named.name)
    at = folded.find(short) if len(short) >= 2 else -1
    if at < 0:
        return None
    found: dict[str, RegionRef] = {}
    for i in range(at + len(short) + 1, len(folded) - 1):
        for size in (3, 2):
            stem = folded[i : i + size]
            if len(stem) == size and stem[-1] not in LEVEL_WORD_CHARS:
                found.update((r.code or r.name, r) for r in counties_called(gaz, stem, COUNTY_LEVELS, named))
    return next(iter(found.values())) if len(found) == 1 else None


def _city_called(gaz: Any, stem: str, within: RegionRef) -> bool:
    """Whether a prefecture inside `within` is called `stem` too (云南红河: 红河州, not 红河县)."""
    for level_word in ("市", "州", "地区", "盟"):
        for region in gaz.lookup(stem + level_word):
            ref = ref_of(gaz, region)
            if ref is not None and ref.level == "city" and inside(ref, within):
                return True
    return False


# a branch named by its county's name without the level word, after its city or province:
# 某市运管局麦积分局, 国网天津宁河公司, 某银行某市某某支行
_BRANCH_WORD_RE = re.compile(r"供电分公司|供电公司|供电局|分公司|分局|公司|支行|营业部|分中心|管理所|供电所")


def _branch_county(gaz: Any, folded: str, named: RegionRef) -> RegionRef | None:
    """The county inside `named` whose name, less its level word, names a branch of the unit; None
    unless exactly one county fits."""
    found: dict[str, RegionRef] = {}
    for m in _BRANCH_WORD_RE.finditer(folded):
        for size in (2, 3):
            short = folded[max(0, m.start() - size) : m.start()]
            if len(short) < size or named.name.startswith(short):
                continue  # 国网阿克苏供电公司: the branch of 阿克苏地区 itself, not of 阿克苏市 inside it
            found.update(
                (ref.code or ref.name, ref) for ref in counties_called(gaz, short, COUNTY_LEVELS, named)
            )
    return next(iter(found.values())) if len(found) == 1 else None


def _school_region(gaz: Any, folded: str) -> RegionRef | None:
    return ref_of(gaz, school_region(gaz, folded))


def school_region(gaz: Any, folded: str) -> Any | None:
    """The gazetteer region of the listed school the unit name contains (河南工业大学离退休工作处 →
    郑州市): the division of that name in the school's province, the higher level when two share it."""
    found = unitplaces.school_place(folded)
    if found is None:
        return None
    province, city = found
    named = gaz.lookup(city)
    # a school listed under its province's code but seated in another (西藏民族大学, 咸阳市)
    regions = [r for r in named if r.code.startswith(province[:2])] or (named if len(named) == 1 else [])
    if not regions:
        return None
    levels = ("province", "city", "county", "town")
    return min(regions, key=lambda r: levels.index(r.level) if r.level in levels else len(levels))


# A local unit named after its county-level division without the level word: 常熟理工学院, 南岳融媒.
# Only units of the kinds a county has of its own, never a paper or a channel (光明日报, 解放日报,
# 东方卫视 are not places).
_LOCAL_UNIT_RE = re.compile(
    r"学院|大学|学校|融媒|老干部局|老干局|老干部活动中心|日报|报社|电视台|税务局|地税局|国税局|公安局|医院|法院|检察院|供电"
    r"|水文局|气象局|车站|邮政|烟草|监狱|军事退休|军休|干休所"  # a county's own stations and offices
)
_MEDIUM_RE = re.compile(r"日报|报社|电视台")


def _county_named_without_level(gaz: Any, folded: str) -> RegionRef | None:
    """The one county-level division whose name is the unit's first two characters plus a level
    word, when exactly one in the country is so named; else None."""
    if len(folded) < 4 or not _LOCAL_UNIT_RE.search(folded):
        return None
    # a paper is a county-level city's or a county's (浏阳日报), never a district's: 光明日报 and
    # 解放日报 are no papers of 光明区 or 解放区
    levels = ("市", "县") if _MEDIUM_RE.search(folded) else COUNTY_LEVELS
    if common_word(folded[:2]):
        return None  # 公安局, 长安街道办: an everyday word (公安 police), not 公安县 or 长安区
    try:
        found = counties_called(gaz, folded[:2], levels)
    except Exception:
        return None
    if _MEDIUM_RE.search(folded):  # nor a district's by the county it once was (光明县 → 光明区)
        found = [r for r in found if not r.name.endswith("区")]
    return found[0] if len({r.code for r in found}) == 1 else None


# a unit of a county whose whole name is two characters (歙县政协, 陇县老干部局, 滑县人民政府): the
# gazetteer does not trust such names in running text (召开县委), but at the start of a unit's name
# followed by what a county's own units are called they are the county
_SHORT_COUNTY_UNIT_RE = re.compile(
    r"^[\u4e00-\u9fff]县(?=委|政协|人大|人民政府|政府|纪委|老干部|离退休|关工委|老年大学|人民法院|法院|人民检察院|检察院|"
    r"[\u4e00-\u9fff]{0,8}(?:局|委员会|工委|中心|协会|办公室|党委))"
)


def _short_county(gaz: Any, folded: str) -> RegionRef | None:
    return one_named(gaz, folded[:2]) if _SHORT_COUNTY_UNIT_RE.match(folded) else None


# what follows a county's short name in a unit's name (北镇监狱, 绥棱局): an institution, not more name
_UNIT_AFTER_SHORT_RE = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:局|监狱|法院|检察院|医院|中学|小学|学校|公司|中心|站|段|所|馆|队)"
)


def county_of_unit_short_name(gaz: Any | None, unit: str, within: RegionRef) -> RegionRef | None:
    """The county-level division inside `within` whose short name opens `unit` (北镇监狱 in 辽宁省 →
    北镇市; 绥棱局 in 黑龙江省 → 绥棱县; 甘肃华亭公路段 in 甘肃省 → 华亭市): one such division only, and an
    institution word after it.
    The gazetteer does not read two-character short names in running text alone; the region the
    rest of the page gives makes them safe."""
    if gaz is None or len(unit) < 3 or not within.code:
        return None
    for name in (within.name, within.name[:2]):  # 甘肃华亭公路段: the province's name may come first
        if unit.startswith(name) and len(unit) > len(name) + 2:
            unit = unit[len(name) :]
            break
    stem = unit[:2]
    if unit[2] in LEVEL_WORD_CHARS or not _UNIT_AFTER_SHORT_RE.match(unit[2:]):
        return None  # 九江市委老干部局 names its own level; 老干部局 opens with no place
    return one_county_called(gaz, stem, within)


# a county's news app or site named by its short name: 云上某某, 某某新闻网, 今日某某, 某某发布
_MEDIUM_SHORT_RE = re.compile(
    r"^(?:(?:云上|今日|掌上|智慧|大美|爱|无线|微)(?P<stem>[\u4e00-\u9fff]{2})(?:新闻网|新闻|在线|发布|融媒)?"
    r"|(?P<stem2>[\u4e00-\u9fff]{2})(?:新闻网|新闻|在线|发布|微发布|融媒|融媒体|头条))$"
)


def county_of_medium(gaz: Any | None, medium: str) -> RegionRef | None:
    """The county-level division a local medium is named after (云上某某, 某某新闻网): the one division in
    the country called that short name plus 市/县/区/旗 (a short name two divisions share gives none)."""
    m = _MEDIUM_SHORT_RE.match(medium)
    if gaz is None or m is None:
        return None
    return one_county_called(gaz, m["stem"] or m["stem2"], None)


# a county's media centre or station credited by its full name (某某市融媒体中心记者张三, 某某县广播电视台)
_CREDITED_MEDIUM_RE = re.compile(
    r"(?P<place>[\u4e00-\u9fff]{1,8}?(?:市|县|区|旗))(?:融媒体中心|融媒中心|广播电视台|广播电视总台|新闻中心)"
)


def county_of_credited_medium(gaz: Any | None, credit: str) -> RegionRef | None:
    """The county-level division whose own media centre or station a credit names in full (某某市融媒体中心
    记者张三): the one county-level division of that name, or None (a city's or a shared name)."""
    return next((c for m in _CREDITED_MEDIUM_RE.finditer(credit) if (c := one_named(gaz, m["place"]))), None)


# an institution after a county's short name in running text (宜兴法院, 筠连电力公司, 星子公路分局)
_SHORT_NAMED_UNIT_RE = re.compile(
    r"[\u4e00-\u9fff]{0,3}?(?:法院|检察院|公司|厂|分局|公路段|供电|监狱|医院|中学|小学|老干部局|税务局|烟草|联社|信用社|支行)"
)


@lru_cache(maxsize=4)
def _county_stems(gaz: Any) -> dict[str, RegionRef]:
    """The two-character short names each of which one county-level division alone carries (宜兴 →
    宜兴市), leaving out those the gazetteer reads as a name of their own (cities: 九江)."""
    stems = {
        r.name[:2]
        for r in gaz.regions()
        if r.level == "county" and len(r.name) == 3 and r.name[2] in "市县区旗"
    }
    return {stem: ref for stem in stems if (ref := one_county_called(gaz, stem, None)) is not None}


def county_of_short_named_units(gaz: Any | None, folded: str) -> RegionRef | None:
    """The county whose short name the text's units carry again and again (宜兴法院 ×3, 筠连公司 ×5),
    for a page that names no place otherwise: one such county named so at least twice, or none."""
    if gaz is None:
        return None
    try:
        stems = _county_stems(gaz)
    except Exception:
        return None
    counts: dict[str, int] = {}
    for i in range(len(folded) - 2):
        stem = folded[i : i + 2]
        if (
            stem in stems
            and folded[i + 2] not in LEVEL_WORD_CHARS
            and _SHORT_NAMED_UNIT_RE.match(folded, i + 2)
        ):
            counts[stem] = counts.get(stem, 0) + 1
    named = [stem for stem, n in counts.items() if n >= 2]
    return stems[named[0]] if len(named) == 1 else None
