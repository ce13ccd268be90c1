"""Reading the files of a write: uploads and a corpus folder's files into documents, or into
the reason each one is refused (never an exception for one bad file).

`FileReading` is the part of `Writer` (service/writes.py) that turns what was sent or found into
documents: the size and type checks, the parse (in the backend's process pool for a build), and
the rules that make two files one parse (the same bytes) or one refusal (two files producing one
document id).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from ingest.pipeline import human_size
from policykg.docspill import TextSpill
from policykg.errors import FileTooLarge, PolicyKGError
from policykg.model import Document
from policykg.settings import Settings
from service.backend import INTERNAL_READ_ERROR, Backend
from service.corpusfiles import CorpusFile, contents, digest_of, size_of
from service.safelog import log_exception
from service.values import FileOutcome, Upload
from service.writeguards import NotRegular, id_clash, read_regular_file, rejected

log = logging.getLogger("policykg.engine")

SUPPORTED_EXTS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps")


class FileReading:
    """Reading files for `Writer` (its settings and backend)."""

    settings: Settings
    backend: Backend

    def parse(self, upload: Upload | CorpusFile, max_bytes: int) -> tuple[list[Document], FileOutcome | None]:
        """The documents of one file, or why it was rejected (never raises for a bad file)."""
        name, refused = self._precheck(upload, max_bytes)
        if refused is not None:
            return [], refused
        try:
            docs = self.backend.read_bytes(name, contents(_payload(upload), max_bytes), max_bytes)
        except PolicyKGError as exc:
            return [], rejected(name, exc.code, exc.message)
        except Exception as exc:  # a reader bug must reject one file, not the batch
            log_exception(log, "ingest of one file failed unexpectedly", exc)
            return [], rejected(name, "ingest_failed", INTERNAL_READ_ERROR)
        return _checked(name, docs)

    def _precheck(self, upload: Upload | CorpusFile, max_bytes: int) -> tuple[str, FileOutcome | None]:
        """The cleaned name, and the refusal of a file that is too large or of an unknown type."""
        name = self.backend.safe_name(upload.name) or "upload"
        ext = Path(name).suffix.lower()
        if size_of(_payload(upload)) > max_bytes:
            return name, rejected(name, "file_too_large", f"文件超过大小上限（{human_size(max_bytes)}）")
        if ext not in SUPPORTED_EXTS:
            shown = ext or "无扩展名"
            return name, rejected(
                name, "unsupported_format", f"不支持的文件类型（{shown}）：支持 txt、md、html、docx、pdf"
            )
        return name, None

    def parse_batch(
        self, uploads: Sequence[Upload | CorpusFile], max_bytes: int, spill: TextSpill | None = None
    ) -> tuple[list[tuple[list[Document], FileOutcome | None]], Mapping[str, Any] | None]:
        """`parse` over many files (in the backend's process pool when it is worth it), plus the
        graph's per-document scans when the workers made them (else None). With `spill`, what
        the workers read comes back as light documents (Backend.read_many)."""
        names: list[str] = []
        out: list[tuple[list[Document], FileOutcome | None] | None] = []
        todo: list[tuple[str, bytes | CorpusFile]] = []
        for upload in uploads:
            name, refused = self._precheck(upload, max_bytes)
            names.append(name)
            out.append(([], refused) if refused is not None else None)
            if refused is None:
                todo.append((name, _payload(upload)))
        read, scans = self.backend.read_many(todo, max_bytes, spill)
        results = iter(read)
        final: list[tuple[list[Document], FileOutcome | None]] = []
        for name, done in zip(names, out, strict=True):
            if done is not None:
                final.append(done)
                continue
            got = next(results)
            if isinstance(got, PolicyKGError):
                final.append(([], rejected(name, got.code, got.message)))
            else:
                final.append(_checked(name, got))
        return final, scans

    def read_paths(self, paths: Sequence[Path], root: Path | None = None) -> list[Upload | FileOutcome]:
        """Local files as uploads (or as rejections: missing, a directory, a device or pipe, over
        the size limit, or — with `root` — a symbolic link leading out of that folder)."""
        return cast(list[Upload | FileOutcome], self._scan_paths(paths, root, held=True))

    def _scan_paths(
        self, paths: Sequence[Path], root: Path | None, *, held: bool
    ) -> list[Upload | CorpusFile | FileOutcome]:
        """`read_paths`; with held=False each file is a CorpusFile (read once for its digest,
        its bytes not kept: the build's ingest workers read it again)."""
        out: list[Upload | CorpusFile | FileOutcome] = []
        limit = self.settings.max_ingest_bytes
        inside = Path(root).resolve() if root is not None else None
        for p in paths:
            p = Path(p)
            try:
                if inside is not None and not p.resolve().is_relative_to(inside):
                    out.append(rejected(p.name, "outside_corpus", "符号链接指向语料目录之外，已跳过"))
                    continue
                if held:
                    out.append(Upload(name=p.name, data=read_regular_file(p, limit)))
                else:
                    out.append(CorpusFile.scan(p.name, p, limit))
            except NotRegular:
                out.append(rejected(p.name, "not_a_file", "不是普通文件（目录、设备或管道），已跳过"))
            except FileTooLarge:
                out.append(rejected(p.name, "file_too_large", f"文件超过大小上限（{human_size(limit)}）"))
            except FileNotFoundError:
                out.append(rejected(p.name, "not_found", "文件不存在"))
            except OSError as exc:
                out.append(
                    rejected(p.name, "ingest_failed", f"无法读取文件（{exc.strerror or type(exc).__name__}）")
                )
        return out

    def _parse_unique(
        self, uploads: Sequence[Upload | CorpusFile], spill: TextSpill | None = None
    ) -> tuple[list[tuple[list[Document], FileOutcome | None]], Mapping[str, Any] | None]:
        """`parse_batch` of a build's files, each distinct content parsed once: a later file with
        the same bytes (and extension) as one that parsed becomes "unchanged" in `build` from its
        digest alone, so it reuses that result instead of being read again."""
        limit = self.settings.max_ingest_bytes
        first: dict[tuple[str, str], int] = {}
        keys = [(digest_of(_payload(u)), Path(u.name).suffix.lower()) for u in uploads]
        for i, key in enumerate(keys):
            first.setdefault(key, i)
        primary = [i for i, key in enumerate(keys) if first[key] == i]
        parsed, scans = self.parse_batch([uploads[i] for i in primary], limit, spill)
        results = dict(zip(primary, parsed, strict=True))
        out = []
        for i, key in enumerate(keys):
            if i not in results:
                same = results[first[key]]
                # a copy of a file that failed is read on its own (its message names it)
                results[i] = same if same[1] is None else self.parse(uploads[i], limit)
            out.append(results[i])
        return out, scans

    def _parse_uploads(
        self, uploads: Sequence[Upload | FileOutcome], limit: int
    ) -> tuple[list[FileOutcome], list[tuple[Upload, list[Document]]]]:
        """One request's files: the refusals, and the documents of the others under their
        cleaned names (two files of one request producing one id: the later is refused)."""
        parsed: list[tuple[Upload, list[Document]]] = []
        outcomes: list[FileOutcome] = []
        claimed: dict[str, str] = {}  # document id → the file of this write that produces it
        for item in uploads:
            if isinstance(item, FileOutcome):
                outcomes.append(item)
                continue
            docs, failure = self.parse(item, limit)
            name = self.backend.safe_name(item.name) or "upload"
            failure = failure or id_clash(name, docs, claimed)
            if failure is not None:
                outcomes.append(failure)
            else:
                claimed.update({d.id: name for d in docs})
                parsed.append((Upload(name, item.data), docs))
        return outcomes, parsed


def _payload(upload: Upload | CorpusFile) -> bytes | CorpusFile:
    """An upload's bytes, or a build's file as it is (read where it is parsed)."""
    return upload.data if isinstance(upload, Upload) else upload


def _checked(name: str, docs: list[Document]) -> tuple[list[Document], FileOutcome | None]:
    if not docs:
        return [], rejected(name, "ingest_failed", "文件中没有可识别的正文")
    return docs, None
