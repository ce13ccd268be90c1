"""The head of a web page or news article: headline, and the meta lines around it.

Real pages put a column name or breadcrumb above the headline and one or more meta lines under it,
in many shapes: ``发布日期:2024-06-03 来源:XX日报 作者:张三 点击:[]`` on one line, the same fields one
per line (sometimes the value on the next line), a masthead ``XX日报客户端 2024-06-24 19:05`` or
``XX日报/2025 年/11 月/18 日/第 003 版``, or the fields glued to the headline itself. `read_head`
walks the first lines of the cleaned text and returns what it found, and which lines it consumed
(they are metadata, not body). The fields themselves are read by ingest.webmeta, also from the
meta lines the residue pass already took out (`meta_from_residue`), so a 发布时间 line is never lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ingest import vocab
from ingest.metadata import ACT_START_RE as _ACT_START_RE
from ingest.metadata import DANGLING_END_RE, doc_no_line, is_org_name
from ingest.names import SHARED_FILE_RE, TIME_STAMP_TAIL_RE, split_glued
from ingest.webmeta import (  # noqa: F401  (is_meta_line, has_meta_fields, parse_iso, meta_from_residue: re-exported)
    _DATE_NOTE_RE,
    _DATE_ONLY_RE,
    _DATETIME_LEAD_RE,
    FULL_DATE_RE,
    WebMeta,
    _is_meta_line,
    _masthead,
    has_meta_fields,
    is_meta_line,
    meta_from_residue,
    parse_iso,
    parse_meta,
)
from ingest.webresidue import is_chrome, simplified

_TABLE = "web_page.tsv"
_HEAD_LIMIT = 12
_MAX_HEADLINE = 80
_LINK_ROW_MIN = 60  # a line of linked headlines run together (导读) is longer than a headline
_MAX_UNIT_VALUE = 24  # a 来源 / 作者 value longer than this is a unit glued to the body's first words
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = "。；;！？…，,、：:"
_MEDIUM_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:日报|晚报|老年报|报|杂志|客户端|新闻网)$")
_STAMP_MEDIUM_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:日报|晚报|报|网|台|客户端|新媒体|在线)$")


@dataclass
class WebHead:
    title: str | None = None
    title_lines: tuple[int, int] | None = None  # first and last line index of the headline
    consumed: list[int] = field(default_factory=list)  # indexes of head lines (not body)
    meta: WebMeta = field(default_factory=WebMeta)
    residue: dict[str, list[str]] = field(default_factory=dict)
    crumb: str | None = None  # the last, headline-long part of a breadcrumb (首页 > 栏目 > 标题)

    @property
    def found(self) -> bool:
        return bool(self.meta.fields) or bool(self.residue)


def headline_like(s: str) -> bool:
    """A line that can be a headline: short, Han, no sentence end, not a date or a number line."""
    t = s.rstrip("!！?？")
    if t.endswith(("……", "...")) and not re.search(r"[，,。；]", t):
        t = t.rstrip("….!！?？")  # 光荣在党50年!某局为老党员颁发纪念章……: a headline trailing off
    return (
        4 <= len(t) <= _MAX_HEADLINE
        and bool(_HAN_RE.search(t))
        and t[-1] not in _SENTENCE_END
        and not _DATE_ONLY_RE.match(simplified(t))
        and not _DATETIME_LEAD_RE.match(t)  # 2024-12-24 09:03:47 | 某新闻网: a page's date line
        and not _DATETIME_ANY_RE.search(t)  # B站影视…2025-08-07 11:03: a stamped line is no headline
        and "。" not in t[:-1]
        and not doc_no_line(t)  # 中关工委[2011]10号: a document number under the head is no headline
    )


_UNIT_PREFIX_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{4,30}(?:局|厅|委|办公室|中心|大学|学院|医院|政府|协会|日报|晚报|报社|网)$"
)
# a kicker (引题) above a main title: it reports an act on a named document or slogan
_KICKER_RE = re.compile(r"(?:印发|发布|出台|召开|举行|部署|审议)[《“]|^[^《》]{0,6}《[^《》]{1,12}》$")
# a headline of a unit and a short act line (XX局举办专（兼）职): its object may wrap onto one more line
_ACT_TAIL_RE = re.compile(
    r"(?:局|委|部|处|院|校|会|中心)(?:举办|召开|开展|举行|组织|启动|成立)[^，,。；]{1,8}$"
)
_DATETIME_ANY_RE = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}")


def _site_units(line: str) -> bool:
    """A head line that is only the names of the units owning the site (株洲市妇幼保健院株洲市儿童医院)."""
    s = simplified(line).replace(" ", "")
    if not 4 <= len(s) <= 40 or _ACT_START_RE.search(s):
        return False
    return all(is_org_name(p) for part in s.split("、") for p in split_glued(part))


def _continues(title: str, nxt: str) -> bool:
    """The next line carries on a headline broken over two lines (unclosed quote, or a dangling word)."""
    if not headline_like(nxt) or len(title) + len(nxt) > _MAX_HEADLINE:
        return False
    if nxt.startswith(("——", "—", "--")) and "——" not in title:
        return True  # 心中党旗艳如霞⏎——某县离退休干部党支部建设纪事: the subtitle belongs to it
    if _ACT_START_RE.match(nxt) and not re.search(r"[，,。；]", nxt):
        return True  # 市委老干部局⏎举办专（兼）职人员培训班: the headline goes on with what the unit did
    if (
        _ACT_TAIL_RE.search(title)
        and len(nxt) <= 8
        and not re.search(r"[，,。；：:]", nxt)
        and not is_org_name(nxt)
    ):
        return True  # 市委老干部局⏎举办专（兼）职⏎人员培训班: a short act line wrapped once more
    if len(title) <= 14 and _KICKER_RE.search(title) and len(nxt) > len(title):
        return True  # the kicker and the main title are one headline
    if title.count("“") > title.count("”") or title.count("《") > title.count("》"):
        return True
    return bool(DANGLING_END_RE.search(title))


def _crumb_title(line: str) -> str | None:
    parts = [p.strip() for p in re.split(r"\s*(?:>>|>|＞|»|›)\s*", line) if p.strip()]
    last = parts[-1] if len(parts) >= 2 else ""
    return last if headline_like(last) and len(last) >= 8 else None


def crumb_from_residue(residue: dict[str, list[str]]) -> str | None:
    """A headline-long last part of a breadcrumb the residue pass took out (首页 > 栏目 > 标题)."""
    for item in residue.get("navigation", []) + residue.get("web", []):
        crumb = _crumb_title(item)
        if crumb:
            return crumb
    return None


# a periodical's issue line under the headline: 当代党员 2023年13期 / XX杂志 2024年第5期
_ISSUE_RE = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,12})\s*(?:19|20)\d{2}\s*年\s*(?:第\s*)?\d{1,3}\s*期\s*(?:关键词[:：].{0,40})?$"
)


def read_head(lines: list[str], above_meta: list[str] | tuple[str, ...] = ()) -> WebHead:
    """Headline and meta lines at the top of a page's cleaned lines (one paragraph per line).

    `above_meta`: lines the residue passes saw right above a meta line they took out of the head
    (ingest.webresidue.note_above_meta)."""
    head = WebHead()
    limit = min(len(lines), _HEAD_LIMIT)
    i = (
        _headline_above_removed_meta(lines, limit, head, above_meta)
        or _headline_above_meta(lines, limit, head)
        or _headline_printed_twice(lines, limit, head)
    )
    pending: str | None = None  # a label whose value is on the next line (来源：⏎XX日报)
    while i < limit:
        line = lines[i]
        if pending and len(line) <= 20 and not parse_meta(line)[1] and not _DATE_ONLY_RE.match(line):
            head.meta.add(pending, line)
            head.consumed.append(i)
            pending = None
            i += 1
            continue
        pending = None
        label = _disclosure_label(line)
        if label is not None:
            i = _read_disclosure_row(lines, i, limit, label, head)
            continue
        if is_chrome(line):
            crumb = _crumb_title(line)
            if crumb and head.title is None:
                head.crumb = crumb
            head.residue.setdefault("navigation", []).append(line)
            head.consumed.append(i)
            i += 1
            continue
        prefix, pairs = parse_meta(line)
        stamp_in_prefix = bool(pairs) and len(prefix) <= 48 and bool(FULL_DATE_RE.search(prefix))
        dated = (
            (any(k == "date" for k, _v in pairs) or bool(pairs and parse_iso(prefix.rstrip(" |｜/"))))
            and len(prefix) <= 24
            and not re.search(r"[。！？，,]", prefix)
        ) or (stamp_in_prefix and not re.search(r"[。！？，,]", prefix))
        glued = any(kind in ("source", "author") and len(v) > _MAX_UNIT_VALUE for kind, v in pairs)
        if glued:
            break  # 来源：XX日报本报讯（记者…）8月24日…: the body runs on in the meta line, which stays text
        if _is_meta_line(prefix, pairs) or (pairs and head.title is not None and (len(prefix) <= 4 or dated)):
            if parse_iso(prefix.rstrip(" |｜/")):  # 2021-11-03 11:20:22来源：XX日报: the date leads the line
                head.meta.add("date", prefix.rstrip(" |｜/"))
            elif stamp_in_prefix:  # 某网址 2012-10-17 15:14 作者来源：XX网: a stamp inside the lead
                head.meta.add("date", FULL_DATE_RE.search(prefix).group())  # type: ignore[union-attr]
            elif prefix and _UNIT_PREFIX_RE.search(simplified(prefix)):
                head.meta.add(
                    "source", prefix
                )  # 中共XX市委老干部局 发布时间：…: the publishing unit leads it
            for kind, value in pairs:
                head.meta.add(kind, value)
            if pairs[-1][1] == "" and pairs[-1][0] in ("source", "author"):
                pending = pairs[-1][0]
            head.consumed.append(i)
            i += 1
            continue
        if _MEDIUM_RE.match(simplified(line)) and i + 1 < limit and not head.meta.first("source"):
            # 浙江老年报 above the page, or right under its headline: the paper it comes from
            head.meta.add("source", line)
            head.consumed.append(i)
            i += 1
            continue
        issue = _ISSUE_RE.match(simplified(line))
        if issue:
            head.meta.add("source", issue["name"])
            head.consumed.append(i)
            i += 1
            continue
        stamp = _DATETIME_LEAD_RE.match(line)
        if stamp and len(line) <= 60 and not re.search(r"[。，,；]", line):
            head.meta.add("date", line)  # 2024-12-24 09:03:47 | 某新闻网: the page's date line
            medium = line[stamp.end() :].strip(" |｜\u3000")
            if _STAMP_MEDIUM_RE.match(
                simplified(medium)
            ):  # …16:05     某某发展网: the medium that published it
                head.meta.add("source", medium)
            head.consumed.append(i)
            i += 1
            continue
        masthead = _masthead(line)
        if masthead or _DATE_ONLY_RE.match(simplified(line)):
            if masthead:
                head.meta.add("source", masthead[0])
            head.meta.add("date", masthead[1] if masthead else line)
            head.consumed.append(i)
            i += 1
            continue
        if head.title is None and pairs and headline_like(prefix):
            # the headline with its meta glued on: 标题 时间：… 来源：…
            for kind, value in pairs:
                head.meta.add(kind, value)
            if _column_before(prefix, lines, i, limit):  # 岁月随笔时间：…⏎标题: the column's name
                head.residue.setdefault("navigation", []).append(prefix)
                head.consumed.append(i)
                i += 1
                continue
            head.title, head.title_lines = prefix, (i, i)
            head.consumed.append(i)
            i += 1
            continue
        if (
            head.title is None
            and len(line) > _LINK_ROW_MIN
            and "。" not in line
            and i + 2 < limit
            and headline_like(lines[i + 1])
            and len(lines[i + 1]) < len(line)
            and not lines[i + 1].startswith(("——", "—"))  # a long headline over its ——subtitle
            and not headline_like(lines[i + 2])
        ):
            head.residue.setdefault("navigation", []).append(line)  # a row of linked headlines (导读)
            head.consumed.append(i)
            i += 1
            continue
        if head.title is None and len(line) <= 6 and not headline_like(line) and i + 1 < limit:
            head.residue.setdefault("navigation", []).append(line)  # 开栏语, 无障碍: a label
            head.consumed.append(i)
            i += 1
            continue
        shared = SHARED_FILE_RE.match(simplified(line)) if head.title is None else None
        if shared and line[shared.end() :].lstrip().startswith(
            "由"
        ):  # 《XX.docx》由会员分享: the file's name
            head.title, head.title_lines = line[shared.start("title") : shared.end("title")], (i, i)
            head.consumed.append(i)
            i += 1
            continue
        tail = TIME_STAMP_TAIL_RE.search(line) if head.title is None else None
        if tail and headline_like(line[: tail.start()]):  # 标题开屏新闻2022-11-14 18:13
            head.meta.add("date", tail["date"])
            head.title, head.title_lines = line[: tail.start()].rstrip(), (i, i)
            head.consumed.append(i)
            i += 1
            continue
        if (
            head.title is None
            and _site_units(line)
            and i + 1 < limit
            and headline_like(lines[i + 1])
            and not _ACT_START_RE.match(lines[i + 1])  # 市委老干部局⏎举办…: one headline, not a site name
        ):
            head.residue.setdefault("navigation", []).append(line)  # 某医院某儿童医院: the site's name
            head.meta.add("publisher", line)  # the units owning the site published the page
            head.consumed.append(i)
            i += 1
            continue
        if head.title is not None and _writer_above_meta(lines, i, limit):
            head.meta.add("author", line)  # 标题⏎张三⏎2022年06月10日 | 来源：…: the writer's name
            head.consumed.append(i)
            i += 1
            continue
        if head.title is None and headline_like(line):
            if not _headline_here(lines, i, limit) or _menu_or_label(lines, i):  # a column label, a menu
                head.residue.setdefault("navigation", []).append(line)
                head.consumed.append(i)
                i += 1
                continue
            j = i
            title = line
            while j + 1 < limit and _continues(title, lines[j + 1]):
                j += 1
                title += lines[j]
            if j == i + 1 and j + 1 < limit and _parallel_main_title(line, lines[j], lines[j + 1]):
                j += 1  # 某某在…时强调⏎认真做好…⏎传承…: a main title of two parallel lines
                title += lines[j]
            head.title, head.title_lines = title, (i, j)
            head.consumed.extend(range(i, j + 1))
            i = _skip_repeat(lines, j + 1, title, head)
            continue
        break
    return head


def _writer_above_meta(lines: list[str], i: int, limit: int) -> bool:
    """Line i is a writer's name alone (2–4 Han) between the headline and a meta line."""
    if i + 1 >= limit or not _PERSON_LINE_RE.match(lines[i]) or is_org_name(lines[i]):
        return False
    nxt = lines[i + 1]
    return is_meta_line(nxt) or (has_meta_fields(nxt) and bool(parse_iso(parse_meta(nxt)[0].rstrip(" |｜/"))))


_PERSON_LINE_RE = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


def _parallel_main_title(kicker: str, first: str, second: str) -> bool:
    """Under a kicker that ends with what someone stressed (…时强调), the main title's second line:
    about as long as its first, a phrase without punctuation."""
    return (
        bool(re.search(r"(?:强调|指出|表示|要求)$", kicker))
        and headline_like(second)
        and abs(len(second) - len(first)) <= 4
        and not re.search(r"[，,。；：:]", second)
    )


def _column_before(prefix: str, lines: list[str], i: int, limit: int) -> bool:
    """The text glued before a meta line is a column's name, not the headline: short, with a
    headline at least twice as long on the next line."""
    nxt = lines[i + 1] if i + 1 < limit else ""
    return len(prefix) <= 6 and headline_like(nxt) and len(nxt) >= max(8, 2 * len(prefix))


_EMPTY_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}\s*[:：]$")


def _headline_above_meta(lines: list[str], limit: int, head: WebHead) -> int:
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
        _STAMP_MEDIUM_RE.match(simplified(lines[top - 1])) or _EMPTY_LABEL_RE.match(lines[top - 1])
    ):
        top -= 1
    if top < k and headline_like(lines[top - 1]) and len(lines[top - 1]) >= 8:
        for j in range(top, k):
            if _STAMP_MEDIUM_RE.match(simplified(lines[j])):
                head.meta.add("source", lines[j])
            head.consumed.append(j)
        k = top
    if k < 2 or not headline_like(lines[k - 1]) or len(lines[k - 1]) < 8:
        return 0
    if any(len(lines[j]) > 40 or re.search(r"[。！？]", lines[j]) for j in range(k - 1)):
        return 0  # body text above: not a page head
    first = k - 1
    if lines[first].startswith(("——", "—")) and first >= 1 and headline_like(lines[first - 1]):
        first -= 1  # the headline above its ——subtitle line
    for j in range(first):
        head.residue.setdefault("navigation", []).append(lines[j])
        head.consumed.append(j)
        if _site_units(lines[j]):  # 离退休干部党工委、离退休办公室 above the headline: the site's owners
            head.meta.add("publisher", lines[j])
    head.title, head.title_lines = "".join(lines[first:k]), (first, k - 1)
    head.consumed.extend(range(first, k))
    return k


@lru_cache(maxsize=1)
def _disclosure_labels() -> dict[str, str]:
    return {r[1]: r[2] for r in vocab.rows(_TABLE) if r[0] == "disclosure" and len(r) > 2}


def _disclosure_label(line: str) -> str | None:
    """The label of a disclosure table's row standing alone on its line (发布机构, 文号：), or None."""
    key = re.sub(r"\s+", "", simplified(line)).rstrip(":：")
    return key if key in _disclosure_labels() else None


def _read_disclosure_row(lines: list[str], i: int, limit: int, label: str, head: WebHead) -> int:
    """A disclosure table's row (label, then its value on the next line unless another label comes):
    its field goes to the meta; a short line taken as the headline above the table was a tab of the
    site's (河政发). Returns the next line to read."""
    if head.title is not None and len(head.title) <= 8 and head.title_lines and head.title_lines[1] < i:
        head.residue.setdefault("navigation", []).append(head.title)
        head.title, head.title_lines = None, None
    head.consumed.append(i)
    nxt = lines[i + 1].strip() if i + 1 < limit else ""
    if not nxt or _disclosure_label(nxt) is not None or len(nxt) > 60:
        return i + 1
    field = _disclosure_labels()[label]
    if field != "-":
        head.meta.add(field, nxt)
    head.consumed.append(i + 1)
    return i + 2


def _headline_above_removed_meta(lines: list[str], limit: int, head: WebHead, above_meta: Any) -> int:
    """A page whose meta line the residue passes took out of its head: the line that stood right above
    it is the headline, what is above that the site's (menus, banners printed twice, bullets).
    Returns where the reading goes on (0 when no such line below the first)."""
    keys = {re.sub(r"\s+", "", simplified(x)) for x in above_meta}
    hit = next((j for j in range(limit) if re.sub(r"\s+", "", simplified(lines[j])) in keys), None)
    while hit and _masthead(lines[hit]):  # a date-and-site line above the meta line: the headline is higher
        date_and_site = _masthead(lines[hit])
        head.meta.add("date", date_and_site[1])  # type: ignore[index]
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
    if any(len(lines[j]) > 40 or re.search(r"[。！？]", lines[j]) for j in range(k)):
        return 0  # body text above: not a page head
    # the headline under its kicker (中办印发《意见》), over its ——subtitle line, or broken in two
    # (我县集中培训80余名⏎离退休干部党支部书记)
    first = k - 1 if headline_like(lines[k - 1]) and _continues(lines[k - 1], lines[k]) else k
    for j in range(first):
        head.residue.setdefault("navigation", []).append(lines[j])
        head.consumed.append(j)
    head.title, head.title_lines = "".join(lines[first : k + 1]), (first, k)
    head.consumed.extend(range(first, k + 1))
    return _skip_repeat(lines, k + 1, lines[k], head)  # a headline printed twice: the copy too


def _headline_printed_twice(lines: list[str], limit: int, head: WebHead) -> int:
    """A page that prints its headline twice (once in its banner, once over the text) under lines
    of the site's own (banner names, menus): the repeated line is the headline, what is above it
    navigation. Returns where the reading goes on (0 when the page has no such shape)."""
    key = [re.sub(r"\s+", "", simplified(x)) for x in lines[:limit]]
    k = next((j for j in range(1, limit - 1) if key[j] == key[j + 1] and len(key[j]) >= 8), None)
    if k is None or not headline_like(lines[k]):
        return 0
    if any(len(lines[j]) > 40 or re.search(r"[。！？]", lines[j]) for j in range(k)):
        return 0  # body text above: not a page head
    for j in range(k):
        head.residue.setdefault("navigation", []).append(lines[j])
        head.consumed.append(j)
    head.title, head.title_lines = lines[k], (k, k)
    head.consumed.extend((k, k + 1))
    return k + 2


def _menu_or_label(lines: list[str], i: int) -> bool:
    """Line i is a site's label rather than the headline: a short line followed by another short
    line (a menu: 公司新闻⏎行业新闻), or by a headline at least twice as long (离退休处-2019⏎标题)."""
    s = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if len(s) > 10 or not nxt or nxt.startswith(("——", "—")):  # a headline over its ——subtitle
        return False
    if _KICKER_RE.search(s):
        return False  # 中办印发《意见》⏎标题: a kicker (引题) says what happened, a column does not
    if len(s) <= 6 and len(nxt) <= 6 and headline_like(nxt):
        return True
    return headline_like(nxt) and len(nxt) >= 2 * len(s) and len(nxt) >= 12


def _skip_repeat(lines: list[str], i: int, title: str, head: WebHead) -> int:
    """Skip the page's repetition of its headline, on one line or wrapped over up to three."""
    key = re.sub(r"\s+", "", simplified(title))
    for n in (1, 2, 3):
        if i + n <= len(lines) and re.sub(r"\s+", "", simplified("".join(lines[i : i + n]))) == key:
            head.consumed.extend(range(i, i + n))
            return i + n
    return i


def _headline_here(lines: list[str], i: int, limit: int) -> bool:
    """Line i is the headline unless it is a column label: a short line followed by another headline
    that has meta lines under it (县市动态⏎标题⏎发布日期…), or a short line that ends like a column
    name (工作动态, 政策指南) above a longer headline."""
    s = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if (
        len(s) <= 6
        and headline_like(nxt)
        and len(nxt) >= 8
        and simplified(s).endswith(vocab.words(_TABLE, "column_end"))
    ):
        return False
    if len(s) <= 8 and headline_like(nxt) and i + 2 < len(lines):
        after = lines[i + 2]
        prefix, pairs = parse_meta(after)
        if _is_meta_line(prefix, pairs) or _masthead(after) or _DATE_ONLY_RE.match(simplified(after)):
            return False
    return True


_PAGE_RESIDUE_KINDS = ("navigation", "byline", "caption", "paywall", "disclaimer", "pager")


def has_page_residue(residue: dict[str, list[str]]) -> bool:
    """The residue passes took web furniture or meta lines out of this text: it came from a page."""
    # share buttons, breadcrumbs, counters and 来源 lines (the generic pass keeps them as "web")
    return any(residue.get(kind) for kind in (*_PAGE_RESIDUE_KINDS, "web", "info"))
