"""ingest.titleleads: a headline led by its writer or its medium."""

from __future__ import annotations

from ingest.titleleads import without_medium, without_writer


def test_a_writers_name_leads_the_headline_only_when_the_meta_credits_that_writer() -> None:
    assert without_writer("张小河：人退休了党员本色不能丢", ["张小河"]) == "人退休了党员本色不能丢"
    assert without_writer("青松县：退休干部发挥余热", ["张小河"]) == "青松县：退休干部发挥余热"


def test_a_medium_leads_the_headline_only_when_it_opens_the_story_again() -> None:
    assert without_medium("青松微盟：银领项目启动", "青松微盟：") == ("银领项目启动", "青松微盟")
    assert without_medium("青松县：银领项目启动", "昨天上午，我县举行启动仪式。") == (
        "青松县：银领项目启动",
        None,
    )


def test_a_medium_named_as_one_before_a_colon_is_no_part_of_the_headline() -> None:
    assert without_medium("中国青松新闻网:青松矿区成功举办老年人运动会", "日期:2031-10-23") == (
        "青松矿区成功举办老年人运动会",
        "中国青松新闻网",
    )
    assert without_medium("湖北青松区:检察院老干部党支部迎接考评", "") == (
        "湖北青松区:检察院老干部党支部迎接考评",
        None,
    )


def test_a_headlines_leading_tag_names_a_unit_only_when_it_is_one() -> None:
    from ingest.metadata import is_org_name
    from ingest.titleleads import bracketed_unit

    assert bracketed_unit("【国网青松供电公司】离退休党支部过主题党日", is_org_name) == "国网青松供电公司"
    assert bracketed_unit("【工作动态】离退休党支部过主题党日", is_org_name) is None


def test_the_unit_tagged_before_a_headline_is_the_pages_author_unit() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "【国网青松供电公司】离退休党支部与社区联合开展主题党日活动\n\n"
        "七一前夕，公司离退休党支部与社区联合开展主题党日活动，20余名老党员参加。\n\n"
        "活动中，老党员们重温入党誓词。\n"
    )
    d = read_bytes("t.txt", text.encode("utf-8"))[0]
    assert d.author_unit == "国网青松供电公司"
    assert d.title == "离退休党支部与社区联合开展主题党日活动"


def test_a_commentators_and_a_genre_label_leading_the_headline_are_cut() -> None:
    from ingest.titleleads import without_medium

    assert without_medium("青松日报评论员：尊重老干部学习老干部", "") == (
        "尊重老干部学习老干部",
        "青松日报评论员",
    )
    assert without_medium("图文：青松老红军迎来百岁寿辰", "") == ("青松老红军迎来百岁寿辰", None)
