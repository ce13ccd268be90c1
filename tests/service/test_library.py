"""The library (issue 16, point 5): list with filters, facets and sort; originals; related documents."""

from __future__ import annotations

import pytest

from policykg.errors import BadQuery
from policykg.model import Document
from service.library import date_span, document_units, in_dates, parse_date_bound, source_url
from service.library_routes import safe_download_name


def _doc(**kw: object) -> Document:
    base: dict[str, object] = {
        "id": "d",
        "title": "t",
        "text": "",
        "search_text": "",
        "source": "d.txt",
        "sha256": "0",
    }
    base.update(kw)
    return Document(**base)  # type: ignore[arg-type]


def test_date_bounds() -> None:
    assert parse_date_bound("2020", "x", upper=False) == "2020-01-01"
    assert parse_date_bound("2020", "x", upper=True) == "2020-12-31"
    assert parse_date_bound("2020-02", "x", upper=True) == "2020-02-29"
    assert parse_date_bound("2021-12", "x", upper=True) == "2021-12-31"
    assert parse_date_bound("2020-3-5", "x", upper=False) == "2020-03-05"
    for bad in ("2020-13", "2020-02-30", "20200101", "去年"):
        with pytest.raises(BadQuery):
            parse_date_bound(bad, "x", upper=False)


def test_year_only_documents_overlap_by_year() -> None:
    assert date_span(_doc(years=[2019, 2021])) == ("2019-01-01", "2021-12-31")
    assert in_dates(_doc(date="2020-02-25"), "2020-02-01", "2020-02-29")
    assert not in_dates(_doc(date="2020-02-25"), "2020-03-01", None)
    assert not in_dates(_doc(), "2020-01-01", None)  # undated: outside any date range
    assert in_dates(_doc(), None, None)


def test_units_and_source_url() -> None:
    doc = _doc(
        issuers=["甲局"],
        author_unit="乙处",
        source_unit="丙报",
        residue={"nav": ["原文链接：https://example.org/a/1.html"]},
    )
    assert document_units(doc) == ["甲局", "乙处", "丙报"]
    assert source_url(doc) == "https://example.org/a/1.html"
    assert source_url(_doc(source_url="https://x.test/p")) == "https://x.test/p"
    assert source_url(_doc()) is None


def test_download_name_is_safe() -> None:
    assert safe_download_name('a"b;\r\nc/../d.txt') == "abc..d.txt"
    assert safe_download_name("...") == "original"


def test_list_filters_facets_sort(seed_client) -> None:  # type: ignore[no-untyped-def]
    every = seed_client.get("/api/documents", params={"limit": 100}).json()
    assert every["total"] == len(every["items"]) == len(every["documents"])
    assert {"doc_type", "region", "year", "issuer"} <= set(every["facets"])
    item = every["items"][0]
    assert {"issuer_units", "has_original", "source_url", "overrides", "clause_count"} <= set(item)
    # newest first by default, undated last
    dates = [i["date"] for i in every["items"] if i["date"]]
    assert dates == sorted(dates, reverse=True)
    # every facet value filters to exactly its count
    for facet in ("doc_type", "region", "issuer", "year"):
        for row in every["facets"][facet][:6]:
            params = {"limit": 100}
            if facet == "year":
                params.update(year_from=row["value"], year_to=row["value"])
            else:
                params[facet] = row["value"]
            got = seed_client.get("/api/documents", params=params).json()
            assert got["total"] == row["count"], (facet, row)
    # OR within a facet
    a, b = (r["value"] for r in every["facets"]["doc_type"][:2])
    one = seed_client.get("/api/documents", params={"doc_type": a, "limit": 100}).json()["total"]
    two = seed_client.get("/api/documents", params={"doc_type": [a, b], "limit": 100}).json()["total"]
    assert two > one
    titles = [
        i["title"]
        for i in seed_client.get("/api/documents", params={"sort": "title", "limit": 100}).json()["items"]
    ]
    assert len(titles) == every["total"]
    # title words
    hit = seed_client.get("/api/documents", params={"q": "红枫行动 实施意见"}).json()
    assert hit["total"] >= 1 and all("红枫行动" in i["title"] for i in hit["items"])
    # paging
    page = seed_client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert [i["doc_id"] for i in page["items"]] == [i["doc_id"] for i in every["items"][2:4]]


@pytest.mark.parametrize(
    "params",
    [{"date_from": "2020-13"}, {"region": "辽林省"}, {"sort": "size"}, {"year_from": 2022, "year_to": 2020}],
)
def test_list_bad_values_are_400(seed_client, params) -> None:  # type: ignore[no-untyped-def]
    r = seed_client.get("/api/documents", params=params)
    assert r.status_code == 400
    assert r.json()["error"]["message"]


def test_original_download_and_related(seed_client) -> None:  # type: ignore[no-untyped-def]
    items = seed_client.get("/api/documents", params={"limit": 100}).json()["items"]
    with_original = [i for i in items if i["has_original"]]
    assert with_original
    doc_id = with_original[0]["doc_id"]
    r = seed_client.get(f"/api/documents/{doc_id}/original")
    assert r.status_code == 200 and r.content
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert seed_client.get("/api/documents/nope/original").status_code == 404
    # a bulletin article that cites documents, and documents of other regions on its programs
    detail = seed_client.get("/api/documents/001_a6bb10912aa23e10~01").json()
    related = detail["related"]
    assert related["cites"], "the speech cites documents"
    cited_ids = {c["doc_id"] for c in related["cites"] if c["in_library"]}
    for cid in cited_ids:
        back = seed_client.get(f"/api/documents/{cid}").json()["related"]["cited_by"]
        assert "001_a6bb10912aa23e10~01" in {x["doc_id"] for x in back}
    region = detail["region"]["name"] if detail["region"] else None
    for other in related["same_topic_other_regions"]:
        assert other["shared"]
        assert other["region"] and other["region"]["name"] != region
    assert detail["citation"]["text"]


def test_graph_path_avoids_concepts_unless_asked() -> None:
    from graph.store import KnowledgeGraph
    from policykg.model import Entity

    kg = KnowledgeGraph()
    for eid, etype in [
        ("program:a", "program"),
        ("program:b", "program"),
        ("concept:x", "concept"),
        ("region:r", "region"),
    ]:
        kg.add_entity(Entity(id=eid, name=eid, type=etype))  # type: ignore[arg-type]
    kg.add_edge("program:a", "concept:x", "mentions", [])
    kg.add_edge("program:b", "concept:x", "mentions", [])
    assert len(kg.path("program:a", "program:b")) == 2  # through the shared slogan
    assert kg.path("program:a", "program:b", avoid_types=("concept",)) == []
    kg.add_edge("program:a", "region:r", "located_in", [])
    kg.add_edge("program:b", "region:r", "located_in", [])
    steps = kg.path("program:a", "program:b", avoid_types=("concept",))
    assert [s.target for s in steps] == ["region:r", "region:r"]
    # an end may itself be a concept
    assert kg.path("concept:x", "program:a", avoid_types=("concept",))


def test_api_path_reports_concept_only_connections(seed_client) -> None:  # type: ignore[no-untyped-def]
    concepts = seed_client.get("/api/entities", params={"type": "concept", "limit": 50}).json()["results"]
    programs = seed_client.get("/api/entities", params={"type": "program", "limit": 50}).json()["results"]
    if not concepts or not programs:
        pytest.skip("no concept or program entities in the seed graph")
    for c in concepts[:5]:
        r = seed_client.get("/api/graph/path", params={"source": programs[0]["id"], "target": c["id"]}).json()
        assert "concept_path" in r
        inner = [s for s in r["steps"][:-1]]
        ids = {s["target"] for s in inner} | {s["source"] for s in inner}
        assert not any(i.startswith("concept:") and i != c["id"] for i in ids)
    r = seed_client.get(
        "/api/graph/path",
        params={"source": programs[0]["id"], "target": programs[-1]["id"], "via_concepts": True},
    )
    assert r.status_code == 200
