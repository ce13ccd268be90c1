"""Query understanding: a question or a power-user expression → a scoring plan (+ a boolean query tree) + what to highlight.

Two modes, told apart by syntax:

- **natural language** (the default): the text is folded (NFKC, 繁→简) and segmented; question words
  and particles (如何、怎么、多少、哪些、是否、可以 … search/data/query_stopwords.txt) are dropped,
  words framing the request (典型、做法、其他地方 … search/data/query_metawords.txt) keep a low
  weight; each remaining word becomes a *term group* (the word in text/title/path, its synonyms —
  also those of a phrase it is part of, 疫情+防控 → 抗疫 — and its parts with lower weights, best
  one counts; data/synonyms.tsv is the one synonym table, shared with the comparison view);
  groups are combined as a ranked OR, so a long
  question never over-constrains to nothing, and a proximity bonus (adjacent query words found
  close together in the clause) ranks the clauses that say the question's phrases first. Quoted
  parts ("…" “…” 「…」 『…』) are exact phrases and required. A document number
  (中办发〔2016〕3号) finds the document carrying it and the clauses citing it.
- **boolean**, chosen as soon as the query contains AND / OR / NOT (upper case) or ``field:value``:
  parentheses group, adjacent operands are ANDed, a bare chunk needs all its words. Fields:
  text/正文, title/标题, path, region/地区, doc_type/类型/文种, program/项目, issuer/发文机关,
  organization/单位, doc_no/文号, year/年份 (``2020`` or ``2019-2021``), doc_id. An unknown field
  (``foo:bar``) is a BadQuery naming it; unbalanced parentheses or quotes fall back to plain words
  with a notice.
- **long text** (a pasted fact description or paragraph: at least ``LONG_QUERY_CHARS`` letters,
  digits and CJK characters), decided before any syntax is read: see ``QueryBuilder._long``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

from search import boolean as bq
from search.analysis import (
    DOCNO_RE,
    MAIN,
    SUB,
    analyze_folded,
    docno_candidates,
    fold_query,
)
from search.plan import Alt, BM25Params, Component, Group, RankedQuery
from search.segment import Segmenter, get_segmenter
from search.syntax import (  # noqa: F401  (re-exported: the field vocabulary of queries)
    FIELD_ALIASES,
    USER_FIELDS,
    BooleanReading,
    Tok,
    Unbalanced,
    _Parser,
    scan,
    year_query,
    year_range,
)
from search.vocabulary import (  # noqa: F401  (re-exported for the service and tests)
    meta_spans,
    meta_words,
    related_words,
    stopwords,
    strip_meta,
    synonym_groups,
)

MAX_TERMS = 24  # distinct words of one question that are searched (the rarest are kept)

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


@dataclass(frozen=True)
class Weights:
    """Ranking knobs (tuned on the dev set's clause questions; kept generic)."""

    title: float = 0.25  # a word in the document title
    path: float = 0.5  # a word in the clause's heading path
    synonym: float = 0.6
    part: float = 0.3  # a part of a longer query word (换届改选 → 换届, 改选) …
    part_max_df: float = 0.02  # … used only when the word is in at most this share of clauses
    part_credit: float = 0.5  # a clause with only the parts answers that word half-way
    spelled_out: float = 0.5  # a frequent word's parts, when texts mostly spell it out (_parts_alt) …
    spelled_out_ratio: float = 0.5  # … i.e. the word is in at most this share of its parts' clauses
    single_char: float = 0.5  # a lone character left by the segmenter
    meta: float = 0.3  # a word framing the request (典型、做法、其他地方 …)
    proximity: float = 1.0  # two adjacent query words close together in the clause (× rarity)
    proximity_slop: int = 3
    proximity_window: int = 50  # top clauses re-ranked with the proximity bonus
    coordination: float = 1.0  # score × (matched groups / groups) ** this
    # long-text mode (module constants above; fields so a caller can ablate them)
    long_query_chars: int = LONG_QUERY_CHARS
    long_max_terms: int = LONG_MAX_TERMS
    long_qtf_k3: float = LONG_QTF_K3
    long_bm25: BM25Params | None = LONG_BM25  # None: the index's parameters
    long_coordination: float = 0.0  # ~150 groups: matched/all is noise, not a sign of an answer
    docno_field: float = 8.0  # the document's own number
    docno_text: float = 4.0  # a clause citing the number


class Stats(Protocol):
    """What query building may ask the index: document frequencies and the clause count (and,
    optionally, ``common_count(field, words)``: how many clauses hold all the words)."""

    n: int

    def df(self, fieldname: str, word: str) -> int: ...


def _common_count_of(stats: Stats):  # type: ignore[no-untyped-def]
    """common_count from a statistics object that only has ``docs(field, word)`` sets."""
    docs = getattr(stats, "docs", None)
    if docs is None:
        return None

    def common_count(fieldname: str, words: list[str]) -> int:
        common = docs(fieldname, words[0])
        for w in words[1:]:
            common = common & docs(fieldname, w)
        return len(common)

    return common_count


@dataclass
class QueryPlan:
    query: bq.Query | None  # boolean mode: the query tree deciding what matches (search.boolean)
    ranked: RankedQuery | None = None  # what the backend evaluates (search.plan); None: nothing to search
    words: set[str] = field(default_factory=set)  # terms to highlight
    phrases: list[list[str]] = field(default_factory=list)  # phrases to highlight as a whole
    notices: list[str] = field(default_factory=list)
    mode: str = "nl"  # nl | boolean | long | empty

    @property
    def bm25(self) -> BM25Params | None:
        """The BM25 parameters this plan is scored with; None: the index's (K1 1.2, FIELD_B)."""
        return self.ranked.bm25 if self.ranked is not None else None


class QueryBuilder(BooleanReading):
    """Turns query strings into QueryPlans for one index (its dictionary and statistics)."""

    def __init__(self, extra_terms: tuple[str, ...] = (), weights: Weights | None = None) -> None:
        self.extra_terms = tuple(extra_terms)
        self.weights = weights or Weights()

    @property
    def seg(self) -> Segmenter:
        return get_segmenter(self.extra_terms)

    # -- entry point
    def build(self, q: str, stats: Stats | None = None) -> QueryPlan:
        """Read a query. `stats` (document frequencies of the index) lets rare words bring
        their parts and long questions keep their rarest words; without it all words count."""
        folded = fold_query(q)
        if not folded:
            return QueryPlan(None, mode="empty")
        # Document numbers first, in their normalised form (中办发(2016)3号 → 中办发〔2016〕3号), so
        # their brackets are not read as grouping parentheses.
        folded = DOCNO_RE.sub(
            lambda m: f"{m.group('prefix')}〔{m.group('year')}〕{int(m.group('num'))}号", folded
        )
        if self.is_long(folded):
            plan = QueryPlan(None, mode="long", notices=[LONG_NOTICE])
            plan.ranked = self._long(folded, plan, stats)
            if plan.ranked is None:
                plan.mode = "empty"
            return plan
        toks, bad_quote = scan(folded)
        notices = ["引号不成对，已按普通词语检索。"] if bad_quote else []
        boolean = any(t.kind in ("OP", "FIELD") for t in toks)
        plan = QueryPlan(None, notices=notices)
        if boolean:
            try:
                node = _Parser(toks).parse()
                plan.mode = "boolean"
                plan.query = self._node(node, plan)
                if plan.query is not None:
                    # the boolean tree decides what matches; the positive words rank it, like a question
                    groups = [Group(w, [Alt((self._components(w),))]) for w in sorted(plan.words)]
                    plan.ranked = RankedQuery(groups=groups, required=[plan.query])
            except Unbalanced:
                notices.append("括号或运算符不完整，已按普通词语检索。")
                words = [t for t in toks if t.kind in ("WORD", "PHRASE", "FIELD")]
                words = [
                    t if t.kind != "FIELD" else Tok("WORD", t.field + " " + (t.value.text if t.value else ""))
                    for t in words
                ]
                plan.mode = "nl"
                plan.ranked = self._natural(words, plan, stats)
        else:
            plan.ranked = self._natural([t for t in toks if t.kind in ("WORD", "PHRASE")], plan, stats)
        if plan.ranked is None:
            plan.mode = "empty"
        return plan

    def is_long(self, folded: str) -> bool:
        """A pasted text rather than a typed question: counted in letters, digits and CJK
        characters (punctuation, spaces and syntax characters do not make a text long)."""
        limit = self.weights.long_query_chars
        return len(folded) >= limit and sum(ch.isalnum() for ch in folded) >= limit

    # -- long text
    def _long(self, text: str, plan: QueryPlan, stats: Stats | None) -> RankedQuery | None:
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

    # -- natural language
    def _natural(self, toks: list[Tok], plan: QueryPlan, stats: Stats | None) -> RankedQuery | None:
        groups: list[Group] = []
        required: list[bq.Query] = []
        chunks: list[str] = []
        for t in toks:
            if t.kind == "PHRASE":
                pq = self._phrase(t.text, plan)
                if pq is not None:
                    required.append(pq)
                    # the phrase's words also score (BM25), the phrase itself filters
                    chunks.append(t.text)
            else:
                chunks.append(t.text)
        text = " ".join(chunks)
        text, docno_groups = self._docno_groups(text, plan)
        groups.extend(docno_groups)
        terms = self.content_terms(text)
        if len(terms) > MAX_TERMS:
            plan.notices.append(f"问题较长，只按其中最有区分度的 {MAX_TERMS} 个词检索。")
            terms = self._rarest(terms, stats)
        phrase_synonyms = self._phrase_synonyms([t[0] for t in self._content_sequence(text)])
        groups.extend(
            self._group(w, weight, plan, stats, phrase_synonyms.get(w, ())) for w, weight, _p in terms
        )
        pairs = self._pairs(terms, stats)
        if not groups and not required:
            return None
        return RankedQuery(groups=groups, required=required, pairs=pairs)

    def content_terms(self, text: str) -> list[tuple[str, float, int]]:
        """(word, weight, position) of the searchable words of a question, in reading order.

        Question words and particles are dropped; a lone character and a word framing the
        request (典型、做法、其他地方: meta_words) keep a low weight."""
        return self._distinct_terms(self._content_sequence(text), text)

    def _distinct_terms(
        self, kept: list[tuple[str, int, int, int, int]], text: str
    ) -> list[tuple[str, float, int]]:
        meta = meta_spans(text)
        out: list[tuple[str, float, int]] = []
        seen: set[str] = set()
        for w, p, s, e, _k in kept:
            if w in seen:
                continue
            seen.add(w)
            weight = self.weights.single_char if len(w) == 1 and not w.isascii() else 1.0
            if any(ms <= s and e <= me for ms, me in meta):
                weight = min(weight, self.weights.meta)
            out.append((w, weight, p))
        return out

    def _content_sequence(self, text: str) -> list[tuple[str, int, int, int, int]]:
        """The question's main terms without question words and particles, repeats included."""
        terms = [t for t in analyze_folded(text, self.seg, subwords=False, docnos=False) if t[4] == MAIN]
        stop = stopwords()
        kept = [t for t in terms if t[0] not in stop]
        return kept or terms  # a question made only of question words still searches something

    def _pairs(
        self, terms: list[tuple[str, float, int]], stats: Stats | None
    ) -> list[tuple[str, str, float]]:
        """Adjacent question words for the proximity bonus. Words that cannot say what the
        question is about are skipped and their neighbours linked across them: request framing
        (典型做法 close together is no answer) and lone characters the index does not have
        (长期住在外地 → 长期 … 外地)."""
        linked = [
            (w, p)
            for w, weight, p in terms
            if weight > self.weights.meta
            and not (len(w) == 1 and stats is not None and stats.df("text", w) == 0)
        ]
        return [(a, b, 1.0) for (a, pa), (b, pb) in pairwise(linked) if pb - pa <= 3]

    def _rarest(
        self, terms: list[tuple[str, float, int]], stats: Stats | None
    ) -> list[tuple[str, float, int]]:
        if stats is None:
            return terms[:MAX_TERMS]
        ranked = sorted(terms, key=lambda t: stats.df("text", t[0]))
        keep = {t[0] for t in ranked[:MAX_TERMS]}
        return [t for t in terms if t[0] in keep]

    def _components(self, word: str, boost: float = 1.0) -> tuple[Component, ...]:
        w = self.weights
        return (
            ("text", word, boost, False),
            ("title", word, boost * w.title, False),
            ("path", word, boost * w.path, False),
        )

    def _phrase_synonyms(self, words: list[str]) -> dict[str, tuple[str, ...]]:
        """Synonyms of a phrase the question spells as several adjacent words (疫情 防控 →
        疫情防控 → 防疫、抗疫 …): each of those words accepts them. Longest phrase first."""
        table = synonym_groups()
        out: dict[str, list[str]] = {}
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 4), i + 1, -1):
                phrase = "".join(words[i:j])
                if phrase in table:
                    for w in words[i:j]:
                        got = out.setdefault(w, [])
                        got.extend(m for m in table[phrase] if m not in got and m != w)
                    i = j - 1
                    break
            i += 1
        return {k: tuple(v) for k, v in out.items()}

    def _group(
        self,
        word: str,
        weight: float,
        plan: QueryPlan,
        stats: Stats | None,
        extra_synonyms: tuple[str, ...] = (),
    ) -> Group:
        """The word, or its synonyms / parts with lower weight: the best alternative counts."""
        plan.words.add(word)
        w = self.weights
        alts = [Alt((self._components(word),))]
        synonyms = list(synonym_groups().get(word, ()))
        synonyms.extend(x for x in extra_synonyms if x not in synonyms)
        for member in synonyms:
            words = [
                t[0] for t in analyze_folded(member, self.seg, subwords=False, docnos=False) if t[4] == MAIN
            ]
            if not words or word in words:
                continue  # a longer form holding the word itself (离退休党员干部) adds nothing
            plan.words.update(words)
            alts.append(Alt(tuple(self._components(x) for x in words), weight=w.synonym))
        parts_alt = self._parts_alt(word, stats)
        if parts_alt is not None:
            plan.words.update(c[1] for c in parts_alt.parts[0])
            alts.append(parts_alt)
        return Group(word, alts, weight)

    def _parts_alt(self, word: str, stats: Stats | None) -> Alt | None:
        """A word's parts as a weaker alternative (换届改选 → 换届 + 改选), when they help:

        - the word itself is rare: its parts find the clauses that say it in other words;
        - the word is a compound the texts mostly spell out (离退休党员 — the documents write
          离退休干部党员): it is in at most `spelled_out_ratio` of the clauses holding all its
          parts. For an ordinary frequent word (离退休干部: its parts nearly always occur as the
          word) they would only add noise and long posting lists.
        """
        w = self.weights
        parts = self.parts(word)
        if not parts:
            return None
        comps = tuple(c for p in parts for c in self._components(p))
        if stats is None:
            return Alt((comps,), weight=w.part, credit=w.part_credit)
        df = stats.df("text", word)
        if df <= max(w.part_max_df * stats.n, 3):
            return Alt((comps,), weight=w.part, credit=w.part_credit)
        common_count = getattr(stats, "common_count", None) or _common_count_of(stats)
        if common_count is None or len(parts) < 2 or any(stats.df("text", p) <= df for p in parts):
            return None
        if df <= w.spelled_out_ratio * common_count("text", parts):
            return Alt((comps,), weight=w.spelled_out, credit=w.part_credit)
        return None

    def parts(self, word: str) -> list[str]:
        """A longer word's non-overlapping dictionary parts (离退休干部 → 离退休, 干部), if any."""
        if len(word) < 3:
            return []
        grams = [t for t in analyze_folded(word, self.seg, subwords=True, docnos=False) if t[4] == SUB]
        # greedy cover, longest gram first at each point
        grams.sort(key=lambda t: (t[2], -(t[3] - t[2])))
        out: list[str] = []
        end = 0
        for g, _p, s, e, _k in grams:
            if s >= end and e - s >= 2:
                out.append(g)
                end = e
        return out if len(out) > 1 or (out and len(out[0]) < len(word) - 1) else []

    def _docno_groups(self, text: str, plan: QueryPlan) -> tuple[str, list[Group]]:
        """Document numbers in the text → (text without them, one group per number)."""
        groups: list[Group] = []
        if "号" not in text:
            return text, groups
        w = self.weights
        for m in DOCNO_RE.finditer(text):
            cands = self._docno_query_candidates(text, m)
            if not cands:  # a one-character "prefix" (e.g. the 号 of a preceding number) is no 文号
                continue
            alts = [
                Alt(((("doc_no", c, w.docno_field, True), ("text", c, w.docno_text, False)),), weight=0.7**i)
                for i, c in enumerate(cands)
            ]
            plan.words.update(cands)
            groups.append(Group(cands[0], alts, weight=1.0))
        return DOCNO_RE.sub(" ", text), groups

    def _docno_query_candidates(self, text: str, m: re.Match[str]) -> list[str]:
        """The typed prefix, and its suffixes that start at a word boundary of the query.

        落实中办发〔2016〕3号 → 落实中办发…, 中办发… (not 办发…, which is also 国办发…'s suffix).
        """
        prefix = m.group("prefix")
        bounds = {m.start("prefix") + s for _w, s, _e in self.seg.tokenize(prefix)}
        cands = docno_candidates(prefix, m.group("year"), m.group("num"), min_len=2)
        keep = []
        for c in cands:
            k = len(c) - len(c.split("〔", 1)[1]) - 1
            if k == len(prefix) or (m.end("prefix") - k) in bounds:
                keep.append(c)
        return keep
