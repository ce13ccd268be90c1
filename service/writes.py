"""The write path: files → documents → a new generation (graph, index, documents) → swap.

Every write takes the data dir's lock, prepares the next generation next to the live one
(the index hard-linked from it and updated incrementally when possible), keeps the originals,
then commits (fsync, rename, swap CURRENT; see service/store.py). A write that fails anywhere
leaves the live generation as it was.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ingest.pipeline import human_size
from policykg.errors import FileTooLarge, IngestError, NotFound, PolicyKGError, UnsupportedFormat
from policykg.model import Document
from policykg.settings import Settings
from service.backend import Backend
from service.safelog import log_exception
from service.snapshot import read_documents
from service.store import DataStore, link_or_copy_tree
from service.values import FileOutcome, IngestRejected, Upload, WriteReport
from service.views import extracted_summary

log = logging.getLogger("policykg.engine")

SUPPORTED_EXTS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps")
WRITE_LOCK_TIMEOUT = 60.0


def rejected(file: str, code: str, message: str) -> FileOutcome:
    return FileOutcome(file=file, status="rejected", code=code, message=message)


class Writer:
    """Build, ingest and delete over one data dir. Stateless between calls."""

    def __init__(self, settings: Settings, backend: Backend, store: DataStore) -> None:
        self.settings = settings
        self.backend = backend
        self.store = store

    # -- reading the files ---------------------------------------------------------------------

    def parse(self, upload: Upload, max_bytes: int) -> tuple[list[Document], FileOutcome | None]:
        """The documents of one file, or why it was rejected (never raises for a bad file)."""
        name = self.backend.safe_name(upload.name) or "upload"
        ext = Path(name).suffix.lower()
        if len(upload.data) > max_bytes:
            err: PolicyKGError = FileTooLarge(f"文件超过大小上限（{human_size(max_bytes)}）")
        elif ext not in SUPPORTED_EXTS:
            shown = ext or "无扩展名"
            err = UnsupportedFormat(f"不支持的文件类型（{shown}）：支持 txt、md、html、docx、pdf")
        else:
            try:
                docs = self.backend.read_bytes(name, upload.data, max_bytes)
            except PolicyKGError as exc:
                err = exc
            except Exception as exc:  # a reader bug must reject one file, not the batch
                log_exception(log, "ingest of one file failed unexpectedly", exc)
                err = IngestError("文件无法解析（内部错误），请检查文件是否完整")
            else:
                if not docs:
                    err = IngestError("文件中没有可识别的正文")
                else:
                    return docs, None
        return [], rejected(name, err.code, err.message)

    def read_paths(self, paths: Sequence[Path]) -> list[Upload | FileOutcome]:
        """Local files as uploads (or as rejections: missing, a directory, over the size limit)."""
        out: list[Upload | FileOutcome] = []
        limit = self.settings.max_ingest_bytes
        for p in paths:
            p = Path(p)
            try:
                if p.stat().st_size > limit:
                    out.append(rejected(p.name, "file_too_large", f"文件超过大小上限（{human_size(limit)}）"))
                    continue
                out.append(Upload(name=p.name, data=p.read_bytes()))
            except FileNotFoundError:
                out.append(rejected(p.name, "not_found", "文件不存在"))
            except IsADirectoryError:
                out.append(rejected(p.name, "ingest_failed", "这是一个目录"))
            except OSError as exc:
                out.append(
                    rejected(p.name, "ingest_failed", f"无法读取文件（{exc.strerror or type(exc).__name__}）")
                )
        return out

    # -- the three writes ----------------------------------------------------------------------

    def build(self, corpus_dir: Path | None = None) -> WriteReport:
        """A complete new generation from every file of a corpus folder.

        Files that cannot be read are reported and skipped; the build fails only when no file
        could be ingested (then nothing changes).
        """
        corpus = Path(corpus_dir or self.settings.corpus_dir)
        if not corpus.is_dir():
            raise NotFound(f"语料目录不存在：{corpus}")
        items = self.read_paths(self.backend.corpus_files(corpus))
        outcomes: list[FileOutcome] = []
        docs: dict[str, Document] = {}
        originals: list[tuple[Upload, Document]] = []
        seen_sha: dict[str, str] = {}
        for item in items:
            if isinstance(item, FileOutcome):
                outcomes.append(item)
                continue
            parsed, failure = self.parse(item, self.settings.max_ingest_bytes)
            if failure is not None:
                outcomes.append(failure)
                continue
            head = parsed[0]
            if head.sha256 in seen_sha:
                outcomes.append(
                    FileOutcome(
                        file=item.name,
                        status="unchanged",
                        doc_ids=[seen_sha[head.sha256]],
                        message=f"内容与 {seen_sha[head.sha256]} 相同",
                    )
                )
                continue
            seen_sha[head.sha256] = head.id
            status = "replaced" if head.id in docs else "added"
            for d in parsed:
                docs[d.id] = d
            originals.append((item, head))
            outcomes.append(
                FileOutcome(
                    file=item.name,
                    status=status,
                    doc_ids=[d.id for d in parsed],
                    documents=[extracted_summary(d) for d in parsed],
                )
            )
        if not docs:
            raise IngestError(
                "没有可导入的文档：语料目录中的文件都无法读取" if outcomes else "语料目录中没有支持的文件"
            )
        with self.store.write_lock(WRITE_LOCK_TIMEOUT):
            name, manifest = self._commit(list(docs.values()), originals)
        return self.report(outcomes, changed=True, name=name, manifest=manifest)

    def ingest(self, uploads: Sequence[Upload | FileOutcome], *, atomic: bool) -> WriteReport:
        """Add or replace documents. atomic=True (HTTP): any failed file → IngestRejected, nothing changes."""
        limit = self.settings.max_upload_bytes if atomic else self.settings.max_ingest_bytes
        parsed: list[tuple[Upload, list[Document]]] = []
        outcomes: list[FileOutcome] = []
        for item in uploads:
            if isinstance(item, FileOutcome):
                outcomes.append(item)
                continue
            docs, failure = self.parse(item, limit)
            if failure is not None:
                outcomes.append(failure)
            else:
                parsed.append((Upload(self.backend.safe_name(item.name) or "upload", item.data), docs))
        if atomic and outcomes:
            raise IngestRejected(outcomes)
        if not parsed:
            return self.report(outcomes, changed=False)

        with self.store.write_lock(WRITE_LOCK_TIMEOUT):
            base = self.store.current_path() if self.store.has_snapshot() else None
            existing = read_documents(base / "documents.jsonl") if base else []
            plan = _IngestPlan(existing)
            for upload, docs in parsed:
                outcomes.append(plan.add(upload, docs))
            if not plan.added:
                return self.report(outcomes, changed=False)
            name, manifest = self._commit(
                plan.all_documents(), plan.originals, base, sorted(plan.delete_ids), list(plan.added.values())
            )
        return self.report(outcomes, changed=True, name=name, manifest=manifest)

    def delete(self, doc_id: str) -> WriteReport:
        """Remove a document (and, for a bulletin, its articles)."""
        with self.store.write_lock(WRITE_LOCK_TIMEOUT):
            base = self.store.current_path()
            docs = read_documents(base / "documents.jsonl")
            target = next((d for d in docs if d.id == doc_id), None)
            if target is None:
                raise NotFound(f"文档不存在：{doc_id}")
            gone = {doc_id, *target.children, *(d.id for d in docs if d.parent_id == doc_id)}
            remaining = []
            for d in docs:
                if d.id in gone:
                    continue
                if doc_id in d.children:  # an article removed from its bulletin
                    d.children = [c for c in d.children if c != doc_id]
                remaining.append(d)
            name, manifest = self._commit(remaining, [], base, sorted(gone), [])
        outcome = FileOutcome(file=target.source, status="deleted", doc_ids=sorted(gone))
        return self.report([outcome], changed=True, name=name, manifest=manifest)

    def report(
        self,
        outcomes: list[FileOutcome],
        *,
        changed: bool,
        name: str | None = None,
        manifest: dict[str, Any] | None = None,
    ) -> WriteReport:
        """The outcome of a write with the counts of the generation now live."""
        if manifest is None:
            name = self.store.current_name()
            manifest = self.store.read_manifest(self.store.snapshots_dir / name) if name else {}
        return WriteReport(
            outcomes=outcomes,
            snapshot=name,
            documents=int(manifest.get("documents", 0)),
            clauses=int(manifest.get("clauses", 0)),
            entities=int(manifest.get("entities", 0)),
            changed=changed,
        )

    # -- one generation ------------------------------------------------------------------------

    def _commit(
        self,
        docs: list[Document],
        originals: list[tuple[Upload, Document]],
        base: Path | None = None,
        delete_ids: Sequence[str] = (),
        add_docs: Sequence[Document] = (),
    ) -> tuple[str, dict[str, Any]]:
        name, tmp = self.store.prepare()
        try:
            manifest = self._write_generation(tmp, docs, base, delete_ids, add_docs)
            # Originals before the swap: an original without a live document is harmless, the
            # reverse (a document whose bytes are lost) is not.
            for upload, doc in originals:
                self.store.store_original(doc.sha256, Path(upload.name).suffix, upload.data)
            self.store.commit(name, tmp, manifest)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return name, manifest

    def _write_generation(
        self,
        tmp: Path,
        docs: list[Document],
        base: Path | None = None,
        delete_ids: Sequence[str] = (),
        add_docs: Sequence[Document] = (),
    ) -> dict[str, Any]:
        """Graph, index, documents into tmp. Incremental index when base is given, else a full build."""
        graph = self.backend.build_graph(docs)
        annotations = dict(graph.annotations)
        index_dir = tmp / "index"
        index = None
        if base is not None and (base / "index").is_dir():
            try:
                link_or_copy_tree(base / "index", index_dir)
                index = self.backend.open_index(index_dir)
                self.backend.update_index(index, list(delete_ids), list(add_docs), annotations)
            except PolicyKGError:
                raise
            except Exception as exc:  # an index that cannot be updated in place is rebuilt
                log.warning("incremental index update failed (%s); rebuilding", type(exc).__name__)
                if index is not None:
                    self.backend.close_index(index)
                shutil.rmtree(index_dir, ignore_errors=True)
                index = None
        if index is None:
            index = self.backend.create_index(index_dir, docs, annotations, graph.dictionary_terms())
        self.backend.close_index(index)
        self.backend.save_graph(graph, tmp / "graph.json")
        with open(tmp / "documents.jsonl", "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        return {
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "documents": len(docs),
            "clauses": sum(len(d.clauses) for d in docs),
            "entities": int(graph.stats()["entities"]),
        }


class _IngestPlan:
    """What an ingest changes in the live documents: additions, replacements, deletions."""

    def __init__(self, existing: list[Document]) -> None:
        self.current: dict[str, Document] = {d.id: d for d in existing}
        self.by_sha = {d.sha256: d.id for d in existing if d.parent_id is None}
        self.delete_ids: set[str] = set()
        self.added: dict[str, Document] = {}
        self.originals: list[tuple[Upload, Document]] = []

    def add(self, upload: Upload, docs: list[Document]) -> FileOutcome:
        head = docs[0]
        same = self.by_sha.get(head.sha256)
        if same is not None:
            ids = [same, *self.current[same].children] if same in self.current else [same]
            return FileOutcome(
                file=upload.name, status="unchanged", doc_ids=ids, message="未变化：内容与已有文档相同"
            )
        replaced = head.id in self.current or head.id in self.added
        if head.id in self.current:
            old = self.current.pop(head.id)
            self.delete_ids.add(old.id)
            for child in [*old.children, *[c.id for c in docs[1:]]]:
                if self.current.pop(child, None) is not None:
                    self.delete_ids.add(child)
        for stale in [k for k, v in self.added.items() if k == head.id or v.parent_id == head.id]:
            self.added.pop(stale)
        for d in docs:
            self.added[d.id] = d
        self.by_sha[head.sha256] = head.id
        self.originals.append((upload, head))
        return FileOutcome(
            file=upload.name,
            status="replaced" if replaced else "added",
            doc_ids=[d.id for d in docs],
            documents=[extracted_summary(d) for d in docs],
        )

    def all_documents(self) -> list[Document]:
        return [*self.current.values(), *self.added.values()]
