"""Acting units: the unit (or branch) that carried out what a document or a clause reports.

A document's actor: its author unit; for a formal document (通知, 意见 …: graph/data/unit_words.tsv)
its first issuer; otherwise the subject of its opening sentence when there is one ("XX县委老干部局
坚持…", "XX社区离退休党支部创新开展…"), else the source unit or first issuer; a bulletin's article
without any of these acts for its bulletin. A clause's actor: the unit or branch it opens with.
A subject is a run of characters ending in a unit suffix and followed by the start of a predicate;
what the gazetteer and the unit tables know (find_orgs) is preferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.branches import BranchMention
from graph.extract.common import HAN, alternation, data_rows, squeeze
from graph.extract.organizations import OrgContext, find_orgs, normalize_org
from graph.extract.regions import find_regions
from policykg.model import Document

_NUMBERING_RE = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.、．]|[一二三四五六七八九十]是)\s*"
)
_DATE_RE = re.compile(r"(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚上|晚)?")
_SUBJECT_WINDOW = 40  # a subject starts within this many characters of the sentence start


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
def _predicate_re() -> re.Pattern[str]:
    w = _words()
    return re.compile(f"(?:{alternation(w['predicate'])}|{alternation(w['joint'])})")


@lru_cache(maxsize=1)
def _lead_re() -> re.Pattern[str]:
    return re.compile(f"^(?:(?:{alternation(_words()['lead'])})|{_DATE_RE.pattern})[,，、\\s]*")


@dataclass(frozen=True)
class Subject:
    name: str  # as written (a branch name, or a unit's surface)
    start: int
    end: int


def subject_start(text: str) -> int:
    """Where the subject of a sentence may start: after numbering, dates and framing words."""
    m = _NUMBERING_RE.match(text)
    pos = m.end() if m else 0
    while True:
        lead = _lead_re().match(text, pos)
        if lead is None or lead.end() == pos:
            return pos
        pos = lead.end()


def written_subject(text: str, orgs: OrgContext) -> Subject | None:
    """A unit written as the subject at the start of `text` (湖南大学离退休处开展…): its name
    starts with a place the gazetteer knows (a unit named without its place is not told apart
    from others of its kind) and has no function word in it."""
    pos = subject_start(text)
    m = _subject_re().match(text, pos)
    if m is None:
        return None
    unit = m["unit"]
    if unit.endswith(_words()["not_end"]) or any(c in unit for c in "的要给将把"):
        return None
    body = unit[2:] if unit.startswith("中共") else unit
    hits = find_regions(orgs.gaz, body, orgs.codes)
    if not hits or hits[0].start != 0 or hits[0].end >= len(body):
        return None
    return Subject(unit, m.start("unit"), m.end("unit"))


def metadata_units(doc: Document) -> list[str]:
    """The units the metadata names as writing the document: its author unit, else its issuers."""
    return [doc.author_unit] if doc.author_unit else list(doc.issuers)


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
    it, a unit the tables know, or a written unit name followed by a predicate."""
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
    return "organization", normalize_org(subject.name, orgs).name


def acting_unit(doc: Document, orgs: OrgContext, parent_unit: str | None = None) -> str | None:
    """Canonical name of the unit acting in `doc` by its metadata: the author unit, the first
    issuer or the source unit, else the bulletin's unit. (The scan may then prefer the subject
    of the opening sentence: `prefers_opening`.)"""
    meta = [u for u in (doc.author_unit, *doc.issuers, getattr(doc, "source_unit", None)) if u]
    return normalize_org(meta[0], orgs).name if meta else parent_unit


def prefers_opening(doc: Document) -> bool:
    """Whether the opening sentence's subject says better than the metadata who acted: not for
    an article with its author unit, nor for a formal document (its issuers act)."""
    return not doc.author_unit and not is_formal(doc)
