"""The page fields the residue passes already took out of the text, read back: meta lines, a bare time
stamp, an e-paper's masthead or issue, a unit named as a level of a breadcrumb, a repost note, and the
credits of datelines and trailers (ingest.webcredits)."""

from __future__ import annotations

import re

from ingest import vocab, webcredits
from ingest.headline import disclosure_fields
from ingest.webmeta import _DATETIME_LEAD_RE, _ISSUE_DATE_RE, WebMeta, parse_iso, parse_meta
from ingest.webresidue import dated_chrome, simplified

# a breadcrumb that names the paper: 当前位置：XX日报 第2019-03-20期 …
_CRUMB_MEDIUM_RE = re.compile(
    rf"(?:{vocab.alternation('web_page.tsv', 'trail_label')})\s*[:：]\s*(?P<medium>[\u4e00-\u9fff]{{2,10}}(?:日报|晚报|报))"
)
# the issue or page the e-paper's breadcrumb names after the paper (第5933期 第A3版)
_EDITION_RE = re.compile(r"\s*(?:第\s*\d+\s*期|第\s*[A-Z]?\d+\s*版)")
# an e-paper's masthead the chrome pass took: 某某老年报 数字报纸, 某某日报电子版
_EPAPER_MEDIUM_RE = re.compile(
    r"^(?P<medium>[\u4e00-\u9fff]{2,12}?(?:日报|晚报|报))\s*(?:数字报纸|数字报刊|数字报|电子版|电子报)$"
)

# who publishes the paper, named in its imprint (某某日报社出版, 某某日报报业集团出版)
_IMPRINT_RE = re.compile(
    r"(?P<medium>[\u4e00-\u9fff]{2,12}?(?:日报报业集团|报业集团|日报社|报社|日报|晚报))出版"
)

# a repost note or an original-content credit the chrome pass took: the medium it names is the source
_REPOST_RE = re.compile(
    r"^(?:(?:本文|本篇|文章|内容)?(?:转自|转载自|转载于|来源于)\s*[:：]?\s*(?P<unit>[\u4e00-\u9fff]{2,20})"
    r"|(?P<unit2>[\u4e00-\u9fff]{2,12}(?:日报|晚报|报|网|客户端|融媒|云媒))(?:、[\u4e00-\u9fff]{2,16})*原创)$"
)


_CRUMB_SPLIT_RE = re.compile(r"\s*(?:>>|>|＞|»|›)\s*")
_CRUMB_UNIT_RE = re.compile(
    r"^(?:中共)?[\u4e00-\u9fff（）]{2,24}(?:委员会|老干部局|老干局|组织部|局|厅|委|办公室|大学|学院|医院|协会)$"
)


def crumb_parts(line: str) -> list[str]:
    """The levels of a breadcrumb (当前位置：首页>>工作动态 → [当前位置：首页, 工作动态]); [] for other lines."""
    if not re.search(r"(?:>>|>|＞|»|›)", line):
        return []
    return [p.strip() for p in _CRUMB_SPLIT_RE.split(line) if p.strip()]


# a trail that opens with the site's own name where others print 首页 (当前位置：《某某网》> 某乡 > 正文)
_CRUMB_SITE_RE = re.compile(
    r"^(?:您|你)?(?:当前|现在)?(?:所在)?的?位置\s*[:：]\s*《?(?P<site>[\u4e00-\u9fff]{2,10}(?:网|日报|晚报|报|在线))》?$"
)


def _crumb_unit(line: str) -> str | None:
    """A unit named as a level of a breadcrumb (首页 > 中共XX市委老干局 > 工作动态), or the site named as
    its first level (当前位置：《某某网》>), or None."""
    parts = crumb_parts(line)
    if not parts:
        return None
    site = _CRUMB_SITE_RE.match(parts[0])
    if site:
        return site["site"]
    units = [p for p in parts[1:-1] if _CRUMB_UNIT_RE.match(p)]
    return units[0] if len(units) == 1 else None


def _lead_stamp(prefix: str) -> str | None:
    """The time stamp that leads a meta row, or None (a forum portal puts a bar after it:
    2021-4-29 10:31| 发布者: …)."""
    stamp = prefix.rstrip("/ |｜")
    return stamp if stamp and parse_iso(stamp) else None


def meta_from_residue(residue: dict[str, list[str]], meta: WebMeta) -> None:
    """Fields of meta lines that the residue pass already took out of the text, and the units a
    news page names in its dateline (XX日报讯, 新华网贵阳1月7日电), a （XX供稿） note or a trailer
    (《XX报》（2024年8月15日）)."""
    for kind in ("web", "info", "editor", "byline"):
        for item in residue.get(kind, []):
            prefix, pairs = parse_meta(item)
            stamp = _lead_stamp(prefix)
            if pairs and stamp:  # 2021-11-03 11:20:22 来源：XX日报
                meta.add("date", stamp)
            for k, value in pairs:
                meta.add(k, value)
    for item in residue.get(
        "paywall", []
    ):  # a sharing site's file card (上传人：… 上传时间：2017-06-15 页数：…)
        for kind, value in parse_meta(item)[1]:
            if kind == "date":
                meta.add(kind, value)
    for kind, value in webcredits.credits(residue):
        meta.add(kind, value)
    # a bare time stamp line the chrome pass took (2022-09-13 17:23:26) — one, not a list of linked
    # stories' stamps —, an e-paper's issue in a breadcrumb
    items = [*residue.get("navigation", []), *residue.get("web", [])]
    stamps = {item for item in items if _DATETIME_LEAD_RE.match(item) and len(item) <= 25}
    for item in items:
        lead, row = parse_meta(item)  # a meta row the chrome pass took whole (撰写时间: | 2019-11-04 | …)
        for k, value in row:
            if k == "date":
                meta.add(k, value)
        stamp = _lead_stamp(lead)
        if row and stamp:  # 2021-4-29 10:31| 发布者: …| 查看: 99: the time opens the row
            meta.add("date", stamp)
        dated = any(k == "date" for k, _ in row) or bool(stamp)
        for k, value in row:  # … | 来源: | 某某区委老干部局 |: a unit's name beside the date
            if k == "source" and dated and not meta.first("source") and webcredits.UNIT_END_RE.search(value):
                meta.add(k, value)
        for k, value in disclosure_fields(item):  # 发文机关: | 某某局 | 发文日期: | |: a disclosure row
            if not meta.first(k):
                meta.add(k, value)
        if item in stamps and len(stamps) == 1:
            meta.add("date", item)
        epaper = _EPAPER_MEDIUM_RE.match(simplified(item).strip())
        if epaper:
            meta.add("source", epaper["medium"])
        imprint = _IMPRINT_RE.search(simplified(item)) if "刊号" in item else None
        if imprint:  # 国内统一刊号:CN00-0000 某某日报报业集团出版: the paper's publisher
            meta.add("source", imprint["medium"])
        crumb_unit = _crumb_unit(simplified(item))
        if crumb_unit:  # 首页>中共XX市委老干局>工作动态: the site's owner, a source when nothing else is
            meta.add("source", crumb_unit)
        repost = _REPOST_RE.match(simplified(item).strip())
        if repost:  # 本文转自：某某日报客户端 / 某某日报、某某云媒客户端原创
            meta.add("source", repost["unit"] or repost["unit2"])
        dated = dated_chrome(item)
        if dated:  # 2017-01-21 发布于贵州, http://… 2006年06月23日 12:12 某某网-某某日报 (web_page.tsv)
            meta.add("date", dated["date"])
            if dated.groupdict().get("medium"):
                meta.add("source", dated["medium"])
        issue = _ISSUE_DATE_RE.search(item)  # 当前位置：XX日报 第2019-03-20期 第A4版
        if issue:
            meta.add("date", issue["date"])
        medium = _CRUMB_MEDIUM_RE.search(simplified(item))
        if medium and (issue or _EDITION_RE.match(simplified(item), medium.end())):
            meta.add("source", medium["medium"])  # (当前位置：XX晚报 第5933期 第A3版：XX人物, no date)


# a photographer's credit naming the medium he works for (某某社记者 张三 摄, 某某晚报特派某地记者 张三 摄)
_CAPTION_MEDIUM_RE = re.compile(
    r"(?P<medium>[\u4e00-\u9fff]{2,8}?(?:通讯社|日报|晚报|报|社|网|电视台))(?:全媒体|全媒)?(?:特派[\u4e00-\u9fff]{0,4}?)?"
    r"(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}\s*摄"
)
# a photographer's credit with the medium after it (张三 摄/某某社)
_CAPTION_AFTER_RE = re.compile(
    r"^[\u4e00-\u9fff·]{2,4}\s*摄\s*[/／]\s*(?P<medium>[\u4e00-\u9fff]{2,8}(?:通讯社|日报|晚报|报|社|网|电视台))$"
)
# a trail ending at a medium's name (新闻中心 > 综合 > 某某日报): the paper the portal took the story from
_CRUMB_MEDIUM_END_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:日报|晚报|报)$")
# a trail starting at a news site's name (人民网 >> 某某频道): the site that ran the story
_CRUMB_SITE_ROOT_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:网|日报|晚报)$")


def fallback_source(residue: dict[str, list[str]]) -> str | None:
    """The medium a page names only in what the residue passes took out: the last level of its trail, its
    photographer's credit, or a news site's name at the root of its trail. The page's source when nothing
    else names one."""
    for item in residue.get("navigation", []) + residue.get("web", []):
        parts = crumb_parts(simplified(item))
        if len(parts) >= 2 and _CRUMB_MEDIUM_END_RE.match(parts[-1]):
            return parts[-1]
    for item in residue.get("caption", []):
        credit = _CAPTION_MEDIUM_RE.search(simplified(item)) or _CAPTION_AFTER_RE.match(simplified(item))
        if credit:
            return credit["medium"]
    for item in residue.get("navigation", []) + residue.get("web", []):
        parts = crumb_parts(simplified(item))
        if len(parts) >= 2 and _CRUMB_SITE_ROOT_RE.match(parts[0]):
            return parts[0]
    return None
