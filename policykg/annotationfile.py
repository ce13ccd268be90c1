"""A build's clause annotations on disk, read one document at a time: the build process does not
hold them all.

The graph stage runs in a forked child (service/graphstage.py); what the rest of the build reads of
its graph is the clause annotations (~13 MB at 20k clauses, grown with the corpus), and it reads
them document by document — each index chunk file (policykg.docchunks) takes the annotations of
its documents' clauses, in the documents' order. So the child writes them as one pickled record
per document, in the build's document order (its clauses' annotations), and the build process
keeps an `AnnotationFile`: a read-only mapping clause id → annotation over that file that loads
the record of the document asked for and keeps only the last one. Its index is the documents'
own clause id strings (no copies), each to its document's record offset.

Pickle keeps every type, and each record the sharing of its own lists; nothing reads an
annotation's lists to change them, so equal lists in two records being two objects changes no
output (the index and the digests read values).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any

from policykg.model import ClauseAnnotation, Document


def write_annotations(
    path: str, docs: Sequence[Document], annotations: Mapping[str, ClauseAnnotation]
) -> list[int] | None:
    """The annotations as one record per document of `docs` (in order) at `path`; the records'
    offsets, or None (nothing written) when an annotation belongs to no clause of `docs`."""
    covered = sum(1 for d in docs for c in d.clauses if c.id in annotations)
    if covered != len(annotations):
        return None
    offsets = []
    with open(path, "wb") as fh:
        for doc in docs:
            offsets.append(fh.tell())
            record = {c.id: annotations[c.id] for c in doc.clauses if c.id in annotations}
            pickle.dump(record, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return offsets


class AnnotationFile(Mapping[str, ClauseAnnotation]):
    """clause id → annotation over `write_annotations`' file (see the module docstring)."""

    def __init__(self, path: str, docs: Sequence[Document], offsets: Sequence[int]) -> None:
        if len(offsets) != len(docs):
            raise ValueError("one record offset per document")
        self.path = path
        # the documents' own id strings as keys; one int object per document, shared by its clauses
        self._where: dict[str, int] = {
            c.id: off for d, off in zip(docs, offsets, strict=True) for c in d.clauses
        }
        self._offsets = list(offsets)
        self._size: int | None = None
        self._fh: IO[bytes] | None = None
        self._at = -1
        self._record: dict[str, ClauseAnnotation] = {}

    def _load(self, offset: int) -> dict[str, ClauseAnnotation]:
        if offset != self._at:
            if self._fh is None:
                self._fh = open(self.path, "rb")  # noqa: SIM115 — kept open across lookups, closed by close()
            self._fh.seek(offset)
            self._record = pickle.load(self._fh)
            self._at = offset
        return self._record

    def __getitem__(self, clause_id: str) -> ClauseAnnotation:
        offset = self._where.get(clause_id)
        if offset is None:
            raise KeyError(clause_id)
        return self._load(offset)[clause_id]

    def __contains__(self, clause_id: object) -> bool:
        offset = self._where.get(clause_id) if isinstance(clause_id, str) else None
        return offset is not None and clause_id in self._load(offset)

    def __iter__(self) -> Iterator[str]:
        for offset in self._offsets:
            yield from list(self._load(offset))

    def __len__(self) -> int:
        if self._size is None:
            self._size = sum(1 for _ in self)
        return self._size

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        self._at = -1

    def __getstate__(self) -> dict[str, Any]:  # a spawned index worker gets it closed
        state = {k: getattr(self, k) for k in ("path", "_where", "_offsets", "_size")}
        state.update(_fh=None, _at=-1, _record={})
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            setattr(self, k, v)
