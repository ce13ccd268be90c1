"""Issue 16 through the backend seam: multi-value filters (OR within, AND across), date range and
date sort, title-only mode, the document level, units in the issuer facet, strong matches."""

from __future__ import annotations

import dataclasses

import pytest
from search_fixtures import corpus

from policykg.errors import BadQuery
from search.index import ClauseIndex
from search.results import SearchRequest


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> ClauseIndex:
    docs, anns = corpus()
    sy = next(d for d in docs if d.id == "sy")
    sy.author_unit = "沈阳市委老干部局调研组"
    sy.source_unit = "沈阳日报"
    undated = next(d for d in docs if d.id == "zx")
    undated.date = None
    undated.years = [2019, 2021]
    nothing = next(d for d in docs if d.id == "zb")
    nothing.date = None
    nothing.years = []
    return ClauseIndex.create(tmp_path_factory.mktemp("ui") / "index", docs, anns)


def _docs(ix: ClauseIndex, **kw: object) -> set[str]:
    page = ix.search(SearchRequest(q=kw.pop("q", "离退休干部"), limit=100, **kw))  # type: ignore[arg-type]
    return {h.doc_id for h in page.results}


def test_or_within_and_across(ix: ClauseIndex) -> None:
    one = _docs(ix, q="党建", region="沈阳市")
    other = _docs(ix, q="党建", region="福州市")
    both = _docs(ix, q="党建", region=["沈阳市", "福州市"])
    assert one and other and both == one | other
    assert _docs(ix, q="党建", region=["沈阳市", "福州市"], doc_type="通知") == other
    assert _docs(ix, q="党建", doc_type=["通知", "经验交流"]) >= one | other


def test_units_are_issuer_values(ix: ClauseIndex) -> None:
    page = ix.search(SearchRequest(q="学习", limit=10))
    issuers = {v["value"] for v in page.facets["issuer"]}
    assert {"沈阳市委老干部局调研组", "沈阳日报", "沈阳市委老干部局"} <= issuers
    for unit in ("沈阳日报", "沈阳市委老干部局调研组"):
        assert _docs(ix, q="学习", issuer=unit) == {"sy"}


def test_date_range_and_sort(ix: ClauseIndex) -> None:
    july = _docs(ix, q="离退休干部", date_from="2020-07-01", date_to="2020-07-31")
    assert "fz" not in july and "ln" not in july
    # a document known only by its years overlaps by year
    assert "zx" in _docs(ix, q="离退休干部", date_from="2021-03-01", date_to="2021-03-31")
    assert "zx" not in _docs(ix, q="离退休干部", date_from="2022-01-01")
    page = ix.search(SearchRequest(q="离退休干部", limit=100, sort="date"))
    # a year-only document sorts by the first day of its latest year; one without any date last
    order = [h.document.get("date") or ("2021-01-01" if h.doc_id == "zx" else "") for h in page.results]
    assert order == sorted(order, reverse=True)
    assert order[-1] == "" and page.results[-1].doc_id == "zb"
    assert page.total == ix.search(SearchRequest(q="离退休干部", limit=100)).total


def test_title_only(ix: ClauseIndex) -> None:
    everywhere = _docs(ix, q="红枫行动")
    titled = _docs(ix, q="红枫行动", field="title")
    assert titled == {"ln"} and "sy" in everywhere


def test_level(ix: ClauseIndex) -> None:
    page = ix.search(SearchRequest(q="离退休干部", limit=100))
    levels = {v["value"] for v in page.facets["level"]}
    assert {"省级", "市级", "县级"} <= levels
    assert _docs(ix, level="县级") == {"zx"}
    assert _docs(ix, level=["省级", "县级"]) == {"ln", "zx"}


def test_strong_matches(ix: ClauseIndex) -> None:
    r = SearchRequest(q="离退休干部 党支部 换届", limit=100)
    page = ix.search(r)
    assert page.strong_total is not None and 0 < page.strong_total < page.total
    assert sum(h.strong for h in page.results) == page.strong_total
    first = ix.search(dataclasses.replace(r, strong_first=True))
    flags = [h.strong for h in first.results]
    assert flags == [True] * page.strong_total + [False] * (len(flags) - page.strong_total)
    assert {h.clause_id for h in first.results} == {h.clause_id for h in page.results}
    # a boolean or filter-only query: every hit is as strong
    only = ix.search(SearchRequest(q="", region="辽宁省", limit=100))
    assert only.strong_total == only.total


@pytest.mark.parametrize("kw", [{"sort": "size"}, {"field": "body"}])
def test_bad_values(ix: ClauseIndex, kw: dict[str, str]) -> None:
    with pytest.raises(BadQuery):
        ix.search(SearchRequest(q="党建", **kw))  # type: ignore[arg-type]
