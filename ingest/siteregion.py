"""Where a page's web address places it: the site's own region.

A government or news site's address often says where it is: a provincial portal's host
(``site_regions.tsv``: zjol.com.cn → 浙江省, sc.people.com.cn → 四川省) or a label that is the pinyin
of a place (``place_pinyin.tsv``, generated from the division tree: lgj.ankang.gov.cn → 安康市,
www.luoshan.gov.cn → 罗山县). It is the weakest evidence of a page's region — the site's seat, not
necessarily the place the page is about — so ``ingest.settlesteps.find_region`` uses it only when the text
places the page nowhere, or to refine a place the text gives (信阳市 → 罗山县 on luoshan.gov.cn).

A pinyin label several divisions share (taizhou: 泰州市, 台州市) needs the page's text to name one of
them, unless the site table lists the portal (suzhou.gov.cn → 苏州市, xm.gov.cn → 厦门市); a label inside
a site row's province is read inside that province only
(yunxi.cjyun.org: 郧西县 in 湖北, not 云溪区 in 湖南).

A school's site (``school_domains.tsv``: hrbust.edu.cn → 哈尔滨理工大学, and every subdomain such as
ltx.hrbust.edu.cn) is placed in the school's city — the Ministry's list (``universities.tsv``) gives it
for a listed school, the table's own column for the rest — before any label is read as pinyin
(jiangnan.edu.cn is 江南大学 in 无锡, not 江南区).
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import urlsplit

from ingest import siteinitials, vocab
from ingest.regionrefs import inside, ref_of
from ingest.unitregion import school_region
from policykg.model import RegionRef

_SITES = "site_regions.tsv"
_PINYIN = "place_pinyin.tsv"
_SCHOOLS = "school_domains.tsv"
_MIN_LABEL = 4  # shorter labels are abbreviations (hx, lgj), too ambiguous to read as places unless listed
_LABEL_SPLIT_RE = re.compile(r"[.\-_]")
T = TypeVar("T")


# a line giving the page's own address: 原文链接：https://…, 本文网址: …, URL: …
_ADDRESS_LINE_RE = re.compile(
    r"^\s*(?:原文链接|原文地址|原文网址|本文链接|本文地址|本文网址|文章链接|文章地址|页面地址|网页地址|URL)\s*[:：]\s*"
    r"(?P<url>https?://[^\s，。；、)）]+)",
    re.IGNORECASE,
)
_EDGE_LINES = 12
_EDGE_CHARS = 3000


def printed_address(text: str) -> str | None:
    """The address a page prints for itself on a labelled line among its first or last lines."""
    if "://" not in text:
        return None  # most texts: no address at all, nothing to split
    head, tail = (
        text[:_EDGE_CHARS].splitlines()[:_EDGE_LINES],
        text[-_EDGE_CHARS:].splitlines()[-_EDGE_LINES:],
    )
    for line in [*head, *tail]:
        m = _ADDRESS_LINE_RE.match(line)
        if m:
            return m["url"][:500]
    return None


def host_of(url: str | None) -> str | None:
    """The lower-case host name of a web address (scheme optional), or None (an IP address too)."""
    if not url or not url.strip():
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        return host.lower().rstrip(".")


@lru_cache(maxsize=1)
def _sites() -> dict[str, str]:
    return {r[0].lower(): r[1] for r in vocab.rows(_SITES)[1:] if len(r) > 1 and r[1] != "-"}


@lru_cache(maxsize=1)
def _word_labels() -> frozenset[str]:
    """Labels that spell a place but name a department or a word (gongan: 公安局, not 公安县)."""
    return frozenset(r[0].lower() for r in vocab.rows(_SITES)[1:] if len(r) > 1 and r[1] == "-")


@lru_cache(maxsize=1)
def _pinyin() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in vocab.rows(_PINYIN)[1:]:
        if len(row) > 1 and row[0] and row[1]:
            out.setdefault(row[0], []).append(row[1])
    return {k: tuple(v) for k, v in out.items()}


def _nearest(table: dict[str, T], host: str) -> T | None:
    """The row of `table` for `host` or its nearest parent domain (ltx.hrbust.edu.cn → hrbust.edu.cn)."""
    labels = host.split(".")
    for i in range(len(labels) - 1):
        row = table.get(".".join(labels[i:]))
        if row is not None:
            return row
    return None


def site_row(host: str) -> str | None:
    """The region name of the site table's row for `host` or the nearest parent domain."""
    return _nearest(_sites(), host)


@lru_cache(maxsize=1)
def _school_domains() -> dict[str, tuple[str, str]]:
    """School domain → (school name, city the table gives or '' when universities.tsv lists the school)."""
    return {r[0].lower(): (r[1], r[2] if len(r) > 2 else "") for r in vocab.rows(_SCHOOLS)[1:] if len(r) > 1}


def school_row(host: str) -> tuple[str, str] | None:
    """The school table's row for `host` or its nearest parent domain."""
    return _nearest(_school_domains(), host)


def school_name(url: str | None) -> str | None:
    """The name of the listed school whose own site `url` is on, or None."""
    host = host_of(url)
    row = school_row(host) if host is not None else None
    return row[0] if row is not None else None


def is_school_site(url: str | None) -> bool:
    """Whether `url` is on a listed school's own site (the school owns every page there)."""
    host = host_of(url)
    return host is not None and school_row(host) is not None


def school_site(gaz: Any, host: str) -> RegionRef | None:
    """The city of the school whose site `host` is, or None for a host under no listed school domain."""
    row = school_row(host)
    if row is None:
        return None
    name, city = row
    if not city:
        return ref_of(gaz, school_region(gaz, name))
    found = [r for r in [gaz.get(city)] if r] if city.isdigit() else gaz.lookup(city)
    return ref_of(gaz, found[0]) if len(found) == 1 else None


def _refs(gaz: Any, codes: tuple[str, ...]) -> list[RegionRef]:
    return [ref for code in codes if (region := gaz.get(code)) is not None and (ref := ref_of(gaz, region))]


def _outermost(refs: list[RegionRef]) -> RegionRef | None:
    """The one ref all the others lie inside (黄山市 over 黄山区), or None when they are apart."""
    for ref in refs:
        if all(other.code == ref.code or inside(other, ref) for other in refs):
            return ref
    return None


def site_region(gaz: Any | None, url: str | None, folded_text: str = "") -> RegionRef | None:
    """The region the address `url` places its site in, or None.

    `folded_text` (the page's simplified text) decides between divisions sharing a pinyin label."""
    host = host_of(url)
    if gaz is None or host is None:
        return None
    school = school_site(gaz, host)
    if school is not None:
        return school
    named = site_row(host)
    outer = None
    if named is not None:
        found = gaz.lookup(named) if not named.isdigit() else [r for r in [gaz.get(named)] if r]
        outer = ref_of(gaz, found[0]) if len(found) == 1 else None
    words = _word_labels()
    labels = [
        x for x in _LABEL_SPLIT_RE.split(host)[:-1] if len(x) >= _MIN_LABEL and x.isalpha() and x not in words
    ]
    for label in labels:  # the leftmost (most specific) label that places the site wins
        refs = _refs(gaz, _pinyin().get(label, ()))
        if outer is not None:
            refs = [r for r in refs if inside(r, outer)]
        if len(refs) > 1 and _outermost(refs) is None:
            refs = [r for r in refs if _named_in(r, folded_text)]
        if refs and (one := _outermost(refs)) is not None:
            return one
    initialled = siteinitials.initials_region(
        gaz, [x for x in _LABEL_SPLIT_RE.split(host)[:-1] if x.isalpha()], lambda r: _named_in(r, folded_text)
    )
    if initialled is not None and (outer is None or inside(initialled, outer)):
        return initialled
    return outer


def _named_in(ref: RegionRef, folded_text: str) -> bool:
    stem = ref.name[:-1] if len(ref.name) > 2 else ref.name
    return bool(folded_text) and (ref.name in folded_text or stem in folded_text)


# a breadcrumb that starts from a place: 当前位置：桐城 > 综合资讯 > 社会 (a local portal's root)
@lru_cache(maxsize=1)
def _crumb_root_re() -> re.Pattern[str]:
    labels = vocab.alternation("web_page.tsv", "trail_label")  # the labels a breadcrumb opens with
    return re.compile(rf"^(?:{labels})\s*[:：]\s*(?P<root>[\u4e00-\u9fff]{{2,8}})\s*(?:>|＞|»|›)")


_LEVEL_SUFFIXES = ("", "市", "县", "区", "省")


def crumb_root_region(gaz: Any | None, crumbs: list[str]) -> RegionRef | None:
    """The place a breadcrumb starts from, when its root names exactly one city, county or province
    (桐城 → 桐城市); None otherwise."""
    if gaz is None:
        return None
    for crumb in crumbs:
        hit = _crumb_root_re().match(crumb.strip())
        if not hit:
            continue
        found = {
            r.code: r
            for suffix in _LEVEL_SUFFIXES
            for r in gaz.lookup(hit["root"] + suffix)
            if getattr(r, "level", None) in ("province", "city", "county")
        }
        if len(found) == 1:
            return ref_of(gaz, next(iter(found.values())))
    return None


# a place named in English, as machine translations of Chinese pages write it: Jianning County, Fujian Province
_ENGLISH_PLACE_RE = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?P<level>County|City|District|Province|Prefecture|Autonomous Region)\b"
)
_ENGLISH_LEVELS = {
    "County": ("county",),
    "District": ("county",),
    "City": ("city", "county"),
    "Prefecture": ("city",),
    "Province": ("province",),
    "Autonomous Region": ("province",),
}


def english_place(gaz: Any | None, text: str) -> RegionRef | None:
    """The place a Latin-script page names most often as "<Pinyin> County / City / Province" (a machine
    translation: Jianning County → 建宁县), one division of that level, or inside a province the page
    names; None otherwise."""
    if gaz is None:
        return None
    counts: dict[tuple[str, str], int] = {}
    for hit in _ENGLISH_PLACE_RE.finditer(text[:20000]):
        key = (hit["name"].replace(" ", "").lower(), hit["level"])
        counts[key] = counts.get(key, 0) + 1
    provinces = [
        ref
        for (name, level) in counts
        if level in ("Province", "Autonomous Region")
        for ref in _refs(gaz, _pinyin().get(name, ()))
        if ref.level == "province"
    ]
    for (name, level), _n in sorted(counts.items(), key=lambda kv: -kv[1]):
        refs = [r for r in _refs(gaz, _pinyin().get(name, ())) if r.level in _ENGLISH_LEVELS[level]]
        if len(refs) > 1 and provinces:
            refs = [r for r in refs if any(r.code == p.code or inside(r, p) for p in provinces)]
        if len(refs) == 1:
            return refs[0]
    return None
