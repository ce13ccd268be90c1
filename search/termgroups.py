"""Term groups: what one query word searches, whatever mode read it.

A word becomes a *term group* (``search.plan.Group``): the word in text, title and heading path,
its synonyms (data/synonyms.tsv, also those of a phrase the query spells as several words:
疫情 防控 → 抗疫) and its dictionary parts (换届改选 → 换届 + 改选) with lower weights, the best
alternative counting; a document number (中办发〔2016〕3号) becomes a group over ``doc_no`` and the
clauses citing it. ``Stats`` is what this may ask the index (document frequencies, the clause count,
how many clauses hold several words) to decide whether a word's parts help.

Separate from ``search.query`` because it is the one vocabulary step every reading shares: the
question and long-text readings (``search.query``, ``search.longtext``) choose *which* words search,
this module decides *what each word finds*; the boolean reading (``search.syntax``) takes its
document-number prefixes from here too. ``TermGroups`` is a mixin of ``search.query.QueryBuilder``.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from search.analysis import DOCNO_RE, MAIN, SUB, analyze_folded, docno_candidates
from search.plan import Alt, Component, Group
from search.vocabulary import synonym_groups


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


class TermGroups:
    """Term groups of QueryBuilder (needs its weights and seg; a plan with ``words``, the terms to
    highlight, which each group adds to)."""

    weights: Any
    seg: Any

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
        plan: Any,
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

    def _docno_groups(self, text: str, plan: Any) -> tuple[str, list[Group]]:
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
