"""Page fields read back from what the residue passes took out (ingest.residuemeta), invented lines."""

from __future__ import annotations

from ingest.residuemeta import crumb_parts, meta_from_residue
from ingest.webmeta import WebMeta


def test_a_breadcrumbs_levels() -> None:
    assert crumb_parts("当前位置：首页>>工作动态 > 正文") == ["当前位置：首页", "工作动态", "正文"]
    assert crumb_parts("青松县召开老干部工作会议") == []


def test_fields_from_the_chrome_and_the_meta_lines_taken_out() -> None:
    meta = WebMeta()
    meta_from_residue(
        {
            "web": ["发布时间：2031-05-06  来源：青松日报"],
            "navigation": [
                "首页 > 中共青松市委老干部局 > 工作动态",
                "青松老年报 数字报纸",
                "本文转自：青松晚报",
            ],
        },
        meta,
    )
    assert meta.date == "2031-05-06"
    assert meta.fields["source"][0] == "青松日报"
    assert {"中共青松市委老干部局", "青松老年报", "青松晚报"} <= set(meta.fields["source"])


def test_a_trail_opening_with_the_sites_name_and_a_papers_imprint_name_the_source() -> None:
    meta = WebMeta()
    meta_from_residue(
        {
            "web": ["当前位置:《青松网》>"],  # the site's name where others print 首页
            "navigation": ["国内统一刊号:CN99-0001 青松日报报业集团出版"],
        },
        meta,
    )
    assert set(meta.fields["source"]) == {"青松网", "青松日报报业集团"}
    other = WebMeta()
    meta_from_residue({"web": ["当前位置:首页 > 新闻"]}, other)
    assert "source" not in other.fields


def test_a_medium_named_only_at_the_end_of_the_trail_or_in_a_photo_credit() -> None:
    from ingest.residuemeta import fallback_source

    assert fallback_source({"navigation": ["新闻中心 > 综合 > 青松日报"]}) == "青松日报"
    assert fallback_source({"caption": ["青松社记者林小青摄"]}) == "青松社"
    assert fallback_source({"navigation": ["首页 > 新闻 > 综合"], "caption": ["林小青 摄"]}) is None
    assert fallback_source({"caption": ["青松晚报特派松岭记者 林小青 摄"]}) == "青松晚报"
    assert fallback_source({"caption": ["林小青 摄/青松社"]}) == "青松社"
    assert fallback_source({"navigation": ["青松网>>松岭频道"]}) == "青松网"


def test_a_dated_meta_row_taken_as_furniture_gives_its_source_unit() -> None:
    meta = WebMeta()
    meta_from_residue(
        {"navigation": ["撰写时间: | 2019-11-04 | 浏览次数: | - | 来源: | 青山区委老干部局 |"]}, meta
    )
    assert meta.first("source") == "青山区委老干部局" and meta.date == "2019-11-04"
    # a row without its date, or naming no unit, gives no source
    meta = WebMeta()
    meta_from_residue({"navigation": ["浏览次数: | - | 来源: | 青山区委老干部局 |"]}, meta)
    meta_from_residue({"navigation": ["撰写时间: | 2019-11-04 | 来源: | 张三 |"]}, meta)
    assert meta.first("source") is None


def test_a_templates_unfilled_fields_are_no_values() -> None:
    meta = WebMeta()
    meta_from_residue(
        {"web": ["2021-4-29 10:31| 发布者: abc| 查看: 99| 评论: 0|原作者: [db:作者]|来自: [db:来源]"]}, meta
    )
    assert meta.first("source") is None and meta.first("author") is None
