"""The labelled fields of a page's head and how they are read: ``发布日期:2024-06-03 来源:XX日报
作者:张三 点击:[]`` on one line or one per line, mastheads ``XX日报 2024-06-24 19:05``, bare dates,
and the fields the residue pass already took out of the text (ingest.residuemeta). ingest.webhead
finds the headline and walks the head with these.

Labels are data (``label_*`` rows of ``ingest/data/web_page.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest import vocab, webcredits
from ingest.dates import parse_date as m_parse_date
from ingest.headlineclean import STAMP_DAY
from ingest.names import strip_source_note
from ingest.webresidue import dated_chrome, is_chrome, simplified
from policykg.personnames import name_shaped

_TABLE = "web_page.tsv"
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_DIGIT_NEXT_RE = re.compile(r"\s*(?:19|20)\d{2}")
_ISSUE_DATE_RE = re.compile(r"第\s*(?P<date>(?:19|20)\d{2}-\d{1,2}-\d{1,2})\s*期")
_DATETIME_LEAD_RE = re.compile(rf"^\s*{STAMP_DAY}\s*\d{{1,2}}[:：]\d{{2}}")  # a full-width colon too


_FIELDS = ("date", "source", "author", "publisher", "editor", "counter", "column", "summary")


_DATE_RE = re.compile(
    r"((?:19|20)\d{2})\s*(?:年|[-./]|(?<=\d)\s(?=\d{1,2}/\d{1,2}))\s*/?\s*(\d{1,2})\s*(?:月|[-./])\s*/?\s*(\d{1,2})\s*日?(?!\d)"
)


# A masthead: a paper or site name and a date (and time / weekday / page) on one short line.
_MASTHEAD_RE = re.compile(
    r"^(?P<name>[^\d:：]{2,24}?)\s*[·/|｜]?\s*(?P<date>(?:19|20)\d{2}\s*(?:年|[-./])\s*/?\s*\d{1,2}\s*(?:月|[-./])"
    r"\s*/?\s*\d{1,2}\s*日?)(?:\s*/?\s*(?:星期.|周.|\d{1,2}:\d{2}(?::\d{2})?|第\s*\d+\s*版.{0,8}))*"
    r"(?:\s*(?:[\[【]?(?:[大中小]字|字号|字体|打印|关闭|分享|收藏)[\]】]?|[大中小](?=\s|$)))*\s*$"  # font and print controls after it
)

# a masthead's name is a paper's or site's: a headline's words (a unit's act) before a glued date are not
_ACT_WORD_RE = re.compile(r"举办|召开|开展|举行|组织|参观|看望|慰问|走访|启动|成立|参加|出席|座谈|调研")


_STAMP_LABEL_RE = re.compile(r"^(?:编辑|发布|创建|更新|发表|写|上传|修改)于$")


def _masthead_match(s: str) -> re.Match[str] | None:
    m = _MASTHEAD_RE.match(s)
    return None if m and len(m["name"]) >= 10 and _ACT_WORD_RE.search(m["name"]) else m


_DATE_ONLY_RE = re.compile(  # a bullet may lead (a sharing site's fact list: - 2025-05-24 发布于某省)
    r"^(?:[-•·]\s*)?(?:(?:19|20)\d{2}\s*(?:年|[-./])\s*\d{1,2}\s*(?:月|[-./])\s*\d{1,2}\s*日?|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}"
    r"|\d{2}-\d{2}-\d{2}(?=\s*\d{1,2}:\d{2})"  # (20-01-09 17:51: a two-digit year, with its clock time)
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?=\s*$))"  # (20220616: the digits run together)
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*星期.)?(?:\s*[\u4e00-\u9fff·]{2,4}|\s*发布于\s*[\u4e00-\u9fff]{2,8})?$"
)


# (2015年7月7日，根据录音整理) under a speech title
_DATE_NOTE_RE = re.compile(r"^[（(]\s*(?:19|20)\d{2}\s*年[^（）()]{0,30}[)）]$")


_PERSON_RE = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


_ROLE_LEAD_RE = re.compile(r"^(?:撰文|撰稿|供稿)\s*(?=\S)")


def _balanced(stripped: str, value: str) -> str:
    """The stripped value with its closing bracket back when the value opened one (某处党委(某处)): a
    bracket that closes a part of the name is not furniture."""
    opened = stripped.count("(") + stripped.count("（") - stripped.count(")") - stripped.count("）")
    if opened == 1:
        tail = value.rstrip(" \u3000|｜/·•,，;；[]【】")
        if tail.endswith((")", "）")):
            return stripped + tail[-1]
    return stripped


@dataclass
class WebMeta:
    """Fields of the meta lines, by kind (values in reading order, empty values dropped)."""

    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, value: str) -> None:
        value = _balanced(value.strip(" \u3000|｜/·•,，;；[]【】()（）"), value)
        if kind in ("source", "author"):  # 来源: 撰文 某某: the role word a template printed before the name
            value = _ROLE_LEAD_RE.sub("", value)
        if value in _JUNK_VALUES or _TEMPLATE_FIELD_RE.match(value):
            return
        if value and value not in self.fields.setdefault(kind, []):
            self.fields[kind].append(value)

    def first(self, kind: str) -> str | None:
        values = self.fields.get(kind)
        return values[0] if values else None

    @property
    def date(self) -> str | None:
        for value in self.fields.get("date", []):
            iso = parse_iso(value)
            if iso:
                return iso
        return None

    def units_and_people(self) -> tuple[list[str], list[str]]:
        """(units, people) named as author or source: a unit ends like one, a person is 2–4 Han."""
        units: list[str] = []
        people: list[str] = []
        for kind in ("author", "source", "publisher"):
            for value in self.fields.get(kind, []):
                for part in re.split(r"[\s、,，;；/]+", value):
                    part = strip_source_note(unit_then_name(part.strip()))
                    if not _HAN_RE.search(part):
                        continue
                    if webcredits.UNIT_END_RE.search(part) and len(part) >= 3:
                        units.append(part)
                    elif kind != "source" and _PERSON_RE.match(part):
                        people.append(part)
                    elif kind == "source" and len(part) >= 2:
                        units.append(part)  # a source is a unit or a place (来源：丰县)
        return units, people


_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\d)")
_MDY_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")


_UNIT_NAME_RE = re.compile(
    r"^(?P<unit>.{2,30}(?:委员会|工委|党委|老干部局|老干局|局|部|处|厅|办公室|中心|大学|学院|协会|政协|街道|社区|镇|乡))"
    r"(?P<name>(?![之的与和])[\u4e00-\u9fff]{2,4})$"
)


# a medium and its reporter with the space lost (某某新闻网张三): the name must look like one
_MEDIUM_NAME_RE = re.compile(
    r"^(?P<unit>.{2,20}(?:网|日报|晚报|报|电视台|客户端))(?P<name>[\u4e00-\u9fff]{2,3})$"
)


def unit_then_name(value: str) -> str:
    """``伊宁市委老干部局布音革勒`` (a unit and its writer with the space lost) → the unit."""
    medium = _MEDIUM_NAME_RE.match(value)
    if medium and name_shaped(medium["name"]):
        return medium["unit"]
    hit = _UNIT_NAME_RE.match(value)
    if hit and webcredits.UNIT_END_RE.search(hit["name"]):  # XX离退休干部党委: 党委 ends the unit, not a name
        return value
    return hit["unit"] if hit else value


_SHORT_YEAR_STAMP_RE = re.compile(r"^(\d{2})-(\d{2})-(\d{2})\s*\d{1,2}:\d{2}")
_RUN_TOGETHER_DAY_RE = re.compile(r"^((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")


def parse_iso(s: str) -> str | None:
    """The date of a page's meta field: the document dates ingest already reads
    (`dates.parse_date`), then the page forms it does not (2025 年/11 月/18 日, 01.03.2018)."""
    known = m_parse_date(s)
    if known:
        return known
    m = _DATE_RE.search(s) or _SHORT_YEAR_STAMP_RE.match(s.strip()) or _RUN_TOGETHER_DAY_RE.match(s.strip())
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        y += 2000 if y < 100 else 0  # 20-01-09 17:51: a stamp's two-digit year is this century's
    elif dmy := _DMY_RE.search(s):  # 01.03.2018: day, month, year
        d, mo, y = int(dmy[1]), int(dmy[2]), int(dmy[3])
    elif mdy := _MDY_RE.search(s):
        # 12/10/2012 10:03:43: a server's English default, month first (a first number over 12 is the day)
        first, second, y = int(mdy[1]), int(mdy[2]), int(mdy[3])
        mo, d = (first, second) if first <= 12 else (second, first)
    else:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


@lru_cache(maxsize=1)
def _labels() -> tuple[tuple[str, str], ...]:
    """(label, kind) longest first, from the ``label_*`` rows."""
    out = [(r[1], r[0].removeprefix("label_")) for r in vocab.rows(_TABLE) if r[0].startswith("label_")]
    return tuple(sorted(out, key=lambda x: -len(x[0])))


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    alt = "|".join(re.escape(label) for label, _ in _labels())
    # a label starts the line or follows a separator; a colon follows it (counters may omit it)
    # a label is followed by a colon (a counter may omit it); glued fields (日期:…来源:…) are split too
    # (a credits row may set its labels off with 丨 instead: 来源丨某某新闻 记者丨张三)
    return re.compile(rf"(?P<label>{alt})\s*(?:(?P<colon>[:：丨]|(?=\s*\d)|(?=\s*次)|$)|(?P<bare>(?=\S)))")


FULL_DATE_RE = re.compile(
    r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*(?:[~～\-－—至到、]\s*\d{1,2}\s*)?日|[-/.]\d{1,2}[-/.]\d{1,2}(?!\d))(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)


# a paper's or site's name alone (某某日报, 某某网): printed beside a page's date or time stamp
MEDIUM_NAME = r"[\u4e00-\u9fff]{2,10}(?:日报|晚报|报|网|台|客户端|新媒体|在线)"
STAMP_MEDIUM_RE = re.compile(rf"^{MEDIUM_NAME}$")
# a date field's value followed by the medium that printed it (2023-04-07   某某日报)
_DATED_MEDIUM_RE = re.compile(
    r"^(?P<date>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s+"
    rf"(?P<medium>{MEDIUM_NAME})$"
)


# page buttons after (or instead of) a field's value: 【打印此页】, 【 | | 】【关闭】
_WIDGET_TAIL_RE = re.compile(
    r"(?:^|\s*)[【\[][^】\]]{0,8}(?:打印|关闭|字体|字号|收藏|分享|[|｜\s]{2,}).*$|\s*【\s*[|｜\s]*$"
    r"|\s*有\s*\d+\s*人(?:发表了看法|参与|评论|点赞).*$"  # a comment counter after the field: 有0人发表了看法
    r"|\s*(?:字体大小|字号大小)\s*[:：].*$"  # 来源：市妇联字体大小：大 中 小: the font widget glued on
    r"|(?:大字体|小字体|扫码带走|扫码阅读|手机看).*$"  # 来源：某某网大字体小字体扫码带走: the page's buttons
)


# a label without its colon after the page's stamp and a bar or a wide gap (2019-01-03  |  来源 某某商报)
_AFTER_STAMP_RE = re.compile(
    r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:[|｜]\s*|\s{2,})$"
)


@lru_cache(maxsize=8192)  # asked of the same lines by the layout repair and the head walk
def parse_meta(line: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(text before the first label, [(kind, value)]) of a line; no labels → (line, [])."""
    s = simplified(line)
    kinds = dict(_labels())
    # a label without a colon counts for a counter, or for a date when the date follows it (发布时间2011-12-05)
    hits = [
        m
        for m in _label_re().finditer(s)
        if m["colon"]
        or (kinds[m["label"]] == "counter" and m["bare"] is None)
        or (kinds[m["label"]] == "date" and _DIGIT_NEXT_RE.match(s, m.end()))
        or (kinds[m["label"]] == "source" and _AFTER_STAMP_RE.search(s[: m.start()]))
    ]
    if not hits:
        return line, ()
    out: list[tuple[str, str]] = []
    for k, m in enumerate(hits):
        end = hits[k + 1].start() if k + 1 < len(hits) else len(s)
        value = s[m.end() : end].strip()
        kind = kinds[m["label"]]
        cut = re.search(r"[。！？；，,]", value)  # a value ends where a sentence would go on
        value = value[: cut.start()] if cut else value
        value = _WIDGET_TAIL_RE.sub("", value).strip()  # 来源：离退办 【打印】: the page's buttons
        loose = FULL_DATE_RE.search(value) if kind != "date" else None
        if loose:  # 来源：XX融媒体中心 2020-12-31 17:32: an unlabelled date closes the field
            value = value[: loose.start()].strip()
            if not any(kd == "date" for kd, _v in out):
                out.append(("date", loose.group()))
        after = _DATED_MEDIUM_RE.match(value) if kind == "date" else None
        if after:  # 发布时间:2023-04-07   某某日报: the medium that printed it, after the day
            value = after["date"]
            out.append(("source", after["medium"]))
        if kind != "date":  # a unit's or name's value ends at a bar after it (发布者: 某局| 查看: 585)
            value = re.split(r"\s*[|｜]", value.lstrip(" |｜"), maxsplit=1)[0]
        # each field in its own brackets ([来源:某某日报] [作者:张三]): the value ends at its closing bracket
        if line[: hits[0].start()].rstrip().endswith(("[", "【")):
            value = re.split(r"\s*[\]】]", value, maxsplit=1)[0]
        out.append((kind, value))
    return line[: hits[0].start()].strip(), tuple(out)


def has_meta_fields(line: str) -> bool:
    """The line carries labelled page fields (时间：… 来源：…), perhaps after a headline."""
    return len(line) <= 200 and bool(parse_meta(line)[1])


def is_meta_line(line: str) -> bool:
    """A line of page meta: labelled fields only, a masthead (XX日报 2024-06-24), or a bare date."""
    if len(line) > 160:
        return False
    prefix, pairs = parse_meta(line)
    s = simplified(line)
    return (
        _is_meta_line(prefix, pairs)
        or bool(_masthead_match(s))
        or bool(_DATE_ONLY_RE.match(s))
        or bool(_DATE_NOTE_RE.match(s))
    )


def _is_meta_line(prefix: str, pairs: tuple[tuple[str, str], ...]) -> bool:
    """A line that is only labelled fields (a bullet, separator or a date may precede them)."""
    lead = prefix.strip(
        " \u3000•·●|｜-—[]【】()（）?？"
    )  # (a damaged separator shows as ?)  # ( 2030-01-17 ) 稿件来源：…: a bracketed date too
    # … or the site's name, address and day (某某委员会 http://www.example.gov.cn/ 2024年11月11日 来源：…), or its
    # name and address alone before the fields (某某门户网 www.example.gov.cn 发布时间：…)
    return bool(pairs) and (
        not lead
        or bool(_DATE_ONLY_RE.match(simplified(lead)))
        or bool(dated_chrome(lead))
        or bool(SITE_ADDRESS_RE.match(lead))
        # 放大字体 缩小字体 发布日期：…: the page's buttons before its fields (a date or a source), or the
        # reporter's credit before them (记者某某 来源：某某晚报 字数：1888)
        or (
            (is_chrome(lead) or bool(_REPORTER_LEAD_RE.match(simplified(lead))))
            and any(kind in ("date", "source") and value for kind, value in pairs)
        )
    )


_REPORTER_LEAD_RE = re.compile(r"^(?:本报)?(?:见习|实习|特约)?(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}$")


# a site's name and web address (某某门户网 www.example.gov.cn): the site that put the page up
SITE_ADDRESS_RE = re.compile(
    r"^(?P<site>[\u4e00-\u9fff]{2,24})\s+(?:https?://)?[\w.-]+\.(?:cn|com|org|net|gov)\S*$"
)


def _masthead(line: str) -> tuple[str, str] | None:
    m = _masthead_match(simplified(line)) or _DATE_THEN_MEDIUM_RE.match(simplified(line))
    if not m:
        return None
    iso = parse_iso(m["date"])
    name = m["name"].strip(" ·/|《》()（）")
    if _STAMP_LABEL_RE.match(name):
        name = ""  # 编辑于2023-12-28: a post's stamp, no medium's name
    return (name, iso) if iso else None  # 《 某某日报 》( 2024年… 第 05 版 )


# the date first, then the medium: 2019-12-02     天天天水网
_DATE_THEN_MEDIUM_RE = re.compile(
    r"^(?P<date>(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*"
    r"(?P<name>[\u4e00-\u9fff]{2,12}(?:网|报|日报|晚报|客户端|新闻|融媒))$"
)
# a page template's field left unfilled: [db:来源], {dede:source}, $author
_TEMPLATE_FIELD_RE = re.compile(r"^[\[{$]?\s*(?:db|dede|field|cms)\s*:", re.I)
_JUNK_VALUES = frozenset(
    {
        "暂无",
        "无",
        "用户投稿",  # a site's placeholder for who sent the piece in
        # a column's name where a template prints the source (来源 : 生活)
        "生活",
        "社会",
        "要闻",
        "综合",
        "国内",
        "本地",
        "资讯",
        "网友投稿",
        "未知",
        "本站",
        "本网",
        "本站编辑",
        "本站原创",
        "管理员",
        "系统管理员",
        "admin",
        "网络",
        "网友",
        "访客",  # a blog's anonymous poster
        "游客",
        "网络收录",
        "网络转载",
        "网络整理",
        "互联网",
        "网上收集",
        "综合整理",
    }
)
