"""service.practicepages over a fake build: the candidate pools, a region's own programs, and the
precedents and compare pages (their ranking is tested in test_service_precedents/compare)."""

from __future__ import annotations

import pytest
from svc_fakes import built_engine

from policykg.errors import BadQuery
from service.engine import Engine
from service.practicepages import candidate_pool, compare_page, precedents_page, program_candidates
from service.snapshot import Snapshot


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("practicepages")
    eng = built_engine(root)
    return eng


@pytest.fixture(scope="module")
def snap(engine: Engine) -> Snapshot:
    return engine.snapshot()


def test_candidate_pool_searches_within_the_region(engine: Engine, snap: Snapshot) -> None:
    everywhere = candidate_pool(engine.backend, snap, "离退休干部党支部", 10)
    assert {c.document.id for c in everywhere} == {"liaoning", "dandong", "fuzhou"}
    fujian = candidate_pool(engine.backend, snap, "离退休干部党支部", 10, region="福建省")
    assert fujian and {c.document.id for c in fujian} == {"fuzhou"}
    assert len(candidate_pool(engine.backend, snap, "离退休干部党支部", 1)) == 1


def test_program_candidates_are_the_regions_clauses_naming_its_programs(snap: Snapshot) -> None:
    fuzhou = snap.resolve_region("福州市")
    found = program_candidates(snap, fuzhou, set())
    assert [c.clause.id for c in found] == ["fuzhou:0001"]  # the clause naming “1335”
    assert program_candidates(snap, fuzhou, {"fuzhou:0001"}) == []  # retrieval had it already
    assert program_candidates(snap, snap.resolve_region("北京市"), set()) == []  # no programs there


def test_precedents_page_pages_one_list_and_cites_every_item(engine: Engine, snap: Snapshot) -> None:
    whole = precedents_page(engine.backend, snap, "到社区报到", limit=10, offset=0)
    assert whole["query"] == "到社区报到" and whole["total"] >= 2
    items = [i for g in whole["groups"] for i in g["items"]]
    assert items and all(i["citation"] == snap.citation(i["clause_id"]) for i in items)
    later = precedents_page(engine.backend, snap, "到社区报到", limit=1, offset=1)
    assert later["total"] == whole["total"] and later["offset"] == 1


def test_compare_page_resolves_each_region_once(engine: Engine, snap: Snapshot) -> None:
    out = compare_page(engine.backend, snap, "党支部设置", ["福州", " 福州市 ", ""], limit=10, offset=0)
    assert out["regions"] == ["福州市"] and len(out["columns"]) == 1
    assert all(i["citation"] == snap.citation(i["clause_id"]) for i in out["columns"][0]["items"])


def test_compare_page_without_regions_picks_them_and_refuses_too_many(engine: Engine, snap: Snapshot) -> None:
    assert {"辽宁省", "振兴区"} <= set(compare_page(engine.backend, snap, "社区报到", None, 10, 0)["regions"])
    with pytest.raises(BadQuery, match="20"):
        compare_page(engine.backend, snap, "党建", [f"地区{i}" for i in range(21)], 10, 0)
