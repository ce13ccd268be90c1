"""Fast paths of ingest give what the plain computation gives.

Each shortcut here skips work only when its result cannot change the answer (a script that is
never asked for, lines folded in one pass, a document-number scan skipped when no bracketed year
is written); these tests pin the cases where skipping would be wrong.
"""

from __future__ import annotations

import pytest

import ingest.layout as layout
from ingest.docnumbers import find_doc_numbers
from ingest.layout import repair_layout
from ingest.lines import duplicate_at_join
from ingest.metadata import fold_lines
from policykg.text import fold

FOLD_CASES = [
    ["（一）　加强组织建设", "ＡＢＣ１２３，测 试", "\u00a0前后空白\u00a0"],
    ["\u2003", "第二行"],  # a line that folds to white space only, first
    ["第一行", "\u3000 \u2003"],  # … and last
    ["e", "\u0301结合符开头"],  # a combining mark may not join the line before it
    ["㈠扩展", "…省略号"],  # NFKC that lengthens a line
    [],
]


@pytest.mark.parametrize("texts", FOLD_CASES)
def test_fold_lines_is_fold_of_each_line(texts: list[str]) -> None:
    assert fold_lines(texts, "simplified") == [fold(t, "simplified") for t in texts]


def test_fold_lines_traditional_goes_line_by_line() -> None:
    texts = ["離退休幹部黨建", "這麼做"]
    assert fold_lines(texts, "traditional") == [fold(t, "traditional") for t in texts]


def test_doc_number_with_full_width_year_is_still_found() -> None:
    # the quick check runs before full-width digits are converted
    assert [n for _, _, n in find_doc_numbers("根据辽老通字〔２０２０〕４号文件")] == ["辽老通字〔2020〕4号"]
    assert find_doc_numbers("没有文号的一段话（2020年）") == []


def test_layout_repair_detects_the_script_only_when_a_join_needs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counting(text: str, sample: int = 20000) -> str:
        calls.append(text)
        return "simplified"

    monkeypatch.setattr(layout, "detect_script", counting)
    blank_style = "第一段文字，内容完整。\n\n第二段文字，内容完整。\n\n第三段文字，内容完整。\n"
    assert repair_layout(blank_style).split("\n") == [
        "第一段文字，内容完整。",
        "第二段文字，内容完整。",
        "第三段文字，内容完整。",
    ]
    assert calls == []


def test_traditional_page_join_is_still_scored_on_simplified_text() -> None:
    # 堅|持 only forms a word (坚持) for jieba once converted: the script must still be asked for
    assert repair_layout("各級黨組織要堅\n\n持黨建引領").split("\n") == ["各級黨組織要堅持黨建引領"]


def test_duplicate_at_join_accepts_a_lazy_script() -> None:
    asked: list[int] = []

    def script() -> str:
        asked.append(1)
        return "simplified"

    assert duplicate_at_join("坚定理想信念", "念，在学思践悟中", script)
    assert asked == []  # simplified windows: t→s changes nothing, the script is not needed
    assert not duplicate_at_join("各", "个领域", script)
