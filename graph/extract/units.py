"""Acting units: the unit (or branch, or place) that carried out what a document or clause reports.

A document's actor (`acting_unit`, then `document_actor` once the clauses are scanned): its author
unit; for a formal document (通知, 意见 …: graph/data/unit_words.tsv) its first issuer; otherwise
the subject of its title or opening sentences ("XX市委老干部局引导…", "XX社区离退休党支部创新开展…"),
a unit or branch before a place acting as one ("XX县组织…": the place stands for its bodies); else
the source unit or first issuer; else the first unit or branch its title or first clauses name; a
bulletin's article without any acts for its bulletin. A clause's actor: the unit, branch or place
it opens with as its subject. A written unit needs its place in its name (or a bare 省/市/县/区 of
the document's own chain) and no verb, office or plural in it; what the gazetteer and the unit
tables know (find_orgs) comes first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.branches import BranchMention
from graph.extract.common import HAN, alternation, data_rows, squeeze
from graph.extract.organizations import OrgContext, find_orgs, normalize_org, place_name
from graph.extract.regions import find_regions
from policykg.model import Document

_NUMBERING_RE = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.、．]|[一二三四五六七八九十]是)\s*"
)
_DATE_RE = re.compile(r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚上|晚)?")
_SUBJECT_WINDOW = 40
_MAX_AFTER_PLACE = 12
_LEVELS = {
    "省": "province",
    "市": "city",
    "县": "county",
    "区": "county",
}  # a subject starts within this many characters of the sentence start


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row[1].split()) for row in data_rows("unit_words.tsv")}


@lru_cache(maxsize=1)
def _subject_re() -> re.Pattern[str]:
    w = _words()
    return re.compile(
        f"(?P<unit>[{HAN}]{{2,24}}?(?:{alternation(w['suffix'])}))(?=(?:{alternation(w['predicate'])}))"
    )


@lru_cache(maxsize=1)
def _people_re() -> re.Pattern[str]:
    return re.compile(alternation(_words()["people"]))


@lru_cache(maxsize=1)
def _predicate_re() -> re.Pattern[str]:
    w = _words()
    return re.compile(f"(?:{alternation(w['predicate'])}|{alternation(w['joint'])})")


@lru_cache(maxsize=1)
def _lead_re() -> re.Pattern[str]:
    occasion = r"在[^,，。]{2,14}?(?:之际|期间|前夕|之时|以来)"
    return re.compile(
        f"(?:(?:{alternation(_words()['lead'])})|{occasion}|\\d{{1,4}}(?=[,，])|{_DATE_RE.pattern})[,，、\\s]*"
    )


@dataclass(frozen=True)
class Subject:
    name: str  # as written (a branch name, or a unit's surface); a place's code when `place`
    start: int
    end: int
    place: bool = False  # a place acting as a unit (its party and government bodies)


def subject_start(text: str) -> int:
    """Where the subject of a sentence may start: after numbering, dates and framing words."""
    m = _NUMBERING_RE.match(text)
    pos = m.end() if m else 0
    while True:
        lead = _lead_re().match(text, pos)
        if lead is None or lead.end() == pos:
            return pos
        pos = lead.end()


def _unit_at(text: str, pos: int, orgs: OrgContext, predicate: bool) -> Subject | None:
    """A unit name starting at `pos`: a run ending in a unit suffix (followed by a predicate when
    asked) whose name starts with a place the gazetteer knows, or with a bare 省/市/县/区 of the
    document's own chain (省总工会老干部处); no function word in it."""
    if predicate:
        m = _subject_re().match(text, pos)
        if m is None:
            return None
        unit, end = m["unit"], m.end("unit")
    else:
        # the longest name ending in a suffix within the run of Han characters
        run = re.match(f"[{HAN}]{{2,24}}", text[pos:])
        word = run.group() if run else ""
        suffixes, not_end = _words()["suffix"], _words()["not_end"]
        ends = [
            e
            for e in range(2, len(word) + 1)
            if word[:e].endswith(suffixes) and not word[:e].endswith(not_end)
        ]
        if not ends:
            return None
        unit, end = text[pos : pos + max(ends)], pos + max(ends)
    if unit.endswith(_words()["not_end"]) or any(c in unit for c in "的要给将把和与、"):
        return None
    if any(w in unit for w in _words()["not_in"]):
        return None
    body = unit[2:] if unit.startswith("中共") else unit
    hits = find_regions(orgs.gaz, body, orgs.codes)
    placed = bool(hits) and hits[0].start == 0 and hits[0].end < len(body)
    covered = sum(h.end - h.start for h in hits)
    if placed and len(body) - covered <= 1 and body[-1] in "省市县区镇乡村街道":
        return None  # only places (杭州市余杭区瓶窑镇): a place, not a unit
    own = body[0] in _LEVELS and orgs.at_level(_LEVELS[body[0]]) is not None and len(body) >= 4
    if not placed and not own:
        return None
    if placed and len(body) - hits[0].end > _MAX_AFTER_PLACE:
        return None  # a name runs this long only when it has taken in a clause
    name = unit if placed else place_name(orgs.gaz, orgs.at_level(_LEVELS[body[0]])) + body[1:]  # type: ignore[arg-type]
    return Subject(name, end - len(unit), end)


def written_subject(text: str, orgs: OrgContext) -> Subject | None:
    """A unit written as the subject at the start of `text` (湖南大学离退休处开展…), or a place
    acting as one (黑水县牢固树立…, 略阳县组织…: its party and government bodies)."""
    pos = subject_start(text)
    unit = _unit_at(text, pos, orgs, predicate=True)
    if unit is not None:
        return unit
    run = [h for h in find_regions(orgs.gaz, text[pos : pos + 24], orgs.codes)]
    chained: list = []
    for h in run:  # the run of place names at the start (四川阿坝州黑水县: 州 after a short name)
        prev_end = chained[-1].end if chained else 0
        gap = text[pos + prev_end : pos + h.start]
        if gap and not (len(gap) == 1 and gap in "州市县区省盟"):
            break
        chained.append(h)
    after = pos + chained[-1].end if chained else pos
    people = _people_re().match(text, after)
    if people:  # 枣庄市老干部积极…: the place's cadres act, the place stands for them
        after = people.end()
    if chained and _predicate_re().match(text, after):
        last = chained[-1]
        return Subject(last.region.code, pos + last.start, pos + last.end, place=True)
    return None


def named_units(text: str, orgs: OrgContext) -> list[Subject]:
    """Units written anywhere in `text` with their place (湖南大学, 济宁市离退干部服务中心)."""
    out: list[Subject] = []
    for h in find_regions(orgs.gaz, text, orgs.codes):
        if out and h.start < out[-1].end:
            continue
        unit = _unit_at(text, h.start, orgs, predicate=False)
        if unit is not None:
            out.append(unit)
    return out


def is_formal(doc: Document) -> bool:
    """A document whose issuers act: numbered, or typed (or titled) as a notice, opinion, plan …"""
    formal = _words()["formal"]
    title = squeeze(doc.title or "").rstrip('》」”"')
    return bool(doc.doc_no) or (doc.doc_type or "") in formal or title.endswith(formal)


def opening_clause_id(doc: Document) -> str | None:
    """The first body clause that is not the title again."""
    title = squeeze(doc.title or "")
    for c in doc.clauses:
        text = c.search_text.strip()
        if text and text != title and c.kind != "heading":
            return c.id
    return None


def clause_actor(text: str, orgs: OrgContext, branches: list[BranchMention]) -> tuple[str, str] | None:
    """(kind, name) of the unit or branch a clause opens with as its subject: a branch found in
    it, a unit the tables know, a written unit name followed by a predicate, or a place acting
    as a unit (kind "place", name its region code)."""
    start = subject_start(text)
    for b in branches:
        if b.start == start and _predicate_re().match(text, b.end):
            return "branch", b.name
    for m in find_orgs(text[: start + _SUBJECT_WINDOW], orgs):
        if m.start == start and _predicate_re().match(text, m.end):
            return "organization", m.name
    subject = written_subject(text, orgs)
    if subject is None or any(b.start <= subject.start < b.end for b in branches):
        return None
    if subject.place:
        return "place", subject.name
    return "organization", normalize_org(subject.name, orgs).name


def branch_like(name: str) -> bool:
    return squeeze(name).endswith(("党支部", "党总支", "党小组"))


def usable_unit(name: str) -> bool:
    """A metadata unit that can act: not a newspaper or site (大众日报, 某某网), nor a phrase a
    reader took for a unit (扎实推进全市…党组)."""
    folded = squeeze(name)
    words = _words()
    return (
        bool(folded) and not folded.endswith(words["media"]) and not any(w in folded for w in words["not_in"])
    )


def metadata_units(doc: Document) -> list[str]:
    """The units the metadata names as writing the document (its author unit, else its issuers)
    that are organizations: not a branch, a newspaper or a misread phrase."""
    units = [doc.author_unit] if doc.author_unit else list(doc.issuers)
    return [u for u in units if u and usable_unit(u) and not branch_like(u)]


def acting_unit(doc: Document, orgs: OrgContext, parent_unit: str | None = None) -> tuple[str | None, str]:
    """(name, kind) of the unit acting in `doc` by its metadata: the author unit, the first issuer
    or the source unit (a branch written there is a branch), else the bulletin's unit. (The scan
    may then prefer the subject of the title or opening sentence: `document_actor`.)"""
    meta = [
        u for u in (doc.author_unit, *doc.issuers, getattr(doc, "source_unit", None)) if u and usable_unit(u)
    ]
    if not meta:
        return parent_unit, "organization"
    if branch_like(meta[0]):
        return squeeze(meta[0]), "branch"
    return normalize_org(meta[0], orgs).name, "organization"


def prefers_opening(doc: Document) -> bool:
    """Whether the opening sentence's subject says better than the metadata who acted: not for
    an article with its author unit, nor for a formal document (its issuers act)."""
    return not doc.author_unit and not is_formal(doc)


def place_named_in(code: str, name: str, orgs: OrgContext) -> bool:
    """Whether the place `code` is written in a unit's `name` (梅河口市 in 梅河口市老干部局)."""
    region = orgs.gaz.get(code)
    return region is not None and region.name in name


def _first_named(text: str, orgs: OrgContext, branches: list[BranchMention]) -> tuple[str, str] | None:
    """The first branch or unit the text names, anywhere in it."""
    found = [(b.start, "branch", b.name) for b in branches]
    found += [(m.start, "organization", m.name) for m in find_orgs(text, orgs)]
    found += [(u.start, "organization", normalize_org(u.name, orgs).name) for u in named_units(text, orgs)]
    return min(found)[1:] if found else None


def document_actor(
    doc: Document,
    orgs: OrgContext,
    metadata_unit: str | None,
    opening_actor: tuple[str, str] | None,
    first_clauses: list[tuple[str, list[BranchMention]]],
) -> tuple[str, str] | None:
    """(kind, name) of the unit or branch acting in a document when its text says better than
    its metadata, else None (the metadata's unit stands): the subject of the title ("XX市委
    老干部局引导…", "XX离退休党支部走进…"), of the opening sentence; without any unit in the
    metadata, the first unit or branch the title or the first clauses name."""
    if not prefers_opening(doc) and metadata_unit:
        return None
    title = squeeze(doc.title or "")
    title_branches = _title_branches(title, orgs, metadata_unit)
    if prefers_opening(doc):
        subjects = [clause_actor(title, orgs, title_branches) if title else None, opening_actor]
        found = [s for s in subjects if s is not None]
        # a unit or branch says more than a place acting as one (通化市开展… / 通化市税务局开展…)
        found.sort(key=lambda s: s[0] == "place")
        if found:
            return found[0]
    if metadata_unit:
        return None
    for text, branches in [(title, title_branches), *first_clauses]:
        named = _first_named(text, orgs, branches) if text else None
        if named is not None:
            return named
    return None


def _title_branches(title: str, orgs: OrgContext, acting: str | None) -> list[BranchMention]:
    from graph.extract.branches import find_branches
    from policykg.model import Clause

    pseudo = Clause(id="title", doc_id="title", ordinal=0, text=title, search_text=title)
    return find_branches(pseudo, orgs.gaz, orgs.codes, acting) if title else []


def sentence_actor(
    text: str, orgs: OrgContext, branches: list[BranchMention], max_sentences: int = 2
) -> tuple[str, str] | None:
    """The actor of the first of the first `max_sentences` sentences that opens with one (an
    opening paragraph may start with a quotation or a date line: “…”。近年来，XX县…)."""
    from dataclasses import replace

    from graph.extract.common import sentences

    for s, _e in sentences(text)[:max_sentences]:
        shifted = [replace(b, start=b.start - s, end=b.end - s) for b in branches if b.start >= s]
        actor = clause_actor(text[s:], orgs, shifted)
        if actor is not None:
            return actor
    return None
