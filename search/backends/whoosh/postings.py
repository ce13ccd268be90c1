"""Whoosh postings, columns and deletions read into numpy arrays (global docnums).

whoosh stays the storage; these readers turn what a query needs into arrays once per index
generation (cached by ``arrays.GenerationArrays``): a term's clause numbers and term
frequencies, the exact field lengths, the deleted clauses, the tie-break rank of every clause,
and the word positions of a few candidate clauses (the proximity re-rank).

Two private codec internals are read for speed — whole posting blocks of ``W3LeafMatcher`` and
the raw bytes of a fixed-width column — each with a public-API fallback giving the same result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from search.plan import LENGTH_FIELDS

Leaves = list[tuple[Any, int]]  # (leaf reader, docnum offset)
EMPTY_IDS = np.zeros(0, dtype=np.int32)
EMPTY_TFS = np.zeros(0, dtype=np.float64)


def leaves_of(reader: Any) -> Leaves:
    return list(reader.leaf_readers()) if not reader.is_atomic() else [(reader, 0)]


def _raw(m: Any) -> Any:
    """The leaf matcher under whoosh's deletion filter, rewound: the filter has already skipped
    the deleted postings at the start (possibly whole blocks), and block walks count from 0."""
    if isinstance(m, FilterMatcher):
        m = m.child
        if isinstance(m, W3LeafMatcher):
            m.reset()
    return m


def read_postings(leaves: Leaves, fieldname: str, word: str) -> tuple[np.ndarray, np.ndarray]:
    """Sorted global docnums (int32) and term frequencies (float64) of a term, deleted included."""
    id_chunks: list[np.ndarray] = []
    tf_chunks: list[np.ndarray] = []
    bword = word.encode("utf-8")
    for r, off in leaves:
        try:
            m = r.postings(fieldname, bword)
        except (TermNotFound, KeyError):
            continue
        m = _raw(m)  # deletions are applied by the caller's live mask
        if isinstance(m, W3LeafMatcher):
            while m.is_active():  # whole blocks at a time
                ids, tfs = _block_arrays(m)
                id_chunks.append(ids + off)
                tf_chunks.append(tfs)
                if m._lastblock:
                    break
                m._next_block()
        else:  # generic matcher API (other codecs)
            ids, tfs = [], []
            while m.is_active():
                ids.append(m.id() + off)
                tfs.append(m.weight())
                m.next()
            id_chunks.append(np.asarray(ids, dtype=np.int32))
            tf_chunks.append(np.asarray(tfs, dtype=np.float64))
    if not id_chunks:
        return EMPTY_IDS, EMPTY_TFS
    return np.concatenate(id_chunks), np.concatenate(tf_chunks)


def _block_arrays(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """A block's docnums and weights as arrays: the block's pickled (id deltas, weights) decoded
    with numpy (whoosh's own ``_read_ids`` runs a Python generator over every delta: the bulk
    of a cold read). The same values as ``m._ids`` / ``m._weights``."""
    if m._data is None:
        m._read_data()
    raw_ids, raw_weights = m._data[0], m._data[1]
    ids = np.asarray(raw_ids, dtype=np.int64)
    if not m._byteids:
        ids = np.cumsum(ids)
    n = len(ids)
    if raw_weights is None:
        tfs = np.ones(n)
    elif isinstance(raw_weights, float):
        tfs = np.full(n, raw_weights)
    else:  # stored as float32 values (array "f"): the same float64 values whoosh hands out
        tfs = np.asarray(raw_weights, dtype=np.float32).astype(np.float64)
    i = m._i
    return ids[i:].astype(np.int32), tfs[i:]


def read_lengths(leaves: Leaves) -> dict[str, np.ndarray]:
    """Exact field lengths (main words) of every clause, from the `lengths` column (uint16 each)."""
    raw_parts: list[np.ndarray] = []
    width = len(LENGTH_FIELDS)
    for r, _off in leaves:
        n = r.doc_count_all()
        if r.has_column("lengths"):
            col = r.column_reader("lengths", translate=False)
            try:  # the whole fixed-width column in one read (private reader layout)
                data = col._dbfile.get(col._basepos, col._count * col._fixedlen)
                data += bytes(col._fixedlen * (n - col._count))
            except AttributeError:  # pragma: no cover - other column implementations
                data = b"".join(col[d] for d in range(n))
            raw_parts.append(np.frombuffer(data, dtype=np.uint16).reshape(n, width))
        else:
            raw_parts.append(np.zeros((n, width), dtype=np.uint16))
    raw = np.concatenate(raw_parts) if raw_parts else np.zeros((0, width), dtype=np.uint16)
    return {f: np.ascontiguousarray(raw[:, i]) for i, f in enumerate(LENGTH_FIELDS)}


def live_mask(leaves: Leaves, n: int) -> np.ndarray:
    """True for every clause not deleted."""
    live = np.ones(n, dtype=bool)
    for r, off in leaves:
        if r.has_deletions():
            leaf = np.zeros(r.doc_count_all(), dtype=bool)
            leaf[np.fromiter(r.all_doc_ids(), dtype=np.int64)] = True
            live[off : off + len(leaf)] = leaf
    return live


def sort_ranks(reader: Any, n: int) -> np.ndarray:
    """Every clause's rank in (doc_id, ordinal) order: the deterministic order of equal scores."""
    col = reader.column_reader("sort_key")
    keys = [col[d] for d in range(n)]
    ranks = np.empty(n, dtype=np.int32)
    ranks[np.array(sorted(range(n), key=keys.__getitem__), dtype=np.int64)] = np.arange(n, dtype=np.int32)
    return ranks


def document_index(reader: Any, n: int) -> tuple[np.ndarray, int]:
    """Every clause's document as a dense index (first-seen order) and the number of documents,
    from the sort_key column (``{doc_id}\\0{ordinal}``): no stored field is read."""
    col = reader.column_reader("sort_key")
    names: dict[bytes, int] = {}
    doc_of = np.empty(n, dtype=np.int32)
    for d in range(n):
        doc_of[d] = names.setdefault(col[d].rpartition(b"\0")[0], len(names))
    return doc_of, len(names)


def index_positions(
    ctx: Any, fieldname: str, words: Iterable[str], docnums: Iterable[int]
) -> dict[int, dict[str, list[int]]]:
    """docnum → {word: positions} of the given clauses, read from the field's postings.

    The text field stores each term's positions (schema.CompactPositions), written from
    ``analysis.folded_postings`` of the clause: the same positions the clause's re-analysis gives,
    without reading, folding and segmenting its text. A word absent from a clause is left out.
    """
    docs = [int(d) for d in docnums]
    return word_positions(ctx, fieldname, dict.fromkeys(words, docs), docs)


def pair_positions(
    ctx: Any, fieldname: str, pairs: Iterable[tuple[str, str]], docnums: Iterable[int]
) -> dict[int, dict[str, list[int]]]:
    """Like index_positions for the words of word pairs, reading a word's positions only in the
    clauses that hold both words of one of its pairs (the others get no proximity bonus)."""
    docs = [int(d) for d in docnums]
    targets = np.array(docs, dtype=np.int64)
    held: dict[str, np.ndarray] = {}
    for pair in pairs:
        for w in pair:
            if w not in held:
                ids = ctx.doc_array(fieldname, w)
                # in the posting list's own dtype: searchsorted would convert the whole list
                t = targets.astype(ids.dtype, copy=False)
                at = np.minimum(np.searchsorted(ids, t), max(len(ids) - 1, 0))
                held[w] = ids[at] == t if len(ids) else np.zeros(len(targets), dtype=bool)
    need: dict[str, np.ndarray] = {}
    for a, b in pairs:
        both = held[a] & held[b]
        for w in (a, b):
            need[w] = need[w] | both if w in need else both
    wanted = {w: targets[m].tolist() for w, m in need.items() if m.any()}
    return word_positions(ctx, fieldname, wanted, docs)


def word_positions(
    ctx: Any, fieldname: str, wanted: dict[str, list[int]], docnums: list[int]
) -> dict[int, dict[str, list[int]]]:
    """docnum → {word: positions} for each word's wanted clauses. Where a target sits in a posting
    list comes from the cached docnum array (``ctx.doc_array``), so only the blocks holding
    targets are read, and only their values: block ids are never decoded (their delta decoding
    was most of the proximity re-rank's time)."""
    out: dict[int, dict[str, list[int]]] = {d: {} for d in docnums}
    decode = ctx.searcher.schema[fieldname].format.decoder("positions")
    for word, docs in wanted.items():
        targets = np.array(sorted(d for d in set(docs) if ctx.live[d]), dtype=np.int64)
        ids = ctx.doc_array(fieldname, word)
        if not len(ids) or not len(targets):
            continue
        at = np.searchsorted(ids, targets.astype(ids.dtype, copy=False))  # (see pair_positions)
        held = at < len(ids)
        held[held] = ids[at[held]] == targets[held]
        if not held.any():
            continue
        found_at, found_docs = at[held], targets[held]
        bword = word.encode("utf-8")
        tables = None
        for leaf, (r, off) in enumerate(ctx.leaves):
            lo, hi = np.searchsorted(ids, np.array([off, off + r.doc_count_all()], dtype=ids.dtype))
            sel = (found_at >= lo) & (found_at < hi)
            if not sel.any():
                continue
            local = (found_docs[sel] - off).tolist()
            indices = (found_at[sel] - lo).tolist()  # block indices count deleted postings too
            if tables is None:
                tables = ctx.block_tables(fieldname, word)
            table = tables[leaf] if leaf < len(tables) else None
            if table is not None:  # a whoosh3 posting list: its matcher is opened on a cache miss
                values_at = _cached_blocks(ctx, fieldname, word, leaf, r, bword)
                found = _table_values(values_at, table, indices, local)
            else:
                m = _raw(r.postings(fieldname, bword))
                if isinstance(m, W3LeafMatcher):
                    found = _block_values(m, indices, local)
                else:
                    found = _matcher_values(m, local)
            for d, value in found:
                out[d + off][word] = decode(value)
    return out


def _block_values(m: W3LeafMatcher, indices: list[int], docs: list[int]) -> list[tuple[int, Any]]:
    """(docnum, encoded value) of the postings at the sorted posting-list indices, a block at a
    time: block headers give each block's length, so a block holding no target is skipped
    unread and a block holding one has its values read, never its ids (whoosh's private block
    API; _matcher_values is the generic equivalent)."""
    found: list[tuple[int, Any]] = []
    t, n = 0, len(indices)
    start = 0
    while t < n and m.is_active():
        end = start + m._blocklength
        if indices[t] < end:
            m._read_values()
            values = m._values
            while t < n and indices[t] < end:
                found.append((docs[t], values[indices[t] - start]))
                t += 1
        if m._lastblock:
            break
        m._next_block()
        start = end
    return found


BlockTable = tuple[np.ndarray, np.ndarray]  # (file offset, first posting index) of each block


def block_tables(leaves: Leaves, fieldname: str, word: str) -> list[BlockTable | None]:
    """Per leaf, where each posting block of a term starts (None: not a whoosh3 posting list).
    Walks the block headers once; the re-rank then jumps straight to the blocks holding its
    targets instead of reading every header before them on every query (at 12.8k clauses a
    common word has ~100 blocks, at 200k ~1,500)."""
    out: list[BlockTable | None] = []
    bword = word.encode("utf-8")
    for r, _off in leaves:
        try:
            m = _raw(r.postings(fieldname, bword))
        except (TermNotFound, KeyError):
            out.append((np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)))
            continue
        if not isinstance(m, W3LeafMatcher):
            out.append(None)
            continue
        offsets, starts = [], []
        pos, n = m._baseoffset, 0
        while True:
            offsets.append(pos)
            starts.append(n)
            n += m._blocklength
            if m._lastblock:
                break
            pos = m._nextoffset
            m._goto(pos)
        out.append((np.array(offsets, dtype=np.int64), np.array(starts, dtype=np.int64)))
    return out


def _cached_blocks(ctx: Any, fieldname: str, word: str, leaf: int, reader: Any, bword: bytes) -> Any:
    """offset → that block's encoded values, from the generation's page cache; the leaf's
    matcher is opened once, on the first block not cached."""
    opened: list[W3LeafMatcher] = []

    def values_at(offset: int) -> list:
        def read() -> list:
            if not opened:
                opened.append(_raw(reader.postings(fieldname, bword)))
            m = opened[0]
            m._goto(offset)
            m._read_values()
            return list(m._values)

        return ctx.block_values(fieldname, word, leaf, offset, read)

    return values_at


def _table_values(
    values_at: Any, table: BlockTable, indices: list[int], docs: list[int]
) -> list[tuple[int, Any]]:
    """`_block_values` reading only the blocks that hold the sorted posting-list indices;
    `values_at(offset)`: the encoded values of the block starting at that file offset."""
    offsets, starts = table
    found: list[tuple[int, Any]] = []
    if not len(offsets):
        return found
    blocks = np.searchsorted(starts, np.asarray(indices, dtype=np.int64), side="right") - 1
    current = -1
    values: Any = None
    for idx, doc, b in zip(indices, docs, blocks.tolist(), strict=True):
        if b != current:
            values, current = values_at(int(offsets[b])), b
        found.append((doc, values[idx - int(starts[b])]))
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
