"""The graph file: the saved form of a knowledge graph (graph.json), written atomically and read
back only when its format version is the one this program writes.

Separate from ``graph.store`` because persistence has concerns of its own — the file's format
version and its error, streaming a large graph item by item (``policykg.jsonstream``), an atomic
replace that never leaves a half-written or temporary file behind — that building and reading the
graph in memory never meet. ``GraphFile`` is a mixin of ``graph.store.KnowledgeGraph``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Self

import networkx as nx

from policykg.errors import PolicyKGError
from policykg.jsonstream import dump_object
from policykg.model import ClauseAnnotation, Entity, Fact

FORMAT_VERSION = 1


class GraphFormatError(PolicyKGError):
    code = "graph_format"
    status = 500


class GraphFile:
    """Saving and loading of KnowledgeGraph (needs its ``_g``, ``_entities``, ``annotations``,
    ``_facts``, ``edges()`` and ``all_facts()``, and a constructor without arguments)."""

    _g: nx.MultiDiGraph
    _entities: dict[str, Entity]
    annotations: dict[str, ClauseAnnotation]
    _facts: dict[str, list[Fact]]

    def _fields(self) -> list[tuple[str, Any]]:
        """The saved object's fields in order, each list as a lazy iterator (save streams them)."""
        return [
            ("format", FORMAT_VERSION),
            ("entities", (e.to_dict() for e in self._entities.values())),
            ("edges", (e.to_dict() for e in self.edges())),
            ("annotations", (a.to_dict() for a in self.annotations.values())),
            ("facts", (f.to_dict() for f in self.all_facts())),
        ]

    def to_dict(self) -> dict[str, Any]:
        return {k: v if k == "format" else list(v) for k, v in self._fields()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        version = data.get("format")
        if version != FORMAT_VERSION:
            raise GraphFormatError(
                f"图谱文件格式版本为 {version}，本程序需要 {FORMAT_VERSION}，请重新构建（policykg build）。"
            )
        kg = cls()
        for raw in data.get("entities") or []:
            e = Entity.from_dict(raw)
            kg._entities[e.id] = e
            kg._g.add_node(e.id)
        for raw in data.get("edges") or []:
            kg._g.add_edge(raw["source"], raw["target"], key=raw["relation"], evidence=list(raw["evidence"]))
        for raw in data.get("annotations") or []:
            ann = ClauseAnnotation.from_dict(raw)
            kg.annotations[ann.clause_id] = ann
        for raw in data.get("facts") or []:
            f = Fact.from_dict(raw)
            kg._facts.setdefault(f.clause_id, []).append(f)
        return kg

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write atomically: a temp file in the same directory, fsync, os.replace, fsync the dir."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                dump_object(self._fields(), fh)  # item by item: never the whole graph as one string
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Self:
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except json.JSONDecodeError as exc:
            raise GraphFormatError(f"图谱文件已损坏，无法读取：{exc}") from exc
        if not isinstance(data, dict):
            raise GraphFormatError("图谱文件格式不正确。")
        return cls.from_dict(data)
