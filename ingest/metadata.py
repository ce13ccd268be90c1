"""Metadata of one policy document from its normalised display text (one paragraph per line).

Everything here is a pure function of the text (plus the read-only gazetteer): title and the
transmitting notice that wraps it, document number, issuers, dates (成文, 印发, speech), type,
years covered and the region the document applies to. The layout conventions of Chinese official
documents (GB/T 9704: red header ``…文件``, number line, title, addressee, body, signature, date,
``…印发`` line) drive the rules; nothing is keyed to particular documents.

`extract_metadata` also returns the character spans of the lines it consumed (header, title,
signature …) so the clause splitter can leave them out of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from policykg.model import RegionRef, Script
from policykg.text import fold

# --- character classes and small patterns ---------------------------------------------------

_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_HAN_RE = re.compile(f"[{_HAN}]")
_SPACES = " \t\u3000\u00a0"
_SENTENCE_END = "。；;！!？?…：:，,、"
_OPEN_BR = "〔[【(（［"
_CLOSE_BR = "〕]】)）］"

# Numbering tokens that open a heading or item: 一、 （一） (一) 1. 1、 （1） 第一条 一是.
_NUMBERED_RE = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]|\d+\s*[.．、]"
    r"|第[一二三四五六七八九十百\d]+[条章节部分]|[一二三四五六七八九十]+是)"
)
# A list bullet left by markdown/OCR export in front of a table-of-contents line.
# a list bullet, or a site's chunk number before a title (1、离退休干部党建工作调研报告)
_BULLET_RE = re.compile(r"^(?:[-*•·●○◆■]|\d{1,2}[、．.](?=\s*[\u4e00-\u9fff]))\s*")

# Suffixes that end the name of a unit: what an issuer, signature or author-unit line ends with.
ORG_SUFFIXES: tuple[str, ...] = (
    "委员会", "工作委员会", "工委", "党工委", "党委", "党组", "党总支", "总支", "支部", "委",
    "局", "部", "处", "厅", "办", "办公室", "办公厅", "中心", "公司", "集团", "学校", "大学", "学院",
    "医院", "研究院", "研究所", "院", "政府", "人大常委会", "政协", "协会", "学会", "联合会", "总工会",
    "团委", "妇联", "委会", "街道", "街道办事处", "社区", "村委会", "居委会", "管委会", "银行", "法院",
    "检察院", "站", "馆", "科", "股", "室", "队", "休养所", "干休所", "党校", "合作社", "分行", "支行", "厂", "矿", "油田",
    "所", "段", "协",  # 经作所, 机务段, 老科协: an institute, a railway depot, an association by its short name
    "研究会", "促进会", "老促会", "退管会", "联谊会", "理事会", "分会",  # associations: 某某历史研究会, 老促会, 退管会
    "中心校", "小学", "中学", "幼儿园", "分校",  # schools below a university: 某镇中心校, 前黄中心小学
)  # fmt: skip
_ORG_END_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, ORG_SUFFIXES), key=len, reverse=True)) + ")$")
# Characters that stand for a masked character (中共**市委, ××县, ＊＊区).
_MASK_CHARS = "*＊×Ｘ"
# Characters an organisation name may contain besides Han: brackets of （集团）, middle dots, Latin,
# and masks (中共**市委老干部局: the source hid the place name).
_ORG_NAME_RE = re.compile(rf"^[{_HAN}A-Za-z0-9（）()·\-{_MASK_CHARS}]+$")
# Words that turn a short line ending in 部/局 into a phrase rather than a name.
# 和 only inside the names of departments that have one (人力资源和社会保障厅, 住房和城乡建设局,
# 工业和信息化厅, 文化和旅游局)
_NOT_ORG_RE = re.compile(
    r"[的了着在是对把与及为将从向按]|和(?!社会保障|城乡建设|信息化|旅游|计划生育)|[。，；：！？]"
    # verbs and words of a sentence, a reporter's credit or a notice: no unit carries them
    r"|一直|非常|高度|重视|组建|撤销|积极|响应|希望|超过|现有|组成|助力|探索|欢迎|免责|整理|参观|成立|记者|通讯员|讯|来自|他们|她们|我们|大家"
    r"|^\d{1,2}月"
    # a numbered session is an event, not a body (某研究会第十届联谊会, 第三次代表大会)
    r"|第[\d一二三四五六七八九十百]+(?:届|次)"
)
# Words ending in 部/局/处 that are not units (离退休干部, 全部, 局部), and title openings (关于…).
_NOT_ORG_EDGE_RE = re.compile(
    r"(?:干部|全部|内部|外部|局部|大部|部分|难处|好处|益处|到处|各处|主办|承办|协办|举办|创办|开办|督办|交办|代办|"
    r"布局|结局|大局|格局|当局|开局|全局|场所|住所|处所|厕所|有所|无所|之所|哨所|阶段|手段|片段|地段|路段|时段|分段|"
    r"中段|前段|后段|身段|妥协)$|^(?:关于|加强|推进|开展|做好|由|突出|抓好|实现|逐步|形成|依托|打造|建立|健全|引导|以|促进|调动|发挥|密切|了解|新中国|立足|围绕|聚焦|紧扣|着眼|坚持|更好|进一步|充分|切实|全面|传递|传承|弘扬|营造|丰富|展示|激励)"
)

# --- dates --------------------------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_NUM = "〇○零Ｏ一二三四五六七八九十"
_DATE_AR_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_CN_RE = re.compile(rf"([{_CN_NUM}O]{{4}})\s*年\s*([{_CN_NUM}]{{1,3}})\s*月\s*([{_CN_NUM}]{{1,3}})\s*日")
_DATE_ISO_RE = re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
_ANY_DATE = rf"(?:{_DATE_AR_RE.pattern}|{_DATE_CN_RE.pattern})"
_STANDALONE_DATE_RE = re.compile(rf"^\s*{_ANY_DATE}\s*$")
# （2020年7月13日）, perhaps with the hour it began: (2016年10月8日,下午3:30)
_SPEECH_DATE_RE = re.compile(
    rf"^\s*[（(]\s*{_ANY_DATE}\s*(?:[，,\s]\s*(?:上午|下午|晚上)?\s*\d{{1,2}}[:：]\d{{2}})?\s*[)）]\s*$"
)
_PRINTED_RE = re.compile(rf"^(?P<org>.*?)\s*(?P<date>{_ANY_DATE})\s*印发\s*$")
# (an event's or an office's time — 活动时间：, 报名截止日期：, 办公时间： — dates no page)
_PUBLISHED_RE = re.compile(
    r"(?<!活动)(?<!会议)(?<!报名)(?<!截止)(?<!开始)(?<!结束)(?<!举办)(?<!培训)(?<!考试)(?<!办公)(?<!开放)"
    r"(?:发布|发表|成文|印发)?(?:时间|日期)\s*[：:]\s*(?P<date>\S+)"
)
_WEB_META_RE = re.compile(
    r"^(?:[【\[]?\s*)?(?:发布时间|发布日期|发表时间|时间|日期|来源|信息来源|作者|编辑|浏览次数|点击数|阅读次数)\s*[：:]"
)
_UNDER_TITLE_RE = re.compile(rf"^[（(]\s*(?P<org>[^（）()]+?)\s*(?P<date>{_ANY_DATE})\s*[)）]$")

# --- document numbers ---------------------------------------------------------------------

_DOC_NO_RE = re.compile(
    rf"(?P<prefix>[{_HAN}{re.escape(_MASK_CHARS)}]{{0,16}})\s*[{re.escape(_OPEN_BR)}]\s*"
    rf"(?P<year>(?:19|20)\d{{2}})\s*[{re.escape(_CLOSE_BR)}]\s*第?\s*(?P<num>\d{{1,5}})\s*[号號]"
)
# The bracketed year every number has (`_DOC_NO_RE` cannot skip ahead to it), in either width.
_DOC_NO_YEAR_RE = re.compile(rf"[{re.escape(_OPEN_BR)}]\s*[12１２][90９０]\d{{2}}")
# Words that precede a document number in running text but are not part of its prefix.
_DOC_NO_LEAD_RE = re.compile(
    r"^(?:认真|深入|全面|进一步|切实|结合|详见|参见|参照|见于|并|和|及|与|同|或|即|见|按|依|据|照|贯彻落实|贯彻执行|贯彻|落实|执行|"
    r"根据|按照|依据|依照|参照|对照|遵照|印发|转发|下发|发布|学习|文件|精神|要求|规定|通知|的|了|为|是|在)+"
)
_DOC_NO_MAX_PREFIX = 10
# Full-width digits → ASCII, one char for one char so offsets stay valid.
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# --- titles -------------------------------------------------------------------------------

TITLE_PREFIX_RE = re.compile(r"^(?P<org>.{3,40}?)\s*(?P<title>关于.{2,})$")
_SPEAKER_RE = re.compile(rf"^[{_HAN}](?:\s*[{_HAN}]){{1,3}}$")
_MAX_TITLE_LINE = 60


@dataclass(frozen=True)
class Line:
    """One paragraph of the normalised text: `text` is stripped; start/end locate it in the text."""

    start: int
    end: int
    text: str


@dataclass
class Metadata:
    """What `extract_metadata` found. Fields mirror `policykg.model.Document`."""

    title: str | None = None
    wrapper_title: str | None = None
    doc_no: str | None = None
    issuers: list[str] = field(default_factory=list)
    date: str | None = None
    printed_date: str | None = None
    printed_by: str | None = None
    doc_type: str | None = None
    years: list[int] = field(default_factory=list)
    region: RegionRef | None = None
    authors: list[str] = field(default_factory=list)
    author_offices: dict[str, str] = field(default_factory=dict)
    author_unit: str | None = None
    source_unit: str | None = None  # 来源 of a web page or news article
    editors: list[str] = field(default_factory=list)  # 编辑 / 审核 / 签发 of a web page
    region_evidence: str | None = None  # what gave the region: issuer | unit | title | opening | body …
    profile: str = "document"  # the profile whose steps read this document (ingest.profiles)
    addressee: str | None = None
    skip_spans: list[tuple[int, int]] = field(default_factory=list)  # lines that are not body
    warnings: list[str] = field(default_factory=list)


# ============================================================================================
# small pure helpers
# ============================================================================================


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their offsets (surrounding spaces excluded from the span)."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(_SPACES + "\r")
        if stripped:
            lead = len(raw) - len(raw.lstrip(_SPACES + "\r"))
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def squeeze_cjk_spaces(s: str) -> str:
    """Drop white space next to CJK characters or punctuation; keep one space between Latin/digit words."""
    s = re.sub(f"[{_SPACES}]+", " ", s.strip())
    return re.sub(r"(?<=[^A-Za-z0-9]) | (?=[^A-Za-z0-9])", "", s)


def clean_title(s: str) -> str:
    """A title as it should be shown: one line, no stray spaces, no list bullet."""
    s = _BULLET_RE.sub("", s.replace("\n", " ").strip())
    return squeeze_cjk_spaces(s)


def clean_org(s: str) -> str:
    """An organisation name: no white space, full-width brackets (铁法煤业（集团）…)."""
    s = re.sub(f"[{_SPACES}]+", "", s.strip())
    return s.replace("(", "（").replace(")", "）")


def has_han(s: str) -> bool:
    return bool(_HAN_RE.search(s))


def ends_sentence(s: str) -> bool:
    """True when a line ends like a sentence (or a clause), i.e. cannot be a title or name line."""
    s = s.rstrip("”’\"'」』)）")
    return bool(s) and s[-1] in _SENTENCE_END


def is_numbered(s: str) -> bool:
    return bool(_NUMBERED_RE.match(s))


def is_org_name(s: str, max_len: int = 40) -> bool:
    """A single unit name: 中共沈阳市委老干部局, 铁法煤业（集团）有限责任公司老干部管理服务中心."""
    s = clean_org(s)
    if not (3 <= len(s) <= max_len) or not _ORG_NAME_RE.match(s) or not has_han(s):
        return False
    if is_numbered(s) or _STANDALONE_DATE_RE.match(s):
        return False
    if _NOT_ORG_RE.search(s.removeprefix("中共")) or _NOT_ORG_EDGE_RE.search(s):
        return False
    return bool(_ORG_END_RE.search(s))


def split_orgs(s: str) -> list[str] | None:
    """One line naming one or several units (separated by spaces or 、); None when it is not such a line."""
    parts = [p for p in re.split(f"[{_SPACES}、]+", s.strip()) if p]
    if not parts:
        return None
    if len(parts) > 1 and all(is_org_name(p) for p in parts):
        return [clean_org(p) for p in parts]
    if is_org_name(s):
        return [clean_org(s)]
    return None


def title_like(s: str, max_len: int = _MAX_TITLE_LINE) -> bool:
    """Could this line be (part of) a title: short, Han, not a sentence, heading, date or number line."""
    return (
        0 < len(s) <= max_len
        and has_han(s)
        and not ends_sentence(s)
        and not is_numbered(s)
        and not _STANDALONE_DATE_RE.match(s)
        and not _SPEECH_DATE_RE.match(s)
        and not doc_no_line(s)
    )


def merge_names(names: list[str]) -> list[str]:
    """Unique names in order; a name contained in a longer one (辽宁省委老干部局 ⊂ 中共辽宁省委老干部局) is dropped."""
    out: list[str] = []
    for name in names:
        if not name:
            continue
        if any(name in kept for kept in out):
            continue
        out = [kept for kept in out if kept not in name]
        out.append(name)
    return out


# ============================================================================================
# dates
# ============================================================================================


def _cn_int(s: str) -> int | None:
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
    text = text.translate(_DIGITS)
    for m in _DATE_AR_RE.finditer(text):
        iso = _iso(int(m[1]), int(m[2]), int(m[3]))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _DATE_CN_RE.finditer(text):
        year = "".join(str(_CN_DIGITS.get(ch, "")) for ch in m[1])
        iso = _iso(int(year) if len(year) == 4 else None, _cn_int(m[2]), _cn_int(m[3]))
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
    return parse_date(line) if _STANDALONE_DATE_RE.match(line) else None


def speech_date(line: str) -> str | None:
    """The date of a line like （2020年7月13日） under a speech title."""
    return parse_date(line) if _SPEECH_DATE_RE.match(line) else None


def printed_line(line: str) -> tuple[str | None, str] | None:
    """(printed_by or None, ISO date) for ``中共XX办公室 2018年2月26日印发`` or ``2018年2月26日印发``."""
    m = _PRINTED_RE.match(line)
    if not m:
        return None
    date = parse_date(m["date"])
    if not date:
        return None
    org = clean_org(m["org"]) if m["org"].strip() else None
    return (org if org and is_org_name(org) else None), date


# ============================================================================================
# document numbers
# ============================================================================================


def _trim_prefix(prefix: str) -> str:
    prefix = _DOC_NO_LEAD_RE.sub("", prefix)
    return prefix[-_DOC_NO_MAX_PREFIX:]


def normalize_doc_no(s: str) -> str:
    """Normalise a document number: 辽老通字[2020]4 号 → 辽老通字〔2020〕4号.

    Any of 〔〕 [] 【】 () （） ［］ around the year and any white space are accepted; the output
    always uses 〔〕 and no spaces. A string that is not a document number is returned without
    white space.
    """
    m = _DOC_NO_RE.search(s.translate(_DIGITS))
    if not m:
        return re.sub(f"[{_SPACES}]+", "", s.strip())
    return f"{_trim_prefix(m['prefix'])}〔{m['year']}〕{int(m['num'])}号"


def find_doc_numbers(text: str) -> list[tuple[int, int, str]]:
    """Document numbers cited in `text` as (start, end, normalised); start skips lead words (落实中办发… → 中办发)."""
    out: list[tuple[int, int, str]] = []
    if not _DOC_NO_YEAR_RE.search(text):
        return out  # every number has its year in brackets; the full scan is slow on long text
    for m in _DOC_NO_RE.finditer(text.translate(_DIGITS)):
        prefix = _trim_prefix(m["prefix"])
        start = m.end("prefix") - len(prefix)
        if not prefix:  # no prefix: the number starts at its bracket
            start = (
                m.end("prefix")
                + len(text[m.end("prefix") : m.end()])
                - len(text[m.end("prefix") : m.end()].lstrip())
            )
        out.append((start, m.end(), f"{prefix}〔{m['year']}〕{int(m['num'])}号"))
    return out


def doc_no_line(line: str) -> str | None:
    """The normalised number when the line is a number line (optionally with 签发人：…)."""
    s = re.sub(r"签\s*发\s*人\s*[：:].*$", "", line).strip().translate(_DIGITS)
    m = _DOC_NO_RE.fullmatch(s)
    if not m:
        return None
    return normalize_doc_no(s)


# ============================================================================================
# titles and issuers
# ============================================================================================


_PUBLISHED_META = ("PubDate", "pubdate", "publishdate", "PublishDate", "firstpublishedtime")


def published_date(residue: dict[str, list[str]], html_meta: dict[str, str] | None = None) -> str | None:
    """The publication date of a web page (发布时间 in its info bar, or its PubDate meta tag): the
    date of an article that carries no signed date of its own."""
    for kind in ("info", "web"):
        for item in residue.get(kind, []):
            m = _PUBLISHED_RE.search(item)
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


# A headline line that cannot end there: a dangling word or a number waiting for what it counts
# (…党支部获评2025年⏎全市“六好”…, 我市集中培训100余名⏎离退休干部党支部书记).
# a line that carries on a headline with what its subject did
ACT_START_RE = re.compile(
    r"^(?:举办|召开|开展|举行|组织|前来|来到|赴|走进|深入|看望|慰问|启动|成立|获评|荣获|参加|出席)"
)
DANGLING_END_RE = re.compile(
    r"(?:\d{4}年|\d+(?:余|多)?(?:名|个|位|项|家|所|支)|\d+(?:余|多)|[的和与及在为获评]|昨天|今天|昨日|今日|近日|日前|时强调|时指出|强调|指出)$"
)


# ============================================================================================
# years and region
# ============================================================================================

_YEAR_RANGE_RE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*(?:[-—–~～至到]|—{1,2})\s*((?:19|20)\d{2})\s*年")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_YEAR_PLAN_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年\s*(?:度)?\s*(?:主题|重点|目标|任务|工作重点|要|将|计划)"
)


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


from ingest.docregion import (  # noqa: E402  (re-exported: the region stage of this module's callers)
    default_gazetteer,
    detect_masked_region,
    detect_region,
    masked_region,
    region_of_abbrev,
    region_of_org,
    regions_in,
)

__all__ = [
    "default_gazetteer",
    "detect_masked_region",
    "detect_region",
    "masked_region",
    "region_of_abbrev",
    "region_of_org",
    "regions_in",
]


def extract_metadata(
    text: str,
    doc_id: str,
    script: Script | None = None,
    *,
    gazetteer: Any | None = None,
    fallback_title: str | None = None,
    fallback_region: RegionRef | None = None,
) -> Metadata:
    """Metadata of a single (non-compound) document from its normalised display text.

    The steps run are chosen by the document's profile (red-head document, speech, web page …):
    see ingest.profiles. Pass `gazetteer` explicitly in tests; when None the shared
    `Gazetteer.default()` is used.
    """
    from ingest.profiles import extract

    return extract(
        text,
        doc_id,
        script,
        gazetteer=gazetteer,
        fallback_title=fallback_title,
        fallback_region=fallback_region,
    )


def fold_lines(texts: list[str], script: Script) -> list[str]:
    """``[fold(t, script) for t in texts]`` for texts without line breaks, in one pass when that
    gives the same: NFKC never makes or joins across a line break and space squeezing stops at
    one. t→s (OpenCC) is not relied on to respect line breaks: traditional text goes line by line.
    """
    if script == "traditional" or any("\n" in t for t in texts):
        return [fold(t, script) for t in texts]
    parts = fold("\n".join(texts), script).split("\n")
    if len(parts) != len(texts):  # a line that folded to white space only was stripped off an end
        return [fold(t, script) for t in texts]
    return [p.strip() for p in parts]


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(spans)):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
