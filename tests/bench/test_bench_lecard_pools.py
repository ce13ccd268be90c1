"""bench.lecard_pools: only the fields we index are kept, stray archive members are ignored, and a
cached subset is read back without the archive."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from bench import lecard_pools


def _archive(root: Path, members: dict[str, object]) -> Path:
    path = root / "data" / "candidates" / "candidates.tar.xz"
    path.parent.mkdir(parents=True)
    with tarfile.open(path, "w:xz") as tf:
        for name, obj in members.items():
            data = json.dumps(obj, ensure_ascii=False).encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


MEMBERS = {
    "candidates/README.json": {"note": "not a candidate"},
    "candidates/5/50.json": {"ajName": "甲案", "qw": "全文", "pjjg": None, "ajjbqk": "事实"},
    "candidates/5/51.json": {"ajName": "乙案", "cpfxgc": "本院认为", "pjjg": "判处"},
    "candidates/6/60.json": {"ajName": "丙案"},
}


def test_every_pool_with_only_the_indexed_fields(tmp_path: Path) -> None:
    _archive(tmp_path, MEMBERS)
    pools = list(lecard_pools.stream_pools(None, tmp_path))
    assert [(qid, [c.cid for c in pool]) for qid, pool in pools] == [("5", ["50", "51"]), ("6", ["60"])]
    first = pools[0][1][0]
    assert dict(first.fields) == {"ajName": "甲案", "ajjbqk": "事实", "cpfxgc": "", "pjjg": ""}  # no qw


def test_a_cached_subset_needs_no_archive_afterwards(tmp_path: Path) -> None:
    archive = _archive(tmp_path, MEMBERS)
    cache = tmp_path / "cache"
    first = lecard_pools.cached_pools(["6", "5"], cache_dir=cache, root=tmp_path)
    archive.unlink()
    again = lecard_pools.cached_pools(["5", "6"], cache_dir=cache, root=tmp_path)  # same set, any order
    assert again == first
    assert again["5"][1].fields["pjjg"] == "判处"
    assert [p.name for p in cache.iterdir()] == [lecard_pools._cache_path(["5", "6"], cache).name]
