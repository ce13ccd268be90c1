"""The kind of prose that names no type of its own: a small softmax model over page cues.

Readers tell a report of someone's event (a dateline, a reporter, a dated lead, officials attending)
from a unit presenting its own practice (近年来…, numbered practices, 坚持/健全/着力 …), from an
argued piece (思考, 路径, 必须 …: 理论文章) and from what is none of these (a retiree's memoir in his
own voice, a yearbook entry under 【】 heads, a profile, a Q&A: 其他) by weighing many cues at once,
which one threshold over counted cues (``doctypes.web_type``) did not do well. The cues are regular
expressions in ``ingest/data/web_type.tsv`` and plain page facts (a byline, a medium as the source,
the length); their weights, one per feature and kind, are data in the same table, fitted by
``python -m bench.train_webtype`` on the annotated development pages (never on the held-out ones).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest import doctypes, vocab

_TABLE = "web_type.tsv"
NEWS, EXPERIENCE, THEORY, OTHER = "新闻报道", "经验交流", "理论文章", "其他"
KINDS = (NEWS, EXPERIENCE, THEORY, OTHER)  # the model's classes, in the order of the weight columns


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
def weights() -> dict[str, tuple[float, ...]]:
    """The fitted weights of every feature, one per kind in ``KINDS`` order (``weight`` rows)."""
    return {
        r[1]: tuple(float(v) for v in r[2:])
        for r in vocab.rows(_TABLE)
        if r[0] == "weight" and len(r) == 2 + len(KINDS)
    }


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
        # a person's own voice (我 not as 我市, 我校 …) and a memoir's words: a retiree's essay
        "personal_voice": min(len(p["personal_voice"].findall(text)) * 1000 / n, 20) / 5,
        "essay_words": min(len(p["essay_word"].findall(text)) * 1000 / n, 20) / 5,
        # argument words and a paper's title or apparatus: a piece of reasoning
        "theory_words": min(len(p["theory_word"].findall(text)) * 1000 / n, 30) / 10,
        "theory_title": float(bool(p["theory_title"].search(title))),
        "paper": float(bool(p["paper"].search(text))),
        # no headline, a bare topic as the headline, 【】 heads, short lines: an entry, a form, a list
        "no_title": float(not title),
        "bare_title": float(0 < len(title) <= 8 and not p["title_verb"].search(title)),
        "entry_heads": float(len(p["entry_head"].findall(text[:3000])) >= 2),
        "short_lines": sum(1 for line in cues.body if 0 < len(line) <= 16) / max(len(cues.body), 1),
        "profile": float(bool(p["profile"].search(" ".join([title, *cues.body[:3]])))),
        "questions": min(text.count("？") + text.count("?"), 6) / 3,
    }


def probabilities(values: dict[str, float]) -> dict[str, float]:
    """The model's probability of each kind for a page's feature values."""
    w = weights()
    scores = [
        sum(w[name][k] * value for name, value in values.items() if name in w) for k in range(len(KINDS))
    ]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {kind: e / total for kind, e in zip(KINDS, exps, strict=True)}


def decide(cues: PageCues) -> str:
    """The most probable kind (news wins a tie: it is what a page is when nothing says otherwise)."""
    probs = probabilities(features(cues))
    return max(KINDS, key=lambda kind: (probs[kind], kind == NEWS))
