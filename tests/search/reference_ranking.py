"""THE OLD PATH, kept for the equality test only (tests/search/test_array_equality.py): the
dict-based scoring of search/backends/whoosh/ranking.py as it was before array scoring (commit d509ec7).

Fast evaluation of natural-language questions: a ranked OR of term groups with coordination.

whoosh's matchers score a document at a time in Python through a tree of matcher objects; a
question made of common words (离退休干部, 党支部 …) matches most clauses, and that costs seconds
at 50k clauses. Here whoosh stays the storage (postings, lengths, stored fields, columns), and
the scoring works on whole posting lists:

- a term's postings are read block by block and turned into BM25 scores once per index
  generation (cached, bounded), so a frequent word costs one C-level ``dict(zip(...))`` per query;
- a *term group* (a question word, its synonyms, its parts, a document number …) scores a clause
  by its best alternative; groups add up, and the sum is multiplied by a coordination factor
  (matched groups / all groups) ** alpha: clauses that answer more of the question come first;
- the top candidates are re-ranked with a proximity bonus (adjacent question words found close
  together in the clause), from the word positions the text field's postings store
  (``index_positions``): no candidate text is read or analysed again.

Scores are BM25 (Robertson idf, K1/B per field as in ``search.backends.whoosh.index.weighting``); a query may
carry its own BM25 parameters (``RankedQuery.bm25``: the long-text mode of search.query), which
are cached apart from the index's. Everything is keyed by global docnums of the searcher the
context was built from.
"""

from __future__ import annotations

import math
import threading
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from search.backends.whoosh.boolean import to_whoosh
from search.plan import LENGTH_FIELDS, BM25Params, Component, Group, RankedQuery


class SharedCache:
    """Computed data of one index generation, shared by every thread's PostingContext.

    Only plain data lives here (arrays, sets, ints); each thread reads postings through its own
    whoosh searcher (whoosh's file objects are not meant to be shared between threads).
    """

    # cached postings across all terms (ids + scores ≈ 12 bytes each)
    BUDGET = 3_000_000

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.norms: dict[tuple[str, float, float], list[float]] = {}  # (field, K1, B) → K1·norm
        self.field_lengths: dict[str, array] | None = None
        self.scores: dict[tuple[BM25Params, tuple[Component, ...]], tuple[array, array]] = {}
        self.size = 0
        self.sets: dict[tuple[str, str], frozenset[int]] = {}
        self.deleted: frozenset[int] | None = None
        self.facet_masks: dict[str, list[tuple[str, int]]] | None = None


class PostingContext:
    """One thread's access to one generation: its searcher plus the generation's shared cache."""

    def __init__(
        self,
        searcher: Any,
        k1: float = 1.2,
        b: dict[str, float] | None = None,
        shared: SharedCache | None = None,
    ) -> None:
        self.searcher = searcher
        reader = searcher.reader()
        self.leaves: list[tuple[Any, int]] = (
            list(reader.leaf_readers()) if not reader.is_atomic() else [(reader, 0)]
        )
        self.size = reader.doc_count_all()
        self.k1 = k1
        self.b = b or {}
        self.params = BM25Params.of(k1, self.b)  # the index's parameters: the default of a query
        self.shared = shared or SharedCache()
        if self.shared.deleted is None:
            deleted: set[int] = set()
            for r, off in self.leaves:
                if r.has_deletions():
                    live = set(r.all_doc_ids())
                    deleted.update(off + d for d in range(r.doc_count_all()) if d not in live)
            self.shared.deleted = frozenset(deleted)
        self.deleted: frozenset[int] = self.shared.deleted
        # N counts live clauses only (the array path's definition since the replicas'
        # history-independence work)
        self.n = self.size - len(self.deleted)

    # -- raw postings
    def _read(self, fieldname: str, word: str) -> tuple[list[int], list[float]]:
        ids: list[int] = []
        tfs: list[float] = []
        bword = word.encode("utf-8")
        for r, off in self.leaves:
            try:
                m = r.postings(fieldname, bword)
            except (TermNotFound, KeyError):
                continue
            if isinstance(m, W3LeafMatcher):
                # whole blocks at a time (private block API of whoosh3's codec; the generic loop
                # below is the fallback and gives the same result)
                while m.is_active():
                    m._read_ids()
                    m._read_weights()
                    i = m._i
                    block = m._ids[i:]
                    ids.extend([d + off for d in block] if off else block)
                    tfs.extend(m._weights[i:])
                    if m._lastblock:
                        break
                    m._next_block()
            else:
                while m.is_active():
                    ids.append(m.id() + off)
                    tfs.append(m.weight())
                    m.next()
        return ids, tfs

    def df(self, fieldname: str, word: str) -> int:
        # live clauses only (the array path's definition since the replicas' history-independence
        # work; whoosh's doc_frequency counts deleted clauses until a merge)
        return len(self.docs(fieldname, word) - self.deleted)

    def docs(self, fieldname: str, word: str) -> frozenset[int]:
        key = (fieldname, word)
        sets = self.shared.sets
        got = sets.get(key)
        if got is None:
            got = frozenset(self._read(fieldname, word)[0])
            with self.shared.lock:
                if len(sets) > 4096:
                    sets.clear()
                sets[key] = got
        return got

    def common_count(self, fieldname: str, words: Sequence[str]) -> int:
        common = self.docs(fieldname, words[0])
        for w in words[1:]:
            common = common & self.docs(fieldname, w)
        return len(common)

    def _lengths(self) -> dict[str, array]:
        """Exact field lengths (main words) of every clause, from the `lengths` column."""
        if self.shared.field_lengths is None:
            per_field: dict[str, array] = {f: array("H") for f in LENGTH_FIELDS}
            for r, _off in self.leaves:
                n = r.doc_count_all()
                raw = array("H")
                if r.has_column("lengths"):
                    col = r.column_reader("lengths", translate=False)
                    try:  # the whole fixed-width column in one read (private reader layout)
                        data = col._dbfile.get(col._basepos, col._count * col._fixedlen)
                        data += bytes(col._fixedlen * (n - col._count))
                    except AttributeError:  # pragma: no cover - other column implementations
                        data = b"".join(col[d] for d in range(n))
                    raw.frombytes(data)
                else:
                    raw.frombytes(bytes(2 * len(LENGTH_FIELDS) * n))
                for i, f in enumerate(LENGTH_FIELDS):
                    per_field[f].extend(raw[i :: len(LENGTH_FIELDS)])
            self.shared.field_lengths = per_field
        return self.shared.field_lengths

    def avg_length(self, fieldname: str) -> float:
        lengths = self._lengths().get(fieldname)
        if not lengths:
            return 1.0
        return max(1.0, sum(v for d, v in enumerate(lengths) if d not in self.deleted) / max(self.n, 1))

    def _norm(self, fieldname: str, params: BM25Params | None = None) -> list[float]:
        p = params or self.params
        k1, b = p.k1, p.b_of(fieldname)
        key = (fieldname, k1, b)
        norm = self.shared.norms.get(key)
        if norm is None:
            lengths = self._lengths().get(fieldname) or array("H", bytes(2 * self.size))
            avg = self.avg_length(fieldname)
            norm = [k1 * ((1 - b) + b * ln / avg) for ln in lengths]
            self.shared.norms[key] = norm
        return norm

    def idf(self, fieldname: str, word: str) -> float:
        df = self.df(fieldname, word)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def component_scores(
        self, comps: tuple[Component, ...], params: BM25Params | None = None
    ) -> tuple[array, array]:
        """Docnums and summed scores of a sum of components (cached per BM25 parameters)."""
        shared = self.shared
        p = params or self.params
        key = (p, comps)
        got = shared.scores.get(key)
        if got is not None:
            return got
        acc: dict[int, float] = {}
        for fieldname, word, boost, constant in comps:
            ids, tfs = self._read(fieldname, word)
            if not ids:
                continue
            get = acc.get
            if constant:
                for d in ids:
                    acc[d] = get(d, 0.0) + boost
                continue
            c = self.idf(fieldname, word) * (p.k1 + 1) * boost
            norm = self._norm(fieldname, p)
            if not acc:
                acc = {d: c * tf / (tf + norm[d]) for d, tf in zip(ids, tfs, strict=True)}
            else:
                for d, tf in zip(ids, tfs, strict=True):
                    acc[d] = get(d, 0.0) + c * tf / (tf + norm[d])
        got = (array("i", acc.keys()), array("d", acc.values()))
        with shared.lock:
            shared.size += len(got[0])
            if shared.size > shared.BUDGET:
                shared.scores.clear()
                shared.size = len(got[0])
            shared.scores[key] = got
        return got


def group_scores(
    ctx: PostingContext, group: Group, params: BM25Params | None = None
) -> tuple[dict[int, float], dict[int, float]]:
    """docnum → the group's score (its best alternative, weighted), and the coordination credit
    of the clauses matched only through partial alternatives (a word's parts)."""
    out: dict[int, float] | None = None
    full: set[int] = set()
    credit: dict[int, float] = {}
    for alt in group.alts:
        part_dicts = [dict(zip(*ctx.component_scores(p, params), strict=True)) for p in alt.parts]
        if not part_dicts:
            continue
        if len(part_dicts) == 1:
            scores = part_dicts[0]
        else:
            part_dicts.sort(key=len)
            first, rest = part_dicts[0], part_dicts[1:]
            scores = {d: s + sum(r[d] for r in rest) for d, s in first.items() if all(d in r for r in rest)}
        if alt.credit >= 1.0:
            full.update(scores)
        else:
            for d in scores:
                if alt.credit > credit.get(d, 0.0):
                    credit[d] = alt.credit
        w = alt.weight
        if out is None:
            out = scores if w == 1.0 else {d: s * w for d, s in scores.items()}
            continue
        get = out.get
        for d, s in scores.items():
            v = s * w
            if v > get(d, 0.0):
                out[d] = v
    if credit:
        credit = {d: c for d, c in credit.items() if d not in full}
    return out or {}, credit


def evaluate(
    ctx: PostingContext,
    rq: RankedQuery,
    allowed: frozenset[int] | set[int] | None,
    alpha: float,
) -> dict[int, float]:
    """docnum → stage-1 score for every matching clause (the full result set). The query's own
    BM25 parameters and coordination exponent, when it has them, win over the index's / `alpha`."""
    if rq.coordination is not None:
        alpha = rq.coordination
    acc: dict[int, float] = {}
    count: Counter[int] = Counter()
    total = 0.0
    for g in rq.groups:
        scores, partial = group_scores(ctx, g, rq.bm25)
        total += g.weight
        if not scores:
            continue
        get = acc.get
        w = g.weight * g.qtf
        if not acc:
            acc = dict(scores) if w == 1.0 else {d: s * w for d, s in scores.items()}
        elif w == 1.0:
            for d, s in scores.items():
                acc[d] = get(d, 0.0) + s
        else:
            for d, s in scores.items():
                acc[d] = get(d, 0.0) + s * w
        if alpha == 0:
            continue  # no coordination: matched groups need not be counted
        # coordination counts matched groups by their weight (a lone character counts half)
        cw = g.weight
        if cw == 1.0:
            count.update(scores.keys())
        else:
            for d in scores:
                count[d] += cw
        for d, c in partial.items():
            count[d] -= cw * (1.0 - c)
    restrict: set[int] | frozenset[int] | None = allowed
    for node in rq.required:
        q = to_whoosh(node)
        docs = set()
        for leaf, off in _leaf_searchers(ctx.searcher):
            docs.update(d + off for d in q.docs(leaf))
        restrict = docs if restrict is None else (restrict & docs)
    if rq.required:
        # every clause the required queries match is a hit, scored by the groups (or 0)
        assert restrict is not None
        get = acc.get
        acc = {d: get(d, 0.0) for d in restrict}
    elif restrict is not None:
        acc = {d: s for d, s in acc.items() if d in restrict}
    if ctx.deleted:
        acc = {d: s for d, s in acc.items() if d not in ctx.deleted}
    if total <= 0 or alpha == 0:
        return acc
    factor = {c: min(1.0, c / total) ** alpha for c in set(count.values())}
    factor[0] = 0.0  # matched only through a required query (a field filter, NOT …): no words
    return {d: s * factor[count[d]] for d, s in acc.items()}


def _leaf_searchers(searcher: Any) -> list[tuple[Any, int]]:
    return list(searcher.subsearchers) if searcher.subsearchers else [(searcher, 0)]


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


def index_positions(
    ctx: PostingContext, fieldname: str, words: Iterable[str], docnums: Iterable[int]
) -> dict[int, dict[str, list[int]]]:
    """docnum → {word: positions} of the given clauses, read from the field's postings.

    The text field stores each term's positions (search.schema.CompactPositions), written from
    ``analysis.folded_postings`` of the clause: the same positions the clause's re-analysis gives,
    without reading, folding and segmenting its text. A word absent from a clause is left out.
    Docnums are global (the searcher's); each leaf reader is read with its own offset.
    """
    out: dict[int, dict[str, list[int]]] = {d: {} for d in docnums}
    if not out:
        return out
    words = list(dict.fromkeys(words))
    decode = ctx.searcher.schema[fieldname].format.decoder("positions")
    deleted = ctx.deleted
    for r, off in ctx.leaves:
        end = off + r.doc_count_all()
        local = sorted(d - off for d in out if off <= d < end and d not in deleted)
        if not local:
            continue
        for word in words:
            try:
                m = r.postings(fieldname, word.encode("utf-8"))
            except (TermNotFound, KeyError):
                continue
            if isinstance(m, FilterMatcher):
                m = m.child  # the filter drops deleted clauses, which are not among the targets
            found = _block_values(m, local) if isinstance(m, W3LeafMatcher) else _matcher_values(m, local)
            for d, value in found:
                out[d + off][word] = decode(value)
    return out


def _block_values(m: W3LeafMatcher, targets: list[int]) -> list[tuple[int, Any]]:
    """(docnum, encoded value) of the sorted target docnums in a posting list, a block at a time:
    a block past no target is skipped on its header (whoosh's private block API, as in
    PostingContext._read; _matcher_values is the generic equivalent)."""
    found: list[tuple[int, Any]] = []
    t, n = 0, len(targets)
    while t < n and m.is_active():
        maxid = m._maxid
        if targets[t] <= maxid:
            m._read_ids()
            ids = m._ids
            values = None
            lo = m._i
            while t < n and targets[t] <= maxid:
                i = bisect_left(ids, targets[t], lo)
                if i < len(ids) and ids[i] == targets[t]:
                    if values is None:
                        m._read_values()
                        values = m._values
                    found.append((targets[t], values[i]))
                lo = i
                t += 1
        if m._lastblock:
            break
        m._next_block()
    return found


def _matcher_values(m: Any, targets: list[int]) -> list[tuple[int, Any]]:
    found: list[tuple[int, Any]] = []
    for d in targets:
        if not m.is_active():
            break
        if m.id() < d:
            m.skip_to(d)
            if not m.is_active():
                break
        if m.id() == d:
            found.append((d, m.value()))
    return found


def term_positions(terms: Iterable[tuple[str, int, int, int, int]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for w, p, _s, _e, _k in terms:
        out.setdefault(w, []).append(p)
    return out
