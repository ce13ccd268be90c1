"""Word's list numbering: counters per list instance, levels, styles, formats, and bounds on what a file asks.

The numbering and styles parts are written here as small XML strings; reading a whole .docx with
numbered paragraphs is covered in test_readers.py."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from ingest.readers.docxnumbering import (
    MAX_LABEL_CHARS,
    MAX_LIST_NUMBER,
    Numbering,
    bounded_int,
    chinese_number,
    format_number,
)
from ingest.readers.wordml import _W

W = f'xmlns:w="{_W}"'


def numbering_xml(levels: str, nums: str) -> Any:
    return etree.fromstring(
        f"<w:numbering {W}><w:abstractNum w:abstractNumId='0'>{levels}</w:abstractNum>{nums}</w:numbering>"
    )


def lvl(ilvl: int, fmt: str, text: str, start: int | str = 1, suff: str | None = None) -> str:
    suffix = f"<w:suff w:val='{suff}'/>" if suff else ""
    return (
        f"<w:lvl w:ilvl='{ilvl}'><w:start w:val='{start}'/><w:numFmt w:val='{fmt}'/>"
        f"<w:lvlText w:val='{text}'/>{suffix}</w:lvl>"
    )


def num(num_id: str, override: str = "") -> str:
    return f"<w:num w:numId='{num_id}'><w:abstractNumId w:val='0'/>{override}</w:num>"


def para(num_id: str | None = None, ilvl: int | None = None, style: str | None = None) -> Any:
    numpr = ""
    if num_id is not None:
        level = f"<w:ilvl w:val='{ilvl}'/>" if ilvl is not None else ""
        numpr = f"<w:numPr>{level}<w:numId w:val='{num_id}'/></w:numPr>"
    pstyle = f"<w:pStyle w:val='{style}'/>" if style else ""
    return etree.fromstring(f"<w:p {W}><w:pPr>{pstyle}{numpr}</w:pPr><w:r><w:t>正文</w:t></w:r></w:p>")


HEADINGS = lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）") + lvl(2, "decimal", "%3.")


# ---------------------------------------------------------------- labels


def test_levels_count_on_and_a_higher_level_restarts_the_deeper_ones() -> None:
    numbering = Numbering(numbering_xml(HEADINGS, num("1")))
    order = [0, 1, 1, 2, 0, 1]
    labels = [numbering.label(para("1", i)) for i in order]
    assert [label[0] for label in labels if label] == ["一、", "（一）", "（二）", "1.", "二、", "（一）"]
    assert labels[0] == ("一、", "tab")  # Word's default suffix


def test_each_list_instance_counts_on_its_own_and_may_start_elsewhere() -> None:
    override = "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='5'/></w:lvlOverride>"
    numbering = Numbering(numbering_xml(HEADINGS, num("1") + num("2", override)))
    assert numbering.label(para("1", 0)) == ("一、", "tab")
    assert numbering.label(para("2", 0)) == ("五、", "tab")
    assert numbering.label(para("1", 0)) == ("二、", "tab")
    assert numbering.label(para("2", 0)) == ("六、", "tab")


def test_a_level_text_may_hold_the_counters_of_higher_levels() -> None:
    levels = lvl(0, "decimal", "%1.") + lvl(1, "decimal", "%1.%2", suff="space")
    numbering = Numbering(numbering_xml(levels, num("1")))
    labels = [numbering.label(para("1", i)) for i in (0, 1, 1, 0, 1)]
    assert labels[-1] == ("2.1", "space")
    assert [label[0] for label in labels if label] == ["1.", "1.1", "1.2", "2.", "2.1"]


def test_numbering_follows_a_paragraph_style_and_what_it_is_based_on() -> None:
    styles = etree.fromstring(
        f"<w:styles {W}>"
        f"<w:style w:styleId='Numbered'><w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr></w:style>"
        f"<w:style w:styleId='Heading1'><w:basedOn w:val='Numbered'/></w:style>"
        f"</w:styles>"
    )
    numbering = Numbering(numbering_xml(HEADINGS, num("1")), styles)
    assert numbering.label(para(style="Heading1")) == ("一、", "tab")
    assert numbering.label(para(style="Heading1")) == ("二、", "tab")
    assert numbering.label(para(style="Body")) is None


def test_unnumbered_bullets_and_list_zero_have_no_label() -> None:
    levels = lvl(0, "bullet", "•")
    numbering = Numbering(numbering_xml(levels, num("1") + num("3")))
    assert numbering.label(para()) is None
    assert numbering.label(para("0", 0)) is None  # numId 0: "numbering removed"
    assert numbering.label(para("1", 0)) is None  # a bullet is no number
    assert numbering.label(para("9", 0)) is None  # a list the file never defines
    assert Numbering().label(para("1", 0)) is None  # a document without a numbering part


# ---------------------------------------------------------------- what a hostile file asks


def test_a_huge_start_is_clamped_before_any_label_is_built() -> None:
    numbering = Numbering(numbering_xml(lvl(0, "decimal", "%1.", start=10**10), num("1")))
    assert numbering.label(para("1", 0)) == (f"{MAX_LIST_NUMBER}.", "tab")
    assert numbering.label(para("1", 0)) == (f"{MAX_LIST_NUMBER}.", "tab")  # and never counts past it


def test_a_level_text_repeating_its_counter_cannot_multiply_the_label() -> None:
    # only the first MAX_LABEL_CHARS characters of lvlText are read: 16 × %1
    small = Numbering(numbering_xml(lvl(0, "decimal", "%1" * 100), num("1")))
    label = small.label(para("1", 0))
    assert label == ("1" * (MAX_LABEL_CHARS // 2), "tab")
    # and a label rendered longer than that is dropped, not put into the text
    large = Numbering(numbering_xml(lvl(0, "decimal", "%1" * 100, start=100), num("1")))
    assert large.label(para("1", 0)) is None


@pytest.mark.parametrize(
    ("value", "default", "expected"),
    [("7", 1, 7), (" +7 ", 1, 7), ("-3", 1, 0), ("40000", 1, MAX_LIST_NUMBER), ("七", 1, 1), (None, 2, 2)],
)
def test_bounded_int(value: str | None, default: int, expected: int) -> None:
    assert bounded_int(value, default, 0, MAX_LIST_NUMBER) == expected


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (7, "decimalZero", "07"),
        (12, "decimalFullWidth", "１２"),
        (3, "ideographTraditional", "丙"),
        (11, "ideographTraditional", "11"),  # past the ten stems: decimal
        (12, "ideographZodiac", "亥"),
        (1, "decimalEnclosedParen", "⑴"),
        (27, "upperLetter", "AA"),
        (3999, "upperRoman", "MMMCMXCIX"),
        (4000, "upperRoman", "4000"),
        (1010, "chineseCountingThousand", "一千零一十"),
        (1, "none", None),
        (5, "someFormatWordAddsLater", "5"),
    ],
)
def test_format_number(n: int, fmt: str, expected: str | None) -> None:
    assert format_number(n, fmt) == expected


def test_chinese_numbers_past_the_thousands_stay_digits() -> None:
    assert chinese_number(9999) == "九千九百九十九"
    assert chinese_number(10000) == "10000"
    assert chinese_number(0) == "0"
    assert all(len(format_number(n, "upperLetter") or "") <= MAX_LABEL_CHARS for n in (26, 780, 781, 10**6))
