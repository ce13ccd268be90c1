"""Provisions (facts): quantitative requirements attached to their clause.

thresholds 党员人数5人以上的 / 超过50人的, amounts 每月不低于300元, frequencies 每年至少培训一次 /
每半年开展一次, counts 6个方面30条. Plain statistics (全省党员总数346万名) are not provisions and
are left out: a threshold needs a qualifier (以上, 超过 …), an amount a period or a bound, a
frequency a period and a count.
"""

from __future__ import annotations

import re

from graph.extract.common import HAN, NUMERAL, cn_number
from policykg.model import Clause, Fact

_THRESHOLD_RE = re.compile(
    r"(?P<ctx>(?:党员)?人数(?:达到|在|为)?)?"
    r"(?P<qual1>超过|不少于|不低于|不超过|达到|满)?"
    rf"(?P<num>{NUMERAL})\s*(?P<unit>人|名)"
    r"(?P<qual2>及以上|以上|以下|以内|及以下)?(?P<de>的)?"
)
_AMOUNT_RE = re.compile(
    r"(?P<per>每(?:人每月|人每年|月|年|季度|半年|人|次))?(?P<qual>不低于|不少于|不超过|不高于|最高|最低|至少)?"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万元|元)"
)
_FREQ_RE = re.compile(
    r"每(?P<period>年|半年|季度|月|周|两年|三年|五年|届)"
    rf"(?P<mid>[{HAN}]{{0,6}}?)\s*"
    rf"(?P<num>{NUMERAL})\s*次"
)
_COUNT_RE = re.compile(
    rf"(?P<a>{NUMERAL})\s*(?P<u1>个方面|大项|大类|个部分)\s*(?P<b>{NUMERAL})\s*(?P<u2>条|项|小项)(?P<what>标准|任务|措施|要求|内容)?"
)


# What each pattern cannot match without (a number right before its unit): one cheap scan per
# clause tells which of the patterns above can match at all.
_COUNT_CUE_RE = re.compile(r"个方面|大项|大类|个部分")
_THRESHOLD_CUE_RE = re.compile(rf"{NUMERAL}\s*[人名]")
_AMOUNT_CUE_RE = re.compile(r"\d\s*万?元")
_FREQ_CUE_RE = re.compile(rf"{NUMERAL}\s*次")


def _value(s: str) -> int | float | None:
    s = s.strip()
    try:
        return int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError:
            return cn_number(s)


def find_facts(clause: Clause) -> list[Fact]:
    text = clause.search_text
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, value, unit: str, start: int, end: int, qualifier: str | None) -> None:  # type: ignore[no-untyped-def]
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        facts.append(Fact(kind, value, unit, text[start:end].strip(), clause.id, qualifier))

    # Each pattern starts with optional parts, so a scan tries every position; most clauses hold
    # no cue of it at all (a number before 人/元/次 …), which one fast scan tells.
    counts = _COUNT_RE.finditer(text) if _COUNT_CUE_RE.search(text) else ()
    thresholds = _THRESHOLD_RE.finditer(text) if _THRESHOLD_CUE_RE.search(text) else ()
    amounts = _AMOUNT_RE.finditer(text) if _AMOUNT_CUE_RE.search(text) else ()
    freqs = _FREQ_RE.finditer(text) if "每" in text and _FREQ_CUE_RE.search(text) else ()
    for m in counts:
        a, b = _value(m["a"]), _value(m["b"])
        if a is None or b is None:
            continue
        add("count", b, m["u2"], m.start(), m.end(), f"{m['a']}{m['u1']}")
    for m in thresholds:
        qual = m["qual1"] or m["qual2"]
        if not qual or (m["qual1"] == "达到" and not m["qual2"]):
            continue
        value = _value(m["num"])
        if value is None:
            continue
        start = m.start("ctx") if m["ctx"] else m.start("qual1") if m["qual1"] else m.start("num")
        add("threshold", value, m["unit"], start, m.end(), m["qual2"] or m["qual1"])
    for m in amounts:
        if not (m["per"] or m["qual"]):
            continue
        value = _value(m["num"])
        unit = m["unit"] + (f"/{m['per'][1:]}" if m["per"] else "")
        add("amount", value, unit, m.start(), m.end(), m["qual"])
    for m in freqs:
        value = _value(m["num"])
        if value is None or any(c in m["mid"] for c in "的,，、"):
            continue
        qual = "至少" if "至少" in m["mid"] else None
        add("frequency", value, f"次/{m['period']}", m.start(), m.end(), qual)
    facts.sort(key=lambda f: text.find(f.text))
    return facts
