"""Profile steps every profile ends with: the title and issuers settled, then the type, the years and
the region decided from what the head and tail steps found, and the uploader told what is missing.
Steps of ingest.profiles over its `Reading`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ingest import (
    dates,
    docregion,
    doctypes,
    names,
    nationalscope,
    siteregion,
    textregion,
    titlesteps,
    unitplaces,
    webtype,
)
from ingest import metadata as m
from ingest.regionrefs import ancestor_refs
from ingest.unitregion import (
    county_of_credited_medium,
    county_of_medium,
    county_of_short_named_units,
    county_of_unit_short_name,
)
from policykg.model import RegionRef
from policykg.text import fold

if TYPE_CHECKING:
    from ingest.profiles import Reading


# what a unit does, right after its name in a headline: the headline reports an act (XX局召开…联席会，
# …并发言; XX关工委会同XX局研究…的实施办法; XX局来宜开展…专题调研), it is not a document's title
_ACT_AFTER_UNIT_RE = re.compile(
    r"^(?:召开|举办|举行|开展|组织|研究|部署|会同|联合|深入|赴|到|来|走进|看望|慰问|参加|出席|启动|推进|持续|积极|扎实|认真|全面|率|带领|"
    r"印发|出台|下发|出炉)"
)


# a place, or its party committee or government, that issued a document: 某某市出台《…》, 某某区印发…实施意见
_PLACE_ISSUED_RE = re.compile(
    r"^[\u4e00-\u9fff]{1,12}?(?:省|自治区|市|州|盟|县|区|旗)(?:委办公室|政府办公室|委办|政府办|委|政府|人民政府)?"
    r"(?:印发|出台|下发|出炉)"
)


# a visit reported in the headline (某局调研组赴某州开展专题调研, 某会调研组到某市调研): news of an act,
# whatever word (调研, 考察) the headline ends with
_VISIT_RE = re.compile(
    r"^(?!关于)[^，,。；]{2,30}?(?:赴|到|来|深入)[^，,。；]{1,16}?(?:开展|进行)?[\u4e00-\u9fff]{0,4}?(?:调研|考察|督导|检查)"
)


def _reports_an_act(title: str) -> bool:
    if _PLACE_ISSUED_RE.match(title) or _VISIT_RE.match(title):
        return True
    head = names.org_prefix(title)
    return (
        bool(head) and not title.startswith(("关于",)) and bool(_ACT_AFTER_UNIT_RE.match(title[len(head) :]))
    )


def classify_type(r: Reading) -> None:
    folded_lines = m.fold_lines([ln.text for ln in r.lines[:80]], r.script)
    title = fold(r.md.title, r.script) if r.md.title else None
    headline = title is not None and _reports_an_act(title)
    r.md.doc_type = doctypes.classify(None if headline else title, folded_lines)
    if r.md.doc_type == "其他" and r.md.wrapper_title:  # 关于印发某赛竞赛规程的通知: filed as the notice
        r.md.doc_type = doctypes.type_from_title(fold(r.md.wrapper_title, r.script)) or r.md.doc_type
    if r.speech is not None and r.md.doc_type is None:
        r.md.doc_type = "讲话"
    if r.md.doc_type is None and r.web is not None and r.web.residue.get("masthead"):
        r.md.doc_type = "简报"  # one story under a bulletin's masthead (第N期): an issue of the bulletin
    if r.md.doc_type is None:  # an opinion column's piece (a 时评 trail, a 评论员 byline): a commentary
        chrome = [
            *r.residue.get("navigation", ()),
            *r.residue.get("byline", ()),
            *r.residue.get("above_meta", ()),
        ]
        if doctypes.shows_commentary([*folded_lines[:12], *m.fold_lines(chrome, r.script)]):
            r.md.doc_type = "理论文章"
    if r.md.doc_type is None:  # prose that names no type: a news report or an experience write-up
        cues = webtype.PageCues(
            title=title or "",
            body=tuple(folded_lines[r.pos : r.pos + 8]),
            source=r.md.source_unit or "",
            byline=bool(r.residue.get("byline")),
            text=fold(r.text[:6000], r.script),
        )
        r.md.doc_type = webtype.decide(cues)


def find_years(r: Reading) -> None:
    title = fold(r.md.title, r.script) if r.md.title else None
    r.md.years = dates.detect_years(title, fold(r.text[:20000], r.script), r.md.date)


def find_region(r: Reading) -> None:
    # the page's owner (a portal reposting a city's news, a school) says where the site is, not
    # what the page is about: it places the page only when the text does not, or refines it
    units = [
        u
        for u in (r.md.author_unit, r.md.source_unit)
        if u and not (r.owner and u.startswith(r.owner)) and u != r.unplaced_unit
    ]
    r.md.region, how = docregion.detect_region(
        r.doc_id,
        issuers=r.md.issuers,
        units=units,
        doc_no=r.md.doc_no,
        title=r.md.title,
        text=r.text,
        opening=r.at(r.pos) if r.pos < len(r.lines) else "",
        script=r.script,
        gazetteer=r.gaz,
        fallback=r.fallback_region,
        datelines=r.residue.get("byline", []),
    )
    r.md.region_evidence = how
    # the page's owner (a unit named in its footer, a school speaking as 我校) and a listed school's
    # own site place the page when the text does not, refine a region the text gives around them
    # (山东省… on a 淄博 school's site) and, for a school, outweigh places the body merely mentions
    # (a trip, members living elsewhere); a region an issuer, number, central organ or event gives stays
    weak = how in ("body", "only_place", "short_name")
    refines = how not in ("issuer", "doc_no", "central", "event") and r.md.region is not None
    owned = docregion.region_of_org(r.gaz, r.owner) if r.owner else None
    candidates = (
        (owned, bool(r.owner and unitplaces.listed_school(r.owner)), "owner"),
        (r.site_region if r.site_owned else None, True, "school_site"),
    )
    for place, school, evidence in candidates:
        if place is not None and (
            r.md.region is None or (weak and school) or (refines and docregion.inside(place, r.md.region))
        ):
            r.md.region, r.md.region_evidence = place, evidence
    # a unit named by its level alone (市老年大学) on a site of that level: the site's own
    site = r.site_region
    if (
        site is not None
        and weak
        and (r.md.region is None or how == "body" or docregion.inside(site, r.md.region))
        and textregion.own_level_fits(units, r.script, site)
    ):
        r.md.region, r.md.region_evidence = site, "site_level"
    # any other site's address is the weakest evidence: a provincial notice reposted on a city's
    # portal is still the province's (measured: refining by it lost 4 development pages for 1 gained)
    if r.md.region is None and r.unplaced_unit:  # only the second paragraph's actor names a place
        r.md.region = docregion.region_of_org(r.gaz, fold(r.unplaced_unit, r.script))
        r.md.region_evidence = "second_unit" if r.md.region is not None else None
    if r.md.region is None:  # 宜兴法院 ×3 and no place named: the county the units are named after
        r.md.region = county_of_short_named_units(r.gaz, fold(r.text[:20000], r.script))
        r.md.region_evidence = "short_named_units" if r.md.region is not None else None
    if r.md.region is None and titlesteps.latin_page(r):  # a machine translation names places in pinyin
        r.md.region = siteregion.english_place(r.gaz, r.text)
        r.md.region_evidence = "english" if r.md.region is not None else None
    if r.md.region is None and r.site_region is not None:
        site = textregion.site_at_own_level(r.gaz, units, r.script, r.site_region)
        r.md.region, r.md.region_evidence = site, "site"
    if r.md.region is not None and r.md.region.level == "town":
        r.md.region = _county_of_town(r.gaz, r.md.region)
    _county_of_short_named_unit(r, units)
    _county_of_medium(r)
    if r.md.region is None:
        folded = fold(r.text[:20000], r.script)
        if (
            nationalscope.speaks_for_the_nation(folded)
            or nationalscope.central_story(folded)
            or nationalscope.central_medium(fold(r.md.source_unit or "", r.script))
        ):
            r.md.region, r.md.region_evidence = nationalscope.national_ref(r.gaz), "national_text"
    if r.md.region is not None and r.md.region.known:
        r.md.author_unit = names.qualify_unit(r.md.author_unit, r.md.region.name)
        r.md.source_unit = names.qualify_unit(r.md.source_unit, r.md.region.name)


def _county_of_short_named_unit(r: Reading, units: list[str]) -> None:
    """A unit named by its county's short name (北镇监狱, 绥棱局) inside the province or city the page
    is placed in: that county (an issuer's, number's, central organ's or event's region stays)."""
    region = r.md.region
    if region is None or region.level not in ("province", "city"):
        return
    if r.md.region_evidence in ("issuer", "doc_no", "central", "event"):
        return
    for unit in units:
        county = county_of_unit_short_name(r.gaz, fold(unit, r.script), region)
        if county is not None:
            r.md.region, r.md.region_evidence = county, "unit_short_name"
            return


def _county_of_medium(r: Reading) -> None:
    """A county's own news app or site as the source (云上某某讯, 某某新闻网), or its media centre credited
    with the reporter (某某市融媒体中心记者张三), places a page that nothing else places, and refines a province
    or city it lies in that only weak evidence gave."""
    county = county_of_medium(r.gaz, fold(r.md.source_unit, r.script)) if r.md.source_unit else None
    for credit in [r.md.source_unit or "", *r.residue.get("byline", [])] if county is None else []:
        county = county_of_credited_medium(r.gaz, fold(credit, r.script))
        if county is not None:
            break
    region = r.md.region
    if county is None:
        return
    if region is None or (
        region.level in ("province", "city")
        and r.md.region_evidence not in ("issuer", "doc_no", "central", "event", "title")
        and docregion.inside(county, region)
    ):
        r.md.region, r.md.region_evidence = county, "medium"


def _county_of_town(gaz: Any, town: RegionRef) -> RegionRef:
    """A town or street office is filed under its county or district: a document's region is a division
    at county level or above, as readers file a town's news (a filter on the county still finds it, and
    the town stays a region entity of the document's graph). Measured: the newer annotations never place
    a page in a town (development −2 +1, the blind development set zzj +3, held out +3 pages net)."""
    county = next((a for a in reversed(ancestor_refs(gaz, town)[:-1]) if a.level == "county"), None)
    return town if county is None else county


def warn_missing(r: Reading) -> None:
    md = r.md
    if not md.title:
        md.warnings.append("未识别出标题")
    if not md.issuers and not md.authors and not md.source_unit and not md.author_unit:
        md.warnings.append("未识别出发文机关")
    if not md.date:
        md.warnings.append("未识别出成文日期")
    elif md.date == r.page_date and r.page_date:
        md.warnings.append("未注明成文日期，使用网页发布时间")
    if not md.doc_type:
        md.warnings.append("未识别出文种")
    if md.region is None:
        md.warnings.append("未识别出适用地区" + ("（地名库不可用）" if r.gaz is None else ""))
    elif md.region_evidence == "masked":
        md.warnings.append("原文隐去了地区名称，仅记录行政级别")
