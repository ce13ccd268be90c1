"""Regions from what a text says, weaker than the units that wrote it: the scope it speaks for
(全省 …), the place its body names most, a county written as a full address, a county named with
two characters opening the piece, the one place a text names, a unit named by its level alone.

Pure functions over the read-only gazetteer; ingest.docregion ranks them with the other evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ingest.opening import places_not_venues, strip_opening_lead
from ingest.regionrefs import ancestor_refs, one_named, regions_in
from ingest.segmenter import common_word
from policykg.model import RegionRef, Script
from policykg.text import fold

# the scope a document speaks for (全省 …): its level bounds how specific a body region may be
_SCOPE_LEVEL = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city",
                "县": "county", "区": "county", "旗": "county"}  # fmt: skip
_SCOPE_WORD_RE = re.compile(r"全(省|自治区|市|州|盟|县|区|旗)")
_DEPTH = {"country": -1, "province": 0, "city": 1, "county": 2, "town": 3}


# 全省 as the scope of the piece, not inside an honour a unit won (获全省“示范党支部”, 全省示范…党支部)
_TITLE_SCOPE_RE = re.compile(
    r"(?<!获)(?<!获评)(?<!荣获)(?<!入选)(?<!命名)全(省|市|县)(?!示范|先进|优秀|首批|第[一二三四五六七八九十\d]+批|[“\"])"
    r"(?![^，,。；—]{0,12}(?:先进集体|先进个人|先进党支部|先进党组织|示范党支部|优秀党支部|标兵|模范))"
)  # 全省离退休干部先进集体——XX党总支: an honour the unit won, not a piece for the province
_SCOPE_DEPTH = {"省": 0, "市": 1, "县": 2}


def lift_to_scope(gaz: Any | None, ref: RegionRef, folded_title: str) -> RegionRef:
    """A title that speaks for 全省 / 全市 / 全县 is about a region of that level: a city found for a
    全省 event (its venue, the unit that hosted it) gives way to its province."""
    m = _TITLE_SCOPE_RE.search(folded_title)
    if m is None or not ref.code:
        return ref
    depth = _SCOPE_DEPTH[m[1]]
    if m[1] == "市" and ref.level == "county" and ref.name.endswith("市"):
        return ref  # 全市 of a county-level city (桐城市) is the city itself
    chain = ancestor_refs(gaz, ref)
    return chain[depth] if depth < len(chain) - 1 else ref


def _depth_fits(ref: RegionRef, max_depth: int) -> bool:
    """Whether `ref` is no deeper than the scope a text speaks for; 全市 in a county-level city's
    text (兴化市 … 全市) is that city's own."""
    if max_depth == _DEPTH["city"] and ref.level == "county" and ref.name.endswith("市"):
        return True
    return _DEPTH.get(ref.level, 3) <= max_depth


_LEVEL_CHARS = "省市县区州盟旗镇乡"


def _short_name_mentions(gaz: Any | None, text: str, named: list[RegionRef]) -> list[RegionRef]:
    """A county named once in full and then by its short name (杨浦区 … 杨浦 … 杨浦的老同志): each later
    mention of the short name counts for it. Only a short name the gazetteer does not read as a
    place of its own (a city's: 九江) and that no other county of the text's shares."""
    counties = {r.code: r for r in named if r.level == "county" and r.code and len(r.name) == 3}
    stems: dict[str, list[RegionRef]] = {}
    for r in counties.values():
        stem = r.name[:2]
        # (公安县's stem is also 公安, the police: an everyday word counts for no county)
        if r.name[2] in "市县区旗" and gaz is not None and not gaz.lookup(stem) and not common_word(stem):
            stems.setdefault(stem, []).append(r)
    extra: list[RegionRef] = []
    for stem, refs in stems.items():
        if len(refs) == 1:  # (两个同名简称的县: neither)
            alone = len(re.findall(rf"{re.escape(stem)}(?![{_LEVEL_CHARS}])", text))
            extra.extend(refs * alone)
    return extra


def body_region(gaz: Any | None, folded_title: str, folded_body: str) -> RegionRef | None:
    """The place the body is about: named at least twice (its sub-regions count for it: a speech
    that names five cities of a province is about the province), no deeper than the scope the text
    speaks for (全省 → a province), the most specific such place. A scope the title states (全市老干部
    工作会议召开), or its first sentence does, is the piece's own and outweighs the body's (会议传达了
    全省…会议精神 ×2)."""
    text = folded_title + "\n" + folded_body
    mentions = [r for r in regions_in(gaz, text) if r.known]
    body = [r for r in mentions if r.level != "town"]
    if not body:
        return None
    body += _short_name_mentions(gaz, text, body)
    # a town named again and again counts for the county the text names it under (赤水市长沙镇 …长沙镇
    # ×4: 赤水市's story); a town alone, or an address written once, stays out (town names repeat)
    named = {r.path for r in body}
    town_counts = Counter(r.path for r in mentions if r.level == "town")
    towns = [r for r in mentions if r.level == "town" and r.path[:-1] in named and town_counts[r.path] >= 2]
    counts: Counter[tuple[str, ...]] = Counter()
    by_path: dict[tuple[str, ...], RegionRef] = {}
    for r in body + towns:
        for a in ancestor_refs(gaz, r):
            if a.level == "town":
                continue
            by_path.setdefault(a.path, a)
            counts[a.path] += 1
    first_sentence = re.split(r"[。！？\n]", folded_body.lstrip(), maxsplit=1)[0]
    stated = _TITLE_SCOPE_RE.search(folded_title) or _TITLE_SCOPE_RE.search(first_sentence)
    if stated is not None:
        max_depth = _SCOPE_DEPTH[stated[1]]
    else:
        scopes = Counter(_SCOPE_LEVEL[m] for m in _SCOPE_WORD_RE.findall(text))
        max_depth = min((_DEPTH[lvl] for lvl, n in scopes.items() if n >= 2), default=3)
    supported = [p for p, n in counts.items() if n >= 2 and _depth_fits(by_path[p], max_depth)]
    if not supported:
        return None
    top = max(counts[p] for p in supported)
    # the most specific place among those named about as often as the most named one, and
    # covering most of the mentions (a city named twice in a province's speech does not win)
    best = max((p for p in supported if counts[p] * 2 >= top), key=lambda p: (len(p), counts[p]))
    # a province with one city named inside it and nothing deeper (湖南省 ×4, 长沙市 ×1): the page is
    # that city's (a county or district named once stays too weak: 常州市 ×3, 武进区 ×1 is 常州's)
    inner = [p for p in counts if len(p) > len(best) and p[: len(best)] == best]
    if (
        by_path[best].level == "province"
        and len(inner) == 1
        and by_path[inner[0]].level == "city"
        and _DEPTH["city"] <= max_depth
    ):
        return by_path[inner[0]]
    # a city with one county named inside it, written as the full address (毕节市七星关区…社区,
    # 宝鸡市陇县街道上) and the city never named on its own: the writer placed the story in that
    # county (a city's units named besides, 鄂尔多斯市委组织部, keep a visit to 东胜区 the city's)
    # (a province written before its county, 河北省临西县, the same: the city between goes unsaid), or
    # one of that county's towns or streets named (西安市雁塔区某街道…): where the story happened
    deepest = max(inner, key=len) if inner else None
    if (
        deepest is not None
        and by_path[best].level in ("city", "province")
        and all(deepest[: len(p)] == p for p in inner)  # one chain below the place
        and by_path[deepest].level == "county"
        and _DEPTH["county"] <= max_depth
        and (
            _written_as_address(by_path[best], by_path[deepest], text)
            or (
                any(r.level == "town" and r.path[:-1] == deepest for r in mentions)
                and not _units_of(by_path[best], text)
            )
        )
    ):
        return by_path[deepest]
    # a place named on its own no more often than the one county inside it the text goes down to
    # (重庆市 ×1, 城口县 ×1), named as a place, not in a unit's name: the writer placed the story there
    own = Counter(r.path for r in body)
    if (
        deepest is not None
        and all(deepest[: len(p)] == p for p in inner)
        and by_path[deepest].level == "county"
        and _DEPTH["county"] <= max_depth
        and own[best] <= own[deepest]
        and not _units_of(by_path[best], text)
        and not _units_of(by_path[deepest], text)  # (a county's unit named in passing places nothing)
    ):
        return by_path[deepest]
    return by_path[best]


_SPREAD_PROVINCES = 3


_FIRST_PERSON_SINGULAR_RE = re.compile(r"我(?!国|们|省|市|县|区|校|局|院|单位|党|军)")
_MEMOIR_VOICE = 8  # the writer says 我 this often: a first-person account
_NATIONAL_WORD_RE = re.compile(
    r"全国|我国|各地|各省"
)  # a writer who says 我 once may still speak for the country


def spread_over_provinces(gaz: Any | None, folded_title: str, folded_body: str) -> bool:
    """Whether the places a text names lie in several provinces, none holding more than half of the
    mentions (examples from 山东, 湖北, 海南, 四川 …): a piece about practice across the country, placed
    in none of them. Only pages nothing stronger places are asked."""
    text = folded_title + "\n" + folded_body
    provinces: Counter[str] = Counter()
    for r in regions_in(gaz, text):
        if r.known and r.level not in ("town", "country") and r.path:
            provinces[r.path[0]] += 1
    if len(provinces) < _SPREAD_PROVINCES:
        return False
    voice = len(_FIRST_PERSON_SINGULAR_RE.findall(text))
    if voice >= _MEMOIR_VOICE or (voice and not _NATIONAL_WORD_RE.search(text)):
        return False  # a memoir's places are the writer's life (born here, sent there), not a national scope
    return provinces.most_common(1)[0][1] * 2 <= sum(provinces.values())


def _units_of(place: RegionRef, text: str) -> bool:
    """Whether the text names a unit of `place` itself (绵阳市委老干部局, 绵阳市民政局): the place acted."""
    return bool(
        re.search(rf"{re.escape(place.name)}(?:委|人民政府|政府|人大|政协|[\u4e00-\u9fff]{{0,6}}?局)", text)
    )


def _written_as_address(outer: RegionRef, county: RegionRef, text: str) -> bool:
    if outer.level == "province":
        short = outer.name[:3] if outer.name.startswith("内蒙古") else outer.name[:2]
    else:
        short = re.sub(r"(?:市|地区|自治州|州|盟)$", "", outer.name)
    short = short if len(short) >= 2 else outer.name
    leads = {outer.name, short}
    chained = sum(text.count(lead + county.name) for lead in leads)
    return chained > 0 and text.count(short) == chained


_SHORT_COUNTY_LEAD_RE = re.compile(
    r"^(?:由|中共)?(?P<name>[\u4e00-\u9fff]县)(?=委|政协|人大|人民政府|政府|召开|举办|举行|组织|开展)"
)


def short_county_subject(gaz: Any | None, folded_opening: str, folded_body: str) -> RegionRef | None:
    """A county whose whole name is two characters opening the first sentence as its subject (沛县
    召开全县老干部工作会议), in a text that speaks for the whole county (全县): that county. The
    gazetteer does not trust such names alone in running text (召开县委)."""
    if gaz is None or "全县" not in folded_body[:3000]:
        return None
    m = _SHORT_COUNTY_LEAD_RE.match(strip_opening_lead(folded_opening))
    return one_named(gaz, m["name"]) if m else None


# A unit named by its level alone, as a place's own units write (省委组织部, 市委老干部局, 自治区人大常委会,
# 区政协): it says which level the document is of, the places the text names say which one.
_OWN_LEVEL_UNIT_RE = re.compile(
    r"^(?:中共)?(?P<level>自治区|省|市|州|盟|县|区|旗)(?!级|内|外|直属?机关以外)"
    r"(?:委|党委|人大|政协|政府|人民政府|纪委|直|[\u4e00-\u9fff]{1,12}?(?:厅|局|委员会|中心|社|院|部|办公室|办|处|协会|会|学校|大学|学院))"
)
_FIRST_PERSON_RE = re.compile(r"我(省|市|县|州|盟|旗)")
_OWN_LEVEL_DEPTH = {"自治区": 0, "省": 0, "市": 1, "州": 1, "盟": 1, "县": 2, "旗": 2}
_SITE_DEPTH = {"province": 0, "city": 1, "county": 2}


def own_level_depth(units: list[str], script: Script) -> int | None:
    """The level (0 province, 1 city, 2 county) of the first unit named by its level alone (省气象局,
    市老年大学), or None. 区 alone is a county's level here (a 自治区 unit names itself 自治区)."""
    for unit in units:
        m = _OWN_LEVEL_UNIT_RE.match(fold(unit, script))
        if m:
            return _OWN_LEVEL_DEPTH.get(m["level"], 2)
    return None


def own_level_fits(units: list[str], script: Script, site: RegionRef) -> bool:
    """The first unit named by its level alone (市老年大学) is of `site`'s level; a county-level city
    (桐城市) has a 市 of its own."""
    depth = own_level_depth(units, script)
    if depth is None:
        return False
    return depth == (
        1 if site.level == "county" and site.name.endswith("市") else _SITE_DEPTH.get(site.level)
    )


def site_at_own_level(gaz: Any | None, units: list[str], script: Script, site: RegionRef) -> RegionRef:
    """`site`, or the region above it at the level of the first unit named by its level alone: a
    省气象局 on a page of a provincial capital's site is the province's, not the capital's."""
    depth = own_level_depth(units, script)
    if depth is None:
        return site
    chain = ancestor_refs(gaz, site)
    if depth == 1 and chain[0].name.endswith("市"):
        return chain[0]  # 北京市 has no city level: its 市委 is the municipality's own
    if depth == 1 and site.level == "county" and site.name.endswith("市"):
        return site  # a county-level city (桐城市) has a 市 of its own
    return chain[depth] if depth < len(chain) - 1 else site


def own_level_region(gaz: Any | None, units: list[str], folded: str, script: Script) -> RegionRef | None:
    """The region of a unit named by its level alone (省委组织部): the one region of that level that
    holds at least two thirds of the places the text names below or at it (a 自治区 unit visiting
    伊犁 and 克拉玛依 is 新疆's; 市委老干部局 meeting in 新昌 is 绍兴's). None when the text names no
    place that deep, or places of several such regions."""
    depth = own_level_depth(units, script)
    if depth is None or gaz is None:
        return None
    # the page speaks as a place of another level (省委组织部授予我市…): its own voice decides
    voice = Counter(_OWN_LEVEL_DEPTH.get(w, 2) for w in _FIRST_PERSON_RE.findall(folded))
    if voice:
        depth = voice.most_common(1)[0][0]
    # places the text names as where it went (赴池州市学习考察) are not whose the page is, unless they
    # are all it names (a 自治区 delegation visiting 伊犁 and 克拉玛依 is still 新疆's)
    places = [
        r for r in places_not_venues(gaz, folded) if r.known and r.code and r.level not in ("town", "country")
    ]
    lifted: Counter[str] = Counter()
    by_code: dict[str, RegionRef] = {}
    for r in places:
        chain = ancestor_refs(gaz, r)
        if depth == 1 and chain and chain[0].name.endswith("市"):
            chain = [chain[0], *chain]  # 北京市 has no city level: its 市委 is the municipality's own
        elif depth == 1 and r.level == "county" and r.name.endswith("市") and r.name in folded:
            chain = [chain[0], r]  # a county-level city written in full (溧阳市) has a 市委 of its own
        if len(chain) > depth and chain[depth].code:
            by_code[chain[depth].code] = chain[depth]  # type: ignore[index]
            lifted[chain[depth].code] += 1  # type: ignore[index]
    if not lifted:
        return None
    code, n = lifted.most_common(1)[0]
    return by_code[code] if n * 3 >= 2 * sum(lifted.values()) else None


def voiced_region(gaz: Any | None, folded_opening: str, folded: str, script: Script) -> RegionRef | None:
    """The place a page speaks as (我省15个单位受表彰) where its opening reports a national organ's
    act: the one region of that level the text names (see `own_level_region`), or None."""
    voice = _FIRST_PERSON_RE.search(folded_opening)
    return own_level_region(gaz, [voice[1] + "委"], folded, script) if voice else None


def single_place(gaz: Any | None, folded: str) -> RegionRef | None:
    """The one place a text names (every mention on one chain: 宁夏 … 灵武市), or None."""
    found = [r for r in regions_in(gaz, folded) if r.known and r.level != "country"]
    refs = [r for r in found if r.level != "town"]
    if not refs:
        return _county_of_towns(gaz, [r for r in found if r.level == "town"])
    deepest = max(refs, key=lambda r: len(r.path))
    if all(deepest.path[: len(r.path)] == r.path for r in refs):
        return deepest
    return None


def _county_of_towns(gaz: Any | None, towns: list[RegionRef]) -> RegionRef | None:
    """The county every town a text names lies in (康驿镇 … 寅寺镇, both of 汶上县), or None: a page
    that names only its towns is that county's. The gazetteer resolves a town only where its name is
    unique, so a town name common to many counties (白沙镇) never reaches here."""
    counties = {r.path[:-1] for r in towns if len(r.path) >= 2}
    if len(counties) != 1:
        return None
    chain = ancestor_refs(gaz, towns[0])
    return chain[-2] if len(chain) >= 2 and chain[-2].level == "county" else None


# a place's share of a national honour: 深圳共有一个集体和一人获表彰, 浙江2个集体8人获表彰, 某省获全国…
_HONOURED_RE = re.compile(
    r"(?P<a>[\u4e00-\u9fff]{2,10}?)(?:共有|有)?[\d一二三四五六七八九十两]+(?:个|名|位)?(?:集体|单位|人|个人)"
    r"[^。，,；]{0,14}?(?:获|受|被)(?:到)?(?:表彰|评为|授予)"
    r"|(?P<b>[\u4e00-\u9fff]{2,8}(?:省|市|县|区|州))获(?:评)?全国"
)


def honoured_place(gaz: Any | None, folded: str) -> RegionRef | None:
    """The place a page reports as winning its share of a national honour (the nation's meeting is
    the occasion, the place's winners the story), or None."""
    for m in _HONOURED_RE.finditer(folded):
        words = m["a"] or m["b"]
        refs = [r for r in regions_in(gaz, words) if r.known and r.level not in ("town", "country")]
        if refs:
            return max(refs, key=lambda r: len(r.path))
    return None
