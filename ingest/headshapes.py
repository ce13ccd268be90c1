"""Page shapes that say where a web page's headline is, before the head reader walks the lines:
the line above a meta line (kept, or taken by the residue passes: `above_meta`), a headline with its
meta line glued on, a headline printed twice under the site's banner, a bulletin's masthead over the
one story of its issue, and the attribute table of a government disclosure page."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ingest import vocab
from ingest.headline import ISSUE_LINE_RE, WebHead, continues, disclosure_labels, headline_like, site_units
from ingest.headlineclean import STAMP_DAY
from ingest.metadata import is_org_name
from ingest.names import unit_and_writer
from ingest.webmeta import _DATE_NOTE_RE, STAMP_MEDIUM_RE, _masthead, is_meta_line, parse_meta
from ingest.webresidue import is_chrome, simplified

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
    if k < 2 or not headline_like(lines[k - 1]) or len(lines[k - 1]) < 8:
        return 0
    if any(body_line(lines[j]) for j in range(k - 1)):
        return 0  # body text above: not a page head
    first = k - 1
    if lines[first].startswith(("——", "—")) and first >= 1 and _main_title(lines[first - 1]):
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
    k = next((j for j in range(1, min(limit, 8)) if unit_and_writer(lines[j])), None)
    if k is None or not headline_like(lines[k - 1]) or len(lines[k - 1]) < 6:
        return 0
    if any(body_line(lines[j]) for j in range(k - 1)):
        return 0  # body text above: not a page head
    first = k - 1
    if lines[first].startswith(("——", "—")) and first >= 1 and _main_title(lines[first - 1]):
        first -= 1  # the headline above its ——subtitle line
    for j in range(first):
        head.residue.setdefault("navigation", []).append(lines[j])
        head.consumed.append(j)
    unit, writer = unit_and_writer(lines[k])  # type: ignore[misc]
    head.meta.add("author", f"{unit} {writer}")
    head.title, head.title_lines = "".join(lines[first:k]), (first, k - 1)
    head.consumed.extend(range(first, k + 1))
    return k + 1


def disclosure_label(line: str) -> str | None:
    """The label of a disclosure table's row standing alone on its line (发布机构, 文号：), or None."""
    key = re.sub(r"\s+", "", simplified(line)).rstrip(":：")
    return key if key in disclosure_labels() else None


def read_disclosure_row(lines: list[str], i: int, limit: int, label: str, head: WebHead) -> int:
    """A disclosure table's row (label, then its value on the next line unless another label comes):
    its field goes to the meta; a short line taken as the headline above the table was a tab of the
    site's (河政发). Returns the next line to read."""
    if head.title is not None and len(head.title) <= 8 and head.title_lines and head.title_lines[1] < i:
        head.residue.setdefault("navigation", []).append(head.title)
        head.title, head.title_lines = None, None
    head.consumed.append(i)
    nxt = lines[i + 1].strip() if i + 1 < limit else ""
    if not nxt or disclosure_label(nxt) is not None or len(nxt) > 60:
        return i + 1
    field = disclosure_labels()[label]
    if field != "-":
        head.meta.add(field, nxt)
    head.consumed.append(i + 1)
    return i + 2


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
            and len(lines[j]) >= 6
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
    k = next((j for j in range(1, limit - 1) if _same_headline(key[j], key[j + 1])), None)
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


def _same_headline(first: str, second: str) -> bool:
    """The same headline twice, perhaps the first copy (a template site's page title) with a genre word
    of up to three characters glued on (…弘扬革命传统计划 over …弘扬革命传统): the second copy is it."""
    return len(second) >= 8 and (
        first == second or (first.startswith(second) and len(first) - len(second) <= 3)
    )


def skip_repeat(lines: list[str], i: int, title: str, head: WebHead) -> int:
    """Skip the page's repetition of its headline, on one line or wrapped over up to three."""
    key = re.sub(r"\s+", "", simplified(title))
    for n in (1, 2, 3):
        if i + n <= len(lines) and re.sub(r"\s+", "", simplified("".join(lines[i : i + n]))) == key:
            head.consumed.extend(range(i, i + n))
            return i + n
    return i


# a time stamp closing a headline's glued meta prefix (…会议召开 2030年02月14日09:51, …2030/01/05/08:45)
_TRAILING_STAMP_RE = re.compile(rf"\s*{STAMP_DAY}(?:[\s/]*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*[|｜/]?\s*$")
_PAGE_FIELDS = ("date", "source", "author", "publisher")
# what stands before page fields without being a headline: another label and its value (发布部门：宣传部,
# 格式：DOC), an uploader's credit (某某1147分享)
_LABEL_VALUE_RE = re.compile(r"(?:^|\s)[^\s:：]{1,6}\s*[:：]\s*\S{1,12}$|[:：].*[:：]")
# an unknown label left at the end of the prefix, empty or with a short value (…交流会阅览：, 发布部门：宣传部)
_TRAILING_LABEL_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,4}\s*[:：]\s*(?:[^\s:：]{1,8})?\s*)+$")
_UPLOADER_RE = re.compile(r"(?:分享|上传|整理|提供)$")
# a site's name, a unit or a host printed after a wide gap at the end of a glued meta prefix (…举行  某某网,
# …风采  中共某市委老干部局, …成立30年  qz.example.com)
_TRAILING_SITE_RE = re.compile(
    r"\s{2,}(?:[\u4e00-\u9fff]{2,20}(?:网|报|台|局|委|部|办|中心|党委|政府|大学|学院|医院|公司)"
    r"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$"
)


def _main_title(line: str) -> bool:
    """A line that can be the main title over a ——subtitle: a headline, or a word or two of it (热血)."""
    s = line.strip()
    return headline_like(s) or (
        2 <= len(s) < 4 and bool(re.fullmatch(r"[\u4e00-\u9fff]+[!！]?", s)) and not is_chrome(s)
    )


_SITE_ADDRESS_RE = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+\.(?:gov|com|org|net)\.cn\b"
)


def _reads_as_headline(text: str) -> bool:
    return not (_LABEL_VALUE_RE.search(text) or _UPLOADER_RE.search(text) or site_units(text))


# a site's or unit's name printed between a glued headline and its fields (…开幕  某某新闻网 2031-01-21)
_SITE_NAME = (
    r"[\u4e00-\u9fff（）()]{2,20}(?:网|网站|报|台|局|委|部|办|中心|党委|政府|大学|学院|医院|公司|协会|委员会)"
)
_SITE_NAME_RE = re.compile(rf"^(?P<name>{_SITE_NAME})\s+")


@lru_cache(maxsize=1)
def _field_start_re() -> re.Pattern[str]:
    """What a glued meta part opens with after a wide gap: a field's label, a day, a site's address, a
    site's or unit's name before them, a widget (字号, 格式：DOC)."""
    labels = "|".join(
        vocab.alternation(_TABLE, kind)
        for kind in ("label_date", "label_source", "label_author", "label_publisher")
    )
    field = rf"(?:{labels})\s*[:：]|{STAMP_DAY}|(?:https?://|www\.)\S|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\s"
    return re.compile(
        rf"^(?:{field}|{_SITE_NAME}\s*(?:{field})|[\u4e00-\u9fff]{{2,20}}\s*(?:https?://|www\.)|字号|【?字体|格式\s*[:：])"
    )


def _headline_at(lines: list[str], j: int) -> bool:
    return headline_like(lines[j]) and not is_chrome(lines[j])


def split_at_wide_gap(line: str) -> tuple[str, str] | None:
    """(headline, meta) of a headline with its meta line glued on after a wide gap (标题  某某网
    www.example.cn 发布时间：…, 标题  2017年09月19日 15:49 来源：…): the first gap that a field, a day or
    a site's address follows. A gap inside the headline (莫道桑榆晚  为霞尚满天) is followed by words."""
    for gap in re.finditer(r"\s{2,}", line):
        rest = line[gap.end() :]
        if gap.start() > 0 and _field_start_re().match(simplified(rest)):
            return line[: gap.start()].strip(), rest
    return None


def _gapped_headline(lines: list[str], k: int, limit: int) -> tuple[str, str] | None:
    """(headline, meta) of line k split at its wide gap (`split_at_wide_gap`), when the part before the
    gap reads as a headline."""
    gapped = split_at_wide_gap(lines[k])
    if gapped is None:
        return None
    title = gapped[0]
    # a unit's name before the fields is the site's when a headline stands next to it (某某局  发布时间：…
    # under or over 标题); otherwise it is the headline's end (…至少有1所老年大学  2017年09月19日 来源：…)
    site_line = site_units(title) and any(_headline_at(lines, j) for j in (*range(k), k + 1) if j < limit)
    ok = (
        len(title) >= 8
        and headline_like(title)
        and not (_LABEL_VALUE_RE.search(title) or _UPLOADER_RE.search(title))
        and not site_line
        and not parse_meta(title)[1]  # 时间：2017-03-31【字号 超大  来源：…: a meta line of its own
        and not _SITE_ADDRESS_RE.search(title)  # 某某网站 www.example.gov.cn  2011-10-08  来源：…
    )
    return gapped if ok else None


def headline_with_glued_meta(lines: list[str], limit: int, head: WebHead) -> int:
    """A page whose headline carries its meta line on the same line (标题  发布时间：… 来源：…): the first
    head line with page fields after headline-like words is the headline, the lines above it the
    site's (menus, column labels). Returns where the reading goes on (0 when the page has no such shape)."""
    for k in range(limit):
        prefix, pairs = parse_meta(lines[k])
        if not any(kind in _PAGE_FIELDS for kind, _v in pairs):
            continue
        gapped = _gapped_headline(lines, k, limit)
        if gapped:
            title, stamp = gapped[0], re.search(STAMP_DAY + r"(?:[\s/]*\d{1,2}:\d{2}(?::\d{2})?)?", gapped[1])
            site_name = _SITE_NAME_RE.match(gapped[1])
            if site_name and not parse_meta(site_name["name"])[1]:
                head.meta.add("publisher", site_name["name"])  # the unit or site that put it up
        else:
            title = prefix
            stamp = _TRAILING_STAMP_RE.search(title)
            if stamp:
                title = title[: stamp.start()]
            title = _TRAILING_LABEL_RE.sub("", title.rstrip(" |｜/")).rstrip(" |｜/")
            site = _TRAILING_SITE_RE.search(title)
            if (
                site
            ):  # 标题  某某网 2030-01-21 来源：…: the site or unit printed before the stamp is no headline
                title = title[: site.start()].rstrip()
                if re.search(r"[\u4e00-\u9fff]", site.group()):
                    head.meta.add("publisher", site.group().strip())  # the unit or site that put it up
            if (
                len(title) < 8
                or not headline_like(title)
                or _SITE_ADDRESS_RE.search(title)  # 某某网站 www.example.gov.cn 2011-10-08 来源：…
                or (
                    is_meta_line(lines[k]) and not stamp
                )  # 标题  2015-10-12 13:07:18来源：…: the stamp split it off
                or not _reads_as_headline(title)
            ):
                return 0  # the first line with page fields decides: a meta line of its own is another shape
        if any(body_line(lines[j]) for j in range(k)):
            return 0  # body text above: not a page head
        for j in range(k):
            head.residue.setdefault("navigation", []).append(lines[j])
            head.consumed.append(j)
        head.title, head.title_lines = title, (k, k)
        if stamp:
            head.meta.add("date", stamp.group().strip(" |｜/"))
        for kind, value in pairs:
            head.meta.add(kind, value)
        head.consumed.append(k)
        return k + 1
    return 0
