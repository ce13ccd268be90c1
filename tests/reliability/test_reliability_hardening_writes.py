"""Round-two red-team cases against the write path (issue 17): id collisions (D4, D8), a
document's graph reaching into other documents (D11), a full disk (D9), originals kept after
a delete (D10) and the kept generations (D6)."""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, TOKEN, auth, make_client

pytestmark = pytest.mark.e2e

B = "001_a6bb10912aa23e10"  # the seed corpus's bulletin
_CJK = re.compile(r"[\u4e00-\u9fff]")
TEXT = "关于加强离退休干部党支部建设的通知\n\n一、福州市各党支部每月开展一次主题党日活动。\n"


def _upload(client, *files: tuple[str, bytes]):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/documents", headers=auth(), files=[("files", (n, d, "text/plain")) for n, d in files]
    )


def _live_ids(data: Path) -> list[str]:
    name = (data / "CURRENT").read_text(encoding="utf-8").strip()
    lines = (data / "snapshots" / name / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["id"] for line in lines]


@pytest.fixture
def client(data_dir: Path):  # type: ignore[no-untyped-def]
    with make_client(data_dir, api_token=TOKEN) as c:
        yield c


# -- D4: a file named like a bulletin article ----------------------------------------------------


def test_d4_a_file_named_like_an_article_neither_replaces_it_nor_dies_with_the_bulletin(
    client, data_dir: Path
) -> None:
    before = client.get(f"/api/documents/{B}").json()
    children = [p["doc_id"] for p in before["parts"]]
    assert children, before.keys()
    resp = _upload(client, (f"{B}-01.txt", TEXT.encode()))
    assert resp.status_code == 201, resp.text
    assert resp.json()["files"][0]["status"] == "added"
    for child in children:  # every article of the bulletin is still there
        assert client.get(f"/api/documents/{child}").status_code == 200, child
    assert client.delete(f"/api/documents/{B}", headers=auth()).status_code == 200
    standalone = client.get(f"/api/documents/{B}-01")
    assert standalone.status_code == 200, "deleting the bulletin deleted an unrelated document"
    ids = _live_ids(data_dir)
    assert len(ids) == len(set(ids))


def test_d4_a_bulletin_after_a_standalone_file_keeps_both(client, data_dir: Path) -> None:
    bulletin = (REPO / "corpus" / f"{B}.txt").read_bytes() + "\n附：本期共印。\n".encode()
    assert _upload(client, ("zz-01.txt", TEXT.encode())).status_code == 201
    resp = _upload(client, ("zz.txt", bulletin))
    assert resp.status_code == 201, resp.text
    assert len(resp.json()["files"][0]["doc_ids"]) > 2  # parent and articles
    doc = client.get("/api/documents/zz-01").json()
    assert doc["source"] == "zz-01.txt"
    ids = _live_ids(data_dir)
    assert len(ids) == len(set(ids)), "the live documents.jsonl holds an id twice"


def test_d4_a_legacy_article_id_is_a_clash_not_a_replacement() -> None:
    """Data built before the separator changed has articles named "{bulletin}-01": a file with
    that name is refused, not allowed to replace the article."""
    from policykg.model import Document
    from service.ingestplan import IngestPlan
    from service.values import Upload

    parent = Document(id="p", title="简报", text="x", search_text="x", source="p.txt", sha256="a")
    parent.children = ["p-01"]
    child = Document(id="p-01", title="文章", text="y", search_text="y", source="p.txt", sha256="a")
    child.parent_id = "p"
    plan = IngestPlan([parent, child])
    new = Document(id="p-01", title="新", text="z", search_text="z", source="p-01.txt", sha256="b")
    refused = plan.clash(Upload("p-01.txt", b"z"), [new])
    assert refused is not None and refused.code == "duplicate_id" and _CJK.search(refused.message or "")


# -- D8: several files of one upload with one id ------------------------------------------------


@pytest.mark.parametrize(
    "names", [("a/x.txt", "../x.txt", "x.txt"), ("x.txt", "x.md")], ids=["paths", "extensions"]
)
def test_d8_one_upload_with_two_files_of_one_id_is_refused(client, data_dir: Path, names) -> None:
    before = (data_dir / "CURRENT").read_text(encoding="utf-8")
    resp = _upload(client, *[(n, (TEXT + f"\n二、第{i}份。\n").encode()) for i, n in enumerate(names)])
    assert resp.status_code == 409, resp.text
    err = resp.json()["error"]
    assert err["code"] == "duplicate_id" and _CJK.search(err["message"]) and "x" in err["message"]
    assert (data_dir / "CURRENT").read_text(encoding="utf-8") == before  # nothing changed


# -- D11: a document's graph ---------------------------------------------------------------------


def test_d11_a_documents_graph_stays_within_it_and_its_articles(client) -> None:
    assert _upload(client, ("rpt.txt", TEXT.encode())).status_code == 201
    other = TEXT.replace("福州市", "枣庄市").replace("通知", "意见")
    assert _upload(client, ("rpt-2.txt", other.encode())).status_code == 201
    sub = client.get("/api/documents/rpt/graph").json()
    evidence = [c for e in sub["edges"] for c in e["evidence"]]
    assert evidence
    assert all(c.startswith(("rpt:", "rpt~")) for c in evidence), [c for c in evidence if "rpt-2" in c]
    assert "document:rpt-2" not in {n["id"] for n in sub["nodes"]}


# -- D9: a full disk -----------------------------------------------------------------------------


def _disk_full(*_a, **_k):  # type: ignore[no-untyped-def]
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def inprocess_client(data_dir: Path):  # type: ignore[no-untyped-def]
    """A client whose writes run in this process (a patched writer must be the one that runs)."""
    with make_client(data_dir, api_token=TOKEN, write_process=False) as c:
        yield c


@pytest.mark.parametrize("where", ["save_graph", "store_original", "commit"])
def test_d9_a_full_disk_is_a_507_for_uploads_and_deletes(
    inprocess_client, data_dir: Path, monkeypatch, where
) -> None:
    """The disk fills at one of the writer's steps (a patched writer: the tmpfs form runs in
    bench/hostile.py): every write answers 507 with a Chinese message; nothing changes."""
    from service.backend import Backend
    from service.store import DataStore

    client = inprocess_client
    target = Backend if where == "save_graph" else DataStore
    monkeypatch.setattr(target, where, _disk_full)
    before = (data_dir / "CURRENT").read_text(encoding="utf-8")
    responses = [
        _upload(client, ("full.txt", TEXT.encode())),
        client.delete(f"/api/documents/{B}", headers=auth()),
    ]
    for resp in responses:
        if where == "store_original" and resp.request.method == "DELETE":
            assert resp.status_code == 200  # a delete stores no original
            continue
        assert resp.status_code == 507, (where, resp.status_code, resp.text[:200])
        err = resp.json()["error"]
        assert err["code"] == "insufficient_storage" and "磁盘空间不足" in err["message"]
    if where != "store_original":
        assert (data_dir / "CURRENT").read_text(encoding="utf-8") == before
    assert client.get("/api/search", params={"q": "党支部"}).status_code == 200


# -- D10: originals of deleted documents -----------------------------------------------------


def test_d10_delete_removes_the_original_bytes(client, data_dir: Path) -> None:
    import hashlib

    data = (TEXT + "\n三、仅此一份。\n").encode()
    sha = hashlib.sha256(data).hexdigest()
    assert _upload(client, ("once.txt", data)).status_code == 201
    assert list((data_dir / "originals").glob(f"{sha}*"))
    assert client.delete("/api/documents/once", headers=auth()).status_code == 200
    assert not list((data_dir / "originals").glob(f"{sha}*")), "the deleted document's bytes stayed"
    # the originals of the documents still live are all kept
    live = {json.loads(line)["sha256"] for line in _live_docs_lines(data_dir)}
    kept = {p.name.split(".", 1)[0] for p in (data_dir / "originals").iterdir()}
    assert live <= kept


def _live_docs_lines(data: Path) -> list[str]:
    name = (data / "CURRENT").read_text(encoding="utf-8").strip()
    return (data / "snapshots" / name / "documents.jsonl").read_text(encoding="utf-8").splitlines()


# -- D6: kept generations --------------------------------------------------------------------


def _tree_bytes(root: Path) -> int:
    seen: dict[tuple[int, int], int] = {}
    for p in root.rglob("*"):
        if p.is_file():
            st = p.lstat()
            seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


def test_d6_kept_generations_stay_bounded_under_a_write_burst(data_dir: Path) -> None:
    """The attack: writes faster than the 300 s grace (665 writes left 666 generations). Here 16
    upload/delete cycles with the default grace; the long form (600 writes) is bench/writeburst."""
    with make_client(data_dir, api_token=TOKEN, snapshot_grace_seconds=300.0) as client:
        for i in range(8):
            assert _upload(client, ("cycle.txt", (TEXT + f"第{i}版。").encode())).status_code == 201
            assert client.delete("/api/documents/cycle", headers=auth()).status_code == 200
    snapshots = [p for p in (data_dir / "snapshots").iterdir() if not p.name.startswith(".")]
    assert len(snapshots) <= 3, len(snapshots)
    live = data_dir / "snapshots" / (data_dir / "CURRENT").read_text(encoding="utf-8").strip()
    assert _tree_bytes(data_dir) <= 3 * _tree_bytes(live)
