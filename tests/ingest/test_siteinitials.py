"""Sites named by the initials of their place and office (ingest.siteinitials), with addresses
and sentences written for the test."""

from __future__ import annotations

import pytest

from ingest.pipeline import read_bytes
from ingest.siteinitials import initials_region
from policykg.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return default_gazetteer()


def _name(gaz, labels: list[str], text: str = "") -> str | None:  # type: ignore[no-untyped-def]
    ref = initials_region(gaz, labels, lambda r: r.name[:2] in text)
    return ref.name if ref is not None else None


@pytest.mark.parametrize(
    ("label", "want"),
    [
        ("jsyxlgbj", "宜兴市"),  # province + county initials + office
        ("hfswlgbj", "合肥市"),  # city + 市委 + office: 鹤峰县 and 横峰县 are counties
        ("jsyx", None),  # no office: initials alone are too short to trust
        ("xm", None),
    ],
)
def test_initials_with_an_office_spell_one_place(gaz, label: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert _name(gaz, [label]) == want


def test_shared_initials_need_the_text(gaz) -> None:  # type: ignore[no-untyped-def]
    assert _name(gaz, ["hnlgb"]) is None  # 河南, 湖南, 海南, 淮南 …
    assert _name(gaz, ["hnlgb"], "湖南老同志座谈会") == "湖南省"


def test_a_placeless_page_on_an_initials_site_is_placed() -> None:
    text = "老干部书画展开幕\n近日，老干部书画展在活动中心开幕，展出作品百余幅。\n"
    [doc, *_] = read_bytes("p.txt", text.encode("utf-8"), source_url="http://www.jsyxlgbj.com/news/1.html")
    assert doc.region is not None and doc.region.name == "宜兴市"
    [doc, *_] = read_bytes("p.txt", text.encode("utf-8"), source_url="http://www.jsyx.com/news/1.html")
    assert doc.region is None
