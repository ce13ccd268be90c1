"""service.searchresults over a fake build: the search with its own facets, the results page's
clauses, facet order and notices, and the matched document's view."""

from __future__ import annotations

import html

import pytest
from svc_fakes import built_engine

from service.engine import Engine, Hit, SearchOutcome, SearchParams
from service.searchresults import match_view, results_page, run_search
from service.snapshot import Snapshot


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("searchresults")
    eng = built_engine(root)
    return eng


@pytest.fixture(scope="module")
def snap(engine: Engine) -> Snapshot:
    return engine.snapshot()


def test_run_search_counts_own_facets_only_for_a_selection(engine: Engine, snap: Snapshot) -> None:
    outcome, own = run_search(engine.backend, snap, SearchParams(q="社区报到"))
    assert outcome.total >= 2 and own == {}
    _, own = run_search(engine.backend, snap, SearchParams(q="社区报到", region="丹东市"))
    # the region facet counted without its own selection: 福州 and 辽宁 stay selectable
    assert {row["value"] for row in own["region"]} >= {"辽宁省", "丹东市"}
    _, own = run_search(engine.backend, snap, SearchParams(q="社区报到", region="丹东市", facets=False))
    assert own == {}


def test_results_page_skips_unknown_clauses_and_escapes_unhighlighted_text(snap: Snapshot) -> None:
    params = SearchParams(q="党支部", limit=5, offset=0)
    outcome = SearchOutcome(
        query="党支部",
        total=3,
        results=[
            Hit(clause_id="fuzhou:0002", score=2.123456, highlight="<mark>党支部</mark>"),
            Hit(clause_id="gone:0001", score=1.5),  # not in this generation
            Hit(clause_id="liaoning:0001", score=1.0, highlight=None),
        ],
        facets={"extra": [{"value": "x", "count": 1}], "year": [{"value": "2018", "count": 1}]},
        notices=["backend notice"],
    )
    own = {"region": [{"value": "福州市", "count": 1}]}
    page = results_page(snap, params, outcome, own, ["request notice"], lambda doc: {})
    assert [r["clause_id"] for r in page["results"]] == ["fuzhou:0002", "liaoning:0001"]
    first, second = page["results"]
    assert first["highlight"] == "<mark>党支部</mark>" and first["score"] == 2.1235
    assert second["highlight"] == html.escape(snap.clauses["liaoning:0001"][0].text)
    assert first["document"]["doc_id"] == "fuzhou" and first["citation"] == snap.citation("fuzhou:0002")
    assert list(page["facets"]) == ["region", "doc_type", "year", "program", "extra"]
    assert page["facets"]["region"] == own["region"]  # own facets replace the backend's
    assert page["notices"] == ["request notice", "backend notice"]
    assert page["total"] == 3 and page["document_match"] is None


def test_match_view_is_the_library_summary_with_a_citation(snap: Snapshot) -> None:
    out = match_view(snap, snap.documents["dandong"], lambda doc: {"doc_id": doc.id, "title": doc.title})
    assert out["doc_id"] == "dandong" and out["title"] == "振兴区离退休干部党建经验"
    assert out["citation"]
