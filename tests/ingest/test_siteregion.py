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
        ("http://www.lgbj.suzhou.gov.cn/1.html", "宿州市老干部局组织开展活动", "宿州市"),  # the text decides
        ("http://www.lgbj.suzhou.gov.cn/1.html", "老干部局组织开展活动", None),  # 苏州/宿州/肃州: unsupported
        ("http://gongan.ankang.gov.cn/1.html", "", "安康市"),  # gongan is a bureau, not 公安县
        ("https://ltx.some-university.edu.cn/1.htm", "", None),  # an abbreviation places nothing
        ("http://xm.gov.cn/1.htm", "", None),  # labels shorter than four letters are not read
    ],
)
def test_site_region(gaz, url: str, text: str, region: str | None) -> None:  # type: ignore[no-untyped-def]
    ref = siteregion.site_region(gaz, url, text)
    assert (ref.name if ref else None) == region


def test_site_rows_resolve(gaz) -> None:  # type: ignore[no-untyped-def]
    for host, region in siteregion._sites().items():
        assert len(gaz.lookup(region)) == 1, (host, region)


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
