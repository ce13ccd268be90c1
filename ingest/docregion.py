"""The region a document applies to: from its issuers, title, number, opening sentence and body.

Pure functions over the read-only gazetteer (policykg.gazetteer). The evidence is ranked: the
unit that issued or wrote the document, then its title, the abbreviation in its number, a masked
place name (never guessed), the opening sentence (近年来，XX市…), then the place the body names
most. A national scope (全国) is given to central issuers and national pieces.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ingest.nationalscope import (
    CENTRAL_SUBJECT_RE,
    NATIONAL_TITLE_RE,
    central_after_dateline,
    is_central,
    national_ref,
)
from ingest.opening import (  # strip_opening_lead, opening_subject: re-exported for ingest.profiles
    event_scope,
    inspected_place,
    opening_subject,
    places_not_venues,
    strip_opening_lead,
)
from ingest.regionrefs import (
    ancestor_refs,
    default_gazetteer,
    inside,
    ref_of,
    region_of_abbrev,
    region_of_org,
    regions_in,
    short_named_home,
    two_character_county,
)
from policykg.model import RegionRef, Script
from policykg.text import fold

__all__ = [
    "default_gazetteer",
    "detect_region",
    "inside",
    "opening_subject",
    "region_of_org",
    "strip_opening_lead",
]

# A masked place name: ``**县``, ``××市``, or a title/line that starts with a bare level word.
_MASK = r"(?:\*{2,}|[×Ｘ＊]{2,}|[XＸ]{2,}|某)"
_MASKED_RE = re.compile(rf"{_MASK}\s*(?P<level>省|市|县|区|旗|镇|乡|街道)")
_BARE_LEVEL_TITLE_RE = re.compile(
    r"^(?P<level>县|市|区|旗|镇|乡)(?=(?:19|20)\d{2}|[^\u4e00-\u9fff]|关于|离退休|老干部|党建|委|人民|政府)"
)
_SCOPE_RE = re.compile(r"全(?P<level>省|市|县|区|旗|镇|乡)")
_LEVELS = {"省": "province", "市": "city", "县": "county", "区": "county", "旗": "county", "镇": "town",
           "乡": "town", "街道": "town"}  # fmt: skip


def masked_region(doc_id: str, level_word: str, gazetteer: Any | None = None) -> RegionRef:
    """The region of a document whose place name is masked in the source: a level, never a name."""
    label = f"（名称隐去的{level_word}）"
    if gazetteer is not None and hasattr(gazetteer, "unknown_ref"):
        try:
            return gazetteer.unknown_ref(doc_id, _LEVELS.get(level_word, "unknown"), label)
        except Exception:  # fall through to the plain form
            pass
    return RegionRef(
        id=f"region:unknown:{doc_id}",
        name=label,
        level=_LEVELS.get(level_word, "unknown"),
        code=None,
        known=False,
    )


def detect_masked_region(
    doc_id: str, title: str | None, text: str, gazetteer: Any | None = None
) -> RegionRef | None:
    """A masked region: the title starts with a bare 县/市 (the name was cut), or the text has ``**县``
    and speaks of 全县 — the scope word decides the level."""
    if title:
        m = _BARE_LEVEL_TITLE_RE.match(title)
        if m:
            return masked_region(doc_id, m["level"], gazetteer)
        m = _MASKED_RE.search(title)
        if m:
            return masked_region(doc_id, m["level"], gazetteer)
    m = _MASKED_RE.search(text)
    level = m["level"] if m else None
    if level is None and re.search(_MASK, text):
        scope = Counter(m["level"] for m in _SCOPE_RE.finditer(text))
        level = scope.most_common(1)[0][0] if scope else None
    if level is None or _names_its_place(gazetteer, text):
        return None  # a text that names its city or county hides none (某 is also "a certain")
    return masked_region(doc_id, level, gazetteer)


def _names_its_place(gazetteer: Any | None, text: str) -> bool:
    return any(r.known and r.level in ("city", "county") for r in regions_in(gazetteer, text[:5000]))


_PLACE_IN_ORG_RE = re.compile(
    r"^(?:中共)?(?P<place>[\u4e00-\u9fff]{2,8}?(?:自治州|自治县|省|市|县|区|旗|盟))"
)


def _unresolved_place(gaz: Any | None, issuer: str) -> bool:
    """The issuer's name starts with a place (中共宁乡县委…) that the gazetteer cannot resolve."""
    m = _PLACE_IN_ORG_RE.match(issuer)
    return bool(m) and gaz is not None and not regions_in(gaz, fold(m["place"], "simplified"))


def _most_specific(refs: list[RegionRef]) -> RegionRef | None:
    order = {"town": 0, "county": 1, "city": 2, "province": 3}
    known = [r for r in refs if r.known]
    if not known:
        return None
    return min(known, key=lambda r: order.get(r.level, 4))


def _refine(ref: RegionRef, candidates: list[RegionRef]) -> RegionRef:
    """The most specific candidate inside `ref` (a county named in the title of a city paper's
    article), never a town: towns and streets name where something happened, not whose it is."""
    inner = [c for c in candidates if c.known and c.level != "town" and inside(c, ref)]
    return _most_specific(inner) or ref


# a headline led by a short place name and a colon: 路北：…, 苏州吴中：…, 重庆沙坪坝：…
_TITLE_PLACE_LEAD_RE = re.compile(r"^(?P<lead>[\u4e00-\u9fff]{2,7})[:：]")


def _title_start_inside(gaz: Any | None, folded_title: str, ref: RegionRef) -> RegionRef | None:
    """The county-level division inside `ref` whose short name opens the title (延庆好乡亲丨… on a
    page about 北京市 → 延庆区), when exactly one inside `ref` is so named."""
    if gaz is None or len(folded_title) < 4 or ref.level not in ("province", "city"):
        return None
    found = {
        r.code: r
        for level_word in ("区", "县", "市", "旗")
        for region in gaz.lookup(folded_title[:2] + level_word)
        if (r := ref_of(gaz, region)) is not None and r.level == "county" and inside(r, ref)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _title_lead_inside(gaz: Any | None, folded_title: str, ref: RegionRef) -> list[RegionRef]:
    """The county-level division inside `ref` whose short name leads the headline (路北： in a
    唐山 paper → 路北区): a short name is ambiguous alone, the unit's region places it."""
    m = _TITLE_PLACE_LEAD_RE.match(folded_title)
    if m is None or gaz is None:
        return []
    found: dict[str, RegionRef] = {}
    for k in (3, 2):  # the lead's last characters: 沙坪坝, 吴中, 路北
        short = m["lead"][-k:]
        for level_word in ("区", "县", "市", "旗"):
            for region in gaz.lookup(short + level_word):
                r = ref_of(gaz, region)
                if r is not None and r.level == "county" and r.code and inside(r, ref):
                    found[r.code] = r
        if found:
            break
    return list(found.values()) if len(found) == 1 else []


# Opening sentences that name the acting place: 近年来，XX市… / 今年以来，XX县委老干部局…
_OPENING_LEN = 200
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


def _lift_to_scope(gaz: Any | None, ref: RegionRef, folded_title: str) -> RegionRef:
    """A title that speaks for 全省 / 全市 / 全县 is about a region of that level: a city found for a
    全省 event (its venue, the unit that hosted it) gives way to its province."""
    m = _TITLE_SCOPE_RE.search(folded_title)
    if m is None or not ref.code:
        return ref
    depth = _SCOPE_DEPTH[m[1]]
    chain = ancestor_refs(gaz, ref)
    return chain[depth] if depth < len(chain) - 1 else ref


def _body_region(gaz: Any | None, folded_title: str, folded_body: str) -> RegionRef | None:
    """The place the body is about: named at least twice (its sub-regions count for it: a speech
    that names five cities of a province is about the province), no deeper than the scope the text
    speaks for (全省 → a province), the most specific such place. A scope the title states (全市老干部
    工作会议召开), or its first sentence does, is the piece's own and outweighs the body's (会议传达了
    全省…会议精神 ×2)."""
    text = folded_title + "\n" + folded_body
    body = [r for r in regions_in(gaz, text) if r.known and r.level != "town"]
    if not body:
        return None
    counts: Counter[tuple[str, ...]] = Counter()
    by_path: dict[tuple[str, ...], RegionRef] = {}
    for r in body:
        for a in ancestor_refs(gaz, r):
            by_path.setdefault(a.path, a)
            counts[a.path] += 1
    first_sentence = re.split(r"[。！？\n]", folded_body.lstrip(), maxsplit=1)[0]
    stated = _TITLE_SCOPE_RE.search(folded_title) or _TITLE_SCOPE_RE.search(first_sentence)
    if stated is not None:
        max_depth = _SCOPE_DEPTH[stated[1]]
    else:
        scopes = Counter(_SCOPE_LEVEL[m] for m in _SCOPE_WORD_RE.findall(text))
        max_depth = min((_DEPTH[lvl] for lvl, n in scopes.items() if n >= 2), default=3)
    supported = [p for p, n in counts.items() if n >= 2 and _DEPTH.get(by_path[p].level, 3) <= max_depth]
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
    if (
        by_path[best].level == "city"
        and len(inner) == 1
        and by_path[inner[0]].level == "county"
        and _DEPTH["county"] <= max_depth
        and _written_as_address(by_path[best], by_path[inner[0]], text)
    ):
        return by_path[inner[0]]
    return by_path[best]


def _written_as_address(city: RegionRef, county: RegionRef, text: str) -> bool:
    short = re.sub(r"(?:市|地区|自治州|州|盟)$", "", city.name)
    short = short if len(short) >= 2 else city.name
    leads = {city.name, short}
    chained = sum(text.count(lead + county.name) for lead in leads)
    return chained > 0 and text.count(short) == chained


_SHORT_COUNTY_LEAD_RE = re.compile(
    r"^(?:由|中共)?(?P<name>[\u4e00-\u9fff]县)(?=委|政协|人大|人民政府|政府|召开|举办|举行|组织|开展)"
)


def _short_county_subject(gaz: Any | None, folded_opening: str, folded_body: str) -> RegionRef | None:
    """A county whose whole name is two characters opening the first sentence as its subject (沛县
    召开全县老干部工作会议), in a text that speaks for the whole county (全县): that county. The
    gazetteer does not trust such names alone in running text (召开县委)."""
    if gaz is None or "全县" not in folded_body[:3000]:
        return None
    m = _SHORT_COUNTY_LEAD_RE.match(strip_opening_lead(folded_opening))
    return two_character_county(gaz, m["name"]) if m else None


# A unit named by its level alone, as a place's own units write (省委组织部, 市委老干部局, 自治区人大常委会,
# 区政协): it says which level the document is of, the places the text names say which one.
_OWN_LEVEL_UNIT_RE = re.compile(
    r"^(?:中共)?(?P<level>自治区|省|市|州|盟|县|区|旗)(?!级|内|外|直属?机关以外)"
    r"(?:委|人大|政协|政府|人民政府|纪委|直|[\u4e00-\u9fff]{1,12}?(?:厅|局|委员会|中心|社|院|部|办公室|办|处|协会|会|学校|大学|学院))"
)
_FIRST_PERSON_RE = re.compile(r"我(省|市|县|州|盟|旗)")
_OWN_LEVEL_DEPTH = {"自治区": 0, "省": 0, "市": 1, "州": 1, "盟": 1, "县": 2, "旗": 2}


def _own_level_region(gaz: Any | None, units: list[str], folded: str, script: Script) -> RegionRef | None:
    """The region of a unit named by its level alone (省委组织部): the one region of that level that
    holds at least two thirds of the places the text names below or at it (a 自治区 unit visiting
    伊犁 and 克拉玛依 is 新疆's; 市委老干部局 meeting in 新昌 is 绍兴's). None when the text names no
    place that deep, or places of several such regions."""
    depth = None
    for unit in units:
        m = _OWN_LEVEL_UNIT_RE.match(fold(unit, script))
        if m:
            # 区 alone is a county's level here (a 自治区 unit names itself 自治区)
            depth = _OWN_LEVEL_DEPTH.get(m["level"], 2)
            break
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
        if len(chain) > depth and chain[depth].code:
            by_code[chain[depth].code] = chain[depth]  # type: ignore[index]
            lifted[chain[depth].code] += 1  # type: ignore[index]
    if not lifted:
        return None
    code, n = lifted.most_common(1)[0]
    return by_code[code] if n * 3 >= 2 * sum(lifted.values()) else None


def _single_place(gaz: Any | None, folded: str) -> RegionRef | None:
    """The one place a text names (every mention on one chain: 宁夏 … 灵武市), or None."""
    refs = [r for r in regions_in(gaz, folded) if r.known and r.level not in ("town", "country")]
    if not refs:
        return None
    deepest = max(refs, key=lambda r: len(r.path))
    if all(deepest.path[: len(r.path)] == r.path for r in refs):
        return deepest
    return None


# a medium (某某日报, 某某网, 某某新媒体) reports on the places it covers, not only its own seat
_MEDIUM_END_RE = re.compile(r"(?:报|报社|网|电视台|广播电视台|客户端|新媒体|在线)$")


def detect_region(
    doc_id: str, *, units: list[str] | None = None, **kwargs: Any
) -> tuple[RegionRef | None, str | None]:
    """`_detect_region`, with a medium among the units read last: a provincial paper's story about
    one of its cities is that city's; the medium's own region stands when the rest finds nothing
    inside it."""
    media = [u for u in units or [] if _MEDIUM_END_RE.search(u)]
    if not media:
        return _detect_region(doc_id, units=units, **kwargs)
    found = _detect_region(doc_id, units=[u for u in units or [] if u not in media], **kwargs)
    gaz = kwargs.get("gazetteer")
    outer = next((ref for u in media if (ref := region_of_org(gaz, u)) is not None), None)
    ref, how = found
    if outer is None:
        return found
    if ref is not None and ref.path[: len(outer.path)] == ref.path[: len(outer.path)] == outer.path:
        return ref, "unit"  # the medium's region, refined by the place its story is about
    if ref is not None and outer.path[: len(ref.path)] == ref.path and how in ("event", "title", "central"):
        return found  # a city paper on a 全省 event: the province's
    return _detect_region(doc_id, units=units, **kwargs)  # the medium's, refined as any unit's


def _detect_region(
    doc_id: str,
    *,
    issuers: list[str],
    doc_no: str | None,
    title: str | None,
    text: str,
    units: list[str] | None = None,
    opening: str = "",
    script: Script = "simplified",
    gazetteer: Any | None = None,
    fallback: RegionRef | None = None,
    folded_text: str | None = None,
) -> tuple[RegionRef | None, str | None]:
    """The region a document applies to and how it was found (for warnings/tests).

    Evidence, strongest first: the issuing unit (a 全省 document of a provincial bureau applies to
    the province; a central organ gives the national scope), the source or author unit of a web
    page or article (refined by a place inside it in the title or opening sentence), the title,
    the abbreviation of the document number (榕 → 福州市), a masked place name (never guessed),
    the opening sentence (近年来，XX市…), the place the body names repeatedly, then `fallback`
    (a bulletin article falls back to its bulletin's region). The gazetteer runs on the folded
    (simplified) form so traditional documents resolve too.
    """
    gaz = gazetteer
    for issuer in issuers:
        hidden = _MASKED_RE.search(issuer)
        if hidden:  # 中共**市委老干部局: a city whose name the source hid
            return masked_region(doc_id, hidden["level"], gaz), "masked"
        ref = region_of_org(gaz, issuer)
        if ref is not None:
            return ref, "issuer"
    if issuers and all(is_central(fold(i, script)) for i in issuers):
        ref = national_ref(gaz)
        if ref is not None:
            return ref, "central"
    folded_title = fold(title, script) if title else ""
    folded_body = folded_text if folded_text is not None else fold(text[:20000], script)
    folded_opening = fold(opening[:_OPENING_LEN], script) if opening else ""
    subject = opening_subject(gaz, folded_opening)
    # a place the title names as a destination (赴石嘴山市大武口区参观) does not refine the unit's
    weaker = [r for r in places_not_venues(gaz, folded_title, strict=True)] + subject
    event = event_scope(gaz, folded_title + "。" + re.split(r"[。！？]", folded_opening, maxsplit=1)[0])
    if event is not None:
        return event, "event"
    if units and not weaker and all(is_central(fold(u, script)) for u in units):
        # 国家体育总局离退休干部局 wrote it and names no place: a national piece, not Beijing's
        ref = national_ref(gaz)
        if ref is not None:
            return ref, "central"
    for unit in units or []:
        ref = region_of_org(gaz, unit)
        if ref is not None:
            visited = inspected_place(gaz, folded_opening, ref)
            if visited is not None:
                return visited, "inspected"
            lead = _title_lead_inside(gaz, folded_title, ref)
            return _lift_to_scope(gaz, _refine(ref, weaker + lead), folded_title), "unit"
    ref = _own_level_region(gaz, [*issuers, *(units or [])], folded_title + "\n" + folded_body, script)
    if ref is not None:
        visited = inspected_place(gaz, folded_opening, ref)
        return (visited, "inspected") if visited is not None else (ref, "own_level")
    masked = detect_masked_region(doc_id, folded_title, folded_body, gaz)
    if folded_title and not (masked and _BARE_LEVEL_TITLE_RE.match(folded_title)):
        ref = _most_specific(places_not_venues(gaz, folded_title))
        if ref is not None:
            lead = _title_lead_inside(gaz, folded_title, ref)  # 厦门同安：… → 同安区
            return _lift_to_scope(gaz, _refine(ref, subject + lead), folded_title), "title"
        if NATIONAL_TITLE_RE.search(folded_title) or is_central(folded_title):  # 民政部明确…
            ref = national_ref(gaz)
            if ref is not None:  # 全国老干部先进表彰会开幕: a national piece, wherever it was held
                return ref, "central"
    # The number's one-character abbreviation (榕 → 福州市) is a weak cue; an issuer that names a
    # place of its own the gazetteer does not know (a county since renamed) outweighs it.
    if doc_no and not any(_unresolved_place(gaz, issuer) for issuer in issuers):
        ref = region_of_abbrev(gaz, doc_no[:1])
        if ref is not None:
            return ref, "doc_no"
    if masked is not None:
        return masked, "masked"
    short = _short_county_subject(gaz, folded_opening, folded_body)
    if short is not None:
        return short, "opening"
    opening_refs = [r for r in opening_subject(gaz, folded_opening) if r.level != "town"]
    if opening_refs:
        actor = _most_specific(opening_refs)
        visited = inspected_place(gaz, folded_opening, actor)
        return (visited, "inspected") if visited is not None else (actor, "opening")  # type: ignore[return-value]
    ref = _body_region(gaz, folded_title, folded_body)
    if ref is not None:
        lead = _title_start_inside(gaz, folded_title, ref)
        return (lead, "title_lead") if lead is not None else (ref, "body")
    ref = _single_place(gaz, folded_title + "\n" + folded_body)
    if ref is not None:
        return ref, "only_place"
    if fallback is not None:
        return fallback, "fallback"
    if (
        CENTRAL_SUBJECT_RE.search(folded_body[:200])
        or central_after_dateline(folded_body[:200])
        or (units and all(is_central(fold(u, script)) for u in units))
    ):
        ref = national_ref(gaz)
        if ref is not None:
            return ref, "central"
    home = short_named_home(gaz, folded_title + "\n" + folded_body)  # 我县 … 法库大干快上
    return (home, "short_name") if home is not None else (None, None)
