"""Names as a page prints them, made clean: headlines, sources, unit names, acting units.

Pure string functions the profiles use: a headline without a site's additions, a 来源 value
without 收集/整理, two issuers written without a separator, and the unit a sentence opens with.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest import doctypes, vocab
from ingest import metadata as m
from policykg.text import to_simplified

_TAG_RE = re.compile(
    r"^(?:.{0,10}?[【\[](?:图文|图片|视频|组图|原创|转载|推荐|头条|置顶)[】\]]|(?:[【\[「][^】\]」]{1,10}[】\]」])+)\s*"
)
_URL_PREFIX_RE = re.compile(
    r"^.{0,30}?(?:https?://|www\.)[\w.-]+\.(?:com|cn|net|org)(?:\.cn)?/?\S*?(?=[\u4e00-\u9fff])"
)
# a site's record number before a headline (编号:897772…), its address and what follows after it
_RECORD_NO_RE = re.compile(
    r"^(?:编号|文章编号|ID)\s*[:：]\s*\d{3,}\s*|^\d{4,}\s*[-_—]\s*(?=[\u4e00-\u9fff“《])"
)
# a sharing site's file number before a document's name (101026-调研报告：…) is cut with the record number above
# a column's tag glued after the headline (…致以诚挚的问候要闻)
_COLUMN_TAIL_RE = re.compile(
    r"(?<=[\u4e00-\u9fff”》）)])(?<!工作)(?<!党建)(?<!新闻)(?<!一周)(?<!每日)(?<!今日)(?<!本周)(?:要闻|图片新闻|本地要闻)$"
)
_URL_TAIL_RE = re.compile(r"\s*(?:https?://|www\.)\S.*$")
# the label of an editor's note glued after a headline (…的感悟与展望编者按：)
_EDITOR_NOTE_TAIL_RE = re.compile(r"\s*(?:编者按|編者按)\s*[:：?？]?$")
_UI_WORD_RE = re.compile(r"^(?:close|Close|CLOSE|关闭|×)\s*(?=\S)")
_PART_PREFIX_RE = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+篇\s*[:：、.]|第\s*\d+\s*页\s*(?:[/，,]?\s*共\s*\d+\s*页)?)\s*"
)
# a site's column tag after a dash closing the headline (…受聘为网吧监督员-【新闻】), or its share button (…—分享—)
_DASH_TAG_TAIL_RE = re.compile(r"\s*[-—_|｜]\s*【[^】]{1,8}】$|\s*[-—]+\s*分享\s*[-—]*$")
# the site's name after a hyphen or an underscore closing a page title (…开幕式在我校举行-某某大学新闻网)
_SITE_NAME_TAIL_RE = re.compile(r"\s*[-_]\s*[\u4e00-\u9fff]{2,16}(?:新闻网|网站|网|门户|在线|报)$")
_COPY_LINK_RE = re.compile(r"\s*\[复制链接\]$")
# a counter after a headline: a series' part on news pages (…座谈会(五)), but a sharing site's page or
# variant number after a template's genre word (…调研报告(3), …讲话稿(一)), see ``counter_genre``
_COUNTER_SUFFIX_RE = re.compile(r"\s*[（(]\s*(?:\d{1,2}|[一二三四五六七八九十])\s*[)）]$")
_LIST_NUMBER_RE = re.compile(
    r"^\d{1,2}(?:[、．.]\s*)?(?=[\u4e00-\u9fff])(?![年月日个人条项名家万位岁周届次期天后多余])"
)
# a commentary column's name leading a headline (某某网评：…), or a site's name glued to its 正文 crumb (新华网正文…)
_COLUMN_LEAD_RE = re.compile(
    r"^[\u4e00-\u9fff]{2,6}(?:网评|網評|时评|時評|快评|快評|锐评|銳評)\s*[:：丨|｜]\s*|^[\u4e00-\u9fff]{2,6}[网網]\s*正文\s*"
)
# a list's day glued before the headline (03.08乾县：…), zero-padded as lists print it (3.15 is a day's name)
_LIST_DAY_RE = re.compile(r"^(?:0[1-9]|1[0-2])[.\-/](?:0[1-9]|[12]\d|3[01])\s*(?=[\u4e00-\u9fff])")


SHARED_FILE_RE = re.compile(r"^《(?P<title>[^《》]{4,80}?)\.(?:docx?|pdf|pptx?|wps|txt)》")
# a medium and a time stamp glued to the end of a headline (…老有所为开屏新闻2022-11-14 18:13)
# the day of a page's time stamp, in the forms sites print it (2030-01-02, 2030/1/2, 2030年01月02日)
# (a year set apart by a space before month/day: 2026 01/22 17:04:51)
STAMP_DAY = (
    r"(?:19|20)\d{2}(?:[-/.]\d{1,2}[-/.]\d{1,2}|\s+\d{1,2}/\d{1,2}(?!\d)|\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
)
TIME_STAMP_TAIL_RE = re.compile(
    rf"\s*(?P<date>{STAMP_DAY}\s*\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?)"
    r"(?:\s*[\u4e00-\u9fff]{2,3})?\s*$"  # …22:20湖南: a post's IP province after its time
)  # …合唱团2021-12-10 15.30: some sites print the hour with a dot
# a sharing site's page suffix after the file name (…考察报告3篇_第1页)
_PAGE_SUFFIX_RE = re.compile(r"[_\s]*第\s*\d+\s*[页頁]$")


def shared_file_title(line: str) -> str | None:
    """The file name a document-sharing site's line gives (《XX.docx》由会员分享…), or None."""
    found = SHARED_FILE_RE.match(line.strip())
    return found["title"] if found else None


_ORIGINAL_HEADLINE_RE = re.compile(r"^[（(]\s*原标题\s*[:：]\s*(?P<title>[^（）()]{6,}?)\s*[)）]$")


def clean_headline(title: str) -> str:
    """A headline without the site's additions: a leading tag or column ([图文], 【最美夕阳红】), a
    URL, 第一篇：, a list number (4老干部…), a page counter ((3)), a kicker before ``|``, or the
    page's repetition of the headline itself."""
    t = title.strip()
    original = _ORIGINAL_HEADLINE_RE.match(t)
    if original:  # （原标题：…） printed where the headline was: the headline it first ran under
        t = original["title"]
    shared = SHARED_FILE_RE.match(t)
    if shared:  # 《XX.docx》由会员分享: the shared file's name
        t = shared["title"]
    t = TIME_STAMP_TAIL_RE.sub("", t) or t
    t = _UI_WORD_RE.sub("", t) or t
    t = _EDITOR_NOTE_TAIL_RE.sub("", t) or t
    t = _COLUMN_TAIL_RE.sub("", t) if len(_COLUMN_TAIL_RE.sub("", t)) >= 8 else t
    t = _RECORD_NO_RE.sub("", t) or t
    t = _URL_TAIL_RE.sub("", t) if len(_URL_TAIL_RE.sub("", t)) >= 6 else t
    t = _URL_PREFIX_RE.sub("", t) or t
    t = _TAG_RE.sub("", t) or t
    t = _PART_PREFIX_RE.sub("", t) or t
    t = _COPY_LINK_RE.sub("", t) or t
    t = _DASH_TAG_TAIL_RE.sub("", t) or t
    t = _SITE_NAME_TAIL_RE.sub("", t) if len(_SITE_NAME_TAIL_RE.sub("", t)) >= 8 else t
    t = _strip_page_counter(t)
    t = _PAGE_SUFFIX_RE.sub("", t) or t
    t = _LIST_DAY_RE.sub("", t) or t
    t = _LIST_NUMBER_RE.sub("", t) or t
    t = _COLUMN_LEAD_RE.sub("", t) if len(_COLUMN_LEAD_RE.sub("", t)) >= 6 else t
    if "|" in t or "｜" in t:  # 争一流 当冠军 | 标题, or 标题 | 网站名: the headline is the longest part
        # (a kicker set off by 丨, 延庆好乡亲丨…, is kept: annotators read it as the headline's own)
        t = max(re.split(r"\s*[|｜]\s*", t), key=len) or t
    t = _TITLE_LABEL_RE.sub("", t) or t
    t = _headline_label_re().sub("", t) or t
    t = _SEO_ALT_RE.sub("", t) or t
    t = _WRITER_TAIL_RE.sub("", t) or t
    t = _REPORTER_TAIL_RE.sub("", t) if len(_REPORTER_TAIL_RE.sub("", t)) >= 8 else t
    t = _FILE_TAIL_RE.sub("", t) or t
    t = _YEAR_GLUED_RE.sub("", t) or t
    t = _SPAM_PREFIX_RE.sub("", t) if len(_SPAM_PREFIX_RE.sub("", t)) >= 6 else t
    t = _strip_tag_suffix(t)
    half = len(t) // 2
    if len(t) % 2 == 0 and half >= 4 and t[:half] == t[half:]:
        t = t[:half]
    return t


# a mirror site's keywords glued before the headline, ending at a colon (gtx1060烈焰战神s和u:12年迎新春茶话会):
# Latin letters and digits mixed into a short run of words the headline does not need (APP上线：… stays)
_SPAM_PREFIX_RE = re.compile(
    r"^(?=[^:：]{0,24}[A-Za-z]{2})(?=[^:：]{0,24}\d)(?=[^:：]*[\u4e00-\u9fff])[^:：\s]{4,24}[:：]\s*"
)


@lru_cache(maxsize=1)
def _headline_label_re() -> re.Pattern[str]:
    """A genre or column label before a colon (经验做法：…), from ``web_page.tsv``."""
    labels = vocab.alternation("web_page.tsv", "headline_label")
    return re.compile(rf"^(?:{labels})\s*[:：]\s*(?=\S{{6,}})")


# a template site's field label (标题：在…上的讲话)
_TITLE_LABEL_RE = re.compile(r"^(?:原标题|原標題|标题|標題|题目|題目|文章标题|文章標題)\s*[:：]\s*")
# a template site's second wording after an underscore (…活动方案_退休老干部活动策划方案): Chinese
# headlines have no underscore of their own
_SEO_ALT_RE = re.compile(r"(?<=[\u4e00-\u9fff”》）)])_[^_]{4,}$")
# a paper site's genre and writer after an underscore (…管理工作论文_王五), a shared file's extension
# and its VIP mark (….docVIP)
_WRITER_TAIL_RE = re.compile(r"(?<=[\u4e00-\u9fff”》）)])(?:论文|范文)?_[\u4e00-\u9fff]{2,4}$")
# a paper's own reporter glued to the end of the headline (…成就展侧记本报记者某某)
_REPORTER_TAIL_RE = re.compile(
    r"(?<=[\u4e00-\u9fff”》）)])\s*(?:本报|本台|本网|本刊)(?:见习|实习|特约)?(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}"
    r"(?:[、\s]+(?:(?:记者|通讯员)\s*)?[\u4e00-\u9fff·]{2,4}){0,3}$"
)
_FILE_TAIL_RE = re.compile(r"\.(?:docx?|pdf|wps|txt|pptx?)\s*(?:VIP|vip)?$", re.IGNORECASE)
# a year a sharing site glues before the headline (2021关于…调查报告); 2021年… keeps its 年
_YEAR_GLUED_RE = re.compile(r"^(?:19|20)\d{2}(?=关于|關於)")


def _strip_page_counter(title: str) -> str:
    """…调研报告(3) → …调研报告; a series' part (…在行动(四)) is the headline's own."""
    found = _COUNTER_SUFFIX_RE.search(title)
    if found is None:
        return title
    head = title[: found.start()]
    return head if any(p.search(head) for p in vocab.patterns("web_page.tsv", "counter_genre")) else title


_BRACKET_SUFFIX_RE = re.compile(r"\s*[（(](?P<inner>[^（）()]{1,24})[)）]$")


def _strip_tag_suffix(title: str) -> str:
    """A headline without a site's closing tag in brackets (…新地图(吴中区地标), …汇编(3篇)); a bracket
    that belongs to the title (（试行）, （2023年版）, （第3期）) stays (ingest/data/web_page.tsv)."""
    found = _BRACKET_SUFFIX_RE.search(title)
    if found is None or found.start() < 6:
        return title
    inner = to_simplified(found["inner"].strip())  # 精選7篇 reads as 精选7篇
    if any(p.search(inner) for p in vocab.patterns("web_page.tsv", "title_suffix_kept")):
        return title
    return title[: found.start()].rstrip()


# the site's note on how it got the piece (华声在线收集), or the story's day run into the value (来源：i内江1月17日，…)
_SOURCE_NOTE_RE = re.compile(r"(?:收集|整理|转载|原创|综合)$|(?<=[\u4e00-\u9fffA-Za-z])\d{1,2}月\d{1,2}日$")


def strip_source_note(source: str) -> str:
    """A 来源 value without the site's note on how it got it (华声在线收集 → 华声在线)."""
    return _SOURCE_NOTE_RE.sub("", source)


def spam_name(name: str) -> bool:
    """A gambling or adult brand a hijacked page puts where a source or author stands (``spam_source``)."""
    return any(p.search(name) for p in vocab.patterns("web_page.tsv", "spam_source"))


_SITE_THEN_PAPER_RE = re.compile(
    r"^[\u4e00-\u9fff]{2,12}\s*[-—－]\s*(?P<paper>[\u4e00-\u9fff]{2,12}(?:报|报社))$"
)


_TITLED_KIND_RE = re.compile(r"^《(?P<name>[^《》]{2,20})》\s*(?:报纸|图书|期刊|杂志|年鉴|[圖图]書)?$")


def clean_source(source: str) -> str | None:
    source = re.sub(r"\s*[+＋]\s*", "+", source.strip())  # an app's name around its plus (冰城 + 客户端)
    source = strip_source_note(source.split()[0] if source.split() else source)
    if spam_name(source):
        return None  # 来源：某某app官网入口 on a hijacked page
    paper = _SITE_THEN_PAPER_RE.match(source)
    if paper:  # 中青在线-中国青年报: the site that reposts the paper, then the paper that printed it
        source = paper["paper"]
    titled = _TITLED_KIND_RE.match(source)
    if titled:  # 《某某日报》报纸, 《某某县志》图书: an archive's record names the work, then its kind
        source = titled["name"]
    return source if re.search(r"[\u4e00-\u9fff]", source) and len(source) >= 2 else None


_LEVEL_ONLY_UNIT_RE = re.compile(
    r"^(?:中共)?(?P<level>省|市|县|区|州|旗)(?:(?=委|人民政府|政府|人大|政协|老干部局|老干局|关工委)"
    # any other office of that level's government (县民政局, 市国资委, 市老年大学), not a word starting with
    # the level character (市场监管局, 区域…, 县域…, 市级…)
    r"|(?![场域级属直内外])(?=[\u4e00-\u9fff]{1,10}(?:局|委员会|委|办公室|中心|大学|学校|协会|党支部|党总支|党委)$))"
)


def qualify_unit(unit: str | None, region: str) -> str | None:
    """A unit named by its level alone, written with the document's region of that level:
    市委老干部局 on a 沧州市 page → 沧州市委老干部局 (what it is called elsewhere, and in facets)."""
    m = _LEVEL_ONLY_UNIT_RE.match(unit or "")
    if m is None or not region.endswith(m["level"]):
        return unit
    prefix = "中共" if unit.startswith("中共") else ""  # type: ignore[union-attr]
    return prefix + region + unit[m.end("level") :]  # type: ignore[index]


def split_title_issuers(title: str) -> tuple[list[str], str]:
    """Issuers written before or after a title on its line: ``中共XX省委组织部中共XX省委老干部局XX厅
    关于…的通知`` (glued, no separator) or ``2015年工作要点XX省关心下一代工作委员会`` →
    (issuers, title); ([], title) when the line is only a title."""
    found = m.TITLE_PREFIX_RE.match(title)
    if found:
        parts = split_glued(found["org"].strip())
        if len(parts) >= 2 and all(m.is_org_name(p) for p in parts):
            return parts, found["title"].strip()
    for k in range(len(title) - 4, 5, -1):
        head, tail = title[:k], title[k:]
        if (
            doctypes.type_from_title(head)
            and m.is_org_name(tail)
            and (tail.startswith("中共") or _opens_with_place(tail))
        ):
            return [tail], head
    return [], title


def _opens_with_place(name: str) -> bool:
    return bool(re.match(r"^[\u4e00-\u9fff]{2,6}?(?:省|市|县|区|自治区|自治州)", name))


def split_glued(name: str) -> list[str]:
    """Issuers written without a separator (中共XX省委组织部中共XX省委老干部局, 中共XX市委XX市人民政府,
    three or more: …XX省人力资源和社会保障厅): cut where both sides are unit names, the right one
    opening like one."""
    return list(_split_glued(name))


@lru_cache(maxsize=4096)
def _split_glued(name: str) -> tuple[str, ...]:
    if len(name) < 8 or len(name) > _MAX_GLUED:  # units are short: never a paragraph
        return (name,)
    for k in range(3, len(name) - 2):
        left, right = name[:k], name[k:]
        place = left.removeprefix("中共")[:2]
        if right.startswith(("中共", place)) and m.is_org_name(left):
            rest = _split_glued(right)
            if all(m.is_org_name(p) for p in rest):
                return (left, *rest)
    return (name,)


_MAX_GLUED = 120  # four or five unit names at most


_NOT_ACTOR_RE = re.compile(
    r"^(?:全省|全市|全县|全区|全州|全国(?!老龄|人大|政协|总工会|妇联|工商联)|各|每|我|咱们|咱|本(?:校|院|局|单位|部|所|中心|公司)|同(?!安|江|心|仁|德|济)|与|和|一个|每个|这|那|该|怎样|如何|至|参加|参与|组织|推动|加强|针对|通过|按照|"
    r"根据|围绕|依托|结合|坚持|积极|深入|认真|进一步|现就|明确|关于|主讲人|主讲|讲解人|报告人)"
    r"|会议|贯彻|落实|召开|举办|开展|带领|率领|(?:常委|书记|主任|部长|局长|处长|主席)$"
    # a unit speaking of itself inside a sentence (努力开创我委…): not a name
    r"|^[\u4e00-\u9fff]{0,6}我(?:委|局|校|院|部|厅|办|处|所|司|会|中心)$"
    r"|^(?:来自|努力|不断|全面|切实|着力|大力|充分|共同|继续|喜逢|恰逢|适逢|正值|值此|时值|欣逢|要求|到|让|使|一如既往|成立|紧紧)"
)


# an office after the unit (南通市老干部局常务副局长…, XX市关工委专职副主任兼办公室主任): the unit ends before it
_OFFICE_INSIDE_RE = re.compile(
    r"(?<=.)(?:常务(?!委员会)|专职|副(?:局长|主任|书记|部长|处长|科长|主席|校长|院长|所长)|局长|主任|书记(?!处)|部长|处长|科长|调研员|巡视员"
    r"|(?:所长|院长|校长|馆长|站长|行长|社长|董事长|总经理)(?!办|室)|主席(?![团台]))"
)


# a clause, not a name: a verb of doing, a year, a question (孝义市持续推进…党支部, 至1997年…任支部,
# 怎样紧扣市委…)
_CLAUSE_INSIDE_RE = re.compile(
    r"(?<![主责信担])任(?![务期])|[一二三四五六七八九十两\d]+[位名](?!誉)|会同|传达|根据|按照|依据|我[院校局市县区所部]|各|年来|先后|\d+[处个所家项]$|副[部局处科]$|持续|推进|推动|深化|加强|开展|举办|召开|紧扣|聚焦|打造|创建|评选|授予|命名|表彰|担任|任职|\d{4}年|怎样|如何|哪些|什么|走访|慰问|看望|节前|之际|领导[^小]|安排|邀请|陪同|携(?!程)|指导(?!中心|站|组|委员会|处|科)"
    r"|被(?!服|装)"  # a passive clause (某支部被省委组织部授予…) ends the unit before 被 (被服厂 is a name)
    # someone speaking for a unit (张三代表县委…), going, thanking, or a unit organising others: a clause
    # (人大代表联络站, 党代表工作室 and 组织部 are names)
    r"|(?<![人党])代表(?!大会|团|会|处|室|联络|工作)|参加|来到|前往|感谢|感受|早早|调研|专题"
    r"|组织(?!部|处|科|委|人事|工作|员|建设)|联合(?=[省市县区]|中共)"  # 某局联合省委组织部: two units
)


# 于 before a time is "on", not the second character of 处于: 离退休工作处|于5月21日组织…
_AT_A_TIME_RE = re.compile(r"于(?:\d|[一二三四五六七八九十]+月|本月|近日|日前|今年|上旬|中旬|下旬)")

# a unit's last character that is the first of another word: 部分, 局面, 处理, 会议, 办法 …
_SUFFIX_IN_WORD = frozenset(
    (
        "部门",  # 相关部门 / 有关部门: a department word, not a unit called 相关部
        "部分",
        "部署",
        "会同",
        "局面",
        "局势",
        "处理",
        "处置",
        "处于",
        "会议",
        "会上",
        "办法",
        "办理",
        # a rank (县处级, 厅局级干部), not an office; 处处 (everywhere: 活动现场处处…)
        "处级",
        "局级",
        "科级",
        "处处",
        # 办 running something (出诗集办诗刊, 办好实事): the verb, not an office (老干办)
        "办刊",
        "办报",
        "办诗",
        "办学",
        "办班",
        "办展",
        "办好",
        "办实",
        "社会",
        "所有",
        "所以",
        "院落",
        "室内",
        "组织",  # 某局离退休党组|织设置: 党组织, not a 党组
        "委托",
        # the endings 所, 段, 协, 中学/小学 and 会 begin words too: 集中学|习, 所|在, 一段|时间, 协|调
        "学习",
        "学生",
        "所在",
        "所属",
        "所得",
        "所需",
        "所做",
        "所作",
        "所获",
        "段时",
        "段落",
        "协调",
        "协作",
        "协助",
        "协议",
        "协同",
        "协商",
        "会员",
        "校园",
    )
)


# a unit's last character that begins its head's title (局长, 处长, 院长), not 局长期 (长期以来)
_HEAD_OF_RE = re.compile(r"[局处部院所会社科厅校]长(?![期远效足久])|委员(?!会)")


def org_prefix(text: str) -> str | None:
    """The longest opening of `text` that is a unit's name (吕梁市委老干部局 of 吕梁市委老干部局集中学习…)."""
    for k in range(min(len(text), 30), 2, -1):
        head = text[:k]
        if head.count("（") != head.count("）") or head.count("(") != head.count(")"):
            continue  # 离退休干部工作处（离退休党委: a name cut inside its brackets
        if text[k - 1 : k + 1] in _SUFFIX_IN_WORD and not _AT_A_TIME_RE.match(text, k):
            continue  # 论文部|分内容: the unit's last character begins the next word
        if _HEAD_OF_RE.match(text, k - 1):
            continue  # 市某局张三局|长走访: the character begins a person's title, the unit ends before the name
        if (
            m.is_org_name(head)
            and not head.endswith("处处")  # 活动现场处处…: everywhere, not an office
            and not _NOT_ACTOR_RE.search(head)
            and not _OFFICE_INSIDE_RE.search(head)
            and not _CLAUSE_INSIDE_RE.search(head)
        ):
            return head
    return None
