"""service.documentpages over a fake build: the listing's page, a document's detail (cited clauses,
library fields, related) and its stored original."""

from __future__ import annotations

from pathlib import Path

import pytest
from svc_fakes import built_engine

from policykg.errors import NotFound
from service.documentpages import cite, document_page, documents_page, original_file
from service.engine import Engine
from service.snapshot import Snapshot


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("documentpages")
    eng = built_engine(root)
    return eng


@pytest.fixture(scope="module")
def snap(engine: Engine) -> Snapshot:
    return engine.snapshot()


def test_cite_sets_each_items_citation_from_its_clause(snap: Snapshot) -> None:
    items = [{"clause_id": "fuzhou:0002"}, {"clause_id": "dandong:0001"}]
    cite(snap, items)
    assert [i["citation"] for i in items] == [snap.citation("fuzhou:0002"), snap.citation("dandong:0001")]
    assert items[0]["citation"] is not None


def test_documents_page_counts_all_and_lists_one_page(snap: Snapshot) -> None:
    page = documents_page(snap, offset=1, limit=1, top_level=False)
    assert page["total"] == 3 and page["offset"] == 1 and page["limit"] == 1
    assert [d["doc_id"] for d in page["documents"]] == [list(snap.documents)[1]]
    assert documents_page(snap, offset=3, limit=5, top_level=True)["documents"] == []


def test_document_page_cites_clauses_and_takes_the_library_fields(snap: Snapshot) -> None:
    out = document_page(snap, "fuzhou", lambda doc: {"library_marker": doc.id})
    assert out["library_marker"] == "fuzhou"
    assert [c["citation"] for c in out["clauses"]] == [snap.citation(c["clause_id"]) for c in out["clauses"]]
    assert out["citation"] and "related" in out and out["extracted"] == {}
    with pytest.raises(NotFound):
        document_page(snap, "nowhere", lambda doc: {})


def test_original_file_is_the_stored_upload_under_its_name(
    engine: Engine, snap: Snapshot, tmp_path: Path
) -> None:
    path, name = original_file(snap, engine.store.originals_dir, "fuzhou")
    assert name == "fuzhou.txt" and path.read_text(encoding="utf-8").startswith("关于推进“1335”")
    with pytest.raises(NotFound, match="没有保存原始文件"):
        original_file(snap, tmp_path, "fuzhou")  # no originals kept there
    with pytest.raises(NotFound, match="文档不存在"):
        original_file(snap, engine.store.originals_dir, "nowhere")
