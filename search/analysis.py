"""Our analyzer: fold → segment → terms with sequential positions and offsets into the ORIGINAL text.

What it fixes compared with ``jieba.analyse.ChineseAnalyzer``:

- positions are token ordinals (0, 1, 2 …), not character offsets, so phrase queries match;
- characters offsets point into the original string even when folding changed it (traditional
  script, full-width forms, stray spaces between Han characters), so highlights land on the
  characters the user sees;
- numbers, single Latin letters/digits and dates are kept (``3`` of ``中办发〔2016〕3号``);
- document numbers additionally give one normalised term (``中办发〔2016〕3号``), emitted for
  every plausible issuer-prefix length, so the number matches whatever text precedes it;
- search-mode sub-words (jieba ``cut_for_search``: 离退休干部 → 离退休, 退休, 干部 …) are emitted at
  the SAME position as their word: a query for 干部 finds 离退休干部, and a phrase that starts with
  a word's suffix or ends with a word's prefix still lines up;
- no English stop list, no stemming; punctuation and white space produce no term and take no
  position (so ``支部力量·红枫行动`` and ``支部力量红枫行动`` are the same phrase).

The core is a plain function (``analyze``) returning lists, used directly by the index writer
(no per-token objects on the hot path) and wrapped as a whoosh ``Tokenizer`` by the whoosh
backend (``search.backends.whoosh.tokenizer``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from policykg.model import Script
from policykg.text import detect_script, fold_with_offsets, to_simplified
from search.segment import Segmenter, get_segmenter

MAIN, SUB, DOCNO = 0, 1, 2

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_HAN_RE = re.compile(f"[{_HAN}]")
_WORD_RE = re.compile(r"[^\W_]+")  # letters/digits of any script, no punctuation, no emoji
_SPACE_BETWEEN_HAN = re.compile(f"(?<=[{_HAN}])\\s+(?=[{_HAN}])")
# A document number: issuer prefix, year in brackets, serial number, 号. Bracket variants after
# NFKC: 〔〕 [] 【】 () ﹝﹞(→〔〕) and 〖〗.
DOCNO_RE = re.compile(
    f"(?P<prefix>[{_HAN}]{{1,12}})\\s*[〔\\[【(〖]\\s*(?P<year>(?:19|20)\\d{{2}})\\s*[〕\\]】)〗]"
    f"\\s*第?\\s*(?P<num>\\d{{1,5}})\\s*号"
)
MAX_DOCNO_PREFIX = 8


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text and, when it is not the identity, origin[i] = index in the original text."""

    text: str
    origin: list[int] | None

    def to_original(self, i: int) -> int:
        return i if self.origin is None else self.origin[i]


@lru_cache(maxsize=1)
def _fullwidth_table() -> dict[int, str]:
    """Full-width forms and the ideographic space → their NFKC character, where that is also
    their full compatibility decomposition (no composition with a neighbour can differ)."""
    table = {}
    for cp in (*range(0xFF01, 0xFF5F), 0x3000):
        c = chr(cp)
        k = unicodedata.normalize("NFKC", c)
        if len(k) == 1 and k == unicodedata.normalize("NFKD", c):
            table[cp] = k
    return table


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), a third faster on policy text: the full-width
    punctuation that makes most clauses non-normalised is mapped first, and when the result is
    already NFKC (its decomposition is the original's, so NFKC(original) equals it) that is the
    answer; anything else takes the full normalisation."""
    mapped = text.translate(_fullwidth_table())
    return mapped if unicodedata.is_normalized("NFKC", mapped) else unicodedata.normalize("NFKC", text)


def fold_text(text: str, script: Script | None = None) -> Folded:
    """NFKC, t→s for traditional text, white space between Han characters removed.

    `origin` is None when folding kept every character in place (most clauses): no offset table.
    """
    if script is None:
        script = detect_script(text)
    origin: list[int] | None = None
    folded = _nfkc(text)
    # Length-preserving NFKC (full-width punctuation and letters, the usual case) maps character i
    # to character i; only expansions (㈠ → (一), ﬁ → fi) need the per-character table.
    if len(folded) != len(text):
        folded, origin = fold_with_offsets(text, script)
    elif script == "traditional":
        converted = to_simplified(folded)
        if len(converted) == len(folded):
            folded = converted
        else:
            folded, origin = fold_with_offsets(text, script)
    if _SPACE_BETWEEN_HAN.search(folded):
        drop = {i for m in _SPACE_BETWEEN_HAN.finditer(folded) for i in range(m.start(), m.end())}
        kept = [i for i in range(len(folded)) if i not in drop]
        if origin is None:
            origin = list(range(len(folded) + 1))
        new_origin = [origin[i] for i in kept]
        new_origin.append(origin[len(folded)])
        folded = "".join(folded[i] for i in kept)
        origin = new_origin
    return Folded(folded, origin)


def fold_query(text: str) -> str:
    """Query-side folding: NFKC and t→s like the index side (script detected on the query itself).

    Unlike index-side folding, white space is kept: in a query it separates words and operators.
    """
    folded = unicodedata.normalize("NFKC", text)
    if detect_script(folded) == "traditional":
        folded = to_simplified(folded)
    return folded.strip()


def normalize_number(token: str) -> str:
    """Digit runs lose leading zeros (03号 = 3号); everything else is lower-cased."""
    if token.isdigit() and token.isascii():
        stripped = token.lstrip("0")
        return stripped or "0"
    return token.lower()


def normalize_doc_no(value: str) -> str | None:
    """辽老通字［2020］04号 → 辽老通字〔2020〕4号; None when the value is not a document number."""
    m = DOCNO_RE.search(fold_text(value).text)
    if not m:
        return None
    return _docno_term(m.group("prefix"), m.group("year"), m.group("num"))


def _docno_term(prefix: str, year: str, num: str) -> str:
    return f"{prefix}〔{year}〕{int(num)}号"


def docno_candidates(prefix: str, year: str, num: str, min_len: int = 1) -> list[str]:
    """One term per issuer-prefix length: 落实中办发 → 中办发〔2016〕3号, 办发〔2016〕3号 …

    The text before a number is not delimited (落实中办发〔2016〕3号), so the index emits every
    suffix up to MAX_DOCNO_PREFIX characters and the query looks up the one the user typed.
    """
    prefix = prefix[-MAX_DOCNO_PREFIX:]
    return [_docno_term(prefix[-k:], year, num) for k in range(len(prefix), min_len - 1, -1)]


Term = tuple[str, int, int, int, int]  # (text, position, start, end, kind) — offsets in folded text


def analyze_folded(folded: str, seg: Segmenter, *, subwords: bool = True, docnos: bool = True) -> list[Term]:
    """Terms of an already folded text; offsets are into `folded`.

    Main tokens come in reading order with positions 0, 1, 2 …; a sub-word or document-number
    term follows the main token whose position it shares.
    """
    spans = seg.tokenize_search(folded) if subwords else seg.tokenize(folded)
    # Main tokens partition the text; in search mode a word's grams come right before it. Read
    # backwards, each main token comes first and its grams follow: a span is a gram iff it lies
    # inside the main token read last. Groups are built backwards, positions assigned forwards.
    groups: list[tuple[str, int, int, list[tuple[str, int, int]] | None]] = []
    main_start = len(folded) + 1
    grams: list[tuple[str, int, int]] | None = None
    for span in reversed(spans):
        start = span[1]
        if start >= main_start:
            if grams is not None:  # grams of a Chinese word are Chinese words
                grams.append(span)
            continue
        main_start = start
        c = span[0][0]
        grams = [] if ("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf") else None
        groups.append((span[0], start, span[2], grams))
    out: list[Term] = []
    append = out.append
    pos = -1
    user_pieces = seg.user_pieces
    for word, start, end, grams in reversed(groups):
        if grams is not None:
            pos += 1
            append((word.lower(), pos, start, end, MAIN))
            if grams:
                out.extend((w, pos, s, e, SUB) for w, s, e in reversed(grams))
            if word in user_pieces and subwords:
                out.extend((w, pos, start + a, start + b, SUB) for w, a, b in user_pieces[word])
        elif len(word) == 1:
            if word.isalnum():
                pos += 1
                append((normalize_number(word), pos, start, end, MAIN))
        else:
            # Non-Chinese run (numbers, Latin, punctuation, space): our own letter/digit split,
            # so both segmenter backends give the same terms.
            for m in _WORD_RE.finditer(word):
                pos += 1
                append((normalize_number(m.group()), pos, start + m.start(), start + m.end(), MAIN))
    if docnos and ("号" in folded):
        out = _add_docnos(folded, out)
    return out


def index_postings(text: str, script: Script | None, seg: Segmenter) -> tuple[dict[str, list[int]], int]:
    """``postings(analyze(text, script, seg=seg))`` and the field length (main positions), without
    the offsets and per-term tuples an index posting does not store: the indexing hot path.

    Search-mode grams depend on the word alone (jieba adds a word's dictionary 2-/3-grams after
    cutting), so accurate-mode tokens plus a per-word table of the terms each token puts at its
    position(s) give the same postings (tests/search/test_analysis.py checks it on the seeds
    and on random text).
    """
    return folded_postings(fold_text(text, script).text, seg)


def folded_postings(folded: str, seg: Segmenter) -> tuple[dict[str, list[int]], int]:
    """``index_postings`` of an already folded text."""
    matches = list(DOCNO_RE.finditer(folded)) if "号" in folded else []
    poses: dict[str, list[int]] = {}
    get = poses.get
    table = seg.expansion_table
    spans: list[tuple[str, int, int, int]] = []  # (word, start, end, first position): docnos only
    pos = -1
    for word, start, end in seg.tokenize(folded):
        groups = table.get(word)
        if groups is None:
            groups = table[word] = _expansions(word, seg)
        if matches and groups:
            spans.append((word, start, end, pos + 1))
        for group in groups:
            pos += 1
            for w in group:
                lst = get(w)
                if lst is None:
                    poses[w] = [pos]
                elif lst[-1] != pos:
                    lst.append(pos)
    if len(table) > MAX_EXPANSIONS:
        table.clear()  # a bound on memory; the table refills with the frequent words
    for m in matches:  # in text order, so each candidate's positions stay ascending
        at = _main_position(spans, m.start("year"))
        if at is None:
            continue
        for cand in docno_candidates(m.group("prefix"), m.group("year"), m.group("num"), min_len=2):
            lst = get(cand)
            if lst is None:
                poses[cand] = [at]
            elif lst[-1] != at:
                lst.append(at)
    return poses, pos + 1


def _main_position(spans: list[tuple[str, int, int, int]], i: int) -> int | None:
    """The position of the main term whose characters cover offset i (as _add_docnos finds it)."""
    for word, start, end, first in spans:
        if start <= i < end:
            c = word[0]
            if len(word) == 1 or "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
                return first
            for k, m in enumerate(_WORD_RE.finditer(word)):
                if start + m.start() <= i < start + m.end():
                    return first + k
            return None
    return None


MAX_EXPANSIONS = 500_000


def _expansions(word: str, seg: Segmenter) -> tuple[tuple[str, ...], ...]:
    """The terms one accurate-mode token contributes in search mode, one tuple per position
    (what analyze_folded emits for it)."""
    c = word[0]
    if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
        terms = [word.lower(), *seg.search_grams(word)]
        terms += [w for w, _a, _b in seg.user_pieces.get(word, ())]
        return (tuple(terms),)
    if len(word) == 1:
        return ((normalize_number(word),),) if word.isalnum() else ()
    return tuple((normalize_number(m.group()),) for m in _WORD_RE.finditer(word))


def _add_docnos(folded: str, terms: list[Term]) -> list[Term]:
    matches = list(DOCNO_RE.finditer(folded))
    if not matches:
        return terms
    extra: list[Term] = []
    for m in matches:
        year_start = m.start("year")
        pos = next((t[1] for t in terms if t[4] == MAIN and t[2] <= year_start < t[3]), None)
        if pos is None:
            continue
        prefix_end = m.end("prefix")
        for cand in docno_candidates(m.group("prefix"), m.group("year"), m.group("num"), min_len=2):
            k = len(cand) - len(cand.split("〔", 1)[1]) - 1  # this candidate's prefix length
            extra.append((cand, pos, prefix_end - k, m.end(), DOCNO))
    return sorted(terms + extra, key=lambda t: (t[1], t[4]))


def analyze(
    text: str,
    script: Script | None = None,
    *,
    seg: Segmenter | None = None,
    subwords: bool = True,
    docnos: bool = True,
) -> list[Term]:
    """Terms of an original-script text with offsets into the ORIGINAL text."""
    seg = seg or get_segmenter()
    folded = fold_text(text, script)
    terms = analyze_folded(folded.text, seg, subwords=subwords, docnos=docnos)
    if folded.origin is None:
        return terms
    o = folded.origin
    return [(w, p, o[s], o[e - 1] + 1 if e > s else o[s], k) for w, p, s, e, k in terms]


def postings(terms: list[Term]) -> dict[str, list[int]]:
    """term → ascending distinct positions (what a Positions posting stores).

    Terms come in non-decreasing position order, so a repeat at the same position is always the
    last one appended.
    """
    poses: dict[str, list[int]] = {}
    for t in terms:
        w = t[0]
        lst = poses.get(w)
        if lst is None:
            poses[w] = [t[1]]
        elif lst[-1] != t[1]:
            lst.append(t[1])
    return poses


@lru_cache(maxsize=4096)
def query_terms(text: str, extra_terms: tuple[str, ...] = ()) -> tuple[Term, ...]:
    """Main terms of a (folded) query string, cached: queries repeat."""
    return tuple(analyze_folded(text, get_segmenter(extra_terms), subwords=False, docnos=True))


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """Indexes written before the backend seam pickled their analyzer as
    ``search.analysis.PolicyTokenizer``: resolve that name lazily from the whoosh backend (no
    whoosh import unless such a schema is unpickled)."""
    if name in ("PolicyTokenizer", "PolicyAnalyzer"):
        from search.backends.whoosh import tokenizer

        return getattr(tokenizer, name)
    raise AttributeError(name)
