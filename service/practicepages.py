"""The precedents and compare pages: what units did about a question, grouped by acting region
(precedents) or set side by side for chosen regions (compare).

Both rank a pool of candidate clauses the search backend retrieved (service/precedents.py and
service/compare.py do the ranking); this module fetches the pools, adds a region's own programs
when retrieval missed them and pages the result. Separate from the Engine, which validates the
request and picks the snapshot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from policykg.errors import BadQuery
from service import compare as compare_mod
from service import precedents as precedents_mod
from service.backend import Backend
from service.documentpages import cite
from service.snapshot import Snapshot
from service.values import Hit, RegionInfo, SearchParams
from service.views import document_summary

PRECEDENT_POOL = 120
COMPARE_POOL = 80


def candidate_pool(
    backend: Backend, snap: Snapshot, q: str, size: int, region: str | None = None
) -> list[precedents_mod.Candidate]:
    """The `size` best clauses for `q` (searched within `region` when given) as ranking candidates."""
    outcome = backend.search(
        snap.index, SearchParams(q=q, limit=size, region=region, facets=False, highlight=False)
    )
    cands = [snap.candidate(h) for h in outcome.hits]
    return [c for c in cands if c is not None]


def precedents_page(backend: Backend, snap: Snapshot, q: str, limit: int, offset: int) -> dict[str, Any]:
    """A page of the practices for a question; `total` is how many can be listed (page with
    offset): the pool does not depend on the page, so every page is of one list."""
    pool = candidate_pool(backend, snap, precedents_mod.retrieval_query(q), PRECEDENT_POOL)
    total, groups = precedents_mod.rank_page(q, pool, offset, limit)
    out_groups = [g.to_dict(document_summary) for g in groups]
    cite(snap, (item for g in out_groups for item in g["items"]))
    return {
        "query": q,
        "total": total,
        "offset": offset,
        "limit": limit,
        "groups": out_groups,
    }


def compare_page(
    backend: Backend, snap: Snapshot, topic: str, regions: Sequence[str] | None, limit: int, offset: int
) -> dict[str, Any]:
    """Regions side by side; `limit`/`offset` page every column (its `total` counts them all).
    Without regions, the regions with most to say on the topic."""
    names = [r.strip() for r in (regions or []) if r and r.strip()]
    if len(names) > 20:
        raise BadQuery("一次最多比较 20 个地区")
    resolved: list[RegionInfo] = []
    for n in names:
        r = snap.resolve_region(n)
        if r not in resolved:
            resolved.append(r)
    # what to retrieve: the topic without the regions' names and the comparison wording
    subject = compare_mod.retrieval_topic(topic, [*names, *(r.name for r in resolved)])
    if not resolved:
        pool = candidate_pool(backend, snap, subject, COMPARE_POOL * 2)
        resolved = compare_mod.regions_on_topic(pool, max_regions=8)
    columns = []
    for region in resolved:
        pool = candidate_pool(backend, snap, subject, COMPARE_POOL, region=region.name)
        pool = [c for c in pool if c.region is not None and compare_mod.within(c.region.path, region)]
        # A region with nothing on the topic stays empty; one with something also gets the
        # clauses naming its own programs (its brand may be called 机制 where the topic says 品牌).
        extra = program_candidates(snap, region, {c.clause.id for c in pool}) if pool else []
        column = compare_mod.rank_column(
            subject, region, pool + extra, snap.region_programs.get(region.name, Counter()), limit, offset
        )
        columns.append(column.to_dict(document_summary))
        cite(snap, columns[-1]["items"])
    return {
        "topic": topic,
        "regions": [r.name for r in resolved],
        "offset": offset,
        "limit": limit,
        "columns": columns,
    }


def program_candidates(snap: Snapshot, region: RegionInfo, seen: set[str]) -> list[precedents_mod.Candidate]:
    """Clauses of the region naming its most frequent programs, when retrieval missed them
    (a topic such as 党建品牌 matches a region whose brand is called 机制 or 行动)."""
    programs = snap.region_programs.get(region.name)
    if not programs:
        return []
    top = {p for p, _ in programs.most_common(3)}
    out = []
    for cid in snap.clauses:
        if cid in seen or not top.intersection(snap.programs(cid)):
            continue
        reg = snap.clause_region(cid)
        if reg is None or not compare_mod.within(reg.path, region):
            continue
        cand = snap.candidate(Hit(clause_id=cid, score=0.0))
        if cand is not None:
            out.append(cand)
    return out
