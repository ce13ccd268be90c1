"""Dates and years in Chinese policy text: full dates in every printed form (2020年2月25日,
二〇二〇年二月二十五日, 2020-02-25), the lines that are nothing but a date (成文, under a speech
title), a web page's publication date, and the years a document covers. Pure functions of text."""

from __future__ import annotations

import re

# Full-width digits → ASCII, one char for one char so offsets stay valid.
DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_NUM = "〇○零Ｏ一二三四五六七八九十"
# 元月 is January (2024年元月23日, 二0二四年元月二十三日); a year may mix 〇 and the digit 0 (二0二四)
# (a span of days, 2025年6月25~27日 or 11月20-22日, dates to its first day)
_DATE_AR_RE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2}|元)\s*月\s*(\d{1,2})\s*(?:[~～\-－—至到、]\s*\d{1,2}\s*)?日"
)
_DATE_CN_RE = re.compile(
    rf"([{_CN_NUM}O0]{{4}})\s*年\s*([{_CN_NUM}]{{1,3}}|元)\s*月\s*([{_CN_NUM}]{{1,3}})\s*日"
)
_DATE_ISO_RE = re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
ANY_DATE = rf"(?:{_DATE_AR_RE.pattern}|{_DATE_CN_RE.pattern})"
STANDALONE_DATE_RE = re.compile(rf"^\s*{ANY_DATE}\s*[|｜]?\s*$")  # (a page may print a bar after it)
# （2020年7月13日）, perhaps with the hour it began: (2016年10月8日,下午3:30)
SPEECH_DATE_RE = re.compile(
    rf"^\s*[（(]\s*{ANY_DATE}\s*(?:[，,\s]\s*(?:上午|下午|晚上)?\s*\d{{1,2}}[:：]\d{{2}})?\s*[)）]\s*$"
)
PRINTED_RE = re.compile(rf"^(?P<org>.*?)\s*(?P<date>{ANY_DATE})\s*印发\s*$")
# (an event's or an office's time — 活动时间：, 报名截止日期：, 办公时间： — dates no page)
PUBLISHED_RE = re.compile(
    r"(?<!活动)(?<!会议)(?<!报名)(?<!截止)(?<!开始)(?<!结束)(?<!举办)(?<!培训)(?<!考试)(?<!办公)(?<!开放)"
    r"(?:发布|发表|成文|印发)?(?:时间|日期)\s*[：:]\s*(?P<date>\S+)"
)
WEB_META_RE = re.compile(
    r"^(?:[【\[]?\s*)?(?:发布时间|发布日期|发表时间|时间|日期|来源|信息来源|作者|编辑|浏览次数|点击数|阅读次数)\s*[：:]"
)
UNDER_TITLE_RE = re.compile(rf"^[（(]\s*(?P<org>[^（）()]+?)\s*(?P<date>{ANY_DATE})\s*[)）]$")


def cn_int(s: str) -> int | None:
    """Small Chinese numerals: 二 → 2, 十一 → 11, 二十五 → 25, 三十 → 30."""
    if not s:
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGITS.get(tens, 0) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    if all(ch in _CN_DIGITS for ch in s):
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    return None


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or m is None or d is None or not (1 <= m <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every full date in `text`: 2020年2月25日, 2020 年 2 月 25 日, 二〇二〇年二月二十五日, 2020-02-25."""
    found: list[tuple[int, int, str]] = []
    text = text.translate(DIGITS)
    for m in _DATE_AR_RE.finditer(text):
        iso = _iso(int(m[1]), 1 if m[2] == "元" else int(m[2]), int(m[3]))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _DATE_CN_RE.finditer(text):
        year = "".join(str(_CN_DIGITS.get(ch, "")) for ch in m[1])
        iso = _iso(int(year) if len(year) == 4 else None, 1 if m[2] == "元" else cn_int(m[2]), cn_int(m[3]))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _DATE_ISO_RE.finditer(text):
        iso = _iso(int(m[1]), int(m[2]), int(m[3]))
        if iso:
            found.append((m.start(), m.end(), iso))
    found.sort()
    return found


def parse_date(s: str) -> str | None:
    """The first date in `s` as ISO (YYYY-MM-DD), or None."""
    dates = find_dates(s)
    return dates[0][2] if dates else None


def standalone_date(line: str) -> str | None:
    """The date when the line is nothing but a date (the 成文 date under a signature)."""
    return parse_date(line) if STANDALONE_DATE_RE.match(line) else None


def speech_date(line: str) -> str | None:
    """The date of a line like （2020年7月13日） under a speech title."""
    return parse_date(line) if SPEECH_DATE_RE.match(line) else None


_PUBLISHED_META = ("PubDate", "pubdate", "publishdate", "PublishDate", "firstpublishedtime")


def published_date(residue: dict[str, list[str]], html_meta: dict[str, str] | None = None) -> str | None:
    """The publication date of a web page (发布时间 in its info bar, or its PubDate meta tag): the
    date of an article that carries no signed date of its own."""
    for kind in ("info", "web"):
        for item in residue.get(kind, []):
            m = PUBLISHED_RE.search(item)
            date = parse_date(m["date"]) if m else None
            if date:
                return date
    for key in _PUBLISHED_META:
        date = parse_date((html_meta or {}).get(key, ""))
        if date:
            return date
    for kind, pattern in (("paywall", _SHARED_RECORD_RE), ("byline", _DATE_LABEL_RE)):
        for item in residue.get(kind, []):
            m = pattern.match(item)  # a sharing site's record: 2024-04-24 999+ 13.37KB 9 页; date 2024-12-07
            date = parse_date(m["date"]) if m else None
            if date:
                return date
    return None


# a template's English date label (date 2024-12-07)
_DATE_LABEL_RE = re.compile(r"^\s*(?:date|Date|DATE)\s*[:：]?\s*(?P<date>(?:19|20)\d{2}-\d{1,2}-\d{1,2})\b")
# a document-sharing site's record line under the title: upload day, views, size, pages
_SHARED_RECORD_RE = re.compile(
    r"^\s*(?P<date>(?:19|20)\d{2}-\d{1,2}-\d{1,2})\s+[\d+万.]+\s+\d+(?:\.\d+)?\s*(?:KB|MB|kb|mb)\b"
)


_YEAR_RANGE_RE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*(?:[-—–~～至到]|—{1,2})\s*((?:19|20)\d{2})\s*年")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_YEAR_PLAN_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年\s*(?:度)?\s*(?:主题|重点|目标|任务|工作重点|要|将|计划)"
)


# the day a site filed a page, in its address: /202110/t20211015_123.html, /2021-11/29/content_1.htm,
# /2020/1217/c99a164215/page.htm, /html/20111008/882081.html
_URL_DAY_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")


def url_date(url: str | None) -> str | None:
    """The day in a page's web address (ISO), the last one named, or None."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE)  # (never the host's digits)
    hits = list(_URL_DAY_RE.finditer(path))
    return _iso(int(hits[-1][1]), int(hits[-1][2]), int(hits[-1][3])) if hits else None


def detect_years(title: str | None, text: str, date: str | None = None) -> list[int]:
    """Years a document covers: a range or years in the title, else a year-by-year plan in the body
    (2020年主题… 2021年主题…), else the year of its date."""
    years: set[int] = set()
    if title:
        for m in _YEAR_RANGE_RE.finditer(title):
            a, b = int(m[1]), int(m[2])
            if a <= b <= a + 20:
                years.update(range(a, b + 1))
        years.update(int(m[1]) for m in _YEAR_RE.finditer(title))
    if years:
        return sorted(years)
    plan = sorted({int(m[1]) for m in _YEAR_PLAN_RE.finditer(text)})
    floor = int(date[:4]) if date else None
    if floor is not None:
        plan = [y for y in plan if y >= floor]
    if len(plan) >= 2 and plan[-1] - plan[0] <= 10:
        return list(range(plan[0], plan[-1] + 1))
    for m in _YEAR_RANGE_RE.finditer(text[:2000]):
        a, b = int(m[1]), int(m[2])
        if a <= b <= a + 10 and (floor is None or b >= floor):
            return list(range(a, b + 1))
    if date:
        return [int(date[:4])]
    if plan:
        return plan[:1]
    return []
