"""What the results page needs besides the ranked clauses (issue 16, point 4): the document a
文号 names, facet counts that ignore their own selection, and the checks of the new parameters.
Pure functions over a snapshot and the search backend."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from policykg.errors import BadQuery
from policykg.model import Document
from policykg.text import nfkc
from search.results import SearchRequest
from service.library import parse_date_bound

if TYPE_CHECKING:
    from service.backend import Backend
    from service.snapshot import Snapshot

_HAN = "\u4e00-\u9fff"
# A document number in any common spelling: 辽老通字〔2020〕4号, [2020], (2020), 2020年, 第, spaces.
LOOSE_DOCNO = re.compile(
    rf"(?P<prefix>[{_HAN}]{{1,12}}?)\s*[〔\[【(（〖﹝]?\s*(?P<year>(?:19|20)\d{{2}})\s*(?:年)?\s*[〕\]】)）〗﹞]?"
    r"\s*第?\s*(?P<num>\d{1,5})\s*号"
)
FACETS_WITH_SELECTION = ("region", "doc_type", "program", "issuer", "level")
MAX_FILTER_VALUES = 20
LEVELS = ("中央", "省级", "市级", "县级", "乡镇")  # search.backends.whoosh.schema.document_level


def loose_doc_no(text: str) -> str | None:
    """The canonical 文号 (辽老通字〔2020〕4号) of the first document number in `text`, whatever
    its brackets, 年, 第, spaces or full-width digits; None when there is none."""
    m = LOOSE_DOCNO.search(re.sub(r"\s+", "", nfkc(text)))
    if not m:
        return None
    return f"{m.group('prefix')}〔{m.group('year')}〕{int(m.group('num'))}号"


def _docno_key(value: str) -> tuple[str, str, int] | None:
    m = re.match(r"^(?P<prefix>.+)〔(?P<year>\d{4})〕(?P<num>\d+)号$", value)
    if not m:
        return None
    return m.group("prefix"), m.group("year"), int(m.group("num"))


def document_match(snap: Snapshot, q: str) -> Document | None:
    """The library document whose 文号 the query names (a longer prefix typed before the issuer's
    abbreviation, 落实辽老通字…, still names it)."""
    wanted = loose_doc_no(q)
    key = _docno_key(wanted) if wanted else None
    if key is None:
        return None
    best: tuple[int, str, Document] | None = None
    for doc in snap.documents.values():
        if not doc.doc_no:
            continue
        own = loose_doc_no(doc.doc_no)
        other = _docno_key(own) if own else None
        if other is None or other[1:] != key[1:]:
            continue
        a, b = key[0], other[0]
        if not (a.endswith(b) or b.endswith(a)) or min(len(a), len(b)) < 2:
            continue
        rank = (0 if doc.parent_id is None else 1, doc.id)
        if best is None or rank < best[:2]:
            best = (*rank, doc)
    return best[2] if best else None


def canonical_query(q: str) -> tuple[str, str | None]:
    """A query that *is* a loosely spelled 文号 is searched in the canonical spelling (the index
    knows 辽老通字〔2020〕4号, not 辽老通字2020年4号); returns (query, notice)."""
    canon = loose_doc_no(q)
    if canon is None:
        return q, None
    rest = LOOSE_DOCNO.sub("", re.sub(r"\s+", "", nfkc(q)))
    if rest.strip("，,。 ") or canon == q.strip():
        return q, None
    return canon, f"已按文号“{canon}”检索"


def as_list(values: Sequence[str] | str | None, split: bool = True) -> list[str]:
    """A filter's values; `split`: a value may also list several, comma-separated."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    out: list[str] = []
    for v in items:
        parts = str(v).replace("，", ",").split(",") if split else [str(v)]
        out.extend(p.strip() for p in parts if p.strip())
    out = list(dict.fromkeys(out))
    if len(out) > MAX_FILTER_VALUES:
        raise BadQuery(f"每个筛选条件最多选择 {MAX_FILTER_VALUES} 个值")
    return out


def _one_or_many(values: list[str]) -> str | list[str] | None:
    """One value stays a string (the request's original shape, which every backend knows)."""
    if not values:
        return None
    return values[0] if len(values) == 1 else values


def prepare(snap: Snapshot, params: SearchRequest) -> list[str]:
    """Resolve and check the request's filters in place (400 for a bad one); returns notices."""
    regions = [snap.resolve_region(r).name for r in as_list(params.region)]  # type: ignore[arg-type]
    params.region = _one_or_many(regions)
    for name in ("doc_type", "program", "issuer", "level"):
        values = as_list(getattr(params, name), split=name != "issuer")
        setattr(params, name, _one_or_many(values))
    unknown = [v for v in as_list(params.level) if v not in LEVELS]  # type: ignore[arg-type]
    if unknown:
        raise BadQuery(f"未知文件层级：{unknown[0][:20]}（可选：{'、'.join(LEVELS)}）")
    params.date_from = parse_date_bound(params.date_from, "date_from", upper=False)
    params.date_to = parse_date_bound(params.date_to, "date_to", upper=True)
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise BadQuery("date_from 不能晚于 date_to")
    if params.sort not in ("relevance", "date"):
        raise BadQuery("sort 只能是 relevance 或 date")
    if params.field not in ("all", "title"):
        raise BadQuery("field 只能是 all 或 title")
    q, notice = canonical_query(params.q)
    params.q = q
    return [notice] if notice else []


def own_facets(backend: Backend, index: Any, params: SearchRequest) -> dict[str, list[dict[str, Any]]]:
    """For each facet with a selection: its counts without its own selection (so the values not
    chosen stay visible and selectable: OR within a facet). One facets-only search per facet."""
    out: dict[str, list[dict[str, Any]]] = {}
    chosen = [f for f in FACETS_WITH_SELECTION if getattr(params, f)]
    if params.years:
        chosen.append("year")
    for facet in chosen:
        field = "years" if facet == "year" else facet
        empty: Any = () if facet == "year" else None
        request = dataclasses.replace(
            params, limit=0, offset=0, highlight=False, facets=True, **{field: empty}
        )
        page = backend.search(index, request)
        out[facet] = page.facets.get(facet, [])
    return out
