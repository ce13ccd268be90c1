"""Which region an ambiguous name means (鼓楼区: 南京, 福州, 徐州 or 开封?): the needs-support rule
behind Gazetteer.resolve and Gazetteer.choose, and the region an organization's name places
(Gazetteer.region_of_org).

Separate from policykg.gazetteer because it is judgment over the scan's mentions, through the
gazetteer's public API only (find_mentions, ancestors, is_within), not part of the index itself.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from policykg.regionrecords import RANK, Region, RegionMention, norm_code

if TYPE_CHECKING:
    from policykg.gazetteer import Gazetteer


def resolve(
    gaz: Gazetteer, text: str, context_codes: tuple[str, ...] | list[str] = ()
) -> list[RegionMention]:
    """find_mentions with `.region` chosen by the rest of the text and the context (`choose`);
    `.region` stays None for a name the text cannot place (鼓楼区 with no city named)."""
    mentions = gaz.find_mentions(text)
    unique = {m.candidates[0].code for m in mentions if len(m.candidates) == 1}
    anchors = {norm_code(c) for c in context_codes} | unique
    # code of every anchor's ancestors (itself included), to test "candidate above an anchor"
    below_of = {a: {r.code for r in gaz.ancestors(a)} for a in anchors}
    out = []
    for m in mentions:
        if len(m.candidates) == 1:
            out.append(replace(m, region=m.candidates[0]))
            continue
        own = {c.code for c in m.candidates}
        rel = {a: v for a, v in below_of.items() if a not in own}
        out.append(replace(m, region=choose(gaz, m.candidates, rel)))
    return out


def choose(gaz: Gazetteer, candidates: tuple[Region, ...], anchors: dict[str, set[str]]) -> Region | None:
    """The candidate the evidence supports, or None when it cannot tell them apart.

    `anchors`: code of each region named elsewhere (the text's unambiguous names, the
    document's context) → the codes of its ancestors and itself. Candidates rank by support
    (under an anchor, then above one), then by level. The needs-support rule: the best one
    is chosen only when no other candidate ranks level with it — unless the two are nested
    (吉林 = 吉林省 ⊃ 吉林市: the broader reading is never wrong). So 鼓楼区 (南京, 福州, 徐州,
    开封) or 城关镇 stays unplaced until its city or county is named; 江苏省 alone does not
    decide between 南京 and 徐州.
    """
    ranked = sorted(candidates, key=lambda c: _rank(gaz, c, anchors))
    best = ranked[0]
    level_with = _rank(gaz, best, anchors)[:3]
    for other in ranked[1:]:
        if _rank(gaz, other, anchors)[:3] != level_with:
            break
        if not (gaz.is_within(other, best) or gaz.is_within(best, other)):
            return None
    return best


def _rank(gaz: Gazetteer, region: Region, anchors: dict[str, set[str]]) -> tuple[int, int, int, str]:
    # Prefer a candidate under a mentioned region (横道河子镇 under 铁岭县 when 铁岭 is named),
    # then one above a mentioned region (吉林 = 吉林省 when 长春 is named), then level, code.
    above = sum(1 for r in gaz.ancestors(region.code)[:-1] if r.code in anchors)
    below = sum(1 for chain in anchors.values() if region.code in chain)
    return (-above, -below, RANK[region.level], region.code)


def region_of_org(
    gaz: Gazetteer, name: str, context_codes: tuple[str, ...] | list[str] = ()
) -> Region | None:
    """The most specific region named in an organization name, each inner one inside the outer.

    中共丹东市振兴区委组织部 → 振兴区 (210603); 辽宁大学离退休工作处 → 辽宁省.
    """
    current: Region | None = None
    for m in resolve(gaz, name, context_codes):
        if current is None:
            current = m.region  # None when ambiguous (中共鼓楼区委): the next name may place it
            continue
        inside = [c for c in m.candidates if gaz.is_within(c, current)]
        if m.region in inside:
            current = m.region
        elif len(inside) == 1:
            current = inside[0]
        # several inside and none supported (江苏省鼓楼区): the outer region stands
    return current
