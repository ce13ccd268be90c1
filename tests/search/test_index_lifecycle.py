"""Index lifecycle: new directory builds, version checks, incremental updates, hard-linked copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from search_fixtures import corpus, make_doc

from policykg.errors import IndexVersionMismatch, StoreBusy
from search.backends.whoosh.index import META_FILE, VERSION_FILE
from search.backends.whoosh.schema import FORMAT_VERSION
from search.index import ClauseIndex
from search.results import SearchRequest

TERMS = ("红枫行动", "本色家园", "枫叶驿站")


def ids(ix: ClauseIndex, q: str, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.clause_id for h in ix.search(SearchRequest(q=q, limit=100, **kw)).results]


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    docs, anns = corpus()
    ClauseIndex.create(tmp_path / "index", docs, anns, TERMS).close()
    return tmp_path / "index"


def test_create_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("x")
    with pytest.raises(FileExistsError):
        ClauseIndex.create(tmp_path / "x", [])


def test_open_reads_the_dictionary_back(built: Path) -> None:
    ix = ClauseIndex.open(built)
    assert ix.extra_terms == tuple(sorted(TERMS))
    assert (built / VERSION_FILE).read_text().strip() == str(FORMAT_VERSION)
    assert ids(ix, '"红枫行动"')[:2] and ix.clause_count == 13


def test_version_mismatch_tells_the_user_to_rebuild(built: Path) -> None:
    (built / VERSION_FILE).write_text("0\n")
    with pytest.raises(IndexVersionMismatch) as err:
        ClauseIndex.open(built)
    assert "policykg build" in err.value.message and "版本" in err.value.message


def test_missing_version_is_an_unfinished_build(built: Path) -> None:
    (built / VERSION_FILE).unlink()
    with pytest.raises(IndexVersionMismatch) as err:
        ClauseIndex.open(built)
    assert "policykg build" in err.value.message


def test_changed_dictionary_needs_a_rebuild(built: Path) -> None:
    meta = (built / META_FILE).read_text()
    (built / META_FILE).write_text(meta.replace('"dictionary": "', '"dictionary": "x'))
    with pytest.raises(IndexVersionMismatch) as err:
        ClauseIndex.open(built)
    assert "词典" in err.value.message


def test_incremental_add_replace_delete(built: Path) -> None:
    ix = ClauseIndex.open(built)
    assert ids(ix, "楼栋长") == ["zx:0001"]
    added = ix.add_documents([make_doc("new", "新文件", ["推动离退休干部担任楼栋长。", "组建银发人才库。"])])
    assert added == 2
    assert set(ids(ix, "楼栋长")) == {"zx:0001", "new:0001"}
    # replacing a document replaces all its clauses (fewer now)
    ix.add_documents([make_doc("new", "新文件", ["组建银发人才库，发挥老专家作用。"])])
    assert ids(ix, "楼栋长") == ["zx:0001"]
    assert ids(ix, "银发人才") == ["new:0001"]
    assert ix.delete_documents(["new", "zx"]) >= 2
    assert ids(ix, "楼栋长") == [] and ids(ix, "银发人才") == []
    assert "zx" not in ix.document_ids()
    # facets and totals follow the deletions
    page = ix.search(SearchRequest(q="离退休干部", region="丹东市"))
    assert page.total == 0 and page.facets["region"] == []
    # and a fresh open sees the same state
    assert ids(ClauseIndex.open(built), "楼栋长") == []


def _hardlink_copy(src: Path, dst: Path) -> None:
    if shutil.which("cp"):
        subprocess.run(["cp", "-al", str(src), str(dst)], check=True)
    else:  # pragma: no cover
        dst.mkdir()
        for f in src.iterdir():
            os.link(f, dst / f.name)


def test_hardlinked_copy_can_be_updated_without_touching_the_original(built: Path, tmp_path: Path) -> None:
    before = {f.name: (f.stat().st_ino, f.read_bytes()) for f in built.iterdir()}
    copy = tmp_path / "snapshot"
    _hardlink_copy(built, copy)
    assert all((copy / n).stat().st_ino == ino for n, (ino, _b) in before.items())  # really linked

    ix = ClauseIndex.open(copy)
    ix.add_documents([make_doc("new", "新文件", ["推动离退休干部担任楼栋长。"])])
    ix.delete_documents(["sy"])
    assert set(ids(ix, "楼栋长")) == {"zx:0001", "new:0001"}
    assert not any(c.startswith("sy:") for c in ids(ix, "红枫行动"))

    # the original directory: same files, same bytes, same answers
    after = {f.name: (f.stat().st_ino, f.read_bytes()) for f in built.iterdir()}
    assert after == before
    orig = ClauseIndex.open(built)
    assert ids(orig, "楼栋长") == ["zx:0001"]
    assert "sy:0001" in ids(orig, "红枫行动")


def test_hardlinked_copy_gets_its_own_writer_lock(built: Path, tmp_path: Path) -> None:
    lock_name = "MAIN_WRITELOCK"
    ClauseIndex.open(built).add_documents([make_doc("a", "a", ["离退休干部。"])])  # creates the lock file
    assert (built / lock_name).exists()
    copy = tmp_path / "snapshot"
    _hardlink_copy(built, copy)
    held = ClauseIndex.open(built)._ix.lock("WRITELOCK")
    assert held.acquire()  # a writer busy on the live index …
    try:
        ix = ClauseIndex.open(copy, writer_timeout=0.2)  # … does not block the snapshot's writer
        assert ix.add_documents([make_doc("b", "b", ["离退休干部。"])]) == 1
        assert (copy / lock_name).stat().st_ino != (built / lock_name).stat().st_ino
    finally:
        held.release()


def test_readers_keep_serving_during_writes(built: Path) -> None:
    ix = ClauseIndex.open(built)
    initial = ix.search(SearchRequest(q="离退休干部党支部", limit=5)).total
    errors: list[BaseException] = []
    stop = threading.Event()
    totals: list[int] = []

    def reader() -> None:
        try:
            while not stop.is_set():
                totals.append(ix.search(SearchRequest(q="离退休干部党支部", limit=5)).total)
        except BaseException as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for i in range(4):
            ix.add_documents([make_doc(f"w{i}", "写入", ["离退休干部党支部开展活动。"])])
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors
    assert totals and all(initial <= t <= initial + 4 for t in totals)
    assert ix.search(SearchRequest(q="离退休干部党支部", limit=5)).total == initial + 4


def test_one_writer_at_a_time_across_processes(built: Path) -> None:
    ix = ClauseIndex.open(built, writer_timeout=0.2)
    other = ClauseIndex.open(built)
    lock = other._ix.lock("WRITELOCK")  # what another process's writer holds
    assert lock.acquire()
    try:
        with pytest.raises(StoreBusy):
            ix.add_documents([make_doc("x", "x", ["离退休干部。"])])
    finally:
        lock.release()
    assert ix.add_documents([make_doc("x", "x", ["离退休干部。"])]) == 1


def test_large_builds_spill_to_whoosh_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import search.backends.whoosh.writing as whoosh_writing

    monkeypatch.setattr(whoosh_writing, "POOL_MAX_ITEMS", 50)
    docs, anns = corpus()
    ix = ClauseIndex.create(tmp_path / "i", docs, anns, TERMS)
    assert set(ids(ix, '"红枫行动"')) >= {"ln:0001", "sy:0001"}
    ix.add_documents([make_doc("new", "新文件", ["推动离退休干部担任楼栋长。"])])
    assert set(ids(ix, "楼栋长")) == {"zx:0001", "new:0001"}
