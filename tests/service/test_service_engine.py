"""Engine lifecycle over fake ingest/graph/search: build, ingest, replace, delete, reload, failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from svc_fakes import CORPUS, FakeBackend, write_corpus

from policykg.errors import BadQuery, IngestError, NotFound
from policykg.settings import Settings
from service.engine import Engine, IngestRejected, SearchParams, Upload


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=write_corpus(tmp_path / "corpus"))


@pytest.fixture
def engine(settings: Settings) -> Engine:
    eng = Engine(settings, FakeBackend())
    eng.build()
    return eng


def doc_text(title: str, body: str, region: str = "山东省/枣庄市") -> bytes:
    return f"{title}\n地区：{region}\n文种：通知\n{body}\n".encode()


def test_build_reports_every_file_and_goes_live(settings):
    eng = Engine(settings, FakeBackend())
    assert not eng.has_snapshot()
    report = eng.build()
    assert report.changed and report.documents == 3 and report.clauses == 5
    assert sorted(o.status for o in report.outcomes) == ["added"] * 3
    assert eng.health()["documents"] == 3
    assert eng.store.originals_dir.is_dir() and len(list(eng.store.originals_dir.iterdir())) == 3


def test_build_skips_bad_files_but_fails_when_nothing_is_readable(settings, tmp_path):
    (settings.corpus_dir / "broken.txt").write_bytes(b"\xff\xfe\xfa")
    eng = Engine(settings, FakeBackend())
    report = eng.build()
    assert [o.file for o in report.failed] == ["broken.txt"]
    assert report.documents == 3
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "bad.txt").write_bytes(b"")
    with pytest.raises(IngestError):
        eng.build(empty)
    assert eng.health()["documents"] == 3  # the failed build changed nothing


def test_ingest_add_unchanged_replace(engine):
    new = Upload(
        "zaozhuang.txt", doc_text("枣庄市通知", "党员人数达到3人以上的，可单独建立离退休干部党支部。")
    )
    r1 = engine.ingest([new], atomic=True)
    assert r1.changed and r1.outcomes[0].status == "added" and r1.documents == 4
    assert r1.outcomes[0].documents[0]["clause_count"] == 1
    assert "entities" in r1.outcomes[0].documents[0]
    r2 = engine.ingest([new], atomic=True)
    assert not r2.changed and r2.outcomes[0].status == "unchanged"
    changed = Upload(
        "zaozhuang.txt", doc_text("枣庄市通知（修订）", "党员人数达到3人以上的，可单独建立党支部。\n另一条。")
    )
    r3 = engine.ingest([changed], atomic=True)
    assert r3.outcomes[0].status == "replaced" and r3.documents == 4
    doc = engine.document("zaozhuang")
    assert doc["title"] == "枣庄市通知（修订）" and doc["clause_count"] == 2
    hits = engine.search(SearchParams(q="单独建立党支部"))["results"]
    assert [h["doc_id"] for h in hits].count("zaozhuang") == 1  # the old version left the index


def test_incremental_ingest_updates_a_linked_copy(engine):
    live_before = engine.store.current_path()
    index_file = live_before / "index" / "clauses.json"
    before = index_file.read_text(encoding="utf-8")
    engine.backend.calls.clear()
    engine.ingest([Upload("new.txt", doc_text("新文件", "新的条款内容。"))], atomic=True)
    assert "update_index" in engine.backend.calls and "create_index" not in engine.backend.calls
    assert index_file.read_text(encoding="utf-8") == before  # previous generation untouched
    assert engine.store.current_path() != live_before


def test_atomic_ingest_with_one_bad_file_changes_nothing(engine):
    before = engine.store.current_name()
    good = Upload("ok.txt", doc_text("好文件", "内容。"))
    bad = Upload("bad.pdf", b"%PDF-1.4 nothing")
    with pytest.raises(IngestRejected) as info:
        engine.ingest([good, bad], atomic=True)
    assert info.value.status == 415 and info.value.details[0]["file"] == "bad.pdf"
    assert engine.store.current_name() == before


def test_non_atomic_ingest_keeps_good_files(engine):
    good = Upload("ok.txt", doc_text("好文件", "内容。"))
    bad = Upload("bad.txt", b"")
    report = engine.ingest([good, bad], atomic=False)
    assert {o.file: o.status for o in report.outcomes} == {"ok.txt": "added", "bad.txt": "rejected"}
    assert report.failed[0].code == "empty_document"


def test_failure_mid_write_leaves_live_snapshot(engine):
    before = engine.store.current_name()
    engine.backend.fail_graph = True
    with pytest.raises(RuntimeError):
        engine.ingest([Upload("x.txt", doc_text("X", "内容。"))], atomic=True)
    assert engine.store.current_name() == before
    assert not [p for p in engine.store.snapshots_dir.iterdir() if p.name.startswith(".tmp")]
    engine.backend.fail_graph = False
    assert engine.health()["documents"] == 3


def test_delete_and_not_found(engine):
    report = engine.delete("dandong")
    assert report.documents == 2 and report.outcomes[0].doc_ids == ["dandong"]
    with pytest.raises(NotFound):
        engine.document("dandong")
    with pytest.raises(NotFound):
        engine.delete("dandong")


def test_reader_reopens_after_another_writer_swaps(settings, engine):
    reader = Engine(settings, FakeBackend())
    assert reader.health()["documents"] == 3
    snap = reader.snapshot()
    assert reader.snapshot() is snap  # unchanged pointer: same object, no reload
    engine.ingest([Upload("other.txt", doc_text("别的文件", "内容。"))], atomic=True)
    assert reader.health()["documents"] == 4
    assert reader.snapshot() is not snap


def test_query_validation(engine):
    for bad in ("", "   "):
        with pytest.raises(BadQuery):
            engine.search(SearchParams(q=bad))
    with pytest.raises(BadQuery):
        engine.search(SearchParams(q="党" * (engine.settings.max_query_chars + 1)))
    for limit in (0, -1, engine.settings.max_page_size + 1):
        with pytest.raises(BadQuery):
            engine.search(SearchParams(q="党建", limit=limit))
    with pytest.raises(BadQuery):
        engine.search(SearchParams(q="党建", offset=-1))
    with pytest.raises(BadQuery):
        engine.search(SearchParams(q="党建", year_from=2022, year_to=2020))
    with pytest.raises(BadQuery):
        engine.search(SearchParams(q="党建", region="火星市"))


def test_search_results_carry_clause_and_document(engine):
    data = engine.search(SearchParams(q="社区报到", region="辽宁省"))
    assert data["total"] >= 2
    r = data["results"][0]
    assert set(r) >= {"clause_id", "doc_id", "text", "highlight", "path", "score", "document"}
    assert r["document"]["region"]["name"] in ("辽宁省", "振兴区")
    assert all(x["document"]["doc_id"] != "fuzhou" for x in data["results"])  # hierarchical filter


def test_precedents_group_by_acting_region(engine):
    data = engine.precedents("到社区报到", 10)
    regions = [g["region"]["name"] for g in data["groups"]]
    assert "振兴区" in regions and "辽宁省" in regions
    first = data["groups"][0]["items"][0]
    # the reported practice (已有53名…) outranks the requirement (各地各单位要…)
    assert first["doc_id"] == "dandong"
    assert first["practice"] == "《离退休干部党员社区报到反馈表》"  # the named thing closest to the question
    assert first["organization"]["name"] == "中共丹东市振兴区委组织部"


def test_compare_columns_and_summary(engine):
    data = engine.compare("党支部设置", ["福州市", "辽宁省"])
    cols = {c["region"]["name"]: c for c in data["columns"]}
    assert list(cols) == ["福州市", "辽宁省"]
    assert cols["福州市"]["summary"].startswith("5人以上")
    assert cols["福州市"]["items"][0]["facts"][0]["value"] == 5
    empty = engine.compare("经费保障", ["丹东市"])["columns"][0]
    assert empty["items"] == [] and empty["note"]
    with pytest.raises(BadQuery):
        engine.compare("党建", ["不存在的地区"])
    # short names resolve
    assert engine.compare("党建", ["福州"])["columns"][0]["region"]["name"] == "福州市"


def test_compare_without_regions_lists_regions_on_topic(engine):
    data = engine.compare("社区报到")
    assert {"辽宁省", "振兴区"} <= set(data["regions"])


def test_entities_exact_first_and_detail(engine):
    res = engine.entities("辽宁省", None, 10)["results"]
    assert res[0]["id"] == "region:辽宁省"
    detail = engine.entity("region:丹东市")
    rels = {(n["relation"], n["direction"], n["entity"]["name"]) for n in detail["neighbors"]}
    assert ("part_of", "out", "辽宁省") in rels and ("part_of", "in", "振兴区") in rels
    with pytest.raises(NotFound):
        engine.entity("region:nowhere")


def test_document_detail_and_graph(engine):
    doc = engine.document("fuzhou")
    assert doc["clause_count"] == 2 and doc["clauses"][1]["facts"][0]["text"].endswith("5人以上的")
    assert doc["outline"] and doc["parts"] == []
    g = engine.document_graph("fuzhou")
    assert any(n["id"] == "program:1335" for n in g["nodes"])
    path = engine.graph_path("document:fuzhou", "1335")
    assert path["found"] and path["steps"][0]["relation"] == "implements"
    assert path["steps"][0]["evidence_clauses"][0]["doc_id"] == "fuzhou"


def test_corpus_fixture_matches(settings):
    assert sorted(p.name for p in settings.corpus_dir.iterdir()) == sorted(CORPUS)


def test_clause_tree_nests_by_heading_path():
    from policykg.model import Clause
    from service.engine import clause_tree

    def c(i, path, heading=None, text="正文"):
        return Clause(
            id=f"d:{i:04d}", doc_id="d", ordinal=i, text=text, search_text=text, path=path, heading=heading
        )

    clauses = [
        c(1, []),
        c(2, ["一、总体要求"]),
        c(3, ["二、主要内容", "（一）打造“枫林逸景”"], heading="（一）打造“枫林逸景”"),
        c(4, ["二、主要内容", "（一）打造“枫林逸景”"]),
        c(5, ["二、主要内容", "（二）创建“枫叶驿站”"], heading="（二）创建“枫叶驿站”"),
    ]
    tree = clause_tree(clauses)
    assert [n["clause_id"] for n in tree] == ["d:0001", None, None]
    assert tree[1]["heading"] == "一、总体要求" and tree[1]["children"][0]["clause_id"] == "d:0002"
    part = tree[2]
    assert [n["clause_id"] for n in part["children"]] == ["d:0003", "d:0005"]
    assert part["children"][0]["children"][0]["clause_id"] == "d:0004"


def test_region_resolution_short_names_and_gazetteer(engine):
    snap = engine.snapshot()
    assert snap.resolve_region("丹东市").path == ("辽宁省", "丹东市")
    hits = engine.search(SearchParams(q="社区报到", region="辽宁"))["results"]
    assert hits and all(h["doc_id"] in ("liaoning", "dandong") for h in hits)
    beijing = engine.compare("党支部设置", ["北京市"])["columns"][0]  # real, but no documents
    assert beijing["region"]["name"] == "北京市" and beijing["items"] == [] and beijing["note"]


def test_reads_stay_consistent_while_another_engine_writes(settings, engine):
    """A reader in its own Engine (as another worker would be) sees 3 or 4 documents, whole."""
    import threading

    reader = Engine(settings, FakeBackend())
    errors: list[BaseException] = []
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                n = reader.health()["documents"]
                hits = reader.search(SearchParams(q="轮换文件内容", limit=10))["results"]
                seen.add(n)
                # a document is either fully visible (its one clause found) or not at all
                assert len([h for h in hits if h["doc_id"] == "rotating"]) <= 1
            except BaseException as exc:  # collected, asserted below
                errors.append(exc)
                return

    t = threading.Thread(target=read)
    t.start()
    try:
        for i in range(6):
            engine.ingest(
                [Upload("rotating.txt", doc_text(f"轮换{i}", f"轮换文件内容第{i}版。"))], atomic=True
            )
            engine.delete("rotating")
    finally:
        stop.set()
        t.join(10)
    assert not errors, errors
    assert seen <= {3, 4}


def test_a_write_opens_its_generation_before_the_swap_and_serves_it_right_after(engine, monkeypatch):
    seen: list[tuple[str, str | None]] = []
    real = engine.live.preload

    def spy(path):  # type: ignore[no-untyped-def]
        seen.append((path.name, engine.store.current_name()))
        return real(path)

    monkeypatch.setattr(engine.writer, "preload", spy)
    report = engine.ingest(
        [Upload("zz.txt", doc_text("枣庄市通知", "离退休干部党支部每月开展一次主题党日。"))], atomic=True
    )
    [(new_name, live_then)] = seen
    assert live_then != new_name  # opened while readers still had the previous generation
    assert report.snapshot == new_name
    assert (
        engine.live.snap is not None and engine.live.snap.state == engine.store.pointer_state()
    )  # served at once


def test_an_engine_without_preload_writes_loads_the_generation_on_its_first_read(settings):
    """The CLI's engine (it exits after its write): the build never opens the generation it
    wrote — that would hold a second copy of the documents and graph at the build's peak."""
    from service import cli

    engine = cli.make_engine(settings)
    assert engine.writer.preload is None and engine.writer.install is None
    engine = Engine(settings, FakeBackend(), preload_writes=False)
    report = engine.build()
    assert engine.live.snap is None and engine.live.prepared is None  # nothing opened
    page = engine.search(SearchParams(q="党支部"))  # the first read loads it
    assert engine.live.snap is not None and engine.live.snap.name == report.snapshot
    assert page["total"] > 0
