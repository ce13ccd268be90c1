"""Metadata of one policy document from its normalised display text (one paragraph per line).

Everything here is a pure function of the text (plus the read-only gazetteer): the line model,
the shared tests of titles and organisation names, the 印发 line, and `extract_metadata`, which runs
the profile's steps (ingest.profiles). Dates and years are read by ingest.dates, document numbers by
ingest.docnumbers, the region by ingest.docregion. The layout conventions of Chinese official
documents (GB/T 9704: red header ``…文件``, number line, title, addressee, body, signature, date,
``…印发`` line) drive the rules; nothing is keyed to particular documents.

`extract_metadata` also returns the character spans of the lines it consumed (header, title,
signature …) so the clause splitter can leave them out of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ingest.dates import PRINTED_RE, SPEECH_DATE_RE, STANDALONE_DATE_RE, parse_date
from ingest.docnumbers import doc_no_line
from policykg.model import RegionRef, Script
from policykg.text import fold

# --- character classes and small patterns ---------------------------------------------------

_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_HAN_RE = re.compile(f"[{_HAN}]")
_SPACES = " \t\u3000\u00a0"
_SENTENCE_END = "。；;！!？?…：:，,、"

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
    "少年宫", "文化宫",  # 市青少年宫, 工人文化宫: a palace that is a unit (故宫 is none)
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
# Words ending in 部/局/处 that are not units (离退休干部, 全部, 局部), a visit's verb phrase (送戏曲下社区,
# 走进基层), and title openings (关于…).
_NOT_ORG_EDGE_RE = re.compile(
    r"(?:干部|全部|内部|外部|局部|大部|部分|难处|好处|益处|到处|各处|主办|承办|协办|举办|创办|开办|督办|交办|代办|"
    r"布局|结局|大局|格局|当局|开局|全局|场所|住所|处所|厕所|有所|无所|之所|哨所|阶段|手段|片段|地段|路段|时段|分段|"
    r"中段|前段|后段|身段|妥协|(?:下|进|走进|走入|深入|送到)(?:社区|基层|乡村|农村))$|^(?:关于|加强|推进|开展|做好|由|突出|抓好|实现|逐步|形成|依托|打造|建立|健全|引导|以|促进|调动|发挥|密切|了解|新中国|立足|围绕|聚焦|紧扣|着眼|坚持|更好|进一步|充分|切实|全面|传递|传承|弘扬|营造|丰富|展示|激励)"
)

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
    if is_numbered(s) or STANDALONE_DATE_RE.match(s):
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
        and not STANDALONE_DATE_RE.match(s)
        and not SPEECH_DATE_RE.match(s)
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
# printed lines
# ============================================================================================


def printed_line(line: str) -> tuple[str | None, str] | None:
    """(printed_by or None, ISO date) for ``中共XX办公室 2018年2月26日印发`` or ``2018年2月26日印发``."""
    m = PRINTED_RE.match(line)
    if not m:
        return None
    date = parse_date(m["date"])
    if not date:
        return None
    org = clean_org(m["org"]) if m["org"].strip() else None
    return (org if org and is_org_name(org) else None), date


# ============================================================================================
# titles and issuers
# ============================================================================================


# A headline line that cannot end there: a dangling word or a number waiting for what it counts
# (…党支部获评2025年⏎全市“六好”…, 我市集中培训100余名⏎离退休干部党支部书记).
# a line that carries on a headline with what its subject did
ACT_START_RE = re.compile(
    r"^(?:举办|召开|开展|举行|组织|前来|来到|赴|走进|深入|看望|慰问|启动|成立|获评|荣获|参加|出席)"
)
DANGLING_END_RE = re.compile(
    r"(?:\d{4}年|\d+(?:余|多)?(?:名|个|位|项|家|所|支)|\d+(?:余|多)|[的和与及在为获评]|昨天|今天|昨日|今日|近日|日前|时强调|时指出|强调|指出|组织收看|组织观看|收看|观看|聆听|(?:共同|联合)(?:举办|开展|组织|主办|发起))$"
)


# ============================================================================================
# region
# ============================================================================================


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
