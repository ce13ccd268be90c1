"""Clause sizes (ingest.segments): long paragraphs cut at sentence ends, enumeration markers, the hard cut."""

from __future__ import annotations

from ingest.segments import LONG_PARAGRAPH, MAX_CLAUSE, chunk, hard_split, split_enumeration


def test_a_short_paragraph_is_one_chunk_and_a_long_one_is_cut_at_sentence_ends() -> None:
    assert chunk("老同志参加组织生活。", 10) == [(10, 20)]
    sentence = "离退休干部党支部每月组织党员参加组织生活，开展学习讨论。"
    text = sentence * (LONG_PARAGRAPH // len(sentence) + 3)
    pieces = chunk(text, 0)
    assert len(pieces) >= 2
    assert all(text[b - 1] == "。" for _a, b in pieces)  # every cut after a sentence end
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)


def test_an_enumeration_needs_a_run_of_two_in_order() -> None:
    s = "工作要求：一是加强学习。二是发挥作用。三是做好服务。"
    assert [m for _pos, m in split_enumeration(s)] == ["一是", "二是", "三是"]
    assert split_enumeration("一是加强学习。三是做好服务。") == []


def test_text_without_sentence_ends_is_still_cut_to_the_limit() -> None:
    text = "字" * (MAX_CLAUSE * 2 + 10)
    pieces = hard_split(text, 0, len(text))
    assert all(b - a <= MAX_CLAUSE for a, b in pieces)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
