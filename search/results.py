"""Request and result types of clause search (the shape of the contract's GET /api/search)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

FACET_FIELDS = ("region", "doc_type", "year", "program", "issuer", "level")
SORTS = ("relevance", "date")
FIELDS = ("all", "title")
# A filter value: one, or several (OR within the facet; facets AND each other).
Filter = str | Sequence[str] | None


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
    # Issue 16 (all optional; the defaults search as before):
    level: Filter = None  # 文件层级 of the document's region: 中央 省级 市级 县级 乡镇
    years: Sequence[int] = ()  # chosen years (OR), on top of year_from/year_to
    date_from: str | None = None  # ISO day YYYY-MM-DD, inclusive; a year-only date overlaps
    date_to: str | None = None
    sort: str = "relevance"  # relevance | date (newest first, score breaks ties)
    field: str = "all"  # all | title (clauses of documents whose title has every query word)
    strong_first: bool = False  # relevance order with the strong hits first (SearchPage.strong_total)


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
    strong: bool = False  # matches every concept of the query (see SearchPage.strong_total)

    def to_dict(self) -> dict[str, Any]:
        return {
            "clause_id": self.clause_id,
            "doc_id": self.doc_id,
            "text": self.text,
            "highlight": self.highlight,
            "path": list(self.path),
            "score": self.score,
            "document": self.document,
            "strong": self.strong,
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
    # Hits matching every concept of the query (all term groups, full coordination; for a
    # question of more than 4 concepts at least 80 % of them); None when the backend cannot tell.
    strong_total: int | None = None

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
            "strong_total": self.strong_total,
        }
