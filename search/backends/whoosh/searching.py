"""One search over one index generation: filters → array scoring → facets → the page asked for.

Everything over the whole match set is an array operation (``ranking.evaluate``, boolean filter
masks, ``np.bincount`` facets, partition-based top-k). Per-clause Python work — the proximity
re-rank, stored fields, highlights, the result objects — is done for the page (and the
re-rank window) only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from policykg.errors import BadQuery
from search.analysis import analyze
from search.backends.whoosh.arrays import PostingContext
from search.backends.whoosh.facets import facet_counts
from search.backends.whoosh.filters import (
    FIELDS,
    SORTS,
    any_of,
    date_mask,
    date_order,
    keyword_mask,
    strong_flags,
    strong_order,
    title_mask,
    values_of,
)
from search.backends.whoosh.postings import pair_positions
from search.backends.whoosh.ranking import Matches, evaluate, proximity_bonus, top_order
from search.backends.whoosh.schema import fold_filter_value
from search.highlight import match_spans, render
from search.query import QueryBuilder, QueryPlan
from search.results import Hit, SearchPage, SearchRequest
from search.segment import get_segmenter

_DOCUMENT_KEYS = ("doc_id", "title", "issuer", "doc_no", "date", "doc_type", "region", "year")


@dataclass(frozen=True)
class Limits:
    max_query_chars: int = 2000
    max_page_size: int = 100
    max_offset: int = 10000


def run_search(
    ctx: PostingContext, builder: QueryBuilder, limits: Limits, request: SearchRequest
) -> SearchPage:
    limit, offset, notices = validate(request, limits)
    plan = builder.build(request.q or "", ctx)
    page = SearchPage(query=request.q, total=0, offset=offset, limit=limit, notices=notices + plan.notices)
    allowed = allowed_mask(ctx, request)
    if plan.ranked is None and allowed is None:
        if not (request.q or "").strip():
            raise BadQuery("请输入检索内容。", code="empty_query")
        page.notices.append("查询中没有可检索的文字。")
        return page
    needed = max(offset + limit, 0)
    if request.field == "title" and plan.ranked is not None:
        allowed = _and(allowed, title_mask(ctx, plan))
    by_date = request.sort == "date"
    if plan.ranked is not None:
        matches = evaluate(ctx, plan.ranked, allowed, builder.weights.coordination)
        if not by_date:  # the proximity re-rank orders by relevance; a date order has no use for it
            rerank(ctx, builder, plan, matches, needed)
    else:  # filters only: every allowed clause, in document order
        if (request.q or "").strip():
            page.notices.append("查询中没有可检索的文字，已只按筛选条件列出。")
        assert allowed is not None
        ids = np.flatnonzero(allowed & ctx.live)
        matches = Matches(ids, np.zeros(len(ids)))
    page.total = len(matches)
    strong = strong_flags(matches, plan)
    page.strong_total = int(strong.sum())
    if request.facets:
        page.facets = facet_counts(ctx, matches.ids)
    if limit > 0 and offset < page.total:
        if by_date:
            top = date_order(ctx, matches, needed)[offset:]
        elif request.strong_first and not strong.all():
            top = strong_order(ctx, matches, strong, needed)[offset:]
        else:
            top = top_order(matches.scores, ctx.ranks()[matches.ids], needed)[offset:]
        ranked = [(float(matches.scores[i]), int(matches.ids[i])) for i in top]
        page.results = read_hits(ctx, builder, ranked, plan, request.highlight)
        for hit, i in zip(page.results, top.tolist(), strict=True):
            hit.strong = bool(strong[i])
    return page


def _and(a: np.ndarray | None, b: np.ndarray) -> np.ndarray:
    return b if a is None else (a & b)


def validate(r: SearchRequest, limits: Limits) -> tuple[int, int, list[str]]:
    notices: list[str] = []
    if r.q is not None and not isinstance(r.q, str):
        raise BadQuery("查询内容必须是文本。")
    if r.q and len(r.q) > limits.max_query_chars:
        raise BadQuery(
            f"查询过长（{len(r.q)} 字），最多 {limits.max_query_chars} 字。", code="query_too_long"
        )
    if r.sort not in SORTS:
        raise BadQuery(f"参数 sort 只能是 {'、'.join(SORTS)}。")
    if r.field not in FIELDS:
        raise BadQuery(f"参数 field 只能是 {'、'.join(FIELDS)}。")
    for name in ("limit", "offset"):
        value = getattr(r, name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadQuery(f"参数 {name} 必须是整数。")
    if r.limit < 0:
        raise BadQuery("参数 limit 不能为负数。")
    if r.offset < 0:
        raise BadQuery("参数 offset 不能为负数。")
    if r.offset > limits.max_offset:
        raise BadQuery(f"参数 offset 最大为 {limits.max_offset}。")
    limit = r.limit
    if limit > limits.max_page_size:
        limit = limits.max_page_size
        notices.append(f"每页最多 {limits.max_page_size} 条，已按 {limits.max_page_size} 条返回。")
    for name in ("year_from", "year_to"):
        value = getattr(r, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise BadQuery(f"参数 {name} 必须是年份（整数）。")
    return limit, r.offset, notices


def _mask(ctx: PostingContext, ids: np.ndarray) -> np.ndarray:
    mask = np.zeros(ctx.size, dtype=bool)
    mask[ids] = True
    return mask


def allowed_mask(ctx: PostingContext, r: SearchRequest) -> np.ndarray | None:
    """The clauses the filters allow, as a boolean mask (None: no filter)."""
    masks: list[np.ndarray] = []
    regions = values_of(r.region)
    if regions:
        masks.append(any_of(ctx, [_region_mask(ctx, v) for v in regions]))
    for name in ("doc_type", "program", "issuer", "level"):
        values = values_of(getattr(r, name))
        if values:
            masks.append(any_of(ctx, [keyword_mask(ctx, name, v) for v in values]))
    if r.years:
        masks.append(any_of(ctx, [_mask(ctx, ctx.doc_array("year", f"{int(y):04d}")) for y in r.years]))
    if r.date_from or r.date_to:
        masks.append(date_mask(ctx, r.date_from, r.date_to))
    if r.doc_id:
        masks.append(_mask(ctx, ctx.doc_array("doc_id", r.doc_id)))
    if r.year_from is not None or r.year_to is not None:
        lo, hi = r.year_from, r.year_to
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        years = np.zeros(ctx.size, dtype=bool)
        for value in ctx.shared.whole(
            "years", lambda: [t.decode("ascii") for t in ctx.reader.lexicon("year")]
        ):
            y = int(value)
            if (lo is None or y >= lo) and (hi is None or y <= hi):
                years[ctx.doc_array("year", value)] = True
        masks.append(years)
    if not masks:
        return None
    out = masks[0]
    for other in masks[1:]:
        out = out & other
    return out


def _region_mask(ctx: PostingContext, value: str) -> np.ndarray:
    """Clauses in a region or below it: by id (region:210100), by full name (沈阳市), or by a
    short name or alias the gazetteer knows (沈阳, 辽宁)."""
    if value.startswith("region:"):
        return _mask(ctx, ctx.doc_array("region_id", value))
    name = fold_filter_value(value)
    ids = ctx.doc_array("region", name)
    if len(ids):
        return _mask(ctx, ids)
    from policykg.gazetteer import Gazetteer

    out = np.zeros(ctx.size, dtype=bool)
    for region in Gazetteer.default().lookup(name):
        out[ctx.doc_array("region", region.name)] = True
    return out


def rerank(
    ctx: PostingContext, builder: QueryBuilder, plan: QueryPlan, matches: Matches, needed: int
) -> None:
    """Add the proximity bonus to the top clauses' scores (in place)."""
    assert plan.ranked is not None
    w = builder.weights
    pairs = plan.ranked.pairs
    if not pairs or w.proximity <= 0 or not len(matches):
        return
    weighted = [(a, b, w.proximity * min(ctx.idf("text", a), ctx.idf("text", b))) for a, b, _x in pairs]
    window = max(w.proximity_window, min(needed, 200))
    top = top_order(matches.scores, ctx.ranks()[matches.ids], window)
    # A clause whose score plus the largest bonus it could get (every pair adjacent) stays below
    # the needed-th base score cannot reach the page (bonuses only raise scores): its positions
    # are not read. Exact: the page and its scores are those of re-ranking the whole window.
    if 0 < needed < len(top):
        floor = matches.scores[top[needed - 1]]
        top = top[matches.scores[top] + sum(x for _a, _b, x in weighted) >= floor]
    # Positions straight from the text field's postings: no stored-field read or re-analysis.
    docnums = [int(matches.ids[i]) for i in top]
    positions = pair_positions(ctx, "text", [(a, b) for a, b, _w in weighted], docnums)
    for i, docnum in zip(top.tolist(), docnums, strict=True):
        bonus = proximity_bonus(positions[docnum], weighted, w.proximity_slop)
        if bonus:
            matches.scores[i] = matches.scores[i] + bonus


def read_hits(
    ctx: PostingContext,
    builder: QueryBuilder,
    ranked: list[tuple[float, int]],
    plan: QueryPlan,
    with_highlight: bool,
) -> list[Hit]:
    """The page's result objects: stored fields, document summaries, highlights."""
    seg = get_segmenter(builder.extra_terms)
    docs: dict[str, dict[str, Any]] = {}
    hits: list[Hit] = []
    for score, docnum in ranked:
        stored = ctx.stored(docnum)
        rec = stored["record"]
        doc_id = stored["doc_id"]
        if doc_id not in docs:
            docs[doc_id] = json.loads(rec.get("document") or document_json(ctx, doc_id))
        document = docs[doc_id]
        text = rec["text"]
        mark = ""
        if with_highlight:
            script = rec.get("script")
            terms = ctx.clause_terms(docnum, lambda t=text, s=script: analyze(t, s, seg=seg))
            mark = render(text, match_spans(terms, plan.words, plan.phrases))
        hits.append(
            Hit(
                clause_id=stored["clause_id"],
                doc_id=doc_id,
                text=text,
                highlight=mark,
                path=list(rec.get("path") or []),
                score=round(float(score), 4),
                document={k: document.get(k) for k in _DOCUMENT_KEYS},
                ordinal=int(rec.get("ordinal") or 0),
            )
        )
    return hits


def document_json(ctx: PostingContext, doc_id: str) -> str:
    """The document summary, stored with the document's first clause (FORMAT_VERSION 3)."""
    for docnum in ctx.doc_array("doc_id", doc_id).tolist():
        if not ctx.live[docnum]:
            continue
        rec = ctx.stored(docnum)["record"]
        if "document" in rec:
            return rec["document"]
    return "{}"
