"""LeCaRD's files: where the data set lives, its queries, relevance labels and annotated pools
(LecardData), the authors' stopwords and published prediction runs; Query and Candidate records.

Apart from the pools (the large candidate archive, bench.lecard_pools) and the scoring: these are
the small JSON files every part reads first, and the records every part passes around.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

LECARD_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "lecard"
if not LECARD_DIR.exists():  # the repo may be checked out elsewhere; the shared folder is fixed
    LECARD_DIR = Path("/work/shared/benchmarks/lecard")

PREDICTION_FILES = {
    "BM25": ("bm25_top100.json", True),
    "TF-IDF": ("tfidf_top100.json", True),
    "LMIR": ("lm_top100.json", False),
}


@dataclass(frozen=True)
class Query:
    qid: str
    text: str
    crime: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    cid: str
    fields: Mapping[str, str]


@dataclass
class LecardData:
    queries: dict[str, Query]
    labels: dict[str, dict[str, int]]  # qid -> {cid: gain}, key order as in the label file
    annotated: dict[str, list[str]]  # qid -> its 30 pooled and annotated candidates
    order: list[str] = field(default_factory=list)  # qids in label-file order

    def first(self, n: int) -> list[str]:
        return self.order[:n]


def _read_json_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_data(root: Path = LECARD_DIR) -> LecardData:
    data = root / "data"
    queries = {
        str(q["ridx"]): Query(str(q["ridx"]), q["q"], tuple(q.get("crime") or ()))
        for q in _read_json_lines(data / "query" / "query.json")
    }
    raw_labels = json.loads((data / "label" / "label_top30_dict.json").read_text(encoding="utf-8"))
    labels = {qid: {str(c): int(g) for c, g in lab.items()} for qid, lab in raw_labels.items()}
    combined = json.loads((data / "prediction" / "combined_top100.json").read_text(encoding="utf-8"))
    annotated = {qid: [str(c) for c in combined[qid][:30]] for qid in labels}
    return LecardData(queries=queries, labels=labels, annotated=annotated, order=list(labels))


@lru_cache(maxsize=1)
def stopwords(root: Path = LECARD_DIR) -> frozenset[str]:
    """The authors' stopword list (also used by the CAIL2021 BM25 baseline)."""
    text = (root / "data" / "others" / "stopword.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


def load_predictions(name: str, root: Path = LECARD_DIR) -> dict[str, list[str]]:
    """A published run, best first (bm25 and tfidf are stored worst-first)."""
    fname, reverse = PREDICTION_FILES[name]
    raw = json.loads((root / "data" / "prediction" / fname).read_text(encoding="utf-8"))
    return {qid: [str(c) for c in (ids[::-1] if reverse else ids)] for qid, ids in raw.items()}
