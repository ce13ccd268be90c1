"""Page shapes that say where a web page's headline is, before the head reader walks the lines:
the line above a meta line (kept, or taken by the residue passes: `above_meta`), a headline with its
meta line glued on, a headline printed twice under the site's banner, a bulletin's masthead over the
one story of its issue, and the attribute table of a government disclosure page."""

from __future__ import annotations

import re
from typing import Any

from ingest.headline import ISSUE_LINE_RE, WebHead, continues, disclosure_labels, headline_like, site_units
from ingest.metadata import is_org_name
from ingest.names import unit_and_writer
from ingest.webmeta import _DATE_NOTE_RE, STAMP_MEDIUM_RE, _masthead, is_meta_line, parse_meta
from ingest.webresidue import is_chrome, simplified
from policykg.personnames import names_line

_TABLE = "web_page.tsv"


_EMPTY_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}\s*[:：]$")
# a bulletin's name on its masthead (简报, 工作动态, 老干部工作通讯), perhaps spaced out (简 报)
_BULLETIN_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{0,12}(?:简报|动态|通讯|快报|专报|工作交流)$")
# the editing office and its day under the issue line (某某办公室 2023年5月15日, or the day's digits run
# together or half-labelled as some pages print them: 2023515, 202410月13)
_OFFICE_DAY_RE = re.compile(r"^(?P<org>[\u4e00-\u9fff（）()]{3,30})\s+(?:19|20)\d{2}[\d年月日\s]{1,10}$")
_MASTHEAD_SPAN = 10


def body_line(line: str) -> bool:
    """A line of body text, which no page head has above its headline: a sentence, or a long line with
    clauses (a comma every 40 characters). A portal's row of linked headlines (导读), run together once
    its spaces are gone, is long but has next to no commas."""
    if re.search(r"[。！？]", line):
        return True
    return len(line) > 40 and len(re.findall(r"[，,；;]", line)) * 40 >= len(line)


def _short_headline_ok(lines: list[str], at: int, after: int, usual: int) -> bool:
    """Whether the line `at`, right above a page's meta line, is long enough to be its headline: a
    short one (退休道别, 某某博物馆) only when the story follows and it is no writers' credit (张三 李 四,
    文：某某办);
    with another headline-like line next (工作动态⏎2022年09月22日⏎学校举办…), it is a column's name."""
    line = lines[at]
    if len(line) >= usual:
        return True
    follows = after < len(lines) and headline_like(lines[after])
    return len(line) >= 4 and not follows and not names_line(line) and not re.search(r"[:：]", line)


def headline_above_meta(lines: list[str], limit: int, head: WebHead) -> int:
    """A page whose head has a meta line (日期：… 来源：…) has its headline right above it: the
    lines before the headline are the site's (服务粉丝, 我们一直在努力, a column name). Returns where
    the reading goes on (0 when the page has no such shape)."""
    k = next(
        (
            j
            for j in range(1, limit)
            if is_meta_line(lines[j]) and not _DATE_NOTE_RE.match(simplified(lines[j]))
        ),
        None,
    )
    if k is None:
        return 0
    # the site's or paper's name (某某网) and empty labels (关键词：) between the headline and its date
    # line: the name is the source
    top = k
    while top >= 2 and (
        STAMP_MEDIUM_RE.match(simplified(lines[top - 1])) or _EMPTY_LABEL_RE.match(lines[top - 1])
    ):
        top -= 1
    if top < k and headline_like(lines[top - 1]) and len(lines[top - 1]) >= 8:
        for j in range(top, k):
            if STAMP_MEDIUM_RE.match(simplified(lines[j])):
                head.meta.add("source", lines[j])
            head.consumed.append(j)
        k = top
    if k < 2 or not headline_like(lines[k - 1]) or not _short_headline_ok(lines, k - 1, k + 1, 8):
        return 0
    if any(body_line(lines[j]) for j in range(k - 1)):
        return 0  # body text above: not a page head
    first = k - 1
    if lines[first].startswith(("——", "—", "--")) and first >= 1 and _main_title(lines[first - 1]):
        first -= 1  # the headline above its ——subtitle line (热血⏎——记某某地区共产党员的故事)
    for j in range(first):
        head.residue.setdefault("navigation", []).append(lines[j])
        head.consumed.append(j)
        if site_units(lines[j]):  # 离退休干部党工委、离退休办公室 above the headline: the site's owners
            head.meta.add("publisher", lines[j])
    head.title, head.title_lines = "".join(lines[first:k]), (first, k - 1)
    head.consumed.extend(range(first, k))
    return k


def headline_above_byline(lines: list[str], limit: int, head: WebHead) -> int:
    """A page with no meta line whose head has a byline naming the writer's unit and the writer
    (某县委组织部 张三) has its headline right above it: what comes before is the site's (its name and
    columns, a kicker, the day). Returns where the reading goes on (0 when the page has no such shape)."""
    k = next((j for j in range(1, min(limit, 8)) if unit_and_writer(simplified(lines[j]))), None)
    if k is None or not headline_like(lines[k - 1]) or len(lines[k - 1]) < 6:
        return 0
    if any(body_line(lines[j]) for j in range(k - 1)):
        return 0  # body text above: not a page head
    first = k - 1
    if lines[first].startswith(("——", "—", "--")) and first >= 1 and _main_title(lines[first - 1]):
        first -= 1  # the headline above its ——subtitle line
    for j in range(first):
        head.residue.setdefault("navigation", []).append(lines[j])
        head.consumed.append(j)
    unit, writer = unit_and_writer(simplified(lines[k]))  # type: ignore[misc]
    head.meta.add("author", f"{unit} {writer}")
    head.title, head.title_lines = "".join(lines[first:k]), (first, k - 1)
    head.consumed.extend(range(first, k + 1))
    return k + 1


def disclosure_label(line: str) -> str | None:
    """The label of a disclosure table's row standing alone on its line (发布机构, 文号：), or None."""
    key = re.sub(r"[\s|｜]+", "", simplified(line)).rstrip(":：")
    return key if key in disclosure_labels() else None


_FIELD_VALUE_RES = {
    "doc_no": re.compile(r"[〔［\[（(【]\s*(?:19|20)\d{2}|\d+\s*号|^[A-Za-z0-9-]+$"),
    "date": re.compile(r"(?:19|20)\d{2}"),
}


def read_disclosure_row(lines: list[str], i: int, limit: int, label: str, head: WebHead) -> int:
    """A disclosure table's row (label, then its value on the next line unless another label comes):
    its field goes to the meta; a short line taken as the headline above the table was a tab of the
    site's (河政发). Returns the next line to read."""
    if head.title is not None and len(head.title) <= 8 and head.title_lines and head.title_lines[1] < i:
        head.residue.setdefault("navigation", []).append(head.title)
        head.title, head.title_lines = None, None
    head.consumed.append(i)
    nxt = lines[i + 1].strip() if i + 1 < limit else ""
    field = disclosure_labels()[label]
    if not nxt or disclosure_label(nxt) is not None or len(nxt) > 60:
        return i + 1
    if field in _FIELD_VALUE_RES and not _FIELD_VALUE_RES[field].search(nxt):
        return i + 1  # 文号：left empty, the headline next: a number has its year or 号, a date its year
    if field != "-":
        head.meta.add(field, nxt)
    head.consumed.append(i + 1)
    return i + 2


# an e-paper's print line over the story: its day, the weekday, the print button (2007年7月10日星期 【打印】)
_EPAPER_PRINT_RE = re.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*星期.?\s*【打印】")


def headline_under_epaper_list(lines: list[str], limit: int, head: WebHead) -> int:
    """An e-paper's page: the headlines of its page listed at the top, then the print line, then the
    story's own headline again, which is one of those listed. Returns where the reading goes on
    (0 when the page has no such shape)."""
    k = next((j for j in range(limit) if _EPAPER_PRINT_RE.match(simplified(lines[j]))), None)
    if k is None:
        return 0
    listed = {_squeezed(x) for x in lines[:k]}
    j = next((j for j in range(k + 1, min(k + 3, limit)) if _squeezed(lines[j]) in listed), None)
    if j is None or not headline_like(lines[j]):
        return 0
    for x in range(j):
        head.residue.setdefault("navigation", []).append(lines[x])
        head.consumed.append(x)
    head.meta.add("date", re.sub(r"\s+", "", simplified(lines[k])).split("星期")[0])
    head.title, head.title_lines = lines[j], (j, j)
    head.consumed.append(j)
    return j + 1


def headline_under_masthead(lines: list[str], limit: int, head: WebHead) -> int:
    """A bulletin or newsletter page that carries one story: its masthead (the bulletin's name and
    publisher, the issue line 第N期, the editing office and day) stands above the story's headline.
    The masthead's lines are the page's; the office that edited it is the source. Returns where the
    reading goes on (0 when the page has no such shape)."""
    issues = [j for j in range(min(limit, _MASTHEAD_SPAN)) if ISSUE_LINE_RE.match(_squeezed(lines[j]))]
    if not issues:
        return 0
    k = issues[-1] + 1
    office = None
    while k < limit and (day := _OFFICE_DAY_RE.match(simplified(lines[k]))):
        office = day["org"]
        k += 1
    if k >= limit or not headline_like(lines[k]) or len(lines[k]) < 6 or _masthead_line(lines[k]):
        return 0
    if not all(_masthead_line(lines[j]) or _OFFICE_DAY_RE.match(simplified(lines[j])) for j in range(k)):
        return 0
    for j in range(k):
        head.residue.setdefault("masthead", []).append(lines[j])
        head.consumed.append(j)
    publisher = office or next((x for x in lines[:k] if is_org_name(simplified(x))), None)
    if publisher:
        head.meta.add("source", publisher)
    last = k
    while last + 1 < limit and continues("".join(lines[k : last + 1]), lines[last + 1]):
        last += 1
    head.title, head.title_lines = "".join(lines[k : last + 1]), (k, last)
    head.consumed.extend(range(k, last + 1))
    return last + 1


def _squeezed(line: str) -> str:
    return re.sub(r"\s+", "", simplified(line))


def _masthead_line(line: str) -> bool:
    """A line a bulletin's masthead is made of: its name, publisher, issue line, a date, furniture."""
    s = _squeezed(line)
    return bool(
        ISSUE_LINE_RE.match(s)
        or _BULLETIN_NAME_RE.match(s)
        or is_org_name(s)
        or site_units(line)
        or is_chrome(line)
        or _DATE_NOTE_RE.match(s)
    )


def headline_above_removed_meta(lines: list[str], limit: int, head: WebHead, above_meta: Any) -> int:
    """A page whose meta line the residue passes took out of its head: the line that stood right above
    it is the headline, what is above that the site's (menus, banners printed twice, bullets).
    Returns where the reading goes on (0 when no such line below the first)."""
    keys = {re.sub(r"\s+", "", simplified(x)) for x in above_meta}
    hit = next((j for j in range(limit) if re.sub(r"\s+", "", simplified(lines[j])) in keys), None)
    while hit and _masthead(lines[hit]):  # a date-and-site line above the meta line: the headline is higher
        date_and_site = _masthead(lines[hit])
        head.meta.add("date", date_and_site[1])  # type: ignore[index]
        if date_and_site[0]:  # type: ignore[index]
            head.meta.add("source", date_and_site[0])  # type: ignore[index]
        head.consumed.append(hit)
        hit -= 1
    k = next(
        (
            j
            for j in ([hit] if hit is not None else [])
            if headline_like(lines[j])
            and _short_headline_ok(lines, j, j + 1, 6)
            and not is_meta_line(lines[j])
            and not parse_meta(lines[j])[1]
        ),
        None,
    )
    if not k:
        return 0  # none, or the first line: the ordinary reading takes it
    if any(body_line(lines[j]) for j in range(k)):
        return 0  # body text above: not a page head
    # the headline under its kicker (中办印发《意见》), over its ——subtitle line, or broken in two
    # (我县集中培训80余名⏎离退休干部党支部书记)
    first = k - 1 if headline_like(lines[k - 1]) and continues(lines[k - 1], lines[k]) else k
    for j in range(first):
        head.residue.setdefault("navigation", []).append(lines[j])
        head.consumed.append(j)
    head.title, head.title_lines = "".join(lines[first : k + 1]), (first, k)
    head.consumed.extend(range(first, k + 1))
    return skip_repeat(lines, k + 1, lines[k], head)  # a headline printed twice: the copy too


def headline_printed_twice(lines: list[str], limit: int, head: WebHead) -> int:
    """A page that prints its headline twice (once in its banner, once over the text) under lines
    of the site's own (banner names, menus): the repeated line is the headline, what is above it
    navigation. Returns where the reading goes on (0 when the page has no such shape)."""
    key = [re.sub(r"\s+", "", simplified(x)) for x in lines[:limit]]
    stamped = next(
        (
            j
            for j in range(1, limit - 2)
            if key[j] == key[j + 2] and len(key[j]) >= 6 and _POST_STAMP_RE.match(key[j + 1])
        ),
        None,
    )
    if stamped is not None and headline_like(lines[stamped]):
        # a blog post: its title, its stamp ((2008-10-29 05:57:50) 下一个), the title again; a blog's
        # description above it may be a sentence
        for j in range(stamped):
            head.residue.setdefault("navigation", []).append(lines[j])
            head.consumed.append(j)
        head.meta.add("date", _POST_STAMP_RE.match(key[stamped + 1])["day"])  # type: ignore[index]
        head.title, head.title_lines = lines[stamped], (stamped, stamped)
        head.consumed.extend((stamped, stamped + 1, stamped + 2))
        return stamped + 3
    k = next((j for j in range(limit - 1) if _same_headline(key[j], key[j + 1])), None)
    if k is None or not headline_like(lines[k + 1]):
        return 0
    if any(body_line(lines[j]) for j in range(k)):
        return 0  # body text above: not a page head
    for j in range(k):
        head.residue.setdefault("navigation", []).append(lines[j])
        head.consumed.append(j)
    head.title, head.title_lines = lines[k + 1], (k + 1, k + 1)
    head.consumed.extend((k, k + 1))
    return k + 2


# a post's time stamp line between two copies of its title, in brackets perhaps, a pager word after it
_POST_STAMP_RE = re.compile(
    r"^[（(]?(?P<day>(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})(?:\d{1,2}:\d{2}(?::\d{2})?)?[)）]?(?:上一[篇个]|下一[篇个])?$"
)


def _same_headline(first: str, second: str) -> bool:
    """The same headline twice, perhaps the first copy (a template site's page title) with a genre word
    of up to three characters glued on (…弘扬革命传统计划 over …弘扬革命传统): the second copy is it."""
    return (
        len(second) >= 8
        and (
            first == second
            or (first.startswith(second) and len(first) - len(second) <= 3)
            # (…辞典"-某某信息-某某网-张三: the page title's site, column and writer after a dash)
            or (first.startswith(second) and bool(_SITE_TAIL_RE.match(first[len(second) :])))
        )
    )


# what a page's title line adds after its headline: the site's and column's names after dashes or bars
_SITE_TAIL_RE = re.compile(r"^\s*[-_|｜–—]\s*\S{2,16}(?:\s*[-_|｜–—]\s*\S{2,16}){0,3}$")


def skip_repeat(lines: list[str], i: int, title: str, head: WebHead) -> int:
    """Skip the page's repetition of its headline, on one line or wrapped over up to three."""
    key = re.sub(r"\s+", "", simplified(title))
    for n in (1, 2, 3):
        if i + n <= len(lines) and re.sub(r"\s+", "", simplified("".join(lines[i : i + n]))) == key:
            head.consumed.extend(range(i, i + n))
            return i + n
    return i


def _main_title(line: str) -> bool:
    """A line that can be the main title over a ——subtitle: a headline, or a word or two of it (热血)."""
    s = line.strip()
    return headline_like(s) or (
        2 <= len(s) < 4 and bool(re.fullmatch(r"[\u4e00-\u9fff]+[!！]?", s)) and not is_chrome(s)
    )
