"""Array evaluation of a scoring plan: a ranked OR of term groups with coordination.

A question made of common words (离退休干部, 党支部 …) matches most clauses; scoring them one
Python object at a time cost seconds at 200k clauses. Here every step is a numpy operation over
clause-number arrays (``arrays.PostingContext``: postings and BM25 impacts cached per
generation):

- a component sum (a word in text/title/path) is one cached (docnums, scores) pair;
- a *term group* (a question word, its synonyms, its parts, a document number …) scores a clause
  by its best alternative (elementwise max); an alternative of several parts needs them all
  (sorted-array intersection);
- groups add up into one dense score array, and the sum is multiplied by a coordination factor
  (matched groups / all groups) ** alpha: clauses that answer more of the question come first;
- filters and required boolean queries are boolean masks; the match set is one ``flatnonzero``.

The top candidates are then re-ranked with a proximity bonus (``proximity_bonus``, positions
from the index, ``postings.index_positions``) by the caller, for the page asked only.
Every float operation is the one the former dict-based scorer made, in the same order per
clause, so scores are equal to it (tests/search/test_array_equality.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from search.backends.whoosh.arrays import GenerationArrays, PostingContext, _nbytes
from search.backends.whoosh.boolean import to_whoosh
from search.backends.whoosh.postings import _block_values, _matcher_values, index_positions
from search.plan import BM25Params, Group, RankedQuery

__all__ = [
    "BM25Params",
    "GenerationArrays",
    "Matches",
    "PostingContext",
    "RankedQuery",
    "_block_values",
    "_matcher_values",
    "evaluate",
    "index_positions",
    "proximity_bonus",
    "top_order",
]


@dataclass
class Matches:
    """The full result set: sorted docnums and their stage-1 scores."""

    ids: np.ndarray
    scores: np.ndarray
    # per match: the share of the query's term groups it matched (coordination ratio); None when
    # the plan has no groups (a boolean or filter-only query: every match is as strong)
    coverage: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.ids.tolist())

    def as_dict(self) -> dict[int, float]:
        return dict(zip(self.ids.tolist(), self.scores.tolist(), strict=True))


def _values_at(ids: np.ndarray, src_ids: np.ndarray, src_vals: np.ndarray) -> np.ndarray:
    """src_vals at the docnums ids (all present in the sorted src_ids)."""
    return src_vals[np.searchsorted(src_ids, ids)]


def _alt_scores(
    ctx: PostingContext, parts: Sequence[Any], params: BM25Params | None
) -> tuple[np.ndarray, np.ndarray] | None:
    """An alternative's clauses (all its parts present) and score (the parts' sum)."""
    arrays = [ctx.component(p, params) for p in parts]
    if not arrays:
        return None
    if len(arrays) == 1:
        return arrays[0]
    arrays.sort(key=lambda a: len(a[0]))  # stable, like the former scorer: smallest first
    ids = arrays[0][0]
    for other, _v in arrays[1:]:
        ids = np.intersect1d(ids, other, assume_unique=True)
    first = _values_at(ids, *arrays[0])
    rest = np.zeros(len(ids))
    for r_ids, r_vals in arrays[1:]:
        rest = rest + _values_at(ids, r_ids, r_vals)
    return ids, first + rest


def group_arrays(
    ctx: PostingContext, group: Group, params: BM25Params | None = None
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """The group's clauses and score (best alternative, weighted), and the coordination credit
    (docnums, credit) of the clauses matched only through partial alternatives (a word's parts).
    Cached per generation like the component sums it is made of (a word's group recurs)."""
    alts = [a for a in group.alts if a.parts]
    if len(alts) == 1 and alts[0].credit >= 1.0:
        return _group_arrays(ctx, alts, params)
    key = ("group", params or ctx.params, tuple((a.parts, a.weight, a.credit) for a in alts))
    return ctx.shared.cached(key, lambda: _group_arrays(ctx, alts, params), _nbytes)


def _group_arrays(
    ctx: PostingContext, alts: list[Any], params: BM25Params | None
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    if len(alts) == 1 and alts[0].credit >= 1.0:  # the usual case: no dense scratch needed
        got = _alt_scores(ctx, alts[0].parts, params)
        assert got is not None
        ids, s = got
        return ids, (s if alts[0].weight == 1.0 else s * alts[0].weight), None
    got = [(alt, _alt_scores(ctx, alt.parts, params)) for alt in alts]
    got = [(alt, a) for alt, a in got if a is not None and len(a[0])]
    if not got:
        return np.zeros(0, dtype=np.int32), np.zeros(0), None
    ids = np.concatenate([a[0] for _alt, a in got])
    vals = np.concatenate([a[1] if alt.weight == 1.0 else a[1] * alt.weight for alt, a in got])
    creds = np.concatenate([np.full(len(a[0]), alt.credit) for alt, a in got])
    # per clause: the best alternative's score (scores are positive), the best partial credit,
    # and whether a full alternative matched — sorted by clause, reduced per run of equal ids
    order = np.argsort(ids, kind="stable")
    ids, vals, creds = ids[order], vals[order], creds[order]
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    out = ids[starts]
    best = np.maximum.reduceat(vals, starts)
    partial = None
    if (creds < 1.0).any():
        full = np.maximum.reduceat(creds >= 1.0, starts)
        credit = np.maximum.reduceat(np.where(creds < 1.0, creds, 0.0), starts)
        only = (~full) & (credit > 0)
        if only.any():
            partial = (out[only], credit[only])
    return out, best, partial


def required_mask(ctx: PostingContext, rq: RankedQuery) -> np.ndarray | None:
    """Clauses every required boolean query matches (None: no required query)."""
    mask: np.ndarray | None = None
    for node in rq.required:
        # cached per generation (not replayed by warm: the key is the node's repr): walking
        # whoosh's matchers for a quoted phrase was 40% of evaluate at 200k clauses
        found = ctx.shared.page.cached(
            ("required", repr(node)), lambda n=node: _required_docs(ctx, n), _nbytes
        )
        docs = np.zeros(ctx.size, dtype=bool)
        docs[found] = True
        mask = docs if mask is None else (mask & docs)
    return mask


def _required_docs(ctx: PostingContext, node: Any) -> np.ndarray:
    """Docnums (deleted included: the live mask drops them) a boolean query matches."""
    q = to_whoosh(node)
    parts = [np.zeros(0, dtype=np.int64)]
    for leaf, off in ctx.searcher.subsearchers or [(ctx.searcher, 0)]:
        parts.append(np.fromiter(q.docs(leaf), dtype=np.int64) + off)
    return np.concatenate(parts).astype(np.int32)


def evaluate(
    ctx: PostingContext,
    rq: RankedQuery,
    allowed: np.ndarray | None,
    alpha: float,
) -> Matches:
    """Every matching clause and its stage-1 score. `allowed` is a boolean mask (None: all).
    The query's own BM25 parameters and coordination exponent win over the index's / `alpha`."""
    if rq.coordination is not None:
        alpha = rq.coordination
    # every matched group adds a positive score, so the matched clauses are acc > 0; a caller's
    # non-positive weight (an ablation) needs the explicit mask
    hit = np.zeros(ctx.size, dtype=bool) if any(g.weight * g.qtf <= 0 for g in rq.groups) else None
    counting = alpha != 0  # no coordination: matched groups need not be counted
    score_ids: list[np.ndarray] = []
    score_vals: list[np.ndarray] = []
    count_parts: list[tuple[np.ndarray, np.ndarray]] = []
    partials = False
    total = 0.0
    for g in rq.groups:
        ids, scores, partial = group_arrays(ctx, g, rq.bm25)
        total += g.weight
        if not len(ids):
            continue
        w = g.weight * g.qtf
        score_ids.append(ids)
        score_vals.append(scores if w == 1.0 else scores * w)
        if hit is not None:
            hit[ids] = True
        if counting:
            # coordination counts matched groups by their weight (a lone character counts half)
            count_parts.append((ids, np.full(len(ids), g.weight)))
            if partial is not None:
                partials = True
                count_parts.append((partial[0], -(g.weight * (1.0 - partial[1]))))
    # Dense sums in one pass each: bincount adds the weights in array order, i.e. group by group
    # for every clause, the additions the per-group scatter-adds made (a − b is a + (−b) in IEEE
    # arithmetic), so the sums are bit-identical; at 200k clauses the scatter-adds were most of
    # evaluate's own time. The ids are concatenated once, as intp (bincount would convert each).
    all_ids = np.concatenate(score_ids, dtype=np.intp) if score_ids else np.zeros(0, dtype=np.intp)
    acc = _dense_sum(all_ids, score_vals, ctx.size)
    count = None
    if counting:
        if not partials and all(g.weight == 1.0 for g in rq.groups):
            # every matched group counts 1.0: the sum of k ones is k exactly, whatever the order
            count = np.bincount(all_ids, minlength=ctx.size).astype(np.float64)
        else:
            cat = np.concatenate([p[0] for p in count_parts], dtype=np.intp) if count_parts else all_ids
            count = _dense_sum(cat, [p[1] for p in count_parts], ctx.size)
    required = required_mask(ctx, rq)
    match = required if required is not None else (hit if hit is not None else acc > 0)
    if allowed is not None:
        match = match & allowed
    if ctx.live_count < ctx.size:  # deleted clauses (an index updated in place)
        match = match & ctx.live
    ids = np.flatnonzero(match)
    scores = acc[ids]  # a clause matched only through a required query scores 0
    coverage = None
    if total > 0 and count is not None:
        c = count[ids]
        ratio = np.minimum(1.0, c / total)
        factor = ratio if alpha == 1.0 else ratio**alpha
        factor[c == 0] = 0.0  # matched only through a required query (a field filter, NOT …)
        scores = scores * factor
        coverage = ratio
    return Matches(ids.astype(np.int64, copy=False), scores, coverage)


def _dense_sum(ids: np.ndarray, weights: list[np.ndarray], n: int) -> np.ndarray:
    """out[d] = the sum of the weights at clause d, added in array order (ids: the parts'
    concatenated clause numbers, weights: the parts' values)."""
    if not weights:
        return np.zeros(n)
    return np.bincount(ids, weights=np.concatenate(weights), minlength=n)


def top_order(scores: np.ndarray, ranks: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k best in the deterministic order: score desc, then (doc_id, ordinal).
    argpartition-style: only the clauses at or above the k-th score are sorted."""
    m = len(scores)
    if k <= 0 or m == 0:
        return np.zeros(0, dtype=np.int64)
    if k < m:
        kth = np.partition(scores, m - k)[m - k]
        cand = np.flatnonzero(scores >= kth)  # every clause tied with the k-th competes
    else:
        cand = np.arange(m)
    order = np.lexsort((ranks[cand], -scores[cand]))
    return cand[order[:k]]


def proximity_bonus(
    positions: dict[str, list[int]],
    pairs: Sequence[tuple[str, str, float]],
    slop: int,
) -> float:
    """Sum over question-word pairs found within `slop` positions: weight / distance."""
    bonus = 0.0
    for a, b, w in pairs:
        pa, pb = positions.get(a), positions.get(b)
        if not pa or not pb:
            continue
        best = min((abs(y - x) for x in pa for y in pb if x != y), default=None)
        if best is None:
            continue
        # in the question's order counts fully, reversed half
        forward = any(0 < y - x <= slop for x in pa for y in pb)
        if best <= slop:
            bonus += w / best * (1.0 if forward else 0.5)
    return bonus
