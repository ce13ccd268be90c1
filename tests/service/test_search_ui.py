"""/api/search for the results page (issue 16, point 4): one response with hits, facets, the
document a 文号 names and where strong matches end; repeated facet params; sort and dates."""

from __future__ import annotations

import pytest

from service.searchview import canonical_query, loose_doc_no

SPELLINGS = [
    "辽老通字2020年4号",
    "辽老通字〔2020〕4号",
    "辽老通字[2020]4号",
    "辽老通字(2020)4号",
    "辽老通字（2020）第4号",
    "辽老通字 〔2020〕 第 4 号",
    "辽老通字（２０２０）４号",
    "辽老通字[2020]04号",
]


@pytest.mark.parametrize("q", SPELLINGS)
def test_loose_doc_no(q: str) -> None:
    assert loose_doc_no(q) == "辽老通字〔2020〕4号"


def test_canonical_query_only_when_the_query_is_a_number() -> None:
    assert canonical_query("辽老通字2020年4号")[0] == "辽老通字〔2020〕4号"
    assert canonical_query("辽老通字2020年4号 社区报到")[0] == "辽老通字2020年4号 社区报到"
    assert loose_doc_no("2020年3月5日召开会议") is None
    assert loose_doc_no("党员人数5人以上") is None


@pytest.mark.parametrize("q", SPELLINGS[:6])
def test_doc_no_finds_the_document_first(seed_client, q: str) -> None:  # type: ignore[no-untyped-def]
    r = seed_client.get("/api/search", params={"q": q})
    assert r.status_code == 200
    body = r.json()
    match = body["document_match"]
    assert match is not None and match["doc_no"] == "辽老通字〔2020〕4号"
    assert match["citation"]["text"]
    # the clauses listed are the document's own (or cite it), not an unrelated clause first
    assert body["results"][0]["doc_id"] == match["doc_id"]


def test_no_document_match_for_a_question(seed_client) -> None:  # type: ignore[no-untyped-def]
    body = seed_client.get("/api/search", params={"q": "社区报到"}).json()
    assert body["document_match"] is None


def test_one_response_has_everything(seed_client) -> None:  # type: ignore[no-untyped-def]
    body = seed_client.get(
        "/api/search", params={"q": "离退休干部党支部 社区报到", "strong_first": True, "limit": 50}
    ).json()
    assert {"results", "facets", "total", "strong_total", "document_match", "notices"} <= set(body)
    assert {"region", "doc_type", "year", "program", "issuer", "level"} <= set(body["facets"])
    strong = body["strong_total"]
    assert 0 < strong < body["total"]
    flags = [h["strong"] for h in body["results"]]
    assert flags[:strong] == [True] * min(strong, len(flags))
    assert not any(flags[strong:])


def test_issuer_facet_lists_every_unit_cards_show(seed_client) -> None:  # type: ignore[no-untyped-def]
    body = seed_client.get("/api/search", params={"q": "党建工作", "limit": 100}).json()
    values = {v["value"]: v["count"] for v in body["facets"]["issuer"]}
    shown = set()
    for h in body["results"]:
        d = h["document"]
        shown.update(u for u in [d["issuer"], d["author_unit"], d["source_unit"]] if u and "、" not in u)
    assert shown and shown <= set(values)
    for unit in list(shown)[:5]:
        got = seed_client.get("/api/search", params={"q": "党建工作", "issuer": unit, "limit": 100}).json()
        assert got["total"] == values[unit] > 0


def test_multi_select_and_disjunctive_counts(seed_client) -> None:  # type: ignore[no-untyped-def]
    base = seed_client.get("/api/search", params={"q": "党支部", "limit": 100}).json()
    counts = {v["value"]: v["count"] for v in base["facets"]["region"]}
    a = seed_client.get("/api/search", params={"q": "党支部", "region": "福州市", "limit": 100}).json()
    ab = seed_client.get(
        "/api/search", params={"q": "党支部", "region": ["福州市", "枣庄市"], "limit": 100}
    ).json()
    assert a["total"] == counts["福州市"]
    assert ab["total"] == counts["福州市"] + counts["枣庄市"]
    # the region facet ignores its own selection: 枣庄市 stays selectable with its count
    chosen = {v["value"]: v["count"] for v in a["facets"]["region"]}
    assert chosen["枣庄市"] == counts["枣庄市"]
    # AND across facets
    both = seed_client.get(
        "/api/search",
        params={"q": "党支部", "region": ["福州市", "枣庄市"], "doc_type": "通知", "limit": 100},
    ).json()
    assert {h["document"]["region"]["name"] for h in both["results"]} == {"福州市"}


def test_sort_and_dates(seed_client) -> None:  # type: ignore[no-untyped-def]
    body = seed_client.get("/api/search", params={"q": "党支部", "sort": "date", "limit": 100}).json()
    dates = [h["document"]["date"] for h in body["results"] if h["document"]["date"]]
    assert dates == sorted(dates, reverse=True)
    ranged = seed_client.get(
        "/api/search", params={"q": "党支部", "date_from": "2018", "date_to": "2018-12", "limit": 100}
    ).json()
    assert ranged["total"] > 0
    assert all((h["document"]["date"] or "2018")[:4] == "2018" for h in ranged["results"])


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "size"},
        {"field": "body"},
        {"date_from": "2020-02-30"},
        {"date_from": "2021", "date_to": "2020"},
        {"region": ["福州市", "辽林省"]},
        {"level": "火星"},
    ],
)
def test_bad_params_are_400(seed_client, params) -> None:  # type: ignore[no-untyped-def]
    r = seed_client.get("/api/search", params={"q": "党支部", **params})
    assert r.status_code == 400
    assert r.json()["error"]["message"]
