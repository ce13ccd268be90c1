"""Units named in clauses: organization entities located in their regions."""

from __future__ import annotations

from graph.linker import Linker
from graph.scan import DocCtx


def link_doc(lk: Linker, ctx: DocCtx) -> None:
    for cid, m in ctx.scan.org_mentions:
        lk.org(m, [cid])


def link_deferred(lk: Linker) -> None:
    """Edges from units that only the per-document passes made."""
    for source, target, relation, evidence in lk.deferred:
        lk.edge(source, target, relation, evidence)
