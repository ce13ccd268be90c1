"""Furniture recognised by its shape (ingest.headmenus), with lines written for the test."""

from __future__ import annotations

from ingest.headmenus import menu_column, noun_run, welcomed_site_name


def test_five_one_word_lines_above_the_first_sentence_are_a_menu() -> None:
    lines = ["首页", "行业", "财经", "综合", "热点", "某某老人义务修路", "近日，老人修好了路。"]
    assert menu_column(lines, 6) == {0, 1, 2, 3, 4}
    assert menu_column(["首页", "行业", "财经", "某某老人义务修路"], 3) == set()  # three are no column


def test_a_run_of_channel_names_is_a_menu_but_a_headline_is_not() -> None:
    assert noun_run("钢铁轻工电器仪器机械冶金建材化工医药电子能源电力环保纺织")
    assert not noun_run("青山老年科学家用余热点亮夕阳红")


def test_the_sites_name_under_its_welcome_line_is_furniture() -> None:
    lines = ["欢迎访问某某服务观察网!", "某某服务观察网", "“国庆”归来话变化", "某某机务段"]
    assert welcomed_site_name(lines, 3) == {1}
