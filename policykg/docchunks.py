"""One index worker's documents and annotations in a file: what a forked worker reads instead of
the parent's objects.

A forked worker shares the parent's memory until it writes to it, and in CPython reading an
object writes to it (its reference count). A worker that iterated its chunk of the parent's
documents and annotations made a private copy of every page they sit on: at 200k clauses about
half of the light documents and annotations per worker (~200 MB each, measured as the workers'
private memory). So the parent writes each chunk, before forking, as a stream of pickled
records — one per document: its light copy, where its texts are spilled (policykg.docspill),
its clauses' annotations — and the worker reads it back one document at a time: it holds one
document, never touches the parent's objects, and what it reads is exactly what the parent
held (pickle keeps every type; the texts come from the same spill). The records are written with
policykg.strpickle: plain pickling would leave a UTF-8 copy inside each of the parent's strings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from policykg import strpickle
from policykg.docspill import SpilledDocuments, TextRef, read_spilled
from policykg.model import ClauseAnnotation, Document


def write_chunk(path: str, docs: Sequence[Document], annotations: Mapping[str, ClauseAnnotation]) -> None:
    """The documents (light with their spill references, or whole) and their clauses'
    annotations, one pickled record per document."""
    light = docs.light if isinstance(docs, SpilledDocuments) else docs
    refs: Sequence[TextRef | None] = docs.refs if isinstance(docs, SpilledDocuments) else [None] * len(docs)
    with open(path, "wb") as fh:
        for doc, ref in zip(light, refs, strict=True):
            anns = {c.id: annotations[c.id] for c in doc.clauses if c.id in annotations}
            # one pickle per record: the reader keeps nothing of the previous ones; strpickle:
            # the parent's strings get no UTF-8 copy from being pickled
            strpickle.dump((doc, ref, anns), fh)


def read_chunk(path: str) -> Iterator[tuple[Document, dict[str, ClauseAnnotation]]]:
    """Each whole document of a chunk file with its clauses' annotations, in order."""
    handles: dict[str, Any] = {}
    try:
        with open(path, "rb") as fh:
            while True:
                try:
                    doc, ref, anns = strpickle.load(fh)
                except EOFError:
                    return
                yield (doc if ref is None else read_spilled(doc, ref, handles)), anns
    finally:
        for handle in handles.values():
            handle.close()
