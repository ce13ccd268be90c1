"""Precedents: what regions and units actually did (做法), grouped by the region of the unit that did it.

A candidate clause comes from clause search (its retrieval score says how well it matches the
question). It is re-scored by how much it reads like a reported practice (service.practice: no
bonus for the kind of document, only for what the clause says). Near-duplicates (the same
practice stated in two documents) are collapsed, the practice is named when the text names it,
and items are grouped by the region of the unit that acted (the graph's clause actor, else the
document's). The page is read group by group, so one region's weaker items may not crowd out
other regions' strong ones, and one document gives at most three items while others answer
(select); items without a region come last, with the reason. Every item carries its actor,
region, year and source. Retrieval uses the question without its request framing (其他地方、
有哪些典型做法: retrieval_query).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from policykg.model import Clause, Document, Fact
from search.query import strip_meta
from service.practice import name_practice, practice_score

__all__ = [
    "Candidate",
    "Group",
    "Item",
    "collapse",
    "group_items",
    "name_practice",
    "near_duplicate",
    "practice_score",
    "rank",
    "retrieval_query",
    "score_items",
    "select",
    "shingles",
]

# score = relevance^a × practice^b. Retrieval decides what the clause is about; practice-ness
# reorders among the relevant ones (a reported practice before a requirement) without letting a
# vaguely related experience article overtake the clause that answers the question. On the dev
# queries every b/a between 0.3 and 0.7 gives the same figures: the choice is not knife-edge.
RELEVANCE_EXPONENT = 1.0
PRACTICE_EXPONENT = 0.6
# Page selection (see select): an item below MIN_RATIO of the best is not a precedent for the
# question; while other regions have strong items (STRONG_RATIO of the best), a region shows at
# most PER_REGION items, each at least TAIL_RATIO of its own best.
MIN_RATIO = 0.05
# Breadth: while other documents have strong items, one document gives at most PER_DOCUMENT
# items of the page (on the held-out questions 2 cost 0.02 on one set, 3 costs nothing). A bulletin's articles count one by one: its articles report different
# units, and one region's share is capped by PER_REGION (on the held-out questions a cap per
# bulletin of 4–6 items cost 0.02–0.03 nDCG for no gain in breadth).
PER_DOCUMENT = 3
NO_REGION_NOTE = "未能确定实施单位所在地区：文档及其实施单位均未写明地区，故排在最后"
STRONG_RATIO = 0.5
PER_REGION = 3
TAIL_RATIO = 0.6
_PUNCT_RE = re.compile(r"[\s，。；：、！？“”‘’（）()《》〈〉【】\[\]·—…,.;:!?\"'-]+")


@dataclass
class Candidate:
    """One retrieved clause with what the graph says about it."""

    clause: Clause
    document: Document
    score: float  # retrieval score
    region: Any = None  # engine.RegionInfo
    organization: Any = None  # engine.OrgInfo
    programs: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    highlight: str | None = None

    def clause_fields(self, summarize: Callable[[Document], dict[str, Any]]) -> dict[str, Any]:
        """The fields every answer item shares (precedents and compare)."""
        return {
            "clause_id": self.clause.id,
            "doc_id": self.document.id,
            "text": self.clause.text,
            "highlight": self.highlight,
            "path": list(self.clause.path),
            "organization": self.organization.to_dict() if self.organization else None,
            "document": summarize(self.document),
        }


@dataclass
class Item:
    cand: Candidate
    score: float
    practice: str | None
    practice_score: float
    duplicates: list[Candidate] = field(default_factory=list)

    def to_dict(self, summarize: Callable[[Document], dict[str, Any]]) -> dict[str, Any]:
        c = self.cand
        return {
            **c.clause_fields(summarize),
            "practice": self.practice,
            "actor": c.organization.name if c.organization else None,
            "region": c.region.to_dict() if c.region else None,
            "region_note": None if c.region else NO_REGION_NOTE,
            "year": c.document.year,
            "source": c.document.source,
            "score": round(self.score, 4),
            "also_in": [
                {"clause_id": d.clause.id, "doc_id": d.document.id, "title": d.document.title}
                for d in self.duplicates
            ],
        }


@dataclass
class Group:
    region: Any  # engine.RegionInfo | None
    items: list[Item]

    @property
    def score(self) -> float:
        return max(i.score for i in self.items)

    def to_dict(self, summarize: Callable[[Document], dict[str, Any]]) -> dict[str, Any]:
        region = self.region.to_dict() if self.region else {"id": "region:unknown", "name": "未知地区"}
        out: dict[str, Any] = {"region": region, "items": [i.to_dict(summarize) for i in self.items]}
        if self.region is None:
            out["note"] = NO_REGION_NOTE
        return out


# ---------------------------------------------------------------------------------------------
# Near-duplicates
# ---------------------------------------------------------------------------------------------


def shingles(text: str, k: int = 3) -> set[str]:
    t = _PUNCT_RE.sub("", text)
    if len(t) <= k:
        return {t} if t else set()
    return {t[i : i + k] for i in range(len(t) - k + 1)}


def near_duplicate(a: set[str], b: set[str], jaccard: float = 0.5, containment: float = 0.6) -> bool:
    if not a or not b:
        return False
    inter = len(a & b)
    if inter / len(a | b) >= jaccard:
        return True
    # A short statement of a practice repeated inside a longer passage.
    return inter / min(len(a), len(b)) >= containment and min(len(a), len(b)) >= 30


# ---------------------------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------------------------


def score_items(query: str, pool: Sequence[Candidate]) -> list[Item]:
    """Retrieval score (relative to the best in the pool) × practice-ness, best first."""
    if not pool:
        return []
    top = max(c.score for c in pool) or 1.0
    items = []
    for c in pool:
        rel = (max(c.score, 0.0) / top) ** RELEVANCE_EXPONENT
        ps = practice_score(c.clause, c.document)
        items.append(Item(cand=c, score=rel * ps**PRACTICE_EXPONENT, practice=None, practice_score=ps))
    items.sort(key=lambda i: (-i.score, i.cand.clause.id))
    return items


def collapse(items: Sequence[Item], limit: int | None = None) -> list[Item]:
    """Keep the best-scored statement of each practice; the others are listed as `also_in`.

    Items come best first. Once `limit` are kept, the rest are only checked against them (to
    list where else a kept practice is stated): O(limit × n), not O(n²).
    """
    kept: list[tuple[Item, set[str]]] = []
    for item in items:
        sh = shingles(item.cand.clause.search_text or item.cand.clause.text)
        for other, osh in kept:
            if other.cand.clause.id == item.cand.clause.id:
                break
            if near_duplicate(sh, osh):
                other.duplicates.append(item.cand)
                break
        else:
            if limit is None or len(kept) < limit:
                kept.append((item, sh))
    return [i for i, _ in kept]


def _region_key(item: Item) -> str:
    region = item.cand.region
    return region.id if region is not None else "region:unknown"


def _doc_key(item: Item) -> str:
    return item.cand.document.id


def select(
    items: Sequence[Item],
    limit: int,
    per_region: int = PER_REGION,
    strong_ratio: float = STRONG_RATIO,
    tail_ratio: float = TAIL_RATIO,
    per_document: int = PER_DOCUMENT,
) -> list[Item]:
    """The page's items, from collapsed items best first.

    The page is read group by group (one group per region), so a region's weaker items sit
    before every other region's best one. A region's items after its first need `tail_ratio` of
    its own best; and when several regions have strong items (at least `strong_ratio` of the
    best score), a region gets at most `per_region` items. The slots left over go to the
    held-back items, best first (a page about one region still fills up with it)."""
    if not items:
        return []
    top = items[0].score
    strong_regions = {_region_key(i) for i in items if i.score >= strong_ratio * top}
    capped = len(strong_regions) > 1
    several_docs = len({_doc_key(i) for i in items if i.score >= strong_ratio * top}) > 1
    chosen: list[Item] = []
    held: list[Item] = []
    best: dict[str, float] = {}
    counts: dict[str, int] = {}
    doc_counts: dict[str, int] = {}
    for item in items:
        if len(chosen) >= limit:
            break
        key = _region_key(item)
        n = counts.get(key, 0)
        doc = _doc_key(item)
        full_doc = several_docs and doc_counts.get(doc, 0) >= per_document
        if full_doc or (n and ((capped and n >= per_region) or item.score < tail_ratio * best[key])):
            held.append(item)
            continue
        chosen.append(item)
        counts[key] = n + 1
        doc_counts[doc] = doc_counts.get(doc, 0) + 1
        best.setdefault(key, item.score)
    chosen.extend(held[: max(0, limit - len(chosen))])
    return chosen


def group_items(items: Sequence[Item]) -> list[Group]:
    """Group by region id; groups ordered by their best item, items within by score."""
    groups: dict[str, Group] = {}
    for item in items:
        region = item.cand.region
        key = region.id if region is not None else "region:unknown"
        if key not in groups:
            groups[key] = Group(region=region, items=[])
        groups[key].items.append(item)
    for g in groups.values():
        g.items.sort(key=lambda i: (-i.score, i.cand.clause.id))
    # a group without a region goes last whatever its score: a drafter asks where it was done
    return sorted(groups.values(), key=lambda g: (g.region is None, -g.score, g.items[0].cand.clause.id))


def rank(query: str, pool: Sequence[Candidate], limit: int = 10, min_ratio: float = MIN_RATIO) -> list[Group]:
    """The top `limit` practices for a question, grouped by region (best group first)."""
    scored = score_items(query, pool)
    if not scored:
        return []
    floor = scored[0].score * min_ratio
    # collapse a few more than a page: select() may hold some back for other regions
    collapsed = collapse([i for i in scored if i.score >= floor], limit * 3)
    chosen = select(collapsed, limit)
    for i in chosen:
        i.practice = name_practice(i.cand.clause, query)
    return group_items(chosen)


def rank_page(
    query: str, pool: Sequence[Candidate], offset: int, limit: int, min_ratio: float = MIN_RATIO
) -> tuple[int, list[Group]]:
    """Every practice the pool holds, in `rank`'s order (the first page is `rank`'s page), and
    one page of them grouped by region: (how many can be listed, the page's groups)."""
    scored = score_items(query, pool)
    if not scored:
        return 0, []
    floor = scored[0].score * min_ratio
    collapsed = collapse([i for i in scored if i.score >= floor])
    ordered = select(collapsed, len(collapsed))
    page = ordered[offset : offset + limit]
    for i in page:
        i.practice = name_practice(i.cand.clause, query)
    return len(ordered), group_items(page)


def retrieval_query(query: str) -> str:
    """What to retrieve precedents with: the question without its request framing (其他地方、
    有哪些典型做法 …) — every precedent is a 做法, so those words only favour clauses that
    happen to say 典型 or 经验."""
    return strip_meta(query)
