"""A headline as a page prints it, without the site's additions: a leading tag or column (【最美夕阳红】,
「老干部之家」), a URL, 第一篇：, a list number, a sharing site's page or variant number, a closing tag in
brackets, a column or site name after the headline, a kicker before a bar, the page's time stamp.

Pure string functions over one headline (ingest.headsteps and the settle steps call them); the words
and patterns they keep or cut are rows of ``web_page.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest import vocab
from policykg.personnames import name_shaped
from policykg.text import to_simplified

_TAG_RE = re.compile(
    r"^(?:.{0,10}?[【\[](?:图文|图片|视频|组图|原创|转载|推荐|头条|置顶)[】\]]|(?:[【\[「][^】\]」]{1,32}[】\]」])+)\s*(?:之?[—-]{1,2}\s*)?"
)
# a template site's sales word in brackets before the title ((必备)某某方案, （精选）某某致辞)
_PROMO_PREFIX_RE = re.compile(
    r"^[（(](?:必备|必備|精选|精選|推荐|推薦|热门|熱門|最新|优秀|優秀|通用|实用|實用|经典|經典|热|熱|荐|薦)[)）]\s*"
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
    r"^\d{1,2}(?:[、．.]\s*)?(?=[\u4e00-\u9fff])(?![年月日个人条项名家万位岁周届次期天后多余個條項萬歲週屆餘])"
)
# a commentary column's name leading a headline (某某网评：…), or a site's name glued to its 正文 crumb (新华网正文…)
_COLUMN_LEAD_RE = re.compile(
    r"^[\u4e00-\u9fff]{2,8}(?:网评|網評|时评|時評|快评|快評|锐评|銳評)\s*[:：丨|｜]\s*|^[\u4e00-\u9fff]{2,6}[网網]\s*正文\s*"
    r"|^(?:口述|快评|快評|时评|時評|锐评|銳評|专访|專訪|述评|述評)\s*[丨|｜:：]\s*"  # 口述丨标题: the genre's column
    r"|^[>»]{1,2}\s*(?:文章显示|文章顯示|正文|内容|文章)\s*"  # >>文章显示: a page's pointer to the text
    r"|^[\u4e00-\u9fff]{1,4}■\s*"  # 开班■标题: a tag set off by a square
    r"|^[A-Za-z]{0,12}\s*未登录\s*(?:——|—|-)?\s*"  # userphoto未登录——标题: a login widget's words
    r"|^.{2,24}?内容页(?=\S{6,})"  # 某某作文吧实用文档工作计划内容页标题: a template site's page name
    r"|^(?:信息|文章|新闻|内容)详情\s*"  # 信息详情标题: the page's name before its headline
    r"|^(?:分类|栏目|所属栏目)\s*(?:>>|>|»)\s*"  # 分类>>标题: the trail's label left before the headline
    r"|^系列报道之?[一二三四五六七八九十\d]{1,3}\s*[:：丨|]?\s*"  # 系列报道之一标题: the series' number
    # 某某网某省新闻——标题: a portal's regional channel before a dash
    r"|^[\u4e00-\u9fff]{1,6}[网網][\u4e00-\u9fff]{0,4}(?:新闻|新聞|频道|頻道)\s*(?:——|—|--)\s*"
)
# a template site's numbering after its file's genre (…讲话稿精选篇1, …演讲稿篇1, …章程1)
_TEMPLATE_NUMBER_RE = re.compile(r"(?:精选篇|精选|篇)?\d{1,2}$")
_GENRE_BEFORE_NUMBER_RE = re.compile(
    r"(?:章程|办法|制度|方案|讲话稿|讲话|演讲稿|发言稿|致辞|总结|报告|计划|心得体会)(?:精选篇|精选|篇)?\d{1,2}$"
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


_ORIGINAL_HEADLINE_RE = re.compile(r"^[（(]\s*原[标標][题題]\s*[:：]\s*(?P<title>[^（）()]{6,}?)\s*[)）]$")


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
    t = _PROMO_PREFIX_RE.sub("", t) or t
    t = _PART_PREFIX_RE.sub("", t) or t
    t = _COPY_LINK_RE.sub("", t) or t
    t = _DASH_TAG_TAIL_RE.sub("", t) or t
    t = _SITE_NAME_TAIL_RE.sub("", t) if len(_SITE_NAME_TAIL_RE.sub("", t)) >= 8 else t
    t = _strip_page_counter(t)
    t = _PAGE_SUFFIX_RE.sub("", t) or t
    if _GENRE_BEFORE_NUMBER_RE.search(t):
        t = _TEMPLATE_NUMBER_RE.sub("", t)
    t = _LIST_DAY_RE.sub("", t) or t
    t = _LIST_NUMBER_RE.sub("", t) or t
    t = _COLUMN_LEAD_RE.sub("", t) if len(_COLUMN_LEAD_RE.sub("", t)) >= 6 else t
    if "|" in t or "｜" in t:  # 争一流 当冠军 | 标题, or 标题 | 网站名: the headline is the longest part
        # (a kicker set off by 丨, 延庆好乡亲丨…, is kept: annotators read it as the headline's own)
        t = max(re.split(r"\s*[|｜]\s*", t), key=len) or t
    t = _TITLE_LABEL_RE.sub("", t) or t
    t = _headline_label_re().sub("", t) or t
    for feed in vocab.patterns("web_page.tsv", "feed_label"):  # 今日聚焦！标题: a feed's daily column
        t = feed.sub("", t) if len(feed.sub("", t)) >= 6 else t
    t = _SEO_ALT_RE.sub("", t) or t
    t = _WRITER_TAIL_RE.sub("", t) or t
    t = _REPORTER_TAIL_RE.sub("", t) if len(_REPORTER_TAIL_RE.sub("", t)) >= 8 else t
    t = _FILE_TAIL_RE.sub("", t) or t
    t = _YEAR_GLUED_RE.sub("", t) or t
    t = _SPAM_PREFIX_RE.sub("", t) if len(_SPAM_PREFIX_RE.sub("", t)) >= 6 else t
    t = _without_spam_lead(t)
    t = _strip_writer_suffix(_strip_tag_suffix(t))
    half = len(t) // 2
    if len(t) % 2 == 0 and half >= 4 and t[:half] == t[half:]:
        t = t[:half]
    doubled = _DOUBLED_AROUND_GENRE_RE.match(t)
    if doubled:  # 标题论文标题: a sharing site's page title, the file's genre, the title again
        t = doubled["title"]
    cut = _TRUNCATED_SUBTITLE_RE.sub("", t)
    t = cut if len(cut) >= 6 else t  # 标题——研究生暑期学校田野...: the subtitle cut short by the page
    return _printed_around_junk(t)


_DOUBLED_AROUND_GENRE_RE = re.compile(r"^(?P<title>.{8,}?)(?:论文|范文|文档|全文|原文)(?P=title)$")
_TRUNCATED_SUBTITLE_RE = re.compile(r"\s*(?:——|--)[^—]{2,}?(?:\.{3,}|…+)$")


_BRACKETED_COLUMN_RE = re.compile(r"^(?P<lead>[^\[【]{2,16})[\[【][^\]】]{1,12}[\]】]\s*")


def _without_spam_lead(t: str) -> str:
    """A headline without a betting brand glued before it (某某真人国际标题) or a gambling site's words and
    the column tag after them (不申请送彩金[最美故事]标题)."""
    for lead in vocab.patterns("web_page.tsv", "spam_lead"):
        glued = lead.match(t)
        if glued and len(t) - glued.end() >= 6:  # 某某真人国际标题: the headline after the brand
            return t[glued.end() :]
    found = _BRACKETED_COLUMN_RE.match(t)
    if (
        found
        and len(t) - found.end() >= 4
        and any(p.search(found["lead"]) for p in vocab.patterns("web_page.tsv", "spam_source"))
    ):
        return t[found.end() :]
    return t


def _printed_around_junk(t: str) -> str:
    """A headline printed twice around a spammer's words (标题-某某娱乐备用网址标题): the headline once."""
    for k in range(len(t) // 2 - 1, 5, -1):
        if t[:k] == t[-k:] and _JUNK_BETWEEN_RE.match(t[k:-k]):
            return t[:k]
    return t


# what a spammer prints between the two copies: set off by a dash or bar, or with Latin letters or digits
_JUNK_BETWEEN_RE = re.compile(r"^(?:[-_|｜\s—].*|.*[A-Za-z0-9].*)$")


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
_TITLE_LABEL_RE = re.compile(
    r"^(?:原标题|原標題|标题|標題|题目|題目|文章标题|文章標題|题|題|主题|主題)\s*[:：]\s*"
)
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


def _strip_writer_suffix(title: str) -> str:
    """A headline without its writer's name in brackets after it (我想……（姚某某）): a three-character
    name (a two-character one may be a word: （全文）)."""
    found = _BRACKET_SUFFIX_RE.search(title)
    if found is None or found.start() < 2:
        return title
    inner = to_simplified(found["inner"].strip())
    return title[: found.start()].rstrip() if len(inner) == 3 and name_shaped(inner) else title
