"""Per-generation arrays for scoring: postings, BM25 impacts, lengths, live clauses, tie ranks.

One ``GenerationArrays`` per index generation is shared by every thread (plain numpy data,
read-only once built); each thread reads whoosh through its own searcher (``PostingContext``),
since whoosh's file objects are not meant to be shared. Term data is loaded lazily — only the
words queries ask for — and held in a byte-bounded LRU, so a long-running service holds at most
``budget_bytes`` of it whatever the vocabulary of its queries.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import numpy as np

from search.backends.whoosh.postings import (
    block_tables,
    leaves_of,
    live_mask,
    read_lengths,
    read_postings,
    sort_ranks,
)
from search.plan import BM25Params, Component

# Cached term data across all terms: a term's postings (docnums 4 B + tf 8 B per posting) and
# each component sum (docnums 4 B + score 8 B per clause, per BM25 parameter set). At 200k
# clauses twelve pasted paragraphs touch ~0.5 GB of it: a 256 MB budget made the LRU cycle
# (every paragraph evicted the next one's terms: 1.8 s p50 instead of ~0.1 s, measured), so the
# bound is 1 GiB — about every posting of a 200k-clause library with both parameter sets.
DEFAULT_BUDGET_BYTES = 2**30
# Page data (per clause: analysed text ~10 KB, a decoded position block ~8 KB): 64 MB holds the
# hits and re-rank blocks of a few hundred distinct recent questions.
PAGE_BUDGET_BYTES = 64 * 2**20


class ByteLRU:
    """A thread-safe least-recently-used map bounded by the bytes its entries report."""

    def __init__(self, budget_bytes: int) -> None:
        self.lock = threading.Lock()
        self.budget_bytes = budget_bytes
        self.size = 0
        self._lru: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()

    def cached(self, key: Hashable, make: Callable[[], Any], nbytes: Callable[[Any], int]) -> Any:
        """The value under key, made (outside the lock: concurrent makers may race, harmlessly)
        and stored when absent; least recently used entries leave past the budget."""
        with self.lock:
            got = self._lru.get(key)
            if got is not None:
                self._lru.move_to_end(key)
                return got[0]
        value = make()
        size = nbytes(value)
        with self.lock:
            if key not in self._lru:
                self._lru[key] = (value, size)
                self.size += size
                while self.size > self.budget_bytes and len(self._lru) > 1:
                    _k, (_v, s) = self._lru.popitem(last=False)
                    self.size -= s
        return value

    def recent(self) -> list[Hashable]:
        """Keys, least recently used first."""
        with self.lock:
            return list(self._lru.keys())


class GenerationArrays(ByteLRU):
    """Computed data of one index generation, shared by threads; term data bounded by bytes.

    ``page`` holds what a new generation does not replay — the page's clauses' analysed text
    for highlights, the decoded position blocks of the proximity re-rank, the match sets of
    required boolean queries — under its own, smaller budget: many small entries, kept apart so
    they neither evict term data nor crowd the term keys warm.recent_keys hands over."""

    def __init__(
        self, budget_bytes: int = DEFAULT_BUDGET_BYTES, page_budget_bytes: int = PAGE_BUDGET_BYTES
    ) -> None:
        super().__init__(budget_bytes)
        self.page = ByteLRU(page_budget_bytes)
        # whole-index arrays, built once (small: a few bytes per clause)
        self.once: dict[str, Any] = {}

    def whole(self, name: str, make: Callable[[], Any]) -> Any:
        """A whole-index array (lengths, live mask, tie ranks, facets), built once."""
        got = self.once.get(name)
        if got is None:
            got = make()
            with self.lock:
                got = self.once.setdefault(name, got)
        return got


def _nbytes(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, tuple | list):
        return sum(_nbytes(v) for v in value)
    if value is None:
        return 0
    if isinstance(value, frozenset):
        return 64 * len(value)
    return 64


def _values_nbytes(values: list) -> int:
    return 56 + sum(41 + len(v) for v in values)  # list slots + bytes objects


def _stored_nbytes(fields: dict[str, Any]) -> int:
    record = fields.get("record") or {}
    text = (record.get("text") or "") + (record.get("document") or "")
    return 512 + 2 * len(text)  # the dicts and ids, plus the text and summary JSON (UCS-2)


def _terms_nbytes(terms: list) -> int:
    return 56 + 120 * len(terms)  # a 5-tuple with a short str and small ints


class PostingContext:
    """One thread's access to one generation: its searcher plus the generation's shared arrays.

    Also the ``Stats`` the query builder reads (n, df, docs, common_count).

    Every ranking statistic counts live clauses only: ``n`` (BM25's N), ``df`` and the average
    field lengths. whoosh's own figures (``doc_count_all``, ``doc_frequency``, field length
    totals) still count a deleted clause until its segment is merged away, so an index updated
    in place would rank unlike a from-scratch build of the same clauses (and two replicas with
    different histories unlike each other). ``size`` is the docnum space the arrays span."""

    def __init__(
        self,
        searcher: Any,
        k1: float = 1.2,
        b: dict[str, float] | None = None,
        shared: GenerationArrays | None = None,
    ) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = leaves_of(self.reader)
        self.size: int = self.reader.doc_count_all()  # docnums, deleted clauses included
        self.k1 = k1
        self.b = b or {}
        self.params = BM25Params.of(k1, self.b)  # the index's parameters: the default of a query
        self.shared = shared or GenerationArrays()
        self.live: np.ndarray = self.shared.whole("live", lambda: live_mask(self.leaves, self.size))
        self.live_count = int(self.live.sum())
        self.n: int = self.live_count  # BM25's N

    @property
    def deleted(self) -> frozenset[int]:
        """Docnums of deleted clauses (for tools and tests; scoring uses the live mask)."""
        return frozenset(np.flatnonzero(~self.live).tolist())

    # -- whole-index arrays
    def lengths(self) -> dict[str, np.ndarray]:
        return self.shared.whole("lengths", lambda: read_lengths(self.leaves))

    def ranks(self) -> np.ndarray:
        """Tie-break rank of every clause: (doc_id, ordinal) order."""
        return self.shared.whole("ranks", lambda: sort_ranks(self.reader, self.size))

    def avg_length(self, fieldname: str) -> float:
        """Mean field length over the live clauses (a deleted clause's length no longer counts)."""

        def make() -> float:
            lengths = self.lengths().get(fieldname)
            if lengths is None or not len(lengths):
                return 1.0
            total = int(lengths[self.live].sum(dtype=np.int64))
            return max(1.0, total / max(self.live_count, 1))

        return self.shared.whole(f"avg:{fieldname}", make)

    def norm(self, fieldname: str, params: BM25Params | None = None) -> np.ndarray:
        """K1 · ((1 − b) + b · length / avg length) of every clause, per parameter set."""
        p = params or self.params
        k1, b = p.k1, p.b_of(fieldname)

        def make() -> np.ndarray:
            lengths = self.lengths().get(fieldname)
            if lengths is None:
                lengths = np.zeros(self.size, dtype=np.uint16)
            return k1 * ((1 - b) + b * lengths.astype(np.float64) / self.avg_length(fieldname))

        return self.shared.whole(f"norm:{fieldname}:{k1!r}:{b!r}", make)

    # -- term data
    def postings(self, fieldname: str, word: str) -> tuple[np.ndarray, np.ndarray]:
        """Sorted docnums and tfs of a term (deleted clauses included; the live mask drops them)."""
        return self.shared.cached(
            ("post", fieldname, word), lambda: read_postings(self.leaves, fieldname, word), _nbytes
        )

    def block_tables(self, fieldname: str, word: str) -> list[Any]:
        """Where each posting block of a term starts, per leaf (postings.block_tables)."""
        return self.shared.cached(
            ("blocks", fieldname, word), lambda: block_tables(self.leaves, fieldname, word), _nbytes
        )

    def block_values(
        self, fieldname: str, word: str, leaf: int, offset: int, read: Callable[[], list]
    ) -> list:
        """The encoded values of one posting block of a term (``read()`` decodes it when not
        cached): the re-rank reads the same blocks of common words for question after question."""
        return self.shared.page.cached(("values", fieldname, word, leaf, offset), read, _values_nbytes)

    def clause_terms(self, docnum: int, make: Callable[[], list]) -> list:
        """A clause's analysed text (``make()`` analyses it when not cached), for highlights:
        re-segmenting the page's hits was a third of a question's time."""
        return self.shared.page.cached(("terms", docnum), make, _terms_nbytes)

    def stored(self, docnum: int) -> dict[str, Any]:
        """A clause's stored fields (read-only: shared by threads). whoosh decompresses the
        stored record on every read — under load ~7 % of a served question at 200k clauses
        (py-spy), for the page's hits and their documents' summaries."""
        return self.shared.page.cached(
            ("stored", docnum), lambda: self.searcher.stored_fields(docnum), _stored_nbytes
        )

    def doc_array(self, fieldname: str, word: str) -> np.ndarray:
        """Sorted docnums of a term, deleted clauses included."""
        return self.postings(fieldname, word)[0]

    def live_docs(self, fieldname: str, word: str) -> np.ndarray:
        ids = self.doc_array(fieldname, word)
        return ids[self.live[ids]]

    def df(self, fieldname: str, word: str) -> int:
        """Document frequency over the live clauses (whoosh's ``doc_frequency`` counts deleted
        ones too until a merge); cached: the builder, the scorer and the re-rank all ask."""
        return self.shared.cached(
            ("df", fieldname, word), lambda: len(self.live_docs(fieldname, word)), _nbytes
        )

    def docs(self, fieldname: str, word: str) -> frozenset[int]:
        """The term's docnums as a set (the query builder's statistics)."""
        return self.shared.cached(
            ("set", fieldname, word), lambda: frozenset(self.live_docs(fieldname, word).tolist()), _nbytes
        )

    def common_count(self, fieldname: str, words: Sequence[str]) -> int:
        """How many clauses hold all the words (cached: the query builder asks it per word)."""

        def make() -> int:
            common = self.live_docs(fieldname, words[0])
            for w in words[1:]:
                common = np.intersect1d(common, self.live_docs(fieldname, w), assume_unique=True)
            return len(common)

        return self.shared.cached(("common", fieldname, tuple(words)), make, _nbytes)

    def idf(self, fieldname: str, word: str) -> float:
        df = self.df(fieldname, word)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def component(
        self, comps: tuple[Component, ...], params: BM25Params | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Sorted docnums and summed scores of a sum of components (cached per BM25 parameters)."""
        p = params or self.params
        return self.shared.cached(("comp", p, comps), lambda: self._component(comps, p), _nbytes)

    def _component(self, comps: tuple[Component, ...], p: BM25Params) -> tuple[np.ndarray, np.ndarray]:
        parts: list[tuple[np.ndarray, np.ndarray]] = []
        for fieldname, word, boost, constant in comps:
            ids, tfs = self.postings(fieldname, word)
            if not len(ids):
                continue
            if constant:
                parts.append((ids, np.full(len(ids), boost)))
                continue
            c = self.idf(fieldname, word) * (p.k1 + 1) * boost
            parts.append((ids, c * tfs / (tfs + self.norm(fieldname, p)[ids])))
        if not parts:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float64)
        if len(parts) == 1:
            return parts[0]
        # the components' sum, added in component order for every clause (as the scores always were)
        acc = np.zeros(self.size, dtype=np.float64)
        seen = np.zeros(self.size, dtype=bool)
        for ids, vals in parts:
            acc[ids] += vals
            seen[ids] = True
        ids = np.flatnonzero(seen).astype(np.int32)
        return ids, acc[ids]
