"""Cited documents: 发文字号 (中办发〔2016〕3号) and 《titles》, with what the text says about them.

A title followed by its number in parentheses is one citation with both; ``(以下简称《条例》)``
declares a short form; a bare ``3号文件`` is kept as a reference to be resolved against the
document's numbered citations; ``《决定》`` right after 《关于…的决定》 refers back to it. Titles
are only taken when they end like a policy document (意见, 通知, 条例 …), so newspapers, books
and films in 《》 are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.extract.common import alternation, book_titles, data_lines, display_name
from graph.extract.organizations import OrgContext, central_canonical, find_orgs
from ingest.docnumbers import find_doc_numbers, normalize_doc_no
from policykg.model import Clause

_ISSUE_VERBS = r"(?:联合印发|制定印发|印发|下发|转发|出台|制定|作出|颁布|发布)了?"
_TRIAL_RE = re.compile(r"[(（](?:试行|暂行|修订|征求意见稿)[)）]$")
_BARE_NO_RE = re.compile(r"(?<![〕\]\d])(\d{1,3})号文(?:件)?")
_SHORT_RE = re.compile(r"^[(（]\s*(?:以下)?简称\s*《([^《》]{1,20})》\s*[)）]")
_LEAD_TIME_RE = re.compile(
    r"^(?:\d{4}\s*年(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?|今年|去年|年初|同年|此后|随后)+"
)


@lru_cache(maxsize=1)
def _endings_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(data_lines('doc_title_endings.txt'))})$")


def title_key(title: str) -> str:
    """Matching key of a title: no brackets, quotes, parentheses or spaces."""
    return re.sub(r"[\s《》〈〉“”\"'‘’()（）]", "", display_name(title))


def is_document_title(title: str) -> bool:
    t = _TRIAL_RE.sub("", title.strip())
    return len(t) >= 4 and bool(_endings_re().search(t))


def inner_title(title: str) -> str | None:
    """关于印发〈X〉的通知 → X."""
    m = re.fullmatch(r".{0,30}?(?:印发|转发|颁发)〈(.+)〉的(?:通知|函)", title)
    return m.group(1) if m else None


@dataclass(slots=True)
class Citation:
    clause_id: str
    start: int
    end: int
    title: str | None = None
    doc_no: str | None = None
    short: str | None = None  # declared short form, without 《》
    issuers: list[str] = field(default_factory=list)  # canonical org names stated in the text
    province_wide: bool = False  # preceded by 全省 (the citing document's province)
    back_ref: str | None = None  # a bare reference (3号文件, 《决定》) to resolve within the document

    @property
    def keys(self) -> list[str]:
        keys = []
        if self.doc_no:
            keys.append("no:" + self.doc_no)
        if self.title:
            keys.append("title:" + title_key(self.title))
            inner = inner_title(self.title)
            if inner:
                keys.append("title:" + title_key(inner))
        return keys


def _issuers_before(text: str, pos: int, ctx: OrgContext) -> list[str]:
    """Units named as the subject of 印发/转发/作出 right before position `pos` (a 《)."""
    head = text[:pos]
    m = re.search(f"(?:又|也|还|先后|分别)?{_ISSUE_VERBS}$", head)
    if not m:
        return []
    segments = re.split(r"[,，。;；:：]", head[: m.start()])
    subject = segments[-1].strip() if segments else ""
    subject = _LEAD_TIME_RE.sub("", subject).strip()
    if not subject and len(segments) >= 2:
        # 省委老干部局围绕…,制定印发了《…》: the subject opens the previous segment
        prev = _LEAD_TIME_RE.sub("", segments[-2].strip())
        found = find_orgs(prev, ctx)
        return [found[0].name] if found and found[0].start == 0 else []
    names: list[str] = []
    for part in re.split(r"[、和与及]", subject):
        part = part.strip()
        if not part:
            continue
        if part in ("中央", "党中央"):
            names.append("中共中央")
            continue
        canonical = central_canonical(part)
        if canonical:
            names.append(canonical)
            continue
        found = find_orgs(part, ctx)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(part):
            names.append(found[0].name)
        else:
            return []  # a subject we cannot read fully: say nothing rather than half
    return names


def find_citations(clause: Clause, ctx: OrgContext, own_doc_no: str | None = None) -> list[Citation]:
    text = clause.search_text
    out: list[Citation] = []
    for span in book_titles(text):
        title = span.text.strip()
        before = text[max(0, span.start - 6) : span.start - 1]
        if "简称" in before:
            continue  # a declared short form: handled with its full title
        after = text[span.end + 1 : span.end + 40]
        if not is_document_title(title) or len(title) <= 3:
            if 1 <= len(title) <= 8:
                out.append(Citation(clause.id, span.start - 1, span.end + 1, back_ref="《" + title + "》"))
            continue
        cit = Citation(clause.id, span.start - 1, span.end + 1, title=display_name(title))
        tail = after.lstrip()
        if tail[:1] in "(（":
            numbers = find_doc_numbers(tail[:30])
            if numbers and numbers[0][0] <= 2:
                cit.doc_no = numbers[0][2]
            m = _SHORT_RE.match(tail)
            if m:
                cit.short = m.group(1)
        cit.issuers = _issuers_before(text, span.start - 1, ctx)
        cit.province_wide = text[max(0, span.start - 3) : span.start - 1].endswith("全省")
        out.append(cit)
    attached = [(c.end, c.doc_no) for c in out if c.doc_no]
    for start, end, number in find_doc_numbers(text):
        if any(number == no and 0 <= start - title_end <= 4 for title_end, no in attached):
            continue  # the number in parentheses after its title
        if own_doc_no and normalize_doc_no(own_doc_no) == number:
            continue
        out.append(Citation(clause.id, start, end, doc_no=number))
    for m in _BARE_NO_RE.finditer(text):
        out.append(Citation(clause.id, m.start(), m.end(), back_ref=f"{m.group(1)}号文件"))
    out.sort(key=lambda c: c.start)
    return out
