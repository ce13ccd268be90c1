"""The clause index seam: what the service (and the bench) may ask of an index backend.

A backend is a subpackage of ``search.backends`` (``search.backends.whoosh`` today) exposing a
class that satisfies ``ClauseIndex``; ``search.index`` picks it by name (Settings.search_backend,
``POLICYKG_SEARCH_BACKEND``). Requests, pages and hits are the types of ``search.results``;
errors are the ``policykg.errors`` ones (BadQuery, IndexVersionMismatch, StoreBusy) plus
``IndexGone`` below. Nothing outside ``search.backends.<name>`` imports the backend's library.

Optional: ``warm(previous)`` builds a freshly opened generation's caches before it is served
(``previous``: the index it replaces, whose recent work may be replayed); the service calls it
when a backend has it (service.backend.Backend.warm_index).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from policykg.model import ClauseAnnotation, Document
from search.results import SearchPage, SearchRequest

Annotations = Mapping[str, ClauseAnnotation] | Iterable[ClauseAnnotation] | None


class IndexGone(FileNotFoundError):
    """The index's files vanished under a reader (a pruned snapshot): open the current one again."""


@runtime_checkable
class ClauseIndex(Protocol):
    """One clause index directory: built once, updated by whole documents, searched by threads."""

    @classmethod
    def create(
        cls,
        directory: str | os.PathLike[str],
        documents: Iterable[Document],
        annotations: Annotations = None,
        extra_terms: Iterable[str] = (),
        *,
        workers: int = 1,
        **options: Any,
    ) -> ClauseIndex:
        """Build a complete index into a new (absent or empty) directory."""
        ...

    @classmethod
    def open(cls, directory: str | os.PathLike[str], **options: Any) -> ClauseIndex:
        """Open a built index; IndexVersionMismatch when it must be rebuilt."""
        ...

    def add_documents(self, documents: Iterable[Document], annotations: Annotations = None) -> int:
        """Add or replace whole documents (by id); returns the clauses written."""
        ...

    def delete_documents(self, doc_ids: Iterable[str]) -> int:
        """Delete every clause of the documents; returns the clauses deleted."""
        ...

    def search(self, request: SearchRequest) -> SearchPage:
        """One page of ranked clauses, with total, facets and notices."""
        ...

    def facets(self, request: SearchRequest) -> dict[str, list[dict[str, Any]]]:
        """The facet counts of a request's whole match set (no page)."""
        ...

    @property
    def clause_count(self) -> int:
        """Live clauses in the index."""
        ...

    def close(self) -> None: ...
