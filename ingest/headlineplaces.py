"""Places a headline or its story's lead names, inside the region the stronger evidence gives: a
county's short name opening the headline (延庆好乡亲丨…), a place lead before a colon (路北：…, 江苏张家港市：…),
the county the first paragraph puts the story in (湖南好人某某：… 位于某某市某某区的…).

Pure functions over the read-only gazetteer; ingest.docregion ranks them with the other evidence.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.opening import STORY_VENUE_BEFORE, is_capital, places_not_venues
from ingest.regionrefs import inside, ref_of
from policykg.model import RegionRef

_SCOPE_RE = re.compile(r"全(?P<level>省|市|县|区|旗|镇|乡)")
_STORY_SPAN = 160  # the lead paragraph, where a story about a person or a site says where it is


def story_places(gaz: Any | None, ref: RegionRef, title: str, folded_body: str) -> list[RegionRef]:
    """The place a story's lead puts it in, inside the province or city its headline names (湖南好人某某：…
    / 位于某某市某某区的…): the places of its first paragraph inside `ref` when they form one chain (a
    list of several cities, or a 全省 event, is the province's)."""
    paragraphs = [p for p in folded_body.split("\n") if len(p.strip()) >= 20 and not _headline_copy(p, title)]
    lead = paragraphs[0][:_STORY_SPAN] if paragraphs else ""
    if _SCOPE_RE.search(lead):
        return []  # 来自全省各地的24支队伍: a province-wide event, wherever it was held
    inner = [
        r
        for r in places_not_venues(gaz, lead, strict=True, venue_before=STORY_VENUE_BEFORE)
        if r.level != "town" and inside(r, ref) and not is_capital(r)  # (the capital: where provinces file)
    ]
    deepest = max(inner, key=lambda r: len(r.path), default=None)
    if deepest is None or not all(deepest.path[: len(r.path)] == r.path for r in inner):
        return []
    return [deepest]


def _headline_copy(paragraph: str, title: str) -> bool:
    """The headline printed again at the top of the body (perhaps with its kicker or subtitle)."""
    squeezed = re.sub(r"\s+", "", paragraph)
    return bool(title) and (re.sub(r"\s+", "", title)[:12] in squeezed[:40] and "。" not in squeezed[:40])


# a headline led by a short place name and a colon: 路北：…, 苏州吴中：…, 重庆沙坪坝：…
_TITLE_PLACE_LEAD_RE = re.compile(r"^(?P<lead>[\u4e00-\u9fff]{2,7})[:：]")


def title_start_inside(gaz: Any | None, folded_title: str, ref: RegionRef) -> RegionRef | None:
    """The county-level division inside `ref` whose short name opens the title (延庆好乡亲丨… on a
    page about 北京市 → 延庆区), when exactly one inside `ref` is so named."""
    if gaz is None or len(folded_title) < 4 or ref.level not in ("province", "city"):
        return None
    if any(
        region.name in ref.path or region.level in ("province", "city")
        for region in gaz.lookup(folded_title[:2])
    ):
        # 中原银晖… on a 河南省 page: the province's own epithet (中原), not 中原区 inside it;
        # 九江市第二届… opens with a prefecture's name, not 九江县 (柴桑区) inside it
        return None
    found = {
        r.code: r
        for level_word in ("区", "县", "市", "旗")
        for region in gaz.lookup(folded_title[:2] + level_word)
        if (r := ref_of(gaz, region)) is not None and r.level == "county" and inside(r, ref)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def title_lead_inside(gaz: Any | None, folded_title: str, ref: RegionRef) -> list[RegionRef]:
    """The county-level division inside `ref` whose short name leads the headline (路北： in a
    唐山 paper → 路北区): a short name is ambiguous alone, the unit's region places it."""
    m = _TITLE_PLACE_LEAD_RE.match(folded_title)
    if m is None or gaz is None or ref.name.startswith(m["lead"]):
        return []  # 黑龙江：… on a 黑龙江省 page leads with the region itself, not 龙江县 inside it
    found: dict[str, RegionRef] = {}
    for k in (3, 2):  # the lead's last characters: 沙坪坝, 吴中, 路北
        short = m["lead"][-k:]
        if ref.name.startswith(short):
            continue  # 吉安：… in a 吉安市 paper is the city itself, not 吉安县 inside it
        for level_word in ("区", "县", "市", "旗"):
            for region in gaz.lookup(short + level_word):
                r = ref_of(gaz, region)
                if r is not None and r.level == "county" and r.code and inside(r, ref):
                    found[r.code] = r
        if found:
            break
    return list(found.values()) if len(found) == 1 else []


def title_place_lead(gaz: Any | None, folded_title: str) -> RegionRef | None:
    """The place a headline leads with, written in full with its level before a colon (江苏张家港市：…,
    湖南省凤凰县：…): the most specific of its places, when the lead is nothing but places."""
    m = _TITLE_PLACE_LEAD_RE.match(folded_title)
    if m is None or gaz is None or not m["lead"].endswith(("省", "市", "县", "区", "旗", "州", "盟")):
        return None
    named = gaz.lookup(m["lead"])
    if len(named) == 1:  # 乾县：… — a short county name the scan trusts only after its parent, whole here
        return ref_of(gaz, named[0])
    mentions = gaz.resolve(m["lead"])
    if (
        not mentions
        or sum(x.end - x.start for x in mentions) != len(m["lead"])
        or mentions[-1].region is None
    ):
        return None
    return ref_of(gaz, mentions[-1].region)
