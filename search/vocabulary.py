"""The query vocabulary: stop words, synonyms, request-framing (meta) words (search/data/*).

THE synonym table lives here (``synonym_groups``): search expands query words with it and the
service's comparison view reads it for topic coverage.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from search.analysis import fold_query
from search.syntax import _SYNTAX_RE


@cache
def _data_lines(name: str) -> tuple[str, ...]:
    text = resources.files("search").joinpath(f"data/{name}").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line.rstrip("\n"))
    return tuple(out)


@cache
def stopwords() -> frozenset[str]:
    return frozenset(line.strip() for line in _data_lines("query_stopwords.txt"))


@cache
def synonym_groups() -> dict[str, tuple[str, ...]]:
    """word → the other members of its synonym groups (folded). THE synonym table: search
    expands query words with it, the comparison view reads it for topic coverage."""
    table: dict[str, list[str]] = {}
    for line in _data_lines("synonyms.tsv"):
        if line.startswith("~"):
            continue
        members = [fold_query(m) for m in line.split("\t") if m.strip()]
        for m in members:
            others = table.setdefault(m, [])
            others.extend(x for x in members if x != m and x not in others)
    return {k: tuple(v) for k, v in table.items()}


@cache
def related_words() -> dict[str, tuple[str, ...]]:
    """topic word → words a document uses for what it asks about (the "~" lines of synonyms.tsv).
    Not synonyms: the comparison view's topic coverage uses them, search does not."""
    table: dict[str, list[str]] = {}
    for line in _data_lines("synonyms.tsv"):
        if not line.startswith("~"):
            continue
        members = [fold_query(m) for m in line.split("\t")[1:] if m.strip()]
        if len(members) > 1:
            alts = table.setdefault(members[0], [])
            alts.extend(x for x in members[1:] if x not in alts)
    return {k: tuple(v) for k, v in table.items()}


@cache
def meta_words() -> tuple[str, ...]:
    """Words framing a request (其他地方、典型做法、有何不同 …), longest first (folded)."""
    words = {fold_query(line.strip()) for line in _data_lines("query_metawords.txt")}
    return tuple(sorted((w for w in words if w), key=lambda w: (-len(w), w)))


def meta_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the request-framing words of a (folded) question, longest match first."""
    taken = [False] * len(text)
    spans: list[tuple[int, int]] = []
    for w in meta_words():
        start = text.find(w)
        while start >= 0:
            end = start + len(w)
            if not any(taken[start:end]):
                spans.append((start, end))
                taken[start:end] = [True] * len(w)
            start = text.find(w, end)
    return sorted(spans)


def strip_meta(text: str) -> str:
    """The question without its request-framing words (其他地方怎么组织…有哪些典型做法 → 怎么组织…有哪些):
    for a precedent question, where every answer is a 做法 anyway. Unchanged when nothing else
    would remain."""
    folded = fold_query(text)
    if _SYNTAX_RE.search(folded):
        return text  # quoted phrases and boolean expressions are taken as typed
    spans = meta_spans(folded)
    if not spans:
        return text
    out, last = [], 0
    for s, e in spans:
        out.append(folded[last:s])
        out.append(" ")
        last = e
    out.append(folded[last:])
    stripped = re.sub(r"\s+", " ", "".join(out)).strip()
    return stripped if re.search(r"[^\W_]", stripped) else text
