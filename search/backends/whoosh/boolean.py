"""search.boolean nodes → whoosh queries (what decides which clauses a boolean query matches)."""

from __future__ import annotations

from whoosh import query as wq

from search import boolean as bq


def to_whoosh(node: bq.Query) -> wq.Query:
    """The whoosh query of a neutral node (recursively)."""
    if isinstance(node, bq.Term):
        return wq.Term(node.fieldname, node.text, boost=node.boost)
    if isinstance(node, bq.Phrase):
        return wq.Phrase(node.fieldname, node.words, boost=node.boost)
    if isinstance(node, bq.And):
        return wq.And([to_whoosh(s) for s in node.subqueries], boost=node.boost)
    if isinstance(node, bq.Or):
        return wq.Or([to_whoosh(s) for s in node.subqueries], boost=node.boost)
    if isinstance(node, bq.DisjunctionMax):
        return wq.DisjunctionMax([to_whoosh(s) for s in node.subqueries], boost=node.boost)
    if isinstance(node, bq.AndNot):
        return wq.AndNot(to_whoosh(node.positive), to_whoosh(node.negative))
    if isinstance(node, bq.Every):
        return wq.Every()
    if isinstance(node, bq.ConstantScoreQuery):
        return wq.ConstantScoreQuery(to_whoosh(node.child), score=node.score)
    if isinstance(node, bq.TermRange):
        return wq.TermRange(node.fieldname, node.start, node.end, boost=node.boost)
    raise TypeError(f"unknown query node {type(node).__name__}")
