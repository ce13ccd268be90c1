"""The head of a web page or news article: headline, and the meta lines around it.

Real pages put a column name or breadcrumb above the headline and one or more meta lines under it,
in many shapes: ``发布日期:2024-06-03 来源:XX日报 作者:张三 点击:[]`` on one line, the same fields one
per line (sometimes the value on the next line), a masthead ``XX日报客户端 2024-06-24 19:05`` or
``XX日报/2025 年/11 月/18 日/第 003 版``, or the fields glued to the headline itself. `read_head`
walks the first lines of the cleaned text and returns what it found, and which lines it consumed
(they are metadata, not body). Meta lines already removed as residue by ingest.normalize are
parsed too (`meta_from_residue`), so a 发布时间 line is never lost.

Labels are data (``label_*`` rows of ``ingest/data/web_page.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest import vocab, webcredits
from ingest.metadata import DANGLING_END_RE
from ingest.metadata import parse_date as m_parse_date
from ingest.names import strip_source_note
from ingest.webresidue import is_chrome, simplified

_TABLE = "web_page.tsv"
_FIELDS = ("date", "source", "author", "publisher", "editor", "counter", "column", "summary")
_HEAD_LIMIT = 12
_MAX_HEADLINE = 80
_MAX_UNIT_VALUE = 24  # a 来源 / 作者 value longer than this is a unit glued to the body's first words
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = "。；;！？…，,、：:"
_DATE_RE = re.compile(
    r"((?:19|20)\d{2})\s*(?:年|[-./])\s*/?\s*(\d{1,2})\s*(?:月|[-./])\s*/?\s*(\d{1,2})\s*日?(?!\d)"
)
# A masthead: a paper or site name and a date (and time / weekday / page) on one short line.
_MASTHEAD_RE = re.compile(
    r"^(?P<name>[^\d:：]{2,24}?)\s*[·/|｜]?\s*(?P<date>(?:19|20)\d{2}\s*(?:年|[-./])\s*/?\s*\d{1,2}\s*(?:月|[-./])"
    r"\s*/?\s*\d{1,2}\s*日?)(?:\s*/?\s*(?:星期.|周.|\d{1,2}:\d{2}(?::\d{2})?|第\s*\d+\s*版.{0,8}))*"
    r"(?:\s*(?:[大中小]字|字号|字体|打印|分享|收藏|[大中小](?=\s|$)))*\s*$"  # font and print controls after it
)
_DATE_ONLY_RE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*(?:年|[-./])\s*\d{1,2}\s*(?:月|[-./])\s*\d{1,2}\s*日?|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*星期.)?(?:\s*[\u4e00-\u9fff·]{2,4})?$"
)
# (2015年7月7日，根据录音整理) under a speech title
_DATE_NOTE_RE = re.compile(r"^[（(]\s*(?:19|20)\d{2}\s*年[^（）()]{0,30}[)）]$")
_MEDIUM_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:日报|晚报|老年报|报|杂志|客户端|新闻网)$")
_PERSON_RE = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


@dataclass
class WebMeta:
    """Fields of the meta lines, by kind (values in reading order, empty values dropped)."""

    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, value: str) -> None:
        value = value.strip(" \u3000|｜/·•,，;；[]【】()（）")
        if value in _JUNK_VALUES:
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
                    part = strip_source_note(_unit_then_name(part.strip()))
                    if not _HAN_RE.search(part):
                        continue
                    if webcredits.UNIT_END_RE.search(part) and len(part) >= 3:
                        units.append(part)
                    elif kind != "source" and _PERSON_RE.match(part):
                        people.append(part)
                    elif kind == "source" and len(part) >= 2:
                        units.append(part)  # a source is a unit or a place (来源：丰县)
        return units, people


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


_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\d)")


_UNIT_NAME_RE = re.compile(
    r"^(?P<unit>.{3,30}?(?:委员会|工委|党委|老干部局|老干局|局|部|处|厅|办公室|中心|大学|学院|协会|政协|街道|社区))"
    r"(?P<name>[\u4e00-\u9fff]{2,4})$"
)


def _unit_then_name(value: str) -> str:
    """``伊宁市委老干部局布音革勒`` (a unit and its writer with the space lost) → the unit."""
    hit = _UNIT_NAME_RE.match(value)
    if hit and webcredits.UNIT_END_RE.search(hit["name"]):  # XX离退休干部党委: 党委 ends the unit, not a name
        return value
    return hit["unit"] if hit else value


def parse_iso(s: str) -> str | None:
    """The date of a page's meta field: the document dates ingest already reads
    (`metadata.parse_date`), then the page forms it does not (2025 年/11 月/18 日, 01.03.2018)."""
    known = m_parse_date(s)
    if known:
        return known
    m = _DATE_RE.search(s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        dmy = _DMY_RE.search(s)  # 01.03.2018: day, month, year
        if not dmy:
            return None
        d, mo, y = int(dmy[1]), int(dmy[2]), int(dmy[3])
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
    return re.compile(rf"(?P<label>{alt})\s*(?P<colon>[:：]|(?=\s*\d)|(?=\s*次)|$)")


_LOOSE_DATE_RE = re.compile(
    r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2}(?!\d))(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)


def parse_meta(line: str) -> tuple[str, list[tuple[str, str]]]:
    """(text before the first label, [(kind, value)]) of a line; no labels → (line, [])."""
    s = simplified(line)
    kinds = dict(_labels())
    hits = [m for m in _label_re().finditer(s) if m["colon"] or kinds[m["label"]] == "counter"]
    if not hits:
        return line, []
    out = []
    for k, m in enumerate(hits):
        end = hits[k + 1].start() if k + 1 < len(hits) else len(s)
        value = s[m.end() : end].strip()
        cut = re.search(r"[。！？；，,]", value)  # a value ends where a sentence would go on
        value = value[: cut.start()] if cut else value
        kind = kinds[m["label"]]
        loose = _LOOSE_DATE_RE.search(value) if kind != "date" else None
        if loose:  # 来源：XX融媒体中心 2020-12-31 17:32: an unlabelled date closes the field
            value = value[: loose.start()].strip()
            if not any(kd == "date" for kd, _v in out):
                out.append(("date", loose.group()))
        out.append((kind, value))
    return line[: hits[0].start()].strip(), out


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
        or bool(_MASTHEAD_RE.match(s))
        or bool(_DATE_ONLY_RE.match(s))
        or bool(_DATE_NOTE_RE.match(s))
    )


def _is_meta_line(prefix: str, pairs: list[tuple[str, str]]) -> bool:
    """A line that is only labelled fields (a bullet, separator or a date may precede them)."""
    lead = prefix.strip(" \u3000•·●|｜-—[]【】")
    return bool(pairs) and (not lead or bool(_DATE_ONLY_RE.match(simplified(lead))))


def headline_like(s: str) -> bool:
    """A line that can be a headline: short, Han, no sentence end, not a date or a number line."""
    t = s.rstrip("!！?？")
    return (
        4 <= len(t) <= _MAX_HEADLINE
        and bool(_HAN_RE.search(t))
        and t[-1] not in _SENTENCE_END
        and not _DATE_ONLY_RE.match(simplified(t))
        and not _DATETIME_LEAD_RE.match(t)  # 2024-12-24 09:03:47 | 某新闻网: a page's date line
        and not _DATETIME_ANY_RE.search(t)  # B站影视…2025-08-07 11:03: a stamped line is no headline
        and "。" not in t[:-1]
    )


_UNIT_PREFIX_RE = re.compile(
    r"^[\u4e00-\u9fff（）()]{4,30}(?:局|厅|委|办公室|中心|大学|学院|医院|政府|协会|日报|晚报|报社|网)$"
)
_SHARED_FILE_RE = re.compile(r"^《(?P<title>[^《》]{4,80}?)\.(?:docx?|pdf|pptx?|wps|txt)》\s*由")
# a medium and a time stamp glued to the end of a headline (…老有所为开屏新闻2022-11-14 18:13)
_SOURCE_TIME_TAIL_RE = re.compile(
    r"\s*(?P<date>(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)\s*$"
)
# a line that carries on a headline with what its subject did
_ACT_START_RE = re.compile(
    r"^(?:举办|召开|开展|举行|组织|前来|来到|赴|走进|深入|看望|慰问|启动|成立|获评|荣获|参加|出席)"
)
_DATETIME_ANY_RE = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}")
_DATETIME_LEAD_RE = re.compile(r"^\s*(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}")


def _continues(title: str, nxt: str) -> bool:
    """The next line carries on a headline broken over two lines (unclosed quote, or a dangling word)."""
    if not headline_like(nxt) or len(title) + len(nxt) > _MAX_HEADLINE:
        return False
    if nxt.startswith(("——", "—", "--")) and "——" not in title:
        return True  # 心中党旗艳如霞⏎——某县离退休干部党支部建设纪事: the subtitle belongs to it
    if _ACT_START_RE.match(nxt) and not re.search(r"[，,。；]", nxt):
        return True  # 市委老干部局⏎举办专（兼）职人员培训班: the headline goes on with what the unit did
    if title.count("“") > title.count("”") or title.count("《") > title.count("》"):
        return True
    return bool(DANGLING_END_RE.search(title))


def _crumb_title(line: str) -> str | None:
    parts = [p.strip() for p in re.split(r"\s*(?:>>|>|＞|»|›)\s*", line) if p.strip()]
    last = parts[-1] if len(parts) >= 2 else ""
    return last if headline_like(last) and len(last) >= 8 else None


def _masthead(line: str) -> tuple[str, str] | None:
    m = _MASTHEAD_RE.match(simplified(line))
    if not m:
        return None
    iso = parse_iso(m["date"])
    return (m["name"].strip(" ·/|"), iso) if iso else None


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
_JUNK_VALUES = frozenset(
    {"暂无", "无", "未知", "本站", "本网", "本站编辑", "管理员", "系统管理员", "admin", "网络", "网友"}
)


def meta_from_residue(residue: dict[str, list[str]], meta: WebMeta) -> None:
    """Fields of meta lines that the residue pass already took out of the text, and the units a
    news page names in its dateline (XX日报讯, 新华网贵阳1月7日电), a （XX供稿） note or a trailer
    (《XX报》（2024年8月15日）)."""
    for kind in ("web", "info", "editor", "byline"):
        for item in residue.get(kind, []):
            prefix, pairs = parse_meta(item)
            if pairs and prefix and parse_iso(prefix.rstrip("/ ")):  # 2021-11-03 11:20:22 来源：XX日报
                meta.add("date", prefix.rstrip("/ "))
            for k, value in pairs:
                meta.add(k, value)
    for kind, value in webcredits.credits(residue):
        meta.add(kind, value)
    for item in residue.get(
        "navigation", []
    ):  # a bare time stamp line the chrome pass took (2022-09-13 17:23:26)
        if _DATETIME_LEAD_RE.match(item) and len(item) <= 25:
            meta.add("date", item)


def read_head(lines: list[str]) -> WebHead:
    """Headline and meta lines at the top of a page's cleaned lines (one paragraph per line)."""
    head = WebHead()
    limit = min(len(lines), _HEAD_LIMIT)
    i = _headline_above_meta(lines, limit, head)
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
        if is_chrome(line):
            crumb = _crumb_title(line)
            if crumb and head.title is None:
                head.crumb = crumb
            head.residue.setdefault("navigation", []).append(line)
            head.consumed.append(i)
            i += 1
            continue
        prefix, pairs = parse_meta(line)
        dated = (
            any(k == "date" for k, _v in pairs)
            and len(prefix) <= 20
            and not re.search(r"[。！？，,]", prefix)
        )
        glued = any(kind in ("source", "author") and len(v) > _MAX_UNIT_VALUE for kind, v in pairs)
        if glued:
            break  # 来源：XX日报本报讯（记者…）8月24日…: the body runs on in the meta line, which stays text
        if _is_meta_line(prefix, pairs) or (pairs and head.title is not None and (len(prefix) <= 4 or dated)):
            if parse_iso(prefix):  # 2021-11-03 11:20:22来源：XX日报: the date leads the line
                head.meta.add("date", prefix)
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
        if _DATETIME_LEAD_RE.match(line) and len(line) <= 60 and not re.search(r"[。，,；]", line):
            head.meta.add("date", line)  # 2024-12-24 09:03:47 | 某新闻网: the page's date line
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
            head.title, head.title_lines = prefix, (i, i)
            head.consumed.append(i)
            i += 1
            continue
        if head.title is None and len(line) <= 6 and not headline_like(line) and i + 1 < limit:
            head.residue.setdefault("navigation", []).append(line)  # 开栏语, 无障碍: a label
            head.consumed.append(i)
            i += 1
            continue
        shared = _SHARED_FILE_RE.match(simplified(line)) if head.title is None else None
        if shared:  # 《XX.docx》由会员分享，可在线阅读…: a document-sharing site's line names the file
            head.title, head.title_lines = line[shared.start("title") : shared.end("title")], (i, i)
            head.consumed.append(i)
            i += 1
            continue
        tail = _SOURCE_TIME_TAIL_RE.search(line) if head.title is None else None
        if tail and headline_like(line[: tail.start()]):  # 标题开屏新闻2022-11-14 18:13
            head.meta.add("date", tail["date"])
            head.title, head.title_lines = line[: tail.start()].rstrip(), (i, i)
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
            head.title, head.title_lines = title, (i, j)
            head.consumed.extend(range(i, j + 1))
            i = _skip_repeat(lines, j + 1, title, head)
            continue
        break
    return head


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
    if k is None or k < 2 or not headline_like(lines[k - 1]) or len(lines[k - 1]) < 8:
        return 0
    if any(len(lines[j]) > 40 or re.search(r"[。！？]", lines[j]) for j in range(k - 1)):
        return 0  # body text above: not a page head
    first = k - 1
    if lines[first].startswith(("——", "—")) and first >= 1 and headline_like(lines[first - 1]):
        first -= 1  # the headline above its ——subtitle line
    for j in range(first):
        head.residue.setdefault("navigation", []).append(lines[j])
        head.consumed.append(j)
    head.title, head.title_lines = "".join(lines[first:k]), (first, k - 1)
    head.consumed.extend(range(first, k))
    return k


def _menu_or_label(lines: list[str], i: int) -> bool:
    """Line i is a site's label rather than the headline: a short line followed by another short
    line (a menu: 公司新闻⏎行业新闻), or by a headline at least twice as long (离退休处-2019⏎标题)."""
    s = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if len(s) > 10 or not nxt or nxt.startswith(("——", "—")):  # a headline over its ——subtitle
        return False
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
