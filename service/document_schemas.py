"""Models of one document and of a list of documents: the list item, the clause with its facts, the
outline tree and the full detail that the library's document page (service/library_schemas.py) extends.

Separate because they describe the stored document itself, not a query's hits or the graph.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from service.common_schemas import CitationOut, DocumentBrief, FactOut


class DocumentListItem(DocumentBrief):
    # Field(default=[]) rather than a bare []: with the base imported, ruff cannot see a pydantic model
    # here (RUF012). Pydantic copies the default per instance either way; the schema is unchanged.
    issuers: list[str] = Field(default=[])
    clause_count: int
    children: list[str] = Field(default=[])


class DocumentList(BaseModel):
    total: int
    offset: int
    limit: int
    documents: list[DocumentListItem]


class ClauseOut(BaseModel):
    clause_id: str
    ordinal: int
    number: str | None = None
    heading: str | None = None
    path: list[str]
    level: int
    kind: str
    text: str
    start: int
    end: int
    facts: list[FactOut] = []
    citation: CitationOut | None = None


class OutlineNode(BaseModel):
    clause_id: str | None = Field(default=None, description="独立成行的标题不是条款，没有编号")
    number: str | None = None
    heading: str | None = None
    kind: str
    level: int
    children: list[OutlineNode] = []


class DocumentDetail(DocumentListItem):
    source: str
    sha256: str
    script: str
    printed_date: str | None = None
    printed_by: str | None = None
    wrapper_title: str | None = None
    years: list[int] = Field(default=[])
    author_offices: dict[str, str] = Field(default={})
    warnings: list[str] = Field(default=[])
    parent: DocumentListItem | None = None
    parts: list[DocumentListItem] = Field(default=[], description="简报的各篇文章")
    clauses: list[ClauseOut]
    outline: list[OutlineNode] = Field(default=[], description="条款树")
    text: str


OutlineNode.model_rebuild()
