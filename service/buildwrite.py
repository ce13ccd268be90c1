"""A build: every file of a corpus folder into a complete new generation.

`CorpusBuild` is the part of `Writer` (service/writes.py) that runs a build's stages: ingest
(the files read in the backend's worker pool, their texts and the graph's scans left in the
build's spill folder), the graph (service/graphstage.py), then under the data dir's write lock
the index and the documents (service/generation.py) and the swap. Its memory at library scale
is issue 14's: see bench/REPORT.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from policykg.docspill import TextSpill
from policykg.errors import IngestError, NotFound
from policykg.gazetteer import default_gazetteer
from policykg.model import Document
from policykg.settings import Settings
from service import overrides as overrides_mod
from service.allocator import trim_heap
from service.backend import Backend
from service.corpusfiles import CorpusOriginals
from service.docsfile import NAME as DOCUMENTS_NAME
from service.docsfile import EarlyDocuments
from service.generation import Stages
from service.graphstage import graph_stage
from service.repository.protocol import Change, DocumentRepository
from service.savedgraph import save_early
from service.spilldir import new_spill_dir
from service.store import DataStore
from service.values import FileOutcome, WriteReport
from service.views import extracted_summary
from service.writeguards import disk_full_is_507, id_clash


class CorpusBuild:
    """`Writer.build` (see the module doc)."""

    settings: Settings
    backend: Backend
    store: DataStore
    repository: DocumentRepository

    def lock_timeout(self) -> float:  # Writer's (service/writes.py: a setting of the module)
        raise NotImplementedError

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
        stage = Stages(timings)
        paths = self.backend.corpus_files(corpus)
        items = self._scan_paths(paths, corpus, held=False)  # one per path
        uploads = [item for item in items if not isinstance(item, FileOutcome)]
        parsed_all, scans = self._parse_unique(uploads, spill)
        parsed_of = iter(parsed_all)
        outcomes: list[FileOutcome] = []
        docs: dict[str, Document] = {}
        added: list[tuple[Path, str, str]] = []  # (path, name, its first document's id)
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
            added.append((Path(path), item.name, head.id))
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
        doc_list = list(docs.values())
        # the list is the one reference to the documents: the graph stage lets them go while
        # its child runs (service/graphstage.py)
        del items, uploads, docs, parsed, head, d
        trim_heap()  # their pages, before the graph (service/allocator.py)
        stage.done("ingest_s")
        # Curated metadata survives a rebuild (service/overrides.py): applied before the graph.
        record = overrides_mod.read_record(self._live_path())
        changed = overrides_mod.apply_all(doc_list, record, default_gazetteer())
        if changed and scans:  # the workers scanned them as ingest read them: scan those again
            scans = self.backend.rescan(doc_list, changed, scans)
        del parsed_all, parsed_of
        # graph.json now, and of the graph only what the index and the manifest read
        # (service/savedgraph.py), made in a child process when it can be (service/graphstage.py);
        # this process writes documents.jsonl meanwhile (service/docsfile.py)
        early = EarlyDocuments(Path(spill.folder) / DOCUMENTS_NAME)
        saved = graph_stage(
            self.backend, doc_list, scans, Path(spill.folder), lambda light: early.write(spill.whole(light))
        )
        del scans  # the graph keeps what it needs of them: their mentions go before the index
        # the files' bytes are not kept to the commit: the originals store reads them again
        by_id = {d.id: d for d in doc_list}
        originals = CorpusOriginals(
            [(path, name, by_id[doc_id]) for path, name, doc_id in added], self.settings.max_ingest_bytes
        )
        del by_id
        stage.done("graph_s")
        with disk_full_is_507(), self.repository.writing(self.lock_timeout()) as head:
            latest = overrides_mod.record_of(head.documents)
            if latest != record:  # curated meanwhile (or elsewhere): apply those, and make the graph again
                overrides_mod.apply_all(doc_list, latest, default_gazetteer())
                saved = save_early(self.backend, self.backend.build_graph(doc_list), Path(spill.folder))
                early.path.unlink(missing_ok=True)  # written before: the generation writes its own
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
            written = early if early.ready() else None
            committed = head.commit(change, graph=saved, stage=stage, documents_file=written)
        name, manifest = self.repository.visible(committed)
        return self.report(
            outcomes, changed=True, name=name, manifest=manifest, generation=committed.generation
        )
