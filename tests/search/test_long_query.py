"""Long-text mode: a pasted paragraph is a bag of words, not query syntax; short questions unchanged."""

from __future__ import annotations

import pytest
from search_fixtures import corpus

from search.backends.whoosh.index import FIELD_B, K1
from search.backends.whoosh.ranking import BM25Params, PostingContext, RankedQuery, evaluate
from search.index import ClauseIndex
from search.query import LONG_BM25, LONG_NOTICE, MAX_TERMS, QueryBuilder, Weights
from search.results import SearchRequest

TERMS = ("红枫行动", "本色家园", "枫叶驿站", "中共福州市委离退休干部工作委员会")

# A pasted paragraph (about 150 characters) full of what would be syntax in a typed question: an
# unmatched-in-the-index quoted phrase (a required phrase → nothing), parentheses, upper-case
# operators and an unknown `field:` (a BadQuery in a question).
PASTED = (
    "据了解，沈阳市坚持党建引领，在全市离退休干部中开展“支部力量·红枫行动”，并把“无人知晓的口号”写进方案"
    "（见附件一）。各离退休干部党支部认真落实“三会一课”制度 AND 支部换届改选制度，OR 每月通报积分情况；"
    "NOT 流于形式。备注:详见 foo:bar 说明。老同志参加学习，离退休干部党支部规范化建设取得成效，离退休干部反映良好。"
)
SHORT = "离退休干部党支部换届改选"


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> ClauseIndex:
    docs, anns = corpus()
    return ClauseIndex.create(tmp_path_factory.mktemp("long") / "index", docs, anns, TERMS)


@pytest.fixture(scope="module")
def builder() -> QueryBuilder:
    return QueryBuilder(TERMS)


# ---------------------------------------------------------------- when the mode applies


def test_long_mode_triggers_on_a_pasted_text_not_on_a_question(builder: QueryBuilder) -> None:
    assert builder.build(PASTED).mode == "long"
    assert builder.build(SHORT).mode == "nl"
    assert builder.build("党员人数达到多少可以单独建立离退休干部党支部？").mode == "nl"
    assert builder.build("title:红枫行动 AND 离退休干部").mode == "boolean"


def test_the_threshold_counts_text_characters_not_punctuation(builder: QueryBuilder) -> None:
    limit = builder.weights.long_query_chars
    assert builder.build("党" * limit).mode == "long"
    assert builder.build("党" * (limit - 1)).mode == "nl"
    # punctuation and spaces do not make a short question long
    assert builder.build("，".join(["党建"] * (limit // 2 - 1)) + "。" * limit).mode == "nl"


# ---------------------------------------------------------------- syntax is text


def test_syntax_characters_in_a_long_text_do_not_empty_the_result(ix: ClauseIndex) -> None:
    page = ix.search(SearchRequest(q=PASTED))
    assert page.total > 0
    assert LONG_NOTICE in page.notices
    # the clause that says most of the paragraph comes first
    assert page.results[0].clause_id in {"sy:0001", "ln:0001", "ln:0002"}


def test_the_same_text_read_as_a_question_finds_nothing(ix: ClauseIndex) -> None:
    # why the mode exists: in a question the quoted phrase is required (and foo: is unknown)
    question = ClauseIndex.open(ix.directory, weights=Weights(long_query_chars=10**6))
    text = PASTED.replace("foo:bar", "foobar")
    try:
        assert question.search(SearchRequest(q=text)).total == 0
    finally:
        question.close()
    assert ix.search(SearchRequest(q=text)).total > 0


def test_a_long_plan_has_no_required_phrase_and_no_boolean(builder: QueryBuilder) -> None:
    plan = builder.build(PASTED)
    assert plan.query is None and plan.ranked is not None
    assert plan.ranked.required == [] and plan.phrases == []
    labels = {g.label for g in plan.ranked.groups}
    assert {"无人知晓", "口号", "foo", "bar", "附件"} & labels  # quoted and field text is searched as words


# ---------------------------------------------------------------- how a long text is scored


def test_long_plan_carries_its_bm25_and_turns_off_proximity_and_coordination(builder: QueryBuilder) -> None:
    plan = builder.build(PASTED)
    assert plan.ranked is not None
    assert plan.bm25 == LONG_BM25 and plan.ranked.bm25 == LONG_BM25
    assert plan.ranked.pairs == [] and plan.ranked.coordination == 0.0


def test_repeated_words_weigh_more_but_saturate(builder: QueryBuilder) -> None:
    plan = builder.build(PASTED)
    assert plan.ranked is not None
    qtf = {g.label: g.qtf for g in plan.ranked.groups}
    once, k3 = qtf["口号"], builder.weights.long_qtf_k3
    assert once == 1.0
    assert PASTED.count("离退休干部") == 4  # more than once, less than 4×
    assert qtf["离退休干部"] == pytest.approx((k3 + 1) * 4 / (k3 + 4))
    assert 1.0 < qtf["离退休干部"] < 4.0


def test_all_words_are_searched_up_to_the_cap() -> None:
    words = "枫叶驿站 楼栋长 换届改选 积分制度 经费 党建品牌 社区治理 老同志 学习 规范化 单独建立 联合设立 宝贵财富 正能量 落实 政策 返还 党费 主题 制度 基础 短板 弱项 任期 三年 每月 通报"
    builder = QueryBuilder(TERMS)
    plan = builder.build(words)
    assert plan.mode == "long" and plan.ranked is not None
    # no 24-word cut for a long text: every content word is a group
    assert len(plan.ranked.groups) == len(builder.content_terms(words)) > MAX_TERMS
    capped = QueryBuilder(TERMS, Weights(long_max_terms=5)).build(words)
    assert capped.ranked is not None and len(capped.ranked.groups) == 5
    assert any("最有区分度的 5 个词" in n for n in capped.notices)


def test_the_cap_keeps_the_most_telling_words() -> None:
    class Stats:
        n = 1000

        def df(self, fieldname: str, word: str) -> int:
            return 1 if word in ("楼栋长", "枫叶驿站") else 500

    words = "枫叶驿站 楼栋长 换届改选 积分制度 经费 党建品牌 社区治理 老同志 学习 规范化 单独建立 联合设立 宝贵财富 正能量 落实 政策 返还 党费 主题 制度 基础 短板 弱项 任期 三年 每月 通报"
    plan = QueryBuilder(TERMS, Weights(long_max_terms=2)).build(words, Stats())
    assert plan.ranked is not None
    assert [g.label for g in plan.ranked.groups] == ["枫叶驿站", "楼栋长"]


# ---------------------------------------------------------------- short questions unchanged


def test_a_short_question_plan_is_unchanged(builder: QueryBuilder) -> None:
    plan = builder.build(SHORT)
    assert plan.mode == "nl" and plan.ranked is not None
    assert plan.bm25 is None  # the index's K1 / FIELD_B, exactly as before
    assert plan.ranked.coordination is None
    assert all(g.qtf == 1.0 for g in plan.ranked.groups)
    assert plan.ranked.pairs  # proximity pairs as before
    assert LONG_NOTICE not in plan.notices


def test_the_question_reading_is_still_there_for_long_inputs_when_switched_off() -> None:
    words = "枫叶驿站 楼栋长 换届改选 积分制度 经费 党建品牌 社区治理 老同志 学习 规范化 单独建立 联合设立 宝贵财富 正能量 落实 政策 返还 党费 主题 制度 基础 短板 弱项 任期 三年 每月 通报"
    plan = QueryBuilder(TERMS, Weights(long_query_chars=10**6)).build(words)
    assert plan.mode == "nl" and plan.ranked is not None
    assert len(plan.ranked.groups) == MAX_TERMS
    assert any("最有区分度的 24 个词" in n for n in plan.notices)


# ---------------------------------------------------------------- BM25 parameters per query


def test_a_query_s_bm25_parameters_change_its_scores_only(ix: ClauseIndex) -> None:
    ctx: PostingContext = ix._reader_state().context
    assert ctx.params == BM25Params.of(K1, FIELD_B)
    plan = QueryBuilder(TERMS).build(SHORT, ctx)
    assert plan.ranked is not None
    before = evaluate(ctx, plan.ranked, None, 0.0).as_dict()
    explicit = evaluate(ctx, RankedQuery(plan.ranked.groups, bm25=ctx.params), None, 0.0).as_dict()
    assert explicit == before  # None means the index's parameters
    other = evaluate(
        ctx, RankedQuery(plan.ranked.groups, bm25=BM25Params.of(2.0, {"text": 0.1})), None, 0.0
    ).as_dict()
    assert other.keys() == before.keys() and other != before
    # the cache keeps them apart: the default scores are the same after the other parameters ran
    assert evaluate(ctx, plan.ranked, None, 0.0).as_dict() == before


def test_a_query_s_coordination_wins_over_the_caller_s(ix: ClauseIndex) -> None:
    ctx: PostingContext = ix._reader_state().context
    plan = QueryBuilder(TERMS).build(SHORT, ctx)
    assert plan.ranked is not None
    coordinated = evaluate(ctx, plan.ranked, None, 1.0).as_dict()
    flat = evaluate(ctx, RankedQuery(plan.ranked.groups, coordination=0.0), None, 1.0).as_dict()
    assert flat == evaluate(ctx, plan.ranked, None, 0.0).as_dict() != coordinated
