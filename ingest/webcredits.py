"""Credits a news page gives outside its meta lines: the medium of a dateline (XX日报讯, 新华网贵阳
1月7日电, 本报北京6月27日讯 新华社记者…), of a reporter's credit (《老人春秋》记者, 中国气象报通讯员…报道),
a （XX供稿） or （来源：XX） note, a closing （XX离退休干部党委） line, a trailer 《XX报》（2024年8月15日）.

Read from the residue the web-residue pass kept (ingest.webresidue): (kind, value) pairs for
ingest.webhead's meta fields, ``source`` for a medium or a noted source, ``author`` for a unit that
wrote or contributed the piece.
"""

from __future__ import annotations

import re

from ingest.creditline import medium_credit
from ingest.webresidue import simplified
from policykg.personnames import name_shaped

# a name that ends like a unit (…委员会, …局, …大学, …日报): a unit, not a person
UNIT_END_RE = re.compile(
    r"(?:委员会|工委|党委|党组|总支|支部|委|局|部|部门|处|厅|办|办公室|中心|公司|集团|学校|大学|学院|医院|院|政府|政协|"
    r"协会|学会|联合会|工会|协|街道|社区|村|站|段|馆|队|报|日报|晚报|报社|网|电视台|广播电视台|融媒体中心|杂志|杂志社|客户端|新闻)$"
)

_CONTRIBUTED_RE = re.compile(
    # (one bracketed part may sit inside the unit's name: （某某处(某某集团)工会 供稿）)
    r"[（(]\s*(?P<unit>(?:[^（）()]|[（(][^（）()]{1,12}[)）]){3,30}?)\s*(?:供稿|来稿|撰稿)\s*[)）]"
    r"|^(?P<line_unit>[^（）()\s]{3,30}?)\s*(?:供稿|来稿)$"
)
_DATELINE_RE = re.compile(
    r"^(?:本报|本台|本网|本刊)?(?!本报|本台|本网|本刊|通讯员|记者|见习|实习|特约)(?P<medium>[^\s（(\d]{1,10}?(?:日报|晚报|报(?!道)|网|社|台(?!湾)|客户端|融媒体中心|融媒|新媒体|在线|新闻网?|之声|信息港))"
)
# a dateline naming any medium before 讯 / 报道 and its reporter's credit: 云上某县讯（记者 张三）
_BARE_DATELINE_RE = re.compile(
    r"^(?!本报|本台|本网|本刊)(?P<medium>[\u4e00-\u9fff]{2,10}?)(?:讯|报道)\s*[（(]\s*(?:见习|实习|特约)?(?:记者|通讯员)"
    r"|^(?P<app>云上[\u4e00-\u9fff]{2,4}?)(?:讯|报道)"  # a county's 云上某某 app needs no credit after it
)
# a credit line naming any medium, its writers and where they reported from: 某某时刻通讯员 张三 某地报道
_REPORTED_BY_RE = re.compile(
    r"^(?!本报|本台|本网|本刊)(?P<medium>[\u4e00-\u9fff]{2,8}?)(?:全媒体|全媒)?(?:见习|实习|特约)?(?:记者|通讯员)"
    r"[\u4e00-\u9fff·\s、，,]{2,20}?报道\s*[:：]?$"
)
# the day and hour a dateline gives before its 讯, after the medium and its app (-某某客户端10月26日17时30分讯)
_DAY_THEN_XUN_RE = re.compile(r"[-—－]?[\u4e00-\u9fff]{0,10}?\d{1,2}月\d{1,2}日(?:\d{1,2}[时:]\d{1,2}分?)?讯")
# a site's own dateline and the unit that sent the story: 本网讯（某某省退教协）
_OWN_DATELINE_UNIT_RE = re.compile(r"^(?:本报|本台|本网|本刊)讯\s*[（(](?P<unit>[\u4e00-\u9fff]{2,20})[)）]")
# the writers in brackets right after a medium's name: 某某在线（张三 李四）
_WRITERS_AFTER_RE = re.compile(r"\s*[（(][\u4e00-\u9fff·\s、，,]{2,16}[)）]")
# where the piece was printed: （本文刊登于2024年8月15日《某某日报》第8版）
_PRINTED_IN_RE = re.compile(
    r"刊(?:登|发|载)于\s*(?P<day>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)?\s*《\s*(?P<medium>[^》]{2,16}?)\s*》"
)
# a medium named in a byline: （文图《老人春秋》记者 …）
_MEDIUM_IN_BYLINE_RE = re.compile(
    r"《\s*(?P<medium>[^》]{2,16}?)\s*》(?P<kind>[\u4e00-\u9fff]{0,2}(?:周刊|杂志|画报|新闻|客户端))?\s*"
    r"(?:全媒体|全媒)?(?:记者|通讯员)"
)  # (《某某》新闻周刊记者: the magazine's whole name)
# a closing credit of a medium's local station and its reporters: （某某广播电视台全媒体某市记者站：张三 李四）
_STATION_CREDIT_RE = re.compile(
    r"^[（(]\s*(?P<medium>[\u4e00-\u9fff]{2,16}?(?:广播电视台|电视台|日报社?|报社|融媒体中心|传媒中心|广播电台))"
    r"(?:全媒体|全媒)?[\u4e00-\u9fff]{0,6}记者站"
)
# a dateline's credit naming the paper and its app before their reporter: 本报讯（某某日报、某报融媒记者 张三）
_LISTED_MEDIA_CREDIT_RE = re.compile(
    r"[（(]\s*(?!本报|本台|本网|本刊)(?P<medium>[\u4e00-\u9fff]{2,10}?(?:日报|晚报|报|网|电视台|广播电视台))"
    r"、[^（）()]{1,12}?(?:全媒体|全媒)?(?:记者|通讯员)"
)
# a dateline's credit naming a local medium and its writers, spaces perhaps lost: 本报讯（某县融媒体中心 张三 李四）
_DATELINE_MEDIUM_WRITERS_RE = re.compile(
    r"^(?:本报讯|本网讯|本台讯)\s*[（(]\s*(?P<medium>[\u4e00-\u9fff]{2,12}?(?:融媒体中心|传媒中心|广播电视台|电视台))"
    r"(?:全媒体)?(?:记者|通讯员)?\s*[\u4e00-\u9fff·、，,\s]{2,24}[)）]"
)
# a credit naming the reporter's medium anywhere in a byline: …讯 新华社记者张三、本报记者李四报道
_MEDIUM_CREDIT_RE = re.compile(
    r"(?:^|[\s、，,（(·/]|(?<!通)讯)(?!本报|本台|本网|本刊|[文图摄]本)(?P<medium>[\u4e00-\u9fff]{2,10}?"
    r"(?:日报|晚报|报|社|台(?!湾)|网|客户端|新闻网?|之声|融媒体中心|传媒中心|广电)"
    r"(?:(?<=日报|晚报)(?:(?!全媒|记者|通讯)[\u4e00-\u9fff]){1,4}?(?=记者|通讯员))?"  # 某某日报新花城记者: its app
    r"(?:[A-Za-z]{2,10}(?=记者|通讯员))?)"  # 看看新闻Knews记者: the medium's Latin brand
    # a second medium the reporter also writes for (某某晨报·上游新闻记者, 某某日报、某报全媒体记者)
    r"(?:[·、][\u4e00-\u9fff]{1,10}?(?:日报|晚报|报|网|台|客户端|新闻|融媒))?"
    # (a correspondent sent to a place: 某某晚报特派某地记者)
    r"(?:全媒体|全媒)?(?:实习|特约|特派[\u4e00-\u9fff]{0,4}?)?(?:记者|通讯员)"
)
# a reporter's label whose value is the medium and then the reporters (记者：某县融媒体中心 张三 李四)
_LABELLED_MEDIUM_RE = re.compile(
    r"^(?:记者|通讯员|文|撰稿)\s*[:：/]\s*(?P<medium>[\u4e00-\u9fff]{2,16}?"
    r"(?:融媒体中心|传媒中心|广播电视台|电视台|日报|晚报|新闻网|客户端))\s*[\u4e00-\u9fff·][\u4e00-\u9fff·\s、]{1,15}$"
)
# a source note in brackets closing the text: （来源：XX市委组织部）
_SOURCE_NOTE_RE = re.compile(
    r"^[（(]\s*(?:(?:时间|日期)\s*[:：]\s*[\d\-/.年月日:\s]{6,24}?\s*)?"
    r"(?:来源|稿源|信息来源|文章来源|转自|转载自|本文转自)[:：]?\s*(?P<unit>[^（）()。]{2,30}?)\s*"
    # (the note may go on with the other credits: 撰稿：张三 审核：李四 编辑：王五)
    r"(?:\s(?:撰稿|撰文|供稿|配图|图片|摄影|审核|审稿|编辑|责编|校对|文|图)\s*[:：][^（）()]*)?[)）]$"
)
# a closing note of a unit and its office, set apart by spaces: （某某分馆  综合办公室）
_UNIT_OFFICE_NOTE_RE = re.compile(
    r"^[（(]\s*(?P<unit>[\u4e00-\u9fff]{2,20})\s+(?P<office>[\u4e00-\u9fff]{2,12}"
    r"(?:办公室|处|科|室|部|中心|办|党委|党总支|总支|支部))\s*[)）]$"
)
# a medium's closing credit for what it produced: 某某融媒体中心出品
_PRODUCED_BY_RE = re.compile(
    r"^(?P<medium>[\u4e00-\u9fff]{2,16}(?:融媒体中心|融媒|新媒体|日报社?|报社|电视台|广播电视台|新闻中心|传媒|客户端))\s*(?:出品|制作|监制)$"
)
# what a credit says someone gave: 文, 图, 摄影 …, or two of them (文、图/张三、李四)
_ROLE = r"(?:文|图|摄影|审核|编辑|审稿|供图)"
_ROLES = rf"{_ROLE}(?:\s*[、和]\s*{_ROLE})?"
# a closing line that is a unit alone in brackets: （XX大学离退休干部党委）/ （XX科 张三）/ （XX党总支 文/张三
# 审核/李四）/ an unclosed （离退办 张三
_UNIT_NOTE_RE = re.compile(
    rf"^[（(]\s*(?P<unit>[^（）()\s/／]{{3,30}})(?:\s+[\u4e00-\u9fff·]{{2,4}})?(?:\s+{_ROLES}\s*[/／\\:：].*)?\s*[)）]?$"
)
# a closing credit of the unit, the writer and what was given, spaces lost: （某某服务处张三文/图）
_NOTE_UNIT = r"[\u4e00-\u9fff]{2,30}?(?:委员会|党委|党总支|总支|工委|局|处|科|室|办公室|办|中心|协会|协|老促会|关工委|支部|团委|学院|大学|医院)"
_UNIT_WRITER_RE = re.compile(
    rf"^[（(]\s*(?P<unit>{_NOTE_UNIT})\s*[\u4e00-\u9fff·]{{2,4}}\s*(?:文/图|图/文|文图|文|图|摄)\s*[)）]$"
)
# the same without the role, the writer's name run onto the unit (（某某水文局张三）): a name-shaped writer only
_UNIT_THEN_WRITER_RE = re.compile(
    rf"^[（(]\s*(?P<unit>{_NOTE_UNIT})\s*(?P<writer>[\u4e00-\u9fff]{{2,3}})\s*[)）]$"
)
_TRAILER_RE = re.compile(r"^《\s*(?P<medium>[^》]{2,16}?)\s*》")
_TRAILER_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# a writer's credit naming the writers' unit before their names (文/某某大学某某学院 张三 李四, spaces lost)
_WRITERS_UNIT_RE = re.compile(
    r"^(?:文|撰文|文图|图文)\s*[/／:：]\s*(?P<unit>[\u4e00-\u9fff]{3,30}(?:学院|大学|医院|研究院|研究所|中心|委员会|党委|局|处))"
    r"\s*[\u4e00-\u9fff·]{2,4}(?:[、，,\s]*[\u4e00-\u9fff·]{2,4}){0,3}$"
)
# a medium and its writer in brackets that opened the story (某某网(张三)): the medium is the source
_MEDIUM_WRITER_RE = re.compile(
    r"^(?P<medium>[\u4e00-\u9fff]{2,10}(?:网|报|台|客户端|新闻网))\s*[（(][\u4e00-\u9fff·、\s]{2,20}[)）]$"
)
# a closing credit of the unit, a colon and its writers: （某某公路段：张三、李四）
_UNIT_COLON_WRITERS_RE = re.compile(
    r"^[（(]\s*(?P<unit>[^（）()\s:：]{3,30})\s*[:：]\s*[\u4e00-\u9fff·]{2,4}(?:[、，,\s]+[\u4e00-\u9fff·]{2,4}){0,4}\s*[)）]$"
)
# a closing credit naming the unit, then who wrote, photographed and checked it (spaces may be lost):
# （XX党总支 文/张三 图/李四 审核/王五）
_ROLE_CREDIT_RE = re.compile(
    rf"^[（(]\s*(?P<unit>[^（）()\s/／]{{3,30}}?(?:处|科|室|办|办公室|局|中心|党委|党总支|总支|支部|工委|团委|学院|大学|医院))"
    rf"\s*{_ROLES}\s*[/／\\:：]"
)


# a medium in lenticular brackets opening the story: 【某某网】（记者 张三）
_BRACKETED_DATELINE_RE = re.compile(
    r"^【(?P<medium>[\u4e00-\u9fff]{1,10}(?:网|报|台|社|客户端|在线|融媒|新闻))】"
)
# who produced the piece, after its label: 出品/某某新闻
_PRODUCED_AFTER_LABEL_RE = re.compile(
    r"^(?:出品|出品方|出品单位)\s*[/／:：|｜]\s*(?P<medium>[\u4e00-\u9fffA-Za-z]{2,16})$"
)
# a reposting site's note on who shared the piece: 此文由 某某 分享发布
_SHARED_BY_RE = re.compile(r"此文由\s*(?P<unit>[^\s,，。]{2,16})\s*分享发布")

# a dateline's 讯, not the one inside a company's or a column's name (腾讯, 资讯); a 通讯员's credit
# after a medium's name (某某报·某某视频记者 张三 通讯员 李四) still names the medium
_XUN_RE = re.compile(r"(?<![腾资])讯")

# a labelled credit whose value names the contributing unit, perhaps with its writer:
# 撰稿人：中共XX县委组织部 张三 / 供稿：离退休办公室
_LABELLED_CREDIT_RE = re.compile(r"^(?:撰稿|撰文|供稿|来稿)(?:人|单位)?\s*[:：]\s*(?P<value>\S.{1,60})$")


def _without_writer(unit: str) -> str:
    """某某县科协李建民 (a closing line's unit and its writer, the space lost) → 某某县科协."""
    for k in (3, 2):
        if len(unit) - k >= 3 and name_shaped(unit[-k:]) and UNIT_END_RE.search(unit[:-k]):
            return unit[:-k]
    return unit


def _labelled_unit(s: str) -> str | None:
    m = _LABELLED_CREDIT_RE.match(s)
    if not m:
        return None
    first = re.split(r"[\s、，,/]+", m["value"].strip())[0]
    return first if len(first) >= 3 and UNIT_END_RE.search(first) else None


def credits(residue: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(kind, value) of every credit in the residue's bylines and trailers, in reading order."""
    out: list[tuple[str, str]] = []
    for item in residue.get("byline", []):
        s = simplified(item).strip()
        contributed = _CONTRIBUTED_RE.search(s)
        # （XX供稿）, or a closing line XX区委老干部局 供稿 (its writer's name perhaps run on)
        if contributed:
            out.append(("author", contributed["unit"] or _without_writer(contributed["line_unit"])))
        labelled = None if contributed else _labelled_unit(s)
        if labelled:
            out.append(("author", labelled))
        noted = _SOURCE_NOTE_RE.match(s)
        if noted:
            out.append(("source", noted["unit"]))
        office = _UNIT_OFFICE_NOTE_RE.match(s)
        if office:  # （某某分馆  综合办公室）: the unit's office wrote it
            out.append(("author", office["unit"] + office["office"]))
        produced = _PRODUCED_BY_RE.match(s)
        if produced:
            out.append(("source", produced["medium"]))
        dateline = _DATELINE_RE.match(s)
        dated = (
            dateline
            and (
                bool(_XUN_RE.search(s[:16]))
                or bool(_DAY_THEN_XUN_RE.match(s, dateline.end()))  # 某某网-某某客户端10月26日17时30分讯
                or "电" in s[:20]
                or "消息" in s[:16]
                or s.rstrip(" ：:").endswith("报道")
                or bool(_WRITERS_AFTER_RE.match(s, dateline.end()))  # 某某在线（张三 李四）
            )
        )
        if dated:
            out.append(("source", dateline["medium"]))  # type: ignore[index]
        # 云上某县讯（记者…）, 某某观察报道（见习记者…）: an app's name needs no 报/网 to be the medium
        bare = None if dated else _BARE_DATELINE_RE.match(s)
        if bare:
            out.append(("source", bare["medium"] or bare["app"]))
        medium = (
            _STATION_CREDIT_RE.match(s)
            or _DATELINE_MEDIUM_WRITERS_RE.match(s)
            or _LISTED_MEDIA_CREDIT_RE.search(s)
            or _MEDIUM_IN_BYLINE_RE.search(s)
            or _MEDIUM_CREDIT_RE.search(s)
            or _MEDIUM_WRITER_RE.match(s)
            or _REPORTED_BY_RE.match(s)
            or _LABELLED_MEDIUM_RE.match(s)
        )
        if medium:
            kind = medium.groupdict().get("kind") or ""
            out.append(("source", medium["medium"] + kind))
        credited = medium_credit(s)
        if credited:  # 张三 某某观察 李四: the medium between its writers
            out.append(("source", credited))
        bracketed = _BRACKETED_DATELINE_RE.match(s)
        if bracketed:  # 【某某网】（记者…）: the medium's dateline in lenticular brackets
            out.append(("source", bracketed["medium"]))
        produced_by = _PRODUCED_AFTER_LABEL_RE.match(s)
        if produced_by:  # 出品/某某新闻
            out.append(("source", produced_by["medium"]))
        note = (
            _WRITERS_UNIT_RE.match(s)
            or _UNIT_WRITER_RE.match(s)
            or _UNIT_COLON_WRITERS_RE.match(s)
            or _UNIT_NOTE_RE.match(s)
            or _ROLE_CREDIT_RE.match(s)
        )
        named = _UNIT_THEN_WRITER_RE.match(s)
        if named and name_shaped(named["writer"]) and not (note and UNIT_END_RE.search(note["unit"])):
            note = named  # （某某水文局张三）: the unit, its writer's name run on
        if note and not contributed and not labelled and not noted and UNIT_END_RE.search(note["unit"]):
            out.append(("author", note["unit"]))
        own = _OWN_DATELINE_UNIT_RE.match(s)
        if own and UNIT_END_RE.search(own["unit"]):  # 本网讯(某某省退教协): the unit that sent it
            out.append(("author", own["unit"]))
        printed = _PRINTED_IN_RE.search(s)
        if printed:  # （本文刊登于2024年8月15日《某某日报》第8版）: the paper, and the day it printed it
            out.append(("source", printed["medium"]))
            if printed["day"]:
                out.append(("date", printed["day"]))
    for item in residue.get("disclaimer", []):
        shared = _SHARED_BY_RE.search(simplified(item))
        if shared:  # 此文由 某某 分享发布，并不意味本站赞同其观点: the account that posted it
            out.append(("source", shared["unit"]))
    for item in residue.get("trailer", []):
        trailer = _TRAILER_RE.match(simplified(item))
        if trailer:
            out.append(("source", trailer["medium"]))
            issued = _TRAILER_DATE_RE.search(simplified(item))
            if issued:  # 《某某日报》( 2024年07月09日 第 05 版 ): the day the paper printed it
                out.append(("date", issued.group()))
    return out


# a medium's reporter at work in the text: 某某快报记者了解到, 据某某日报记者从…获悉
_REPORTER_AT_WORK_RE = re.compile(
    r"(?:^|[，,。；\s据])(?!本报|本台|本网|本刊)(?P<medium>[\u4e00-\u9fff]{2,8}?"
    r"(?:日报|晚报|快报|商报|报|新闻网|网|新媒体|客户端|电视台))(?:全媒体|全媒)?(?:记者|采访人员)(?:了解到|获悉|从|近日|日前|走访|采访|通过|来到|跟随|找到|见到|看到|注意到)"
)

# a publication named in its brackets whose reporter is at work: 《某某日报》记者在近期走访中…
_BRACKETED_REPORTER_RE = re.compile(
    r"《\s*(?P<medium>[^《》]{2,12}?)\s*》(?:全媒体|全媒)?(?:记者|采访人员)"
    r"(?:了解到|获悉|从|近日|日前|近期|走访|采访|通过|来到|跟随|在)"
)

# someone in the story speaking to a medium's reporter: …告诉某某青年报记者, 接受某某日报记者采访时说
_TOLD_REPORTER_RE = re.compile(
    r"(?:告诉|告知|接受|对)(?!本报|本台|本网|本刊)(?P<medium>[\u4e00-\u9fff]{2,8}?"
    r"(?:日报|晚报|快报|商报|报|新闻网|电视台))(?:全媒体|全媒)?记者"
)


_BRACKETED_REPORTER_SPAN = 3000


def bracketed_reporter(text: str) -> str | None:
    """The publication named in its brackets whose reporter is at work anywhere in the text's first
    part (《某某日报》记者在近期采访中…), or None."""
    hit = _BRACKETED_REPORTER_RE.search(simplified(text[:_BRACKETED_REPORTER_SPAN]))
    return hit["medium"] if hit else None


def reporter_medium(opening: str) -> str | None:
    """The medium whose reporter the opening of a text speaks of (现代快报记者了解到): the page's
    source when it names none otherwise."""
    text = simplified(opening[:800])
    hit = (
        _REPORTER_AT_WORK_RE.search(text)
        or _BRACKETED_REPORTER_RE.search(text)
        or _TOLD_REPORTER_RE.search(text)
        or _LISTED_MEDIA_CREDIT_RE.match(
            text.lstrip()
        )  # (某某日报、某报融媒记者 张三)随着…: the credit opens it
    )
    if hit:
        return hit["medium"]
    # a paragraph of the opening led by a dated dateline (某某网-某某客户端10月26日17时30分讯 …)
    for paragraph in text.split("\n"):
        dateline = _DATELINE_RE.match(paragraph.lstrip())
        if dateline and _DAY_THEN_XUN_RE.match(paragraph.lstrip(), dateline.end()):
            return dateline["medium"]
    return None
