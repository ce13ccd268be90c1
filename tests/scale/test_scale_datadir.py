"""The data dir behind the repository seam (the embedded default): generations are numbered in
the snapshot manifest, writes report the generation they committed, /api/health shows the store.
No PostgreSQL here: these run wherever the service runs."""

from __future__ import annotations

from pathlib import Path

from scaleharness import REPO

from policykg.settings import Settings
from service.engine import Engine, Upload
from service.repository.datadir import DataDirRepository

TEXT = "关于开展银发红帆活动的通知\n\n一、各地要组织离退休干部党员开展银发红帆活动。\n".encode()


def test_generations_count_the_writes_and_writes_report_theirs(tmp_path: Path) -> None:
    engine = Engine(Settings(data_dir=tmp_path / "data", corpus_dir=REPO / "corpus", build_workers=1))
    try:
        assert isinstance(engine.writer.repository, DataDirRepository)
        assert engine.writer.repository.generation() == 0
        assert engine.build().generation == 1
        added = engine.ingest([Upload("hongfan.txt", TEXT)], atomic=True)
        assert (added.changed, added.generation) == (True, 2)
        same = engine.ingest([Upload("hongfan.txt", TEXT)], atomic=True)
        assert (same.changed, same.generation) == (False, 2)  # nothing committed: the live one
        gone = engine.delete("hongfan")
        assert gone.generation == 3
        health = engine.health()
        assert health["generation"] == 3 == engine.writer.repository.generation()
        assert health["store"] == "datadir"
        assert health["store_connected"] is True
        assert health["lag"] == {"generations": 0, "seconds": 0.0}
        assert engine.replica is None
    finally:
        engine.close()


def test_a_snapshot_from_before_generations_counts_as_zero(tmp_path: Path) -> None:
    """Data dirs written by earlier versions have no `generation` in their manifest."""
    from service.repository.datadir import manifest_generation

    assert manifest_generation({}) == 0
    assert manifest_generation({"generation": "7"}) == 7
    assert manifest_generation({"generation": "x"}) == 0
    assert manifest_generation({"generation": -3}) == 0
