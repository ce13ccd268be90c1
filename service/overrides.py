"""Curated metadata (issue 16, point 6): a document's overrides, validated, stored, applied.

An override replaces what ingest found for one field (title, doc_no, issuer, date, doc_type,
region). The overrides of a generation are kept twice, consistently: inside each document
(`Document.overrides`, with what ingest had found in `Document.extracted`, so a cleared override
restores it) and as one small record, ``overrides.json`` (doc id → {field: value}), written into
every generation by the writer. A build or a re-ingest reads the live generation's record and
applies it to the freshly read documents *before* the graph and the index are made, so every
view (search, facets, filters, reader, citations, precedents, compare, graph) sees the corrected
values. The record moves with the generation (atomic swap), so a crash never loses half of it;
behind a database it is one table (doc_id, field, value) written in the write's transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from policykg.errors import BadQuery
from policykg.gazetteer import Gazetteer, Region
from policykg.model import Document, RegionRef
from policykg.text import fold

FIELDS = ("title", "doc_no", "issuer", "date", "doc_type", "region")
RECORD_NAME = "overrides.json"
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_ISSUER_SPLIT = re.compile(r"[、;；]")
_MAX_CHARS = {"title": 300, "doc_no": 60, "issuer": 200, "doc_type": 20, "region": 60}
_NAMES = {
    "title": "标题",
    "doc_no": "文号",
    "issuer": "发文机关",
    "date": "日期",
    "doc_type": "文种",
    "region": "地区",
}


class BadOverride(BadQuery):
    code = "bad_override"


# -- validation (pure) ----------------------------------------------------------------------------


def normalize_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD (a real date) → zero-padded ISO of the same precision."""
    m = _DATE_RE.match(value.strip())
    if not m:
        raise BadOverride(f"日期格式应为 YYYY、YYYY-MM 或 YYYY-MM-DD：{value[:40]}")
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        date(int(y), int(mo or 1), int(d or 1))
    except ValueError as exc:
        raise BadOverride(f"不是有效日期：{value[:40]}") from exc
    if not 1900 <= int(y) <= 2100:
        raise BadOverride(f"年份超出范围（1900—2100）：{value[:40]}")
    return "-".join([y, *(f"{int(p):02d}" for p in (mo, d) if p)])


def resolve_region(value: str, gaz: Gazetteer) -> Region:
    """A region the user typed: an id (region:210603), a name (沈阳市, 沈阳), or a name with its
    parents (辽宁省丹东市振兴区) when the name alone is ambiguous. 400 with close names else."""
    name = fold(value).strip()
    if name in ("全国", "中国", "中央"):
        return gaz.national()
    if name.startswith("region:"):
        found = gaz.get(name.removeprefix("region:"))
        if found is None:
            raise BadOverride(f"未知地区编号：{value[:40]}", code="unknown_region")
        return found
    cands = gaz.lookup(name)
    if not cands:  # 辽宁省丹东市振兴区: the longest known tail whose parents are named before it
        for i in range(1, len(name)):
            tail = [r for r in gaz.lookup(name[i:]) if name[:i] in "".join(gaz.path_names(r.code)[:-1])]
            if tail:
                cands = tail
                break
    if len(cands) == 1:
        return cands[0]
    if cands:
        options = "、".join("".join(gaz.path_names(r.code)) for r in cands[:6])
        raise BadOverride(f"地区名称有多个：{name}。请写明上级，如：{options}", code="ambiguous_region")
    close = gaz.suggest(name)
    hint = (
        f"您是不是要找：{'、'.join(close)}？"
        if close
        else "请输入省、市、县（区）的名称，如 辽宁省、沈阳市。"
    )
    raise BadOverride(f"未知地区：{name}。{hint}", code="unknown_region")


def validate_changes(changes: Any, known_types: Iterable[str], gaz: Gazetteer) -> dict[str, str | None]:
    """A PATCH body → {field: normalized value, or None to clear}. Raises BadOverride (400)."""
    if not isinstance(changes, Mapping) or not changes:
        raise BadOverride(f"请求体应为 JSON 对象，包含要更正的字段：{'、'.join(FIELDS)}")
    unknown = [k for k in changes if k not in FIELDS]
    if unknown:
        raise BadOverride(
            f"不能更正的字段：{'、'.join(map(str, unknown[:5]))}（可更正：{'、'.join(FIELDS)}）"
        )
    out: dict[str, str | None] = {}
    types = list(dict.fromkeys(known_types))
    for key, raw in changes.items():
        if raw is None:
            out[key] = None
            continue
        if not isinstance(raw, str):
            raise BadOverride(f"{_NAMES[key]}（{key}）应为文本或 null")
        value = re.sub(r"\s+", " ", _CONTROL_RE.sub("", raw)).strip()
        if not value:
            raise BadOverride(f"{_NAMES[key]}（{key}）不能为空；要恢复识别值请传 null")
        if len(value) > _MAX_CHARS.get(key, 300):
            raise BadOverride(f"{_NAMES[key]}过长：最多 {_MAX_CHARS[key]} 个字符")
        if key == "date":
            value = normalize_date(value)
        elif key == "doc_type" and value not in types:
            raise BadOverride(f"未知文种：{value}。可选：{'、'.join(types)}", code="unknown_doc_type")
        elif key == "region":
            region = resolve_region(value, gaz)
            value = "".join(gaz.path_names(region.code)) or region.name
        elif key == "doc_no":
            from search.analysis import normalize_doc_no

            value = normalize_doc_no(value) or value
        out[key] = value
    return out


def merged(current: Mapping[str, Any], changes: Mapping[str, str | None]) -> dict[str, Any]:
    """The overrides after a PATCH: set values replace, None removes."""
    out = dict(current)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return {k: out[k] for k in FIELDS if k in out}


def known_doc_types(in_library: Iterable[str | None] = ()) -> list[str]:
    """The types PATCH accepts: ingest's table (ingest/data/doc_types.tsv) and those in the library."""
    from ingest.doctypes import load_table

    table = load_table()
    found = [t for _s, t in table.suffixes] + [t for _c, t in table.cues] + [t for t in in_library if t]
    return sorted(dict.fromkeys(found))


# -- applying (mutates fresh documents only: never a snapshot's) ----------------------------------


def _get(doc: Document, key: str) -> Any:
    if key == "issuer":
        return list(doc.issuers)
    if key == "region":
        return doc.region.to_dict() if doc.region else None
    return getattr(doc, key)


def _set(doc: Document, key: str, value: Any) -> None:
    if key == "issuer":
        doc.issuers = list(value or [])
    elif key == "region":
        doc.region = RegionRef.from_dict(value) if value else None
    else:
        setattr(doc, key, value)


def restore(doc: Document) -> None:
    """Back to what ingest found (undo every applied override)."""
    for key, value in doc.extracted.items():
        _set(doc, key, value)
    doc.overrides = {}
    doc.extracted = {}


def apply_overrides(doc: Document, overrides: Mapping[str, Any], gaz: Gazetteer) -> None:
    """Set the document's overridden fields (restoring first, so applying twice is applying once).
    A stored value that no longer resolves (a region renamed in a newer gazetteer) is skipped."""
    restore(doc)
    for key in FIELDS:
        if key not in overrides:
            continue
        value: Any = overrides[key]
        if key == "issuer":
            value = [p.strip() for p in _ISSUER_SPLIT.split(str(value)) if p.strip()]
        elif key == "region":
            try:
                value = gaz.ref(resolve_region(str(value), gaz)).to_dict()
            except BadQuery:
                continue
        doc.extracted[key] = _get(doc, key)
        _set(doc, key, value)
        doc.overrides[key] = overrides[key]


def apply_all(docs: Iterable[Document], record: Mapping[str, Mapping[str, Any]], gaz: Gazetteer) -> list[str]:
    """Apply a generation's record to documents (by id); returns the ids of those changed."""
    changed = []
    for doc in docs:
        got = record.get(doc.id)
        if got:
            apply_overrides(doc, got, gaz)
            changed.append(doc.id)
    return changed


# -- the record (I/O) ------------------------------------------------------------------------------


def record_of(docs: Iterable[Document]) -> dict[str, dict[str, Any]]:
    return {d.id: dict(d.overrides) for d in docs if d.overrides}


def write_record(generation: Path, docs: Iterable[Document]) -> None:
    """overrides.json of a generation being prepared (fsynced with the generation by its commit)."""
    data = json.dumps(record_of(docs), ensure_ascii=False, sort_keys=True, indent=1)
    (generation / RECORD_NAME).write_text(data + "\n", encoding="utf-8")


def read_record(generation: Path | None) -> dict[str, dict[str, Any]]:
    """A committed generation's overrides; {} when it has none (older generations: from its
    documents, which carry them)."""
    if generation is None:
        return {}
    path = generation / RECORD_NAME
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): dict(v) for k, v in data.items() if isinstance(v, dict)}
    docs = generation / "documents.jsonl"
    if not docs.is_file():
        return {}
    out: dict[str, dict[str, Any]] = {}
    with open(docs, encoding="utf-8") as fh:
        for line in fh:
            if '"overrides"' not in line:
                continue
            row = json.loads(line)
            if row.get("overrides"):
                out[row["id"]] = dict(row["overrides"])
    return out
