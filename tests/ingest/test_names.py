"""Headline and unit-name cleaning (ingest.names), on shapes met on real pages (invented words)."""

from __future__ import annotations

import pytest

from ingest.names import org_prefix, unit_and_writer


def test_a_unit_ends_before_the_office_of_the_person_it_opens() -> None:
    from ingest.names import org_prefix

    assert org_prefix("临沂市老干部局常务副局长王某一行到沂南县调研") == "临沂市老干部局"
    # the name between the unit and its head's title is no part of the unit
    assert org_prefix("青松市机关事务局王某某局长走访离休干部") == "青松市机关事务局"
    assert org_prefix("青松市民政局长期关心老同志") == "青松市民政局"
    assert org_prefix("青松县关工委常务副主任李某") == "青松县关工委"
    # 常务委员会 is a unit, not an office
    assert org_prefix("青松县人大常务委员会召开会议") == "青松县人大常务委员会"


@pytest.mark.parametrize(
    "text",
    [
        "怎样紧扣市委中心工作",  # a question
        "青松市接续开展离退休干部示范党支部评选",  # a verb of doing
        "至2003年李某任老干部办公室主任",  # a year and a tenure
        "论文部分内容阅读",  # 部 begins 部分
    ],
)
def test_a_clause_is_no_unit(text: str) -> None:
    assert org_prefix(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "山谷深处有个小村庄",  # 深处: a place word, not an office called 山谷深处
        "单位里掀起一股读书热",  # 一股: a measure word, not a section (股)
        "欢迎投稿，请点击页面下方箭头所指",  # 所 begins 所指
        "老同志们同心协力办好活动",  # 协 inside 同心协力
    ],
)
def test_a_unit_suffix_inside_an_everyday_word_is_no_unit(text: str) -> None:
    assert org_prefix(text) is None


def test_a_unit_then_its_heads_title_or_a_date_is_still_the_unit() -> None:
    # jieba reads 党组书记 and 处于 as words: the unit still ends before them
    assert org_prefix("青松省工商联党组书记李某讲话") == "青松省工商联党组"
    assert org_prefix("所党委书记王某主持会议") == "所党委"
    assert org_prefix("公司老干处于5月8日带离休干部参观") == "公司老干处"
    # 处以 and 市委常委 are words too: a preposition, or a member's title, follows the unit
    assert org_prefix("离退休工作处以服务老同志为中心开展活动") == "离退休工作处"
    assert org_prefix("青山市委常委、组织部长王某指出") == "青山市委"
    assert (
        org_prefix("某某运输分处为退休职工举办欢送会") == "某某运输分处"
    )  # 分处 (a branch office), not 分处两地


def test_issuers_glued_before_a_title_and_after_a_type_word() -> None:
    from ingest.names import split_title_issuers

    orgs, title = split_title_issuers(
        "中共青海省委组织部中共青海省委老干部局青海省人力资源和社会保障厅关于做好退休干部教育管理工作的通知"
    )
    assert orgs == ["中共青海省委组织部", "中共青海省委老干部局", "青海省人力资源和社会保障厅"]
    assert title == "关于做好退休干部教育管理工作的通知"
    assert split_title_issuers("2019年工作情况和2020年工作要点青海省关心下一代工作委员会") == (
        ["青海省关心下一代工作委员会"],
        "2019年工作情况和2020年工作要点",
    )
    assert split_title_issuers("关于做好老干部工作的通知") == ([], "关于做好老干部工作的通知")


@pytest.mark.parametrize(
    "text",
    ["传达市委全会精神", "区委各部门负责同志", "两年来先后改扩建活动场所4处"],
)
def test_fragments_of_sentences_are_no_units(text: str) -> None:
    assert org_prefix(text) is None
    assert org_prefix("区委宣传部副部长王某出席") == "区委宣传部"  # the unit, not its deputy head


def test_a_unit_opening_a_clause_ends_before_its_verb() -> None:
    assert org_prefix("中心团委根据局机关党委和中心党委要求") == "中心团委"
    assert org_prefix("一个党支部就像一面旗帜") is None


def test_a_level_only_unit_is_written_with_the_documents_region() -> None:
    from ingest.names import qualify_unit

    assert qualify_unit("市委老干部局", "沧州市") == "沧州市委老干部局"
    assert qualify_unit("中共县委组织部", "千阳县") == "中共千阳县委组织部"
    assert qualify_unit("市委老干部局", "河北省") == "市委老干部局"  # a province is no 市
    assert qualify_unit("青松大学离退休处", "沧州市") == "青松大学离退休处"
    # any office of the level's government, but not words that start with the level character
    assert qualify_unit("县民政局", "千阳县") == "千阳县民政局"
    assert qualify_unit("市老年大学", "沧州市") == "沧州市老年大学"
    assert qualify_unit("市国资委", "沧州市") == "沧州市国资委"  # a commission shortened to 委
    assert qualify_unit("市场监督管理局", "沧州市") == "市场监督管理局"
    assert qualify_unit("区域协调发展中心", "朝阳区") == "区域协调发展中心"
    assert qualify_unit("市民政局离退休干部党支部", "沧州市") == "沧州市民政局离退休干部党支部"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("同兄弟党支部一样经受考验", None),
        ("学雷锋日我院组织义诊", None),
        ("民革青松区委会举办重阳节茶话会", "民革青松区委会"),
    ],
)
def test_more_clause_openings_and_unit_endings(text: str, unit: str | None) -> None:
    assert org_prefix(text) == unit


def test_a_unit_speaking_of_itself_is_not_a_name() -> None:
    from ingest.names import org_prefix

    assert org_prefix("努力把我委离退休干部工作推上新台阶") is None
    assert org_prefix("青山市委老干部局集中学习") == "青山市委老干部局"


def test_a_place_starting_with_tong_is_an_actor() -> None:
    from ingest.names import org_prefix

    # 同 opens 同安区 / 同江市, not only 同…一起 (with …)
    assert org_prefix("同安区委老干部局充分发挥离退休干部优势") == "同安区委老干部局"
    assert org_prefix("同市委老干部局一起开展活动") is None


def test_a_unit_ending_in_chu_before_yu_and_a_time() -> None:
    assert org_prefix("离退休工作处于5月21日分四批组织老同志参观") == "离退休工作处"
    assert org_prefix("离退休工作处于近日组织老同志参观") == "离退休工作处"
    assert org_prefix("工作处于领先地位") is None  # 处于 "to be in"


def test_a_unit_spoken_of_as_ours_is_no_name() -> None:
    assert org_prefix("咱们学校离退休党委组织活动") is None
    assert org_prefix("本校离退休处组织活动") is None
    assert org_prefix("本溪市委老干部局组织活动") == "本溪市委老干部局"  # 本 of a place's name


def test_a_unit_ends_before_what_its_people_do() -> None:
    assert org_prefix("省政协办公厅领导国庆节前走访慰问厅以下离休老同志") == "省政协办公厅"
    assert org_prefix("市委老干部局领导班子召开民主生活会") == "市委老干部局"


def test_a_credited_unit_and_writer_run_together_split_at_the_longest_unit() -> None:
    from ingest.webmeta import unit_then_name

    assert unit_then_name("离退休干部处王小河") == "离退休干部处"
    assert unit_then_name("市委组织部张三") == "市委组织部"
    assert unit_then_name("全市各单位老干部工作部门") == "全市各单位老干部工作部门"  # 部门 ends a unit
    assert unit_then_name("青松新闻网林青") == "青松新闻网"  # a medium and its reporter
    assert unit_then_name("青松日报") == "青松日报"
    assert unit_then_name("青松新闻网内江") == "青松新闻网内江"  # no name's shape: left whole


def test_a_unit_ends_before_a_members_title_and_a_lecturer_label_is_no_unit() -> None:
    assert org_prefix("中央政治局委员、市委书记张三出席会议") == "中央政治局"
    assert org_prefix("青松市政协委员会召开会议") == "青松市政协委员会"
    assert org_prefix("主讲人青松学院一级教授张三带领大家学习") is None


def test_a_department_word_is_no_unit_named_by_its_first_part() -> None:
    assert org_prefix("相关部门要加强协调配合") is None
    assert org_prefix("中共青山市委组织部召开会议") == "中共青山市委组织部"


@pytest.mark.parametrize(
    "text, unit",
    [
        ("张小河代表县委、县政府对老年大学开学表示祝贺", None),  # someone speaking for a unit
        ("他们积极参加党委组织的活动", None),
        ("青松市委老干部局历来看重老干部活动阵地建设", "青松市委老干部局"),
        ("青松老年大学组建七个班级临时党支部", "青松老年大学"),
        ("青松市审计局组织退休老干部前往市老干部活动中心参观", "青松市审计局"),
        ("青松市委老干部局联合市委组织部举办培训班", "青松市委老干部局"),  # two units: the first acts
        ("青松市公安局离退休党组织设置好支部", "青松市公安局"),  # 党组织 is no 党组
        ("市委党校组织离退休支部党员开展志愿服务", "市委党校"),
        ("自治区供销合作社组织退休党员开展助学", "自治区供销合作社"),
        ("青松分行加强新形势下离退休人员工作", "青松分行"),  # a bank's branch
        ("白水支行开展走访慰问", "白水支行"),
        ("逐步形成以社区为依托的服务体系", None),
        ("引导老干部群体融入社区", None),
    ],
)
def test_a_unit_ends_before_the_sentence_it_opens_and_a_sentence_is_no_unit(
    text: str, unit: str | None
) -> None:
    assert org_prefix(text) == unit


def test_a_unit_ends_before_a_word_its_last_character_begins() -> None:
    assert org_prefix("青松市委老干部局集中学习文件") == "青松市委老干部局"  # 集中学|习: no 中学
    assert org_prefix("白水镇中心小学组织学生慰问老党员") == "白水镇中心小学"
    assert org_prefix("青松研究所所在地") is None or org_prefix("青松研究所所在地") == "青松研究所"


def test_a_unit_ends_before_a_persons_office_or_an_arranging_clause() -> None:
    from ingest.names import org_prefix

    assert (
        org_prefix("青松市公安局青松分局城关派出所副所长张小山携社区民警走进老年大学")
        == "青松市公安局青松分局城关派出所"
    )
    assert org_prefix("青松县人大原主席李大河到新化乡参与防控") is None or "主席" not in org_prefix(
        "青松县人大原主席李大河到新化乡参与防控"
    )
    assert org_prefix("新化乡防疫领导小组安排李大河到社区值守") is None


def test_a_units_name_never_spans_a_headlines_dash() -> None:
    assert org_prefix("金秋情更浓----青松军休服务处与军休三所共度重阳节") is None
    assert org_prefix("青松军休服务处与军休三所共度重阳节") == "青松军休服务处"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("青松县委组织部 林青", ("青松县委组织部", "林青")),
        ("青松县老干局     栗小明", ("青松县老干局", "栗小明")),
        ("青松市白桦区关工委王小青", ("青松市白桦区关工委", "王小青")),  # the space lost
        ("□青松市老年大学 林小青", ("青松市老年大学", "林小青")),  # a newspaper's byline mark
        ("青松县委老干部局开展活动", None),  # what the unit did, not who wrote
        ("青松县老年书画研究会章程", None),  # a document's title: 章程 is its type, no writer
        ("青松县委老干部局局长", None),
        ("青松县委组织部林青说，大家要珍惜", None),  # a sentence
    ],
)
def test_a_byline_names_the_writers_unit_and_then_the_writer(
    line: str, expected: tuple[str, str] | None
) -> None:
    assert unit_and_writer(line) == expected


@pytest.mark.parametrize(
    "text",
    [
        "负责居委会内的水体管护",  # a predicate: the unit is its object
        "受到社区群众的普遍赞誉",
        "有一支志愿者队伍总能出现",  # 队伍: the team's members
        "又有队员之间的协作",
        "县体育馆内灯光璀璨",  # a place where something happens
        "细细翻看这部《村史》",
        "但加入护林队后",
        "据青松省老龄委统计",  # the source of a figure, not a unit that acts
        "试论农村社区养老",  # an essay's title word
    ],
)
def test_no_unit_opens_a_clause_that_a_predicate_or_a_place_word_opens(text: str) -> None:
    assert org_prefix(text) is None


def test_a_team_that_acts_is_still_a_unit() -> None:
    assert org_prefix("青松县志愿服务队开展活动") == "青松县志愿服务队"


def test_a_betting_brand_in_a_source_field_is_spam() -> None:
    from ingest.names import spam_name

    assert spam_name("某某娱乐世界杯")
    assert spam_name("必威betways")
    assert not spam_name("青松日报")


def test_a_unit_value_left_damaged_is_repaired() -> None:
    from ingest.names import repaired_unit

    assert repaired_unit("青松市气象局???") == "青松市气象局"
    assert repaired_unit("青松市气象局局") == "青松市气象局"
    assert repaired_unit("青松网参与互动(0") == "青松网"  # a comment widget glued on
    assert repaired_unit("青松评论") == "青松评论"  # a medium called so
    assert repaired_unit("青松网1月7日电据青松外侨局") == "青松网"


def test_a_byline_of_a_unit_and_two_writers_names_the_unit_and_the_first_writer() -> None:
    from ingest.names import unit_and_writer

    assert unit_and_writer("青山县委组织部张小川李四") == ("青山县委组织部", "张小川")
    assert unit_and_writer("青山县委组织部 张三 李四") == ("青山县委组织部", "张三")
    assert unit_and_writer("青山县老年大学 举办 书画展") is None


def test_a_count_of_units_opening_a_clause_is_no_unit() -> None:
    from ingest.names import org_prefix

    assert org_prefix("16支志愿服务队依次上台接受授旗") is None
    assert org_prefix("三家养老院联合开展敬老活动") is None
    assert org_prefix("此次集团共为40名老党员颁发纪念章") is None  # this time, the group…
    assert org_prefix("青山市老年志愿服务队依次上台") == "青山市老年志愿服务队"
