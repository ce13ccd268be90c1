"""LeCaRD's candidate pools: each query's candidates streamed straight from the tar.xz (never
unpacked to disk), only the fields we index, and a gzip JSON cache of a small query subset's pools
under bench/out/ so the smoke run does not decompress the whole archive every time.

Apart from the small data files (bench.lecard_data) because this is the one slow, large read of
the benchmark, with its own archive layout and cache.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import tarfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.lecard_data import LECARD_DIR, Candidate

OUT_DIR = Path(__file__).resolve().parent / "out"

# Fields of a candidate we index; qw (the full text) repeats them and is left out.
CANDIDATE_FIELDS = ("ajName", "ajjbqk", "cpfxgc", "pjjg")


def _candidate(cid: str, raw: Mapping[str, Any]) -> Candidate:
    return Candidate(cid, {f: str(raw.get(f) or "") for f in CANDIDATE_FIELDS})


def stream_pools(
    qids: Iterable[str] | None = None, root: Path = LECARD_DIR
) -> Iterator[tuple[str, list[Candidate]]]:
    """Yield (qid, pool) in archive order, one query folder at a time (members are grouped by
    folder), decoding only members of the wanted queries. Stops once all wanted pools are out."""
    wanted = set(qids) if qids is not None else None
    path = root / "data" / "candidates" / "candidates.tar.xz"
    current: str | None = None
    pool: list[Candidate] = []
    with tarfile.open(path, "r:xz") as tf:
        for member in tf:
            if not member.isfile():
                continue
            parts = member.name.split("/")
            if len(parts) != 3:
                continue
            qid, cid = parts[1], parts[2].removesuffix(".json")
            if qid != current:
                if current is not None and pool:
                    yield current, pool
                    if wanted is not None:
                        wanted.discard(current)
                        if not wanted:
                            return
                current, pool = qid, []
            if wanted is not None and qid not in wanted:
                continue
            fh = tf.extractfile(member)
            if fh is not None:
                pool.append(_candidate(cid, json.loads(fh.read())))
        if current is not None and pool:
            yield current, pool


def _cache_path(qids: Sequence[str], cache_dir: Path) -> Path:
    key = hashlib.sha1(",".join(sorted(qids)).encode()).hexdigest()[:12]
    return cache_dir / f"lecard-pools-{len(qids)}-{key}.json.gz"


def cached_pools(
    qids: Sequence[str], cache_dir: Path = OUT_DIR, root: Path = LECARD_DIR
) -> dict[str, list[Candidate]]:
    """Pools of a (small) query subset, from a gzip JSON cache written on first use."""
    path = _cache_path(qids, cache_dir)
    if path.exists():
        raw = json.loads(gzip.decompress(path.read_bytes()))
        return {qid: [Candidate(c["cid"], c["fields"]) for c in pool] for qid, pool in raw.items()}
    pools = dict(stream_pools(qids, root))
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    payload = {qid: [{"cid": c.cid, "fields": dict(c.fields)} for c in pool] for qid, pool in pools.items()}
    tmp.write_bytes(gzip.compress(json.dumps(payload, ensure_ascii=False).encode(), compresslevel=6))
    tmp.replace(path)
    return pools
