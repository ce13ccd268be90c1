"""jieba's view of text for ingest (ingest.segmenter)."""

from __future__ import annotations

from ingest.segmenter import common_word, tokens


def test_everyday_words_and_bare_place_names_are_told_apart() -> None:
    assert common_word("公安")  # the police
    assert common_word("和平")
    assert not common_word("杨浦")  # only a district's short name
    assert not common_word("松阳")


def test_tokens_are_dictionary_words() -> None:
    assert tokens("离退休干部党支部") == ["离退休", "干部", "党支部"]
