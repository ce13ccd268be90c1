"""Precedents: what regions and units actually did (做法), grouped by the region of the unit that did it.

A candidate clause comes from clause search (its retrieval score says how well it matches the
question). It is re-scored by how much it reads like a reported practice — verbs of setting
something up, markers of completed action (已、了、先后、累计), numbers with measure words, a named
practice in quotes, an experience article or a speech reporting results — and penalised when it
reads like a general requirement (要…、各地各单位要…、必须…) or a plan (下一步、将继续、拟、力争 …,
or a clause under a heading such as 下一步工作打算). Near-duplicates (the same practice stated in
two documents) are collapsed, the practice is named when the text names it, and items are grouped
by the acting unit's region (for a bulletin article: the article's unit). The page is read group
by group, so one region's weaker items may not crowd out other regions' strong ones (select).
Retrieval uses the question without its request framing (其他地方、有哪些典型做法: retrieval_query).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from policykg.model import Clause, Document, Fact
from search.query import strip_meta

# Verbs of setting something up or carrying it out.
ACTION_VERBS = (
    "建立",
    "成立",
    "开设",
    "组建",
    "打造",
    "推行",
    "创建",
    "开展",
    "举办",
    "实施",
    "创办",
    "设立",
    "搭建",
    "推出",
    "启动",
    "建成",
    "培育",
    "评选",
    "选树",
    "探索",
    "开辟",
    "创新",
    "组织",
    "制定",
    "编印",
    "出版",
    "采访",
    "专访",
    "建设",
    "形成",
    "坚持",
    "依托",
    "利用",
    "通过",
)
# Markers that the action is done (reported, not required). A time word alone (今年、上半年) is
# no evidence: plans are dated the same way (今年将…、下半年拟…).
PAST_MARKERS = (
    "已经",
    "已",
    "了",
    "先后",
    "累计",
    "共计",
    "截至",
    "目前",
    "去年",
    "近年来",
    "以来",
    "达到",
    "取得",
    "荣获",
    "涌现",
    "受到",
    "得到",
    "成为",
    "做得",
    "走在",
)
# Markers of a plan: what a unit intends to do is not a practice it carried out. 将 only before
# an adverb or a verb of carrying out (将继续、将开展), not as the object marker (将美学融入…).
_FUTURE_RE = re.compile(
    r"下一步|下阶段|今后|明年|(?<![草模虚])拟(?!定)|打算|预计|力争|争取|"
    r"计划(?=于|在|用|年内|明年|今年|下半年|开展|举办|组织|建立|实施|推出)|"
    r"将(?=继续|进一步|全面|着力|持续|不断|深入|加快|积极|大力|重点|逐步|努力|力争|适时|陆续|切实|"
    r"认真|更加|按照|根据|围绕|结合|于|在|开展|举办|推进|推动|实施|启动|召开|组建|建立|成立|打造|探索)"
)
# A heading that announces plans (下一步工作打算、2021年工作计划、今后工作思路): its clauses are plans.
_PLAN_HEADING_RE = re.compile(r"下一步|下阶段|今后|明年|打算|工作计划|工作思路|工作安排|努力方向|展望")
# Markers of an example or a reported experience.
EXAMPLE_MARKERS = ("比如", "例如", "做法", "经验", "典型", "示范", "样本", "成效", "效果")
_MEASURE = "名个场次人余多万支家所期篇件项位幅天年批处"
_NUMBER_RE = re.compile(rf"\d+(?:\.\d+)?\s*[{_MEASURE}]|[一二三四五六七八九十百千两几]+[{_MEASURE[:12]}]")
_QUOTED_RE = re.compile(r"[“\"「『]([^”\"」』]{2,24})[”\"」』]")
_DIRECTIVE_START_RE = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:[^，。；]{0,12}?(?:各地各单位|各地各部门|各级[^，。；]{0,10}?|各单位|各地))?"
    r"(?:要|应当|应|必须|务必|需要|须)"
)
_DIRECTIVE_ANY_RE = re.compile(r"(?:各地各单位|各地各部门|各级[^，。；]{0,12})(?:要|应|必须)")
_YAO_RE = re.compile(r"(?<![主需重纲])要(?![求点素闻])")
_PRACTICE_SUFFIX = r"(?:工作法|工作室|活动|机制|模式|品牌|行动|工程|制度|平台|计划|项目|课堂|驿站|讲堂|基地|队伍|团队|宣讲团)?"
_NAMED_RE = re.compile(
    r"(?:"
    + "|".join(ACTION_VERBS[:22])
    + r")了?(?:以)?([“\"「][^”\"」]{2,24}[”\"」]"
    + _PRACTICE_SUFFIX
    + r"|《[^》]{2,30}》)"
)
_SIBLING_RE = re.compile(r"(?:和|、|及|以及)([“《][^”》]{2,30}[”》])")
_PLAIN_NAMED_RE = re.compile(
    r"(?:先后|相继)?(?:成立|组建|创办|建立|开设|设立|建成)了?([^，。；、“”\s]{2,20}?"
    r"(?:院|团|队|站|室|中心|平台|学院|学校|基地|库|协会|课堂|驿站|讲堂|工作室))(?=[、，。；等和及])"
)
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
# items of the page. A bulletin's articles count one by one: its articles report different
# units, and one region's share is capped by PER_REGION (on the held-out questions a cap per
# bulletin of 4–6 items cost 0.02–0.03 nDCG for no gain in breadth).
PER_DOCUMENT = 2
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
# Features
# ---------------------------------------------------------------------------------------------


def _body(clause: Clause) -> str:
    """The clause's text without its inline heading (the heading names, the body reports)."""
    text = clause.search_text or clause.text
    if clause.heading:
        head = clause.heading.strip()
        if text.startswith(head):
            return text[len(head) :].lstrip("。．. ")
    return text


def _count_any(text: str, words: Sequence[str]) -> int:
    return sum(text.count(w) for w in words)


def _saturate(x: float, scale: float) -> float:
    """0 → 0, `scale` → ~0.76, large → 1: a density counts, but only up to a point."""
    return math.tanh(x / scale)


def practice_score(clause: Clause, document: Document) -> float:
    """How much a clause reads like a practice that was carried out: a multiplier around 1.

    > 1 for reported, concrete practices (verbs of setting up, markers of completed action,
    numbers with measure words, a named practice, an experience article); < 1 for general
    requirements (a directive opening, 要 throughout) and for bare headings or whole sections.
    """
    text = clause.search_text or clause.text
    body = _body(clause)
    per100 = 100.0 / max(len(text), 80)  # densities per 100 characters; short clauses not over-rewarded

    verbs = _count_any(text, ACTION_VERBS) * per100
    past = _count_any(text, PAST_MARKERS) * per100
    numbers = len(_NUMBER_RE.findall(text)) * per100
    quoted = len(_QUOTED_RE.findall(text))
    examples = _count_any(text, EXAMPLE_MARKERS)

    score = 0.75
    score += 0.30 * _saturate(verbs, 1.5)
    score += 0.40 * _saturate(past, 1.0)
    score += 0.25 * _saturate(numbers, 0.8)
    score += 0.05 * min(quoted, 2)
    score += 0.05 * min(examples, 2)
    if _PLAIN_NAMED_RE.search(text) or _NAMED_RE.search(text):
        score += 0.10
    # No bonus for the kind of document (an experience article, a bulletin's article): what
    # counts is whether the clause itself reports a practice.

    # General requirements: a directive opening, or a clause full of 要.
    if _DIRECTIVE_START_RE.match(body):
        score *= 0.75
    directives = (len(_DIRECTIVE_ANY_RE.findall(text)) + len(_YAO_RE.findall(text))) * per100
    score *= 1.0 - 0.35 * _saturate(directives, 1.0)
    if past == 0 and numbers == 0:
        score *= 0.9  # nothing says it happened
    # Plans: what will be done is not a precedent yet.
    future = len(_FUTURE_RE.findall(text)) * per100
    score *= 1.0 - 0.35 * _saturate(future, 1.0)
    if any(_PLAN_HEADING_RE.search(h) for h in (*clause.path, clause.heading or "")):
        score *= 0.6

    # A bare heading names a topic but reports nothing; a whole section is not a clause.
    if len(text) < 20:
        score *= 0.6
    elif len(text) > 700:
        score *= math.sqrt(700 / len(text))
    return max(0.25, min(score, 2.2))


def _bigrams(text: str) -> set[str]:
    t = _PUNCT_RE.sub("", text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def name_practice(clause: Clause, query: str = "") -> str | None:
    """The practice's name when the text names it: a quoted name after a verb of setting up
    (实施“三建三联三促进”, 创建了“五求、五心”工作法), else an unquoted institution that was set up
    (成立了老干部书画院), else a quoted name in the clause's own heading."""
    text = clause.search_text or clause.text
    qgrams = _bigrams(query)
    found: list[tuple[int, int, int, str]] = []
    for m in _NAMED_RE.finditer(text):
        name = m.group(1).replace('"', "“", 1).replace('"', "”", 1)
        found.append((len(qgrams & _bigrams(name)), -m.start(), 1, name))
        pos = m.end()
        while sibling := _SIBLING_RE.match(text, pos):  # 建立《登记表》和《反馈表》: both were set up
            found.append((len(qgrams & _bigrams(sibling.group(1))), -m.start(), 1, sibling.group(1)))
            pos = sibling.end()
    for m in _PLAIN_NAMED_RE.finditer(text):
        name = m.group(1)
        if name.startswith(("了", "的")) or len(name) < 3:
            continue
        found.append((len(qgrams & _bigrams(name)), -m.start(), 0, name))
    if found:
        found.sort(reverse=True)
        return found[0][3]
    if clause.heading:
        m = _QUOTED_RE.search(clause.heading)
        if m:
            tail = clause.heading[m.end() : m.end() + 4]
            suffix = re.match(_PRACTICE_SUFFIX, tail)
            return f"“{m.group(1)}”{suffix.group(0) if suffix else ''}"
    return None


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


def retrieval_query(query: str) -> str:
    """What to retrieve precedents with: the question without its request framing (其他地方、
    有哪些典型做法 …) — every precedent is a 做法, so those words only favour clauses that
    happen to say 典型 or 经验."""
    return strip_meta(query)
