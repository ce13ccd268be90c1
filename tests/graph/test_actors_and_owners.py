"""Acting units, sub-brands and owners of programs in a built graph of invented documents."""

from __future__ import annotations

from graph_helpers import make_doc, neighbor_names, one

from graph.build import build_graph


def test_the_opening_subject_acts_in_a_news_article_and_a_clause_names_its_own_actor() -> None:
    news = make_doc(
        "n",
        [
            "近日，通化市税务局积极开展“银辉课堂”宣讲活动，组织老党员讲党课。",
            "活动吸引了不少群众。",
            "东昌区新站街道离退休干部党支部创新推行“三访三帮”工作法，走访老党员40余人次。",
        ],
        title="通化市开展银辉课堂宣讲",
        region="通化市",
        issuers=["通化市人民政府网"],
        doc_type="新闻报道",
    )
    kg = build_graph([news])
    unit = one(kg, "通化市税务局", "organization")
    assert neighbor_names(kg, unit.id, "located_in", "out") == ["通化市"]
    assert "银辉课堂" in neighbor_names(kg, unit.id, "implements", "out")
    assert kg.annotations["n:0001"].organization == unit.id
    assert kg.annotations["n:0002"].organization == unit.id  # the article's actor
    branch = one(kg, "新站街道离退休干部党支部", "branch")
    assert kg.annotations["n:0003"].organization == branch.id
    assert neighbor_names(kg, branch.id, "implements", "out") == ["三访三帮工作法"]


def test_a_formal_documents_issuer_acts_whatever_its_first_sentence_says() -> None:
    notice = make_doc(
        "f",
        ["通化市税务局开展学习活动的做法值得推广。各单位要认真学习。"],
        title="关于推广学习经验的通知",
        region="吉林省",
        issuers=["中共吉林省委老干部局"],
        doc_type="通知",
    )
    kg = build_graph([notice])
    # the notice's issuer acts for the document; the clause still names its own subject
    assert kg.annotations["f:0001"].organization in {
        "organization:中共吉林省委老干部局",
        "organization:通化市税务局",
    }
    assert one(kg, "中共吉林省委老干部局", "organization") is not None


def test_a_sub_brand_written_with_a_dot_is_part_of_its_brand() -> None:
    doc = make_doc(
        "s",
        ["全市打造“银辉”离退休干部党建品牌。", "各区创建“银辉·红叶驿站”品牌，成效明显。"],
        title="通化市老干部党建品牌建设情况",
        region="通化市",
        issuers=["中共通化市委老干部局"],
        doc_type="经验交流",
    )
    kg = build_graph([doc])
    sub = one(kg, "银辉·红叶驿站", "program")
    assert neighbor_names(kg, sub.id, "part_of", "out") == ["银辉"]


def test_the_same_short_name_of_unrelated_owners_stays_two_programs() -> None:
    province = make_doc(
        "p",
        ["全省开展“兴边有我·夕阳行动”品牌创建。各地积极推进夕阳行动，成效明显。"],
        title="吉林省夕阳行动情况",
        region="吉林省",
        issuers=["中共吉林省委老干部局"],
        doc_type="经验交流",
    )
    national = make_doc(
        "c",
        ["组织开展“夕阳行动”，动员离退休专家服务基层。"],
        title="关于开展夕阳行动的通知",
        issuers=["全国老龄工作委员会办公室"],
        doc_type="通知",
    )
    kg = build_graph([province, national])
    brand = one(kg, "兴边有我·夕阳行动", "program")
    campaign = one(kg, "夕阳行动", "program")
    assert brand.id != campaign.id
    assert "夕阳行动" not in brand.aliases
    # the province's own short mention is its brand, the national notice's is the campaign
    assert brand.id in kg.annotations["p:0001"].entities
    assert campaign.id in kg.annotations["c:0001"].entities
    assert campaign.id not in kg.annotations["p:0001"].entities


def test_the_title_names_the_actor_and_a_unit_beats_a_place() -> None:
    doc = make_doc(
        "t",
        ["近年来，梅河口市坚持服务老干部，成效明显。"],
        title="梅河口市老干部局引导老同志发挥作用",
        region="梅河口市",
        doc_type="新闻报道",
    )
    kg = build_graph([doc])
    assert kg.annotations["t:0001"].organization == "organization:梅河口市老干部局"


def test_a_place_acts_when_nothing_more_specific_is_written() -> None:
    doc = make_doc(
        "p",
        ["在重阳节来临之际，辉南县组织40余名老干部参观考察集镇新貌。"],
        title="组织离退休干部参观考察",
        doc_type="新闻报道",
    )
    kg = build_graph([doc])
    # the place stands for its bodies: the actor is its region entity, not an invented unit
    county = one(kg, "辉南县", "region")
    assert kg.annotations["p:0001"].organization == county.id
    assert kg.annotations["p:0001"].region_path[-1] == "辉南县"
    assert kg.entity("organization:辉南县") is None


def test_without_metadata_the_first_named_unit_acts() -> None:
    doc = make_doc(
        "u",
        ["日前，一场故事会在报告厅举行。", "长春工业大学“银龄志工”协会组织老同志参加。"],
        title="银龄志工故事会举行",
        doc_type="新闻报道",
    )
    kg = build_graph([doc])
    assert kg.annotations["u:0001"].organization == "organization:长春工业大学"


def test_a_bare_district_body_takes_the_place_the_title_opens_with() -> None:
    doc = make_doc(
        "d",
        ["区委老干部局加强与社区的联系，开展结对帮扶。"],
        title="船营区实施银龄助力行动",
        region="吉林省",
        doc_type="新闻报道",
    )
    kg = build_graph([doc])
    unit = one(kg, "中共吉林市船营区委老干部局", "organization")
    assert kg.annotations["d:0001"].organization == unit.id
    assert kg.annotations["d:0001"].region_path == ["吉林省", "吉林市", "船营区"]


def test_a_page_without_a_region_takes_the_place_its_opening_names() -> None:
    doc = make_doc(
        "o",
        ["为进一步规范党组织设置，吉林省梅河口市近日出台办法。", "一是市委组织部下发通知，明确设置要求。"],
        title="规范离退休干部党组织设置",
        doc_type="新闻报道",
    )
    kg = build_graph([doc])
    assert one(kg, "中共梅河口市委组织部", "organization") is not None


def test_the_opening_may_start_with_a_quotation_and_a_place_stands_for_its_cadres() -> None:
    doc = make_doc(
        "q",
        ["“夕阳无限好”。近年来，吉林省辉南县牢固树立服务意识。", "一直以来，辉南县老干部积极发挥作用。"],
        title="q",
    )
    kg = build_graph([doc])
    county = one(kg, "辉南县", "region")
    assert kg.annotations["q:0001"].organization == county.id
    assert kg.annotations["q:0002"].organization == county.id


def test_a_newspaper_does_not_act_and_a_branch_in_the_metadata_is_a_branch() -> None:
    paper = make_doc(
        "m", ["老同志们参加了活动。"], title="活动举行", issuers=["松原日报"], doc_type="新闻报道"
    )
    branch = make_doc(
        "b",
        ["支部组织学习。"],
        title="学习活动",
        author_unit="松原市财政局离退休干部党支部",
        region="松原市",
        doc_type="新闻报道",
    )
    kg = build_graph([paper, branch])
    assert kg.annotations["m:0001"].organization is None
    assert kg.entity("organization:松原日报") is None
    assert kg.annotations["b:0001"].organization == "branch:松原市财政局离退休干部党支部"
    assert kg.entity("organization:松原市财政局离退休干部党支部") is None
