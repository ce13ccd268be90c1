"""The data dir: atomic pointer swap, pruning, one writer, hard-linked copy-on-write."""

from __future__ import annotations

import threading

import pytest

from policykg.errors import StoreBusy
from service.store import DataStore, NoSnapshot, link_or_copy_tree


def _generation(store: DataStore, payload: str) -> str:
    name, tmp = store.prepare()
    (tmp / "documents.jsonl").write_text(payload, encoding="utf-8")
    store.commit(name, tmp, {"documents": 1})
    return name


def test_empty_store_has_no_snapshot(tmp_path):
    store = DataStore(tmp_path / "data")
    assert store.pointer_state() is None
    assert not store.has_snapshot()
    with pytest.raises(NoSnapshot):
        store.current_path()


def test_commit_swaps_pointer_and_keeps_previous(tmp_path):
    store = DataStore(tmp_path / "data")
    names = [_generation(store, f"gen {i}") for i in range(4)]
    assert store.current_name() == names[-1]
    assert (store.current_path() / "documents.jsonl").read_text(encoding="utf-8") == "gen 3"
    # the live one and the one before it remain; older generations are pruned
    assert store.snapshot_names() == names[-2:]
    manifest = store.read_manifest(store.current_path())
    assert manifest["format"] == 1 and manifest["name"] == names[-1]


def test_pointer_identity_changes_on_swap(tmp_path):
    store = DataStore(tmp_path / "data")
    _generation(store, "a")
    first = store.pointer_state()
    _generation(store, "b")
    second = store.pointer_state()
    assert first != second and first.name != second.name


def test_pointer_to_missing_snapshot_is_no_snapshot(tmp_path):
    store = DataStore(tmp_path / "data")
    store.ensure_dirs()
    store.pointer.write_text("gone\n", encoding="utf-8")
    assert store.pointer_state() is None


def test_crashed_temporary_is_cleaned_and_never_live(tmp_path):
    store = DataStore(tmp_path / "data")
    live = _generation(store, "live")
    _name, tmp = store.prepare()  # a writer that dies before commit
    (tmp / "documents.jsonl").write_text("half", encoding="utf-8")
    assert store.current_name() == live
    assert tmp.name not in store.snapshot_names()
    store.prepare()  # the next writer removes the leftover
    assert not tmp.exists()


def test_write_lock_is_exclusive(tmp_path):
    store = DataStore(tmp_path / "data")
    entered = threading.Event()
    release = threading.Event()

    def holder():
        with store.write_lock():
            entered.set()
            release.wait(5)

    t = threading.Thread(target=holder)
    t.start()
    entered.wait(5)
    try:
        with pytest.raises(StoreBusy), store.write_lock(timeout=0.1):
            pass
    finally:
        release.set()
        t.join()
    with store.write_lock(timeout=1):  # free again
        pass


def test_linked_copy_is_independent_for_replaced_files(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "seg.bin").write_bytes(b"segment")
    (src / "sub" / "x").write_bytes(b"x")
    (src / "MAIN_WRITELOCK").write_bytes(b"")
    dst = tmp_path / "dst"
    link_or_copy_tree(src, dst)
    assert (dst / "seg.bin").read_bytes() == b"segment"
    assert (dst / "sub" / "x").exists()
    assert not (dst / "MAIN_WRITELOCK").exists()
    # replacing (not rewriting) a file in the copy leaves the source alone
    (dst / "seg.new").write_bytes(b"changed")
    (dst / "seg.new").replace(dst / "seg.bin")
    (dst / "sub" / "x").unlink()
    assert (src / "seg.bin").read_bytes() == b"segment"
    assert (src / "sub" / "x").exists()


def test_store_original_is_content_addressed(tmp_path):
    store = DataStore(tmp_path / "data")
    p = store.store_original("ab" * 32, ".TXT", b"hello")
    assert p.name == "ab" * 32 + ".txt" and p.read_bytes() == b"hello"
    weird = store.store_original("cd" * 32, "./../x", b"z")
    assert weird.parent == store.originals_dir and weird.name == "cd" * 32


def test_prune_skips_a_generation_a_reader_holds(tmp_path):
    import os

    from service.store import share_lock

    store = DataStore(tmp_path / "data")
    first = _generation(store, "gen 0")
    fd = share_lock(store.snapshots_dir / first)  # a request still reading it
    try:
        names = [_generation(store, f"gen {i}") for i in range(1, 4)]
        assert store.snapshot_names() == [first, *names[-2:]]
    finally:
        os.close(fd)
    _generation(store, "gen 4")  # released: the next prune removes it
    assert first not in store.snapshot_names()


def test_a_generation_being_pruned_cannot_be_locked(tmp_path):
    import fcntl
    import os

    from service.store import share_lock

    store = DataStore(tmp_path / "data")
    name = _generation(store, "gen")
    fd = os.open(store.snapshots_dir / name, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # what prune holds while deleting
    try:
        with pytest.raises(FileNotFoundError):
            share_lock(store.snapshots_dir / name)
    finally:
        os.close(fd)


def test_superseded_generations_stay_for_the_grace_period(tmp_path):
    store = DataStore(tmp_path / "data", grace_seconds=3600, max_superseded=3)
    names = [_generation(store, f"gen {i}") for i in range(4)]
    assert store.snapshot_names() == names  # all superseded moments ago
    store.grace_seconds = 0
    store.prune()
    assert store.snapshot_names() == names[-2:]


def test_the_grace_period_keeps_at_most_max_superseded_generations(tmp_path):
    """Writes faster than the grace period must not pile generations up (issue 17, D6)."""
    store = DataStore(tmp_path / "data", grace_seconds=3600)
    names = [_generation(store, f"gen {i}") for i in range(8)]
    assert store.snapshot_names() == names[-3:]


def test_temporaries_of_a_killed_writer_are_removed_by_the_next_one(tmp_path):
    store = DataStore(tmp_path / "data")
    _generation(store, "live")
    leftovers = [
        store.originals_dir / (".tmp-" + "ab" * 32 + ".txt.123"),
        store.root / ".tmp-CURRENT.123",
    ]
    for p in leftovers:
        p.write_bytes(b"half")
    kept = store.originals_dir / ("cd" * 32 + ".txt")
    kept.write_bytes(b"whole")
    with store.write_lock():
        store.prepare()
    assert not any(p.exists() for p in leftovers) and kept.exists()
    assert store.current_name() is not None
