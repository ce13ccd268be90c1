"""A build's documents with their text on disk: the building process holds their metadata only.

At 200k clauses the text of the documents is ~33 M characters, held four times as Python
strings (a document's text and search text, its clauses' text and search text: ~260 MB) next
to the graph in the build's parent process. The graph reads only the clauses' search text and
the metadata; the text is needed again only by the index workers and by documents.jsonl. So the
ingest workers write each document's texts to a spill file of their own (``spill_texts``) and
send back a *light* copy (``strip_text``: the same document with its text, search text and
clause texts empty). ``SpilledDocuments`` is the sequence of light documents that reads each
full document back from the spill when it is iterated or indexed — one at a time, so a consumer
that streams (an index worker's chunk, writing documents.jsonl) never holds them all.

The light documents are the ones the build works on: curated metadata (service/overrides.py)
is applied to them, and a full document is its light copy plus its texts, so it carries every
change made to the light one. ``metadata`` gives consumers that read no text the light list.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload

from policykg.model import Document


@dataclass(frozen=True)
class TextRef:
    """Where one document's texts are: a line of a spill file."""

    path: str
    offset: int
    length: int
    clause_chars: int  # the clauses' text length (what the index splits its chunks by)


def strip_text(doc: Document) -> Document:
    """The document without its text, search text and clause texts (clause search texts kept:
    the graph reads them).

    Clauses with equal heading paths share one path list (and equal numbering tokens one
    string): the light documents live in the build's parent to the end of the graph, and a
    list per clause was ~100 bytes of its ~750 (pickle keeps the sharing on the way back)."""
    paths: dict[tuple[str, ...], list[str]] = {}
    numbers: dict[str, str] = {}
    clauses = []
    for c in doc.clauses:
        path = paths.setdefault(tuple(c.path), c.path)
        number = numbers.setdefault(c.number, c.number) if c.number is not None else None
        clauses.append(replace(c, text="", path=path, number=number))
    return replace(doc, text="", search_text="", clauses=clauses)


def spill_texts(folder: str, docs: Sequence[Document]) -> list[TextRef]:
    """Append the documents' texts to this process's spill file in `folder` (one file per
    process: pool workers never interleave their writes); where each document's went."""
    path = os.path.join(folder, f"texts-{os.getpid()}.jsonl")
    refs: list[TextRef] = []
    with open(path, "ab") as fh:
        offset = fh.seek(0, os.SEEK_END)
        for d in docs:
            line = json.dumps([d.text, d.search_text, [c.text for c in d.clauses]], ensure_ascii=False)
            data = line.encode("utf-8") + b"\n"
            fh.write(data)
            refs.append(TextRef(path, offset, len(data), sum(len(c.text) for c in d.clauses)))
            offset += len(data)
    return refs


def with_texts(light: Document, texts: list[Any]) -> Document:
    """The full document: the light copy (with whatever was changed on it) plus its texts."""
    text, search_text, clause_texts = texts
    if len(clause_texts) != len(light.clauses):
        raise ValueError(f"spilled texts of {light.id} do not match its clauses")
    clauses = [replace(c, text=t) for c, t in zip(light.clauses, clause_texts, strict=True)]
    return replace(light, text=text, search_text=search_text, clauses=clauses)


def _texts(fh: Any, ref: TextRef) -> list[Any]:
    fh.seek(ref.offset)
    data = fh.read(ref.length)
    if len(data) != ref.length:
        raise OSError(f"spill file {ref.path} is shorter than written")
    return json.loads(data)


def read_spilled(light: Document, ref: TextRef, handles: dict[str, Any]) -> Document:
    """The whole document of a light copy, its texts read at `ref` (through `handles`, open
    spill files by path, which the caller closes)."""
    fh = handles.get(ref.path)
    if fh is None:
        fh = handles[ref.path] = open(ref.path, "rb")  # noqa: SIM115 (the caller closes it)
    return with_texts(light, _texts(fh, ref))


@dataclass
class TextSpill:
    """One build's spill: the folder its ingest workers write to, and where each document's
    texts went, by (sha256, id) — unique per content: a file's documents have distinct ids, and
    two files with the same bytes are one parse."""

    folder: str
    refs: dict[tuple[str, str], TextRef] = field(default_factory=dict)

    def documents(self, docs: Sequence[Document]) -> Sequence[Document]:
        """`docs` as SpilledDocuments when some of them are light copies from this spill (the
        others — read in this process — are whole and stay as they are); else unchanged."""
        refs = [self.refs.get((d.sha256, d.id)) for d in docs]
        if all(r is None for r in refs):
            return docs
        return SpilledDocuments(docs, refs)

    def whole(self, docs: Iterable[Document]) -> Iterator[Document]:
        """`docs` read back whole one at a time, as `documents(docs)` iterates them, for a
        consumer that streams them as they come (nothing holds them all)."""
        handles: dict[str, Any] = {}
        try:
            for d in docs:
                ref = self.refs.get((d.sha256, d.id))
                yield d if ref is None else read_spilled(d, ref, handles)
        finally:
            for fh in handles.values():
                fh.close()


class SpilledDocuments(Sequence[Document]):
    """Light documents whose items are read back whole from the spill (see the module doc); a
    document without a reference is whole already.

    Slicing gives another SpilledDocuments (cheap: what a worker's chunk is); pickling sends
    the light documents and the references, never the texts."""

    def __init__(self, light: Sequence[Document], refs: Sequence[TextRef | None]) -> None:
        if len(light) != len(refs):
            raise ValueError("one spill reference per document")
        self.light: list[Document] = list(light)
        self.refs: list[TextRef | None] = list(refs)

    def __len__(self) -> int:
        return len(self.light)

    @overload
    def __getitem__(self, i: int) -> Document: ...

    @overload
    def __getitem__(self, i: slice) -> SpilledDocuments: ...

    def __getitem__(self, i: int | slice) -> Document | SpilledDocuments:
        if isinstance(i, slice):
            return SpilledDocuments(self.light[i], self.refs[i])
        ref = self.refs[i]
        if ref is None:
            return self.light[i]
        with open(ref.path, "rb") as fh:
            return self._read(fh, i)

    def __iter__(self) -> Iterator[Document]:
        handles: dict[str, Any] = {}
        try:
            for light, ref in zip(self.light, self.refs, strict=True):
                yield light if ref is None else read_spilled(light, ref, handles)
        finally:
            for fh in handles.values():
                fh.close()

    def _read(self, fh: Any, i: int) -> Document:
        ref = self.refs[i]
        assert ref is not None
        return with_texts(self.light[i], _texts(fh, ref))

    def chars(self) -> list[int]:
        """Each document's clause text plus title length (search.backends.whoosh.parallel.doc_chars,
        from the references: the light copies have no text)."""
        return [
            (r.clause_chars if r is not None else sum(len(c.text) for c in d.clauses)) + len(d.title or "")
            for d, r in zip(self.light, self.refs, strict=True)
        ]


def metadata(docs: Sequence[Document]) -> Sequence[Document]:
    """The documents for a consumer that reads no text: the light copies when spilled."""
    return docs.light if isinstance(docs, SpilledDocuments) else docs
