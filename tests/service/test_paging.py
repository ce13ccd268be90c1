"""Nothing cut off silently (issue 16, point 3): precedents and compare report totals equal to
what can be listed, and paging through them lists exactly that many distinct items."""

from __future__ import annotations

import pytest


def _all_precedents(client, q: str, limit: int) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    first = client.get("/api/precedents", params={"q": q, "limit": limit}).json()
    total = first["total"]
    ids: list[str] = []
    offset = 0
    while offset < total:
        page = client.get("/api/precedents", params={"q": q, "limit": limit, "offset": offset}).json()
        assert page["total"] == total  # the count does not depend on the page
        got = [i["clause_id"] for g in page["groups"] for i in g["items"]]
        assert got, offset
        ids += got
        offset += limit
    past = client.get("/api/precedents", params={"q": q, "limit": limit, "offset": total}).json()
    assert past["groups"] == []
    return total, ids


@pytest.mark.parametrize("q", ["到社区报到", "离退休干部党支部建设"])
def test_precedents_total_is_listable(seed_client, q: str) -> None:  # type: ignore[no-untyped-def]
    total, ids = _all_precedents(seed_client, q, 7)
    assert total > 7  # more than one page: the point of the test
    assert len(ids) == len(set(ids)) == total
    # asking for all at once returns the same items
    every = seed_client.get("/api/precedents", params={"q": q, "limit": 100}).json()
    if total <= 100:
        assert sorted(i["clause_id"] for g in every["groups"] for i in g["items"]) == sorted(ids)


def test_first_page_is_the_ranked_page(seed_client) -> None:  # type: ignore[no-untyped-def]
    page = seed_client.get("/api/precedents", params={"q": "到社区报到", "limit": 5}).json()
    more = seed_client.get("/api/precedents", params={"q": "到社区报到", "limit": 10}).json()
    first = {i["clause_id"] for g in page["groups"] for i in g["items"]}
    assert first <= {i["clause_id"] for g in more["groups"] for i in g["items"]}


def test_compare_columns_page_to_their_totals(seed_client) -> None:  # type: ignore[no-untyped-def]
    params = {"topic": "党支部建设", "regions": "辽宁省,福州市,枣庄市"}
    head = seed_client.get("/api/compare", params={**params, "limit": 3}).json()
    totals = {c["region"]["name"]: c["total"] for c in head["columns"]}
    assert max(totals.values()) > 3
    seen: dict[str, list[str]] = {name: [] for name in totals}
    offset = 0
    while offset < max(totals.values()):
        page = seed_client.get("/api/compare", params={**params, "limit": 3, "offset": offset}).json()
        for col in page["columns"]:
            assert col["total"] == totals[col["region"]["name"]]
            seen[col["region"]["name"]] += [i["clause_id"] for i in col["items"]]
        offset += 3
    for name, ids in seen.items():
        assert len(ids) == len(set(ids)) == totals[name], name
    every = seed_client.get("/api/compare", params={**params, "limit": 100}).json()
    for col in every["columns"]:
        if col["total"] <= 100:
            assert len(col["items"]) == col["total"]


def test_paging_bad_values(seed_client) -> None:  # type: ignore[no-untyped-def]
    assert seed_client.get("/api/precedents", params={"q": "社区", "offset": -1}).status_code == 400
    assert seed_client.get("/api/compare", params={"topic": "党支部", "offset": "x"}).status_code == 400
