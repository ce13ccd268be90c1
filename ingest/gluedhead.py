"""A headline with its meta line glued on (标题  发布时间：… 来源：…, 标题  某某网 2031-01-21): where the
headline ends, which fields follow, and the lines above it (the site's). A page shape ingest.webhead tries
before walking the head's lines, split from ingest.headshapes (the other shapes) for size."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest import vocab
from ingest.headline import WebHead, headline_like, site_units
from ingest.headlineclean import STAMP_DAY
from ingest.headshapes import body_line
from ingest.webmeta import STAMP_MEDIUM_RE, is_meta_line, parse_meta
from ingest.webresidue import is_chrome, simplified

_TABLE = "web_page.tsv"


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


def _site_under_headline(lines: list[str], k: int, prefix: str) -> bool:
    name = simplified(prefix).strip(" |｜")
    return (
        k >= 1
        and bool(STAMP_MEDIUM_RE.match(name))
        and len(lines[k - 1]) >= 8
        and headline_like(lines[k - 1])
    )


def headline_with_glued_meta(lines: list[str], limit: int, head: WebHead) -> int:
    """A page whose headline carries its meta line on the same line (标题  发布时间：… 来源：…): the first
    head line with page fields after headline-like words is the headline, the lines above it the
    site's (menus, column labels). Returns where the reading goes on (0 when the page has no such shape)."""
    for k in range(limit):
        prefix, pairs = parse_meta(lines[k])
        if not any(kind in _PAGE_FIELDS for kind, _v in pairs):
            continue
        if _site_under_headline(lines, k, prefix):
            return 0  # 标题⏎某某信息网   时间：…: the site's name before its fields, the headline above it
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
                or is_chrome(title)  # 放大字体 缩小字体 发布日期：…: the page's buttons before its fields
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
