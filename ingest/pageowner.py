"""The unit that owns a page when the page names no source: the site's copyright line
(``版权所有：XX大学``, ``XX局版权所有``), or the school a school's own page speaks of as 我校 / 学校.

A page on a unit's own site often never says who published it: the copyright footer does, and a
university's news speaks of 我校, 校党委 and 学校 while naming itself once (XX大学离退休处 / 在XX大学召开).
Both are evidence of the publisher (the 来源 a person would write), never of an issuer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ingest import unitplaces

_UNIT = r"[\u4e00-\u9fff（）()]{3,30}?"
_COPYRIGHT_RES = (
    re.compile(
        rf"(?:版权所有\s*[:：]?|主办单位\s*[:：]?|主办\s*[:：])\s*(?:©|\(c\)|Copyright)?\s*"
        r"(?:(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?\s*)?"  # 版权所有 ©2023 某某日报: the year before the name
        r"(?!未经|禁止|不得|严禁|翻印|转载)"  # 某某局 版权所有 未经允许…: the warning, not an owner
        rf"(?P<unit>{_UNIT})"
        r"(?=$|\s|[，,;；|｜]|地址|电话|邮编|公安|备案|ICP|技术支持|承办|Copyright|©|本站|本网)"
    ),
    re.compile(rf"(?:^|\s|©)(?P<unit>{_UNIT})\s*版权所有"),
    # a reprint notice: 本文由某某网发布，未经允许不得转载
    re.compile(
        r"(?:^|\s|由|授权)(?P<unit>(?:(?!由|授权)[\u4e00-\u9fff（）()]){3,30}?)(?:发布|首发|原创)[，,。]?\s*未经(?:允许|授权|许可|同意)"
    ),
    # the site's own name at its head: 哈尔滨市人民政府地方志办公室门户网站, XX大学离退休工作处官方网站
    re.compile(
        rf"^(?P<unit>{_UNIT}(?:局|厅|委|办公室|中心|大学|学院|医院|政府|协会|处))(?:门户网站|官方网站|官网|网站)"
        r"(?:\s*(?:现在是|今天是).{0,30})?$"
    ),
    # its greeting: (今天是) 欢迎来到中共XX市委老干部局！
    re.compile(
        rf"^(?:今天是\s*)?(?:欢迎访问|欢迎来到|欢迎光临)\s*(?P<unit>{_UNIT}(?:局|厅|委|办公室|中心|大学|学院|医院|政府|协会|处))"
        r"(?:门户网站|官方网站|官网|网站)?\s*[!！。]?$"
    ),
)
# a school speaking of itself: 我校, 本校, 全校, 校党委, or 学校 as the subject of a clause
_SELF_REFERENCE = ("本网", "本站", "本刊", "本报", "本单位")
_SELF_SCHOOL_RE = re.compile(r"我校|本校|全校|校党委|学校党委|(?:^|[，,。；;：:\n])\s*学校")
_SCHOOL_RE = re.compile(r"[\u4e00-\u9fff]{2,16}?(?:大学|学院)")
# schools that are not the page's university: for old people, party schools, cadre colleges
_NOT_OWNER_RE = re.compile(r"老年|老干部|党校|干部学院|行政学院|社会主义学院")


def copyright_owner(lines: Iterable[str]) -> str | None:
    """The unit a copyright or 主办 line names (the first such line), or None."""
    for line in lines:
        for pattern in _COPYRIGHT_RES:
            m = pattern.search(line.strip())
            unit = re.sub(r"(?<=网)网站$", "", m["unit"].strip("（）()")) if m else ""  # 某某网网站: 某某网
            if len(unit) >= 3 and not unit.startswith(_SELF_REFERENCE):  # 本网站编辑部 names no one
                return unit
    return None


def _school_name(gaz: Any | None, candidate: str) -> str | None:
    """The school's name inside a match that may start mid-sentence (会议在吉林大学 → 吉林大学): from the
    first place name on, or the whole match when it opens the text or follows punctuation."""
    if gaz is None:
        return None
    try:
        mentions = gaz.resolve(candidate)
    except Exception:
        return None
    for mention in mentions:
        name = candidate[mention.start :]
        if len(name) > len(mention.surface) + 1:
            return name
    return None


def self_named_school(text: str, gaz: Any | None) -> str | None:
    """The university or college a school's page names while speaking of itself as 我校 / 学校 (the
    one named most often), or None when the page does not speak as a school."""
    if not _SELF_SCHOOL_RE.search(text):
        return None
    names: Counter[str] = Counter()
    for m in _SCHOOL_RE.finditer(text):
        name = unitplaces.listed_school(m.group(0)) or _school_name(gaz, m.group(0))
        if name and not _NOT_OWNER_RE.search(name):
            names[name] += 1
    if not names:
        return None
    return names.most_common(1)[0][0]


# the head of a parent unit: it opens with 中国/中共/国家 or a place and ends like an organization
_PARENT_END_RE = re.compile(r"(?:大学|学院|科学院|研究院|研究所|集团|公司|中心|协会|医院|局|厅|委|馆)$")
_PARENT_START_RE = re.compile(r"^(?:中国|中共|国家)")
_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]{2,12}$")


def parent_form(unit: str, text: str, gaz: Any | None) -> str | None:
    """The fuller name the text writes for a short unit the head gave: 兰州分院 → 中国科学院兰州分院,
    离退休工作处 → 吉林农业大学离退休工作处 (the most frequent such form), or None."""
    if not unit or len(unit) > 8:
        return None
    parent = _parent_before(unit, text, gaz)
    if parent is None:
        # the text names a sibling of the department (离退休党总支 → XX学院离退休第三党支部)
        stem = _DEPARTMENT_END_RE.sub("", unit)
        parent = _parent_before(stem, text, gaz) if len(stem) >= 2 and stem != unit else None
    return parent + unit if parent else None


_DEPARTMENT_END_RE = re.compile(r"(?:党总支|党支部|总支|支部|党委|工作处|工作部|处|科|室|办公室)$")


def _parent_before(unit: str, text: str, gaz: Any | None) -> str | None:
    """The most frequent parent unit written right before `unit` in the text."""
    found: Counter[str] = Counter()
    start = text.find(unit)
    while start >= 0:
        run = _HAN_RUN_RE.search(text[max(0, start - 12) : start])
        if run:
            lead = run.group(0)
            for k in range(len(lead), 1, -1):  # the longest parent that opens like one
                parent = lead[-k:]
                if _PARENT_END_RE.search(parent) and (
                    _PARENT_START_RE.match(parent) or _opens_with_place(gaz, parent)
                ):
                    found[parent] += 1
                    break
        start = text.find(unit, start + len(unit))
    return found.most_common(1)[0][0] if found else None


def _opens_with_place(gaz: Any | None, name: str) -> bool:
    if gaz is None:
        return False
    try:
        mentions = gaz.resolve(name)
    except Exception:
        return False
    return bool(mentions) and mentions[0].start == 0
