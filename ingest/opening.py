"""The opening sentence and the title as region evidence: which place is the subject of a
clause (近年来，XX市委老干部局…), which is only a venue or a destination (在西宁召开, 赴伊犁考察),
and the scope a meeting speaks for (全省老干部局长会议在西宁召开 → the province)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ingest import vocab
from ingest.regionrefs import ancestor_refs, county_after, inside, mention_region, ref_of, regions_in
from policykg.model import RegionRef

_TIME_LEAD_RE = re.compile(
    r"^(?:(?:近年来|近年|今年以来|去年以来|多年来|长期以来|\d{4}年(?:以来|\d{1,2}月\d{1,2}日)?|\d{1,2}月\d{1,2}(?:日|\s*[-—–~至到]\s*(?:\d{1,2}月)?\d{1,2}日)|日前|近日|近期|"
    r"春节前夕|重阳节前夕|当天|今天|昨天|今日|昨日|前天|\d{1,2}日)(?:上午|下午|晚上|至\d{1,2}日)?[，,]?\s*)+"
)
_SUBJECT_LEAD_RE = re.compile(r"^(?:由|中共|在|据|从)?")
# A purpose clause before the subject: 为深入贯彻落实…精神，XX市委老干部局…
_PURPOSE_LEAD_RE = re.compile(r"^(?:为(?:了)?|根据|按照|围绕)[^，,。；]{2,80}[，,]\s*")


# reporters' names in brackets opening a news story once its dateline is gone: （张三 李四）, (记者张三)
_BYLINE_LEAD_RE = re.compile(
    r"^[（(]\s*(?:(?:本报|本台)?(?:记者|通讯员)\s*)?(?![^）)]*(?:委|局|部|处|办|会|院|校|中心)\s*[)）])"
    r"[\u4e00-\u9fff·]{2,4}(?:[\s、，,]*(?:(?:记者|通讯员)\s*)?[\u4e00-\u9fff·]{2,4}){0,4}\s*[)）]\s*"
)


# an editor's note label before the sentence (编者按：近年来，XX局…), the writers naming themselves
# (我们长安大学退休第八党支部，在…): what follows is the subject
_NOTE_LEAD_RE = re.compile(r"^(?:编者按语?|编者的话|编者)[:：]\s*")
_WE_LEAD_RE = re.compile(
    r"^我们(?=[\u4e00-\u9fff]{2,24}?(?:党支部|党总支|党委|委员会|局|处|办公室|中心|学校|大学|学院|医院|公司)(?:[，,、\s]|$))"
)


# the words a news story's lead opens with, or its occasion (兔年春节来临之际，… / 重阳节前夕，…)
LEAD_START_RE = re.compile(
    r"^(?:近日|日前|近期|近年[来來]|今年以[来來]|本[报報][讯訊]|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:上午|下午|晚上?)?"
    r"|[^，,。；！？]{2,14}(?:之[际際]|前夕|[到來来]{2}之[时時])"
    # a purpose or mandate clause (为进一步营造…氛围，/ 按照…要求，): how a report's first sentence opens
    r"|[为為]了?(?:进一步|進一步|深入|认真|認真|切实|切實|全面|更好地?|持续|持續|扎实|扎實|大力|积极|積極)[^，,。；！？]{2,40}"
    r"|(?:按照|根据|根據)[^，,。；！？]{2,30}(?:要求|部署|安排|精神))[，,]"
)


# a relay dateline before the story (据某某日报报道，…, 据某某网消息：…)
_RELAY_LEAD_RE = re.compile(r"^据[^，,。；：:]{2,24}?(?:报道|消息)[，,：:]?\s*")


def strip_opening_lead(opening: str) -> str:
    """The first sentence without its note, byline, relay, time and purpose leads: what is left starts
    with its subject."""
    rest = _RELAY_LEAD_RE.sub("", _NOTE_LEAD_RE.sub("", opening.strip()))
    rest = _TIME_LEAD_RE.sub("", _BYLINE_LEAD_RE.sub("", rest))
    rest = _WE_LEAD_RE.sub("", rest)
    rest = _PURPOSE_LEAD_RE.sub("", rest)
    return _TIME_LEAD_RE.sub("", rest)


# a place in the name of a medium that reported the story (浙江卫视关注, 四川日报点赞) is whose
# medium it is, not what the story is about
_MEDIUM_AFTER_RE = re.compile(r"卫视|日报|晚报|电视台|广播电视台|广播电台|新闻联播")


def _clause_subject(gaz: Any, clause: str) -> list[RegionRef]:
    rest = strip_opening_lead(clause)
    lead = _SUBJECT_LEAD_RE.match(rest)
    offset = lead.end() if lead else 0
    try:
        mentions = gaz.resolve(rest[: offset + 24])
    except Exception:
        return []
    # the clause is nothing but 在 and places (在四川省德阳市，有一个…), not 在德阳市召开…
    there_is = bool(_THERE_IS_RE.match(rest)) and bool(mentions) and mentions[-1].end == len(rest.rstrip())
    if lead and lead.group(0) == "在" and not there_is:
        return []  # 在西宁召开: a venue is where, not who
    if lead and lead.group(0) == "从":
        return []  # 从兰州出发…到了金昌: where the writer set out from, not whose story it is
    out: list[RegionRef] = []
    prev_end = -1
    for mention in mentions:
        if _is_venue(rest, mention.start) and not there_is:
            continue  # 河南省老干部工作会议在郑州召开: the province held it, 郑州 is where
        if _MEDIUM_AFTER_RE.match(rest, mention.end):
            break  # 浙江卫视播出…: the medium reports, the story's place comes later
        if mention.start <= offset + 1 or (out and mention.start <= offset + 12):
            ref = ref_of(gaz, mention_region(mention))
            if ref is not None:
                ref = county_after(gaz, rest, mention.end, ref)  # 金华婺城…: the county
                if out and mention.start == prev_end and not (inside(out[-1], ref) or inside(ref, out[-1])):
                    out.pop()  # 沧州渤海新区黄骅市召开…: of two unnested names run together, the last acts
                out.append(ref)
                prev_end = mention.end
        elif not out:
            break
    return out


# 在X，有一个…: a clause that is nothing but a place, opening a sentence that says what is there
_THERE_IS_RE = re.compile(r"^在[\u4e00-\u9fff]{2,16}$")

# a place right after 在 / 赴 / 到 / 前往 is where something happened or where people went
_VENUE_BEFORE = ("在", "赴", "到", "往")


# a story's lead says where it happened with 在 (在某县某村，一位老人…): only going somewhere is a destination
STORY_VENUE_BEFORE = ("赴", "到", "往")


def _is_venue(text: str, start: int, before: tuple[str, ...] = _VENUE_BEFORE) -> bool:
    return start > 0 and text[start - 1] in before


_EVENT_AFTER_RE = re.compile(r"[^，,。；]{0,12}?(?:召开|举行|举办|启动|开幕|闭幕|落幕|开班)")


def _event_venue(text: str, start: int, end: int) -> bool:
    """在某地召开 / 在某地正式启动: where a meeting or an event was held, whatever `venue_before` says."""
    return start > 0 and text[start - 1] == "在" and bool(_EVENT_AFTER_RE.match(text, end))


def places_not_venues(
    gaz: Any | None, folded: str, *, strict: bool = False, venue_before: tuple[str, ...] = _VENUE_BEFORE
) -> list[RegionRef]:
    """Regions a text names other than as a venue or destination (…会议在西宁召开, 赴伊犁考察);
    all of them when every one is a venue, unless `strict`. A medium's place (浙江卫视) is never one.
    `venue_before` are the characters that make the place after them a venue."""
    if gaz is None or not folded:
        return []
    try:
        mentions = gaz.resolve(folded)
    except Exception:
        return []
    refs: list[tuple[RegionRef | None, bool]] = []
    prev_end, prev_venue = -1, False
    for mt in mentions or []:
        if _MEDIUM_AFTER_RE.match(folded, mt.end):
            continue
        # a place right after a venue, or listed with it, is one too (赴石嘴山市大武口区, 赴伊犁、克拉玛依)
        joined = prev_venue and folded[prev_end : mt.start] in ("", "、", "和", "及", "与")
        venue = _is_venue(folded, mt.start, venue_before) or joined or _event_venue(folded, mt.start, mt.end)
        ref = ref_of(gaz, mention_region(mt))
        refs.append((county_after(gaz, folded, mt.end, ref) if ref is not None else None, venue))
        prev_end, prev_venue = mt.end, venue
    kept = [r for r, venue in refs if r is not None and not venue]
    return kept if strict else kept or [r for r, _ in refs if r is not None]


# A 全省 / 全市 meeting held somewhere: 全省老干部局长会议在西宁召开 is the province's meeting.
_EVENT_RE = re.compile(
    r"(?:全|^)(?P<scope>省|自治区|区|市|州|盟)[^。；;！？]{0,40}?在(?P<venue>[\u4e00-\u9fff]{2,12}?)"
    r"(?:召开|举行|举办|开幕|闭幕|落幕|开班)"
)


def event_scope(gaz: Any | None, folded: str) -> RegionRef | None:
    """The region whose scope word (全省 …) a meeting held at a named venue speaks for: the venue
    lifted to that level (全区 is a province in an autonomous region, else a county)."""
    m = _EVENT_RE.search(folded)
    if m is None or gaz is None:
        return None
    venues = [r for r in regions_in(gaz, m["venue"]) if r.known and r.code]
    if not venues:
        return None
    chain = ancestor_refs(gaz, max(venues, key=lambda r: len(r.path)))  # 广州市黄埔区 → 黄埔区
    scope = m["scope"]
    if scope == "区":
        depth = 0 if chain[0].name.endswith("自治区") else 2
    else:
        depth = 0 if scope in ("省", "自治区") else 1
    return chain[depth] if depth < len(chain) else None


# An inspection visit: the visitors' report is about the place they inspected (萍乡市…一行到芦溪县
# 宣风镇核查验收…, 南通市老干部局…一行来如城街道…调研). Sightseeing (参观, 考察学习) is not one:
# there the visitors' own activity is the subject.
_INSPECTION_RE = re.compile(
    r"(?:到|赴|来|深入|前往|走进)(?P<place>[^，,。；;]{2,40}?)"
    r"(?:(?:调研|检查|核查|验收|督导|督查|指导|视察|考核|评估|暗访|慰问|看望|走访)|[，,][^。；;]{0,60}?(?:调研|检查|慰问|看望|走访))"
)


def inspected_place(gaz: Any | None, folded: str, actor: RegionRef | None) -> RegionRef | None:
    """The place an inspection visit in the first sentence went to, when it lies inside the visiting
    unit's region (a town gives its county: the report is about the county's work)."""
    if gaz is None or actor is None or not folded:
        return None
    m = _INSPECTION_RE.search(re.split(r"[。！？]", folded, maxsplit=1)[0])
    if m is None:
        return None
    places = [r for r in regions_in(gaz, m["place"]) if r.known and r.code]
    if not places:
        return None
    place = max(places, key=lambda r: len(r.path))
    if place.level == "town":
        chain = ancestor_refs(gaz, place)
        place = chain[2] if len(chain) > 3 else place
    inner = len(place.path) > len(actor.path) and place.path[: len(actor.path)] == actor.path
    return place if inner and place.level != "town" else None


def opening_subject(gaz: Any | None, folded_opening: str) -> list[RegionRef]:
    """Places that open a clause of the first sentence as its subject (近年来，XX市委老干部局… /
    为…，扎实推进…，XX区委老干部局对… / 日前，XX县…), not places named inside a clause."""
    if gaz is None or not folded_opening:
        return []
    for sentence in re.split(r"[。！？]", folded_opening, maxsplit=2)[:2]:
        for clause in re.split(r"[，,；;]", sentence):
            found = _clause_subject(gaz, clause)
            if found:
                return found
        if not sentence.lstrip().startswith(_QUOTES):
            break  # only a quotation that opens the piece (“…”。近年来，XX县…) is passed over
    return []


_QUOTES = ("“", "「", "『", '"')


# where a news story was filed from, in its dateline: 某某网内江2月3日讯, 某某新闻网周口10月7日电,
# 某某网4月28日娄底消息 (the medium's own seat or a bureau's city: the place the story happened)
_DATELINE_PLACE_RE = re.compile(
    r"(?:日报|晚报|报|网|社|台|客户端|新闻|在线|之声)(?:记者)?(?P<before>(?![网报台社闻])[\u4e00-\u9fff]{2,6}?)\s*"
    r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)"
    r"|(?:日报|晚报|报|网|社|台|客户端|新闻|在线|之声)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?P<after>[\u4e00-\u9fff]{2,6}?)(?:消息|电)"
)
_DATELINE_SPAN = 300


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    return frozenset(row[1] for row in vocab.rows("capitals.tsv") if len(row) > 1)


def is_capital(ref: RegionRef) -> bool:
    """A provincial capital (``capitals.tsv``): where provincial bodies sit and provincial news is filed."""
    return ref.level == "city" and ref.name in _capitals()


def dateline_places(gaz: Any | None, folded_body: str) -> list[RegionRef]:
    """The places a story's dateline names as where it was filed (内江 → 内江市), every division of
    that name above a town: the caller keeps those inside the unit's or the title's region. A
    provincial capital is left out: media file a province's own news from there (``capitals.tsv``)."""
    if gaz is None:
        return []
    m = _DATELINE_PLACE_RE.search(folded_body[:_DATELINE_SPAN])
    if m is None:
        return []
    name = m["before"] or m["after"]
    found: dict[str, RegionRef] = {}
    for candidate in (name, *(name + level for level in ("市", "县", "区", "州", "盟", "旗"))):
        for region in gaz.lookup(candidate):
            ref = ref_of(gaz, region)
            if ref is not None and ref.code and ref.level != "town" and not is_capital(ref):
                found[ref.code] = ref
        if found:
            break
    if not found:  # 广东南雄: a province's short name, then one of its counties'
        deepest = max(
            (r for r in regions_in(gaz, name) if r.known and r.level != "town"),
            key=lambda r: len(r.path),
            default=None,
        )
        if deepest is not None and deepest.level == "county":
            found[deepest.code or deepest.name] = deepest
    return list(found.values())
