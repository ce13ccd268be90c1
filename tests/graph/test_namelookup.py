"""Name lookup: the folded key of a name, the order of exact and partial matches, ties between
entities of one name, and the index kept current as names and aliases change.

Lookup through a whole graph (aliases, traditional script, substrings) is in test_store.py."""

from __future__ import annotations

from graph.namelookup import NameLookup, name_key
from graph.store import KnowledgeGraph
from policykg.model import Entity


class Host(NameLookup):
    """lookup needs only the entities and the index."""

    def __init__(self, *entities: Entity) -> None:
        self._entities = {e.id: e for e in entities}
        self._index = None


def ent(eid: str, name: str, type: str, aliases: list[str] | None = None, evidence: int = 0) -> Entity:
    return Entity(eid, name, type, list(aliases or []), {}, [f"d:{i:04d}" for i in range(evidence)])


def test_name_key_drops_spaces_and_quotes_and_unifies_middle_dots() -> None:
    assert name_key(" 《枫叶 驿站》 ") == "枫叶驿站"
    assert name_key("「红枫」行动") == name_key("红枫行动")
    assert name_key("支部力量•红枫行动") == name_key("支部力量・红枫行动") == "支部力量·红枫行动"
    assert name_key("“”  ") == ""


def test_exact_name_comes_before_exact_alias_before_partial() -> None:
    host = Host(
        ent("program:a", "银发驿站", "program"),
        ent("program:b", "枫叶驿站", "program", aliases=["驿站"]),
        ent("concept:c", "驿站", "concept"),
    )
    assert [e.id for e in host.lookup("驿站")] == ["concept:c", "program:b", "program:a"]
    assert [e.id for e in host.lookup("驿站", limit=1)] == ["concept:c"]
    assert [e.id for e in host.lookup("驿站", type="program")] == ["program:b", "program:a"]
    assert host.lookup("《 》") == []


def test_ties_go_to_the_preferred_type_then_to_the_better_evidenced() -> None:
    host = Host(
        ent("region:x", "红枫", "region", evidence=9),
        ent("program:x", "红枫", "program", evidence=1),
        ent("program:y", "红枫", "program", evidence=3),
    )
    assert [e.id for e in host.lookup("红枫")] == ["program:y", "program:x", "region:x"]


def test_partial_matches_shorter_names_first() -> None:
    host = Host(
        ent("program:long", "离退休干部党支部红枫行动", "program"),
        ent("program:short", "红枫行动", "program"),
    )
    assert [e.id for e in host.lookup("红枫")] == ["program:short", "program:long"]


def test_the_graph_drops_the_index_when_names_change() -> None:
    kg = KnowledgeGraph()
    kg.add_entity(ent("program:a", "枫叶驿站", "program"))
    kg.add_entity(ent("region:b", "沈阳市", "region"))
    assert kg.lookup("盛京") == []  # builds the index
    kg.add_alias("region:b", "盛京")
    assert [e.id for e in kg.lookup("盛京")] == ["region:b"]
    kg.add_entity(ent("program:c", "盛京驿站", "program"))
    assert [e.id for e in kg.lookup("盛京")] == ["region:b", "program:c"]
    kg.remove_entity("region:b")
    assert [e.id for e in kg.lookup("盛京")] == ["program:c"]
