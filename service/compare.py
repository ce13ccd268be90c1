"""Compare: one column per region, the clauses on a topic ranked, facts per item, a one-line summary.

The topic is read without the requested regions' names and the comparison wording ("福州和枣庄在
支部设置门槛上有何不同?" → 支部设置门槛: retrieval_topic). Membership is hierarchical (辽宁省 holds
its cities' and units' clauses: the clause's region path starts with the column's). Within a
column, clauses are ranked by retrieval score, topic coverage (with the project's one synonym
table, search/data/synonyms.tsv, and its related words: a 品牌 is often called 机制/行动/工程) and by whether
they name one of the region's own programs — the brand a region runs is what a topic such as
离退休干部党建品牌 asks for, whatever its suffix. A summary is derived from the fact (5人以上 …)
of the best item whose sentence is about the topic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from policykg.model import Document, Fact
from policykg.text import fold
from search.query import related_words, synonym_groups
from service.precedents import Candidate

PROGRAM_WORDS = ("品牌", "机制", "行动", "工程", "活动", "模式", "工作法", "项目", "载体")
SUMMARY_DEPTH = 30
SUMMARY_KINDS = {"threshold", "amount", "frequency", "count", "ratio", "duration"}
_PUNCT_RE = re.compile(r"[\s，。；：、！？“”‘’（）()《》【】\[\]·—…,.;:!?\"'-]+")
_SENTENCE_RE = re.compile(r"[^。；！？;!?]+[。；！？;!?]?")
_SEGMENT_RE = re.compile(r"[，,：:]")
# Comparison wording around a topic ("福州和枣庄在支部设置上有何不同？"): not what to retrieve.
_COMPARE_WORDS_RE = re.compile(
    r"有何不同|有什么不同|有哪些不同|有何区别|有什么区别|有哪些区别|有何差异|有什么差异|"
    r"不同之处|区别|差异|异同|对比一下|比较一下|对比|比较|相比|两地|两市|两省|三地|各自"
)
_REGION_SUFFIX_RE = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟|旗)$")
_JOINERS = "和与及跟同、，,；;"


@dataclass
class ColumnItem:
    cand: Candidate
    score: float
    programs: list[str]

    def to_dict(self, summarize: Callable[[Document], dict[str, Any]]) -> dict[str, Any]:
        return {
            **self.cand.clause_fields(summarize),
            "score": round(self.score, 4),
            "programs": self.programs,
            "facts": [fact_dict(f) for f in self.cand.facts],
        }


@dataclass
class Column:
    region: Any  # engine.RegionInfo
    items: list[ColumnItem] = field(default_factory=list)
    summary: str | None = None
    summary_clause_id: str | None = None
    note: str | None = None
    total: int = 0

    def to_dict(self, summarize: Callable[[Document], dict[str, Any]]) -> dict[str, Any]:
        return {
            "region": self.region.to_dict(),
            "summary": self.summary,
            "summary_clause_id": self.summary_clause_id,
            "note": self.note,
            "total": self.total,
            "items": [i.to_dict(summarize) for i in self.items],
        }


def fact_dict(f: Fact) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "value": f.value,
        "value_max": getattr(f, "value_max", None),
        "unit": f.unit,
        "text": f.text,
        "qualifier": f.qualifier,
        "subject": getattr(f, "subject", None),  # what it constrains: 联合党支部, 学习, 任期 …
    }


def within(path: Sequence[str], region: Any) -> bool:
    """Is a clause whose acting unit sits at `path` inside `region` (hierarchically)?"""
    path = tuple(path)
    if region.path and len(region.path) > 1:
        return path[: len(region.path)] == tuple(region.path)
    return region.name in path


def region_forms(names: Sequence[str]) -> list[str]:
    """The names of regions and their short forms (福州市 → 福州市, 福州), longest first."""
    forms: set[str] = set()
    for name in names:
        full = fold(name.strip())
        if not full:
            continue
        forms.add(full)
        short = _REGION_SUFFIX_RE.sub("", full)
        if len(short) >= 2:
            forms.add(short)
    return sorted(forms, key=lambda f: (-len(f), f))


def retrieval_topic(topic: str, region_names: Sequence[str]) -> str:
    """What to retrieve for a comparison: the topic without the requested regions' names and
    the comparison wording ("福州和枣庄在支部设置门槛上有何不同?" → "支部设置门槛"). The topic
    itself when nothing else would remain."""
    t = fold(topic).strip()
    marker = "\x00"
    for form in region_forms(region_names):
        t = t.replace(form, marker)
    # joiners next to a removed name (福州和枣庄、辽宁与福州的 …) go with it
    t = re.sub(rf"{marker}\s*[{_JOINERS}]?\s*(?:的)?", " ", t)
    t = _COMPARE_WORDS_RE.sub(" ", t)
    t = re.sub(r"[?？!！。.]+", " ", t)
    t = re.sub(r"\s+", " ", t).strip(" 、，,；;")
    # the frame "在 … 上/方面/中" around what is compared
    m = re.fullmatch(r"在(.+?)(?:上|方面|中)?", t)
    if m:
        t = m.group(1).strip()
    t = re.sub(r"^(?:的|在)", "", t).strip()
    return t if re.search(r"[^\W_]{2}", t) else topic


def _topic_alternatives() -> dict[str, tuple[str, ...]]:
    """topic word → what answers it: the synonyms and related words of search/data/synonyms.tsv
    (one table for search and comparison)."""
    table: dict[str, list[str]] = {}
    for source in (synonym_groups(), related_words()):
        for word, alts in source.items():
            got = table.setdefault(word, [])
            got.extend(a for a in alts if a not in got)
    return {k: tuple(v) for k, v in table.items()}


def topic_groups(topic: str) -> list[set[str]]:
    """The topic as groups of alternatives: each group is satisfied by any of its strings (see
    coverage). A word of the synonym table gives one group (the word or what answers it, e.g.
    品牌 → 机制、行动); the rest of the topic gives one group per bigram."""
    t = _PUNCT_RE.sub("", fold(topic))
    groups: list[set[str]] = []
    covered: set[int] = set()
    table = _topic_alternatives()
    for word in sorted(table, key=lambda w: (-len(w), w)):
        if len(word) < 2:
            continue
        pos = t.find(word)
        if pos < 0 or covered.intersection(range(pos, pos + len(word))):
            continue
        groups.append({word, *(fold(a) for a in table[word])})
        covered.update(range(pos, pos + len(word)))
    for i in range(len(t) - 1):
        if i in covered or i + 1 in covered:
            continue
        groups.append({t[i : i + 2]})
    return groups


def asks_for_programs(topic: str) -> bool:
    """Does the topic ask about brands/campaigns/mechanisms (then a region's programs answer it)?"""
    t = fold(topic)
    return any(w in t for w in PROGRAM_WORDS)


def coverage(text: str, groups: Sequence[set[str]]) -> float:
    """Share of the topic's groups that the text answers (a group: any of its strings occurs)."""
    if not groups:
        return 0.0
    t = _PUNCT_RE.sub("", fold(text, "simplified"))
    return sum(1 for g in groups if any(a in t for a in g)) / len(groups)


def rank_column(
    topic: str,
    region: Any,
    pool: Sequence[Candidate],
    programs: Counter[str],
    limit: int = 10,
    offset: int = 0,
) -> Column:
    """Rank one region's candidates for a topic; attach a summary when a fact answers the topic."""
    column = Column(region=region)
    if not pool:
        column.note = f"{region.name}没有关于“{topic}”的条款"
        return column
    groups = topic_groups(topic)
    top_retrieval = max(c.score for c in pool) or 1.0
    top_program = max(programs.values()) if programs else 0
    program_factor = 0.6 if asks_for_programs(topic) else 0.15
    seen: set[str] = set()
    items: list[ColumnItem] = []
    for c in pool:
        if c.clause.id in seen:
            continue
        seen.add(c.clause.id)
        text = c.clause.search_text or c.clause.text
        named = [p for p in c.programs if p in programs]
        program_weight = max((programs[p] / top_program for p in named), default=0.0) if top_program else 0.0
        score = (
            0.55 * max(c.score, 0.0) / top_retrieval
            + 0.30 * coverage(text, groups)
            + program_factor * program_weight
            + (0.05 if c.facts else 0.0)
        )
        if len(text) > 800:
            score *= (800 / len(text)) ** 0.5
        items.append(ColumnItem(cand=c, score=score, programs=named))
    items.sort(key=lambda i: (-i.score, i.cand.clause.id))
    column.total = len(items)
    if asks_for_programs(topic):
        # A brand/campaign topic is answered by programs; a count in a top clause may still say
        # something (6个方面30条), but it is not worth reordering for.
        column.summary, column.summary_clause_id = summarize_facts(topic, items[:5], groups, min_coverage=0.5)
    else:
        # A provision topic (党支部设置, 经费保障 …) is answered by the fact: look deeper, and put
        # the clause that states it first.
        column.summary, column.summary_clause_id = summarize_facts(topic, items[:SUMMARY_DEPTH], groups)
        if column.summary_clause_id:
            pos = next(i for i, it in enumerate(items) if it.cand.clause.id == column.summary_clause_id)
            items.insert(0, items.pop(pos))
    column.items = items[offset : offset + limit]  # `total` counts them all: page with offset
    return column


def _fact_sentence(text: str, fact_text: str) -> tuple[str, int] | None:
    for m in _SENTENCE_RE.finditer(text):
        pos = m.group(0).find(fact_text)
        if pos >= 0:
            return m.group(0), pos
    return None


def summary_from_fact(text: str, fact: Fact) -> str | None:
    """`党员人数5人以上的，要建立单独的…党支部` → `5人以上：建立单独的…党支部` (generic: the fact's
    quantity, then the next phrase of its sentence, without the modal 要/应)."""
    folded = fold(text)
    fact_text = fold(fact.text)
    found = _fact_sentence(folded, fact_text)
    if found is None:
        return None
    sentence, pos = found
    # the quantity with a bound written before it (不足3人, 不少于10次) or after it (5人以上)
    quantity = re.search(
        r"(?:不足|少于|不到|低于|超过|不少于|不低于|不超过|至少)?\d+(?:\.\d+)?(?:[—–\-~至]\d+)?\s*\S{0,3}?"
        r"(?:以上|以下|以内|超过|不低于|不少于|至少)?",
        fact_text,
    )
    # a frequency or term keeps its period (每年…不少于10次, 每届任期两年)
    whole = quantity is None or fact.kind in ("frequency", "duration")
    head = fact_text if whole else fact_text[quantity.start() :]
    head = head.rstrip("的，, ")
    rest = sentence[pos + len(fact_text) :]
    rest = rest.lstrip("的，,：: ")
    segment = _SEGMENT_RE.split(rest, maxsplit=1)[0] if rest else ""
    segment = re.sub(r"^(?:要|应当|应|须|必须|则)", "", segment).rstrip("。；;.!！")
    if not segment:
        return head or None
    out = f"{head}：{segment}" if head else segment
    return out if len(out) <= 48 else out[:47] + "…"


def summarize_facts(
    topic: str, items: Sequence[ColumnItem], groups: Sequence[set[str]], min_coverage: float = 0.6
) -> tuple[str | None, str | None]:
    """The best fact of the given items whose sentence is about the topic (higher items preferred)."""
    best: tuple[float, str, str] | None = None
    for rank_, item in enumerate(items):
        text = item.cand.clause.search_text or item.cand.clause.text
        for fact in item.cand.facts:
            if fact.kind not in SUMMARY_KINDS:
                continue
            found = _fact_sentence(fold(text), fold(fact.text))
            sentence = found[0] if found else fact.text
            # what the fact constrains answers the topic too (联合党支部, 理论学习, 书记补贴 …)
            cov = coverage(sentence + (getattr(fact, "subject", None) or ""), groups)
            if cov < min_coverage:
                continue
            summary = summary_from_fact(text, fact)
            if not summary:
                continue
            key = cov - 0.02 * rank_
            if best is None or key > best[0]:
                best = (key, summary, item.cand.clause.id)
    if best is None:
        return None, None
    return best[1], best[2]


def regions_on_topic(pool: Sequence[Candidate], max_regions: int = 8) -> list[Any]:
    """Without requested regions: the regions (of the acting units) that have clauses on the topic."""
    best: dict[str, tuple[float, Any]] = {}
    for c in pool:
        if c.region is None:
            continue
        prev = best.get(c.region.id)
        if prev is None or c.score > prev[0]:
            best[c.region.id] = (c.score, c.region)
    ordered = sorted(best.values(), key=lambda x: (-x[0], x[1].id))
    return [r for _, r in ordered[:max_regions]]
