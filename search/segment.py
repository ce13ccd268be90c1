"""One segmenter adapter per process: jieba is the reference, rjieba (jieba-rs) the fast backend.

Why two: jieba (pure Python) is the reference implementation whose behaviour users know (user
dictionaries, HMM for unknown words); rjieba is the same algorithm and dictionary compiled in Rust,
10–30× faster. rjieba supports a user dictionary (``Jieba.add_word(word, freq, tag)``), so both
backends receive exactly the same (word, freq) list and stay token-identical on Chinese text.
``tests/search/test_segment.py`` guards that on the seed corpus and on random text.

Known, harmless difference: on runs of ASCII letters/digits joined by ``. - _ + # & %`` the two
backends group characters differently (jieba ``5 . x5``, rjieba ``5.x5``). The analyzer never uses
non-Chinese tokens as they come: it re-splits every token without Han characters into
letter/digit runs, so both backends produce the same index terms (also tested).

Backend choice: ``POLICYKG_SEGMENTER=jieba`` forces the reference (for debugging); the default
is rjieba. The jieba reference instance is built lazily (it costs ~0.7 s and ~60 MB), never on
the hot path unless forced.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

Backend = Literal["rjieba", "jieba"]
Span = tuple[str, int, int]

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
# Words longer than this are compositional names (中共福州市委离退休干部工作委员会): making them one token
# would hide their parts from phrase queries, so they are left to the standard dictionary.
MAX_USER_WORD = 6
# A user word must win against its own split *in context*, not only in isolation (jieba's
# suggest_freq gives 1 for most new words); a modest floor does that without stealing neighbours.
USER_WORD_FREQ_FLOOR = 100


@cache
def domain_words() -> tuple[str, ...]:
    """The domain vocabulary shipped as data (search/data/domain_words.txt), one word a line."""
    text = resources.files("search").joinpath("data/domain_words.txt").read_text(encoding="utf-8")
    words = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return tuple(dict.fromkeys(words))


def user_word_candidates(terms: Iterable[str]) -> list[str]:
    """Han-only pieces of the given names, 2..MAX_USER_WORD characters, in first-seen order.

    ``支部力量·红枫行动`` gives 支部力量 and 红枫行动: the segmenter never sees across punctuation.
    """
    seen: dict[str, None] = {}
    for term in terms:
        if not term:
            continue
        for piece in _HAN_RUN.findall(term):
            if 2 <= len(piece) <= MAX_USER_WORD:
                seen.setdefault(piece, None)
    return list(seen)


class Segmenter:
    """jieba segmentation with the domain dictionary; ``tokenize``/``tokenize_search`` are the hot path.

    Build through ``get_segmenter`` (cached per process and per dictionary).
    """

    def __init__(self, extra_terms: tuple[str, ...] = (), backend: Backend | None = None) -> None:
        import rjieba

        self.words: tuple[tuple[str, int], ...] = ()
        self.backend: Backend = backend or _default_backend()
        self._fast = rjieba.Jieba()
        words = user_word_candidates((*domain_words(), *extra_terms))
        # Frequencies are computed once on the pristine dictionary, then the same explicit
        # (word, freq) list goes to every backend, so their states stay identical.
        pairs = []
        pieces: dict[str, tuple[Span, ...]] = {}
        for w in words:
            freq = max(self._fast.suggest_freq(w), USER_WORD_FREQ_FLOOR)
            pairs.append((w, freq))
            # How the standard dictionary splits the word (红枫行动 → 红枫, 行动): emitted as
            # sub-words so a query for 红枫 still finds it (jieba's own search-mode grams only
            # include pieces that are dictionary words, and 红枫 is not).
            split = tuple(self._fast.tokenize(w, "default", True))
            if len(split) > 1:
                pieces[w] = split
        self.user_pieces = pieces
        for w, freq in pairs:
            self._fast.add_word(w, freq, None)
        self.words = tuple(pairs)
        self.extra_terms = tuple(extra_terms)
        self._reference_tokenizer = None
        # word → the index terms it contributes (search.analysis.index_postings): a cache of a
        # pure function of the word and this dictionary
        self.expansion_table: dict[str, tuple[tuple[str, ...], ...]] = {}

    @property
    def fingerprint(self) -> str:
        """Identifies the dictionary: an index must be queried with the dictionary it was built with."""
        digest = hashlib.sha1()
        for w, freq in sorted(self.words):
            digest.update(f"{w}\t{freq}\n".encode())
        return digest.hexdigest()[:16]

    # The reference is built on first use only.
    def reference(self):  # type: ignore[no-untyped-def]
        if self._reference_tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            for w, freq in self.words:
                tok.add_word(w, freq)
            self._reference_tokenizer = tok
        return self._reference_tokenizer

    def tokenize(self, text: str, backend: Backend | None = None) -> list[Span]:
        """Accurate-mode tokens (word, start, end) covering the text, HMM on."""
        if (backend or self.backend) == "rjieba":
            return self._fast.tokenize(text, "default", True)
        return list(self.reference().tokenize(text, mode="default", HMM=True))

    def tokenize_search(self, text: str, backend: Backend | None = None) -> list[Span]:
        """Search-mode tokens: accurate-mode words plus their dictionary 2-/3-grams (jieba order)."""
        if (backend or self.backend) == "rjieba":
            return self._fast.tokenize(text, "search", True)
        return list(self.reference().tokenize(text, mode="search", HMM=True))

    def search_grams(self, word: str) -> list[str]:
        """The 2- and 3-grams of a word that search mode adds before it (jieba's cut_for_search:
        dictionary grams of words longer than 2, resp. 3 characters), in jieba's order."""
        n = len(word)
        if n <= 2:
            return []
        if self.backend != "rjieba":
            return [w for w, _s, _e in self.tokenize_search(word)[:-1]] if self._single(word) else []
        has = self._fast.has_word
        out = [word[i : i + 2] for i in range(n - 1) if has(word[i : i + 2])]
        if n > 3:
            out += [word[i : i + 3] for i in range(n - 2) if has(word[i : i + 3])]
        return out

    def _single(self, word: str) -> bool:
        return [w for w, _s, _e in self.tokenize(word)] == [word]

    def cut(self, text: str, backend: Backend | None = None) -> list[str]:
        return [w for w, _, _ in self.tokenize(text, backend)]

    def has_word(self, word: str) -> bool:
        return bool(self._fast.has_word(word))


def _default_backend() -> Backend:
    value = os.environ.get("POLICYKG_SEGMENTER", "rjieba").strip().lower()
    return "jieba" if value == "jieba" else "rjieba"


def get_segmenter(extra_terms: Iterable[str] = ()) -> Segmenter:
    """The process-wide segmenter for this dictionary (domain words + the given entity names).

    The terms are reduced to their user-word pieces and sorted first, so callers passing the same
    names in another order (or with long names that are ignored anyway) share one instance.
    """
    if isinstance(extra_terms, tuple):  # an index's terms: the same tuple on every query
        return _segmenter_of(extra_terms)
    return _segmenter(tuple(sorted(user_word_candidates(extra_terms))))


@lru_cache(maxsize=8)
def _segmenter_of(extra_terms: tuple[str, ...]) -> Segmenter:
    # reducing thousands of names to their pieces took ~5 ms, once per query before this cache
    return _segmenter(tuple(sorted(user_word_candidates(extra_terms))))


@lru_cache(maxsize=4)
def _segmenter(words: tuple[str, ...]) -> Segmenter:
    return Segmenter(words)


# terms → the fingerprint of their segmenter, as a forked index worker reported it: a build's
# caller that made no segmenter itself (search.backends.whoosh.parallel) writes the index's
# meta with it instead of making one (~25 MB) for that alone
_FINGERPRINTS: dict[tuple[str, ...], str] = {}


def remember_fingerprint(extra_terms: tuple[str, ...], fingerprint: str) -> None:
    if len(_FINGERPRINTS) >= 8:
        _FINGERPRINTS.clear()
    _FINGERPRINTS[extra_terms] = fingerprint


def dictionary_fingerprint(extra_terms: tuple[str, ...]) -> str:
    """`get_segmenter(extra_terms).fingerprint`, without making the segmenter when a worker of
    this process has reported it."""
    known = _FINGERPRINTS.get(extra_terms)
    return known if known is not None else get_segmenter(extra_terms).fingerprint
