"""Files → `Document`s: size and emptiness checks, a reader, then the text → documents stage.

`read_bytes` / `read_file` handle one file and raise `IngestError` subclasses with Chinese
messages; `ingest_many` handles a batch and never raises for one bad file; `read_files` /
`read_many` do the same over a process pool (ingest.parallel), one `ParsedFile` per file in
input order. `warm_up` loads the load-once resources (dictionaries, gazetteer, OpenCC). Nothing here writes
to disk: keeping the original bytes is the service engine's job.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.ids import safe_name
from ingest.parallel import PARALLEL_MIN_BYTES, WorkerPool, worker_pool
from ingest.raw import RawText
from policykg.errors import EmptyDocument, FileTooLarge, IngestError, PolicyKGError
from policykg.model import Document

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} 字节"


def _too_large(name: str, size: int, max_bytes: int) -> FileTooLarge:
    return FileTooLarge(
        f"文件“{name}”大小为 {human_size(size)}，超过导入上限 {human_size(max_bytes)}（{max_bytes} 字节），"
        "未导入。请拆分文件或删除其中的图片后再导入。"
    )


def read_raw_bytes(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """The reader stage alone: checks, then `ingest.readers.read_raw`. `name` may hold directories."""
    from ingest.readers import read_raw

    name = safe_name(name)
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    if not data:
        raise EmptyDocument(f"文件“{name}”是空文件（0 字节），没有可导入的内容。")
    digest = hashlib.sha256(data).hexdigest()
    try:
        raw = read_raw(name, data, sha256=digest)
    except PolicyKGError:
        raise
    except Exception as exc:  # a reader library failing on odd input is still one bad file
        raise IngestError(
            f"读取文件“{name}”时出错（{type(exc).__name__}），文件可能已损坏或格式异常。",
            code="ingest_failed",
        ) from exc
    if not raw.text.strip():
        raise EmptyDocument(f"文件“{name}”中没有可导入的文字内容。")
    return raw


def documents_from_raw(raw: RawText) -> list[Document]:
    """The text → documents stage (`ingest.structure.build_documents`), with its result checked."""
    # Imported here: ingest.structure is built in parallel and this module must import without it.
    from ingest.structure import build_documents

    try:
        docs = build_documents(raw)
    except PolicyKGError:
        raise
    except Exception as exc:
        raise IngestError(
            f"处理文件“{raw.source}”的内容时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题。",
            code="internal_error",
        ) from exc
    if not docs:
        raise EmptyDocument(f"文件“{raw.source}”中没有识别出可导入的文档内容。")
    # The reader's warnings (encoding guesses, pages without text …) belong to the file's document.
    parent = docs[0]
    parent.warnings.extend(w for w in raw.warnings if w not in parent.warnings)
    return docs


def read_bytes(
    name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, source_url: str | None = None
) -> list[Document]:
    """One file's bytes → documents (a bulletin: parent first, then its articles).

    `name` is the file name as the user gave it; only its cleaned base name is used (see
    `ingest.ids.safe_name`). `source_url`, the page's web address when the user knows it, is kept
    on the documents and places the page when its text does not (see `ingest.siteregion`); it
    overrides an address the reader found in the file. Raises FileTooLarge, EmptyDocument,
    UnsupportedFormat, DecodeError, NeedsOCR or IngestError, each with a Chinese message naming the file.
    """
    raw = read_raw_bytes(name, data, max_bytes=max_bytes)
    if source_url and source_url.strip():
        raw.meta["source_url"] = source_url.strip()
    return documents_from_raw(raw)


@dataclass
class ParsedFile:
    """One file's outcome in a batch read: its documents, or why not (picklable, for the pool)."""

    name: str
    documents: list[Document] = field(default_factory=list)
    code: str | None = None  # PolicyKGError.code when the file was refused
    message: str | None = None  # Chinese, for people
    unexpected: str | None = None  # exception type of a reader bug (not a PolicyKGError)

    @property
    def ok(self) -> bool:
        return self.code is None and self.unexpected is None


def parse_bytes(item: tuple[str, bytes, int]) -> ParsedFile:
    """`read_bytes` that never raises: the pool's per-file function ((name, data, max_bytes))."""
    name, data, max_bytes = item
    try:
        return ParsedFile(name, read_bytes(name, data, max_bytes=max_bytes))
    except PolicyKGError as exc:
        return ParsedFile(name, code=exc.code, message=exc.message)
    except Exception as exc:  # a reader bug rejects one file, never the batch
        return ParsedFile(name, unexpected=type(exc).__name__, message=str(exc)[:300])


def read_many(
    items: Sequence[tuple[str, bytes]], *, max_bytes: int = DEFAULT_MAX_BYTES, pool: WorkerPool | None = None
) -> list[ParsedFile]:
    """Many files' bytes → one `ParsedFile` each, in input order, over `pool` when given."""
    work = [(name, data, max_bytes) for name, data in items]
    if pool is None:
        return [parse_bytes(x) for x in work]
    return pool.map(parse_bytes, work)


def read_files(
    paths: Sequence[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1
) -> list[ParsedFile]:
    """Local files → one `ParsedFile` each (input order); an unreadable file is an outcome, not
    an error. Runs over a process pool when workers > 1 and the files are big enough."""
    loaded: list[tuple[str, bytes] | ParsedFile] = []
    for path in paths:
        name = safe_name(Path(path).name)
        try:
            loaded.append((name, load_file(path, max_bytes=max_bytes)))
        except PolicyKGError as exc:
            loaded.append(ParsedFile(name, code=exc.code, message=exc.message))
    todo = [x for x in loaded if isinstance(x, tuple)]
    size = sum(len(data) for _, data in todo)
    with worker_pool(workers, size, PARALLEL_MIN_BYTES) as pool:
        parsed = iter(read_many(todo, max_bytes=max_bytes, pool=pool))
    return [x if isinstance(x, ParsedFile) else next(parsed) for x in loaded]


WARM_UP_TEXT = """关于加强离退休干部党建工作的通知
各市委组织部：
一、提高政治站位。沈阳市各级党组织要充分认识做好离退休干部工作的重要意义，
坚持以习近平新时代中国特色社会主义思想为指导。
二、落实工作责任。各单位要结合实际，开展“银发先锋”行动。
"""


def warm_up() -> list[Document]:
    """Load the load-once resources of ingest (the private jieba dictionary, the gazetteer,
    OpenCC) by reading one tiny built-in text: start-up, not per-document work. Forked workers
    then inherit them. Returns the text's documents (to warm later stages with)."""
    from ingest.segmenter import _tokenizer
    from policykg.gazetteer import Gazetteer
    from policykg.text import _s2t, _t2s

    Gazetteer.default()
    _tokenizer()
    _s2t()  # both OpenCC converters: script detection converts either way
    _t2s()
    return read_bytes("warm-up.txt", WARM_UP_TEXT.encode("utf-8"))


def load_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a local file's bytes, refusing it before reading when it is over `max_bytes`."""
    p = Path(path)
    name = safe_name(p.name)
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        raise IngestError(f"文件“{name}”不存在。", code="not_found") from exc
    except OSError as exc:
        raise IngestError(
            f"无法访问文件“{name}”（{exc.strerror or type(exc).__name__}）。", code="io_error"
        ) from exc
    if p.is_dir():
        raise IngestError(f"“{name}”是文件夹而不是文件。", code="not_a_file")
    if st.st_size > max_bytes:
        raise _too_large(name, st.st_size, max_bytes)
    try:
        with p.open("rb") as fh:
            # Bounded read: a special file or one growing while we read cannot exhaust memory.
            data = fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise IngestError(f"没有读取文件“{name}”的权限。", code="io_error") from exc
    except OSError as exc:
        raise IngestError(
            f"读取文件“{name}”失败（{exc.strerror or type(exc).__name__}）。", code="io_error"
        ) from exc
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    return data


def read_file(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, source_url: str | None = None
) -> list[Document]:
    """A local file → documents; same errors as `read_bytes`, plus unreadable/missing files."""
    data = load_file(path, max_bytes=max_bytes)
    return read_bytes(Path(path).name, data, max_bytes=max_bytes, source_url=source_url)


@dataclass
class FileResult:
    """What became of one file of a batch."""

    file: str  # the path as given
    name: str  # its cleaned base name
    ok: bool
    documents: list[Document] = field(default_factory=list)
    sha256: str | None = None
    code: str | None = None  # error code (PolicyKGError.code) when not ok
    message: str | None = None  # Chinese, for people
    warnings: list[str] = field(default_factory=list)
    duplicate_of: str | None = None  # same bytes as an earlier file of the batch: skipped

    @property
    def doc_ids(self) -> list[str]:
        return [d.id for d in self.documents]

    @property
    def titles(self) -> list[str]:
        return [d.title for d in self.documents]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "name": self.name,
            "ok": self.ok,
            "doc_ids": self.doc_ids,
            "titles": self.titles,
            "sha256": self.sha256,
            "code": self.code,
            "message": self.message,
            "warnings": list(self.warnings),
            "duplicate_of": self.duplicate_of,
        }


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any file could not be ingested (the CLI exits non-zero)."""
        return any(not r.ok for r in self.results)

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.results if not r.ok]

    @property
    def succeeded(self) -> list[FileResult]:
        return [r for r in self.results if r.ok]

    @property
    def documents(self) -> list[Document]:
        """All documents of the batch, in file order (each bulletin: parent, then articles)."""
        return [d for r in self.results if r.ok for d in r.documents]

    def to_dict(self) -> dict[str, Any]:
        return {"failed": self.failed, "files": [r.to_dict() for r in self.results]}


def ingest_many(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> IngestReport:
    """Read every file; a bad file becomes an error entry and the others go on.

    Within one batch, two files that give the same document id are settled here: identical
    bytes are a no-op (the later one is recorded as ``duplicate_of``), different bytes are a
    conflict reported on the later file, because which version should win is not knowable.
    """
    report = IngestReport()
    seen: dict[str, tuple[str, str]] = {}  # doc id → (file, sha256)
    for path in paths:
        file = os.fspath(path)
        name = safe_name(Path(file).name)
        try:
            data = load_file(file, max_bytes=max_bytes)
            docs = read_bytes(name, data, max_bytes=max_bytes)
        except PolicyKGError as exc:
            report.results.append(
                FileResult(file=file, name=name, ok=False, code=exc.code, message=exc.message)
            )
            continue
        except Exception as exc:  # never let one file stop the batch
            report.results.append(
                FileResult(
                    file=file,
                    name=name,
                    ok=False,
                    code="internal_error",
                    message=f"处理文件“{name}”时发生内部错误（{type(exc).__name__}），请报告此问题。",
                )
            )
            continue
        sha = docs[0].sha256
        clash = next((seen[d.id] for d in docs if d.id in seen), None)
        if clash is not None and clash[1] == sha:
            report.results.append(
                FileResult(
                    file=file,
                    name=name,
                    ok=True,
                    sha256=sha,
                    duplicate_of=clash[0],
                    warnings=[f"与“{Path(clash[0]).name}”内容相同，已跳过"],
                )
            )
            continue
        if clash is not None:
            report.results.append(
                FileResult(
                    file=file,
                    name=name,
                    ok=False,
                    sha256=sha,
                    code="duplicate_id",
                    message=f"文件“{name}”与“{Path(clash[0]).name}”的文档编号相同（{docs[0].id}）但内容不同，"
                    "请改名后再导入。",
                )
            )
            continue
        for d in docs:
            seen[d.id] = (file, sha)
        warnings = list(dict.fromkeys(w for d in docs for w in d.warnings))
        report.results.append(
            FileResult(file=file, name=name, ok=True, documents=docs, sha256=sha, warnings=warnings)
        )
    return report
