"""Term groups: a word's text/title/path components, its synonyms and parts, document-number groups."""

from __future__ import annotations

import pytest

from search.analysis import DOCNO_RE
from search.query import QueryPlan, Weights
from search.segment import Segmenter, get_segmenter
from search.termgroups import TermGroups, _common_count_of


class Host(TermGroups):
    """The least a TermGroups host needs: weights and a segmenter."""

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights or Weights()

    @property
    def seg(self) -> Segmenter:
        return get_segmenter()


class DocStats:
    """An imaginary index of `n` clauses that knows only posting sets (no common_count)."""

    def __init__(self, n: int, postings: dict[str, range]) -> None:
        self.n = n
        self.postings = {w: frozenset(p) for w, p in postings.items()}

    def df(self, fieldname: str, word: str) -> int:
        return len(self.postings.get(word, ()))

    def docs(self, fieldname: str, word: str) -> frozenset[int]:
        return self.postings.get(word, frozenset())


@pytest.fixture(scope="module")
def host() -> Host:
    return Host()


def words_of(alt) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(sorted({c[1] for part in alt.parts for c in part}))


# ---------------------------------------------------------------- one word


def test_a_word_is_searched_in_text_title_and_path_with_their_weights() -> None:
    host = Host(Weights(title=0.2, path=0.4))
    assert host._components("党员", 2.0) == (
        ("text", "党员", 2.0, False),
        ("title", "党员", 0.4, False),
        ("path", "党员", 0.8, False),
    )


def test_parts_cover_a_longer_word_and_leave_short_words_alone(host: Host) -> None:
    assert host.parts("离退休干部") == ["离退休", "干部"]
    assert host.parts("换届改选") == ["换届", "改选"]
    assert host.parts("党员") == []


def test_a_group_holds_the_word_its_synonyms_and_its_parts(host: Host) -> None:
    plan = QueryPlan(None)
    group = host._group("换届改选", 0.5, plan, None)
    assert group.label == "换届改选" and group.weight == 0.5
    alts = [(words_of(a), a.weight, a.credit) for a in group.alts]
    w = host.weights
    assert alts[0] == (("换届改选",), 1.0, 1.0)
    assert (("换届选举",), w.synonym, 1.0) in alts
    assert alts[-1] == (("换届", "改选"), w.part, w.part_credit)  # without statistics the parts help
    assert {"换届改选", "换届选举", "换届", "改选"} <= plan.words


def test_a_phrase_s_synonyms_go_to_each_of_its_words(host: Host) -> None:
    got = host._phrase_synonyms(["老同志", "参与", "疫情", "防控"])
    assert "抗疫" in got["疫情"] and got["疫情"] == got["防控"]
    assert "老同志" not in got and "参与" not in got


def test_parts_of_a_frequent_word_only_when_the_texts_spell_it_out(host: Host) -> None:
    # 离退休党员 is in 30 of 1000 clauses (not rare); its parts meet in 300 → spelled out
    spelled = DocStats(1000, {"离退休党员": range(30), "离退休": range(500), "党员": range(300)})
    alt = host._parts_alt("离退休党员", spelled)
    assert alt is not None and alt.weight == host.weights.spelled_out
    # the parts meet only where the word is: they would add noise
    whole = DocStats(1000, {"离退休党员": range(30), "离退休": range(40), "党员": range(35)})
    assert host._parts_alt("离退休党员", whole) is None


def test_common_count_comes_from_posting_sets_when_the_index_has_no_own() -> None:
    stats = DocStats(10, {"a": range(0, 6), "b": range(3, 9), "c": range(5, 10)})
    common_count = _common_count_of(stats)
    assert common_count is not None
    assert common_count("text", ["a", "b"]) == 3
    assert common_count("text", ["a", "b", "c"]) == 1

    class DfOnly:
        n = 10

        def df(self, fieldname: str, word: str) -> int:
            return 1

    assert _common_count_of(DfOnly()) is None


# ---------------------------------------------------------------- document numbers


def test_a_document_number_is_one_group_over_doc_no_and_citing_text(host: Host) -> None:
    plan = QueryPlan(None)
    text, groups = host._docno_groups("落实中办发〔2016〕3号精神", plan)
    assert text == " 精神"
    [group] = groups
    assert group.label == "落实中办发〔2016〕3号"
    first = group.alts[0].parts[0]
    assert first == (
        ("doc_no", "落实中办发〔2016〕3号", host.weights.docno_field, True),
        ("text", "落实中办发〔2016〕3号", host.weights.docno_text, False),
    )
    assert [a.weight for a in group.alts] == pytest.approx([1.0, 0.7])
    assert plan.words == {"落实中办发〔2016〕3号", "中办发〔2016〕3号"}


def test_text_without_a_number_is_left_as_it_is(host: Host) -> None:
    plan = QueryPlan(None)
    assert host._docno_groups("没有文号的问题", plan) == ("没有文号的问题", [])
    assert plan.words == set()


def test_number_prefixes_start_at_word_boundaries(host: Host) -> None:
    text = "落实中办发〔2016〕3号"
    cands = host._docno_query_candidates(text, next(DOCNO_RE.finditer(text)))
    assert cands == ["落实中办发〔2016〕3号", "中办发〔2016〕3号"]  # not 办发…, also 国办发…'s suffix
