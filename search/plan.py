"""The scoring plan of a query, independent of any index backend.

``search.query`` turns a question into a ``RankedQuery`` (term groups of alternatives, each a sum
of BM25 components, plus required boolean filters and proximity pairs); a backend
(``search.backends.*``) evaluates it against its postings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Fields whose lengths (in main words) the index keeps for BM25, in this order.
LENGTH_FIELDS = ("text", "title", "path")

# (field, word, boost, constant): a BM25 component, or a constant score for keyword fields
Component = tuple[str, str, float, bool]


@dataclass(frozen=True)
class BM25Params:
    """BM25 parameters of one query: K1 and the length normalisation B per field.

    Hashable (part of the score cache key). A query without its own parameters is scored with
    the index's (the backend's K1 / FIELD_B)."""

    k1: float
    b: tuple[tuple[str, float], ...]  # (field, B) pairs; a field not listed gets 0.75

    @classmethod
    def of(cls, k1: float, b: dict[str, float] | None = None) -> BM25Params:
        return cls(k1, tuple(sorted((b or {}).items())))

    def b_of(self, fieldname: str) -> float:
        for f, v in self.b:
            if f == fieldname:
                return v
        return 0.75


@dataclass(frozen=True)
class Alt:
    """One way a group can match: all `parts` present (AND); a part is a sum of components."""

    parts: tuple[tuple[Component, ...], ...]
    weight: float = 1.0
    credit: float = 1.0  # how much a match through this alternative counts for coordination


@dataclass
class Group:
    label: str
    alts: list[Alt]
    weight: float = 1.0  # scales the score and counts for coordination (a lone character: ½)
    qtf: float = 1.0  # scales the score only: how often a long text repeats the word (saturated)


@dataclass
class RankedQuery:
    groups: list[Group]
    required: list[Any] = field(default_factory=list)  # whoosh queries every hit must match
    pairs: list[tuple[str, str, float]] = field(default_factory=list)  # proximity: (a, b, weight)
    bm25: BM25Params | None = None  # None: the index's parameters (the PostingContext's)
    coordination: float | None = None  # None: the caller's exponent (Weights.coordination)
