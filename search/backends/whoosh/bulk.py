"""Bulk segment writing for a fresh index: records in, finished whoosh segments out.

Why not whoosh's ``SegmentWriter``: it turns every posting into a tuple, pushes it through a
sorting pool (an on-disk merge sort once the pool is full) and then writes it one
``add_posting`` call at a time. Here the postings of a segment are grouped by field and term as
they arrive (a record's docnum only grows, so every posting list is already in docnum order),
and each posting list is written a block at a time through the codec's own block writer: the
bytes on disk are exactly what whoosh would write (tested against the ordinary writer).

Memory stays bounded: once ``max_postings`` postings are held, the segment is written and a
new one started; a build never falls back to an external merge sort. The caller commits every
segment in one TOC (``commit_segments``), so a half-written build is never visible.

Only what a fresh build needs is supported: no deletions, no merges, no term vectors, no
spelling fields (checked).
"""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Iterable
from typing import Any

from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import TOC, clean_files

from search.backends.whoosh.schema import CompactPositions, PreAnalyzed

# Postings held in memory before the segment is written (≈ 25–30 bytes each: one list slot for
# docnum, frequency and value, the value bytes mostly shared). 4 M ≈ 20k clauses ≈ 120 MB.
SEGMENT_MAX_POSTINGS = 4_000_000


def codec() -> W3Codec:
    # Uncompressed posting blocks: ~15% faster writes and reads; the index is ~2× larger, which is
    # small next to the originals.
    return W3Codec(compression=0)


class SegmentBuilder:
    """Adds records (field → value, as ``search.backends.whoosh.schema.clause_records`` makes them) to segments of
    the index ``ix``; ``finish()`` returns the written segments in document order."""

    def __init__(self, ix: Any, max_postings: int | None = None) -> None:
        self.storage = ix.storage
        self.indexname = ix.indexname
        self.schema = ix.schema
        self.codec = codec()
        self.max_postings = max_postings if max_postings is not None else SEGMENT_MAX_POSTINGS
        for name in self.schema.names():
            field = self.schema[name]
            if field.vector or field.separate_spelling():
                raise ValueError(f"bulk writing does not support vectors/spelling ({name})")
        # per field: the fast path (positions dict → value) or the field's own index()
        self._positions = {
            name: isinstance(getattr(self.schema[name], "format", None), CompactPositions)
            for name in self.schema.names()
        }
        self.segments: list[Any] = []
        self._open = False

    # ------------------------------------------------------------ records
    def _start(self) -> None:
        self.segment = self.codec.new_segment(self.storage, self.indexname)
        self.perdoc = self.codec.per_document_writer(self.storage, self.segment)
        # field → term → [docnum, weight, value, docnum, weight, value, …]
        self.postings: dict[str, dict[str, list]] = {}
        self.docnum = 0
        self.count = 0
        self._open = True

    def add_all(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            self.add(record)

    def add(self, record: dict[str, Any]) -> None:
        if not self._open:
            self._start()
        schema = self.schema
        perdoc = self.perdoc
        docnum = self.docnum
        postings = self.postings
        n = 0
        perdoc.start_doc(docnum)
        for fieldname in sorted(record):  # whoosh's order: same stored dict, same bytes
            value = record[fieldname]
            if value is None or fieldname.startswith("_"):
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                terms = postings.get(fieldname)
                if terms is None:
                    terms = postings[fieldname] = {}
                if isinstance(value, PreAnalyzed) and self._positions[fieldname]:
                    items = value.encoded(field.format.encode)
                    for w, weight, vbytes in items:
                        lst = terms.get(w)
                        if lst is None:
                            terms[w] = [docnum, weight, vbytes]
                        else:
                            lst += (docnum, weight, vbytes)
                    n += len(items)
                    if field.scorable:
                        length = sum(len(p) for p in value.poses.values())
                else:
                    for btext, freq, weight, vbytes in field.index(value):
                        w = btext.decode("utf-8")
                        lst = terms.get(w)
                        if lst is None:
                            terms[w] = [docnum, weight, vbytes]
                        else:
                            lst += (docnum, weight, vbytes)
                        n += 1
                        if field.scorable:
                            length += freq
            perdoc.add_field(fieldname, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(fieldname, column, field.to_column_value(value))
        perdoc.finish_doc()
        self.docnum = docnum + 1
        self.count += n
        if self.count >= self.max_postings:
            self._flush()

    # ------------------------------------------------------------ segments
    def _flush(self) -> None:
        """Write the postings held in memory and close the current segment."""
        if not self._open:
            return
        self._open = False
        self.perdoc.close()
        fw = self.codec.field_writer(self.storage, self.segment)
        try:
            # str order is code point order, which is UTF-8 byte order: whoosh's term order
            for fieldname in sorted(self.postings):
                terms = self.postings[fieldname]
                if not terms:
                    continue
                fw.start_field(fieldname, self.schema[fieldname])
                for word in sorted(terms):
                    _write_term(fw, word.encode("utf-8"), terms[word])
                fw.finish_field()
                self.postings[fieldname] = {}  # free as we go
        finally:
            fw.close()
        self.postings = {}
        self.segment.set_doc_count(self.docnum)
        self.segments.append(self.segment)

    def finish(self) -> list[Any]:
        """Write what is left; the segments to commit, in document order."""
        self._flush()
        return self.segments

    def cancel(self) -> None:
        """Drop the open segment (its files are removed with the build directory)."""
        if self._open:
            self._open = False
            # already failing: the directory is removed anyway
            with contextlib.suppress(Exception):
                self.perdoc.close()
        self.postings = {}


def _write_term(fw: Any, btext: bytes, flat: list) -> None:
    """One posting list, block by block, through the codec's own block writer (what whoosh's
    ``add_posting`` does one posting at a time, with the same block boundaries)."""
    fw.start_term(btext)
    pw = fw._postwriter
    limit = pw._blocklimit
    docs = flat[0::3]
    weights = flat[1::3]
    values = flat[2::3]
    has_values = bool(values[0])  # a format either stores values for every posting or none
    total = len(docs)
    for i in range(0, total, limit):
        chunk = weights[i : i + limit]
        pw._ids = array("I", docs[i : i + limit])
        pw._weights = array("f", chunk)
        pw._values = values[i : i + limit] if has_values else []
        pw._maxweight = max(chunk)
        if i + limit < total:
            pw._write_block()
    fw.finish_term()


def commit_segments(ix: Any, segments: list[Any]) -> None:
    """Make the segments the index's content: one new TOC generation, written last."""
    names = [s.segment_id() for s in segments]
    if len(set(names)) != len(names):
        raise RuntimeError("duplicate segment names")  # would mean a shared random state
    generation = ix.latest_generation() + 1
    TOC(ix.schema, segments, generation).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, generation, segments)
    # the per-document writers' scratch directory (column files before assembly)
    ix.storage.temp_storage(f"{ix.indexname}.tmp").destroy()
