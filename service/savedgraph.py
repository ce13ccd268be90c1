"""A build's graph written to disk before the index is built, kept in memory as what the rest of
the build still reads: the clause annotations, the segmenter's words and the entity count.

At 200k clauses the graph holds ~415 MB in the building process (entities, edges, evidence,
annotations), and it lived to the end of the build because graph.json was written last. The
index reads only its annotations, the index's segmenter the graph's names, the manifest its
entity count. So `Writer.build` saves graph.json into its spill folder as soon as the graph is
made (the same bytes: the same `save_graph` of the same graph) and keeps a `SavedGraph`; the
graph's other objects go before the index workers start. The generation gets the file by a
hard link (a copy across file systems).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policykg.model import ClauseAnnotation


@dataclass(frozen=True)
class SavedGraph:
    """What a build still needs of its graph once graph.json is written (see the module doc)."""

    path: Path
    # a dict, or the annotations on disk when a child made the graph (policykg.annotationfile)
    annotations: Mapping[str, ClauseAnnotation]
    terms: tuple[str, ...]
    entities: int
    digest_file: Path | None = None  # the annotations' digests, saved by that child

    def dictionary_terms(self) -> list[str]:
        return list(self.terms)

    def place(self, target: Path) -> None:
        """The saved graph.json at `target` (a generation's file)."""
        try:
            os.link(self.path, target)
        except OSError:  # another file system (or no hard links): copy
            shutil.copyfile(self.path, target)


def save_early(backend: Any, graph: Any, folder: Path) -> SavedGraph:
    """Write `graph` (a KnowledgeGraph) as graph.json into `folder` (a build's spill folder,
    removed with the build) and keep only what the rest of the build reads."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "graph.json"
    if path.exists():  # made again (curated meanwhile): the new one replaces it
        path.unlink()
    backend.save_graph(graph, path)
    return SavedGraph(
        path=path,
        annotations=dict(graph.annotations),
        terms=tuple(graph.dictionary_terms()),
        entities=int(graph.stats()["entities"]),
    )
