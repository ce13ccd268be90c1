"""Profile steps that find the units behind a page: the issuers printed above a reposted
document's title, the unit that owns the page (ingest.pageowner), and the unit a page's headline
or first sentence opens with. Steps of ingest.profiles over its `Reading`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest import docregion, doctypes, names, pageowner, vocab, webcredits
from ingest import metadata as m
from ingest.nationalscope import is_central
from policykg.text import fold, to_simplified

if TYPE_CHECKING:
    from ingest import webhead
    from ingest.profiles import Reading


def issuers_above(r: Reading, head: webhead.WebHead) -> list[str]:
    """中央组织部、人事部 on its own line right above 关于表彰…的决定: the issuers of a document
    reposted as a page (only above a title that names a document type, never a news headline)."""
    if head.title_lines is None or head.title_lines[0] == 0 or not r.title:
        return []
    if doctypes.type_from_title(fold(r.title, r.script)) is None:
        return []
    above = fold(r.at(head.title_lines[0] - 1), r.script).strip()
    return m.split_orgs(above) or []


def page_owner(r: Reading) -> None:
    """A page that names no issuer or source: the unit that owns it is its source — the site's
    copyright line, or the school a school's own news speaks of as 我校 / 学校 (ingest.pageowner)."""
    if r.md.issuers:
        return
    tail = [ln.text for ln in r.lines[-6:]]
    kept = [item for items in r.residue.values() for item in items]
    owner = pageowner.copyright_owner([*kept, *tail])
    if r.md.source_unit:
        # 来源：老干部局 on 中共XX市委老干部局's own site: the source is the owner, named in full
        if owner and len(r.md.source_unit) >= 3 and m.clean_org(owner).endswith(r.md.source_unit):
            r.md.source_unit = m.clean_org(owner)
        return
    if owner is None:
        owner = pageowner.self_named_school(fold(r.text[:6000], r.script), r.gaz)
    if owner:
        r.owner = r.md.source_unit = m.clean_org(owner)


# ——某县县直老干部党总支, ——记某局离退休一支部 (a feature's subject): the unit, without 记
_DASH_UNIT_RE = re.compile(r"^[—-]{1,2}\s*(?:记|記)?\s*(?P<unit>[^，,。；\s]{3,30})$")
_SPONSOR_RE = re.compile(r"^(?P<unit>[\u4e00-\u9fff（）()]{3,30}?)(?:主办|编印|主编|编)(?=[\s(（]|$)")


# lines a closing credit may sit among: a date or year, a person's name or two, an image file name
_TAIL_SKIP_RE = re.compile(
    r"^(?:[\d\s年月日./\-]{4,20}|[\u4e00-\u9fff·]{2,4}(?:\s*[\u4e00-\u9fff·]{2,4}){0,3}|\S+\.(?:jpe?g|png|gif|webp)|[|｜]+)$",
    re.IGNORECASE,
)
_CLOSING_UNIT_RE = re.compile(r"^(?P<unit>[\u4e00-\u9fff（）()]{3,30})(?:\s+[\u4e00-\u9fff·]{2,4}){0,3}$")
_WRITERS_RE = re.compile(r"[\u4e00-\u9fff·]{2,4}(?:\s*[\u4e00-\u9fff·]{2,4}){0,2}")


def _closing_unit(line: str) -> str | None:
    """The unit of a credit line: a unit's name alone or followed by its writers' names."""
    if not _CLOSING_UNIT_RE.match(line):
        return None
    head = names.org_prefix(line)
    if not head or not m.is_org_name(head):
        return None
    rest = line[len(head) :].strip()
    return head if not rest or _WRITERS_RE.fullmatch(rest) else None


def closing_credit(r: Reading) -> None:
    """A page that names no unit anywhere else, ending with a unit on a line of its own
    (``离退休办公室 张伟``, ``中共XX县委老干部局⏎连平生 梁雅彬⏎2022年12月6日``): the unit that wrote it.
    The line is read as metadata."""
    if r.md.issuers or r.issuers or r.md.author_unit or r.md.source_unit:
        return
    for k in range(len(r.lines) - 1, max(r.pos, len(r.lines) - 5) - 1, -1):
        line = fold(r.at(k).strip(), r.script)
        unit = _closing_unit(line)
        if unit:
            if _ends_the_text(r, k):
                r.md.author_unit = m.clean_org(unit)
                r.skip(k, k)
            return
        if not line or _TAIL_SKIP_RE.match(line):
            continue
        return  # a sentence: the text itself, not a credit


_TEXT_END_RE = re.compile(
    r"(?:[。！？!?”\"’]|[。！？!?][”\"’)）])$|^(?:联系人|联系电话|电话|联系方式|[一二三四五六七八九十]+、联系)"
)


def _ends_the_text(r: Reading, k: int) -> bool:
    """Line k follows the text's last sentence or contact line (not a list of units, not chrome)."""
    for j in range(k - 1, max(r.pos, k - 4) - 1, -1):
        line = fold(r.at(j).strip(), r.script)
        if not line or (_TAIL_SKIP_RE.match(line) and not _CLOSING_UNIT_RE.match(line)):
            continue
        return bool(_TEXT_END_RE.search(line))
    return False


# a paper's byline under its title: the writer's unit, its place and postcode (某某公司某分公司 某省 某市 028000)
_POSTCODE_BYLINE_RE = re.compile(
    r"^\s*[（(]?\s*(?:[\u4e00-\u9fff·]{2,4}\s+)?"
    r"(?P<unit>[^\s，。,；;:：]{4,40}?(?:公司|段|局|院|校|大学|学院|中心|委员会|党委|处|所|厂|站|部|办))\s*"
    r"(?:(?:(?:(?!公司)[\u4e00-\u9fff]){1,8}?(?:省|自治区|市|州|盟|县|区|旗)\s*){1,3}|[\u4e00-\u9fff]{2,6}\s*)?\d{6}\s*[)）]?\s*$"  # the affiliation may be in brackets
)
# the bracketed affiliation with a comma before its place, the abstract or text run on after it:
# (某某大学某某学院,某市 123456)第七次全国人口普查…
_BYLINE_SPAN = 8  # a journal mirror prints its issue, keywords and the writers' names before the affiliation
_BRACKETED_AFFILIATION_RE = re.compile(
    # the writers' names may stand before it on the same line (张三,李四(某某大学…)); of several numbered
    # affiliations (1.某某大学 某学院,某市 123456;2.…), the first
    r"^\s*(?:[\u4e00-\u9fff·]{2,4}(?:\d(?:,\d)*)?(?:[,，、\s]+[\u4e00-\u9fff·]{2,4}(?:\d(?:,\d)*)?){0,5}\s*)?"
    r"[（(]\s*(?:\d\s*[.．、]\s*)?"
    r"(?P<unit>[^，。,；;:：()（）]{4,40}?(?:公司|段|局|院|校|大学|学院|中心|委员会|党委|处|所|厂|站|部|办))"
    r"\s*[,，]\s*[\u4e00-\u9fff\s]{2,16}?\s*\d{6}\s*[)）;；]"
)


def paper_byline_unit(r: Reading) -> None:
    """A paper's byline under its title (unit, place, postcode): the writer's unit is the author unit."""
    if r.md.issuers or r.md.author_unit:
        return
    for k in range(r.pos, min(r.pos + _BYLINE_SPAN, len(r.lines))):
        line = fold(r.at(k), r.script)
        hit = _POSTCODE_BYLINE_RE.match(line) or _BRACKETED_AFFILIATION_RE.match(line)
        # (a railway's 供电段 or a factory's 厂 ends no name the general rule knows)
        if hit and (m.is_org_name(hit["unit"]) or hit["unit"].endswith(("公司", "段", "厂", "站"))):
            r.md.author_unit = m.clean_org(r.at(k).strip()[hit.start("unit") : hit.end("unit")])
            return


def credited_unit(r: Reading) -> None:
    """A unit credited on a line of its own near the top: ``—— XX县县直老干部党总支`` under an
    article's title (its author), ``XX老年大学主办 (总第55期) 2023年09月18日`` (the publication's
    sponsor, its source). The line is read as metadata."""
    for k in range(min(len(r.lines), 10)):
        line = fold(r.at(k).strip(), r.script)
        dash = _DASH_UNIT_RE.match(line)
        if dash and m.is_org_name(dash["unit"]) and not r.md.author_unit:
            r.md.author_unit = m.clean_org(dash["unit"])
            r.skip(k, k)
            continue
        sponsor = _SPONSOR_RE.match(line)
        if sponsor and len(line) <= 60 and m.is_org_name(sponsor["unit"]) and not r.md.source_unit:
            r.md.source_unit = m.clean_org(sponsor["unit"])


def reporting_medium(r: Reading) -> None:
    """A page with no issuer or source whose opening speaks of a medium's reporter at work
    (某某快报记者了解到): that medium reported it, and is its source."""
    if r.md.issuers or r.md.source_unit:
        return
    opening = "\n".join(r.at(k) for k in range(r.pos, min(r.pos + 3, len(r.lines))))
    # (a publication named in its brackets, 《某某日报》记者在…, names it further down too)
    medium = webcredits.reporter_medium(fold(opening, r.script)) or webcredits.bracketed_reporter(
        fold(r.text, r.script)
    )
    if medium:
        r.md.source_unit = medium


_SPEECH_VENUE_RE = re.compile(
    r"^[\u4e00-\u9fff·]{2,4}(?:同志)?在(?P<venue>.{4,60})上的(?:讲话|講話|致辞|致辭|发言|發言)"
)


# the unit that answers a reporter's questions on a document (某某部负责人就《意见》…答记者问 /
# 回答了记者的提问), or hosts the event reported (活动由某某所主办)
_ANSWERING_RE = re.compile(
    r"(?:^|[，,。；]|日前|近日)\s*(?P<unit>[\u4e00-\u9fff]{2,20}?)负责人就.{0,60}?(?:答记者问|回答了?记者(?:的)?提问)"
)
_HOSTING_RE = re.compile(
    r"(?:^|[，,。；])\s*(?:本次|此次|这次)?活动由(?P<unit>[\u4e00-\u9fff（）()]{3,30}?)(?:主办|举办|承办)"
)


def answering_or_hosting_unit(r: Reading) -> None:
    """A page with no issuer, source or author whose opening says which unit answered the reporter
    (a document's 答记者问) or hosted the event: that unit."""
    if r.md.issuers or r.md.source_unit or r.md.author_unit:
        return
    opening = fold("\n".join(r.at(k) for k in range(r.pos, min(r.pos + 5, len(r.lines)))), r.script)
    for pattern in (_ANSWERING_RE, _HOSTING_RE):
        hit = pattern.search(opening[:1200])
        if hit and m.is_org_name(hit["unit"]):
            r.md.source_unit = m.clean_org(hit["unit"])
            return


_MEDIUM_NAME_RE = re.compile(
    r"(?:日报|晚报|报|报社|新闻网|新闻|网|电视台|广播电视台|客户端|融媒体中心|新媒体|在线)$"
)


def acting_unit(r: Reading) -> None:
    """A page that names no issuer, source or author: the unit its headline or its first sentence
    opens with acted and (on its own site) published it — 吕梁市委老干部局集中学习…,
    近年来，XX县委老干部局坚持…, 为深入贯彻…，XX大学离退休处…"""
    owner_only = bool(r.owner) and r.md.source_unit == r.owner and not r.md.author_unit
    # a medium's dateline (某某日报讯, 某某新闻记者…) says who reported, not whose work is reported
    medium_only = (
        bool(r.md.source_unit) and bool(_MEDIUM_NAME_RE.search(r.md.source_unit)) and not r.md.author_unit
    )
    # a place given as the source (【来源: 吴江区】) says where, not who: the acting unit is still looked for
    place_only = bool(r.md.source_unit) and not r.md.author_unit and _is_place_name(r, r.md.source_unit)
    if (
        not owner_only
        and not medium_only
        and not place_only
        and (
            r.md.issuers
            or (r.md.source_unit and not _BARE_SUB_UNIT_RE.match(r.md.source_unit))
            or (r.md.author_unit and not _BARE_SUB_UNIT_RE.match(r.md.author_unit))
        )
    ):
        return  # a bare department credited at the end (（组织处）) or as the source (来源：外事办) does not say whose it is
    # (on a page only its owner vouches for — XX大学's own news — the department acting in it wrote it)
    candidates = []
    if r.md.title:
        candidates.append(r.md.title)
        venue = _SPEECH_VENUE_RE.match(r.md.title)
        if venue:  # 某某在某委纪念…大会上的讲话: the unit whose meeting it was
            candidates.append(venue["venue"])
    # each clause of the first two sentences, until one opens with a unit; a page without a headline
    # opens with its text (7月11日上午，XX委员会在…召开), which the title holds then
    # the first of the next lines that holds a sentence (a date or counter line may come first)
    paragraphs = [
        # (or introduces what follows: 某某老年大学对学籍管理作以下规定：)
        r.at(k)
        for k in range(r.pos, min(r.pos + 3, len(r.lines)))
        if re.search(r"[。，,]", r.at(k))
        or re.search(r"(?:如下|以下)[^。，,]{0,8}[:：]$", r.at(k))
        or _SUBTITLE_ACT_RE.match(r.at(k))  # ——某区民政局组织…: a subtitle saying who did what
    ][:2]
    if (r.md.title and not paragraphs) or (r.md.title and len(r.md.title) > 40):
        candidates.extend(_opening_clauses(r.md.title))
    # a signed article's byline under its headline (中共XX省委组织部副部长、老干部局局长 张三 《XX周刊》):
    # the writer's office names the unit
    byline = _OFFICE_BYLINE_RE.match(r.at(r.pos)) if r.pos < len(r.lines) else None
    if byline:
        candidates.append(byline["office"])
    # the second paragraph's actor (据悉，XX局将…) names the page's unit too, but is no evidence of
    # where the page is (measured: it moved a province's page to a city it mentions)
    second = None
    for k, paragraph in enumerate(paragraphs):
        if k == 1:
            second = len(candidates)
        candidates.extend(_opening_clauses(paragraph))
    if r.md.title:  # last, a slogan headline's second part naming the actor (共忆岁月——某某车站举办…)
        candidates.extend(
            part
            for part in _HEADLINE_PARTS_RE.split(r.md.title)[1:2]
            if len(part) >= 6 and not part.startswith(("记", "記"))  # ——记某某: whom it portrays
        )
    for n, text in enumerate(candidates):
        folded = to_simplified(text) if r.script == "traditional" else text
        head = names.org_prefix(folded)
        if head and _BUILDING_AFTER_RE.match(folded, len(head)):
            continue  # 某某活动中心大楼落成: the building is what the page is about, not who acted
        if head:
            unit = m.clean_org(text[: len(head)])
            if r.md.author_unit:  # the credited department stays the author; the acting unit is the source
                r.md.source_unit = unit
            else:
                r.md.author_unit = unit
            if second is not None and n >= second:
                r.unplaced_unit = unit
            return
    own = names.self_named_unit(fold(r.text[:_SELF_SPAN], r.script))
    if own:  # 某县公安局现有73名退休老同志…今天刊出我局…: the unit the page speaks for as 我局
        if r.md.author_unit:
            r.md.source_unit = own
        else:
            r.md.author_unit = own


# a building of the unit's: 某某活动中心大楼, 某某馆新馆 (what was built or opened, not who did it)
_BUILDING_AFTER_RE = re.compile(r"(?:大楼|新楼|综合楼|新馆|新址|旧址|新阵地|主体工程)")

_SELF_SPAN = 3000


def _is_place_name(r: Reading, name: str) -> bool:
    """Whether `name` is a division's own name (吴江区, 青海省), not a unit's."""
    try:
        return r.gaz is not None and bool(r.gaz.lookup(fold(name, r.script)))
    except Exception:
        return False


_SUBTITLE_ACT_RE = re.compile(r"^(?:——|—|--)(?![记記])")
_HEADLINE_PARTS_RE = re.compile(r"\s*(?:——|—|-{3,}|丨|︱|\|)\s*")
_OFFICE_BYLINE_RE = re.compile(
    r"^\s*(?P<office>[^\s。，,；：:]{4,40}?(?:长|书记|主任|主席|委员))\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}"
    r"\s*(?:[《(（].*)?$"
)
_HOSTED_BY_RE = re.compile(
    r"^(?:此次|本次|这次|本届|该)?(?:[\u4e00-\u9fff“”\"]{0,10}?(?:活动|会议|比赛|培训|讲座|报告会|座谈会|运动会))?由"
)


# who approved what the sentence reports (经市委、市政府同意，…): not who acted
_APPROVED_BY_RE = re.compile(r"经[^，,。；]{2,40}?(?:同意|批准|审定|研究决定)[，,]?")
# who commissioned or invited the actor (受省委老干部局委托，…): not who acted
_COMMISSIONED_BY_RE = re.compile(r"(?:^|(?<=[，,]))受[^，,。；]{2,40}?(?:委托|邀请|委派|指派)[，,]?")


# the body that decided what the sentence reports (经全国老龄工作委员会日前决定，我国将…, 经某处研究，定于…):
# it acted, without 经
_DECIDED_BY_RE = re.compile(r"^[经經](?=[^，,。；]{2,30}?(?:(?:日前|近日|研究)?(?:决定|決定)|研究)$)")
# a dated past before a central organ's document (1997年中共中央组织部印发了《…》, 今年5月，中办印发《…》):
# the background a local story opens with, not its actor
_PAST_LEAD_RE = re.compile(r"^\s*(?:(?:19|20)\d{2}年|今年\d{1,2}月|去年|早在)")
_ISSUED_DOCUMENT_RE = re.compile(
    r"[\u4e00-\u9fff、]{0,12}?(?:又|先后|联合|相继){0,2}(?:印发|下发|出台|颁布|发布)了?《"
)


def _background_issuance(clause: str) -> bool:
    """A clause in which a central organ issues a document (中共中央组织部印发了《…》)."""
    rest = to_simplified(docregion.strip_opening_lead(clause))
    head = names.org_prefix(rest)
    return bool(head) and is_central(head) and bool(_ISSUED_DOCUMENT_RE.match(rest, len(head)))


def _opening_clauses(opening: str) -> list[str]:
    """Each clause of an opening's first two sentences, without its leads (近年来，为…，此次活动由…);
    a clause recalling a central document's issue (今年5月，中办印发《…》) is background, left out."""
    out: list[str] = []
    for sentence in re.split(r"[。！？?!]", opening)[:2]:
        sentence = to_simplified(sentence)  # the leads are matched in simplified script (活動由 too)
        past = bool(_PAST_LEAD_RE.match(sentence))
        out.extend(
            _DECIDED_BY_RE.sub("", _HOSTED_BY_RE.sub("", docregion.strip_opening_lead(c.lstrip("—-－ "))))
            for c in re.split(r"[，,；;]", _COMMISSIONED_BY_RE.sub("", _APPROVED_BY_RE.sub("", sentence)))
            if not (past and _background_issuance(c))
        )
    return out


def join_parent(r: Reading) -> None:
    """A short unit the head gave (兰州分院, 离退休工作处) written in full in the text
    (中国科学院兰州分院, XX大学离退休工作处) is that full unit: a sub-unit keeps its parent."""
    folded = fold(r.text[:6000], r.script)
    for attr in ("author_unit", "source_unit"):
        unit = getattr(r.md, attr)
        if not unit or unit == r.owner:
            continue
        full = pageowner.parent_form(unit, folded, r.gaz)
        parent = r.owner or r.site_owner  # the footer's unit, or the school whose own site the page is on
        if full is None and parent and _BARE_SUB_UNIT_RE.match(unit) and not unit.startswith(parent):
            full = parent + unit  # 离退休工作处 on XX大学's own page
        if full and full != unit:
            setattr(r.md, attr, full)


# a department named without its parent: 离退休工作处, 活动管理处, 老干部科, 机关党委
_BARE_SUB_UNIT_RE = re.compile(
    r"^(?!中共|中国|省|市|县|区)"
    # a name that already holds its own institution (新余学院离退休党支部) is not bare
    r"(?![\u4e00-\u9fff]*(?:大学|学院|学校|医院|公司|集团|银行|研究院|研究所|局|厅|政府|委员会))"
    r"[\u4e00-\u9fff]{1,10}(?:处|科|室|办|办公室|党委|党总支|总支|支部|工委)$"
)


def drop_implausible_units(r: Reading) -> None:
    """A source, author or issuer repaired of a damaged line's leftovers, then dropped if no unit's
    name could be it (``not_unit`` in web_page.tsv: a fragment of the text rather than a unit)."""
    bad = vocab.patterns("web_page.tsv", "not_unit")

    def kept(name: str | None) -> str | None:
        name = names.repaired_unit(name) if name else name
        return name if name and not any(p.search(name) for p in bad) else None

    r.md.source_unit = kept(r.md.source_unit)
    r.md.author_unit = kept(r.md.author_unit)
    r.md.issuers = [i for i in (kept(x) for x in r.md.issuers) if i]
