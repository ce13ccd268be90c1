"""Long-text reading: when a text is long, which of its words are kept, how repeats and BM25 are set.

End-to-end behaviour through the index is in test_long_query.py."""

from __future__ import annotations

from collections import Counter

import pytest

from search.longtext import LONG_BM25, LONG_MAX_TERMS, LONG_QUERY_CHARS, LongTextReading
from search.query import QueryBuilder, QueryPlan, Weights


class Host(LongTextReading):
    """is_long and _most_telling need only the weights."""

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights or Weights()


class Stats:
    n = 1000

    def __init__(self, df: dict[str, int]) -> None:
        self._df = df

    def df(self, fieldname: str, word: str) -> int:
        return self._df.get(word, 500)


TERMS = [("党建", 1.0, 0), ("楼栋长", 1.0, 1), ("经费", 1.0, 2), ("驿站", 0.5, 3)]


def test_the_weights_default_to_this_module_s_constants() -> None:
    w = Weights()
    assert (w.long_query_chars, w.long_max_terms, w.long_bm25) == (
        LONG_QUERY_CHARS,
        LONG_MAX_TERMS,
        LONG_BM25,
    )


def test_a_text_is_long_by_its_letters_digits_and_cjk_characters() -> None:
    host = Host(Weights(long_query_chars=10))
    assert host.is_long("党" * 10)
    assert host.is_long("ab12" * 2 + "党建")
    assert not host.is_long("党" * 9)
    assert not host.is_long("党" * 9 + "，。 “”()")  # punctuation and spaces do not count


def test_without_statistics_the_first_words_are_kept() -> None:
    host = Host(Weights(long_max_terms=2))
    assert host._most_telling(TERMS, Counter(), None) == TERMS[:2]


def test_the_most_telling_words_are_kept_in_reading_order() -> None:
    host = Host(Weights(long_max_terms=2))
    # 经费 is rarest; 党建 and 楼栋长 are equally common but the text repeats 楼栋长
    stats = Stats({"经费": 2, "驿站": 2})
    qtf = Counter({"党建": 1, "楼栋长": 3, "经费": 1, "驿站": 1})
    kept = host._most_telling(TERMS, qtf, stats)
    assert [t[0] for t in kept] == ["经费", "驿站"]  # rare beats repeated at these odds …
    qtf["楼栋长"] = 40
    kept = host._most_telling(TERMS, qtf, stats)
    assert [t[0] for t in kept] == ["楼栋长", "经费"]  # … until the repeats outweigh, reading order kept


def test_a_long_reading_saturates_repeats_and_carries_its_own_scoring() -> None:
    builder = QueryBuilder(weights=Weights(long_qtf_k3=4.0, long_coordination=0.0))
    plan = QueryPlan(None, mode="long")
    ranked = builder._long("楼栋长 楼栋长 楼栋长 经费 （见附件） AND", plan, None)
    assert ranked is not None
    qtf = {g.label: g.qtf for g in ranked.groups}
    assert qtf["楼栋长"] == pytest.approx(5 * 3 / (4 + 3)) and qtf["经费"] == 1.0
    assert ranked.required == [] and ranked.pairs == []
    assert ranked.bm25 == LONG_BM25 and ranked.coordination == 0.0


def test_a_long_reading_without_words_is_nothing_to_search() -> None:
    assert QueryBuilder()._long("，。……", QueryPlan(None), None) is None
