"""Pure scoring functions: the dev-gold protocol (../shared/eval/README.md), the two LeCaRD
protocols (../shared/benchmarks/lecard/README.md) and the summary statistics the speed bench uses.

Nothing here does I/O; every function takes plain lists/dicts so the unit tests can feed
hand-computed cases.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

# --------------------------------------------------------------------------------------------
# Dev gold: evidence matching and graded metrics
# --------------------------------------------------------------------------------------------

MAX_RESULT_CHARS = 1500  # a longer result is not a clause and earns nothing
_WS_RE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def match_form(text: str) -> str:
    """NFKC, traditional→simplified, all white space removed: the form evidence is matched in.

    Applied to both the result and the evidence so a t2s quirk on simplified text (显著→显着)
    hits both sides the same way.
    """
    return _WS_RE.sub("", _t2s().convert(unicodedata.normalize("NFKC", text)))


@dataclass(frozen=True)
class Evidence:
    ev: str
    g: int


def credit(results: Sequence[str], relevant: Sequence[Evidence]) -> list[list[Evidence]]:
    """For each result (in rank order) the evidence items credited to it.

    An evidence item is credited once, to the first result whose match form contains it. A result
    longer than MAX_RESULT_CHARS (original length) earns nothing and does not consume evidence.
    """
    forms = [(match_form(e.ev), e) for e in relevant]
    used: set[int] = set()
    out: list[list[Evidence]] = []
    for text in results:
        got: list[Evidence] = []
        if len(text) <= MAX_RESULT_CHARS:
            form = match_form(text)
            for i, (ev_form, e) in enumerate(forms):
                if i not in used and ev_form and ev_form in form:
                    used.add(i)
                    got.append(e)
        out.append(got)
    return out


def gain(g: int) -> float:
    return float(2**g - 1)


def dcg(gains: Sequence[float], k: int) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]))


def graded_scores(results: Sequence[str], relevant: Sequence[Evidence], k: int = 10) -> dict[str, float]:
    """nDCG@k (gain 2^g − 1), recall of top-grade evidence within k, MRR (first credited result).

    A result's gain is that of the best evidence item credited to it (a result is relevant at one
    grade; the other items it contains are used up); the ideal puts every evidence item in its own
    result, best first. This reading reproduces the stock-baseline figures quoted in the issues
    (clause 0.64 / 0.66 OR-grouped, precedent 0.28 / 0.66), a sum of gains does not.
    """
    credited = credit(results[:k], relevant)
    gains = [max((gain(e.g) for e in got), default=0.0) for got in credited]
    ideal = sorted((gain(e.g) for e in relevant), reverse=True)
    idcg = dcg(ideal, k)
    ndcg = min(1.0, dcg(gains, k) / idcg) if idcg > 0 else 0.0
    top = max((e.g for e in relevant), default=0)
    top_items = [e for e in relevant if e.g == top]
    found = {id(e) for got in credited for e in got}
    recall = sum(1 for e in top_items if id(e) in found) / len(top_items) if top_items else 0.0
    mrr = next((1.0 / (i + 1) for i, got in enumerate(credited) if got), 0.0)
    return {"ndcg": ndcg, "recall_top": recall, "mrr": mrr}


def substring_fraction(haystacks: Sequence[str], needles: Sequence[str]) -> float:
    """Fraction of needles found (match form) in any of the haystacks."""
    if not needles:
        return 0.0
    forms = [match_form(h) for h in haystacks]
    hit = sum(1 for n in needles if any(match_form(n) in f for f in forms))
    return hit / len(needles)


# --------------------------------------------------------------------------------------------
# LeCaRD
# --------------------------------------------------------------------------------------------


def _paper_filtered(ranking: Sequence[str], annotated: Sequence[str]) -> list[str]:
    keep = set(annotated)
    return [d for d in ranking if d in keep]


def lecard_paper_query(
    ranking: Sequence[str],
    annotated: Sequence[str],
    labels: Mapping[str, int],
    ks: Sequence[int] = (10, 20, 30),
) -> dict[str, float]:
    """The README-table ("paper") protocol for one query.

    The ranking is filtered to the query's 30 annotated candidates (order kept). NDCG uses linear
    gains padded to 30 and an IDCG from the same filtered gains sorted; P@k counts gain-3 docs in
    the first k of the filtered list over k; AP averages precision at each gain-3 doc and divides
    by the number of gain-3 docs retrieved.
    """
    filtered = _paper_filtered(ranking, annotated)
    gains = [labels.get(d, 0) for d in filtered]
    gains = gains + [0] * max(0, 30 - len(gains))
    ideal = sorted(gains, reverse=True)
    out: dict[str, float] = {}
    for k in ks:
        idcg = dcg(ideal, k)
        out[f"ndcg@{k}"] = dcg(gains, k) / idcg if idcg > 0 else 0.0
    rel = [1 if g == 3 else 0 for g in gains]
    for k in (5, 10):
        out[f"p@{k}"] = sum(rel[:k]) / k
    hits, precisions = 0, []
    for i, r in enumerate(rel):
        if r:
            hits += 1
            precisions.append(hits / (i + 1))
    out["map"] = sum(precisions) / hits if hits else 0.0
    return out


def lecard_cail_ndcg(ranking: Sequence[str], labels: Mapping[str, int], k: int = 30) -> float:
    """The discriminative CAIL2021 protocol: the full ranking (unannotated = 0), IDCG from all of
    the query's labels including the 50001+ extras."""
    gains = [labels.get(d, 0) for d in ranking[:k]]
    idcg = dcg(sorted(labels.values(), reverse=True), k)
    return dcg(gains, k) / idcg if idcg > 0 else 0.0


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def mean_dicts(rows: Sequence[Mapping[str, float]]) -> dict[str, float]:
    keys: list[str] = []
    for r in rows:
        keys.extend(k for k in r if k not in keys)
    return {k: mean([r[k] for r in rows if k in r]) for k in keys}


# --------------------------------------------------------------------------------------------
# Speed statistics
# --------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100), the numpy default."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * p / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50.0)


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")
