"""Cited documents: numbers, titles, both together, short forms, 3号文件, issuers, corpus matches."""

from __future__ import annotations

from graph_helpers import clause, make_doc, neighbor_names, one

from graph.build import build_graph
from graph.extract.citations import find_citations, inner_title, is_document_title, title_key
from graph.extract.organizations import OrgContext
from policykg.gazetteer import Gazetteer


def ctx(*names: str) -> OrgContext:
    gaz = Gazetteer.default()
    chain = gaz.ancestors(gaz.lookup(names[0])[0].code) if names else []
    return OrgContext(gaz, tuple(chain))


def test_title_with_number_is_one_citation_with_issuers() -> None:
    c = clause(
        "2016年,中央办公厅、国务院办公厅印发了《关于进一步加强和改进离退休干部工作的意见》(中办发〔2016〕3号),3号文件是里程碑。"
    )
    cits = find_citations(c, ctx())
    full = [x for x in cits if x.title]
    assert len(full) == 1
    assert full[0].doc_no == "中办发〔2016〕3号"
    assert full[0].issuers == ["中共中央办公厅", "国务院办公厅"]
    assert [x.back_ref for x in cits if x.back_ref] == ["3号文件"]
    assert not [x for x in cits if x.doc_no and not x.title]  # the number is not cited twice


def test_bare_numbers_books_and_newspapers() -> None:
    c = clause(
        "认真贯彻落实中办发〔2016〕3号、吉委办发〔2019〕12号文件精神,在《晚晴报》开设专栏,学习《习近平谈治国理政》。"
    )
    cits = find_citations(c, ctx())
    assert [x.doc_no for x in cits if x.doc_no] == ["中办发〔2016〕3号", "吉委办发〔2019〕12号"]
    assert not [x for x in cits if x.title]  # 报 and books are not policy documents


def test_declared_short_form_and_document_titles() -> None:
    c = clause("落实《吉林省离退休干部党支部建设标准(试行)》(以下简称《标准》),推动《标准》落地。")
    cits = find_citations(c, ctx("吉林省"))
    assert cits[0].title == "吉林省离退休干部党支部建设标准（试行）" and cits[0].short == "标准"
    assert cits[-1].back_ref == "《标准》"
    assert is_document_title("关于加强离退休干部党支部建设的意见")
    assert not is_document_title("辽沈晚报")
    assert inner_title("关于印发〈关于开展某活动的实施意见〉的通知") == "关于开展某活动的实施意见"
    assert title_key("《中国共产党支部工作条例(试行)》") == title_key("中国共产党支部工作条例（试行）")


def test_issuer_of_a_title_in_the_previous_segment() -> None:
    c = clause("今年年初,省委老干部局围绕中心工作,制定印发了《关于组织全省离退休干部开展读书活动的通知》。")
    cits = find_citations(c, ctx("吉林省"))
    assert cits[0].issuers == ["中共吉林省委老干部局"]


def test_build_merges_number_and_title_resolves_3_hao_and_corpus_titles() -> None:
    speech = make_doc(
        "s",
        [
            "2016年,中央办公厅、国务院办公厅印发了《关于进一步加强和改进离退休干部工作的意见》(中办发〔2016〕3号),3号文件是第一个综合性文件。",
            "3号文件最大的特色是正能量。",
            "我们印发了《关于开展“银龄先锋·松江行动”党建品牌创建活动的实施意见》。",
        ],
        title="讲话",
        region="吉林省",
    )
    notice = make_doc(
        "n",
        ["认真贯彻落实中办发〔2016〕3号、吉委办发〔2019〕12号文件精神。"],
        title="关于推进工作的通知",
        region="吉林市",
        issuers=["中共吉林市委老干部局"],
    )
    launcher = make_doc(
        "l",
        ["开展“银龄先锋·松江行动”党建品牌创建活动。"],
        title="关于开展“银龄先锋·松江行动”党建品牌创建活动的实施意见",
        region="吉林省",
    )
    kg = build_graph([speech, notice, launcher])
    cited = one(kg, "中办发〔2016〕3号", "document")
    assert cited.id == "document:中办发〔2016〕3号"
    assert cited.name == "关于进一步加强和改进离退休干部工作的意见"
    assert "3号文件" in cited.aliases
    assert sorted(neighbor_names(kg, cited.id, "cites", "in")) == ["关于推进工作的通知", "讲话"]
    assert sorted(neighbor_names(kg, cited.id, "issued_by", "out")) == ["中共中央办公厅", "国务院办公厅"]
    cites_ev = kg.edge_evidence("document:s", cited.id, "cites")
    assert cites_ev == ["s:0001", "s:0002"]  # the bare 3号文件 in clause 2 counts as evidence
    # a local number: issuer from the gazetteer's abbreviation 吉 → 吉林省
    local = one(kg, "吉委办发〔2019〕12号", "document")
    assert neighbor_names(kg, local.id, "issued_by", "out") == ["中共吉林省委办公厅"]
    # a corpus document cited by its title is the corpus document
    assert "document:l" in [n.entity.id for n in kg.neighbors("document:s") if n.relation == "cites"]
