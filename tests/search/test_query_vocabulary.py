"""Query vocabulary: compounds the texts spell out, phrase synonyms, request framing, lone characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from search_fixtures import make_doc

from search.index import ClauseIndex
from search.query import QueryBuilder, meta_spans, related_words, strip_meta, synonym_groups
from search.results import SearchRequest
from search.segment import get_segmenter


class FakeStats:
    """Document frequencies and posting sets of an imaginary index of `n` clauses."""

    def __init__(self, n: int, postings: dict[str, range | set[int]]) -> None:
        self.n = n
        self.postings = {w: frozenset(p) for w, p in postings.items()}

    def df(self, fieldname: str, word: str) -> int:
        return len(self.postings.get(word, ()))

    def docs(self, fieldname: str, word: str) -> frozenset[int]:
        return self.postings.get(word, frozenset())


def groups_of(q: str, stats: FakeStats | None = None) -> dict[str, list[tuple[tuple[str, ...], float]]]:
    """label → [(words of an alternative, its weight)] of a question's plan."""
    plan = QueryBuilder().build(q, stats)
    assert plan.ranked is not None
    return {
        g.label: [(tuple(sorted({c[1] for part in a.parts for c in part})), a.weight) for a in g.alts]
        for g in plan.ranked.groups
    }


@pytest.fixture(scope="module")
def builder() -> QueryBuilder:
    return QueryBuilder()


# ---------------------------------------------------------------- compounds and their parts


def test_a_compound_the_texts_spell_out_brings_its_parts() -> None:
    # 离退休党员 is in 30 clauses, but 离退休 and 党员 meet in 300 (离退休干部党员 …)
    stats = FakeStats(
        1000, {"离退休党员": range(30), "离退休": range(500), "党员": {*range(300), *range(900, 1000)}}
    )
    alts = groups_of("离退休党员", stats)["离退休党员"]
    assert (("党员", "离退休"), QueryBuilder().weights.spelled_out) in alts


def test_a_word_said_whole_gets_no_parts() -> None:
    # 离退休干部: wherever 离退休 and 干部 meet, the word is there — its parts add only noise
    stats = FakeStats(1000, {"离退休干部": range(400), "离退休": range(420), "干部": range(450)})
    alts = groups_of("离退休干部", stats)["离退休干部"]
    assert all(words != ("干部", "离退休") for words, _w in alts)


def test_a_rare_word_still_brings_its_parts() -> None:
    stats = FakeStats(1000, {"换届改选": range(2), "换届": range(10), "改选": range(5)})
    alts = groups_of("换届改选", stats)["换届改选"]
    assert (("换届", "改选"), QueryBuilder().weights.part) in alts


# ---------------------------------------------------------------- synonyms


def test_a_phrase_spelled_as_several_words_gets_its_synonyms() -> None:
    groups = groups_of("老同志参与疫情防控")
    for word in ("疫情", "防控"):
        assert any(words == ("抗疫",) for words, _w in groups[word]), word


def test_a_longer_synonym_holding_the_word_adds_nothing() -> None:
    alts = groups_of("离退休党员")["离退休党员"]
    assert (("党员", "离退休干部"), QueryBuilder().weights.synonym) in alts
    assert not any("离退休党员" in words and len(words) > 1 for words, _w in alts)


def test_related_words_are_not_search_synonyms() -> None:
    assert "机制" in related_words()["品牌"]
    assert "品牌" not in synonym_groups()
    assert not any(k.startswith("~") for k in synonym_groups())


# ---------------------------------------------------------------- request framing, lone characters


def test_request_framing_is_discounted_not_dropped(builder: QueryBuilder) -> None:
    terms = {w: weight for w, weight, _p in builder.content_terms("离退休干部助力脱贫攻坚有哪些典型做法")}
    assert terms["典型"] == terms["做法"] == builder.weights.meta
    assert terms["脱贫"] == terms["攻坚"] == 1.0
    plan = builder.build("离退休干部助力脱贫攻坚有哪些典型做法")
    assert plan.ranked is not None
    assert ("典型", "做法", 1.0) not in plan.ranked.pairs
    assert ("脱贫", "攻坚", 1.0) in plan.ranked.pairs


def test_meta_spans_take_the_longest_match() -> None:
    text = "其他地方有哪些典型做法"
    assert [text[s:e] for s, e in meta_spans(text)] == ["其他地方", "典型做法"]


def test_strip_meta() -> None:
    assert strip_meta("其他地方怎么组织离退休党员到社区报到?") == "怎么组织离退休党员到社区报到?"
    assert strip_meta("離退休幹部助力脫貧攻堅有哪些典型做法").startswith("离退休干部助力脱贫攻坚有哪些")
    assert strip_meta("典型做法") == "典型做法"  # nothing else to search
    assert strip_meta("“典型做法”汇编") == "“典型做法”汇编"  # a quoted phrase is taken as typed
    assert strip_meta("建立银发人才库") == "建立银发人才库"


def test_a_lone_character_the_index_lacks_does_not_break_proximity() -> None:
    stats = FakeStats(100, {"长期": range(3), "外地": range(2), "住": set()})
    plan = QueryBuilder().build("长期住在外地", stats)
    assert plan.ranked is not None
    assert [(a, b) for a, b, _w in plan.ranked.pairs] == [("长期", "外地")]


def test_report_for_duty_is_one_word() -> None:
    assert "报到" in get_segmenter().cut("组织离退休党员到社区报到")


# ---------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> ClauseIndex:
    doc = make_doc(
        "v",
        "离退休干部党建工作情况",
        [
            "老同志积极参与抗疫，站岗值守，宣传防护知识。",
            "离退休干部党支部坚持学习制度，每月开展一次集中学习。",
            "加强党支部活动场所建设，做到有场所、有设施、有标志。",
            "总结推广典型做法和经验，评选先进党支部。",
            "组织离退休干部党员到社区报到，参加社区党组织活动。",
        ],
    )
    return ClauseIndex.create(Path(tmp_path_factory.mktemp("vocab")) / "index", [doc], {}, ())


def ids(ix: ClauseIndex, q: str) -> list[str]:
    return [h.clause_id for h in ix.search(SearchRequest(q=q)).results]


def test_domain_synonyms_find_what_the_text_calls_otherwise(ix: ClauseIndex) -> None:
    assert ids(ix, "老同志参与疫情防控")[0] == "v:0001"
    assert ids(ix, "党支部活动室建设")[0] == "v:0003"
    assert ids(ix, "离退休党员到社区报到")[0] == "v:0005"


def test_request_framing_does_not_outrank_the_content(ix: ClauseIndex) -> None:
    assert ids(ix, "离退休干部党支部学习有哪些典型做法")[0] == "v:0002"
