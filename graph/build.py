"""documents → linked entities: `build_graph(docs) -> KnowledgeGraph`.

The build is deterministic: one pure scan per document (graph.scan: mentions of programs,
citations, units, branches, people, facts, regions), then linking passes over all documents
(graph.passes), because some links need the whole corpus: a program named in one document is
launched by another; a cited title may be a corpus document; a short form (红枫行动) merges with
its full name (支部力量·红枫行动).
"""

from __future__ import annotations

from graph import passes
from graph.linker import Linker
from graph.passes.launches import _clauses_by_doc
from graph.passes.program_merge import text_counter as _text_counter
from graph.scan import DocScan, contexts, scan_context, scan_documents
from graph.store import KnowledgeGraph
from policykg.gazetteer import Gazetteer
from policykg.model import Document

__all__ = ["DocScan", "_clauses_by_doc", "_text_counter", "build_graph", "scan_documents"]


def build_graph(
    docs: list[Document],
    gazetteer: Gazetteer | None = None,
    *,
    scans: list[DocScan] | None = None,
    consume: bool = False,
) -> KnowledgeGraph:
    """The graph of `docs`. `scans`: the per-document pass already made by `scan_documents`
    (e.g. in worker processes, with the same gazetteer), one per document; the graph is the same.
    `consume`: the given scans are spent — their mentions are emptied as the passes use them
    (graph.scan.drop_mentions), so a build does not hold them next to the finished graph.

    The per-document scans are not mapped over a pool here: shipping the documents to workers
    and the mentions back cost about as much as the scans (measured at 10k clauses: 1.1 s of
    scans, 1.4 s through a 2-process pool); `service.backend` runs them in the ingest workers,
    where the documents already are.
    """
    gaz = gazetteer or Gazetteer.default()
    ctxs = contexts(docs, gaz)
    given = {s.doc_id: s for s in scans} if scans is not None else {}
    for ctx in ctxs:
        if ctx.doc.id in given:
            ctx.scan = given[ctx.doc.id]
        else:
            scan_context(ctx, gaz)
    lk = Linker(gaz, ctxs)
    passes.run(lk, consume=consume)
    return lk.kg
