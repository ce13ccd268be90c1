"""Profile steps that date a page the head did not: a 发布时间 in the first lines, a date on a source
line or the one date of a short head line, the page's publication date, the day a report opens with
(with its year when the headline or the text gives it). Steps of ingest.profiles over its `Reading`."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ingest import dates, webhead
from ingest.webmeta import FULL_DATE_RE
from policykg.text import fold

if TYPE_CHECKING:
    from ingest.profiles import Reading


def date_fallbacks(r: Reading) -> None:
    """No signed or spoken date: a 发布时间 in the first lines, then the page's publication date."""
    if r.md.date is None:
        for line in r.lines[:8]:
            hit = dates.PUBLISHED_RE.search(line.text)
            if hit and dates.parse_date(hit["date"]):
                r.md.date = dates.parse_date(hit["date"])
                break
    if r.md.date is None and not r.page_date:
        # a date the head did not read: on a source / author line (来源：XX 2020-12-31), or the one
        # full date of a short line above the text (滁州日报 2017-06-07 08:20 大字, XX主办 (总第55期)
        # 2023年09月18日, 2024-12-24 09:03:47 | XX新闻网)
        for line in r.lines[: max(r.pos, 0) + 2][:10]:
            text = line.text
            credit = _CREDIT_LINE_RE.search(text)
            short = len(text) <= 60 and not re.search(r"[。，,；！？]", text)
            if (credit or short) and len(FULL_DATE_RE.findall(text)) == 1 and (iso := _full_date(text)):
                r.page_date = iso
                break
            stamp = _SHORT_YEAR_STAMP_RE.search(text) if short else None
            if stamp:  # • 25-11-28 20:22:22: a two-digit year in a page's time stamp
                r.page_date = f"20{stamp[1]}-{int(stamp[2]):02d}-{int(stamp[3]):02d}"
                break
    if r.md.date is None and not r.page_date:  # a meta line the residue pass took from a document's head
        kept = webhead.WebMeta()
        webhead.meta_from_residue(r.residue, kept)
        r.page_date = kept.date
    if r.md.date is None and not r.page_date:
        _record_line_date(r)
    if r.md.date is None and r.page_date:
        r.md.date = r.page_date
    # a dateline with its year (某某网某地2031年11月14日电): the day the story was filed
    if r.md.date is None:
        for line in r.residue.get("byline", [])[:2]:
            hit = _DATELINE_DAY_RE.search(fold(line, r.script))
            if hit and (iso := dates.parse_date(hit[1])):
                r.md.date = iso
                break
    if r.md.date is None and r.pos < len(r.lines):
        # a report that opens with the day of its event (2017年2月8日，我市召开…): that day; a quoted
        # verse or a caption may come first (one of the first three paragraphs, none dated before it)
        for k in range(r.pos, min(r.pos + _LEAD_PARAGRAPHS, len(r.lines))):
            first = r.at(k).lstrip()
            lead = _full_date(first[:16])
            if lead and first.find(lead[:4]) == 0:
                r.md.date = lead
                r.md.warnings.append("未注明成文日期，使用正文开头的日期")
                break
            if FULL_DATE_RE.search(first) or _MONTH_DAY_RE.search(fold(first, r.script)):
                break
    if r.md.date is None and r.pos < len(r.lines):
        # the day of the event without its year (5月19日，… / 新华网贵阳1月7日电): the year the
        # headline names, else the one the text names most (the latest of equals)
        # in the opening, or in its dateline the residue pass took (新华网贵阳1月7日电, 5月17日讯)
        datelines = [d for d in r.residue.get("byline", [])[:2] if re.search(r"[讯电訊電]", d)]
        k = _opening_line(r)
        day = _MONTH_DAY_RE.search(fold(r.at(k)[:40], r.script)) or next(
            (hit for d in datelines if (hit := _MONTH_DAY_RE.search(fold(d, r.script)))), None
        )
        if day and _YEARS_BEFORE_RE.search(fold(r.at(k)[:40], r.script)[: day.start()]):
            day = None  # 53年前的11月28日: a day recalled, not the day of the story
        if day:
            opening = re.split(r"[。！？]", fold(r.at(k), r.script), maxsplit=1)[0]
            # the year the day's own sentence names (…2月2日，市政协召开2024年…座谈会), else the headline's,
            # else the one the text names most
            # (last, the years of the page furniture the chrome pass took: its stamps are the site's
            # days around the story's, 2025年06月24日 17:31 under a 5月21日 dateline)
            year = (
                _year_of(opening, "")
                or _event_year(opening)
                or _year_of(fold(r.title or "", r.script), fold(r.text[:3000], r.script))
                or _year_of("", fold(" ".join(r.residue.get("navigation", [])), r.script))
            )
            if year:
                r.md.date = f"{year}-{int(day['m']):02d}-{int(day['d']):02d}"
                r.md.warnings.append("未注明成文日期，使用正文开头的月日，年份由标题或正文推断")
    if r.md.date is None:
        _month_under_title(r)
    if r.md.date is None:
        _signed_month(r)
    if r.md.date is None:
        _event_date(r)
    if r.md.date is None:  # a forum post's edit stamp: the post's day when the text dates nothing
        r.md.date = _edit_stamp_date(r.residue.get("navigation", []) + r.residue.get("web", []))


_LEAD_PARAGRAPHS = 3
_YEARS_BEFORE_RE = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:多)?年(?:前|以前)的?$|当年的?$")


def _opening_line(r: Reading) -> int:
    """The text's first paragraph: past a photo's caption or a short line above it (门球队员在比赛。)."""
    k = r.pos
    while k + 1 < min(r.pos + 3, len(r.lines)) and len(r.at(k)) <= 20 and not _MONTH_DAY_RE.search(r.at(k)):
        k += 1
    return k


# a rule set's month under its title: （2023年4月）, （2011年2月修订）, 2021年12月修订版
_MONTH_LINE_RE = re.compile(
    r"^\s*[（(]?\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*"
    r"(?:修订|修正|制定|印发|发布|通过|施行|起施行)?\s*(?:版|稿)?\s*[)）]?\s*$"
)


def _month_under_title(r: Reading) -> None:
    """A line of a year and month alone among a document's first lines (（2023年4月修订）): the month
    it dates to, as YYYY-MM (a day the text does not give is not made up)."""
    for line in r.lines[:8]:
        hit = _MONTH_LINE_RE.match(fold(line.text, r.script))
        if hit:
            r.md.date = f"{hit['y']}-{int(hit['m']):02d}"
            r.md.warnings.append("成文日期只写到月")
            return


_DATELINE_DAY_RE = re.compile(r"((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)(?:电|讯)")

# a date that is not the event's: a cited document's (《…》, 2019年5月印发的)
_NOT_EVENT_RE = re.compile(r"^\s*(?:印发|发布|出台|颁布|施行|通过|起施行|实施|出版)")


def _event_date(r: Reading) -> None:
    """Nothing dates the page but the day of its event, written in full in its first lines
    (…于2021年4月27日下午召开): that day, warned (a reader's 'when' for a report)."""
    for k in range(r.pos, min(r.pos + 2, len(r.lines))):
        text = fold(r.at(k), r.script)
        for hit in FULL_DATE_RE.finditer(text):
            if "年" not in hit.group() or "《" in text[max(0, hit.start() - 8) : hit.start()]:
                continue
            if _NOT_EVENT_RE.match(text[hit.end() :]):
                continue
            iso = dates.parse_date(hit.group())
            if iso:
                r.md.date = iso
                r.md.warnings.append("未注明成文日期，使用正文中的活动日期")
                return


# a writer's closing line with the month it was written (2023年10月于北京, 写于2019年5月): no day given
_SIGNED_MONTH_RE = re.compile(
    r"^\s*(?:(?:写|作|记|草)于\s*)?(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*"
    r"(?:(?:写|作|记|草|修改)?于\s*[\u4e00-\u9fff]{2,12})?\s*$"
)


def _signed_month(r: Reading) -> None:
    """The month a piece was written, on a closing line of its own (2023年10月于某地): YYYY-MM."""
    for k in range(len(r.lines) - 1, max(r.pos, len(r.lines) - 4) - 1, -1):
        hit = _SIGNED_MONTH_RE.match(fold(r.at(k), r.script))
        if hit:
            r.md.date = f"{hit['y']}-{int(hit['m']):02d}"
            r.md.warnings.append("成文日期只写到月")
            return


def _record_line_date(r: Reading) -> None:
    """An e-paper's record line closing the page (某某报 头版新闻 a0001 标题 2014-05-05 …), which
    repeats the headline with the issue's date, or a bare date line among the last lines: the date
    is the page's; the line is metadata."""
    key = re.sub(r"\s+", "", fold(r.title or "", r.script))
    tail = range(max(r.pos, len(r.lines) - 6), len(r.lines))
    bare = [k for k in tail if webhead._DATE_ONLY_RE.match(re.sub(r"\s+", "", fold(r.at(k), r.script)))]
    for k in range(max(r.pos, len(r.lines) - 3), len(r.lines)):
        text = r.at(k)
        folded = re.sub(r"\s+", "", fold(text, r.script))
        record = len(key) >= 4 and len(text) <= 160 and key in folded and not folded.startswith(key)
        # or a bare date closing the page (信息来源：⏎2014-04-25): its meta footer
        # (one bare date, not a list of related links' dates)
        if (record or bare == [k]) and (iso := _full_date(text)):
            r.page_date = iso
            r.skip(k, k)
            return


_MONTH_DAY_RE = re.compile(r"(?<![\d年])(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])日")
_YEAR_MENTION_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


# a year written without 年 at the head of an event's name in the day's own sentence (“乐龄杯”2025全国…展演)
_EVENT_YEAR_RE = re.compile(
    r"(?<![\d.\-/])((?:19|20)\d{2})(?=全国|全省|全市|全区|全县|中国|年度|第|届|春季|秋季|[“”\"「])"
)


def _event_year(sentence: str) -> int | None:
    years = {int(y) for y in _EVENT_YEAR_RE.findall(sentence)}
    return years.pop() if len(years) == 1 else None


def _year_of(title: str, text: str) -> int | None:
    in_title = {int(y) for y in _YEAR_MENTION_RE.findall(title)}
    if len(in_title) == 1:
        return in_title.pop()
    counts = Counter(int(y) for y in _YEAR_MENTION_RE.findall(text))
    if not counts:
        return None
    top = max(counts.values())
    return max(y for y, n in counts.items() if n == top)


_EDIT_STAMP_RE = re.compile(r"^本帖最后由.{1,30}?于\s*((?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)")


def _edit_stamp_date(items: list[str]) -> str | None:
    """The day of a forum's edit stamp (本帖最后由 某某 于 2024-12-26 16:23 编辑); the first, as a thread's
    opening post comes first."""
    return next(
        (iso for item in items if (hit := _EDIT_STAMP_RE.match(item)) and (iso := dates.parse_date(hit[1]))),
        None,
    )


_SHORT_YEAR_STAMP_RE = re.compile(r"(?<![\d-])(\d{2})-(1[0-2]|0[1-9])-(3[01]|[12]\d|0[1-9])\s+\d{1,2}:\d{2}")
_CREDIT_LINE_RE = re.compile(r"(?:来源|信息来源|作者|编辑|责编|发布)\s*[：:]")


def _full_date(text: str) -> str | None:
    """The first date with year, month and day in `text`, as ISO."""
    hit = FULL_DATE_RE.search(text)
    return dates.parse_date(hit.group()) or webhead.parse_iso(hit.group()) if hit else None
