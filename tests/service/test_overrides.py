"""Curation (issue 16, point 6): PATCH /api/documents/{id} stores overrides that every view uses and
that survive `policykg build` and re-ingest; bad values are 400 and change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from svc_fakes import E2E_TOKEN

from policykg.errors import BadQuery
from policykg.gazetteer import default_gazetteer
from policykg.model import Document, RegionRef
from service.overrides import apply_overrides, merged, normalize_date, read_record, restore, validate_changes

REPO = Path(__file__).resolve().parents[2]
AUTH = {"Authorization": f"Bearer {E2E_TOKEN}"}
DOC = "003_78741f0be6bfd9f7"  # the county work plan whose county name is masked
TYPES = ["通知", "实施意见", "工作要点"]


def _doc() -> Document:
    return Document(
        id="d",
        title="旧标题",
        text="",
        search_text="",
        source="d.txt",
        sha256="0",
        issuers=["甲局"],
        date="2020-02-25",
        doc_type="通知",
        region=RegionRef(
            id="region:210000", name="辽宁省", level="province", code="210000", path=("辽宁省",)
        ),
    )


def test_validate_normalizes_and_refuses() -> None:
    gaz = default_gazetteer()
    got = validate_changes(
        {"date": "2021-3-5", "region": "沈阳", "doc_no": "辽老通字［2020］04号", "title": None}, TYPES, gaz
    )
    assert got == {
        "date": "2021-03-05",
        "region": "辽宁省沈阳市",
        "doc_no": "辽老通字〔2020〕4号",
        "title": None,
    }
    assert normalize_date("2021") == "2021"
    for bad in (
        {"date": "2021-02-30"},
        {"date": "明年"},
        {"region": "辽林省"},
        {"doc_type": "小说"},
        {"title": ""},
        {"title": 5},
        {"colour": "red"},
        {},
        [],
    ):
        with pytest.raises(BadQuery):
            validate_changes(bad, TYPES, gaz)
    with pytest.raises(BadQuery) as err:
        validate_changes({"region": "辽林省"}, TYPES, gaz)
    assert "辽宁省" in err.value.message  # suggests close names


def test_apply_restore_roundtrip() -> None:
    gaz = default_gazetteer()
    doc = _doc()
    apply_overrides(doc, {"title": "新标题", "region": "福州市", "issuer": "乙委、丙局"}, gaz)
    assert doc.title == "新标题" and doc.region is not None and doc.region.name == "福州市"
    assert doc.issuers == ["乙委", "丙局"]
    assert doc.extracted["title"] == "旧标题"
    apply_overrides(doc, {"title": "新标题"}, gaz)  # applying again starts from what ingest found
    assert doc.region is not None and doc.region.name == "辽宁省" and doc.issuers == ["甲局"]
    restore(doc)
    assert doc.title == "旧标题" and doc.overrides == {} and doc.extracted == {}
    assert merged({"title": "a", "date": "2020"}, {"title": None, "region": "x"}) == {
        "date": "2020",
        "region": "x",
    }


@pytest.fixture
def client(seed_data_dir: Path, tmp_path: Path):
    from fastapi.testclient import TestClient

    from policykg.settings import Settings
    from service.app import create_app

    data = tmp_path / "data"
    shutil.copytree(seed_data_dir, data, symlinks=True)
    settings = Settings(data_dir=data, corpus_dir=REPO / "corpus", api_token=E2E_TOKEN)
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        c.data_dir = data  # type: ignore[attr-defined]
        c.settings = settings  # type: ignore[attr-defined]
        yield c


def _search_titles(client, **params) -> list[str]:  # type: ignore[no-untyped-def]
    r = client.get("/api/search", params={"q": "离退休干部党建工作要点", "limit": 50, **params})
    assert r.status_code == 200, r.text
    return [h["document"]["title"] for h in r.json()["results"]]


def _check_curated(client, title: str) -> None:  # type: ignore[no-untyped-def]
    detail = client.get(f"/api/documents/{DOC}").json()
    assert detail["title"] == title
    assert detail["overrides"]["title"] == title
    assert detail["region"]["name"] == "丹东市"
    assert detail["date"] == "2023-03-01"
    assert detail["extracted"]["title"] != title
    assert title in detail["citation"]["text"]
    assert all(title in c["citation"]["text"] for c in detail["clauses"])
    # search: the title on the hits, the region filter and facet, the date range
    assert title in _search_titles(client, region="丹东市")
    assert title in _search_titles(client, region="辽宁省")
    assert title not in _search_titles(client, region="福州市")
    facets = client.get("/api/search", params={"q": "离退休干部党建工作要点"}).json()["facets"]
    assert any(v["value"] == "丹东市" for v in facets["region"])
    lib = client.get("/api/documents", params={"region": "丹东市", "q": "更正后", "limit": 100}).json()
    assert [i["doc_id"] for i in lib["items"]] == [DOC]


def test_patch_everywhere_and_kept_through_build_and_reingest(client) -> None:  # type: ignore[no-untyped-def]
    title = "更正后的县离退休干部党建工作要点"
    body = {"title": title, "region": "丹东市", "date": "2023-03-01"}
    assert client.patch(f"/api/documents/{DOC}", json=body).status_code == 401
    r = client.patch(f"/api/documents/{DOC}", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["overrides"] == {"title": title, "date": "2023-03-01", "region": "辽宁省丹东市"}
    _check_curated(client, title)
    live = client.data_dir / "snapshots" / (client.data_dir / "CURRENT").read_text().strip()
    assert read_record(live)[DOC]["title"] == title

    # policykg build from the corpus keeps it
    from service.cli import main

    assert main(["build", "--data-dir", str(client.data_dir), "--corpus", str(REPO / "corpus")]) in (0, None)
    _check_curated(client, title)

    # re-ingest of the same file, changed, keeps it
    src = (REPO / "corpus" / f"{DOC}.txt").read_bytes() + "\n补充一句。\n".encode()
    r = client.post("/api/documents", files={"files": (f"{DOC}.txt", src, "text/plain")}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["files"][0]["status"] == "replaced"
    _check_curated(client, title)

    # null clears: back to what ingest found
    r = client.patch(
        f"/api/documents/{DOC}", json={"title": None, "region": None, "date": None}, headers=AUTH
    )
    assert r.status_code == 200
    assert r.json()["overrides"] == {} and r.json()["title"] != title
    assert title not in _search_titles(client)


@pytest.mark.parametrize(
    "body",
    [
        {"date": "2023-02-30"},
        {"region": "辽林省"},
        {"doc_type": "小说"},
        {"title": "   "},
        {"unknown": "x"},
        {"title": "好", "date": "昨天"},  # one bad value: nothing changes
    ],
)
def test_patch_bad_values_change_nothing(client, body) -> None:  # type: ignore[no-untyped-def]
    before = client.get(f"/api/documents/{DOC}").json()
    snapshot = client.get("/api/health").json()["snapshot"]
    r = client.patch(f"/api/documents/{DOC}", json=body, headers=AUTH)
    assert r.status_code == 400
    assert r.json()["error"]["message"]
    assert client.get(f"/api/documents/{DOC}").json() == before
    assert client.get("/api/health").json()["snapshot"] == snapshot


def test_patch_not_json_unknown_doc(client) -> None:  # type: ignore[no-untyped-def]
    for body in (b"{not json", b"[" * 20000, b"[" * 15000, b"\xff\xfe"):
        r = client.patch(
            f"/api/documents/{DOC}", content=body, headers={**AUTH, "Content-Type": "application/json"}
        )
        assert r.status_code in (400, 413), body[:10]
        assert r.json()["error"]["message"]
    assert client.patch("/api/documents/nope", json={"title": "x"}, headers=AUTH).status_code == 404
    assert "工作要点" in client.get("/api/doc-types").json()["doc_types"]


def test_delete_drops_overrides(client) -> None:  # type: ignore[no-untyped-def]
    assert client.patch(f"/api/documents/{DOC}", json={"title": "临时标题"}, headers=AUTH).status_code == 200
    assert client.delete(f"/api/documents/{DOC}", headers=AUTH).status_code == 200
    assert client.get(f"/api/documents/{DOC}").status_code == 404
    live = client.data_dir / "snapshots" / (client.data_dir / "CURRENT").read_text().strip()
    assert DOC not in read_record(live)


@pytest.mark.parametrize("spilled", [False, True])
def test_build_rescans_curated_documents(spilled: bool, tmp_path: Path) -> None:
    """A parallel build's scans were made before the overrides: the curated documents (with their
    bulletin) are scanned again, so the graph equals one built from the curated documents. The
    same over scans left in the ingest workers' spill files (service/scanspill.py)."""
    from graph.build import build_graph, scan_documents
    from ingest.pipeline import read_bytes
    from service.backend import Backend
    from service.overrides import apply_all
    from service.scanspill import SpilledScans, spill_scans

    docs = []
    for name in ("001_a6bb10912aa23e10.txt", f"{DOC}.txt"):
        docs += read_bytes(name, (REPO / "corpus" / name).read_bytes(), max_bytes=50 * 1024 * 1024)
    scans: Any = {s.doc_id: s for s in scan_documents(docs)}
    if spilled:
        ref = spill_scans(str(tmp_path), list(scans.values()))
        scans = SpilledScans(dict.fromkeys(scans, ref))
    record = {
        "001_a6bb10912aa23e10~07": {"region": "福州市", "issuer": "某某委员会"},
        DOC: {"region": "丹东市"},
    }
    changed = apply_all(docs, record, default_gazetteer())
    assert sorted(changed) == sorted(record)
    stale = build_graph(docs, scans=[scans[d.id] for d in docs]).to_dict()
    fresh = Backend().rescan(docs, changed, scans)
    assert isinstance(fresh, SpilledScans) == spilled
    assert build_graph(docs, scans=[fresh[d.id] for d in docs]).to_dict() == build_graph(docs).to_dict()
    assert stale != build_graph(docs).to_dict()  # the old scans would have missed the corrections
