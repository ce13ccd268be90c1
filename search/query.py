"""Query understanding: a question or a power-user expression → a scoring plan (+ a boolean query tree) + what to highlight.

Two modes, told apart by syntax:

- **natural language** (the default): the text is folded (NFKC, 繁→简) and segmented; question words
  and particles (如何、怎么、多少、哪些、是否、可以 … search/data/query_stopwords.txt) are dropped,
  words framing the request (典型、做法、其他地方 … search/data/query_metawords.txt) keep a low
  weight; each remaining word becomes a *term group* (the word in text/title/path, its synonyms —
  also those of a phrase it is part of, 疫情+防控 → 抗疫 — and its parts with lower weights, best
  one counts — search.termgroups; data/synonyms.tsv is the one synonym table, shared with the
  comparison view);
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
  digits and CJK characters), decided before any syntax is read: see ``search.longtext``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from search import boolean as bq
from search.analysis import DOCNO_RE, MAIN, analyze_folded, fold_query
from search.longtext import (
    LONG_BM25,
    LONG_MAX_TERMS,
    LONG_NOTICE,
    LONG_QTF_K3,
    LONG_QUERY_CHARS,
    LongTextReading,
)
from search.plan import Alt, BM25Params, Group, RankedQuery
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
from search.termgroups import Stats, TermGroups
from search.vocabulary import (  # noqa: F401  (re-exported for the service and tests)
    meta_spans,
    meta_words,
    related_words,
    stopwords,
    strip_meta,
    synonym_groups,
)

MAX_TERMS = 24  # distinct words of one question that are searched (the rarest are kept)


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
    # long-text mode (search.longtext's constants; fields so a caller can ablate them)
    long_query_chars: int = LONG_QUERY_CHARS
    long_max_terms: int = LONG_MAX_TERMS
    long_qtf_k3: float = LONG_QTF_K3
    long_bm25: BM25Params | None = LONG_BM25  # None: the index's parameters
    long_coordination: float = 0.0  # ~150 groups: matched/all is noise, not a sign of an answer
    docno_field: float = 8.0  # the document's own number
    docno_text: float = 4.0  # a clause citing the number


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


class QueryBuilder(BooleanReading, LongTextReading, TermGroups):
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
