"""LiveSnapshot: which generation a process serves reads from as the CURRENT pointer moves, and how
a generation its own write preloaded is taken over instead of loaded again."""

from __future__ import annotations

from pathlib import Path

import pytest
from svc_fakes import FakeBackend, write_corpus

from policykg.settings import Settings
from service.engine import Engine, Upload
from service.livesnapshot import LiveSnapshot
from service.store import DataStore, NoSnapshot


@pytest.fixture
def writer(tmp_path: Path) -> Engine:
    """Another process's engine over the same data dir: its writes move CURRENT."""
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=write_corpus(tmp_path / "corpus"))
    eng = Engine(settings, FakeBackend(), preload_writes=False)
    eng.build()
    return eng


@pytest.fixture
def live(writer: Engine) -> LiveSnapshot:
    return LiveSnapshot(DataStore(writer.settings.resolved_data_dir()), FakeBackend())


def _write(writer: Engine, name: str) -> None:
    writer.ingest([Upload(f"{name}.txt", f"{name}\n地区：辽宁省\n内容{name}。\n".encode())], atomic=True)


def test_no_generation_yet_is_no_snapshot(tmp_path: Path) -> None:
    live = LiveSnapshot(DataStore(tmp_path / "empty"), FakeBackend())
    with pytest.raises(NoSnapshot):
        live.current()


def test_the_same_snapshot_until_the_pointer_moves(writer: Engine, live: LiveSnapshot) -> None:
    first = live.current()
    assert live.current() is first and len(first.documents) == 3
    _write(writer, "new")
    again = live.current()
    assert again is not first and len(again.documents) == 4
    assert again.name == live.store.current_name()


def test_a_preloaded_generation_is_served_once_installed(writer: Engine, live: LiveSnapshot) -> None:
    old = live.current()
    _write(writer, "new")
    pre = live.preload(live.store.current_path())
    assert live.prepared is pre and live.snap is old  # opened, not yet served
    live.install(pre)
    assert live.snap is pre and live.prepared is None
    assert pre.state == live.store.pointer_state()
    assert live.current() is pre  # no second load


def test_a_read_adopts_the_preloaded_generation(writer: Engine, live: LiveSnapshot) -> None:
    live.current()
    _write(writer, "new")
    pre = live.preload(live.store.current_path())
    assert live.current() is pre and live.prepared is None
    live.install(pre)  # the writer's install afterwards changes nothing
    assert live.snap is pre


def test_an_install_after_another_swap_leaves_the_newer_generation_to_the_next_read(
    writer: Engine, live: LiveSnapshot
) -> None:
    live.current()
    _write(writer, "second")
    pre = live.preload(live.store.current_path())
    _write(writer, "third")  # another process swapped again before the install
    live.install(pre)
    assert live.snap is not pre and live.prepared is None
    assert live.current().name == live.store.current_name() != pre.name


def test_forget_makes_the_next_read_open_the_pointer_again(live: LiveSnapshot) -> None:
    first = live.current()
    live.forget(first)
    assert live.snap is None
    again = live.current()
    assert again is not first and again.name == first.name


def test_writing_serves_the_new_generation_and_drops_a_stale_preload(
    writer: Engine, live: LiveSnapshot
) -> None:
    live.current()
    _write(writer, "second")
    stale = live.preload(live.store.current_path())
    with live.writing():
        _write(writer, "third")  # the swap names another generation than the preloaded one
    assert live.prepared is None
    assert live.snap is not None and live.snap is not stale
    assert live.snap.name == live.store.current_name()
