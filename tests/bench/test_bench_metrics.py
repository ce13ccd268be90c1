"""Metric unit tests with hand-computed values, and the published LeCaRD rows reproduced exactly."""

from __future__ import annotations

import math

import pytest

from bench import metrics
from bench.metrics import Evidence, credit, graded_scores, lecard_cail_ndcg, lecard_paper_query, match_form

L3 = 1 / math.log2(3)  # discount of rank 2
L5 = 1 / math.log2(5)  # discount of rank 4


def test_match_form_folds_width_script_and_space() -> None:
    assert match_form("黨支部 規範化\n建設") == "党支部规范化建设"
    assert match_form("ＡＢ　１２") == "AB12"


def test_credit_first_result_only_and_long_results_earn_nothing() -> None:
    rel = [Evidence("三会一课", 2)]
    long_hit = "三会一课" + "字" * 1500
    got = credit([long_hit, "落实三会一课制度", "三会一课"], rel)
    assert got == [[], [rel[0]], []]


def test_graded_scores_hand_computed() -> None:
    rel = [Evidence("甲乙", 2), Evidence("丙丁", 1)]
    s = graded_scores(["无关", "含甲乙的条款", "含丙丁的条款"], rel)
    dcg = 3 * L3 + 1 * 0.5
    idcg = 3 + 1 * L3
    assert s["ndcg"] == pytest.approx(dcg / idcg)
    assert s["ndcg"] == pytest.approx(0.6590, abs=1e-4)
    assert s["recall_top"] == 1.0
    assert s["mrr"] == 0.5


def test_one_result_with_two_evidence_items_earns_its_best_grade() -> None:
    # the reading that reproduces the stock-baseline figures quoted in the issues (0.826 on D03)
    rel = [Evidence("甲乙", 2), Evidence("丙丁", 1)]
    s = graded_scores(["甲乙和丙丁"], rel)
    assert s["ndcg"] == pytest.approx(3 / (3 + L3))
    assert s["ndcg"] == pytest.approx(0.8262, abs=1e-4)


def test_graded_scores_nothing_found() -> None:
    s = graded_scores(["无关"] * 10, [Evidence("甲", 2)])
    assert s == {"ndcg": 0.0, "recall_top": 0.0, "mrr": 0.0}


def test_recall_counts_only_top_grade() -> None:
    rel = [Evidence("甲", 2), Evidence("乙", 2), Evidence("丙", 1)]
    assert graded_scores(["甲", "丙"], rel)["recall_top"] == 0.5


def test_lecard_paper_protocol_hand_computed() -> None:
    annotated = ["a", "b", "c", "d"]
    labels = {"a": 3, "b": 0, "c": 2, "d": 3}
    # x is not annotated (filtered out); c was never retrieved (drops out of the ideal)
    m = lecard_paper_query(["x", "d", "b", "a"], annotated, labels)
    assert m["ndcg@10"] == pytest.approx((3 + 3 * 0.5) / (3 + 3 * L3))
    assert m["ndcg@10"] == pytest.approx(0.91972, abs=1e-5)
    assert m["p@5"] == pytest.approx(2 / 5)
    assert m["p@10"] == pytest.approx(2 / 10)
    assert m["map"] == pytest.approx((1 + 2 / 3) / 2)


def test_lecard_paper_protocol_no_relevant() -> None:
    m = lecard_paper_query(["b"], ["a", "b"], {"a": 3, "b": 0})
    assert m["map"] == 0.0 and m["ndcg@30"] == 0.0 and m["p@5"] == 0.0


def test_lecard_cail_protocol_hand_computed() -> None:
    labels = {"a": 3, "b": 0, "c": 2, "d": 3}
    v = lecard_cail_ndcg(["x", "d", "b", "a"], labels, 30)
    assert v == pytest.approx((3 * L3 + 3 * L5) / (3 + 3 * L3 + 2 * 0.5))
    assert v == pytest.approx(0.54046, abs=1e-5)


def test_percentile_linear() -> None:
    assert metrics.percentile([4, 1, 3, 2], 50) == pytest.approx(2.5)
    assert metrics.percentile([1, 2, 3, 4], 95) == pytest.approx(3.85)
    assert metrics.median([7.0]) == 7.0


# ------------------------------------------------------------------ published LeCaRD rows

TABLE1 = {
    "BM25": (0.406, 0.381, 0.484, 0.731, 0.797, 0.888),
    "TF-IDF": (0.304, 0.261, 0.457, 0.795, 0.832, 0.848),
    "LMIR": (0.436, 0.406, 0.495, 0.769, 0.818, 0.900),
}


@pytest.fixture(scope="module")
def lecard_data():  # type: ignore[no-untyped-def]
    from bench import lecard

    if not (lecard.LECARD_DIR / "data" / "label" / "label_top30_dict.json").exists():
        pytest.skip("LeCaRD data not present")
    return lecard.load_data()


def test_published_table1_reproduced_exactly(lecard_data) -> None:  # type: ignore[no-untyped-def]
    from bench import lecard

    got = lecard.reproduce_published(lecard_data, 100)
    for name, row in TABLE1.items():
        ours = tuple(round(got[name][k], 3) for k in lecard.PAPER_KEYS)
        assert ours == row, name
    # the same numbers are what the report prints as "published"
    for name, row in TABLE1.items():
        assert tuple(lecard.PUBLISHED[f"{name} (published)"][k] for k in lecard.PAPER_KEYS) == row


def test_published_test_split_ndcg_and_map(lecard_data) -> None:  # type: ignore[no-untyped-def]
    """Table 2 (every 5th query): NDCG and MAP match the paper (P@k of BM25/TF-IDF do not, see README)."""
    from bench import lecard

    qids = lecard_data.first(100)[::5]
    lm = lecard.score_rankings(lecard_data, lecard.load_predictions("LMIR"), qids)["mean"]
    assert tuple(round(lm[k], 3) for k in lecard.PAPER_KEYS) == (0.450, 0.435, 0.512, 0.769, 0.807, 0.896)
    bm = lecard.score_rankings(lecard_data, lecard.load_predictions("BM25"), qids)["mean"]
    assert (round(bm["map"], 3), round(bm["ndcg@10"], 3), round(bm["ndcg@30"], 3)) == (0.498, 0.739, 0.894)
