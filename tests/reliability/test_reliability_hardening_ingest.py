"""Round-two red-team cases against the readers (issue 17): D1 (list numbering that makes the
docx reader build giant labels) and the expansion budget every reader result is held to."""

from __future__ import annotations

import hostile
import pytest
from test_reliability_hostile_ingest import check_error

from policykg.errors import IngestError

ATTACK_FORMATS = ("upperRoman", "lowerRoman", "upperLetter", "lowerLetter")


@pytest.mark.parametrize("fmt", ATTACK_FORMATS)
def test_d1_huge_list_start_makes_short_labels(fmt: str) -> None:
    """The attack file's shape (a list starting far beyond any real count) with 10**6 instead of
    10**10, so that today's main still finishes: every label must stay a few characters."""
    from ingest.readers import read_raw

    data = hostile.numbered_docx(start=10**6, fmt=fmt, paragraphs=40)
    raw = read_raw("numbered.docx", data)
    blocks = [b for b in raw.text.split("\n\n") if b.strip()]
    assert len(blocks) == 40
    for i, block in enumerate(blocks):
        label = block.split("离退休干部", 1)[0]
        assert len(label) <= 33, (fmt, i, len(label))
    assert len(raw.text) < 40 * len(data)


@pytest.mark.parametrize("start", ["2000000", "x"])
def test_d1_hostile_start_values_read_cleanly(start: str) -> None:
    from ingest.pipeline import read_bytes

    docs = read_bytes("numbered.docx", hostile.numbered_docx(start=start, paragraphs=5))
    assert docs and len(docs[0].text) < 5_000


def test_d1_start_values_are_clamped_before_anything_is_built() -> None:
    """10**10 (the attack) and a 40-digit start never reach the label builder unclamped (the
    full attack file runs in bench/hostile.py: on main it needs 19 s and gigabytes)."""
    from ingest.readers.docx import MAX_LIST_NUMBER, bounded_int

    assert bounded_int("10000000000", 1, 0, MAX_LIST_NUMBER) == MAX_LIST_NUMBER
    assert bounded_int("9" * 40, 1, 0, MAX_LIST_NUMBER) == MAX_LIST_NUMBER
    assert bounded_int("-9" + "9" * 40, 1, 0, MAX_LIST_NUMBER) == 0
    assert bounded_int("１２", 1, 0, MAX_LIST_NUMBER) == 1  # not ASCII digits: the default
    assert bounded_int("12", 1, 0, MAX_LIST_NUMBER) == 12


def test_d1_repeated_level_text_cannot_multiply_a_label() -> None:
    """lvlText "%1%1%1…" would repeat the counter a thousand times in one label."""
    from ingest.readers import read_raw

    raw = read_raw(
        "rep.docx", hostile.numbered_docx(start=1, fmt="decimal", paragraphs=5, lvl_text="%1" * 1000)
    )
    assert len(raw.text) < 5 * 80


def test_d1_format_number_bounds_growing_formats() -> None:
    from ingest.readers.docx import MAX_LABEL_CHARS, format_number

    for fmt in ATTACK_FORMATS:
        assert len(format_number(10**6, fmt) or "") <= MAX_LABEL_CHARS, fmt
    # ordinary values are unchanged
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(28, "lowerLetter") == "bb"


def test_reader_output_over_the_expansion_budget_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a reader builds, the text of one file is bounded relative to its size."""
    from ingest import readers
    from ingest.readers import budget

    monkeypatch.setattr(budget, "MIN_TEXT_CHARS", 200)
    monkeypatch.setattr(budget, "CHARS_PER_BYTE", 0)
    data = hostile.minimal_docx(["离退休干部党支部建设的通知正文内容" * 20] * 5)
    with pytest.raises(IngestError) as info:
        readers.read_raw("big.docx", data)
    assert info.value.code == "expansion_limit"
    check_error(info.value, hostile.Case("budget", "big.docx", lambda: data, "error", ("expansion_limit",)))
