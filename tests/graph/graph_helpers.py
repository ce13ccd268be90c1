"""Helpers for graph tests: tiny invented documents, and the seed corpus read once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import build_graph
from graph.extract.common import squeeze
from graph.store import KnowledgeGraph
from policykg.gazetteer import Gazetteer
from policykg.model import Clause, Document

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
FIXTURES = REPO / "tests" / "fixtures" / "graph"
DEV = Path("/work/shared/eval/dev.jsonl")


def clause(text: str, doc_id: str = "t", ordinal: int = 1, path: list[str] | None = None) -> Clause:
    return Clause(
        id=f"{doc_id}:{ordinal:04d}",
        doc_id=doc_id,
        ordinal=ordinal,
        text=text,
        search_text=squeeze(text),
        path=list(path or []),
    )


def make_doc(
    doc_id: str,
    paragraphs: list[str],
    *,
    title: str = "",
    region: str | None = None,
    issuers: list[str] | None = None,
    author_unit: str | None = None,
    doc_no: str | None = None,
    doc_type: str | None = None,
    parent_id: str | None = None,
    authors: list[str] | None = None,
    author_offices: dict[str, str] | None = None,
    date: str | None = None,
) -> Document:
    """A Document as ingest would make it: one clause per paragraph, region from the gazetteer."""
    gaz = Gazetteer.default()
    ref = None
    if region:
        found = gaz.lookup(region)
        assert found, region
        ref = gaz.ref(found[0])
    clauses = [clause(p, doc_id, i) for i, p in enumerate(paragraphs, 1)]
    text = "\n".join(paragraphs)
    return Document(
        id=doc_id,
        title=title,
        text=text,
        search_text=squeeze(text),
        source=f"{doc_id}.txt",
        sha256="0" * 64,
        doc_no=doc_no,
        issuers=list(issuers or []),
        doc_type=doc_type,
        region=ref,
        parent_id=parent_id,
        author_unit=author_unit,
        authors=list(authors or []),
        author_offices=dict(author_offices or {}),
        date=date,
        clauses=clauses,
    )


def neighbor_names(kg: KnowledgeGraph, entity_id: str, relation: str, direction: str) -> list[str]:
    return [
        n.entity.name for n in kg.neighbors(entity_id) if n.relation == relation and n.direction == direction
    ]


def one(kg: KnowledgeGraph, name: str, type: str):  # type: ignore[no-untyped-def]
    found = kg.lookup(name, type)
    assert found, f"no {type} called {name}"
    return found[0]


@pytest.fixture(scope="session")
def seed_docs() -> list[Document]:
    from ingest.pipeline import read_file

    docs: list[Document] = []
    for path in sorted(CORPUS.glob("*.txt")):
        docs += read_file(path)
    return docs


@pytest.fixture(scope="session")
def seed_kg(seed_docs: list[Document]) -> KnowledgeGraph:
    return build_graph(seed_docs)
