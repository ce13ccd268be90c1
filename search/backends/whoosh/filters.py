"""Issue 16's filters and orders over one index generation (array operations, like the rest of
the backend): repeated filter values (OR), title-only mode, date range and date order from the
`date` field, and strong matches (full coordination) with their order."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from search.backends.whoosh.arrays import PostingContext
from search.backends.whoosh.ranking import Matches
from search.backends.whoosh.schema import fold_filter_value
from search.query import QueryPlan

SORTS = ("relevance", "date")
FIELDS = ("all", "title")
# A hit is strong when it matches every concept (term group) of the query; a question of more
# than STRONG_MANY concepts needs STRONG_SHARE of them (long questions rarely match every word).
STRONG_MANY = 4
STRONG_SHARE = 0.8


def _mask(ctx: PostingContext, ids: np.ndarray) -> np.ndarray:
    mask = np.zeros(ctx.size, dtype=bool)
    mask[ids] = True
    return mask


def values_of(value: str | Sequence[str] | None) -> list[str]:
    """A filter's values: one string, or several (OR); blanks dropped."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def keyword_mask(ctx: PostingContext, name: str, value: str) -> np.ndarray:
    """Clauses with the value: folded like text (全角, 繁體) or as typed, since names are indexed
    as ingest wrote them (铁法煤业（集团）… keeps its full-width brackets)."""
    folded = fold_filter_value(value)
    mask = _mask(ctx, ctx.doc_array(name, folded))
    if folded != value:
        mask |= _mask(ctx, ctx.doc_array(name, value))
    return mask


def any_of(ctx: PostingContext, masks: list[np.ndarray]) -> np.ndarray:
    out = masks[0]
    for other in masks[1:]:
        out = out | other
    return out


def strong_flags(matches: Matches, plan: QueryPlan) -> np.ndarray:
    """Which matches are strong (module constants STRONG_*): every one when the plan has no
    term groups to count (boolean, phrase-only or filter-only queries)."""
    if matches.coverage is None or plan.ranked is None or not plan.ranked.groups:
        return np.ones(len(matches), dtype=bool)
    need = 1.0 if len(plan.ranked.groups) <= STRONG_MANY else STRONG_SHARE
    return matches.coverage >= need - 1e-9


def title_mask(ctx: PostingContext, plan: QueryPlan) -> np.ndarray:
    """Clauses whose document title holds every query word (or every word of its phrases)."""
    words = set(plan.words) or {w for p in plan.phrases for w in p}
    mask = np.ones(ctx.size, dtype=bool)
    for w in words:
        mask &= _mask(ctx, ctx.doc_array("title", w))
    return mask


def _date_value_span(value: str) -> tuple[str, str]:
    """A stored date value (YYYY, YYYY-MM or YYYY-MM-DD) as the first and last day it covers."""
    # a month's last day as "31" compares correctly with any real day of that month
    parts = value.split("-")
    lo = "-".join([*parts, "01", "01"][:3])
    hi = "-".join([*parts, "12", "31"][:3]) if len(parts) != 2 else f"{value}-31"
    return lo, hi


def _date_values(ctx: PostingContext) -> list[str]:
    indexed = set(ctx.reader.indexed_field_names())
    if "date" not in indexed:
        return []
    return [t.decode("utf-8") for t in ctx.reader.lexicon("date")]


def date_mask(ctx: PostingContext, lo: str | None, hi: str | None) -> np.ndarray:
    """Clauses of documents whose date (or year) overlaps [lo, hi] (ISO days, inclusive)."""
    out = np.zeros(ctx.size, dtype=bool)
    for value in ctx.shared.whole("dates", lambda: _date_values(ctx)):
        first, last = _date_value_span(value)
        if (lo is None or last >= lo) and (hi is None or first <= hi):
            out[ctx.doc_array("date", value)] = True
    return out


def _date_keys(ctx: PostingContext) -> np.ndarray:
    """Per clause: its document's date as YYYYMMDD (the latest value's first day), 0 if none."""
    keys = np.zeros(ctx.size, dtype=np.int64)
    for value in _date_values(ctx):
        key = int(_date_value_span(value)[0].replace("-", ""))
        ids = ctx.doc_array("date", value)
        keys[ids] = np.maximum(keys[ids], key)
    return keys


def date_order(ctx: PostingContext, matches: Matches, k: int) -> np.ndarray:
    """Positions of the k first matches newest first; score, then (doc_id, ordinal) break ties."""
    if k <= 0 or not len(matches):
        return np.zeros(0, dtype=np.int64)
    keys = ctx.shared.whole("date_keys", lambda: _date_keys(ctx))[matches.ids]
    newest = np.where(keys > 0, -keys, 1)  # undated documents last
    order = np.lexsort((ctx.ranks()[matches.ids], -matches.scores, newest))
    return order[:k]


def strong_order(ctx: PostingContext, matches: Matches, strong: np.ndarray, k: int) -> np.ndarray:
    """Relevance order with the strong matches first, so strong_total is where they end."""
    if k <= 0 or not len(matches):
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((ctx.ranks()[matches.ids], -matches.scores, ~strong))
    return order[:k]
