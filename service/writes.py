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
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

from ingest.pipeline import human_size
from policykg.annotationfile import AnnotationFile
from policykg.docspill import SpilledDocuments, TextSpill, metadata
from policykg.errors import FileTooLarge, IngestError, NotFound, PolicyKGError
from policykg.gazetteer import default_gazetteer
from policykg.model import Document
from policykg.settings import Settings
from service import overrides as overrides_mod
from service.allocator import trim_heap
from service.annotationdigest import (
    annotation_digests,
    load_digests,
    place_digests,
    restale_documents,
    save_digests,
)
from service.backend import INTERNAL_READ_ERROR, Backend
from service.corpusfiles import CorpusFile, CorpusOriginals, contents, digest_of, size_of
from service.graphstage import graph_stage
from service.ingestplan import IngestPlan
from service.repository.datadir import DataDirRepository, manifest_generation
from service.repository.protocol import Change, DocumentRepository
from service.safelog import log_exception
from service.savedgraph import SavedGraph, save_early
from service.spilldir import new_spill_dir
from service.store import DataStore, NoSnapshot, link_or_copy_tree
from service.values import FileOutcome, IngestRejected, Upload, WriteReport
from service.views import extracted_summary
from service.writeguards import NotRegular, disk_full_is_507, id_clash, read_regular_file, rejected

log = logging.getLogger("policykg.engine")

SUPPORTED_EXTS = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps")
WRITE_LOCK_TIMEOUT = 60.0


class Writer:
    """Build, ingest and delete over one data dir. Stateless between calls."""

    def __init__(
        self,
        settings: Settings,
        backend: Backend,
        store: DataStore,
        *,
        preload: Callable[[Path], Any] | None = None,
        install: Callable[[Any], None] | None = None,
        repository: DocumentRepository | None = None,
    ) -> None:
        self.settings = settings
        self.backend = backend
        self.store = store
        # how the engine opens a generation before its swap and serves it right after (DataStore.commit)
        self.preload = preload
        self.install = install
        # the system of record (service/repository/): the data dir itself unless a replica sets one
        self.repository: DocumentRepository = repository or DataDirRepository(store, self.materialize)

    # -- reading the files ---------------------------------------------------------------------

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

    # -- the three writes ----------------------------------------------------------------------

    def build(self, corpus_dir: Path | None = None, timings: dict[str, float] | None = None) -> WriteReport:
        """A complete new generation from every file of a corpus folder.

        Files that cannot be read are reported and skipped; the build fails only when no file
        could be ingested (then nothing changes). `timings`, when given, receives the seconds of
        each stage (ingest_s, graph_s, index_s, save_s): the speed bench reads them.
        """
        corpus = Path(corpus_dir or self.settings.corpus_dir)
        if not corpus.is_dir():
            raise NotFound(f"语料目录不存在：{corpus}")
        # The texts of the documents the ingest workers read wait on disk until the index and
        # documents.jsonl read them back (policykg.docspill); the folder goes with the build.
        folder = new_spill_dir(self.store.root)
        try:
            return self._build(corpus, timings, TextSpill(str(folder)))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _build(self, corpus: Path, timings: dict[str, float] | None, spill: TextSpill) -> WriteReport:
        self.backend.warm_up()  # load-once resources, before any worker is forked
        stage = _Stages(timings)
        paths = self.backend.corpus_files(corpus)
        items = self._scan_paths(paths, corpus, held=False)  # one per path
        uploads = [item for item in items if not isinstance(item, FileOutcome)]
        parsed_all, scans = self._parse_unique(uploads, spill)
        parsed_of = iter(parsed_all)
        outcomes: list[FileOutcome] = []
        docs: dict[str, Document] = {}
        added: list[tuple[Path, str, Document]] = []
        seen_sha: dict[str, str] = {}
        claimed: dict[str, str] = {}  # document id → the file that produces it
        for path, item in zip(paths, items, strict=True):
            if isinstance(item, FileOutcome):
                outcomes.append(item)
                continue
            parsed, failure = next(parsed_of)
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
            clash = id_clash(item.name, parsed, claimed)
            if clash is not None:
                outcomes.append(clash)
                scans = None  # the scans were made for both files' documents: scan again
                continue
            seen_sha[head.sha256] = head.id
            status = "added"
            for d in parsed:
                docs[d.id] = d
                claimed[d.id] = item.name
            added.append((Path(path), item.name, head))
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
        # the files' bytes are not kept to the commit: the originals store reads them again
        originals = CorpusOriginals(added, self.settings.max_ingest_bytes)
        del items, uploads
        trim_heap()  # their pages, before the graph (service/allocator.py)
        stage.done("ingest_s")
        doc_list = list(docs.values())
        # Curated metadata survives a rebuild (service/overrides.py): applied before the graph.
        record = overrides_mod.read_record(self._live_path())
        changed = overrides_mod.apply_all(doc_list, record, default_gazetteer())
        if changed and scans:  # the workers scanned them as ingest read them: scan those again
            scans = self.backend.rescan(doc_list, changed, scans)
        del parsed_all, parsed_of
        # graph.json now, and of the graph only what the index and the manifest read
        # (service/savedgraph.py), made in a forked child when it can be (service/graphstage.py)
        saved = graph_stage(self.backend, doc_list, scans, Path(spill.folder))
        del scans  # the graph keeps what it needs of them: their mentions go before the index
        stage.done("graph_s")
        with disk_full_is_507(), self.repository.writing(WRITE_LOCK_TIMEOUT) as head:
            latest = overrides_mod.record_of(head.documents)
            if latest != record:  # curated meanwhile (or elsewhere): apply those, and make the graph again
                overrides_mod.apply_all(doc_list, latest, default_gazetteer())
                saved = save_early(self.backend, self.backend.build_graph(doc_list), Path(spill.folder))
            live = {d.id for d in doc_list}
            library = spill.documents(doc_list)  # read back whole, one at a time, where spilled
            change = Change(
                kind="build",
                documents=library,
                put=library,
                deleted=sorted(d.id for d in head.documents if d.id not in live),
                originals=originals,
                index_add=library,
                full=True,
                index_terms=saved.dictionary_terms(),
            )
            committed = head.commit(change, graph=saved, stage=stage)
        name, manifest = self.repository.visible(committed)
        return self.report(
            outcomes, changed=True, name=name, manifest=manifest, generation=committed.generation
        )

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

    def ingest(self, uploads: Sequence[Upload | FileOutcome], *, atomic: bool) -> WriteReport:
        """Add or replace documents. atomic=True (HTTP): any failed file → IngestRejected, nothing changes."""
        result = self.ingest_batch([uploads], atomic=atomic)[0]
        if isinstance(result, BaseException):
            raise result
        return result

    def ingest_batch(
        self, batches: Sequence[Sequence[Upload | FileOutcome]], *, atomic: bool
    ) -> list[WriteReport | PolicyKGError]:
        """Several writes in one generation (the write queue's group commit): each batch is what
        one request sent, all-or-nothing on its own when atomic (its IngestRejected in its
        place); the accepted ones are committed together, in order, as if one after another."""
        limit = self.settings.max_upload_bytes if atomic else self.settings.max_ingest_bytes
        results: list[WriteReport | PolicyKGError | None] = [None] * len(batches)
        jobs: list[tuple[int, list[FileOutcome], list[tuple[Upload, list[Document]]]]] = []
        for i, uploads in enumerate(batches):
            outcomes, parsed = self._parse_uploads(uploads, limit)
            if atomic and outcomes:
                results[i] = IngestRejected(outcomes)
            elif not parsed:
                results[i] = self.report(outcomes, changed=False)
            else:
                jobs.append((i, outcomes, parsed))
        if not jobs:
            return [r for r in results if r is not None]

        committed = None
        with disk_full_is_507(), self.repository.writing(WRITE_LOCK_TIMEOUT) as head:
            plan = IngestPlan(head.documents)
            record = overrides_mod.record_of(head.documents)
            done: list[tuple[int, list[FileOutcome]]] = []
            for i, outcomes, parsed in jobs:
                clashes = [plan.clash(upload, docs) for upload, docs in parsed]
                if atomic and any(clashes):
                    results[i] = IngestRejected([c for c in clashes if c is not None])
                    continue
                for (upload, docs), clash in zip(parsed, clashes, strict=True):
                    outcomes.append(clash or plan.add(upload, docs))
                done.append((i, outcomes))
            if plan.added:
                # a re-ingested document keeps its curated metadata
                overrides_mod.apply_all(plan.added.values(), record, default_gazetteer())
                added = list(plan.added.values())
                change = Change(
                    kind="ingest",
                    documents=plan.all_documents(),
                    put=added,
                    deleted=sorted(plan.delete_ids - plan.added.keys()),
                    originals=plan.originals,
                    index_delete=sorted(plan.delete_ids),
                    index_add=added,
                )
                committed = head.commit(change)
        name, manifest = self.repository.visible(committed) if committed else (None, None)
        for i, outcomes in done:
            changed = manifest is not None and any(o.status in ("added", "replaced") for o in outcomes)
            results[i] = self.report(
                outcomes,
                changed=changed,
                name=name,
                manifest=manifest,
                generation=committed.generation if changed and committed else None,
            )
        return [r for r in results if r is not None]

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

    def delete(self, doc_id: str) -> WriteReport:
        """Remove a document (and, for a bulletin, its articles)."""
        with disk_full_is_507(), self.repository.writing(WRITE_LOCK_TIMEOUT) as head:
            if not head.documents and not self.store.has_snapshot() and head.generation == 0:
                raise NoSnapshot("索引尚未建立：请先运行 policykg build")
            docs = head.documents
            target = next((d for d in docs if d.id == doc_id), None)
            if target is None:
                raise NotFound(f"文档不存在：{doc_id}")
            gone = {doc_id, *target.children, *(d.id for d in docs if d.parent_id == doc_id)}
            remaining = []
            parents = []
            for d in docs:
                if d.id in gone:
                    continue
                if doc_id in d.children:  # an article removed from its bulletin
                    d.children = [c for c in d.children if c != doc_id]
                    parents.append(d)
                remaining.append(d)
            # the record stores the bulletin without the article; the data dir's index keeps its
            # clauses as they were (their text did not change)
            change = Change(
                kind="delete",
                documents=remaining,
                put=parents,
                deleted=sorted(gone),
                index_delete=sorted(gone),
            )
            committed = head.commit(change)
        name, manifest = self.repository.visible(committed)
        outcome = FileOutcome(file=target.source, status="deleted", doc_ids=sorted(gone))
        return self.report(
            [outcome], changed=True, name=name, manifest=manifest, generation=committed.generation
        )

    def patch(self, doc_id: str, changes: dict[str, str | None]) -> list[str]:
        """Set or clear curated metadata of one document (validated changes, service/overrides.py):
        a new generation with the document re-indexed and the graph remade. Returns the fields
        now overridden."""
        with disk_full_is_507(), self.repository.writing(WRITE_LOCK_TIMEOUT) as head:
            docs = head.documents
            target = next((d for d in docs if d.id == doc_id), None)
            if target is None:
                raise NotFound(f"文档不存在：{doc_id}")
            wanted = overrides_mod.merged(target.overrides, changes)
            if wanted == target.overrides:
                return list(wanted)
            overrides_mod.apply_overrides(target, wanted, default_gazetteer())
            # the record stores the document with its overrides (PostgreSQL: one more put)
            change = Change(
                kind="patch", documents=docs, put=[target], index_delete=[doc_id], index_add=[target]
            )
            committed = head.commit(change)
        self.repository.visible(committed)
        return list(target.overrides)

    def _live_path(self) -> Path | None:
        return self.store.current_path() if self.store.has_snapshot() else None

    def report(
        self,
        outcomes: list[FileOutcome],
        *,
        changed: bool,
        name: str | None = None,
        manifest: dict[str, Any] | None = None,
        generation: int | None = None,
    ) -> WriteReport:
        """The outcome of a write with the counts of the generation now live; `generation` is
        the one the write committed (the live one when it changed nothing)."""
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
            generation=manifest_generation(manifest) if generation is None else generation,
        )

    # -- one generation ------------------------------------------------------------------------

    def materialize(
        self,
        change: Change,
        base: Path | None,
        extra: dict[str, Any] | None = None,
        *,
        graph: Any = None,
        stage: _Stages | None = None,
    ) -> tuple[str, dict[str, Any]]:
        """Build a change into the next local generation (call under the data dir's write lock):
        incremental over `base` when given, else from scratch; `extra` goes into the manifest."""
        return self._commit(
            _sequence(change.documents),
            change.originals if isinstance(change.originals, CorpusOriginals) else list(change.originals),
            base,
            list(change.index_delete),
            _sequence(change.index_add),
            graph=graph,
            stage=stage,
            extra=extra,
            terms=change.index_terms,
        )

    def _commit(
        self,
        docs: Sequence[Document],
        originals: Sequence[tuple[Upload, Document]],
        base: Path | None = None,
        delete_ids: Sequence[str] = (),
        add_docs: Sequence[Document] = (),
        *,
        graph: Any = None,
        stage: _Stages | None = None,
        extra: dict[str, Any] | None = None,
        terms: Sequence[str] | None = None,
    ) -> tuple[str, dict[str, Any]]:
        with disk_full_is_507():
            name, tmp = self.store.prepare()
            try:
                manifest = self._write_generation(
                    tmp, docs, base, delete_ids, add_docs, graph=graph, stage=stage, terms=terms
                )
                manifest.update(extra or {})
                # Originals before the swap: an original without a live document is harmless,
                # the reverse (a document whose bytes are lost) is not.
                for upload, doc in originals:
                    self.store.store_original(doc.sha256, Path(upload.name).suffix, upload.data)
                self.store.commit(name, tmp, manifest, preload=self.preload, install=self.install)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        # After the swap: the bytes of deleted and replaced documents go too (issue 17, D10).
        try:
            self.store.prune_originals({d.sha256 for d in metadata(docs)})
        except OSError as exc:  # the write is done; a leftover original is only disk space
            log.warning("pruning originals failed (%s)", type(exc).__name__)
        return name, manifest

    def _write_generation(
        self,
        tmp: Path,
        docs: Sequence[Document],
        base: Path | None = None,
        delete_ids: Sequence[str] = (),
        add_docs: Sequence[Document] = (),
        *,
        graph: Any = None,
        stage: _Stages | None = None,
        terms: Sequence[str] | None = None,
    ) -> dict[str, Any]:
        """Graph (unless given: a KnowledgeGraph, or a build's SavedGraph), index, documents into
        tmp. Incremental index when base is given, else a full build (with `terms` as the
        segmenter's extra words when given, else the graph's)."""
        stage = stage or _Stages(None)
        if graph is None:
            graph = self.backend.build_graph(list(metadata(docs)))
        saved = graph if isinstance(graph, SavedGraph) else None
        # a build's annotations stay on disk when its graph was made in a child (service/graphstage.py)
        annotations = saved.annotations if saved is not None else dict(graph.annotations)
        digest_file = saved.digest_file if saved is not None and base is None else None
        digests = annotation_digests(annotations) if digest_file is None else {}
        held = load_digests(base) if base is not None else None
        index_dir = tmp / "index"
        index = None
        if held is not None and base is not None and (base / "index").is_dir():
            try:
                link_or_copy_tree(base / "index", index_dir)
                index = self.backend.open_index(index_dir)
                # documents whose clauses the new graph annotates otherwise (links over the whole
                # library) are re-indexed with the write's own: the index keeps no stale annotation
                relinked = restale_documents(held, digests, docs, {d.id for d in add_docs})
                self.backend.update_index(index, list(delete_ids), [*add_docs, *relinked], annotations)
            except PolicyKGError:
                raise
            except Exception as exc:  # an index that cannot be updated in place is rebuilt
                log.warning("incremental index update failed (%s); rebuilding", type(exc).__name__)
                if index is not None:
                    self.backend.close_index(index)
                shutil.rmtree(index_dir, ignore_errors=True)
                index = None
        if index is None:
            words = list(terms) if terms is not None else graph.dictionary_terms()
            index = self.backend.create_index(index_dir, docs, annotations, words)
        self.backend.close_index(index)
        if isinstance(annotations, AnnotationFile):
            annotations.close()
        if digest_file is not None:
            place_digests(tmp, digest_file)
        else:
            save_digests(tmp, digests)
        stage.done("index_s")
        if isinstance(graph, SavedGraph):
            graph.place(tmp / "graph.json")
        else:
            self.backend.save_graph(graph, tmp / "graph.json")
        with open(tmp / "documents.jsonl", "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        overrides_mod.write_record(tmp, metadata(docs))
        stage.done("save_s")
        return {
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "documents": len(docs),
            "clauses": sum(len(d.clauses) for d in metadata(docs)),
            "entities": graph.entities if isinstance(graph, SavedGraph) else int(graph.stats()["entities"]),
        }


def _sequence(docs: Sequence[Document]) -> Sequence[Document]:
    """A change's documents as a sequence of this write: spilled ones stay on disk (a list
    of them would read every text back at once), others are copied as before."""
    return docs if isinstance(docs, SpilledDocuments) else list(docs)


def _payload(upload: Upload | CorpusFile) -> bytes | CorpusFile:
    """An upload's bytes, or a build's file as it is (read where it is parsed)."""
    return upload.data if isinstance(upload, Upload) else upload


def _checked(name: str, docs: list[Document]) -> tuple[list[Document], FileOutcome | None]:
    if not docs:
        return [], rejected(name, "ingest_failed", "文件中没有可识别的正文")
    return docs, None


class _Stages:
    """Seconds per build stage into a caller's dict (or nowhere)."""

    def __init__(self, out: dict[str, float] | None) -> None:
        self.out = out
        self.t = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        if self.out is not None:
            self.out[name] = now - self.t
        self.t = now
