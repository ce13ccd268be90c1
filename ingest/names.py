"""Names as a page prints them, made clean: sources, unit names, acting units.

Pure string functions the profiles use: a 来源 value without 收集/整理, two issuers written without a
separator, a unit named by its level alone, and the unit a sentence opens with. Headlines are cleaned
by ingest.headlineclean.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest import doctypes, segmenter, vocab
from ingest import metadata as m
from policykg.personnames import name_shaped
from policykg.text import to_simplified

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
    r"^(?:全省|全市|全县|全区|全州|全国(?!老龄|人大|政协|总工会|妇联|工商联)|各|每|我|咱们|咱|此次|本次|这次|此|本(?:校|院|局|单位|部|所|中心|公司)|同(?!安|江|心|仁|德|济)|与|和|一个|每个|这|那|该|怎样|如何|至|参加|参与|组织|推动|加强|针对|通过|按照|"
    r"根据|围绕|依托|结合|坚持|积极|深入|认真|进一步|现就|明确|关于|主讲人|主讲|讲解人|报告人)"
    r"|会议|贯彻|落实|召开|举办|开展|带领|率领|(?:常委|书记|主任|部长|局长|处长|主席)$"
    # a unit speaking of itself inside a sentence (努力开创我委…): not a name
    r"|^[\u4e00-\u9fff]{0,6}我(?:委|局|校|院|部|厅|办|处|所|司|会|中心)$"
    r"|^(?:来自|努力|不断|全面|切实|着力|大力|充分|共同|继续|喜逢|恰逢|适逢|正值|值此|时值|欣逢|要求|到|让|使|一如既往|成立|紧紧)"
    # a predicate or a linking word opening the clause (负责居委会内的…, 受到社区群众…, 但加入…队后):
    # the unit is its object, not the one acting
    r"|^(?:负责|受到|接受|获得|荣获|堪称|加入|记录|家住|住在|细细|重病|长期|随着|随著|强化|配合|协助|展现|回应"
    r"|就|又|但|而|并|即|其中|有一支|因而|因此|于是|所以|借|据|试论|浅谈|浅析|论)"
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
        "队伍",  # 志愿者队|伍, 队|员: the team's members, not a unit called 志愿者队
        "队员",
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


_COUNTED_RE = re.compile(r"^[\d一二三四五六七八九十两百千余多]+(?:支|个|名|位|家|所|座|批|户)")


def org_prefix(text: str) -> str | None:
    """The longest opening of `text` that is a unit's name (吕梁市委老干部局 of 吕梁市委老干部局集中学习…)."""
    if _COUNTED_RE.match(text):
        return None  # 16支志愿服务队依次…, 3家养老院联合…: how many units, not one that acts
    for k in range(min(len(text), 30), 2, -1):
        head = text[:k]
        if head.count("（") != head.count("）") or head.count("(") != head.count(")"):
            continue  # 离退休干部工作处（离退休党委: a name cut inside its brackets
        if text[k - 1 : k + 1] in _SUFFIX_IN_WORD and not _AT_A_TIME_RE.match(text, k):
            continue  # 论文部|分内容: the unit's last character begins the next word
        if text[k : k + 1] in ("内", "里"):
            continue  # 体育馆内, 社区里: a place where something happens, not a unit that acts
        if _HEAD_OF_RE.match(text, k - 1):
            continue  # 市某局张三局|长走访: the character begins a person's title, the unit ends before the name
        if (
            m.is_org_name(head)
            and not head.endswith("处处")  # 活动现场处处…: everywhere, not an office
            and not _NOT_ACTOR_RE.search(head)
            and not _OFFICE_INSIDE_RE.search(head)
            and not _CLAUSE_INSIDE_RE.search(head)
            and not _DASH_RUN_RE.search(head)  # 某某标语----某某服务处: a headline's parts, not one name
            and not _ends_in_everyday_word(text, k)
        ):
            return head
    return None


# what the word holding a unit's last character is when it names no unit: a place word (戈壁深处), an
# adverb (到处), a pronoun (此处), a numeral with its measure (兴起一股…)
_NOT_UNIT_TAGS = frozenset("sdrm")
_TITLE_END_RE = re.compile(r"(?:书记|主任|主席|长|委员|常委)$")
_PREPOSITIONS = frozenset("以于在向对和与为将把被给从同")
_UNIT_WORDS = frozenset({"分处"})  # a branch office, tagged as an adverb (分处两地) by jieba


def _ends_in_everyday_word(text: str, k: int) -> bool:
    """Whether the unit that would end at `k` ends inside a longer dictionary word (箭头所|指, 同心协|力)
    or with a word that names no unit (戈壁深处, 机关兴起一股): a clause, not a unit's name."""
    window = to_simplified(text[: k + 4])
    if len(window) != len(text[: k + 4]):
        return False  # (a conversion that changed the length: positions no longer line up)
    start = 0
    for word, tag in segmenter.tagged(window):
        end = start + len(word)
        if start < k < end:
            # 党组|书记: the unit, then its head's title; 老干处|于5月4日: 处于 cut by a date;
            # 工作处|以…为…: the unit, then a preposition jieba joined to its last character
            return not (
                _TITLE_END_RE.search(word)
                or _AT_A_TIME_RE.match(to_simplified(text[k : k + 8]))
                or (end - k == 1 and word[-1] in _PREPOSITIONS)
            )
        if end == k:
            return len(word) > 1 and tag[:1] in _NOT_UNIT_TAGS and word not in _UNIT_WORDS
        start = end
    return False


_DASH_RUN_RE = re.compile(r"-{2,}|—")


_UNIT_THEN_NAME_RE = re.compile(
    r"^(?P<unit>[\u4e00-\u9fff（）()]{4,30}?)[\s\u3000]*(?P<name>[\u4e00-\u9fff]{2,4})$"
)


def unit_and_writer(line: str) -> tuple[str, str] | None:
    """(unit, writer) for a byline naming the writer's unit and then the writer (某县委组织部 张三,
    spaces perhaps lost: 某县老干局张三): the unit must end like one and the rest be name-shaped."""
    if len(line) > 40 or re.search(r"[，。,：:；;！？!?“”《》]", line) or doctypes.type_from_title(line):
        return None  # (某协会章程, 某局简报: a document's title, its type word no writer's name)
    squeezed = re.sub(
        r"[\s\u3000]+", " ", line.strip().lstrip("□■◆◇●○ ")
    )  # (□某某学校 张三: a byline's mark)
    unit, _sep, name = squeezed.rpartition(" ")
    if unit and m.is_org_name(unit) and name_shaped(name):
        return unit, name
    parts = squeezed.split(" ")  # 某县委组织部 张三 李四: the first of the writers
    if 3 <= len(parts) <= 4 and m.is_org_name(parts[0]) and all(name_shaped(p) for p in parts[1:]):
        return parts[0], parts[1]
    for size in (3, 2, 4):  # glued: try the usual lengths of a name, three characters first
        unit, name = squeezed[:-size], squeezed[-size:]
        if " " not in unit and m.is_org_name(unit) and name_shaped(name):
            return unit, name
    for first, second in ((3, 2), (3, 3), (2, 3), (2, 2)):  # two writers glued on (某某组织部张三李四)
        cut = len(squeezed) - first - second
        unit, name, other = squeezed[:cut], squeezed[cut : cut + first], squeezed[cut + first :]
        if " " not in unit and m.is_org_name(unit) and name_shaped(name) and name_shaped(other):
            return unit, name
    return None


# trailing question marks (市气象局???) or a comment widget glued on (某某网参与互动(0)
_TRAILING_MARKS_RE = re.compile(r"[?？]+$|(?:参与互动\s*[（(]?|(?:我要评论|评论|跟帖)\s*[（(])\d*[)）]?$")
_DOUBLED_OFFICE_RE = re.compile(r"(局|处|部|委|办)\1$")
_DAY_GLUED_RE = re.compile(r"\d{1,2}月\d{1,2}日")


def repaired_unit(name: str) -> str:
    """A unit value without what a damaged line left on it: trailing question marks (市气象局???), an
    office word printed twice (市气象局局), a dateline run on after it (中新网1月7日电据…)."""
    name = _DOUBLED_OFFICE_RE.sub(r"\1", _TRAILING_MARKS_RE.sub("", name))
    day = _DAY_GLUED_RE.search(name)
    return name[: day.start()] if day and day.start() >= 2 else name


_SELF_WORDS = "局校院所厅委"


def self_named_unit(folded: str) -> str | None:
    """The first unit named by its place whose kind the page then speaks of as its own (某县公安局 …
    我局…, 某某学院 … 我院), or None: a unit's own news that never opens a sentence with its name."""
    for kind in _SELF_WORDS:
        if f"我{kind}" not in folded:
            continue
        for hit in re.finditer(
            rf"[\u4e00-\u9fff]{{2,6}}?(?:省|市|县|区|州|旗)[\u4e00-\u9fff]{{1,12}}?{kind}", folded
        ):
            head = org_prefix(folded[hit.start() :])
            if head and head.endswith(kind) and folded.find(f"我{kind}") > hit.start():
                return head
    return None
