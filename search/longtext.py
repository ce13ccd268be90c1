"""Long-text mode: a pasted fact description or document paragraph searched as a bag of words.

A query of at least ``LONG_QUERY_CHARS`` letters, digits and CJK characters is no typed question:
it is read without syntax (quotes, brackets and AND/OR/NOT are what the text says), every content
word searches (up to ``LONG_MAX_TERMS``, the most telling by query tf × idf) weighted by how often the
text repeats it (saturated, ``LONG_QTF_K3``), with no proximity bonus nor coordination and with its
own BM25 parameters (``LONG_BM25``).

Separate from ``search.query`` because it is a reading of its own with its own tuning, measured on
pasted texts (LeCaRD) rather than typed questions; ``search.query`` asks ``is_long`` before it
reads any syntax and hands a long text to ``_long``. ``LongTextReading`` is a mixin of ``search.query.QueryBuilder``; it shares
the question reading's words and the term groups (``search.termgroups``).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from search.plan import BM25Params, RankedQuery
from search.termgroups import Stats

# Long-text mode. Typed questions are 5–40 characters (the gold sets: 10–20; bench/data/queries.txt:
# at most 34); a pasted fact description or document paragraph is hundreds (LeCaRD: 69–1,524,
# mean 445). 60 letters/digits/CJK characters is past any typed question and below nearly every
# pasted text; between 40 and 60 both readings are plausible and the question reading is kept.
LONG_QUERY_CHARS = 60
# A long text is searched with (nearly) all its words; the cap bounds the work on a 2,000-character
# paste (~400 distinct words) at 200k clauses: the words with the highest query tf × idf are kept.
LONG_MAX_TERMS = 200
# BM25's query-term saturation (Robertson's k3): a word the text repeats (被告人 ×5) counts
# (k3 + 1)·qtf / (k3 + qtf) times — more, but not 5×: repetition in a narrative is partly style.
LONG_QTF_K3 = 4.0
# A long query matches many words of every document, so long documents collect matches by
# chance: stronger length normalisation (B 0.9) and a later tf saturation (K1 2.0; a long query's
# key words recur in the relevant documents) than the defaults tuned for short questions
# (search.backends.whoosh.index.K1 1.2, FIELD_B text 0.75). Titles and heading paths keep their B.
LONG_BM25 = BM25Params.of(2.0, {"text": 0.9, "title": 0.3, "path": 0.3})
LONG_NOTICE = "输入较长，已按长文本检索：引号、括号、运算符等按普通文字处理，按全文词语的相关度排序。"


class LongTextReading:
    """Long-text reading of QueryBuilder (needs its weights, _content_sequence, _distinct_terms,
    _docno_groups, _phrase_synonyms and _group)."""

    weights: Any

    def is_long(self, folded: str) -> bool:
        """A pasted text rather than a typed question: counted in letters, digits and CJK
        characters (punctuation, spaces and syntax characters do not make a text long)."""
        limit = self.weights.long_query_chars
        return len(folded) >= limit and sum(ch.isalnum() for ch in folded) >= limit

    def _long(self, text: str, plan: Any, stats: Stats | None) -> RankedQuery | None:
        """A long pasted text (a case's facts, a paragraph of a document) as a bag of words.

        - No syntax: quotes, brackets, parentheses, AND/OR/NOT and ``x:`` are what the pasted
          text says, not operators; the analyzer reads them as separators. (In a question they
          would make "双环公司" a required phrase and a fact description match nothing.)
        - Every content word searches (up to ``long_max_terms``, the highest query tf × idf),
          weighted by how often the text repeats it (BM25 qtf saturation, ``long_qtf_k3``).
        - No proximity bonus and no coordination: ~150 adjacent pairs and groups cost seconds
          and measure the text's wording, not whether a document answers it.
        - The plan's own BM25 parameters (``long_bm25``), so short questions keep the index's.
        Document numbers (文号) still find their documents; synonyms and parts still apply.
        """
        w = self.weights
        text, groups = self._docno_groups(text, plan)
        seq = self._content_sequence(text)
        qtf = Counter(t[0] for t in seq)
        terms = self._distinct_terms(seq, text)
        if len(terms) > w.long_max_terms:
            plan.notices.append(f"文本较长，只按其中最有区分度的 {w.long_max_terms} 个词检索。")
            terms = self._most_telling(terms, qtf, stats)
        phrase_synonyms = self._phrase_synonyms([t[0] for t in seq])
        k3 = w.long_qtf_k3
        for word, weight, _p in terms:
            g = self._group(word, weight, plan, stats, phrase_synonyms.get(word, ()))
            n = qtf[word]
            g.qtf = (k3 + 1) * n / (k3 + n) if k3 > 0 else 1.0
            groups.append(g)
        if not groups:
            return None
        return RankedQuery(groups=groups, bm25=w.long_bm25, coordination=w.long_coordination)

    def _most_telling(
        self, terms: list[tuple[str, float, int]], qtf: Counter[str], stats: Stats | None
    ) -> list[tuple[str, float, int]]:
        """The long_max_terms words with the highest qtf × idf (reading order kept); without
        statistics the first ones."""
        cap = self.weights.long_max_terms
        if stats is None:
            return terms[:cap]
        n = max(stats.n, 1)

        def telling(t: tuple[str, float, int]) -> float:
            df = stats.df("text", t[0])
            return qtf[t[0]] * t[1] * math.log(1 + (n - df + 0.5) / (df + 0.5))

        keep = {t[0] for t in sorted(terms, key=lambda t: (-telling(t), t[2]))[:cap]}
        return [t for t in terms if t[0] in keep]
