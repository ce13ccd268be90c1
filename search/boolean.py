"""A backend-neutral boolean query tree (what a power-user expression or a quoted phrase means).

``search.query`` builds these nodes; each backend translates them into its own query objects
(``search.backends.whoosh.boolean``). The constructors mirror the few whoosh query classes the
builder used before the backend seam, so the builder reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Query:
    """Base of every node; ``boost`` scales the node's score where the backend scores it."""


@dataclass
class Term(Query):
    fieldname: str
    text: str
    boost: float = 1.0


@dataclass
class Phrase(Query):
    fieldname: str
    words: list[str]
    boost: float = 1.0


@dataclass
class And(Query):
    subqueries: list[Query]
    boost: float = 1.0


@dataclass
class Or(Query):
    subqueries: list[Query]
    boost: float = 1.0


@dataclass
class DisjunctionMax(Query):
    subqueries: list[Query]
    boost: float = 1.0


@dataclass
class AndNot(Query):
    positive: Query
    negative: Query


@dataclass
class Every(Query):
    """Every (live) clause."""


@dataclass
class ConstantScoreQuery(Query):
    child: Query
    score: float = 1.0


@dataclass
class TermRange(Query):
    """Terms between start and end inclusive (None: open); years are 4-digit strings."""

    fieldname: str
    start: str | None
    end: str | None
    boost: float = field(default=1.0)
