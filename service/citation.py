"""Exact citations: a clause's locator within its document and the full citation line.

Pure functions over the model. A locator names every numbered level of a clause's place, from
the outermost: 一、→ 第一部分, （一）→ 第（一）项, 1. → 第1条, （1）→ 第（1）目, 一是 → 一是; a level
without a number is named by its heading's own words in 「」. Clauses that would share a locator
(paragraphs under one heading) are told apart by 第N段, and whatever still collides by （第N处）,
so every clause of a document has its own locator (tests/service/test_citation.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.report import publisher
from policykg.model import Clause, Document
from policykg.text import to_simplified

_CN = "一二三四五六七八九十百零〇两"
# (pattern, how the level is cited); the first that matches the start of a heading or number wins
_LEVELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^第([{_CN}\d]+)(编|部分|章|节|条|款)"), "{0}"),
    (re.compile(rf"^([{_CN}]+)\s*[、.．]"), "第{1}部分"),
    (re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]"), "第（{1}）项"),
    (re.compile(r"^(\d{1,3})\s*(?:[、.．](?!\d)|\s)"), "第{1}条"),
    (re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]"), "第（{1}）目"),
    (re.compile(rf"^([{_CN}]+)是"), "{0}"),
    (re.compile(rf"^(第[{_CN}]+)[，,、：:]"), "{1}"),
    (re.compile(r"^([①-⑳])"), "第{1}目"),
    (re.compile(r"^([A-Za-z])\s*[.．、)）]"), "第{1}项"),
)
_HEADING_WORDS = 24  # an unnumbered heading is cited by at most this many characters
_BULLETIN_ISSUE = re.compile(r"^(?P<name>.*?)[\s　]*(?P<issue>第\s*[\d一二三四五六七八九十]+\s*期.*)$")


@dataclass(frozen=True)
class Citation:
    locator: str
    text: str
    text_original: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"locator": self.locator, "text": self.text, "text_original": self.text_original}


def level_label(text: str | None) -> str | None:
    """How one numbered level is cited (一、总体要求 → 第一部分), None when it has no number."""
    value = (text or "").strip()
    for pattern, form in _LEVELS:
        m = pattern.match(value)
        if m:
            return form.format(m.group(0).strip(), *m.groups()).replace(" ", "")
    return None


def heading_words(text: str) -> str:
    """An unnumbered heading as cited: its own words in 「」, shortened."""
    words = re.sub(r"\s+", "", text).rstrip("：:。.；;，,")
    if len(words) > _HEADING_WORDS:
        words = words[:_HEADING_WORDS] + "…"
    return f"「{words}」"


def _path_part(heading: str) -> str:
    return level_label(heading) or heading_words(heading)


def base_locator(clause: Clause) -> tuple[str, bool]:
    """The clause's place from its heading path and own number; True when the clause *is* the
    last level (its own heading or number), False when it is a paragraph under that level."""
    path = list(clause.path)
    own = bool(clause.heading) and bool(path) and path[-1] == clause.heading
    parts = [_path_part(h) for h in path]
    is_level = own
    if not own and clause.number:
        label = level_label(clause.number) or clause.number.strip()
        parts.append(label)
        is_level = True
    return "".join(parts), is_level


def locators(clauses: Sequence[Clause]) -> dict[str, str]:
    """clause id → a locator that no other clause of the document has."""
    groups: dict[str, list[tuple[Clause, bool]]] = {}
    for c in sorted(clauses, key=lambda c: c.ordinal):
        base, is_level = base_locator(c)
        groups.setdefault(base, []).append((c, is_level))
    out: dict[str, str] = {}
    for base, members in groups.items():
        if len(members) == 1 and base:
            out[members[0][0].id] = base
            continue
        owner = next((c.id for c, is_level in members if is_level), None)
        for i, (c, _lvl) in enumerate(members, start=1):
            out[c.id] = base if c.id == owner else f"{base}第{i}段"
    # A document whose numbering repeats itself (two 一是 under one heading) still gets distinct ones.
    seen: dict[str, int] = {}
    for c in sorted(clauses, key=lambda c: c.ordinal):
        loc = out[c.id]
        n = seen.get(loc, 0) + 1
        seen[loc] = n
        if n > 1:
            out[c.id] = f"{loc}（第{n}处）"
    return out


def bulletin_issue(title: str) -> tuple[str, str]:
    """老干部工作动态 第7期（总第494期） → (老干部工作动态, 第7期（总第494期）)."""
    m = _BULLETIN_ISSUE.match(title.strip())
    if not m or not m.group("name"):
        return title.strip(), ""
    return m.group("name").strip(), re.sub(r"\s+", "", m.group("issue"))


def source_line(doc: Document, parent: Document | None = None) -> str:
    """Unit + 《title》 + （文号）, or for a bulletin article: unit《title》，载《bulletin》第N期."""
    unit = publisher(doc) or (publisher(parent) if parent is not None else None) or ""
    title = doc.title.strip()
    if unit and title.startswith(unit):
        unit = ""  # 中共福州市委…关于…的通知 names its issuer already
    line = f"{unit}《{title}》"
    if doc.doc_no:
        line += f"（{doc.doc_no}）"
    if parent is not None:
        name, issue = bulletin_issue(parent.title)
        line += f"，载《{name}》{issue}"
        if parent.doc_no:
            line += f"（{parent.doc_no}）"
    return line


def _pair(original: str, script: str) -> tuple[str, str | None]:
    if script == "traditional":
        return to_simplified(original), original
    return original, None


def document_citation(doc: Document, parent: Document | None = None) -> Citation:
    """The document's own citation line (no locator)."""
    text, original = _pair(source_line(doc, parent), doc.script)
    return Citation(locator="", text=text, text_original=original)


def clause_citations(doc: Document, parent: Document | None = None) -> dict[str, Citation]:
    """clause id → its citation, for every clause of the document."""
    head = source_line(doc, parent)
    out: dict[str, Citation] = {}
    for cid, loc in locators(doc.clauses).items():
        text, original = _pair(head + loc, doc.script)
        locator = to_simplified(loc) if doc.script == "traditional" else loc
        out[cid] = Citation(locator=locator, text=text, text_original=original)
    return out
