"""The unit that owns a page (ingest.pageowner) and units placed by a reviewed list
(ingest.unitplaces). Fixtures are written for the test: invented pages of the shapes met in the
real development set (a school's news that only says 我校, a portal whose footer names its owner)."""

from __future__ import annotations

import pytest

from ingest import pageowner, unitplaces
from ingest.coverage import check
from ingest.docregion import region_of_org
from ingest.pipeline import read_bytes
from policykg.gazetteer import default_gazetteer
from policykg.model import Document


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return default_gazetteer()


def page(text: str) -> Document:
    [doc, *_] = read_bytes("p.txt", text.encode("utf-8"))
    assert check(doc).ok
    return doc


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("版权所有：青松职业技术学院  地址：某路1号  邮编：100000", "青松职业技术学院"),
        ("版权所有:白鹭市老科学技术工作者协会 公安备案号: 0000", "白鹭市老科学技术工作者协会"),
        ("中共白鹭市委老干部局版权所有 联系地址:白鹭路8号", "中共白鹭市委老干部局"),
        ("主办单位：青山县委老干部局 技术支持：某公司", "青山县委老干部局"),
        ("版权所有 ©2031 青松日报 qsdaily.com 某ICP备00000000号", "青松日报"),  # a year after ©
    ],
)
def test_copyright_line_names_the_owner(line: str, owner: str) -> None:
    assert pageowner.copyright_owner(["上一篇：无", line]) == owner


def test_no_copyright_line_no_owner() -> None:
    assert pageowner.copyright_owner(["近日，老同志参观了展览。", "关闭窗口"]) is None
    # a disclaimer and an organiser named in a sentence are not a site's owner
    assert pageowner.copyright_owner(["版权归原作者，侵权请联系删除"]) is None
    assert pageowner.copyright_owner(["主办方负责人表示，活动将每年举办。"]) is None


def test_a_school_page_speaking_of_itself_names_its_school(gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "5月6日，全省高校离退休工作协作组会议在丽水工程学院召开。\n"
        "会上，学校离退休工作处介绍了经验。我校老同志代表发言，丽水工程学院党委副书记出席。"
    )
    assert pageowner.self_named_school(text, gaz) == "丽水工程学院"


def test_not_a_school_page_or_only_an_old_peoples_college(gaz) -> None:  # type: ignore[no-untyped-def]
    # names a university but never speaks as one
    assert pageowner.self_named_school("老干部们参观了丽水工程学院新校区。", gaz) is None
    # speaks of 学校, but the only school named is a college for the elderly: not a page owner
    assert pageowner.self_named_school("近日，丽水老年大学开学。学校开设书法班。", gaz) is None


def test_web_page_without_source_takes_its_footer_owner() -> None:
    d = page(
        "支部动态\n发布日期：2021-03-02 浏览次数：\n"
        "近日，退休协会组织老同志开展春季健步走活动，大家精神饱满。\n"
        "版权所有：青松职业技术学院 地址：青松路1号\n"
    )
    assert d.source_unit == "青松职业技术学院"


def test_a_named_source_is_kept_over_the_footer() -> None:
    d = page(
        "老同志健步走\n发布日期：2021-03-02 来源：青松日报\n"
        "近日，退休协会组织老同志开展春季健步走活动，大家精神饱满。\n"
        "版权所有：青松职业技术学院\n"
    )
    assert d.source_unit == "青松日报"


@pytest.mark.parametrize(
    ("unit", "region"),
    [
        ("中国科大离退休干部党委", "合肥市"),  # no place in the name: the list places it
        ("中央财经大学离退休工作处", "北京市"),
        ("河北工业大学离退休处", "天津市"),  # the name says 河北, the list says where it is
        ("辽宁大学离退休工作处", "沈阳市"),  # the name gives the province, the list its city
        ("河南工业大学离退休工作处", "郑州市"),  # 教育部's list of every school
        ("吉林师范大学离退休工作处", "四平市"),
        (
            "常熟理工学院离退休工作处",
            "常熟市",
        ),  # the county-level city its name gives, inside the listed 苏州市
        ("西藏民族大学离退休工作处", "咸阳市"),  # listed under its province, seated in another
        ("白鹭理工大学离退休工作处", None),  # not listed, no known place: nothing invented
        ("湖南大学生志愿者协会", "湖南省"),  # students, not the school
        ("中共白鹭市委老干部局", None),  # not listed, no known place: nothing invented
    ],
)
def test_units_placed_by_the_list(gaz, unit: str, region: str | None) -> None:  # type: ignore[no-untyped-def]
    ref = region_of_org(gaz, unit)
    assert (ref.name if ref else None) == region


def test_longest_listed_unit_wins() -> None:
    assert unitplaces.place_of_unit("中国矿业大学（北京）离退休工作处") == "北京市"
    assert unitplaces.place_of_unit("中国矿业大学离退休工作处") == "江苏省徐州市"


def test_the_owner_places_a_page_only_where_the_text_does_not() -> None:
    # a province-wide association's portal reposting a city's meeting: the city the text names stands
    d = page(
        "全市老干部工作会议召开\n发布日期：2024-02-13\n"
        "2月13日，丽水市老干部工作会议召开，会议部署了全年工作。\n"
        "版权所有：浙江省老科学技术工作者协会\n"
    )
    assert d.source_unit == "浙江省老科学技术工作者协会"
    assert d.region is not None and d.region.name == "丽水市"
    # a school's page that names no place: the listed school places it
    d = page(
        "支部动态\n发布日期：2021-03-02\n近日，退休协会组织老同志开展春季健步走活动。\n版权所有：中央财经大学\n"
    )
    assert d.region is not None and d.region.name == "北京市"


def test_parent_form_written_in_the_text(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "春节前夕，中国科学院丽水分院组织走访慰问。丽水分院党委书记参加。"
    assert pageowner.parent_form("丽水分院", text, gaz) == "中国科学院丽水分院"
    # a parent that opens with a place and ends like a unit
    text = "近日，丽水工程学院离退休工作处组织老同志参观。"
    assert pageowner.parent_form("离退休工作处", text, gaz) == "丽水工程学院离退休工作处"
    # words before the unit that are no parent
    assert pageowner.parent_form("离退休工作处", "会议由离退休工作处主持。", gaz) is None


def test_short_unit_in_the_head_keeps_its_parent() -> None:
    d = page(
        "丽水分院慰问离退休人员\n发布日期：2024-02-02\n"
        "春节前夕，中国科学院丽水分院组织走访慰问离退休人员，送去节日祝福。\n"
    )
    assert d.author_unit == "中国科学院丽水分院"


def test_bare_department_joins_the_page_owner() -> None:
    d = page(
        "老同志参观新校区\n发布日期：2024-05-02 作者：离退休工作处\n"
        "近日，老同志参观了新校区，大家很高兴。\n版权所有：青松职业技术学院\n"
    )
    assert d.author_unit == "青松职业技术学院离退休工作处"
    assert d.source_unit == "青松职业技术学院"


def test_a_listed_school_speaking_as_we_places_its_page_over_a_visited_city() -> None:
    d = page(
        "离退休党支部过主题党日\n发布日期：2024-10-12\n"
        "近日，我校离退休第三党支部组织老同志赴开封市参观学习。大家表示，我们河南工业大学的老同志"
        "要继续发挥余热。学校离退休工作处全程陪同。\n"
    )
    assert d.source_unit == "河南工业大学"
    assert d.region is not None and d.region.name == "郑州市"


def test_listed_school_lookup() -> None:
    assert unitplaces.listed_school("我们长安大学的老同志") == "长安大学"
    assert unitplaces.school_place("中国矿业大学（北京）离退休处") == ("110000", "北京市")
    assert unitplaces.school_place("白鹭理工大学") is None
    assert unitplaces.listed_school("湖南大学生志愿者") is None


def test_every_listed_school_resolves_to_a_division(gaz) -> None:  # type: ignore[no-untyped-def]
    from ingest.unitregion import school_region

    schools = unitplaces._schools()
    assert len(schools) > 2500
    unresolved = [name for name in schools if school_region(gaz, name) is None]
    assert unresolved == []


def test_a_provincial_notice_reposted_on_a_schools_site_keeps_its_province() -> None:
    d = page(
        "白鹭大学离退休处官方网站      现在是\n新闻资讯\n"
        "[省委老干部局]关于开展“银龄新风采”主题宣传活动的通知\n"
        "作者:    来源:admin    点击数:    发布时间:2014-02-24\n"
        "湘老干〔2014〕2号\n"
        "各市州委老干部局，省直单位离退休干部工作部门：\n"
        "经研究，定于今年在全省离退休干部中组织一次主题宣传。现将有关事项通知如下：\n"
        "一、参加对象\n全省离退休干部。\n"
    )
    assert d.title == "关于开展“银龄新风采”主题宣传活动的通知"
    assert d.region is not None and d.region.name == "湖南省"


def test_a_footer_naming_the_site_itself_names_no_owner() -> None:
    assert pageowner.copyright_owner(["主办单位：本网站编辑部  版权所有"]) is None
    assert pageowner.copyright_owner(["版权所有：本站  技术支持：某某科技"]) is None


def test_a_copyright_line_run_into_the_sites_notice_still_names_the_owner() -> None:
    line = "版权所有 © 中国科学院青松化学研究所本站内容如涉及知识产权问题请联系我们备案号:青ICP备05000001号-1"
    assert pageowner.copyright_owner([line]) == "中国科学院青松化学研究所"


def test_a_reprint_notice_names_the_site_that_published_the_page() -> None:
    assert pageowner.copyright_owner(["本文由青松新闻网发布，未经同意不得转载"]) == "青松新闻网"
    notice = "青松日报、青松晚报所有自采新闻独家授权青松新闻网发布,未经同意不得转载或镜像"
    assert pageowner.copyright_owner([notice]) == "青松新闻网"


def test_an_e_paper_story_with_only_本报讯_is_the_papers_its_footer_names() -> None:
    d = page(
        "第2b版:要闻 下一版\n上一篇\n\n青松市老促会换届 张小河任新一届会长\n\n"
        "本报讯 (记者 李大山) 昨日上午，青松市老区建设促进会第五届会员大会举行。\n"
        "大会选举产生新一届理事会。\n\n"
        "版权所有 ©2031 青松日报 qsdaily.com 某ICP备00000000号\n中国互联网举报中心\n"
    )
    assert d.source_unit == "青松日报"
    assert "中国互联网举报中心" not in [d.source_unit, d.author_unit]


def test_a_copyright_warning_after_the_owner_is_no_owner() -> None:
    assert pageowner.copyright_owner(["青松市文化旅游局 版权所有 未经允许 请勿复制"]) == "青松市文化旅游局"
    assert pageowner.copyright_owner(["青松市文化旅游局版权所有未经允许请勿复制"]) == "青松市文化旅游局"
    assert pageowner.copyright_owner(["版权声明 青松网网站版权所有"]) == "青松网"
