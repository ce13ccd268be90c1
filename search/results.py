"""Request and result types of clause search (the shape of the contract's GET /api/search)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FACET_FIELDS = ("region", "doc_type", "year", "program", "issuer")


@dataclass
class SearchRequest:
    q: str
    limit: int = 10
    offset: int = 0
    region: str | None = None  # hierarchical: 辽宁省 also returns its cities' and counties' clauses
    doc_type: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    program: str | None = None
    issuer: str | None = None
    doc_id: str | None = None  # restrict to one document (extension)
    highlight: bool = True
    facets: bool = True


@dataclass
class Hit:
    """One ranked clause. The service's candidate pools only need clause_id and score."""

    clause_id: str
    doc_id: str = ""
    text: str = ""  # original script
    highlight: str | None = ""  # HTML-escaped text with <mark>…</mark> on the original characters
    path: list[str] = field(default_factory=list)
    score: float = 0.0
    document: dict[str, Any] = field(default_factory=dict)
    ordinal: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "clause_id": self.clause_id,
            "doc_id": self.doc_id,
            "text": self.text,
            "highlight": self.highlight,
            "path": list(self.path),
            "score": self.score,
            "document": self.document,
        }


@dataclass
class SearchPage:
    query: str = ""
    total: int = 0
    results: list[Hit] = field(default_factory=list)
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    offset: int = 0
    limit: int = 10
    # Things the user should know about how the query was read (Chinese, for display):
    # an unbalanced quote searched as plain words, a long question shortened, …
    notices: list[str] = field(default_factory=list)

    @property
    def hits(self) -> list[Hit]:
        """The page's results (the name the service used for them)."""
        return self.results

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "offset": self.offset,
            "limit": self.limit,
            "results": [h.to_dict() for h in self.results],
            "facets": self.facets,
            "notices": list(self.notices),
        }
