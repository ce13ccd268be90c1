"""A generation's documents.jsonl (one JSON line per document), and a build's, written while its
graph is made.

Every write ends by writing documents.jsonl (service/generation.py). A build's documents are final
before its graph stage (curated metadata is applied first), and while the graph stage's child
runs the build process has nothing to do (round 8 of issue 14: a core idle for ~3 s of a 20k
build, ~30 s at 200k). So a build writes documents.jsonl then (`EarlyDocuments`), from the
documents' file the child reads too, one document at a time, and the generation gets that file
by a hard link (a copy across file systems). Documents curated meanwhile make it stale: the
generation writes its own, as any other write does.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from policykg.model import Document

NAME = "documents.jsonl"


def write_documents_file(path: Path, docs: Iterable[Document]) -> None:
    """documents.jsonl of `docs`, in their order."""
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class EarlyDocuments:
    """A build's documents.jsonl written ahead, in its spill folder (see the module doc)."""

    path: Path

    def write(self, docs: Iterable[Document]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        write_documents_file(tmp, docs)
        os.replace(tmp, self.path)  # whole or absent: `ready` never sees half a file

    def ready(self) -> bool:
        return self.path.is_file()

    def place(self, target: Path) -> None:
        """The written file at `target` (a generation's documents.jsonl)."""
        try:
            os.link(self.path, target)
        except OSError:  # another file system (or no hard links): copy
            shutil.copyfile(self.path, target)
