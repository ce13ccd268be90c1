"""Precedent scoring: practice-ness, naming, near-duplicates, grouping."""

from __future__ import annotations

from policykg.model import Clause, Document
from service.engine import OrgInfo, RegionInfo
from service.precedents import (
    PER_DOCUMENT,
    Candidate,
    name_practice,
    near_duplicate,
    practice_score,
    rank,
    retrieval_query,
    shingles,
)


def clause(text: str, cid: str = "d:0001", heading: str | None = None) -> Clause:
    return Clause(id=cid, doc_id=cid.split(":")[0], ordinal=1, text=text, search_text=text, heading=heading)


def doc(doc_id: str = "d", doc_type: str | None = "通知", author_unit: str | None = None) -> Document:
    return Document(
        id=doc_id,
        title="t",
        text="",
        search_text="",
        source="x.txt",
        sha256="0",
        doc_type=doc_type,
        author_unit=author_unit,
        date="2020-07-23",
    )


REPORTED = "今年以来，我们先后成立了老干部书画院、老干部艺术团等活动平台，组织开展活动20余场，覆盖离退休干部300多名。"
REQUIRED = "各地各单位要加强离退休干部党支部建设，要建立健全工作机制，要发挥老干部作用。"


def test_reported_practice_outscores_requirement():
    assert practice_score(clause(REPORTED), doc()) > 1.2
    assert practice_score(clause(REQUIRED), doc()) < 0.8
    # the kind of document (an experience article, a bulletin's article) gives no bonus of its
    # own: the same words score the same
    assert practice_score(clause(REPORTED), doc(doc_type="经验交流", author_unit="某单位")) == practice_score(
        clause(REPORTED), doc()
    )


def test_bare_heading_and_huge_section_are_damped():
    assert practice_score(clause("（三）创建工作法"), doc()) < practice_score(clause(REPORTED), doc())
    long_text = REPORTED * 20
    assert practice_score(clause(long_text), doc()) < practice_score(clause(REPORTED), doc())


def test_name_practice_quoted_after_verb():
    assert (
        name_practice(clause("一是实施“三建三联三促进”，全面推动机关党建和社区党建有效衔接。"))
        == "“三建三联三促进”"
    )
    assert (
        name_practice(clause("钟山柳岸社区离退休党支部创建了“五求、五心”工作法，以“五老”为核心。"))
        == "“五求、五心”工作法"
    )
    assert name_practice(clause(REPORTED)) == "老干部书画院"
    assert name_practice(clause("内容。", heading="（二）创建“枫叶驿站”")) == "“枫叶驿站”"
    assert name_practice(clause("要加强领导，科学安排部署。")) is None


def test_name_practice_prefers_the_name_near_the_question():
    text = "先后成立了老干部书画院、老干部艺术团等平台，并组建了银发人才服务队，开展志愿服务。"
    assert name_practice(clause(text), "银发人才志愿服务") == "银发人才服务队"


def test_near_duplicate():
    a = shingles("以社区党员活动中心、新时代文明实践中心、红色驿站为重点，组织离退休党员就近就便到社区报到")
    b = shingles(
        "以社区党员活动中心、新时代文明实践中心、红色驿站为重点，组织党员就近就便到社区报到、参加社区活动"
    )
    c = shingles("建立离退休干部党员登记表和社区报到反馈表，每季度报送主管单位党组织备案")
    assert near_duplicate(a, b)
    assert not near_duplicate(a, c)


def cand(
    cid: str, text: str, score: float, region: str, dtype: str = "通知", unit: str | None = None
) -> Candidate:
    d = doc(cid.split(":")[0], dtype, unit)
    return Candidate(
        clause=clause(text, cid),
        document=d,
        score=score,
        region=RegionInfo(f"region:{region}", region, (region,)),
        organization=OrgInfo(f"organization:{unit or 'x'}", unit or "x"),
    )


def test_rank_groups_collapses_and_orders():
    pool = [
        cand(
            "a:0001",
            "组织离退休党员就近就便到社区报到、参加社区活动，发挥群众基础好的优势，维护和谐稳定。",
            10,
            "辽宁省",
        ),
        cand("b:0001", "组织离退休党员就近就便到社区报到、参加社区活动，发挥群众基础好的优势。", 9, "辽宁省"),
        cand(
            "c:0001",
            "今年，我们建立《离退休干部党员社区报到反馈表》，已有53名退休干部到社区报到。",
            8,
            "丹东市",
            "经验交流",
            "中共丹东市振兴区委组织部",
        ),
        cand("d:0001", "各地各单位要引导离退休干部党员到社区报到。", 9.5, "枣庄市"),
    ]
    groups = rank("到社区报到", pool, limit=10)
    names = [g.region.name for g in groups]
    assert names[0] == "丹东市"  # the reported practice leads
    assert set(names) == {"丹东市", "辽宁省", "枣庄市"}
    liaoning = next(g for g in groups if g.region.name == "辽宁省")
    assert len(liaoning.items) == 1 and liaoning.items[0].duplicates[0].clause.id == "b:0001"
    flat = [i.cand.clause.id for g in groups for i in g.items]
    assert flat.index("d:0001") > flat.index("a:0001")  # the requirement comes last
    out = groups[0].to_dict(lambda d: {"doc_id": d.id})
    assert out["items"][0]["organization"]["name"] == "中共丹东市振兴区委组织部"
    assert out["items"][0]["year"] == 2020


def test_rank_respects_limit_and_empty_pool():
    pool = [
        cand(f"x{i}:0001", f"我们开展了第{i}项活动，共举办{i + 1}场。", 10 - i * 0.1, f"地区{i % 3}")
        for i in range(30)
    ]
    groups = rank("活动", pool, limit=7)
    assert sum(len(g.items) for g in groups) == 7
    assert rank("活动", [], limit=5) == []


# ---------------------------------------------------------------------------------------------
# Plans are not practices; the page is shared between regions
# ---------------------------------------------------------------------------------------------

DONE = "我们组织开展了“银发助力”志愿服务活动，先后举办20余场，覆盖老同志300多名。"
PLANNED = "下一步，我们将继续组织开展“银发助力”志愿服务活动，拟举办20余场，力争覆盖老同志300多名。"


def test_a_plan_is_not_a_practice():
    assert practice_score(clause(PLANNED), doc()) < practice_score(clause(DONE), doc())
    # the 将 of a plan, not the 将 of 将…融入 (object marker)
    assert practice_score(clause("将美学融入阵地建设，先后打造示范点12个。"), doc()) > practice_score(
        clause("将继续推进阵地建设，打造示范点12个。"), doc()
    )


def test_a_clause_under_a_plan_heading_is_a_plan():
    under_plan = Clause(
        id="d:0002", doc_id="d", ordinal=2, text=DONE, search_text=DONE, path=["四、下一步工作打算"]
    )
    assert practice_score(under_plan, doc()) < 0.7 * practice_score(clause(DONE), doc())


def test_a_date_alone_is_no_evidence_of_completion():
    dated = "今年上半年，各单位组织老同志参加志愿服务。"
    done = "今年上半年，各单位已组织老同志参加志愿服务。"
    assert practice_score(clause(done), doc()) > practice_score(clause(dated), doc())


def test_one_region_does_not_fill_the_page_while_others_have_strong_items():
    pool = [
        cand(f"a{i}:0001", f"我们开展了第{i}项活动，共举办{i + 2}场，覆盖{i + 30}人。", 10 - i * 0.2, "甲市")
        for i in range(8)
    ]
    pool += [
        cand("b:0001", "乙市开展了结对帮扶活动，共举办12场，覆盖50人。", 9.0, "乙市"),
        cand("c:0001", "丙县开展了送学上门活动，共举办8场，覆盖40人。", 8.5, "丙县"),
    ]
    groups = rank("活动", pool, limit=6)
    flat = [i.cand.clause.id for g in groups for i in g.items]
    assert len(flat) == 6
    assert {"b:0001", "c:0001"} <= set(flat)
    assert sum(1 for c in flat if c.startswith("a")) <= 4
    # a page about one region only is not capped
    alone = rank("活动", pool[:8], limit=6)
    assert sum(len(g.items) for g in alone) == 6 and len(alone) == 1


def test_weak_tail_of_a_region_waits_behind_other_regions():
    pool = [
        cand("a:0001", "甲市建立了老干部书画院，先后举办书画展览10场。", 10.0, "甲市"),
        cand("a:0002", "市委老干部局组建了合唱团，已演出12场。", 5.5, "甲市"),  # < 0.6 of 甲市's best
        cand("b:0001", "乙市成立了老干部艺术团，累计送戏下乡20场。", 9.0, "乙市"),
        cand("c:0001", "丙县开设了老年摄影课堂，已培训学员80名。", 5.0, "丙县"),
    ]
    flat = [i.cand.clause.id for g in rank("老干部", pool, limit=3) for i in g.items]
    assert flat == ["a:0001", "b:0001", "c:0001"]
    # with room on the page, the held item comes back
    assert "a:0002" in [i.cand.clause.id for g in rank("老干部", pool, limit=4) for i in g.items]


def test_retrieval_query_drops_the_request_framing():
    assert retrieval_query("其他地方怎么组织离退休党员到社区报到?") == "怎么组织离退休党员到社区报到?"
    assert "典型" not in retrieval_query("离退休干部助力脱贫攻坚有哪些典型做法")
    assert retrieval_query("建立老干部书画院艺术团") == "建立老干部书画院艺术团"


def test_one_document_does_not_fill_the_page_while_other_documents_answer():
    # one long report of a single region, and two other reports of the same region
    pool = [
        cand(f"a:{i:04d}", f"我们开展了第{i}项活动，共举办{i + 2}场，覆盖{i + 30}人。", 10 - i * 0.1, "甲市")
        for i in range(1, 8)
    ]
    pool += [
        cand("b:0001", "乙单位开展了结对帮扶活动，共举办12场，覆盖50人。", 8.0, "甲市"),
        cand("c:0001", "丙单位开展了送学上门活动，共举办8场，覆盖40人。", 7.5, "甲市"),
    ]
    flat = [i.cand.clause.id for g in rank("活动", pool, limit=5) for i in g.items]
    assert {"b:0001", "c:0001"} <= set(flat)
    assert sum(1 for c in flat if c.startswith("a:")) == PER_DOCUMENT


def test_items_without_a_region_go_last_with_the_reason():
    pool = [
        cand("a:0001", "我们建立了老干部书画院，先后举办书画展览10场。", 10.0, "甲市", unit="甲市老干部局"),
        cand("b:0001", "乙市成立了老干部艺术团，累计送戏下乡20场。", 6.0, "乙市"),
    ]
    pool[0].region = None
    groups = rank("老干部", pool, limit=5)
    assert [g.region.name if g.region else None for g in groups] == ["乙市", None]
    out = groups[-1].to_dict(lambda d: {"doc_id": d.id})
    assert out["region"]["name"] == "未知地区" and "地区" in out["note"]
    item = out["items"][0]
    assert item["actor"] == "甲市老干部局" and item["region_note"]
    assert item["year"] == 2020 and item["source"] == "x.txt"
