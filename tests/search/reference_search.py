"""THE OLD PATH's search flow (dict scores, heapq, big-int facet masks), for the equality test only.

A copy of ``search.backends.whoosh.index.ClauseIndex.search`` as it was before array scoring
(commit d509ec7), reading the same whoosh index through ``reference_ranking``. Returns what the
array path must reproduce: total, the ranked (clause_id, score) of the first ``n``, and facets.
"""

from __future__ import annotations

import heapq
from operator import itemgetter
from typing import Any

from reference_ranking import PostingContext, evaluate, index_positions, proximity_bonus

from search.backends.whoosh.index import FACET_FIELDS, FIELD_B, K1, MAX_FACET_VALUES, weighting
from search.backends.whoosh.schema import fold_filter_value
from search.results import SearchRequest


def reference_search(ix: Any, r: SearchRequest, n: int) -> dict[str, Any]:
    searcher = ix._ix.searcher(weighting=weighting())
    try:
        ctx = PostingContext(searcher, K1, FIELD_B)
        plan = ix.builder.build(r.q or "", ctx)
        allowed = _allowed(ctx, r)
        if plan.ranked is None and allowed is None:
            return {"total": 0, "top": [], "facets": {}}
        if plan.ranked is not None:
            scores = evaluate(ctx, plan.ranked, allowed, ix.builder.weights.coordination)
            _rerank(ix, ctx, plan, scores, n)
        else:
            scores = dict.fromkeys(allowed - ctx.deleted if allowed is not None else (), 0.0)
        top = _top(searcher, scores, n)
        ids = [(searcher.stored_fields(d)["clause_id"], s) for s, d in top]
        return {"total": len(scores), "top": ids, "facets": _facets(ctx, scores.keys())}
    finally:
        searcher.close()


def _allowed(ctx: PostingContext, r: SearchRequest) -> frozenset[int] | None:
    sets: list[frozenset[int]] = []
    if r.region is not None and str(r.region).strip():
        sets.append(_region_docs(ctx, str(r.region).strip()))
    for name in ("doc_type", "program", "issuer"):
        value = getattr(r, name)
        if value is not None and str(value).strip():
            sets.append(ctx.docs(name, fold_filter_value(str(value))))
    if r.doc_id:
        sets.append(ctx.docs("doc_id", r.doc_id))
    if r.year_from is not None or r.year_to is not None:
        lo, hi = r.year_from, r.year_to
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        years: frozenset[int] = frozenset()
        for term in ctx.searcher.lexicon("year"):
            y = int(term.decode("ascii"))
            if (lo is None or y >= lo) and (hi is None or y <= hi):
                years |= ctx.docs("year", term.decode("ascii"))
        sets.append(years)
    if not sets:
        return None
    sets.sort(key=len)
    out = sets[0]
    for other in sets[1:]:
        out = out & other
    return out


def _region_docs(ctx: PostingContext, value: str) -> frozenset[int]:
    if value.startswith("region:"):
        return ctx.docs("region_id", value)
    name = fold_filter_value(value)
    docs = ctx.docs("region", name)
    if docs:
        return docs
    from policykg.gazetteer import Gazetteer

    out: frozenset[int] = frozenset()
    for region in Gazetteer.default().lookup(name):
        out |= ctx.docs("region", region.name)
    return out


def _rerank(ix: Any, ctx: PostingContext, plan: Any, scores: dict[int, float], needed: int) -> None:
    w = ix.builder.weights
    pairs = plan.ranked.pairs
    if not pairs or w.proximity <= 0 or not scores:
        return
    weighted = [(a, b, w.proximity * min(ctx.idf("text", a), ctx.idf("text", b))) for a, b, _x in pairs]
    window = max(w.proximity_window, min(needed, 200))
    top = heapq.nlargest(window, scores.items(), key=itemgetter(1))
    words = {x for a, b, _w in weighted for x in (a, b)}
    positions = index_positions(ctx, "text", words, [d for d, _s in top])
    for docnum, score in top:
        bonus = proximity_bonus(positions[docnum], weighted, w.proximity_slop)
        if bonus:
            scores[docnum] = score + bonus


def _top(searcher: Any, scores: dict[int, float], n: int) -> list[tuple[float, int]]:
    if not scores or n <= 0:
        return []
    keys = searcher.reader().column_reader("sort_key")
    if n >= len(scores):
        chosen = list(scores.items())
    else:
        chosen = heapq.nlargest(n, scores.items(), key=itemgetter(1))
        boundary = chosen[-1][1]
        chosen = [kv for kv in chosen if kv[1] > boundary]
        chosen += [kv for kv in scores.items() if kv[1] == boundary]
    chosen.sort(key=lambda kv: (-kv[1], keys[kv[0]]))
    return [(s, d) for d, s in chosen[:n]]


def _facets(ctx: PostingContext, docs: Any) -> dict[str, list[dict[str, Any]]]:
    matched = set(docs)
    reader = ctx.searcher.reader()
    out: dict[str, list[dict[str, Any]]] = {}
    for facet, fieldname in FACET_FIELDS.items():
        counts = []
        if fieldname in reader.indexed_field_names():
            for term in reader.lexicon(fieldname):
                value = term.decode("utf-8")
                c = len(ctx.docs(fieldname, value) & matched)
                if c:
                    counts.append((value, c))
        counts = sorted(counts, key=lambda vc: (-vc[1], vc[0]))[:MAX_FACET_VALUES]
        out[facet] = [
            {"value": int(v) if facet == "year" and v.isdigit() else v, "count": c} for v, c in counts
        ]
    return out
