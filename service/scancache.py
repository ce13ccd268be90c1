"""The graph's per-document scans carried from one write to the next.

Every write rebuilds the graph over all documents (some links need the whole corpus), and the
per-document scan (graph.scan) was most of that: 9 of 15 s a write at 12.8k clauses, for
documents that had not changed. A scan is pure: it depends on the document and, for a bulletin's
article, on the documents above it (their region and acting unit). So a long-lived writer keeps
each scan under a digest of exactly that — the pickled document and its parents — and only
scans what is new. Scans are kept pickled and unpickled per build, so a linking pass can never
change a cached scan; the cache holds the scans of the last build only (bounded by the library).
"""

from __future__ import annotations

import hashlib
import pickle
from typing import TYPE_CHECKING, Any

from policykg.model import Document

if TYPE_CHECKING:
    from graph.store import KnowledgeGraph


def document_keys(docs: list[Document]) -> list[bytes]:
    """A digest per document of its content and its parents' (the scan's whole input)."""
    own = {d.id: hashlib.blake2b(pickle.dumps(d, protocol=5), digest_size=20).digest() for d in docs}
    by_id = {d.id: d for d in docs}
    position = {d.id: i for i, d in enumerate(docs)}
    keys = []
    for i, d in enumerate(docs):
        h = hashlib.blake2b(own[d.id], digest_size=20)
        seen = {d.id}
        parent = d.parent_id
        while parent and parent not in seen:  # a cycle cannot happen; never loop if it did
            seen.add(parent)
            # graph.scan.contexts reads a parent's acting unit only when it comes first
            before = b"<" if position.get(parent, len(docs)) < i else b">"
            h.update(before + (own.get(parent) or parent.encode("utf-8")))
            parent = by_id[parent].parent_id if parent in by_id else None
        keys.append(h.digest())
    return keys


class ScanCache:
    """Pickled scans of the documents of the last graph build, by document digest."""

    def __init__(self) -> None:
        self._scans: dict[bytes, bytes] = {}
        self.hits = 0
        self.misses = 0

    def build_graph(self, docs: list[Document], gazetteer: Any = None) -> KnowledgeGraph:
        """`graph.build.build_graph(docs)`, scanning only documents not scanned before."""
        from graph.build import build_graph
        from graph.scan import contexts, scan_context
        from policykg.gazetteer import Gazetteer

        gaz = gazetteer or Gazetteer.default()
        keys = document_keys(docs)
        scans = []
        fresh: dict[bytes, bytes] = {}
        for ctx, key in zip(contexts(docs, gaz), keys, strict=True):
            got = self._scans.get(key)
            if got is None:
                self.misses += 1
                scan = scan_context(ctx, gaz)
                got = pickle.dumps(scan, protocol=5)
            else:
                self.hits += 1
            fresh[key] = got
            scans.append(pickle.loads(got))  # a private copy for this build's passes
        self._scans = fresh
        return build_graph(docs, gaz, scans=scans)
