"""A generation reached by incremental writes answers exactly like a from-scratch build of it.

Replicas apply the record's changes incrementally (service/replica.py), and a replica that
bootstrapped at generation N must answer byte for byte like one that followed every change: so
the in-place index update (service/generation.py) may keep nothing of its history that a reader can
see — no deleted clause in N, document frequencies or average field lengths, no annotation of a
clause whose graph links changed, no tie broken by insertion order.

A seeded random sequence of adds, replacements (same file name: same id, other text), metadata
patches and deletes goes through the embedded write path (incremental over the live
generation); then the final documents are built from scratch (same order, same segmenter
words) into another data dir, and search / precedents / compare answers are compared as JSON.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from svc_fakes import E2E_TOKEN

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]

# Words shared with the seed library (so the uploads move its statistics) and program names: the
# seed's, and new ones that are programs only while a notice launching them (“…” quoted) is in
# the library — so one write changes the annotations of clauses in documents it did not touch.
TOPICS = ["社区报到", "党支部设置", "组织生活", "志愿服务", "理论学习", "关心关爱"]
PROGRAMS = ["支部力量·红枫行动", "红枫行动", "同心圆工程", "银发先锋行动", "夕阳红帆计划"]
REGIONS = ["福州市", "枣庄市", "沈阳市", "辽宁省", "大连市"]
QUERIES = [
    "/api/search?q=社区报到&limit=30",
    "/api/search?q=党员人数达到多少可以单独建立支部&limit=30",
    "/api/search?q=红枫行动&limit=30",
    "/api/search?q=同心圆工程 银发先锋行动&limit=30",
    "/api/search?q=活动&program=同心圆工程&limit=30",
    "/api/search?q=党支部&program=夕阳红帆计划&limit=30",
    "/api/search?q=离退休干部党支部组织生活&limit=30&sort=date",
    "/api/search?q=志愿服务&limit=30&region=辽宁省",
    "/api/search?q=理论学习 关心关爱&limit=30&strong_first=true",
    "/api/precedents?q=组织离退休党员到社区报到",
    "/api/precedents?q=开展志愿服务活动",
    "/api/compare?topic=党支部设置&regions=福州市,枣庄市",
    "/api/compare?topic=社区报到&regions=辽宁省,沈阳市",
]


def notice(rng: random.Random, name: str, version: int) -> bytes:
    """A small notice on random topics: every version of one name differs in text and length."""
    region = rng.choice(REGIONS)
    program = rng.choice(PROGRAMS)
    lines = [f"{region}关于开展{rng.choice(TOPICS)}工作的通知（第{version}稿）", ""]
    for i in range(rng.randint(2, 6)):
        topic = rng.choice(TOPICS)
        named = f"“{program}”" if rng.random() < 0.4 else rng.choice(PROGRAMS)  # launched, or only named
        lines.append(
            f"{'一二三四五六七'[i]}、各离退休干部党支部要围绕{named}开展{topic}活动，"
            f"党员人数{rng.randint(3, 60)}人以上的支部每{rng.choice(['月', '季度', '年'])}至少"
            f"{rng.randint(1, 4)}次{rng.choice(TOPICS)}。"
        )
    lines.append(f"{region}委老干部局")
    lines.append(f"20{rng.randint(15, 23)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    return "\n".join(lines).encode("utf-8")


def _client(data: Path) -> Any:
    from fastapi.testclient import TestClient

    from policykg.settings import Settings
    from service.app import create_app

    settings = Settings(data_dir=data, corpus_dir=REPO / "corpus", api_token=E2E_TOKEN)
    return TestClient(create_app(settings), raise_server_exceptions=False)


def _answers(data: Path) -> dict[str, str]:
    out = {}
    with _client(data) as client:
        for path in QUERIES:
            response = client.get(path)
            assert response.status_code == 200, (path, response.text)
            out[path] = response.text
    return out


def _apply_random_writes(engine: Any, seed: int, steps: int) -> list[str]:
    """Adds, replacements, patches and deletes through the engine's write path; what was done."""
    from service.values import Upload

    rng = random.Random(seed)
    uploaded: dict[str, int] = {}  # file name → versions written
    done: list[str] = []
    for step in range(steps):
        live = sorted(engine.snapshot().documents)
        kind = rng.choice(["add", "add", "replace", "replace", "patch", "delete"])
        if kind == "replace" and uploaded:
            name = rng.choice(sorted(uploaded))
        elif kind in ("add", "replace"):
            name = f"notice_{seed}_{step}.txt"
        if kind in ("add", "replace"):
            uploaded[name] = uploaded.get(name, 0) + 1
            report = engine.ingest([Upload(name, notice(rng, name, uploaded[name]))], atomic=True)
            assert report.changed, report
            done.append(f"{kind} {name}")
        elif kind == "patch":
            target = rng.choice(live)
            change = rng.choice(
                [{"doc_type": "意见"}, {"region": rng.choice(REGIONS)}, {"title": "更正后的标题"}]
            )
            engine.patch(target, change)
            done.append(f"patch {target} {change}")
        else:
            target = rng.choice([d for d in live if "_" in d] or live)
            engine.delete(target)
            uploaded = {n: v for n, v in uploaded.items() if Path(n).stem != target}
            done.append(f"delete {target}")
    return done


def _from_scratch(source: Path, target: Path) -> None:
    """The live generation of `source` built again from nothing: its documents in its order,
    indexed with its index's segmenter words (fixed at the library's build)."""
    from policykg.settings import Settings
    from search.backends.whoosh.index import ClauseIndex
    from service.engine import Engine
    from service.repository.protocol import Change
    from service.snapshot import read_documents
    from service.store import DataStore

    live = DataStore(source).current_path()
    docs = read_documents(live / "documents.jsonl")
    with ClauseIndex.open(live / "index") as index:
        terms = list(index.extra_terms)
    engine = Engine(Settings(data_dir=target, corpus_dir=REPO / "corpus"))
    try:
        with engine.store.write_lock(60):
            change = Change(kind="build", documents=docs, index_add=docs, full=True, index_terms=terms)
            engine.writer.materialize(change, None)
    finally:
        engine.close()


@pytest.mark.parametrize("seed", [11, 29])
def test_incremental_writes_answer_like_a_build_from_scratch(
    seed_data_dir: Path, tmp_path: Path, seed: int
) -> None:
    from policykg.settings import Settings
    from service.engine import Engine

    followed = tmp_path / "followed"
    shutil.copytree(seed_data_dir, followed, symlinks=True)
    engine = Engine(Settings(data_dir=followed, corpus_dir=REPO / "corpus"))
    try:
        done = _apply_random_writes(engine, seed, steps=9)
    finally:
        engine.close()
    scratch = tmp_path / "scratch"
    _from_scratch(followed, scratch)
    got, want = _answers(followed), _answers(scratch)
    for path in QUERIES:
        assert got[path] == want[path], (path, done)


def _program_hits(engine: Any, program: str) -> set[str]:
    from search.results import SearchRequest

    snap = engine.snapshot()
    page = snap.index.search(SearchRequest(q="活动", program=[program], limit=50))
    return {hit.doc_id for hit in page.results}


def test_a_write_that_links_another_documents_clauses_reindexes_them(
    seed_data_dir: Path, tmp_path: Path
) -> None:
    """A notice only naming 同心圆工程 is annotated with the program once another notice launches
    it (“同心圆工程”), and loses it when that notice is deleted: in place, without being written."""
    from policykg.settings import Settings
    from service.engine import Engine
    from service.values import Upload

    data = tmp_path / "data"
    shutil.copytree(seed_data_dir, data, symlinks=True)
    engine = Engine(Settings(data_dir=data, corpus_dir=REPO / "corpus"))
    named = "枣庄市关于组织生活的通知\n\n一、各支部学习同心圆工程经验，开展组织生活活动。\n二、每月一次。\n枣庄市委老干部局\n2020年3月1日"
    launch = "福州市关于开展“同心圆工程”的通知\n\n一、各离退休干部党支部要开展“同心圆工程”创建活动。\n二、每季度至少一次。\n福州市委老干部局\n2019年3月1日"
    try:
        engine.ingest([Upload("named.txt", named.encode())], atomic=True)
        assert "named" not in _program_hits(engine, "同心圆工程")
        engine.ingest([Upload("launch.txt", launch.encode())], atomic=True)
        assert _program_hits(engine, "同心圆工程") == {"named", "launch"}
        engine.delete("launch")
        assert _program_hits(engine, "同心圆工程") == set()
    finally:
        engine.close()


def test_a_generation_without_annotation_digests_is_rebuilt_not_updated(
    seed_data_dir: Path, tmp_path: Path
) -> None:
    """A generation written before the digests existed cannot tell which annotations changed:
    the next write builds its index from scratch (and writes the digests for the one after)."""
    from policykg.settings import Settings
    from service.annotationdigest import DIGEST_FILE
    from service.engine import Engine
    from service.values import Upload

    data = tmp_path / "data"
    shutil.copytree(seed_data_dir, data, symlinks=True)
    engine = Engine(Settings(data_dir=data, corpus_dir=REPO / "corpus"))
    try:
        live = engine.store.current_path()
        (live / DIGEST_FILE).unlink()
        before = {p.name for p in (live / "index").iterdir() if p.name.startswith("MAIN_")}
        engine.ingest([Upload("old.txt", notice(random.Random(3), "old.txt", 1))], atomic=True)
        now = engine.store.current_path()
        assert now != live and (now / DIGEST_FILE).is_file()
        # a from-scratch index shares no segment file with the generation before it
        assert before and not before & {p.name for p in (now / "index").iterdir()}
    finally:
        engine.close()
