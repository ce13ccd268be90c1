"""A build's per-document scans on disk, where the ingest workers wrote them: the build's parent
never holds them.

The ingest workers make the graph's per-document scans (graph.build.DocScan: the mentions of
programs, units, people, facts, places …) while a file's documents are at hand. They used to
travel back to the build's parent with the light documents and stay there until the graph was
made: ~180 MB at 200k clauses (round 7 of issue 14, measured as their unpickled size ×10 at
20k), on top of the light documents, at the end of ingest — the build process's peak once the
index stage stopped growing. Now each worker appends a file's scans to its own spill file in
the build's spill folder (`spill_scans`, one pickled record per file, as the texts in
policykg.docspill) and sends back only where they went; `SpilledScans` is the mapping document
id → scan over those records, read when the graph is made (in the graph stage's child,
service/graphstage.py). Scans made again in this process (curated metadata: `Backend.rescan`)
are held beside the spill and take precedence.

Pickle keeps every type: the scans read back are equal to the ones the worker made, so the graph
is the same.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ScanRef:
    """Where one file's scans are: a record of a worker's scan spill file."""

    path: str
    offset: int


def spill_scans(folder: str, scans: list[Any]) -> ScanRef:
    """Append one file's scans to this process's scan spill file in `folder` (one file per
    process: pool workers never interleave their writes)."""
    path = os.path.join(folder, f"scans-{os.getpid()}.pickle")
    with open(path, "ab") as fh:
        offset = fh.seek(0, os.SEEK_END)
        pickle.dump(scans, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return ScanRef(path, offset)


def read_scans(ref: ScanRef) -> list[Any]:
    with open(ref.path, "rb") as fh:
        fh.seek(ref.offset)
        return pickle.load(fh)


class SpilledScans(Mapping[str, Any]):
    """document id → its scan, over the workers' scan spill records (see the module doc)."""

    def __init__(self, where: dict[str, ScanRef], held: dict[str, Any] | None = None) -> None:
        self.where = where  # document id → the record of its file
        self.held = dict(held or {})  # scans made again here: they win over the spilled ones

    def __getitem__(self, doc_id: str) -> Any:
        if doc_id in self.held:
            return self.held[doc_id]
        ref = self.where[doc_id]  # KeyError for a document without a scan
        return next(s for s in read_scans(ref) if s.doc_id == doc_id)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.held or doc_id in self.where

    def __iter__(self) -> Iterator[str]:
        yield from self.held
        yield from (i for i in self.where if i not in self.held)

    def __len__(self) -> int:
        return len(self.where.keys() | self.held.keys())

    def replaced(self, scans: Mapping[str, Any]) -> SpilledScans:
        """These scans with `scans` (by document id) in place of the spilled ones."""
        return SpilledScans(self.where, {**self.held, **scans})

    def load(self) -> dict[str, Any]:
        """Every scan, each record read once, in the order of the records."""
        out: dict[str, Any] = {}
        seen: set[ScanRef] = set()
        for doc_id, ref in self.where.items():
            if doc_id in self.held or ref in seen:
                continue
            seen.add(ref)
            for scan in read_scans(ref):
                if scan.doc_id in self.where and scan.doc_id not in self.held:
                    out[scan.doc_id] = scan
        out.update(self.held)
        return out
