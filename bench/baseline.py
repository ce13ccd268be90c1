"""The stock baseline: whoosh (the `whoosh3` distribution, imported as `whoosh`) with
`jieba.analyse.ChineseAnalyzer`, default BM25F, default QueryParser (AND-grouped) or the
OR-grouped variant. No normalisation, no dictionary, no graph: what a team gets out of the box.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_BLANK_LINE_RE = re.compile(r"\n[ \t\u3000]*\n")


def blank_line_paragraphs(text: str) -> list[str]:
    """Split a seed file on blank lines, the naive unit a stock setup would index."""
    return [p.strip() for p in _BLANK_LINE_RE.split(text.replace("\r\n", "\n")) if p.strip()]


def seed_paragraphs(corpus_dir: Path) -> list[tuple[str, str]]:
    """(id, text) for every blank-line paragraph of every .txt in corpus_dir (sorted, stable ids)."""
    out: list[tuple[str, str]] = []
    for path in sorted(corpus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for i, para in enumerate(blank_line_paragraphs(text), 1):
            out.append((f"{path.stem}:{i:04d}", para))
    return out


def stock_schema():  # type: ignore[no-untyped-def]
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    return Schema(id=ID(stored=True, unique=True), content=TEXT(analyzer=ChineseAnalyzer(), stored=True))


@dataclass
class StockIndex:
    """A stock whoosh index over (id, text) units, in RAM or on disk."""

    index: Any

    @classmethod
    def build(
        cls,
        units: Iterable[tuple[str, str]],
        directory: Path | None = None,
        procs: int = 1,
        limitmb: int = 128,
    ) -> StockIndex:
        from whoosh.filedb.filestore import RamStorage
        from whoosh.index import create_in

        schema = stock_schema()
        if directory is None:
            ix = RamStorage().create_index(schema)
        else:
            directory.mkdir(parents=True, exist_ok=True)
            ix = create_in(str(directory), schema)
        kwargs: dict[str, Any] = {"limitmb": limitmb}
        if procs > 1:
            kwargs.update(procs=procs, multisegment=True)
        writer = ix.writer(**kwargs)
        for uid, text in units:
            writer.add_document(id=uid, content=text)
        writer.commit()
        return cls(ix)

    @classmethod
    def open(cls, directory: Path) -> StockIndex:
        from whoosh.index import open_dir

        return cls(open_dir(str(directory)))

    def parser(self, grouping: str = "and"):  # type: ignore[no-untyped-def]
        from whoosh.qparser import OrGroup, QueryParser

        if grouping == "or":
            return QueryParser("content", self.index.schema, group=OrGroup)
        return QueryParser("content", self.index.schema)

    def search(self, q: str, limit: int = 10, grouping: str = "and", highlight: bool = False) -> list[dict]:
        """Top `limit` hits as {"id", "text", "score"} (+"highlight"); default BM25F scoring."""
        query = self.parser(grouping).parse(q)
        with self.index.searcher() as searcher:
            hits = searcher.search(query, limit=limit)
            out = []
            for hit in hits:
                row = {"id": hit["id"], "text": hit["content"], "score": hit.score}
                if highlight:
                    row["highlight"] = hit.highlights("content")
                out.append(row)
            return out


def search_many(
    index: StockIndex, queries: Sequence[str], limit: int = 10, grouping: str = "and"
) -> list[list[dict]]:
    return [index.search(q, limit=limit, grouping=grouping) for q in queries]
