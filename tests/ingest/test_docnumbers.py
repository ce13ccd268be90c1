"""Document numbers (ingest.docnumbers): any bracket or width normalised, found in running text, read
from a number line."""

from __future__ import annotations

import pytest

from ingest.docnumbers import doc_no_line, find_doc_numbers, normalize_doc_no


@pytest.mark.parametrize(
    "raw",
    [
        "沈老发〔2021〕12号",
        "沈老发[2021]12号",
        "沈老发【2021】12号",
        "沈老发(2021)12号",
        "沈老发（2021）12号",
        "沈老发［2021］12号",
        "沈老发 〔 2021 〕 12 号",
        "沈老发〔2021〕012号",
        "沈老发（２０２１）１２号",
    ],
)
def test_normalize_doc_no_variants(raw: str) -> None:
    assert normalize_doc_no(raw) == "沈老发〔2021〕12号"


def test_normalize_doc_no_keeps_a_non_number() -> None:
    assert normalize_doc_no(" 无 文号 ") == "无文号"


def test_find_doc_numbers_in_running_text() -> None:
    text = "认真贯彻落实吉办发〔2015〕8号、吉委办发(2016)21 号文件精神，参照组通字【1998】3号和（厅字[2001] 7 号）。"
    found = find_doc_numbers(text)
    assert [n for _, _, n in found] == [
        "吉办发〔2015〕8号",
        "吉委办发〔2016〕21号",
        "组通字〔1998〕3号",
        "厅字〔2001〕7号",
    ]
    # offsets locate the number itself (lead words such as 贯彻落实 are not part of it)
    assert [text[a:b].replace(" ", "") for a, b, _ in found] == [
        "吉办发〔2015〕8号",
        "吉委办发(2016)21号",
        "组通字【1998】3号",
        "厅字[2001]7号",
    ]


def test_doc_no_line() -> None:
    assert doc_no_line("鞍老组字〔2022〕3号       签发人：张某某") == "鞍老组字〔2022〕3号"
    assert doc_no_line("按照鞍老组字〔2022〕3号文件要求，做好工作。") is None
