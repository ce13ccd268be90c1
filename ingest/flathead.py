"""A page's head flattened onto its first line, split back into lines before the layout repair.

Document-sharing and writing-template sites print the headline, the date, the speaker and the
first words of the text as one line: ``老干部工作管理制度 为了充分体现…`` (the headline, a space,
the text; or a news headline, a space and its dated lead ``…建设情况 11月10日下午，…``) or ``在…会议上的讲话(2020年4月10日)市政府副市长某某同志们:今天,…``. Read as one
paragraph, the headline is lost into the first clause and the speech's date is never seen. Only the
first line under the page's furniture is looked at, and only when a headline ends in a document's or a speech's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ingest import vocab
from policykg.text import to_simplified

_TABLE = "web_page.tsv"
_SPACE = "[ \u3000\u00a0]"
_SENTENCE = re.compile(r"[。！？；，,]")
_FURNITURE_LIMIT = 8  # lines, blank ones included, a head's furniture may take above a flattened head


@lru_cache(maxsize=1)
def _spaced_re() -> re.Pattern[str]:
    ends = vocab.alternation(_TABLE, "flat_title_end")
    return re.compile(rf"^(?P<title>[^\s。！？；，,：:]{{2,40}}?(?:{ends})){_SPACE}+(?P<rest>\S.*)$")


@lru_cache(maxsize=1)
def _heading_glued_re() -> re.Pattern[str]:
    ends = vocab.alternation(_TABLE, "flat_title_end")
    return re.compile(rf"^(?P<title>[^\s。！？；，,：:]{{2,40}}?(?:{ends}))(?P<rest>一、\S.{{8,}})$")


@lru_cache(maxsize=1)
def _speech_re() -> re.Pattern[str]:
    ends = vocab.alternation(_TABLE, "flat_speech_end")
    date = r"[（(]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]"
    return re.compile(rf"^(?P<title>[^\s。！？；，,]{{4,60}}?(?:{ends}))\s*(?P<date>{date})\s*(?P<rest>.+)$")


# the speaker's post and name, then the salutation: 市政府副市长某某同志们:今天…
_SPEAKER_RE = re.compile(
    r"^(?P<who>[^，。,:：！？\s]{2,24}?)\s*"
    r"(?P<salute>(?:同志们|老同志们|各位[^，。：:]{1,16}|尊敬的[^。：:]{1,30}|女士们[、，,]先生们|朋友们)[:：])"
    r"\s*(?P<rest>.*)$"
)


# a news headline, a space, and the story's dated lead: 某某局到某区调研活动中心建设情况 11月10日下午，…
_LEAD_AFTER_RE = re.compile(
    rf"^(?P<title>[^\s。！？；，,：:（(]{{8,50}}){_SPACE}+"
    r"(?P<rest>(?:\d{1,2}月\d{1,2}日(?:上午|下午|晚上?|晚间)?|近日|日前|近期|今年以来|近年来)[，,].{20,}"
    # or a lead giving the purpose first (…考察活动 为全面贯彻落实…精神，…)
    r"|为了?(?:全面|深入|进一步|切实|认真|更好地?|庆祝|迎接|丰富|弘扬|纪念|积极|充分|做好|加强|推动)[^。，,]{2,40}[，,].{20,})$"
)


# a medium's dateline is no headline: 新华网贵阳1月7日电, 某某在线某市消息, 某某在线据某某网站报道
_DATELINE_END_RE = re.compile(
    r"\d{1,2}月\d{1,2}日[电讯]$|(?:在线|网|網|报|報|台)\S{0,4}消息$|据\S{2,16}报道$"
)
# a headline run into a medium's dateline: 某县法院老干部座谈会某某網訊(記者…)10月15日,…
_GLUED_DATELINE_RE = re.compile(
    r"^(?P<title>[^\s。！？；，,：:（(]{6,40})"
    r"(?P<rest>[\u4e00-\u9fff]{2,4}(?:网|網|报|報|台|在线|在線)[讯訊](?:[（(]|\s*\d{1,2}月).{20,})$"
)


# a site's name and a dash before a paper's dateline (某某零距离网-某某日报讯…): the "headline" would end
# with the paper's first characters; the line is a dateline, not a headline run into one
_SITE_BEFORE_PAPER_RE = re.compile(r"[-—－–][\u4e00-\u9fff]{1,4}$")


def split_flat_head(line: str) -> list[str]:
    """The first line of a text as the lines it stands for (itself when it is not a flattened head)."""
    s = line.strip()
    if len(s) < 30:
        return [line]
    speech = _speech_re().match(s)
    if speech:
        out = [speech["title"], speech["date"]]
        who = _SPEAKER_RE.match(speech["rest"])
        if who:
            return [*out, who["who"], who["salute"], *([who["rest"]] if who["rest"] else [])]
        return [*out, speech["rest"]]
    lead = _LEAD_AFTER_RE.match(s)
    if lead and not _DATELINE_END_RE.search(to_simplified(lead["title"])):  # 新华网贵阳1月7日电 is a dateline
        return [lead["title"], lead["rest"]]
    heading = _heading_glued_re().match(s)
    if heading:  # 某某建设方案参考模板一、背景分析: the document's name run into its first heading
        return [heading["title"], heading["rest"]]
    glued = _GLUED_DATELINE_RE.match(s)
    if glued and not _SITE_BEFORE_PAPER_RE.search(glued["title"]):
        return [glued["title"], glued["rest"]]
    spaced = _spaced_re().match(s)
    # the rest must read as text (a sentence mark early on), not as a subtitle or a second name
    if spaced and len(spaced["rest"]) >= 20 and _SENTENCE.search(spaced["rest"][:80]):
        return [spaced["title"], spaced["rest"]]
    return [line]


def unflatten_first_line(
    lines: list[str], furniture: Callable[[str], bool] = lambda _line: False
) -> list[str]:
    """`lines` with its first non-blank line split by `split_flat_head`; lines above it that
    `furniture` calls page furniture (a breadcrumb, a banner, a date line) are stepped over, so the
    head a sharing site flattened is found under the chrome a saved page keeps above it."""
    for k, line in enumerate(lines[:_FURNITURE_LIMIT]):
        if line.strip() and not furniture(line.strip()):
            return [*lines[:k], *split_flat_head(line), *lines[k + 1 :]]
    return lines
