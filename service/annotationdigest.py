"""Which documents an in-place index update must re-index because the graph changed around them.

The index stores each clause's graph annotation (programs, acting unit, region; see
search/backends/whoosh/schema.py `clause_records`), and graph linking runs over the whole library:
an upload can name a program another document launches, or merge a short name with its full
form, and so change the annotations of clauses in documents the write did not touch. An index
updated in place must re-index those documents too, or it keeps annotations from its history and
answers unlike a from-scratch build of the same generation (replicas bootstrapped at different
times would disagree).

Each generation keeps a digest of every clause's annotation next to its index; the next write
compares them with its new graph's. Digests cover the whole annotation, not only the fields
today's index reads: a few more documents re-indexed, never one missed if the index starts
reading another field.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from policykg.model import ClauseAnnotation, Document

DIGEST_FILE = "annotations.digest.json"


def annotation_digests(annotations: Mapping[str, ClauseAnnotation]) -> dict[str, str]:
    """clause id → a short digest of its annotation."""
    out = {}
    for cid, ann in annotations.items():
        raw = json.dumps(ann.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8")
        out[cid] = hashlib.blake2b(raw, digest_size=10).hexdigest()
    return out


def save_digests(directory: Path, digests: Mapping[str, str]) -> None:
    """Into a generation being prepared (its own new file: never one linked from the base)."""
    path = directory / DIGEST_FILE
    tmp = directory / f".{DIGEST_FILE}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(dict(sorted(digests.items())), fh, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, path)


def place_digests(directory: Path, source: Path) -> None:
    """A digest file `save_digests` wrote elsewhere (a build's graph stage), copied into a
    generation being prepared."""
    tmp = directory / f".{DIGEST_FILE}.tmp"
    shutil.copyfile(source, tmp)
    os.replace(tmp, directory / DIGEST_FILE)


def load_digests(directory: Path) -> dict[str, str] | None:
    """The digests a generation was written with; None for a generation written before them
    (its index cannot be updated in place: the writer builds it again)."""
    try:
        with open(directory / DIGEST_FILE, encoding="utf-8") as fh:
            data = json.load(fh)
    except (FileNotFoundError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def restale_documents(
    old: Mapping[str, str], new: Mapping[str, str], docs: Iterable[Document], skip: Iterable[str]
) -> list[Document]:
    """The documents (in `docs` order, except the `skip` ids: re-indexed anyway) holding a clause
    whose annotation differs between the two generations, or appeared or vanished."""
    changed = {cid for cid in old.keys() | new.keys() if old.get(cid) != new.get(cid)}
    if not changed:
        return []
    skipped = set(skip)
    return [d for d in docs if d.id not in skipped and any(c.id in changed for c in d.clauses)]
