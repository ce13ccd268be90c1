"""Plain values passed between the engine, its backend, the API and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policykg.errors import IngestError
from search.results import Hit, SearchPage, SearchRequest

__all__ = ["Hit", "SearchOutcome", "SearchParams"]


@dataclass(frozen=True)
class RegionInfo:
    id: str
    name: str
    path: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class OrgInfo:
    id: str
    name: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


# Search requests, pages and hits are the search package's own types (one set, search/results.py);
# the service's historical names stay as aliases.
SearchParams = SearchRequest
SearchOutcome = SearchPage


@dataclass
class Upload:
    name: str
    data: bytes


@dataclass
class FileOutcome:
    file: str
    status: str  # added | replaced | unchanged | rejected | deleted
    doc_ids: list[str] = field(default_factory=list)
    code: str | None = None
    message: str | None = None
    documents: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "doc_ids": self.doc_ids,
            "code": self.code,
            "message": self.message,
            "documents": self.documents,
        }


@dataclass
class WriteReport:
    outcomes: list[FileOutcome]
    snapshot: str | None
    documents: int
    clauses: int
    entities: int = 0
    changed: bool = False
    generation: int = 0  # the repository generation now live here (read your writes: >= the write's)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "snapshot": self.snapshot,
            "changed": self.changed,
            "documents": self.documents,
            "clauses": self.clauses,
            "entities": self.entities,
            "generation": self.generation,
            "files": [o.to_dict() for o in self.outcomes],
        }


_STATUS_BY_CODE = {
    "unsupported_format": 415,
    "file_too_large": 413,
    "needs_ocr": 422,
    "decode_failed": 422,
    "empty_document": 422,
    "ingest_failed": 422,
    "duplicate_id": 409,  # two files (or a file and an article) would take one document id
}


class IngestRejected(IngestError):
    """An all-or-nothing write (the HTTP upload) where at least one file failed: nothing changed."""

    def __init__(self, outcomes: list[FileOutcome]) -> None:
        failed = [o for o in outcomes if o.status == "rejected"]
        first = failed[0]
        if len(failed) == 1:
            message = f"{first.file}：{first.message}（未做任何更改）"
        else:
            message = f"{len(failed)} 个文件无法导入，未做任何更改：" + "；".join(
                f"{o.file}：{o.message}" for o in failed[:5]
            )
        super().__init__(message, code=first.code or "ingest_failed")
        self.status = _STATUS_BY_CODE.get(first.code or "", 422)
        self.details = [{"file": o.file, "code": o.code, "message": o.message} for o in failed]
