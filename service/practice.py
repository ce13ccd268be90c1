"""Practice-ness of a clause: how much it reads like a practice a unit carried out (做法), and
the practice's name when the text names it. Used by precedents (and its ranking) only.

A reported practice has verbs of setting something up, markers of completed action (已、了、先后、
累计), numbers with measure words, a named practice in quotes; a general requirement (要…、各地各单位
要…、必须…) or a plan (下一步、将继续、拟、力争 …, or a clause under a heading such as 下一步工作
打算) reads otherwise. The kind of document gives nothing: the clause itself must report.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from policykg.model import Clause, Document

_PUNCT_RE = re.compile(r"[\s，。；：、！？“”‘’（）()《》〈〉【】\[\]·—…,.;:!?\"'-]+")

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
