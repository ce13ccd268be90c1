"""Provisions (facts): quantitative requirements attached to their clause, with what they constrain.

thresholds on both sides (党员人数5人以上的 / 不足3人的 / 超过50人的), amounts (每人每月不低于300元),
frequencies with minimums and ranges (每年至少培训一次, 每年集中学习不少于10次, 每月1—2次), terms
(任期两年), ratios (不低于30%), counts (6个方面30条). Plain statistics (全省党员总数346万名, 覆盖率
达到95%) are not provisions and are left out: a threshold needs a qualifier (以上, 不足 …), an
amount a period or a bound, a frequency a period and a count, a ratio a bound. Each fact names the
subject it constrains (联合党支部, 学习, 走访, 任期, 补贴 …: graph/data/fact_subjects.txt) so that
a comparison can put like beside like. Clauses are read in their folded form (search_text), so
traditional script is covered.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.common import HAN, NUMERAL, alternation, cn_number, data_words, sentence_at
from policykg.model import Clause, Fact

_RANGE_SEP = r"\s*[—–\-~～至到]+\s*"
_THRESHOLD_RE = re.compile(
    r"(?P<ctx>(?:正式)?(?:党员)?人数(?:达到|在|为)?)?"
    r"(?P<qual1>超过|不少于|不低于|不超过|不足|少于|不到|低于|达到|满)?"
    rf"(?P<num>{NUMERAL})\s*(?P<unit>人|名)"
    r"(?P<qual2>及以上|以上|以下|以内|及以下)?(?P<de>的)?"
)
_AMOUNT_RE = re.compile(
    r"(?P<per>每(?:人每月|人每年|人每季度|月|年|季度|半年|人|次))?"
    r"(?P<qual>不低于|不少于|不超过|不高于|最高|最低|至少)?"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万元|元)"
)
_FREQ_QUALS = ("不少于", "不低于", "至少", "不超过", "最多", "原则上")
_FREQ_RE = re.compile(
    r"每(?P<period>两年|三年|五年|半年|季度|年|月|周|届)"
    rf"(?P<mid>[{HAN}…]{{0,16}}?)\s*"
    rf"(?P<num>{NUMERAL})(?:{_RANGE_SEP}(?P<num2>{NUMERAL}))?\s*(?P<unit>次|场|期|课)"
)
_TERM_RE = re.compile(rf"(?P<lead>每届)?任期(?:为|一般为)?(?P<num>{NUMERAL})年")
_RATIO_RE = re.compile(
    r"(?P<qual>不低于|不少于|不超过|不高于|超过|至少|控制在)"
    rf"(?:[{HAN}]{{0,12}}的)?(?P<num>\d+(?:\.\d+)?)\s*%(?P<qual2>以上|以下|以内)?"
    r"|(?P<qual3>不低于|不少于|不超过|不高于|超过|至少|控制在)百分之(?P<cn>[一二三四五六七八九十百]+)"
)
_COUNT_RE = re.compile(
    rf"(?P<a>{NUMERAL})\s*(?P<u1>个方面|大项|大类|个部分)(?:明确了?|细化了?|共|包括)?\s*(?P<b>{NUMERAL})\s*(?P<u2>条|项|小项)"
    r"(?P<what>标准|任务|措施|要求|内容)?"
)

# What each pattern cannot match without: one cheap scan per clause tells which can match at all.
_COUNT_CUE_RE = re.compile(r"个方面|大项|大类|个部分")
_THRESHOLD_CUE_RE = re.compile(rf"{NUMERAL}\s*[人名]")
_AMOUNT_CUE_RE = re.compile(r"\d\s*万?元")
_FREQ_CUE_RE = re.compile(rf"{NUMERAL}\s*[次场期课]")


@lru_cache(maxsize=1)
def _subject_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(data_words('fact_subjects.txt'))})")


def _value(s: str) -> int | float | None:
    s = s.strip()
    try:
        return int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError:
            return cn_number(s)


def _subject(text: str, start: int, end: int, prefer: str) -> str | None:
    """The subject word of the provision at text[start:end], in its sentence: the first one after
    it (`prefer` "after": what a threshold's side gets), inside it, or the nearest one before it."""
    s, e = sentence_at(text, start)
    rx = _subject_re()
    after = [m.group() for m in rx.finditer(text, end, max(e, end))]
    inside = [m.group() for m in rx.finditer(text, start, end)]
    before = [m.group() for m in rx.finditer(text, s, start)]
    # a frequency's activity is in it or written right after its count (每月1—2次活动)
    near_after = [m.group() for m in rx.finditer(text, end, min(e, end + 6)) if m.start() - end <= 1]
    if prefer == "after":
        order: tuple[list[str], ...] = (after, inside, before[::-1])
    elif prefer == "near":
        order = (inside, near_after, before[::-1], after)
    else:
        order = (inside, before[::-1], after)
    for found in order:
        if found:
            return found[0]
    return None


def find_facts(clause: Clause) -> list[Fact]:
    text = clause.search_text
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, value, unit: str, start: int, end: int, qualifier: str | None, **extra) -> None:  # type: ignore[no-untyped-def]
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        subject = extra.pop("subject", None) or _subject(text, start, end, extra.pop("prefer", "inside"))
        facts.append(
            Fact(kind, value, unit, text[start:end].strip(), clause.id, qualifier, subject=subject, **extra)
        )

    if _COUNT_CUE_RE.search(text):
        for m in _COUNT_RE.finditer(text):
            a, b = _value(m["a"]), _value(m["b"])
            if a is not None and b is not None:
                add("count", b, m["u2"], m.start(), m.end(), f"{m['a']}{m['u1']}", subject=m["what"])
    if "任期" in text:
        for m in _TERM_RE.finditer(text):
            value = _value(m["num"])
            if value is not None:
                s, _e = sentence_at(text, m.start())
                who = [w.group() for w in _subject_re().finditer(text, s, m.start())]
                add("duration", value, "年", m.start(), m.end(), "任期", subject=(who[-1] if who else "任期"))
    if "每" in text and _FREQ_CUE_RE.search(text):
        for m in _FREQ_RE.finditer(text):
            value = _value(m["num"])
            if value is None or any(c in m["mid"] for c in "的,，、"):
                continue
            qual = next((q for q in _FREQ_QUALS if q in m["mid"]), None)
            upper = _value(m["num2"]) if m["num2"] else None
            unit = f"{m['unit']}/{m['period']}"
            add(
                "frequency",
                value,
                unit,
                m.start(),
                m.end(),
                qual or ("范围" if upper else None),
                value_max=upper,
                prefer="near",
            )
    if _THRESHOLD_CUE_RE.search(text):
        for m in _THRESHOLD_RE.finditer(text):
            qual = m["qual1"] or m["qual2"]
            if not qual or (m["qual1"] == "达到" and not m["qual2"]):
                continue
            value = _value(m["num"])
            if value is None:
                continue
            start = m.start("ctx") if m["ctx"] else m.start("qual1") if m["qual1"] else m.start("num")
            add("threshold", value, m["unit"], start, m.end(), m["qual2"] or m["qual1"], prefer="after")
    if _AMOUNT_CUE_RE.search(text):
        for m in _AMOUNT_RE.finditer(text):
            if not (m["per"] or m["qual"]):
                continue
            unit = m["unit"] + (f"/{m['per'][1:]}" if m["per"] else "")
            add("amount", _value(m["num"]), unit, m.start(), m.end(), m["qual"])
    if "%" in text or "百分之" in text:
        for m in _RATIO_RE.finditer(text):
            value = _value(m["num"]) if m["num"] else cn_number(m["cn"])
            add("ratio", value, "%", m.start(), m.end(), m["qual"] or m["qual3"])
    facts.sort(key=lambda f: text.find(f.text))
    return facts
