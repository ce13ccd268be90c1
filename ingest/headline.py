"""What a web page's headline is: a line's shape (`headline_like`), a headline broken over two lines
(`continues`), the site owners' line above it, and the `WebHead` the head reader fills. Shared by
ingest.webhead (the reader) and ingest.headshapes (the page shapes that place the headline)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest import doctypes, vocab
from ingest.docnumbers import doc_no_line
from ingest.headlineclean import STAMP_DAY
from ingest.metadata import ACT_START_RE as _ACT_START_RE
from ingest.metadata import DANGLING_END_RE, is_org_name
from ingest.names import split_glued
from ingest.webmeta import _DATE_ONLY_RE, _DATETIME_LEAD_RE, WebMeta, is_meta_line
from ingest.webresidue import simplified

MAX_HEADLINE = 80
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = "。；;！？…，,、：:"


@dataclass
class WebHead:
    title: str | None = None
    title_lines: tuple[int, int] | None = None  # first and last line index of the headline
    consumed: list[int] = field(default_factory=list)  # indexes of head lines (not body)
    meta: WebMeta = field(default_factory=WebMeta)
    residue: dict[str, list[str]] = field(default_factory=dict)
    crumb: str | None = None  # the last, headline-long part of a breadcrumb (首页 > 栏目 > 标题)
    stamp_medium: str | None = None  # the site beside the page's time stamp (…09:03:47 | 某某网): a source

    @property
    def found(self) -> bool:
        return bool(self.meta.fields) or bool(self.residue)


_TABLE_BORDER_TAIL_RE = re.compile(r"\s*[|｜](?:[\s|｜]*)$")


@lru_cache(maxsize=1)
def disclosure_labels() -> dict[str, str]:
    """The row labels of a disclosure table (政府信息公开) and the field each value gives, ``-`` for none
    (``disclosure`` rows of web_page.tsv)."""
    return {r[1]: r[2] for r in vocab.rows("web_page.tsv") if r[0] == "disclosure" and len(r) > 2}


def disclosure_fields(line: str) -> list[tuple[str, str]]:
    """The fields a flattened disclosure row gives (发文机关: | 某某局 | 发文日期: | |): each label cell's
    value is the cell after it, unless that is another label or empty."""
    cells = [re.sub(r"\s+", "", c) for c in re.split(r"[|｜]", simplified(line.strip()))]
    labels = disclosure_labels()
    found = []
    for k, cell in enumerate(cells[:-1]):
        field, value = labels.get(cell.rstrip(":：")), cells[k + 1]
        if field and field != "-" and value and value.rstrip(":：") not in labels:
            found.append((field, value))
    return found


def disclosure_row(line: str) -> bool:
    """A row of a disclosure table flattened with its cells' bars (索引号: | … | 公开方式: | 主动公开 |)."""
    cells = re.split(r"[|｜]", simplified(line.strip()), maxsplit=1)
    return len(cells) == 2 and re.sub(r"\s+", "", cells[0]).rstrip(":：") in disclosure_labels()


_RECORD_FIELD_RE = re.compile(r"^\s*(?:关键词|关键字|摘要|分类号|中图分类号|作者单位)\s*[:：]")


def headline_like(s: str) -> bool:
    """A line that can be a headline: short, Han, no sentence end, not a date or a number line."""
    t = _TABLE_BORDER_TAIL_RE.sub("", s).rstrip("!！?？")  # 标题 | ||||||: a table's empty cells after it
    if disclosure_row(t) or _RECORD_FIELD_RE.match(t):
        return False  # (关键词：…, 摘要：…: a record's field, never its headline)
    if t.endswith(("……", "...")) and not re.search(r"[，,。；]", t):
        t = t.rstrip("….!！?？")  # 光荣在党50年!某局为老党员颁发纪念章……: a headline trailing off
    if t in vocab.words("web_page.tsv", "bare_title"):
        return True  # 倡议书, 慰问信: a letter's whole headline is its kind
    return (
        4 <= len(t) <= MAX_HEADLINE
        and bool(_HAN_RE.search(t))
        and t[-1] not in _SENTENCE_END
        and not _DATE_ONLY_RE.match(simplified(t))
        and not _DATETIME_LEAD_RE.match(t)  # 2024-12-24 09:03:47 | 某新闻网: a page's date line
        and not _DATETIME_ANY_RE.search(t)  # B站影视…2025-08-07 11:03: a stamped line is no headline
        and "。" not in t[:-1]
        and not doc_no_line(t)  # 中关工委[2011]10号: a document number under the head is no headline
        and not ENUM_MARK_RE.match(t)  # ㈠ 某条例对…是如何规定的: an item of a list of links or questions
        and not _SALUTATION_RE.match(t)  # 尊敬的各位老同志：你们好！: a letter's or speech's greeting
        and not ISSUE_LINE_RE.match(t)  # 2023年 第五十六期(总第827期): a bulletin's issue, never its headline
    )


# the issue line of a bulletin or journal: 第56期, 2023年第五十六期(总第827期), 2023﹞第5期
ISSUE_LINE_RE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*[年﹞〕\]】)）]?\s*)?第\s*[一二三四五六七八九十百零〇\d]+\s*期"
    r"(?:\s*[（(]\s*总第\s*[一二三四五六七八九十百零〇\d]+\s*期\s*[)）])?$"
)


_SALUTATION_RE = re.compile(r"^(?:尊敬的|亲爱的|各位)[^，,。；]{1,30}[:：]")


# a circled or bracketed number character opening a line: an item of a list, never a headline
ENUM_MARK_RE = re.compile(r"^[\u3220-\u3229\u2474-\u2487\u2460-\u2473]")


# a kicker (引题) above a main title: it reports an act on a named document or slogan
KICKER_RE = re.compile(
    r"(?:印发|发布|出台|召开|举行|部署|审议)[《“]|^[^《》]{0,6}《[^《》]{1,12}》$"
    r"|^[\u4e00-\u9fff]{1,4}“[^“”]{2,8}”$"  # a verb and a quoted slogan (叙好“山海情”) over the main title
)


# a headline of a unit and a short act line (XX局举办专（兼）职): its object may wrap onto one more line;
# the object may be a quoted name (开展“某某行”⏎系列活动)
_ACT_TAIL_RE = re.compile(
    # a quoted theme may hold commas (组织“传承…，永葆…”⏎主题参观活动)
    r"(?:局|委|部|处|院|校|会|中心)(?:举办|召开|开展|举行|组织|启动|成立)(?:[^，,。；]{1,8}|“[^“”。；]{1,30}”)$"
)


_DATETIME_ANY_RE = re.compile(rf"{STAMP_DAY}\s*\d{{1,2}}:\d{{2}}")


def site_units(line: str) -> bool:
    """A head line that is only the names of the units owning the site (株洲市妇幼保健院株洲市儿童医院)."""
    s = simplified(line).replace(" ", "")
    if not 4 <= len(s) <= 40 or _ACT_START_RE.search(s):
        return False
    return all(is_org_name(p) for part in s.split("、") for p in split_glued(part))


def wrapped_act(title: str, nxt: str) -> bool:
    """A headline ending in a unit's act goes on in a short next line (…开展“某某行”⏎系列活动)."""
    return (
        bool(_ACT_TAIL_RE.search(title))
        and len(nxt) <= 8
        and not re.search(r"[，,。；：:]", nxt)
        and not is_org_name(nxt)
    )


# what an event did where it was held (在某县举行, 在某市隆重举行)
_VENUE_ACTS = "举行|召开|开幕|闭幕|举办|启动|落幕"
_VENUE_TAIL_RE = re.compile(rf"^在[\u4e00-\u9fff]{{2,10}}(?:{_VENUE_ACTS}|隆重举行|圆满落幕)$")


# the rest of an event's name and where it took place (台球邀请赛在某市隆重举行)
_EVENT_AT_VENUE_RE = re.compile(
    rf"^[\u4e00-\u9fff“”]{{1,12}}在[\u4e00-\u9fff]{{2,10}}(?:隆重|顺利|圆满|正式)?(?:{_VENUE_ACTS})$"
)
_ACT_WORD_RE = re.compile(rf"{_VENUE_ACTS}|开展|组织|成立")


def continues(title: str, nxt: str) -> bool:
    """The next line carries on a headline broken over two lines (unclosed quote, or a dangling word)."""
    if (
        DANGLING_END_RE.search(simplified(title))
        and 2 <= len(nxt) <= 8
        and doctypes.type_from_title(title + nxt)
    ):
        return True  # 关于做好某某工作的⏎通知: the type word alone on the next line
    if not headline_like(nxt) or len(title) + len(nxt) > MAX_HEADLINE or is_meta_line(nxt):
        return False
    if nxt.startswith(("——", "—", "--")) and "——" not in title:
        return True  # 心中党旗艳如霞⏎——某县离退休干部党支部建设纪事: the subtitle belongs to it
    if _ACT_START_RE.match(simplified(nxt)) and not re.search(r"[，,。；]", nxt):
        return True  # 市委老干部局⏎举办专（兼）职人员培训班: the headline goes on with what the unit did
    if event_under_its_holder(title, nxt):
        return True
    if _VENUE_TAIL_RE.match(simplified(nxt)):
        return True  # 某某系统老年门球赛⏎在某县举行: where it took place ends the headline
    # 第三届某某“某某杯”⏎台球邀请赛在某市隆重举行: the event's name runs on to where it was held
    if _EVENT_AT_VENUE_RE.match(simplified(nxt)) and not _ACT_WORD_RE.search(simplified(title)):
        return True
    if wrapped_act(title, nxt):
        return True  # 市委老干部局⏎举办专（兼）职⏎人员培训班: a short act line wrapped once more
    if len(title) <= 14 and KICKER_RE.search(title) and len(nxt) > len(title):
        return True  # the kicker and the main title are one headline
    if title.count("“") > title.count("”") or title.count("《") > title.count("》"):
        return True
    return bool(DANGLING_END_RE.search(simplified(title)))  # 某某在会上強調: traditional script too


_EVENT_HELD_END_RE = re.compile(r"(?:成功举办|隆重举行|隆重召开|举办|举行|召开|开幕|闭幕|启动|落幕)$")


def event_under_its_holder(title: str, nxt: str) -> bool:
    """某某老年大学摄影采风团⏎“某某”主题摄影展成功举办: a short line naming who held it over the quoted event
    and its being held are one headline."""
    return (
        len(title) <= 16
        and not re.search(r"[，,。：:；;！？]", title)
        and nxt.startswith(("“", "《", '"'))
        and bool(_EVENT_HELD_END_RE.search(simplified(nxt)))
        and len(nxt) <= 40
    )


def lead_then_headline(line: str, nxt: str) -> bool:
    """A headline broken after its lead's colon: the speaker over the quoted words (某某：⏎“…”), or the
    unit or place it is about over what it did (青松县老年大学：⏎课程新颖 学员争当“弄潮儿”)."""
    if not line.endswith((":", "：")) or not headline_like(nxt):
        return False
    lead = line[:-1].strip()
    if nxt.startswith(("“", '"', "「")):
        return 4 <= len(line) <= 24 and headline_like(lead)
    return (
        2 <= len(lead) <= 15
        and (is_org_name(simplified(lead)) or bool(_PLACE_LEAD_RE.fullmatch(simplified(lead))))
    ) or (len(lead) <= 24 and bool(_province_lead_re().match(simplified(lead))))  # 江西某县某村阳光家园：⏎…


@lru_cache(maxsize=1)
def _province_lead_re() -> re.Pattern[str]:
    """A lead that opens with a province's short name and a county (江西某某县…：): a place's own name.
    The short names come from the gazetteer (广西壮族自治区 → 广西)."""
    from ingest.regionrefs import default_gazetteer
    from policykg.placenames import short_name

    gaz = default_gazetteer()
    names = {short_name(r.name, "province") for r in (gaz.regions() if gaz else []) if r.level == "province"}
    alt = "|".join(sorted((n for n in names if n), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"^(?:{alt})[\u4e00-\u9fff]{{1,6}}?[县市区旗]")


# a place's name as a headline's lead (青松县：, 白水市某某区：)
_PLACE_LEAD_RE = re.compile(r"[\u4e00-\u9fff]{1,10}(?:省|市|县|区|州|旗|盟|自治区)")
