"""Response models of the 图谱 endpoints: entity lookup and detail (/api/entities), the path between two
entities (/api/graph/path) and a document's subgraph.

Separate because they speak of entities and edges of the knowledge graph, not of clauses or documents.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from service.common_schemas import openapi_examples


class EntityBrief(BaseModel):
    model_config = openapi_examples(
        {"id": "program:1335", "name": "1335", "type": "program", "aliases": ["“1335”离退休干部党建工作机制"]}
    )
    id: str
    name: str
    type: str
    aliases: list[str] = []


class EntityList(BaseModel):
    query: str
    results: list[EntityBrief]


class Neighbor(BaseModel):
    relation: str
    direction: str = Field(description="out：本实体指向对方；in：对方指向本实体")
    entity: EntityBrief
    evidence: list[str] = Field(description="抽取依据的条款编号")


class EntityDetail(EntityBrief):
    model_config = openapi_examples(
        {
            "id": "region:210100",
            "name": "沈阳市",
            "type": "region",
            "aliases": ["沈阳"],
            "attributes": {"code": "210100", "level": "city"},
            "evidence": [],
            "neighbors": [
                {
                    "relation": "part_of",
                    "direction": "out",
                    "entity": {
                        "id": "region:210000",
                        "name": "辽宁省",
                        "type": "region",
                        "aliases": ["辽宁"],
                    },
                    "evidence": [],
                }
            ],
        }
    )
    attributes: dict[str, Any] = {}
    evidence: list[str] = []
    neighbors: list[Neighbor]


class EdgeOut(BaseModel):
    source: str
    target: str
    relation: str
    evidence: list[str] = []


class EvidenceClause(BaseModel):
    clause_id: str
    doc_id: str
    text: str


class PathStep(EdgeOut):
    evidence_clauses: list[EvidenceClause] = []


class PathResponse(BaseModel):
    model_config = openapi_examples(
        {
            "source": {"id": "program:1335", "name": "1335", "type": "program", "aliases": []},
            "target": {"id": "region:350000", "name": "福建省", "type": "region", "aliases": []},
            "found": True,
            "length": 3,
            "steps": [
                {
                    "source": "document:004_0247a5a9630a91d5",
                    "target": "program:1335",
                    "relation": "launches",
                    "evidence": ["004_0247a5a9630a91d5:0003"],
                    "evidence_clauses": [],
                }
            ],
            "nodes": [],
        }
    )
    source: EntityBrief
    target: EntityBrief
    found: bool
    length: int
    steps: list[PathStep]
    nodes: list[EntityBrief]
    concept_path: bool = Field(
        default=False,
        description="未找到不经由概念节点的路径，但经由概念节点可连接（用 via_concepts=true 查看）",
    )


class SubgraphResponse(BaseModel):
    doc_id: str
    nodes: list[EntityBrief]
    edges: list[EdgeOut]
