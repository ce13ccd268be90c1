"""service/scanspill.py: the ingest workers' scans on disk, read back equal; scans made again here
take precedence; a pool build's graph from spilled scans is the serial build's."""

from __future__ import annotations

from pathlib import Path

from ingest import parallel
from service.scanspill import SpilledScans, read_scans, spill_scans


def _scan(doc_id: str, n: int):  # type: ignore[no-untyped-def]
    from graph.scan import DocScan

    return DocScan(
        doc_id=doc_id, acting_org=f"单位{n}", actors=[(f"{doc_id}:0001", "organization", f"单位{n}")]
    )


def test_records_come_back_equal_and_in_place(tmp_path: Path) -> None:
    folder = str(tmp_path)
    a = [_scan("a", 1), _scan("a-1", 2)]
    b = [_scan("b", 3)]
    ra, rb = spill_scans(folder, a), spill_scans(folder, b)
    assert ra.path == rb.path and rb.offset > ra.offset  # one file per process, appended
    assert read_scans(ra) == a and read_scans(rb) == b
    scans = SpilledScans({"a": ra, "a-1": ra, "b": rb})
    assert scans["a-1"] == a[1] and scans["b"] == b[0]
    assert "b" in scans and "c" not in scans and len(scans) == 3
    assert scans.load() == {"a": a[0], "a-1": a[1], "b": b[0]}


def test_scans_made_again_win_over_the_spilled_ones(tmp_path: Path) -> None:
    ref = spill_scans(str(tmp_path), [_scan("a", 1), _scan("b", 2)])
    scans = SpilledScans({"a": ref, "b": ref})
    again = scans.replaced({"b": _scan("b", 9)})
    assert again["b"].acting_org == "单位9" and scans["b"].acting_org == "单位2"
    assert sorted(again) == ["a", "b"] and len(again) == 2
    assert again.load() == {"a": _scan("a", 1), "b": _scan("b", 9)}


def test_a_pool_build_makes_its_graph_from_the_spilled_scans(tmp_path, small_corpus, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from policykg.settings import Settings
    from service.backend import Backend
    from service.engine import Engine

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr("service.graphstage.start_method", lambda: "spawn")  # the graph made here
    seen: list[object] = []
    real = Backend.build_graph_scanned

    def spy(self, docs, scans):  # type: ignore[no-untyped-def]
        seen.append(scans)
        return real(self, docs, scans)

    monkeypatch.setattr(Backend, "build_graph_scanned", spy)
    pool = Engine(Settings(data_dir=tmp_path / "p", corpus_dir=small_corpus, build_workers=2)).build(
        small_corpus
    )
    serial = Engine(Settings(data_dir=tmp_path / "s", corpus_dir=small_corpus, build_workers=1)).build(
        small_corpus
    )
    assert len(seen) == 1 and isinstance(seen[0], SpilledScans)
    assert (pool.documents, pool.clauses, pool.entities) == (
        serial.documents,
        serial.clauses,
        serial.entities,
    )
    for name in ("graph.json", "documents.jsonl"):
        assert _read(tmp_path / "p", name) == _read(tmp_path / "s", name)


def _read(data: Path, name: str) -> bytes:
    return (data / "snapshots" / (data / "CURRENT").read_text().strip() / name).read_bytes()
