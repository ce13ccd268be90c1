"""Dates and years (ingest.dates): every printed form of a full date, and the years a document covers."""

from __future__ import annotations

import pytest

from ingest.dates import detect_years, find_dates, parse_date


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2021年3月5日", "2021-03-05"),
        ("2021 年 3 月 5 日", "2021-03-05"),
        ("二〇二一年三月十五日", "2021-03-15"),
        ("二○一九年十二月三十一日", "2019-12-31"),
        ("二〇二〇年十月一日", "2020-10-01"),
        ("发布时间：2022-07-08", "2022-07-08"),
        ("2021年13月5日", None),
        ("2031年6月25~27日", "2031-06-25"),  # a span of days: its first day
        ("2031年11月20-22日", "2031-11-20"),
        ("二〇二一年", None),
    ],
)
def test_parse_date(raw: str, iso: str | None) -> None:
    assert parse_date(raw) == iso


def test_find_dates_keeps_order() -> None:
    assert [d for _, _, d in find_dates("自2019年1月2日起至二〇二〇年六月三十日止")] == [
        "2019-01-02",
        "2020-06-30",
    ]


def test_detect_years() -> None:
    assert detect_years("鞍山市2021—2025年离退休干部党建工作规划", "") == [2021, 2022, 2023, 2024, 2025]
    assert detect_years("县2024年老干部工作要点", "2024年，全县……") == [2024]
    body = "2021年目标：打基础。\n2022年目标：促提升。\n2023年目标：见实效。"
    assert detect_years("三年行动这样干", body) == [2021, 2022, 2023]
    # history in the body does not count as the years a plan covers
    assert detect_years("关于做好老干部工作的通知", "1997年任务是…，2006年任务是…", "2021-05-01") == [2021]
    assert detect_years(None, "没有年份。") == []


def test_january_written_as_yuanyue_and_a_year_mixing_zero_forms() -> None:
    from ingest.dates import parse_date, standalone_date

    assert standalone_date("二0二四年元月二十三日") == "2024-01-23"
    assert parse_date("2024年元月23日，青松县召开老干部迎春座谈会") == "2024-01-23"
    assert parse_date("二〇二〇年二月二十五日") == "2020-02-25"


def test_an_e_papers_current_page_with_its_day_dates_the_page() -> None:
    from ingest.pipeline import read_bytes

    text = (
        "青松县举办老年人健步走启动仪式\n近日，青松县老体协举办健步走启动仪式，千余名老年人参加。\n"
        "活动旨在引导老年人科学健身。\n当前:A2(2030年07月14日) 上一版 下一版\n"
    )
    doc = read_bytes("e.txt", text.encode("utf-8"))[0]
    assert doc.date == "2030-07-14"
    assert not any("上一版" in c.text for c in doc.clauses)


def test_a_date_line_with_a_bar_after_it_is_a_signatures_date() -> None:
    from ingest.dates import standalone_date
    from ingest.pipeline import read_bytes

    assert standalone_date("2030年1月4日 |") == "2030-01-04"
    text = (
        "关于开展春节走访慰问老干部工作的通知\n各镇、各部门：\n春节即将来临，现就走访慰问老干部工作通知如下。\n"
        "一、认真组织走访慰问。\n青松县委老干部局\n2030年1月4日 |\n"
    )
    doc = read_bytes("n.txt", text.encode("utf-8"))[0]
    assert doc.date == "2030-01-04" and "青松县委老干部局" in doc.issuers


def test_the_day_a_site_filed_a_page_is_read_from_its_address() -> None:
    from ingest.dates import url_date

    assert url_date("http://www.example.gov.cn/gbgz/202110/t20211015_2935459.html") == "2021-10-15"
    assert url_date("http://news.example.cn/content/2021-11/29/content_4028741.htm") == "2021-11-29"
    assert url_date("https://lt.example.edu.cn/2020/1217/c9998a164215/page.htm") == "2020-12-17"
    assert url_date("http://bbs.example.com/read-htm-tid-1464807.html") is None  # an id, not a day
    assert url_date("http://20200101.example.com/a.html") is None  # never the host's digits
    assert url_date(None) is None
