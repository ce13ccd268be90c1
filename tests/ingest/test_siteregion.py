"""Where a page's web address places it (ingest.siteregion) and how find_region uses it. Pages are
written for the test; addresses follow the public shapes of government and news sites."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ingest import siteregion
from ingest.coverage import check
from ingest.pipeline import read_bytes
from policykg.gazetteer import default_gazetteer
from policykg.model import Document

ROOT = Path(__file__).resolve().parents[2]

# a web article that names no place at all (the site's address is the only clue)
PLACELESS = "\n".join(
    [
        "老同志走进社区讲党课",
        "发布时间：2024-04-02 09:00",
        "近日，局离退休干部党支部组织老同志走进社区，为青少年讲述革命故事。",
        "活动中，老同志们结合亲身经历，讲述了艰苦奋斗的岁月。",
    ]
)


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return default_gazetteer()


def page(text: str, url: str | None) -> Document:
    [doc, *_] = read_bytes("p.txt", text.encode("utf-8"), source_url=url)
    assert check(doc).ok
    return doc


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://LGJ.Ankang.gov.cn/info/1.htm", "lgj.ankang.gov.cn"),
        ("www.luoshan.gov.cn/a.html", "www.luoshan.gov.cn"),
        ("http://183.214.109.162/x.htm", None),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_host_of(url: str | None, host: str | None) -> None:
    assert siteregion.host_of(url) == host


@pytest.mark.parametrize(
    ("url", "text", "region"),
    [
        ("https://lgj.ankang.gov.cn/info/1.htm", "", "安康市"),  # a label spelling a city
        ("http://www.luoshan.gov.cn/a.html", "", "罗山县"),  # a county
        ("https://news.zjol.com.cn/x.html", "", "浙江省"),  # a provincial news portal
        ("http://sc.people.com.cn/n2/1.html", "", "四川省"),  # a regional channel of a national portal
        ("http://yunxi.cjyun.org/p/1.html", "", "郧西县"),  # inside the portal's province: not 云溪区 (湖南)
        ("http://hsszx.huangshan.gov.cn/1.html", "", "黄山市"),  # 黄山区 lies inside 黄山市
        ("http://www.lgbj.taizhou.gov.cn/1.html", "台州市老干部局组织开展活动", "台州市"),  # the text decides
        ("http://www.lgbj.taizhou.gov.cn/1.html", "老干部局组织开展活动", None),  # 泰州/台州: unsupported
        ("http://www.lgbj.suzhou.gov.cn/1.html", "", "苏州市"),  # 苏州's own portal, listed
        ("https://glj.xm.gov.cn/1.htm", "", "厦门市"),  # a listed portal named by an abbreviation
        ("http://swj.luohe.gov.cn/1.html", "", "漯河市"),  # a place reading pypinyin does not give first
        ("http://xwzx.xindu.gov.cn/1.html", "新都区老干部局组织参观", "新都区"),  # 都 read du (新都/信都)
        ("http://jggw.changzhou.gov.cn/1.html", "", "常州市"),  # listed: 长洲区 is changzhou too
        ("https://ypdj.shyp.gov.cn/a.html", "", "杨浦区"),  # a district's portal, listed by its code
        ("http://gongan.ankang.gov.cn/1.html", "", "安康市"),  # gongan is a bureau, not 公安县
        ("https://ltx.some-university.edu.cn/1.htm", "", None),  # an abbreviation places nothing
        ("http://lgj.hx.gov.cn/1.htm", "", None),  # unlisted labels shorter than four letters are not read
    ],
)
def test_site_region(gaz, url: str, text: str, region: str | None) -> None:  # type: ignore[no-untyped-def]
    ref = siteregion.site_region(gaz, url, text)
    assert (ref.name if ref else None) == region


def test_site_rows_resolve(gaz) -> None:  # type: ignore[no-untyped-def]
    for host, region in siteregion._sites().items():
        found = [r for r in [gaz.get(region)] if r] if region.isdigit() else gaz.lookup(region)
        assert len(found) == 1, (host, region)


def test_address_places_a_page_whose_text_names_no_place() -> None:
    doc = page(PLACELESS, "https://lgj.ankang.gov.cn/info/1021/5.htm")
    assert doc.region is not None and doc.region.name == "安康市"
    assert doc.source_url == "https://lgj.ankang.gov.cn/info/1021/5.htm"
    assert page(PLACELESS, None).region is None


def test_text_outweighs_the_address() -> None:
    # a province's notice reposted on a city's portal stays the province's
    text = PLACELESS.replace("近日，局离退休", "近日，陕西省委老干部局离退休")
    doc = page(text, "https://lgj.ankang.gov.cn/info/1021/6.htm")
    assert doc.region is not None and doc.region.name == "陕西省"


def test_html_page_gives_its_own_address() -> None:
    html = (
        "<!-- saved from url=(0041)https://lgj.ankang.gov.cn/info/1021/7.htm -->\n"
        "<html><head><title>老同志走进社区讲党课</title></head><body><h1>老同志走进社区讲党课</h1>"
        + "".join(f"<p>{line}</p>" for line in PLACELESS.split("\n")[1:])
        + "</body></html>"
    )
    [doc, *_] = read_bytes("p.html", html.encode("utf-8"))
    assert doc.source_url == "https://lgj.ankang.gov.cn/info/1021/7.htm"
    assert doc.region is not None and doc.region.name == "安康市"
    canonical = html.replace(
        "<head>", '<head><link rel="canonical" href="http://www.luoshan.gov.cn/2024/1.html">'
    ).replace("<!-- saved from url=(0041)https://lgj.ankang.gov.cn/info/1021/7.htm -->\n", "")
    [doc, *_] = read_bytes("p.html", canonical.encode("utf-8"))
    assert doc.source_url == "http://www.luoshan.gov.cn/2024/1.html"
    assert doc.region is not None and doc.region.name == "罗山县"


@pytest.mark.skipif(
    importlib.util.find_spec("pypinyin") is None, reason="pypinyin (test extra) not installed"
)
def test_place_pinyin_table_is_what_the_script_writes() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_place_pinyin
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    table = (ROOT / "ingest" / "data" / "place_pinyin.tsv").read_text(encoding="utf-8")
    assert table == make_place_pinyin.render()


def test_a_page_printing_its_own_address_is_placed_by_it() -> None:
    assert siteregion.printed_address("标题\n原文链接：https://lgj.ankang.gov.cn/a/1.htm\n正文") == (
        "https://lgj.ankang.gov.cn/a/1.htm"
    )
    assert siteregion.printed_address("正文提到 https://www.example.com 的广告") is None  # not labelled
    doc = page(PLACELESS + "\n本文链接：http://www.luoshan.gov.cn/2024/5.html\n", None)
    assert doc.source_url == "http://www.luoshan.gov.cn/2024/5.html"
    assert doc.region is not None and doc.region.name == "罗山县"


# A school's site: the school table (school_domains.tsv) names the school, universities.tsv its city.
@pytest.mark.parametrize(
    ("url", "region"),
    [
        ("https://ltx.hrbust.edu.cn/info/1021/5.htm", "哈尔滨市"),  # any subdomain of the school's domain
        ("http://ltc.upc.edu.cn/2024/0301/c1a2/page.htm", "青岛市"),  # 中国石油大学（华东）
        ("http://ganbu.henu.edu.cn/info/1.htm", "开封市"),
        ("http://manager.zjkptc.edu.cn/a.htm", "张家口市"),
        ("https://www.jiangnan.edu.cn/info/1.htm", "无锡市"),  # 江南大学, not the pinyin of 江南区
        ("http://tj.ustb.edu.cn/1.htm", "天津市"),  # a college on its parent's domain, in another city
        ("http://ltx.ustb.edu.cn/1.htm", "北京市"),  # the parent's own offices
        ("https://ltx.some-university.edu.cn/1.htm", None),  # a school domain the table does not list
    ],
)
def test_school_site_region(gaz, url: str, region: str | None) -> None:  # type: ignore[no-untyped-def]
    ref = siteregion.site_region(gaz, url, "")
    assert (ref.name if ref else None) == region


def test_school_rows_resolve(gaz) -> None:  # type: ignore[no-untyped-def]
    rows = siteregion._school_domains()
    assert len(rows) > 2000
    unresolved = [
        (domain, row) for domain, row in rows.items() if siteregion.school_site(gaz, domain) is None
    ]
    assert unresolved == []


def test_school_site_places_a_page_whose_text_names_no_place() -> None:
    doc = page(PLACELESS, "https://ltx.hrbust.edu.cn/info/1021/5.htm")
    assert doc.region is not None and doc.region.name == "哈尔滨市"
    assert page(PLACELESS, "https://ltx.some-university.edu.cn/info/5.htm").region is None


def test_text_outweighs_the_school_site() -> None:
    text = PLACELESS.replace("近日，局离退休", "近日，陕西省委老干部局离退休")
    doc = page(text, "https://ltx.hrbust.edu.cn/info/1021/6.htm")
    assert doc.region is not None and doc.region.name == "陕西省"


def test_a_school_site_refines_the_province_its_text_names() -> None:
    text = PLACELESS.replace("近日，局离退休", "近日，黑龙江省高校离退休")
    doc = page(text, "https://ltx.hrbust.edu.cn/info/1021/7.htm")
    assert doc.region is not None and doc.region.name == "哈尔滨市"
    # a province's notice, reposted on the school's site, stays the province's (its issuer says so)
    notice = (
        "关于开展示范党支部创建的通知\n各市（地）委老干部局：\n现就开展示范党支部创建有关事项通知如下。\n"
        "一、创建范围\n全省离退休干部党支部。\n中共黑龙江省委老干部局\n2024年3月1日\n"
    )
    doc = page(notice, "https://ltx.hrbust.edu.cn/info/1021/8.htm")
    assert doc.region is not None and doc.region.name == "黑龙江省"


def test_a_school_site_outweighs_places_its_pages_merely_mention() -> None:
    trip = "\n".join(
        [
            "离退休老同志赴外地参观学习",
            "发布时间：2024-05-02 09:00",
            "近日，离退休工作处组织老同志赴延安市参观学习。",
            "在延安市，老同志们参观了革命旧址，接受了党性教育。",
        ]
    )
    assert page(trip, None).region.name == "延安市"  # type: ignore[union-attr]
    assert page(trip, "https://ltx.hrbust.edu.cn/info/1021/9.htm").region.name == "哈尔滨市"  # type: ignore[union-attr]


# the list's three link forms, written for the test in the source's syntax
_SCHOOL_LIST = "\n".join(
    [
        "<sup>中央军委</sup>❗\t[**国防科技大学**](https://www.nudt.edu.cn)\t⭐<sub>长沙市</sub>",
        "<h3 id='11'>北京　<small>…</small></h3>",
        "　<sup>教育部</sup>❕<a  href='http://www.ustb.edu.cn'><b>北京科技大学</b></a> ✌️海淀区"
        "　<a title='注' href='http://www.bjut.edu.cn'>北京工业大学</a> ✌️朝阳区  <i>[院系](http://x.cn)</i>",
        "<h3 id='12'>天津　<small>…</small></h3>",
        "　¥ 北京科技大学<a  href='http://tj.ustb.edu.cn'>天津学院</a> 宝坻区"
        "　<a  href='http://www.tust.edu.cn'>天津一所新学院</a> 津南区",
        "<h3 id='13'>河北　<small>…</small></h3>",
        "　<a  href='http://www.hebtu.edu.cn'>河北师范大学</a> 石家庄市"
        "　<a  href='http://www.cdsfxy.edu.cn'>承德师范大学</a>"  # unlisted, no place: its name's city
        "　¥ 河北师范大学<a  href='http://huihua.hebtu.edu.cn'>汇华学院</a> 石家庄市",
        "高职大专：<small>　石家庄市 <a  href='http://www.shijiazhuang.gov.cn/x/'>某某职业学院</a>"
        "　 <a  href='http://www.abcd.edu.cn'>某新职业学院</a>"
        "　张家口市 <a  href='http://www.efgh.com'>张家口某职业学院</a> ⚙️</small>",
    ]
)


def test_school_list_script_reads_the_three_link_forms(gaz) -> None:  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_school_domains as script
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert script.registrable("ltx.hrbust.edu.cn") == "hrbust.edu.cn"
    assert script.registrable("ahsdxy.ah.edu.cn") == "ahsdxy.ah.edu.cn"
    assert script.registrable("www.jvtc.jx.cn") == "jvtc.jx.cn"
    assert script.registrable("www.gengdan.cn") == "gengdan.cn"
    entries = script.entries(_SCHOOL_LIST)
    assert ("", "www.nudt.edu.cn", "国防科技大学", "长沙市") in entries
    assert ("12", "tj.ustb.edu.cn", "北京科技大学天津学院", "宝坻区") in entries
    assert ("13", None, "某某职业学院", "石家庄市") in entries  # a government host is no school's site
    listed = {"北京科技大学": "北京市", "北京工业大学": "北京市", "北京科技大学天津学院": "天津市"}
    listed |= {"河北师范大学": "石家庄市", "河北师范大学汇华学院": "石家庄市"}
    rows, drops = script.build(_SCHOOL_LIST, gaz, listed)
    assert rows == [
        ("bjut.edu.cn", "北京工业大学", ""),
        ("cdsfxy.edu.cn", "承德师范大学", "承德市"),  # renamed since our list: the city it is named after
        ("efgh.com", "张家口某职业学院", "张家口市"),  # unlisted: the city the source gives
        ("hebtu.edu.cn", "河北师范大学", ""),  # its college in the same city adds nothing
        ("nudt.edu.cn", "国防科技大学", "长沙市"),
        ("tj.ustb.edu.cn", "北京科技大学天津学院", ""),  # on its parent's domain, in another city
        ("tust.edu.cn", "天津一所新学院", "天津市"),  # a municipality's district: the municipality
        ("ustb.edu.cn", "北京科技大学", ""),
    ]
    assert drops == {
        "unlisted school without a resolvable place": 1,  # 某新职业学院
        "no site of its own (government host, bare address, foreign partner)": 1,
    }


def test_a_breadcrumb_starting_from_a_place_is_the_sites(gaz) -> None:  # type: ignore[no-untyped-def]
    root = siteregion.crumb_root_region
    assert root(gaz, ["当前位置: 桐城 > 综合资讯 > 社会"]).name == "桐城市"  # type: ignore[union-attr]
    assert root(gaz, ["当前位置: 首页 > 新闻"]) is None
    assert root(gaz, ["当前位置: 中共某某县委老干部局 > 工作动态"]) is None


def test_a_unit_named_by_its_level_on_a_site_of_that_level_is_the_sites() -> None:
    text = (
        "当前位置: 桐城 > 综合资讯 > 社会\n\n“老有所学”需求旺盛 市老年大学秋季招生火爆\n\n"
        "2019-09-30 来源:网络收录 撰稿:张大山\n\n"
        "市老年大学秋季招生工作9月14日开始，仅两天时间，报名人员达到1200多人次，创历史新高。\n"
        "近年来，市老年大学提前谋划，成为安徽省示范老年大学。\n"
    )
    [doc] = read_bytes("page.txt", text.encode("utf-8"))
    assert doc.region is not None and doc.region.name == "桐城市"


def test_a_bare_department_credited_on_a_schools_own_site_is_that_schools() -> None:
    text = (
        "离退休教职工党支部开展主题党日活动\n发布时间：2024-04-02\n"
        "4月1日，离退休教职工第一党支部组织党员参观校史馆，重温入党誓词。\n"
        "大家表示，将继续发挥余热，为学校发展贡献力量。\n"
    )
    doc = page(text, "https://ltx.hrbust.edu.cn/info/1021/8.htm")
    assert doc.author_unit == "哈尔滨理工大学离退休教职工党支部"  # the acting branch, under its school


def test_a_machine_translated_page_names_its_place_in_pinyin(gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Recently, retired cadres of Jianning County went to the fields. Jianning County has 300 volunteers."
    )
    assert siteregion.english_place(gaz, text).name == "建宁县"  # type: ignore[union-attr]
    assert siteregion.english_place(gaz, "The meeting was held in a city.") is None
    page_text = (
        "\nJianning County: Make good use of silver-haired talents to serve the villages\n\n"
        "author:Retired cadres in Fujian\n\n"
        "Recently, a senior agronomist of Jianning County went to the planting base to give guidance.\n"
    )
    [doc] = read_bytes("p.txt", page_text.encode("utf-8"))
    assert doc.region is not None and doc.region.name == "建宁县"


@pytest.mark.parametrize(
    ("url", "region"),
    [
        ("http://ihep.cas.cn/xwdt/zhxw/202401/t20240101_1.html", "北京市"),  # an institute's own site
        ("http://www.kib.cas.cn/xwdt/1.html", "昆明市"),
        ("https://www.cas.cn/yw/202401/t20240101_1.shtml", None),  # the academy's own portal: no seat row
    ],
)
def test_an_academy_institutes_site_places_a_placeless_page_at_its_seat(
    gaz, url: str, region: str | None
) -> None:  # type: ignore[no-untyped-def]
    ref = siteregion.site_region(gaz, url)
    assert (ref.name if ref is not None else None) == region
    if region is not None:
        assert page(PLACELESS, url).region.name == region  # type: ignore[union-attr]
