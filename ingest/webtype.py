"""新闻报道 or 经验交流 for prose that names no type: a small logistic model over page cues.

Readers tell a report of someone's event (a dateline, a reporter, a dated lead, officials attending)
from a unit presenting its own practice (近年来…, numbered practices, 坚持/健全/着力 …) by weighing
many cues at once, which one threshold over counted cues (``doctypes.web_type``) did not do well.
The cues are regular expressions in ``ingest/data/web_type.tsv`` and plain page facts (a byline, a
medium as the source, the length); their weights are data in the same table, fitted by
``python -m bench.train_webtype`` on the annotated development pages (never on the held-out ones).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest import doctypes, vocab

_TABLE = "web_type.tsv"
NEWS, EXPERIENCE = "新闻报道", "经验交流"


@dataclass(frozen=True)
class PageCues:
    """What the decision reads: the (folded) title, the first body lines, the source, whether the
    residue held a byline, and the opening of the cleaned text."""

    title: str
    body: tuple[str, ...]
    source: str
    byline: bool
    text: str


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {r[1]: re.compile(r[2]) for r in vocab.rows(_TABLE) if r[0] == "pattern" and len(r) > 2}


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The fitted weight of every feature (``weight`` rows)."""
    return {r[1]: float(r[2]) for r in vocab.rows(_TABLE) if r[0] == "weight" and len(r) > 2}


def features(cues: PageCues) -> dict[str, float]:
    """The named, scaled features of one page (the names are the table's ``weight`` rows)."""
    p = _patterns()
    news, experience, sources = doctypes.web_cue_patterns()
    title, text = cues.title, cues.text
    first = " ".join(cues.body[:2])
    lines = [cues.title, *cues.body[:8]]
    n = max(len(text), 1)
    rule = doctypes.web_type(cues.title, list(cues.body), cues.source, cues.byline)
    return {
        "bias": 1.0,
        "byline": float(cues.byline),
        "medium_source": float(bool(cues.source) and cues.source.endswith(sources)),
        "news_cues": float(sum(1 for pat in news for line in lines if line and pat.search(line))),
        "experience_cues": float(sum(1 for pat in experience for line in lines if line and pat.search(line))),
        "title_act": float(bool(p["act"].search(title))),
        "title_practice": float(bool(p["practice_title"].search(title))),
        "headings": min(len(p["heading"].findall(text)), 6) / 3,
        "first_dates": float(min(len(p["day"].findall(first)), 3)),
        "first_lately": float(bool(p["lately"].search(first))),
        "first_person": min(len(p["first_person"].findall(text)), 5) / 2,
        "officials_acting": min(len(p["official_acting"].findall(text)), 5) / 2,
        "practice_words": len(p["practice_word"].findall(text)) * 100 / n,
        "length": min(n, 6000) / 3000,
        "quotes": min(len(p["long_quote"].findall(text)), 6) / 3,
        "rule_experience": float(rule == EXPERIENCE),
        "reporting_words": float(bool(p["reporting"].search(text))),
        "dated_lead": float(bool(p["dated_lead"].match(first))),
        "title_length": min(len(title), 40) / 20,
        "title_colon": float(bool(re.search(r"[:：]", title))),
    }


def experience_probability(values: dict[str, float]) -> float:
    """The model's probability that the page is an experience write-up."""
    w = weights()
    z = sum(w.get(name, 0.0) * value for name, value in values.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def decide(cues: PageCues) -> str:
    """新闻报道 or 经验交流 (news wins at even odds: it is what a page is when nothing says otherwise)."""
    return EXPERIENCE if experience_probability(features(cues)) > 0.5 else NEWS
