"""Compare: hierarchy, topic coverage with interchangeable words, program boost, summaries."""

from __future__ import annotations

from collections import Counter

from policykg.model import Clause, Document, Fact
from service.compare import coverage, rank_column, retrieval_topic, summary_from_fact, topic_groups, within
from service.engine import RegionInfo
from service.precedents import Candidate


def test_within_is_hierarchical():
    liaoning = RegionInfo("region:210000", "辽宁省", ("辽宁省",))
    dandong = RegionInfo("region:210600", "丹东市", ("辽宁省", "丹东市"))
    assert within(("辽宁省", "丹东市", "振兴区"), liaoning)
    assert within(("辽宁省", "丹东市", "振兴区"), dandong)
    assert not within(("辽宁省", "沈阳市"), dandong)
    assert not within(("福建省", "福州市"), liaoning)


def test_summary_from_fact_is_generic():
    text = "单位离退休干部党员人数5人以上的，要建立单独的离退休干部党支部或在合编党支部内设立离退休干部党小组；党员人数较少的，可联合设立。"
    fact = Fact(kind="threshold", value=5, unit="人", text="党员人数5人以上的", clause_id="c")
    assert summary_from_fact(text, fact).startswith("5人以上：建立单独的离退休干部党支部")
    trad = "對組織關係轉入社區的離退休幹部黨員，黨員人數達到3人以上的,可單獨建立離退休幹部黨支部。"
    fact = Fact(kind="threshold", value=3, unit="人", text="黨員人數達到3人以上的", clause_id="c")
    assert summary_from_fact(trad, fact) == "3人以上：可单独建立离退休干部党支部"
    assert summary_from_fact("无关文字。", fact) is None


def test_topic_groups_accept_interchangeable_words():
    groups = topic_groups("离退休干部党建品牌")
    assert coverage("推进“1335”离退休干部党建工作机制", groups) > coverage("加强离退休干部管理服务", groups)


def _cand(cid: str, text: str, score: float, programs=(), facts=()) -> Candidate:
    d = Document(id=cid.split(":")[0], title="t", text="", search_text="", source="s", sha256="0")
    c = Clause(id=cid, doc_id=d.id, ordinal=1, text=text, search_text=text)
    return Candidate(clause=c, document=d, score=score, programs=list(programs), facts=list(facts))


def test_rank_column_boosts_the_regions_own_program_and_summarises():
    region = RegionInfo("region:350100", "福州市", ("福建省", "福州市"))
    fact = Fact(kind="threshold", value=5, unit="人", text="党员人数5人以上的", clause_id="f:0002")
    pool = [
        _cand("f:0001", "各地各部门要切实加强离退休干部党建工作，推动党建工作全面进步。", 10.0),
        _cand("f:0002", "单位离退休干部党员人数5人以上的，要建立单独的离退休干部党支部。", 6.0, facts=[fact]),
        _cand("f:0003", "坚持“1335”离退休干部党建工作机制。", 0.0, programs=["1335"]),
    ]
    col = rank_column("离退休干部党建品牌", region, pool, Counter({"1335": 4}), limit=10)
    assert col.items[0].cand.clause.id == "f:0003"
    assert col.total == 3
    col2 = rank_column("党支部设置", region, pool, Counter(), limit=10)
    assert col2.summary and col2.summary.startswith("5人以上") and col2.summary_clause_id == "f:0002"


def test_empty_column_has_note():
    region = RegionInfo("region:x", "某市", ("某市",))
    col = rank_column("经费", region, [], Counter())
    assert col.items == [] and "经费" in col.note
    assert col.to_dict(lambda d: {})["region"] == {"id": "region:x", "name": "某市"}


def test_retrieval_topic_drops_regions_and_comparison_wording():
    regions = ["福州市", "枣庄市"]
    assert retrieval_topic("福州和枣庄在支部设置门槛上有何不同?", regions) == "支部设置门槛"
    assert retrieval_topic("福州市与枣庄市离退休干部党建品牌对比", regions) == "离退休干部党建品牌"
    assert retrieval_topic("比较福州、枣庄两地的党费使用", regions) == "党费使用"
    assert retrieval_topic("离退休干部党建品牌", regions) == "离退休干部党建品牌"
    # words that merely start with a joiner stay; nothing but names and wording → the topic
    assert retrieval_topic("和谐社区建设", regions) == "和谐社区建设"
    assert retrieval_topic("福州和枣庄有什么区别", regions) == "福州和枣庄有什么区别"


def test_topic_groups_read_the_shared_synonym_table():
    groups = topic_groups("党支部活动室建设")
    assert coverage("加强离退休干部党支部活动场所建设", groups) == 1.0  # 活动场所 = 活动室 (synonyms.tsv)
    assert coverage("加强离退休干部党支部建设", groups) < 1.0


def test_summaries_of_the_new_fact_kinds_keep_their_bound_and_period():
    below = Fact(kind="threshold", value=3, unit="人", text="不足3人的", clause_id="c", qualifier="不足")
    assert summary_from_fact("正式党员不足3人的，建立联合党支部。", below) == "不足3人：建立联合党支部"
    study = Fact(kind="frequency", value=10, unit="次/年", text="每年集中学习不少于10次", clause_id="c")
    assert summary_from_fact("每年集中学习不少于10次。", study) == "每年集中学习不少于10次"
    term = Fact(kind="duration", value=2, unit="年", text="每届任期两年", clause_id="c", subject="支部委员会")
    assert summary_from_fact("支部委员会每届任期两年，期满换届。", term) == "每届任期两年：期满换届"
