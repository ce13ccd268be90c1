"""The library (issue 16, point 5): every document, filtered, faceted, sorted; its source and
related documents. Pure functions over one snapshot's documents and graph."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.errors import BadQuery
from policykg.model import Document
from policykg.text import fold

if TYPE_CHECKING:
    from service.snapshot import Snapshot

SORTS = ("-date", "date", "title")
_URL_RE = re.compile(r"https?://[^\s<>\"'（）()，。；、]+", re.ASCII)
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
MAX_FACET_VALUES = 200
MAX_RELATED = 20


# -- values of one document ---------------------------------------------------------------------


def document_units(doc: Document) -> list[str]:
    """Every unit a card names for the document: its issuers, the unit that wrote it, its 来源."""
    units = [*doc.issuers, doc.author_unit, doc.source_unit]
    return list(dict.fromkeys(u.strip() for u in units if u and u.strip()))


def source_url(doc: Document) -> str | None:
    """Where the document was published, when known: the model's field (a reader may fill it),
    else the first web address in its metadata lines or the text ingest removed as residue."""
    if doc.source_url:
        return doc.source_url
    meta = [doc.text[a:b] for a, b in doc.meta_spans]
    residue = [line for lines in doc.residue.values() for line in lines]
    for text in (*meta, *residue):
        m = _URL_RE.search(text)
        if m:
            return m.group(0).rstrip(".,;:")
    return None


def parse_date_bound(value: str | None, name: str, *, upper: bool) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD → the first (or, for an upper bound, last) ISO day it covers."""
    if value is None or not value.strip():
        return None
    m = _DATE_RE.match(value.strip())
    if not m:
        raise BadQuery(f"参数 {name} 的日期格式应为 YYYY、YYYY-MM 或 YYYY-MM-DD：{value.strip()[:40]}")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d is not None:
            day = date(y, int(mo), int(d))  # type: ignore[arg-type]
        elif mo is not None:
            month = int(mo)
            day = date(y, month, 1) if not upper else _month_end(y, month)
        else:
            day = date(y, 12, 31) if upper else date(y, 1, 1)
    except ValueError as exc:
        raise BadQuery(f"参数 {name} 不是有效日期：{value.strip()[:40]}") from exc
    return day.isoformat()


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


def date_span(doc: Document) -> tuple[str, str] | None:
    """The days a document's date covers (a year-only date covers its year), else its years."""
    if doc.date:
        try:
            lo = parse_date_bound(doc.date[:10], "date", upper=False)
            hi = parse_date_bound(doc.date[:10], "date", upper=True)
        except BadQuery:
            lo = hi = None
        if lo and hi:
            return lo, hi
    if doc.years:
        return f"{min(doc.years):04d}-01-01", f"{max(doc.years):04d}-12-31"
    return None


def in_dates(doc: Document, lo: str | None, hi: str | None) -> bool:
    if lo is None and hi is None:
        return True
    span = date_span(doc)
    if span is None:
        return False
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


# -- filters, facets, sort ----------------------------------------------------------------------


@dataclass
class LibraryQuery:
    offset: int = 0
    limit: int = 20
    top_level: bool = False
    doc_type: Sequence[str] = ()
    region: Sequence[str] = ()
    issuer: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    sort: str = "-date"
    # resolved region paths: a document is in a region when the region's name is on its path
    region_names: list[str] = field(default_factory=list)


def _region_path(doc: Document) -> tuple[str, ...]:
    if doc.region is None:
        return ()
    return tuple(doc.region.path) or (doc.region.name,)


def _title_match(doc: Document, words: list[str]) -> bool:
    hay = fold(f"{doc.title} {doc.doc_no or ''} {doc.wrapper_title or ''}")
    return all(w in hay for w in words)


def matches(doc: Document, q: LibraryQuery, skip: str | None = None) -> bool:
    """Whether the document passes every filter (but `skip`: a facet's own counts ignore it)."""
    if q.top_level and doc.parent_id:
        return False
    if skip != "doc_type" and q.doc_type and doc.doc_type not in q.doc_type:
        return False
    if skip != "region" and q.region_names and not set(q.region_names) & set(_region_path(doc)):
        return False
    if skip != "issuer" and q.issuer:
        wanted = {fold(i) for i in q.issuer}
        if not wanted & {fold(u) for u in document_units(doc)}:
            return False
    year = doc.year
    if skip != "year" and (q.year_from is not None or q.year_to is not None):
        if year is None or (q.year_from is not None and year < q.year_from):
            return False
        if q.year_to is not None and year > q.year_to:
            return False
    if not in_dates(doc, q.date_from, q.date_to):
        return False
    if q.q:
        words = [fold(w) for w in q.q.split() if w.strip()]
        if words and not _title_match(doc, words):
            return False
    return True


def _sort_key(sort: str) -> Callable[[Document], Any]:
    if sort == "title":
        return lambda d: (fold(d.title), d.id)
    return lambda d: ((date_span(d) or ("", ""))[0], d.id)


def sort_documents(docs: Iterable[Document], sort: str) -> list[Document]:
    out = list(docs)
    if sort == "-date":
        # newest first; undated documents last
        dated = sorted((d for d in out if date_span(d)), key=_sort_key("date"), reverse=True)
        return dated + sorted((d for d in out if not date_span(d)), key=lambda d: d.id)
    if sort == "date":
        dated = sorted((d for d in out if date_span(d)), key=_sort_key("date"))
        return dated + sorted((d for d in out if not date_span(d)), key=lambda d: d.id)
    return sorted(out, key=_sort_key("title"))


def _rows(counter: Counter[str]) -> list[dict[str, Any]]:
    top = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_FACET_VALUES]
    return [{"value": v, "count": n} for v, n in top]


def facets(docs: Sequence[Document], q: LibraryQuery) -> dict[str, list[dict[str, Any]]]:
    """Counts per facet value; each facet counts the documents passing every *other* filter, so
    a chosen value does not hide the other values of its facet."""
    out: dict[str, list[dict[str, Any]]] = {}
    pickers: dict[str, Callable[[Document], Iterable[str]]] = {
        "doc_type": lambda d: [d.doc_type] if d.doc_type else [],
        "region": _region_path,
        "year": lambda d: [str(d.year)] if d.year else [],
        "issuer": document_units,
    }
    for name, pick in pickers.items():
        counter: Counter[str] = Counter()
        for d in docs:
            if matches(d, q, skip=name):
                counter.update(set(pick(d)))
        out[name] = _rows(counter)
    return out


MAX_FILTER_VALUES = 20


def validate(q: LibraryQuery) -> None:
    for name in ("doc_type", "region", "issuer"):
        if len(getattr(q, name)) > MAX_FILTER_VALUES:
            raise BadQuery(f"每个筛选条件最多选择 {MAX_FILTER_VALUES} 个值（{name}）")
    if q.sort not in SORTS:
        raise BadQuery(f"sort 只能是 {'、'.join(SORTS)}")
    if q.year_from is not None and q.year_to is not None and q.year_from > q.year_to:
        raise BadQuery("year_from 不能大于 year_to")
    q.date_from = parse_date_bound(q.date_from, "date_from", upper=False)
    q.date_to = parse_date_bound(q.date_to, "date_to", upper=True)
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise BadQuery("date_from 不能晚于 date_to")


def library_listing(
    snap: Snapshot, q: LibraryQuery, summary: Callable[[Document], dict[str, Any]]
) -> dict[str, Any]:
    """GET /api/documents: one page of the filtered, sorted library, with its facets."""
    validate(q)
    q.region_names = [snap.resolve_region(r).name for r in q.region if r and r.strip()]
    docs = list(snap.documents.values())
    kept = sort_documents((d for d in docs if matches(d, q)), q.sort)
    page = [summary(d) for d in kept[q.offset : q.offset + q.limit]]
    return {
        "total": len(kept),
        "offset": q.offset,
        "limit": q.limit,
        "items": page,
        "documents": page,
        "facets": facets(docs, q),
    }


# -- related documents --------------------------------------------------------------------------


def related(snap: Snapshot, doc: Document, summary: Callable[[Document], dict[str, Any]]) -> dict[str, Any]:
    """Documents this one cites, documents citing it (the graph's `cites` edges), and documents
    of other regions sharing its programs (brands, activities; never generic concepts)."""
    me = f"document:{doc.id}"
    cites: list[dict[str, Any]] = []
    cited_by: list[dict[str, Any]] = []
    for n in snap.graph.neighbors(me):
        if n.relation != "cites":
            continue
        target_id = n.entity.id.removeprefix("document:")
        other = snap.documents.get(target_id)
        row = (
            {**summary(other), "in_library": True}
            if other is not None
            else {"doc_id": None, "title": n.entity.name, "entity_id": n.entity.id, "in_library": False}
        )
        (cites if n.direction == "out" else cited_by).append(row)
    return {
        "cites": _unique(cites)[:MAX_RELATED],
        "cited_by": _unique(cited_by)[:MAX_RELATED],
        "same_topic_other_regions": same_topic(snap, doc, summary),
    }


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for r in rows:
        key = r.get("doc_id") or r.get("entity_id") or r["title"]
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def same_topic(
    snap: Snapshot, doc: Document, summary: Callable[[Document], dict[str, Any]]
) -> list[dict[str, Any]]:
    programs = snap.document_programs
    mine = programs.get(doc.id, set())
    if not mine:
        return []
    my_path = set(_region_path(doc))
    scored = []
    for other in snap.documents.values():
        if other.id == doc.id or other.id in doc.children or other.id == doc.parent_id:
            continue
        path = _region_path(other)
        # another region: not this one, nor one above or below it (辽宁省 is not "other" to 沈阳市)
        if not path or path[-1] in my_path or (doc.region is not None and doc.region.name in path):
            continue
        shared = sorted(mine & programs.get(other.id, set()))
        if shared:
            scored.append((-len(shared), other.id, other, shared))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [{**summary(o), "shared": shared} for _n, _id, o, shared in scored[:MAX_RELATED]]


def original_path(originals_dir: Path, doc: Document) -> Path | None:
    """The stored original bytes of a document (an article's are its bulletin's file), if kept."""
    ext = Path(doc.source).suffix.lower()
    ext = ext if ext and len(ext) <= 8 and ext[1:].isalnum() else ""
    path = originals_dir / f"{doc.sha256}{ext}"
    return path if path.is_file() else None


def library_summary(doc: Document, originals_dir: Path, base: dict[str, Any]) -> dict[str, Any]:
    """A document's list entry: the listing summary plus the library's fields."""
    return {
        **base,
        "issuer_units": document_units(doc),
        "has_original": original_path(originals_dir, doc) is not None,
        "source_url": source_url(doc),
        "source": doc.source,
        "overrides": dict(doc.overrides),
    }
