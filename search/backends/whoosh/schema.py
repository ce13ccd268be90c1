"""The clause-level whoosh schema and how a (Document, Clause, ClauseAnnotation) becomes one record.

One whoosh document per clause. Text fields use our analyzer (search.analysis); their postings
are computed by ``analysis.analyze`` once per clause and handed to whoosh already grouped
(``PreAnalyzed``), which skips whoosh's per-token objects on the indexing hot path.
"""

from __future__ import annotations

import json
import struct
from array import array
from collections.abc import Iterable, Mapping
from itertools import accumulate
from typing import Any

from whoosh import columns, fields, formats
from whoosh.system import _INT_SIZE, pack_uint, unpack_uint

from policykg.errors import IndexVersionMismatch
from policykg.model import ClauseAnnotation, Document
from search.analysis import analyze, fold_text, index_postings, normalize_doc_no, postings
from search.backends.whoosh.tokenizer import PolicyAnalyzer
from search.plan import LENGTH_FIELDS
from search.segment import Segmenter

# Bump when the schema, the analyzer's output or the record layout changes: an index written
# with another number must be rebuilt (ClauseIndex.open raises IndexVersionMismatch).
# 2: the `lengths` column (exact BM25 field lengths).
# 3: the document summary (`record["document"]`) is stored with a document's first clause only.
# 4: `issuer` also holds the author and source units; `date` and `level` fields (issue 16).
FORMAT_VERSION = 4

TEXT_FIELDS = ("text", "title", "path")
KEYWORD_SEP = "\x1f"  # names may contain commas (，→, after NFKC); this never occurs in text


class PreAnalyzed(str):
    """A field value that carries its own postings (term → positions) and field length."""

    poses: dict[str, list[int]]
    length: int = 0
    _encoded: list[tuple[str, float, bytes]] | None

    def __new__(cls, value: str, poses: dict[str, list[int]]) -> PreAnalyzed:
        obj = super().__new__(cls, value)
        obj.poses = poses
        obj._encoded = None
        return obj

    def encoded(self, encode: Any) -> list[tuple[str, float, bytes]]:
        """(term, weight, encoded positions) per term, computed once: a title or heading path
        value is shared by every clause of its document."""
        items = self._encoded
        if items is None:
            items = self._encoded = [(w, weight_of(len(p)), encode(p)) for w, p in self.poses.items()]
        return items


_U32 = struct.Struct("=I")  # native order, like array("I")
_LENGTHS = struct.Struct("=HHH")  # native order, like array("H")
_ONE = pack_uint(1)
# Encoded single positions (most postings: a word once in a clause), shared instead of built
# per posting: faster, and a build's in-memory postings hold one bytes object per position.
_SINGLE = tuple(_ONE + _U32.pack(i) for i in range(4096))
_WEIGHTS = tuple(float(i) for i in range(256))


def weight_of(freq: int) -> float:
    """float(freq), shared for small counts (the posting weight of a positions field)."""
    return _WEIGHTS[freq] if freq < 256 else float(freq)


class CompactPositions(formats.Positions):
    """Positions stored as a count plus a uint32 array of deltas instead of a pickled list.

    Same information and API as whoosh's Positions; encoding is one C call (the pickle-based
    original was the largest single cost of our indexing loop).
    """

    def encode(self, poslist: Any) -> bytes:
        if len(poslist) == 1:  # the usual case
            p = poslist[0]
            return _SINGLE[p] if p < 4096 else _ONE + _U32.pack(p)
        deltas = array("I", poslist)
        for i in range(len(deltas) - 1, 0, -1):
            deltas[i] -= deltas[i - 1]
        return pack_uint(len(deltas)) + deltas.tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        deltas = array("I")
        deltas.frombytes(valuestring[_INT_SIZE : _INT_SIZE + 4 * unpack_uint(valuestring[:_INT_SIZE])[0]])
        return list(accumulate(deltas))


class ClauseText(fields.TEXT):
    """TEXT with positions whose ``index`` accepts PreAnalyzed values (fast path)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.format = CompactPositions(field_boost=kwargs.get("field_boost", 1.0))
        # Field lengths go to our own `lengths` column (exact, read in one piece by the ranker);
        # not scorable spares whoosh a length lookup per posting when it writes a segment.
        self.scorable = False

    def index(self, value: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        poses = getattr(value, "poses", None)
        if poses is None:
            yield from super().index(value, **kwargs)
            return
        encode = self.format.encode
        for w, plist in poses.items():
            yield w.encode("utf-8"), len(plist), float(len(plist)), encode(plist)


class _SepKeyword(fields.KEYWORD):
    """Exact names (no lower-casing, no comma splitting): a value is a list of names, indexed as
    they are; a string is split on KEYWORD_SEP (for whoosh's own callers)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        from whoosh.analysis import RegexTokenizer

        self.analyzer = RegexTokenizer(f"[^{KEYWORD_SEP}]+")
        self.format = formats.Existence()

    def index(self, value: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        if isinstance(value, (list, tuple)):
            # the fast path: no analyzer, no Token objects
            return [(v.encode("utf-8"), 1, 1.0, b"") for v in dict.fromkeys(value) if v]
        return super().index(value, **kwargs)


# whoosh pickles the schema into the index by class path. These classes keep the paths they had
# before the backend seam (search.schema, which resolves them lazily from here), so the index
# format is unchanged: indexes of either version open with the other.
for _cls in (CompactPositions, ClauseText, _SepKeyword):
    _cls.__module__ = "search.schema"


def build_schema(extra_terms: tuple[str, ...] = ()) -> fields.Schema:
    ana = PolicyAnalyzer(extra_terms)
    return fields.Schema(
        clause_id=fields.ID(unique=True, stored=True, sortable=True),
        doc_id=fields.ID(stored=True),
        text=ClauseText(analyzer=ana, phrase=True),
        title=ClauseText(analyzer=ana, phrase=True),
        path=ClauseText(analyzer=ana, phrase=True),
        region=_SepKeyword(),
        region_id=_SepKeyword(),
        doc_type=_SepKeyword(),
        program=_SepKeyword(),
        issuer=_SepKeyword(),
        organization=_SepKeyword(),
        doc_no=_SepKeyword(),
        # 4-digit strings: a TermRange is a numeric range, and a facet needs no decoding
        year=_SepKeyword(),
        date=_SepKeyword(),  # the document's date (YYYY[-MM[-DD]]), else each of its years
        level=_SepKeyword(),  # 文件层级 of the document's region (document_level)
        # (doc_id, ordinal) as one sortable string: the deterministic order of equal scores
        sort_key=fields.COLUMN(columns.VarBytesColumn()),
        # main-word counts of text, title, path (uint16 each, native order): BM25 lengths
        lengths=fields.COLUMN(columns.FixedBytesColumn(2 * len(LENGTH_FIELDS))),
        record=fields.STORED(),  # text, path, script, ordinal; document (JSON) on the first clause
    )


def _field_signature(schema: fields.Schema) -> dict[str, tuple[str, str | None]]:
    """field name → (field class, column class and width): what the readers rely on."""
    out: dict[str, tuple[str, str | None]] = {}
    for name in schema.names():
        f = schema[name]
        column = getattr(f, "column_type", None)
        col = None
        if column is not None:
            col = f"{type(column).__name__}:{getattr(column, '_fixedlen', '')}"
        out[name] = (type(f).__name__, col)
    return out


def schema_differences(stored: fields.Schema) -> list[str]:
    """How an index's stored schema differs from the one this code writes (empty: compatible)."""
    want = _field_signature(build_schema())
    have = _field_signature(stored)
    diffs = [f"缺少字段 {n}" for n in want if n not in have]
    diffs += [f"多余字段 {n}" for n in have if n not in want]
    diffs += [f"字段 {n} 类型不同" for n in want if n in have and have[n] != want[n]]
    return diffs


def check_schema(stored: fields.Schema) -> None:
    """Raise IndexVersionMismatch when an index was written with another schema (an index that
    predates a column its VERSION file does not account for would fail at search time: a 500)."""
    diffs = schema_differences(stored)
    if diffs:
        raise IndexVersionMismatch(
            f"索引结构与当前程序不一致（{'；'.join(diffs[:3])}）。请运行 `policykg build` 重建索引。"
        )


def _keywords(values: Iterable[str | None]) -> list[str] | None:
    out = [v.strip() for v in values if v and v.strip()]
    return list(dict.fromkeys(out)) if out else None


def region_ids(doc: Document) -> list[str]:
    """The document region's id and its ancestors' (region:210000, region:210600 …)."""
    if doc.region is None:
        return []
    ids = [doc.region.id]
    if doc.region.code:
        from policykg.gazetteer import Gazetteer

        ids = [f"region:{r.code}" for r in Gazetteer.default().ancestors(doc.region.code)] or ids
    return ids


def document_summary(doc: Document) -> dict[str, Any]:
    """The contract's `document` object of a hit (plus a few extras the UI may use)."""
    region = None
    if doc.region:
        region = {"id": doc.region.id, "name": doc.region.name, "path": list(doc.region.path)}
    return {
        "doc_id": doc.id,
        "title": doc.title,
        "issuer": "、".join(doc.issuers) if doc.issuers else None,
        "doc_no": doc.doc_no,
        "date": doc.date,
        "doc_type": doc.doc_type,
        "region": region,
        "year": doc.year,
        "parent_id": doc.parent_id,
        "source": doc.source,
    }


def _field(text: str, script: str, seg: Segmenter, subwords: bool = True) -> PreAnalyzed | None:
    if not text:
        return None
    poses, length = (
        index_postings(text, script, seg)  # type: ignore[arg-type]
        if subwords
        else _general_postings(text, script, seg)
    )
    if not poses:
        return None
    value = PreAnalyzed(text, poses)
    value.length = length  # main positions are 0..length-1
    return value


def _general_postings(text: str, script: str, seg: Segmenter) -> tuple[dict[str, list[int]], int]:
    terms = analyze(text, script, seg=seg, subwords=False)  # type: ignore[arg-type]
    return postings(terms), (terms[-1][1] + 1 if terms else 0)


def _length(value: PreAnalyzed | None) -> int:
    return min(getattr(value, "length", 0), 65535) if value is not None else 0


def clause_records(
    doc: Document,
    annotations: Mapping[str, ClauseAnnotation],
    seg: Segmenter,
) -> Iterable[dict[str, Any]]:
    """The whoosh records (field → value) of one document's clauses."""
    summary = document_summary(doc)
    summary_json = json.dumps(summary, ensure_ascii=False)
    title = _field(doc.title or "", doc.script, seg)
    doc_region_path = list(doc.region.path) if doc.region else []
    doc_region_ids = region_ids(doc)
    docno = normalize_doc_no(doc.doc_no) if doc.doc_no else None
    year = doc.year
    dates = _keywords([doc.date[:10]] if doc.date else [f"{y:04d}" for y in doc.years])
    level = _keywords([document_level(doc)])
    path_cache: dict[tuple[str, ...], PreAnalyzed | None] = {}
    first = True
    for clause in doc.clauses:
        ann = annotations.get(clause.id)
        path_key = tuple(clause.path)
        if path_key not in path_cache:
            path_cache[path_key] = _field(" ".join(path_key), doc.script, seg)
        text = _field(clause.text, doc.script, seg)
        region_names = doc_region_path + (list(ann.region_path) if ann else [])
        path = path_cache[path_key]
        record: dict[str, Any] = {
            "clause_id": clause.id,
            "doc_id": doc.id,
            "sort_key": sort_key(doc.id, clause.ordinal),
            "lengths": _LENGTHS.pack(_length(text), _length(title), _length(path)),
            "record": {
                "text": clause.text,
                "path": list(clause.path),
                "script": doc.script,
                "ordinal": clause.ordinal,
            },
        }
        if first:  # stored once per document: the readers take it from the first clause
            record["record"]["document"] = summary_json
            first = False
        optional = {
            "text": text,
            "title": title,
            "path": path,
            "region": _keywords(region_names),
            "region_id": _keywords(doc_region_ids),
            "doc_type": _keywords([doc.doc_type]),
            "program": _keywords(ann.programs if ann else []),
            "issuer": _keywords([*doc.issuers, doc.author_unit, doc.source_unit]),
            "organization": _keywords([ann.organization] if ann else []),
            "doc_no": _keywords([docno]),
            "year": _keywords([f"{year:04d}"] if year else []),
            "date": dates,
            "level": level,
        }
        record.update({k: v for k, v in optional.items() if v is not None})
        yield record


_LEVELS = {"province": "省级", "city": "市级", "county": "县级", "town": "乡镇"}


def document_level(doc: Document) -> str | None:
    """文件层级 from the document's region: 中央 (national), 省级, 市级, 县级, 乡镇."""
    if doc.region is None:
        return None
    if doc.region.code == "000000" or doc.region.name == "全国":
        return "中央"
    return _LEVELS.get(doc.region.level)


def fold_filter_value(value: str) -> str:
    """Filter values typed by users are folded like text (全角, 繁體) before the lookup."""
    return fold_text(value.strip()).text


def sort_key(doc_id: str, ordinal: int) -> bytes:
    """Byte string ordered like (doc_id, ordinal): NUL sorts below every id character."""
    return f"{doc_id}\x00{ordinal:08d}".encode()


def clause_sort_key(clause_id: str) -> tuple[str, int]:
    """(doc_id, ordinal) from a clause id `{doc_id}:{ordinal:04d}`: the tie-break order."""
    doc_id, _, ordinal = clause_id.rpartition(":")
    try:
        return doc_id, int(ordinal)
    except ValueError:
        return clause_id, 0
