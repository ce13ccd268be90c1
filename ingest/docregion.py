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

from ingest.headlineplaces import story_places, title_lead_inside, title_place_lead, title_start_inside
from ingest.nationalscope import (
    CENTRAL_SUBJECT_RE,
    NATIONAL_TITLE_RE,
    central_after_dateline,
    is_central,
    national_meeting,
    national_ref,
    without_capital_dateline,
)
from ingest.opening import (  # strip_opening_lead, opening_subject: re-exported for ingest.profiles
    dateline_places,
    event_scope,
    inspected_place,
    opening_subject,
    places_not_venues,
    strip_opening_lead,
)
from ingest.regionrefs import (
    default_gazetteer,
    inside,
    region_of_abbrev,
    regions_in,
    short_named_home,
)
from ingest.textregion import (
    body_region,
    honoured_place,
    lift_to_scope,
    own_level_depth,
    own_level_region,
    short_county_subject,
    single_place,
    spread_over_provinces,
    voiced_region,
)
from ingest.unitregion import region_of_org
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
        # (市委老干部局… on a city's own site names the city below: nothing is hidden then)
        if m and not _names_its_place(gazetteer, text):
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


# Opening sentences that name the acting place: 近年来，XX市… / 今年以来，XX县委老干部局…
_OPENING_LEN = 200
# a medium (某某日报, 某某网, 某某新媒体) reports on the places it covers, not only its own seat
_MEDIUM_END_RE = re.compile(
    r"(?:报|报社|网|电视台|广播电视台|客户端|新媒体|在线|信息港|之声|视窗|广播电视集团|广电集团|传媒集团|报业集团)$"
    r"|日报|晚报|电视台|^云上"  # 成都日报锦观: a paper's channel
)


def detect_region(
    doc_id: str, *, units: list[str] | None = None, **kwargs: Any
) -> tuple[RegionRef | None, str | None]:
    """`_detect_region`, with a medium among the units read last: a provincial paper's story about
    one of its cities is that city's; the medium's own region stands when the rest finds nothing
    inside it."""
    script = kwargs.get("script", "simplified")
    media = [u for u in units or [] if _MEDIUM_END_RE.search(fold(u, script))]
    if not media:
        return _detect_region(doc_id, units=units, **kwargs)
    found = _detect_region(doc_id, units=[u for u in units or [] if u not in media], **kwargs)
    gaz = kwargs.get("gazetteer")
    outer = next((ref for u in media if (ref := region_of_org(gaz, fold(u, script))) is not None), None)
    ref, how = found
    if outer is None or how == "central":
        return found  # a city's news site reposting a national piece (全国…表彰): still the nation's
    if ref is not None and ref.path[: len(outer.path)] == ref.path[: len(outer.path)] == outer.path:
        return ref, "unit"  # the medium's region, refined by the place its story is about
    if ref is not None and outer.path[: len(ref.path)] == ref.path and how in ("event", "title", "central"):
        return found  # a city paper on a 全省 event: the province's
    if ref is not None and how == "title" and outer.path[: len(ref.path)] != ref.path:
        return found  # a city's portal reporting a place elsewhere that its headline names (某市某区：…)
    return _detect_region(doc_id, units=units, **kwargs)  # the medium's, refined as any unit's


_VOICE_SPAN = 600  # the opening paragraph, where a page says whose it is


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
    datelines: tuple[str, ...] | list[str] = (),
) -> tuple[RegionRef | None, str | None]:
    """The region a document applies to and how it was found (for warnings/tests).

    Evidence, strongest first: the issuing unit (a 全省 document of a provincial bureau applies to
    the province; a central organ gives the national scope), the source or author unit of a web
    page or article (refined by a place inside it in the title, the opening sentence or the dateline),
    the title,
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
        ref = region_of_org(gaz, fold(issuer, script))
        if ref is not None:
            return ref, "issuer"
    if issuers and all(is_central(fold(i, script)) for i in issuers):
        ref = national_ref(gaz)
        if ref is not None:
            return ref, "central"
    folded_title = fold(title, script) if title else ""
    folded_body = folded_text if folded_text is not None else fold(text[:20000], script)
    folded_body = without_capital_dateline(folded_body)
    folded_opening = fold(opening[:_OPENING_LEN], script) if opening else ""
    subject = opening_subject(gaz, folded_opening)
    # a place the title names as a destination (赴石嘴山市大武口区参观) does not refine the unit's
    # 某某网内江2月3日讯: where the story happened (the dateline may have gone to the residue already)
    filed_from = dateline_places(gaz, fold("\n".join(datelines), script) + "\n" + folded_body)
    weaker = [r for r in places_not_venues(gaz, folded_title, strict=True)] + subject + filed_from
    first = folded_title + "。" + re.split(r"[。！？]", folded_opening, maxsplit=1)[0]
    event = event_scope(gaz, first)
    if event is not None:
        return event, "event"
    honoured = honoured_place(gaz, folded_title + "\n" + folded_body[:_VOICE_SPAN])
    if national_meeting(first):  # 全国…工作会议在北京举行: the nation's meeting, not its venue's
        if honoured is not None:  # …表彰大会在北京举行 … 深圳共有一个集体获表彰: Shenzhen's story
            return honoured, "honoured"
        ref = national_ref(gaz)
        if ref is not None:
            return ref, "central"
    if (
        units
        and not weaker
        and all(is_central(fold(u, script)) and region_of_org(gaz, fold(u, script)) is None for u in units)
    ):  # a central body's branch that names its place (中国农业银行江西分行) is placed by that place below
        # a national organ acted, but the page speaks as a province (我省15个单位被表彰): that province's
        voiced = voiced_region(gaz, folded_body[:_VOICE_SPAN], folded_title + "\n" + folded_body, script)
        if voiced is not None:
            return voiced, "voice"
        if honoured is not None:
            return honoured, "honoured"
        # 国家体育总局离退休干部局 wrote it and names no place: a national piece, not Beijing's
        ref = national_ref(gaz)
        if ref is not None:
            return ref, "central"
    led = title_place_lead(gaz, folded_title)
    for unit in units or []:
        ref = region_of_org(gaz, fold(unit, script))
        # 江苏张家港市：…凤凰老年大学…: the place the headline leads with, not the unit's namesake elsewhere
        if (
            ref is not None
            and led is not None
            and ref.path != led.path
            and not inside(ref, led)
            and not inside(led, ref)
        ):
            return led, "title_lead"
        if ref is not None:
            visited = inspected_place(gaz, folded_opening, ref)
            if visited is not None:
                return visited, "inspected"
            # 路北：… or 垦利79岁老教师… in the city paper's channel: the county the headline leads with
            lead = title_lead_inside(gaz, folded_title, ref) or [
                r for r in [title_start_inside(gaz, folded_title, ref)] if r is not None
            ]
            return lift_to_scope(gaz, _refine(ref, weaker + lead), folded_title), "unit"
    if led is not None:  # no unit placed the page: the place its headline leads with (乾县：…)
        return led, "title_lead"
    ref = own_level_region(gaz, [*issuers, *(units or [])], folded_title + "\n" + folded_body, script)
    if ref is not None:
        visited = inspected_place(gaz, folded_opening, ref)
        if visited is not None:
            return visited, "inspected"
        # 市委老干部局 on a page whose headline is about one of its districts (安宁区离退休干部开展…)
        headline = places_not_venues(gaz, folded_title, strict=True)
        return _refine(ref, headline), "own_level"
    masked = detect_masked_region(doc_id, folded_title, folded_body, gaz)
    if folded_title and not (masked and _BARE_LEVEL_TITLE_RE.match(folded_title)):
        ref = _most_specific(places_not_venues(gaz, folded_title))
        if ref is not None:
            lead = title_lead_inside(gaz, folded_title, ref)  # 厦门同安：… → 同安区
            story = (
                story_places(gaz, ref, folded_title, folded_body) if ref.level in ("province", "city") else []
            )
            return lift_to_scope(
                gaz, _refine(ref, subject + lead + filed_from + story), folded_title
            ), "title"
        if NATIONAL_TITLE_RE.search(folded_title) or is_central(folded_title):  # 民政部明确…
            if honoured is not None:
                return honoured, "honoured"
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
    short = short_county_subject(gaz, folded_opening, folded_body)
    if short is not None:
        return short, "opening"
    opening_refs = [r for r in opening_subject(gaz, folded_opening) if r.level != "town"]
    if opening_refs:
        actor = _most_specific(opening_refs)
        visited = inspected_place(gaz, folded_opening, actor)
        return (visited, "inspected") if visited is not None else (actor, "opening")  # type: ignore[return-value]
    # (a unit named by its level alone — 省委老干部局 — is some province's, never the nation's)
    if (
        spread_over_provinces(gaz, folded_title, folded_body)
        and own_level_depth([*issuers, *(units or [])], script) is None
    ):
        ref = national_ref(gaz)
        if ref is not None:
            return ref, "spread"
    ref = body_region(gaz, folded_title, folded_body)
    if ref is not None:
        lead = title_start_inside(gaz, folded_title, ref)
        return (lead, "title_lead") if lead is not None else (ref, "body")
    ref = single_place(gaz, folded_title + "\n" + folded_body)
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
