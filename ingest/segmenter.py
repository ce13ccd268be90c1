"""jieba's view of Chinese text for ingest: a private tokenizer (words added to the global one by search
never change how a document is read) and how common a word is in everyday language."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    """A private jieba tokenizer: user words added to the global one by search must not change
    how a document is repaired (ingest has to give the same text in every process)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())


def tagged(s: str) -> list[tuple[str, str]]:
    """`s` cut into dictionary words (no HMM guesses), each with jieba's part-of-speech tag."""
    return [(w.word, w.flag) for w in _tagger().lcut(s, HMM=False)]


def tokens(s: str) -> list[str]:
    """`s` cut into dictionary words (no HMM guesses)."""
    return _tokenizer().lcut(s, HMM=False)


_COMMON_WORD_FREQ = 1000  # jieba's count above which a word is everyday language (公安 2800, 长安 5355)


def common_word(word: str) -> bool:
    """Whether jieba's dictionary counts `word` as an everyday word (公安 police, 和平 peace), not only a name."""
    return (_tokenizer().FREQ.get(word) or 0) >= _COMMON_WORD_FREQ
