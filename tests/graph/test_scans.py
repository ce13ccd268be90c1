"""The per-document scans made elsewhere (worker processes) give the same graph."""

from __future__ import annotations

import pickle

from graph.build import build_graph, scan_documents


def _saved(kg, path):
    kg.save(path)
    return path.read_bytes()


def test_graph_from_pickled_scans_is_identical(seed_docs, seed_kg, tmp_path):
    scans = pickle.loads(pickle.dumps(scan_documents(seed_docs)))  # as they come back from a worker
    assert [s.doc_id for s in scans] == [d.id for d in seed_docs]
    kg = build_graph(seed_docs, scans=scans)
    assert kg.stats() == seed_kg.stats()
    assert _saved(kg, tmp_path / "a.json") == _saved(seed_kg, tmp_path / "b.json")


def test_scans_per_file_equal_scans_of_the_corpus(seed_docs):
    # a worker scans one file's documents (a bulletin with its articles) at a time
    by_file: list[list] = []
    for d in seed_docs:
        if d.parent_id is None:
            by_file.append([])
        by_file[-1].append(d)
    per_file = [s for docs in by_file for s in scan_documents(docs)]
    whole = scan_documents(seed_docs)
    assert per_file == whole
    assert any(s.regions and any(codes for _cid, codes in s.regions) for s in whole)
    assert any(s.acting_org for s in whole)


def test_region_codes_of_the_scans_are_used(seed_docs, seed_kg):
    scans = scan_documents(seed_docs)
    for s in scans:  # as if no clause named a region: the linking must take the scans' word for it
        s.regions = [(cid, []) for cid, _codes in s.regions]
    kg = build_graph(seed_docs, scans=scans)
    assert kg.stats()["edges_by_relation"]["mentions"] < seed_kg.stats()["edges_by_relation"]["mentions"]


def test_consumed_scans_give_the_same_graph_and_are_emptied(seed_docs, seed_kg, tmp_path):
    from graph.scan import MENTION_FIELDS

    scans = pickle.loads(pickle.dumps(scan_documents(seed_docs)))
    assert any(getattr(s, name) for s in scans for name in MENTION_FIELDS)
    acting = [(s.acting_org, s.acting_kind) for s in scans]
    kg = build_graph(seed_docs, scans=scans, consume=True)
    assert _saved(kg, tmp_path / "a.json") == _saved(seed_kg, tmp_path / "b.json")
    assert kg.stats() == seed_kg.stats()
    # spent: every mention list emptied, the acting unit (read by the final passes) kept
    assert not any(getattr(s, name) for s in scans for name in MENTION_FIELDS)
    assert [(s.acting_org, s.acting_kind) for s in scans] == acting


def test_equal_annotation_lists_are_one_object(seed_docs, seed_kg, tmp_path):
    kg = build_graph(seed_docs)
    assert _saved(kg, tmp_path / "a.json") == _saved(seed_kg, tmp_path / "b.json")
    anns = list(kg.annotations.values())
    for name in ("programs", "entities", "region_path"):
        by_value: dict[tuple, int] = {}
        for ann in anns:
            value = getattr(ann, name)
            assert by_value.setdefault(tuple(value), id(value)) == id(value), name
    assert len({id(a.region_path) for a in anns}) < len(anns)  # shared in fact, on this corpus


def test_merges_are_the_same_after_the_merge_sets_are_forgotten():
    from graph.store import KnowledgeGraph
    from policykg.model import Entity

    kg = KnowledgeGraph()
    for eid in ("a", "b"):
        kg.add_entity(Entity(id=eid, name=eid, type="concept", evidence=["c1", "c2"]))
    kg.link("a", "b", "mentions", ["c1"])
    kg.forget_merge_sets()  # what the last pass of a build does
    kg.add_entity(Entity(id="a", name="a", type="concept", evidence=["c2", "c3"]))
    kg.link("a", "b", "mentions", ["c1", "c4"])
    assert kg.entity("a").evidence == ["c1", "c2", "c3"]
    assert kg.add_edge("a", "b", "mentions", []).evidence == ["c1", "c4"]


def test_unpickled_scans_carry_no_instance_dicts(seed_docs):
    from graph.scan import MENTION_FIELDS

    # the graph stage's child reads every scan of the build back from the ingest workers' spill
    # files (service/scanspill.py): an unpickled object of a class without slots gets a dict
    scans = scan_documents(seed_docs)
    back = pickle.loads(pickle.dumps(scans))
    assert back == scans
    mentions = [m for s in back for name in MENTION_FIELDS for m in getattr(s, name)]
    assert mentions and all(
        not hasattr(x, "__dict__") for x in [*back, *mentions] if not isinstance(x, tuple)
    )
    pairs = [m for s in back for _cid, m in s.org_mentions]
    assert all(not hasattr(m, "__dict__") for m in pairs)
