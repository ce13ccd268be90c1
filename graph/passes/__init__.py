"""The linking passes, in order. Each module has `link(lk)` (a pass over the corpus) or
`link_doc(lk, ctx)` (a pass per document, run for each document in turn); a new kind of mention
is one more module in these lists."""

from __future__ import annotations

from collections.abc import Callable

from graph.linker import Linker
from graph.passes import (
    actors,
    branches,
    citations,
    clause_notes,
    documents,
    launches,
    mentions,
    people,
    programs,
    units,
)
from graph.scan import DocCtx, drop_mentions

CorpusPass = Callable[[Linker], None]
DocPass = Callable[[Linker, DocCtx], None]

# before the local passes: documents and their metadata, citations, programs and who runs them
CORPUS_PASSES: tuple[CorpusPass, ...] = (
    documents.link,
    actors.link,
    citations.link,
    programs.link,
    launches.link,
)
# per document, in turn: what its clauses name
DOC_PASSES: tuple[DocPass, ...] = (units.link_doc, branches.link_doc, people.link_doc, mentions.link_doc)
# after them: edges waiting for their entities, then the clause annotations for search
FINAL_PASSES: tuple[CorpusPass, ...] = (units.link_deferred, clause_notes.link)


def run(lk: Linker, *, consume: bool = False) -> None:
    """All passes in order. `consume`: empty each document's scan mentions once its per-document
    passes are done (no later pass reads them; the caller's scans are spent)."""
    for corpus_pass in CORPUS_PASSES:
        corpus_pass(lk)
    for ctx in lk.ctxs:
        for doc_pass in DOC_PASSES:
            doc_pass(lk, ctx)
        if consume:
            drop_mentions(ctx.scan)
    for final_pass in FINAL_PASSES:
        final_pass(lk)
