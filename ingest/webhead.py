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

from ingest.gluedhead import headline_with_glued_meta
from ingest.headlabels import column_before, headline_here, menu_or_label
from ingest.headline import (  # noqa: F401  (WebHead, headline_like: re-exported)
    KICKER_RE,
    MAX_HEADLINE,
    WebHead,
    continues,
    disclosure_fields,
    disclosure_row,
    headline_like,
    lead_then_headline,
    site_units,
)
from ingest.headlineclean import SHARED_FILE_RE, TIME_STAMP_TAIL_RE
from ingest.headshapes import (
    disclosure_label,
    headline_above_byline,
    headline_above_meta,
    headline_above_removed_meta,
    headline_printed_twice,
    headline_under_epaper_list,
    headline_under_masthead,
    read_disclosure_row,
    skip_repeat,
)
from ingest.metadata import ACT_START_RE as _ACT_START_RE
from ingest.metadata import is_org_name
from ingest.residuemeta import meta_from_residue  # noqa: F401  (re-exported)
from ingest.webmeta import (  # noqa: F401  (is_meta_line, has_meta_fields, parse_iso: re-exported)
    _DATE_ONLY_RE,
    _DATETIME_LEAD_RE,
    FULL_DATE_RE,
    SITE_ADDRESS_RE,
    STAMP_MEDIUM_RE,
    WebMeta,
    _is_meta_line,
    _masthead,
    has_meta_fields,
    is_meta_line,
    parse_iso,
    parse_meta,
)
from ingest.webresidue import is_chrome, simplified

_TABLE = "web_page.tsv"
_HEAD_LIMIT = 12
_LINK_ROW_MIN = 60  # a line of linked headlines run together (导读) is longer than a headline
_MAX_UNIT_VALUE = 24  # a 来源 / 作者 value longer than this is a unit glued to the body's first words
_MEDIUM_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:日报|晚报|老年报|报|杂志|客户端|新闻网)$")
# a column tag saying the page reprints a medium's report (【媒体关注】某某报)
_MEDIA_TAG_RE = re.compile(r"^\s*【媒体(?:关注|聚焦|报道|视点|视角|看)】\s*")


_UNIT_PREFIX_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{4,30}(?:局|厅|委|办公室|中心|大学|学院|医院|政府|协会|日报|晚报|报社|网)$"
)


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


_ADDRESS_LEAD_RE = re.compile(r"^\s*https?://[\w.-]+\.[a-z]{2,6}/?\s+(?=\d)", re.IGNORECASE)


# a periodical's issue line under the headline: 当代党员 2023年13期 / XX杂志 2024年第5期
_ISSUE_RE = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,12})\s*(?:19|20)\d{2}\s*年\s*(?:第\s*)?\d{1,3}\s*期\s*(?:关键词[:：].{0,40})?$"
)


def _abstract(line: str) -> bool:
    """Whether a 摘要 line holds a paper's abstract (several sentences, or a long one), which is its text,
    rather than a page's one-line description (kept as text either way it is no loss: a description the
    lead repeats is indexed twice, an abstract taken as a field would be lost)."""
    return len(line) > 80 or len(re.findall(r"[。！？]", line)) >= 2


def read_head(
    lines: list[str], above_meta: list[str] | tuple[str, ...] = (), trail: list[str] | tuple[str, ...] = ()
) -> WebHead:
    """Headline and meta lines at the top of a page's cleaned lines (one paragraph per line).

    `above_meta`: lines the residue passes saw right above a meta line they took out of the head
    (ingest.webresidue.note_above_meta); `trail`: the navigation lines they took out (breadcrumbs)."""
    head = WebHead()
    limit = min(len(lines), _HEAD_LIMIT)
    i = (
        headline_above_removed_meta(lines, limit, head, above_meta)
        or headline_with_glued_meta(lines, limit, head)
        or headline_above_meta(lines, limit, head)
        or headline_above_byline(lines, limit, head)
        or headline_printed_twice(lines, limit, head)
        or headline_under_masthead(lines, limit, head)
        or headline_under_epaper_list(lines, limit, head)
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
        label = disclosure_label(line)
        if label is not None:
            i = read_disclosure_row(lines, i, limit, label, head)
            continue
        if is_chrome(line):
            crumb = _crumb_title(line)
            if crumb and head.title is None:
                head.crumb = crumb
            head.residue.setdefault("navigation", []).append(line)
            head.consumed.append(i)
            i += 1
            continue
        if disclosure_row(line):  # 文号: | 某办〔2018〕41号 | 成文日期: | 2018-08-12 |: the table's fields
            for kind, value in parse_meta(re.sub(r"[|｜]", " ", line))[1]:
                head.meta.add(kind, value)
            for kind, value in disclosure_fields(line):  # 发文机关: | 某某局 |: labels no meta line uses
                if not head.meta.first(kind):
                    head.meta.add(kind, value)
            head.consumed.append(i)
            i += 1
            continue
        prefix, pairs = parse_meta(line)
        stamp_in_prefix = bool(pairs) and len(prefix) <= 48 and bool(FULL_DATE_RE.search(prefix))
        dated = (
            (any(k == "date" for k, _v in pairs) or bool(pairs and parse_iso(prefix.strip(" |｜/()（）"))))
            and len(prefix) <= 24
            and not re.search(r"[。！？，,]", prefix)
        ) or (stamp_in_prefix and not re.search(r"[。！？，,]", prefix))
        glued = any(kind in ("source", "author") and len(v) > _MAX_UNIT_VALUE for kind, v in pairs)
        if glued:
            break  # 来源：XX日报本报讯（记者…）8月24日…: the body runs on in the meta line, which stays text
        if any(kind == "summary" for kind, _v in pairs) and _abstract(line):
            break  # 摘要：随着…。因此…。: a paper's abstract is its text, not a field of the page
        if _is_meta_line(prefix, pairs) or (pairs and head.title is not None and (len(prefix) <= 4 or dated)):
            if parse_iso(
                prefix.strip(" |｜/()（）")
            ):  # 2021-11-03 11:20:22来源：XX日报: the date leads the line
                head.meta.add("date", prefix.strip(" |｜/()（）"))
            elif stamp_in_prefix:  # 某网址 2012-10-17 15:14 作者来源：XX网: a stamp inside the lead
                head.meta.add("date", FULL_DATE_RE.search(prefix).group())  # type: ignore[union-attr]
            elif _PERSON_LINE_RE.match(prefix) and all(kind == "counter" for kind, _v in pairs):
                head.meta.add("author", prefix)  # an e-paper's 张三 字数：1200: the writer and the count
            elif (site := SITE_ADDRESS_RE.match(prefix.strip())) and not any(
                k == "source" for k, _v in pairs
            ):
                head.meta.add(
                    "source", site["site"]
                )  # 某某门户网 www.example.gov.cn 发布时间：…: the site is the source
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
        medium = _MEDIA_TAG_RE.sub("", line).strip().removeprefix("《").removesuffix("》")  # 《某某报》 alone
        if _MEDIUM_RE.match(simplified(medium)) and i + 1 < limit and not head.meta.first("source"):
            # 浙江老年报 above the page, or right under its headline (perhaps as 【媒体关注】某某报): the
            # paper it comes from
            head.meta.add("source", medium)
            head.consumed.append(i)
            i += 1
            continue
        if (
            head.title is not None
            and STAMP_MEDIUM_RE.match(simplified(line))
            and i + 1 < limit
            and (is_meta_line(lines[i + 1]) or _DATE_ONLY_RE.match(simplified(lines[i + 1])))
        ):  # 标题⏎某某网⏎2013-03-31: the site's name between the headline and its date is the source
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
        stamped = _ADDRESS_LEAD_RE.sub(
            "", line
        )  # http://www.example.com/  2016-08-12 08:50 …: the site's address first
        stamp = _DATETIME_LEAD_RE.match(stamped)
        if stamp and len(stamped) <= 60 and not re.search(r"[。，,；]", stamped):
            head.meta.add("date", stamped)  # 2024-12-24 09:03:47 | 某新闻网: the page's date line
            medium = re.sub(r"^[:：]\d{2}", "", stamped[stamp.end() :]).strip(
                " |｜\u3000"
            )  # (the seconds first)
            # …16:05 某某发展网, a unit (…08:55某某协会) or a site's bare name (…08:52某某星空): who put the
            # page up, unless a 来源： names another; its first word when a writer or a share button follows
            # (…15:47  某某新闻  张三, …08:50  某某新闻网  分享)
            words = medium.split()
            for name in (medium, words[0] if len(words) > 1 else ""):
                if name and (
                    STAMP_MEDIUM_RE.match(simplified(name))
                    or (is_org_name(simplified(name)) and len(name) <= 20)
                    or _SITE_AFTER_STAMP_RE.match(name)
                ):
                    head.stamp_medium = name
                    break
            head.consumed.append(i)
            i += 1
            continue
        masthead = _masthead(line)
        if masthead or _DATE_ONLY_RE.match(simplified(line)):
            if masthead and masthead[0]:
                head.meta.add("source", masthead[0])
            head.meta.add("date", masthead[1] if masthead else line)
            head.consumed.append(i)
            i += 1
            continue
        if head.title is None and pairs and headline_like(prefix):
            # the headline with its meta glued on: 标题 时间：… 来源：…
            for kind, value in pairs:
                head.meta.add(kind, value)
            if column_before(prefix, lines, i, limit):  # 岁月随笔时间：…⏎标题: the column's name
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
            and not lines[i + 1].startswith(("——", "—", "--"))  # a long headline over its ——subtitle
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
            and site_units(line)
            and i + 1 < limit
            and headline_like(lines[i + 1])
            and not _ACT_START_RE.match(
                simplified(lines[i + 1])
            )  # 市委老干部局⏎举办…: one headline, not a site name
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
        if head.title is None and i + 1 < limit and lead_then_headline(line, lines[i + 1]):
            # 退休干部索朗：⏎“坚持为群众多做点儿事”: a headline broken after the speaker's colon
            head.title, head.title_lines = line + lines[i + 1], (i, i + 1)
            head.consumed.extend((i, i + 1))
            i = skip_repeat(lines, i + 2, head.title, head)
            continue
        if head.title is None and headline_like(line):
            if not headline_here(lines, i, limit) or menu_or_label(lines, i, trail):  # a column label, a menu
                head.residue.setdefault("navigation", []).append(line)
                head.consumed.append(i)
                i += 1
                continue
            j = i
            title = line
            while j + 1 < limit and continues(title, lines[j + 1]):
                j += 1
                title += lines[j]
            if j == i + 1 and j + 1 < limit and _parallel_main_title(line, lines[j], lines[j + 1]):
                j += 1  # 某某在…时强调⏎认真做好…⏎传承…: a main title of two parallel lines
                title += lines[j]
            head.title, head.title_lines = title, (i, j)
            head.consumed.extend(range(i, j + 1))
            i = skip_repeat(lines, j + 1, title, head)
            continue
        break
    _split_glued_stamp(head)
    return head


# a headline with the page's date glued on without a space or label (…参观某博物馆2024-06-14): headlines
# never end in a dashed date, so it is the page's stamp
_GLUED_STAMP_RE = re.compile(
    r"(?<=[\u4e00-\u9fff”》）)])(?P<date>(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$"
)


# a site's bare name after a time stamp: four to eight Han characters (a writer's name is shorter), not a
# weekday or a field's label
_SITE_AFTER_STAMP_RE = re.compile(
    r"^(?!星期|周[一二三四五六日天]|来源|作者|发布|浏览|阅读|点击)[\u4e00-\u9fff]{4,8}$"
)


def _split_glued_stamp(head: WebHead) -> None:
    m = _GLUED_STAMP_RE.search(head.title or "")
    if m and m.start() >= 6:
        head.title = head.title[: m.start()] if head.title else None
        head.meta.add("date", m["date"])


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


_PAGE_RESIDUE_KINDS = ("navigation", "byline", "caption", "paywall", "disclaimer", "pager")


def has_page_residue(residue: dict[str, list[str]]) -> bool:
    """The residue passes took web furniture or meta lines out of this text: it came from a page."""
    # share buttons, breadcrumbs, counters and 来源 lines (the generic pass keeps them as "web")
    return any(residue.get(kind) for kind in (*_PAGE_RESIDUE_KINDS, "web", "info"))
