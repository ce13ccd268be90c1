"""Region names people type: customary forms, former names and 全国 resolve in search, compare,
entities and the CLI; an unknown name is a 400 that suggests the closest known names."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from svc_fakes import FakeBackend, write_corpus

from policykg.errors import BadQuery
from policykg.settings import Settings
from service import cli
from service.app import create_app
from service.engine import Engine, SearchParams

# Fixtures written for these tests: a national document, one of an autonomous prefecture, one of a
# district that was a county-level city until 2014, one of 新疆生产建设兵团 (a division outside the NBS
# tree), besides the three of the shared fake corpus.
EXTRA = {
    "national.txt": """关于进一步做好离退休干部党建工作的若干意见
地区：全国
文种：意见
单位：中共中央组织部
离退休干部党支部要组织党员参加组织生活，党员人数3人以上的应当单独建立党支部。
""",
    "honghe.txt": """红河州离退休干部党支部建设经验
地区：云南省/红河哈尼族彝族自治州
文种：经验交流
离退休干部党支部每月组织党员参加组织生活，开展“银发先锋”志愿服务。
""",
    "fuyang.txt": """富阳区离退休干部党建工作方案
地区：浙江省/杭州市/富阳区
文种：方案
推动离退休干部党员参加组织生活，到社区报到。
""",
    "bingtuan.txt": """兵团老干部工作经验交流
地区：新疆维吾尔自治区/新疆生产建设兵团
兵团党委老干部局组织各师离退休干部党员参加组织生活，开展银发志愿服务。
""",
}


def _corpus(folder: Path) -> Path:
    write_corpus(folder)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=_corpus(tmp_path / "corpus"))
    eng = Engine(settings, FakeBackend())
    eng.build()
    return eng


def doc_ids(data: dict) -> set[str]:
    return {r["doc_id"] for r in data["results"]}


@pytest.mark.parametrize("name", ["全国", "中央", "全国范围"])
def test_national_filter_finds_national_documents_only(engine: Engine, name: str) -> None:
    data = engine.search(SearchParams(q="组织生活", region=name))
    assert doc_ids(data) == {"national"}  # not every document: the provinces are not its children


@pytest.mark.parametrize(
    ("typed", "doc"),
    [
        ("红河州", "honghe"),  # customary form of 红河哈尼族彝族自治州, by rule
        ("红河哈尼族彝族自治州", "honghe"),
        ("红河", "honghe"),  # short name
        ("富阳市", "fuyang"),  # before 2014 (县级市 → 区)
        ("富阳区", "fuyang"),
        ("兵团", "bingtuan"),  # a division outside the NBS tree (extra_divisions.tsv) and its short name
        ("新疆生产建设兵团", "bingtuan"),
        ("新疆", "bingtuan"),  # it nests under its parent: a filter on 新疆 finds it too
    ],
)
def test_typed_names_filter_search(engine: Engine, typed: str, doc: str) -> None:
    assert doc_ids(engine.search(SearchParams(q="组织生活 社区报到", region=typed))) == {doc}


def test_typed_names_compare(engine: Engine) -> None:
    data = engine.compare("组织生活", ["红河州", "全国", "富阳市"])
    names = [c["region"]["name"] for c in data["columns"]]
    assert names == ["红河哈尼族彝族自治州", "全国", "富阳区"]
    by_name = {c["region"]["name"]: {i["doc_id"] for i in c["items"]} for c in data["columns"]}
    assert by_name["全国"] == {"national"}
    assert by_name["红河哈尼族彝族自治州"] == {"honghe"}


def test_typed_name_of_a_region_without_documents_is_an_empty_column(engine: Engine) -> None:
    data = engine.compare("组织生活", ["湘西州"])
    [col] = data["columns"]
    assert col["region"]["name"] == "湘西土家族苗族自治州" and col["items"] == []


def test_unknown_region_suggests_closest_names(engine: Engine) -> None:
    with pytest.raises(BadQuery) as info:
        engine.search(SearchParams(q="党建", region="红河洲"))
    message = str(info.value)
    assert message.startswith("未知地区：红河洲") and "您是不是要找" in message and "红河州" in message
    with pytest.raises(BadQuery, match="沈阳市"):
        engine.compare("党建", ["沈杨市"])


def test_unknown_region_without_anything_close(engine: Engine) -> None:
    with pytest.raises(BadQuery, match="请输入省、市、县"):
        engine.search(SearchParams(q="党建", region="xyz"))


def test_entities_find_regions_by_typed_names(engine: Engine) -> None:
    for typed in ("红河州", "红河"):
        found = engine.entities(typed, type="region")["results"]
        assert found and found[0]["name"] == "红河哈尼族彝族自治州", typed
    assert engine.entities("富阳市")["results"][0]["name"] == "富阳区"


def test_api_400_carries_the_suggestions(engine: Engine) -> None:
    client = TestClient(create_app(engine.settings, engine=engine), raise_server_exceptions=False)
    resp = client.get("/api/search", params={"q": "党建", "region": "湘西自治州"})
    assert resp.status_code == 400
    assert "湘西州" in resp.json()["error"]["message"]
    resp = client.get("/api/compare", params={"topic": "党建", "regions": "红河州,全国"})
    assert resp.status_code == 200, resp.text


def test_cli_region_option(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "make_engine", lambda settings: Engine(settings, FakeBackend()))
    monkeypatch.setenv("COLUMNS", "200")
    data = str(tmp_path / "data")
    assert cli.main(["build", "--corpus", str(_corpus(tmp_path / "corpus")), "--data-dir", data]) == 0
    capsys.readouterr()
    assert cli.main(["search", "组织生活", "--region", "红河州", "--json", "--data-dir", data]) == 0
    assert '"honghe"' in capsys.readouterr().out
    assert cli.main(["search", "党建", "--region", "红河洲", "--data-dir", data]) == 1
    assert "您是不是要找" in capsys.readouterr().err


def _doc(doc_id: str, region, text: str):
    from policykg.model import Clause, Document

    clause = Clause(
        id=f"{doc_id}:0001",
        doc_id=doc_id,
        ordinal=1,
        text=text,
        search_text=text,
        start=0,
        end=len(text),
        level=1,
    )
    return Document(
        id=doc_id, title=doc_id, text=text, search_text=text, source=f"{doc_id}.txt", sha256=doc_id,
        region=region, clauses=[clause],
    )  # fmt: skip


def test_real_index_national_filter(tmp_path: Path) -> None:
    """The index's own region filter: 全国 (and what it is looked up as, 中央) is the national scope's
    documents, neither every document nor none; a province still finds its cities."""
    pytest.importorskip("whoosh")
    from policykg.gazetteer import Gazetteer
    from search.index import ClauseIndex
    from search.results import SearchRequest

    gz = Gazetteer.default()
    text = "离退休干部党支部组织党员参加组织生活。"
    docs = [
        _doc("nat", gz.ref(gz.national()), text),
        _doc("shenyang", gz.ref(gz.get("210100")), text),  # type: ignore[arg-type]
        _doc("honghe", gz.ref(gz.get("532500")), text),  # type: ignore[arg-type]
    ]
    index = ClauseIndex.create(tmp_path / "ix", docs)
    try:
        found = {
            region: {h.doc_id for h in index.search(SearchRequest(q="组织生活", region=region)).results}
            for region in ("全国", "中央", "region:000000", "辽宁省", "红河州", None)
        }
    finally:
        index.close()
    assert found["全国"] == found["中央"] == found["region:000000"] == {"nat"}
    assert found["辽宁省"] == {"shenyang"}
    assert found["红河州"] == {"honghe"}
    assert found[None] == {"nat", "shenyang", "honghe"}
