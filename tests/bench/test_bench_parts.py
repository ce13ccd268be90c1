"""Unit tests of the bench parts that need no index of ours: gold scoring over contract JSON, the
stock baseline, the corpus generator, LeCaRD streaming and ranking completion."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from bench import eval as bench_eval
from bench import lecard
from bench.baseline import StockIndex, blank_line_paragraphs
from bench.corpus_gen import Gaz, _substitution, generate, region_names_in

# ------------------------------------------------------------------ eval over contract JSON


def test_score_compare_needs_every_substring_in_the_first_five_items() -> None:
    item = {"kind": "compare", "expect": {"福州市": ["1335"], "枣庄市": ["本色家园"]}}
    body = {
        "columns": [
            {"region": {"id": "r1", "name": "福州市"}, "items": [{"text": "推进“1335”机制", "facts": []}]},
            {
                "region": {"id": "r2", "name": "枣庄市"},
                "items": [{"text": "其他"}] * 5 + [{"text": "本色家园"}],  # sixth item: too late
            },
        ]
    }
    got = bench_eval.score_compare(item, body)
    assert got["regions"] == {"福州市": True, "枣庄市": False}
    assert got["score"] == 0.5


def test_score_compare_counts_fact_texts() -> None:
    item = {"kind": "compare", "expect": {"A市": ["5人以上"]}}
    body = {
        "columns": [{"region": {"name": "A市"}, "items": [{"text": "x", "facts": [{"text": "党员5人以上"}]}]}]
    }
    assert bench_eval.score_compare(item, body)["score"] == 1.0


def test_graph_names_select_by_relation_and_direction() -> None:
    detail = {
        "name": "1335",
        "aliases": ["“1335”机制"],
        "neighbors": [
            {"relation": "part_of", "direction": "in", "entity": {"name": "思想教育", "aliases": []}},
            {"relation": "part_of", "direction": "out", "entity": {"name": "上级", "aliases": []}},
            {"relation": "implements", "direction": "in", "entity": {"name": "某单位", "aliases": ["别名"]}},
        ],
    }
    assert bench_eval.graph_names("parts", detail) == ["思想教育"]
    assert bench_eval.graph_names("region_parent", detail) == ["上级"]
    assert bench_eval.graph_names("implementers", detail) == ["某单位", "别名"]
    assert bench_eval.graph_names("alias", detail) == ["1335", "“1335”机制"]


def test_pick_entity_prefers_exact_name_or_alias() -> None:
    results = [{"id": "x", "name": "沈阳市委"}, {"id": "y", "name": "沈阳", "aliases": ["沈阳市"]}]
    assert bench_eval.pick_entity(results, "沈阳市")["id"] == "y"
    assert bench_eval.pick_entity(results, "别的")["id"] == "x"
    assert bench_eval.pick_entity([], "x") is None


def test_score_item_through_a_fake_api_and_errors_score_zero() -> None:
    def get(path: str, params: dict) -> dict:
        if path == "/api/search":
            return {"results": [{"text": "无关"}, {"text": "开展三会一课"}]}
        raise RuntimeError("boom")

    row = bench_eval.score_item(
        {"id": "X", "kind": "clause", "q": "三会一课", "relevant": [{"ev": "三会一课", "g": 2}]}, get
    )
    assert row["mrr"] == 0.5 and row["recall_top"] == 1.0
    bad = bench_eval.score_item(
        {"id": "Y", "kind": "precedent", "q": "q", "relevant": [{"ev": "a", "g": 2}]}, get
    )
    assert bad["score"] == 0.0 and "boom" in bad["error"]


def test_precedent_texts_flatten_groups_in_order() -> None:
    body = {"groups": [{"items": [{"text": "a"}, {"text": "b"}]}, {"items": [{"text": "c"}]}]}
    assert bench_eval.precedent_texts(body) == ["a", "b", "c"]


# ------------------------------------------------------------------ stock baseline


def test_blank_line_paragraphs() -> None:
    assert blank_line_paragraphs("甲\n乙\n\n丙\r\n \r\n丁\n") == ["甲\n乙", "丙", "丁"]


def test_stock_and_versus_or_grouping() -> None:
    ix = StockIndex.build([("1", "离退休干部党支部换届改选"), ("2", "老党员学习活动积分制度")])
    assert ix.search("换届改选 积分制度", grouping="and") == []
    ids = {h["id"] for h in ix.search("换届改选 积分制度", grouping="or")}
    assert ids == {"1", "2"}


# ------------------------------------------------------------------ corpus generator

TINY_GAZ = Gaz(
    (
        ("甲省", (("甲一市", ("甲一区", "甲一县")), ("甲二市", ("甲二区",)))),
        ("乙省", (("乙一市", ("乙一区",)),)),
    )
)


def test_substitution_keeps_levels_and_hierarchy() -> None:
    import random

    names = {"辽宁省": "province", "沈阳市": "city", "振兴区": "county"}
    mapping = _substitution(names, random.Random(3), TINY_GAZ)
    prov = mapping["辽宁省"]
    cities = dict(dict(TINY_GAZ.provinces)[prov])
    assert mapping["沈阳市"] in cities
    assert mapping["振兴区"] in {c for cs in cities.values() for c in cs}


def test_region_names_found_only_when_present() -> None:
    assert region_names_in(["甲一市的甲一县"], TINY_GAZ) == {"甲一市": "city", "甲一县": "county"}


def test_generate_is_deterministic_and_sized() -> None:
    a = list(generate(120, seed=7))
    b = list(generate(120, seed=7))
    assert a == b
    assert sum(n for _, _, n in a) == 120
    assert a != list(generate(120, seed=8))


def test_generated_files_are_all_distinct() -> None:
    # a build counts a repeated file once: the scaled sizes must be real clause counts
    texts = [text for _, text, _ in generate(3000, seed=0)]
    assert len(set(texts)) == len(texts)


# ------------------------------------------------------------------ LeCaRD streaming


def _tar(path: Path, members: dict[str, dict]) -> None:
    with tarfile.open(path, "w:xz") as tf:
        for name, obj in members.items():
            data = json.dumps(obj, ensure_ascii=False).encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))


def test_stream_pools_reads_only_wanted_folders(tmp_path: Path) -> None:
    root = tmp_path / "lecard"
    (root / "data" / "candidates").mkdir(parents=True)
    _tar(
        root / "data" / "candidates" / "candidates.tar.xz",
        {
            "candidates/1/10.json": {"ajName": "甲案", "ajjbqk": "事实一"},
            "candidates/1/11.json": {"ajName": "乙案", "ajjbqk": "事实二", "cpfxgc": "本院认为"},
            "candidates/2/20.json": {"ajName": "丙案"},
            "candidates/3/30.json": {"ajName": "丁案"},
        },
    )
    pools = dict(lecard.stream_pools(["1", "3"], root))
    assert sorted(pools) == ["1", "3"]
    assert [c.cid for c in pools["1"]] == ["10", "11"]
    assert pools["1"][1].fields["cpfxgc"] == "本院认为"
    assert pools["1"][0].fields["cpfxgc"] == ""  # missing fields become empty
    cached = lecard.cached_pools(["1"], cache_dir=tmp_path / "cache", root=root)
    again = lecard.cached_pools(["1"], cache_dir=tmp_path / "cache", root=root)
    assert [c.cid for c in cached["1"]] == [c.cid for c in again["1"]] == ["10", "11"]
    assert len(list((tmp_path / "cache").glob("*.json.gz"))) == 1


def test_complete_ranking_appends_unscored_in_id_order() -> None:
    pool = [lecard.Candidate(c, {}) for c in ("30", "4", "100", "7")]
    assert lecard.complete_ranking(["100"], pool) == ["100", "4", "7", "30"]


def test_run_rankers_records_failures() -> None:
    data = lecard.LecardData(
        queries={"q": lecard.Query("q", "案情")},
        labels={"q": {"a": 3, "b": 0}},
        annotated={"q": ["a", "b"]},
        order=["q"],
    )
    pool = [lecard.Candidate("a", {}), lecard.Candidate("b", {})]

    def good(query, cands):  # type: ignore[no-untyped-def]
        return ["a", "b"]

    def bad(query, cands):  # type: ignore[no-untyped-def]
        raise ValueError("x")

    out = lecard.run_rankers(data, {"good": good, "bad": bad}, ["q"], [("q", pool)])
    assert out["good"]["mean"]["p@5"] == pytest.approx(0.2)
    assert out["good"]["mean"]["map"] == 1.0
    assert out["bad"]["errors"] == {"q": "ValueError: x"}
