"""A build's originals read again from the corpus folder when they are stored, not held.

A build keeps every file's bytes for the originals store (~100 MB at 200k clauses), from
reading the folder until the commit — past the graph, where its memory peaks. The files are on
disk already: `CorpusOriginals` is the (upload, head document) sequence the commit consumes,
each file read back when its turn comes and checked against the digest its documents were
parsed from. A file changed in the meantime fails the build (nothing is committed) instead of
storing bytes the documents did not come from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from policykg.errors import IngestError, PolicyKGError
from policykg.model import Document
from service.values import Upload
from service.writeguards import read_regular_file


class CorpusOriginals(Sequence[tuple[Upload, Document]]):
    """(upload, head document) of each added file; the upload's bytes are read on access."""

    def __init__(self, entries: Sequence[tuple[Path, str, Document]], max_bytes: int) -> None:
        self.entries = list(entries)  # (path, name as uploaded, the file's first document)
        self.max_bytes = max_bytes

    def __len__(self) -> int:
        return len(self.entries)

    @overload
    def __getitem__(self, i: int) -> tuple[Upload, Document]: ...

    @overload
    def __getitem__(self, i: slice) -> CorpusOriginals: ...

    def __getitem__(self, i: int | slice) -> tuple[Upload, Document] | CorpusOriginals:
        if isinstance(i, slice):
            return CorpusOriginals(self.entries[i], self.max_bytes)
        path, name, doc = self.entries[i]
        return Upload(name=name, data=read_back(path, doc.sha256, self.max_bytes)), doc


def read_back(path: Path, sha256: str, max_bytes: int) -> bytes:
    """The file's bytes again, exactly those its documents were parsed from."""
    try:
        data = read_regular_file(path, max_bytes)
    except (OSError, PolicyKGError) as exc:
        raise IngestError(f"构建期间无法再次读取文件 {path.name}，请重新构建") from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise IngestError(f"文件 {path.name} 在构建期间被修改，请重新构建")
    return data


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A build's file known by its path, size and digest, its bytes not held.

    The build's parent needs a file's digest (duplicates are parsed once) and its size (the
    limit, whether a pool pays); it used to hold every file's bytes from reading the folder to
    the end of ingest (~97 MB at 200k clauses) and the forked ingest workers shared them. Now it
    reads each file once to hash it, and the ingest worker reads the file again itself
    (`contents`), checked against that digest.
    """

    name: str
    path: Path
    size: int
    sha256: str

    @classmethod
    def scan(cls, name: str, path: Path, max_bytes: int) -> CorpusFile:
        """Read the file once (read_regular_file: its checks and errors) for its size and digest."""
        data = read_regular_file(path, max_bytes)
        return cls(name=name, path=path, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def contents(data: bytes | CorpusFile, max_bytes: int) -> bytes:
    """The bytes of an upload or of a build's file (read back, the digest checked)."""
    return data if isinstance(data, bytes) else read_back(data.path, data.sha256, max_bytes)


def size_of(data: bytes | CorpusFile) -> int:
    return len(data) if isinstance(data, bytes) else data.size


def digest_of(data: bytes | CorpusFile) -> str:
    return hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else data.sha256
