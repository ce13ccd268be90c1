"""Page shapes that place a web page's headline (ingest.headshapes), with lines written for the test."""

from __future__ import annotations

from ingest.headline import WebHead
from ingest.headshapes import (
    disclosure_label,
    headline_above_meta,
    headline_above_removed_meta,
    headline_printed_twice,
    read_disclosure_row,
)


def test_the_line_above_a_kept_meta_line_is_the_headline() -> None:
    lines = [
        "青松频道",
        "青松县银龄志愿者助力果园增收",
        "2026-05-19 18:23:05 来源:青松融媒",
        "今年春天，志愿服务队走进果园。",
    ]
    head = WebHead()
    assert headline_above_meta(lines, len(lines), head) == 2
    assert head.title == "青松县银龄志愿者助力果园增收"
    assert head.residue["navigation"] == ["青松频道"]


def test_the_line_above_a_removed_meta_line_is_the_headline() -> None:
    lines = ["青松公益项目", "青松公益项目", "青松“五老”队伍致力关心下一代", "莫道桑榆晚，为霞尚满天。"]
    head = WebHead()
    assert headline_above_removed_meta(lines, len(lines), head, ["青松“五老”队伍致力关心下一代"]) == 3
    assert head.title == "青松“五老”队伍致力关心下一代"
    assert headline_above_removed_meta(lines, len(lines), WebHead(), []) == 0  # no hint, no shape


def test_a_headline_printed_twice_under_the_banner() -> None:
    lines = [
        "青松频道",
        "青松县银龄志愿者助力果园增收",
        "青松县银龄志愿者助力果园增收",
        "今年春天，志愿服务队走进果园。",
    ]
    head = WebHead()
    assert headline_printed_twice(lines, len(lines), head) == 3
    assert head.title == "青松县银龄志愿者助力果园增收"


def test_a_disclosure_tables_row() -> None:
    assert disclosure_label("发布机构") == "发布机构"
    assert disclosure_label("文号：") == "文号"
    assert disclosure_label("发布机构很重要") is None
    lines = ["索引号", "000012345/2021-00321", "文号", "发布日期", "2021-04-12"]
    head = WebHead()
    assert read_disclosure_row(lines, 0, len(lines), "索引号", head) == 2  # a value it keeps nowhere
    assert read_disclosure_row(lines, 2, len(lines), "文号", head) == 3  # no value: the next label follows
    assert read_disclosure_row(lines, 3, len(lines), "发布日期", head) == 5
    assert head.meta.date == "2021-04-12"
