"""Dev-set check for clause search: nDCG@10 per clause query, ours vs the stock baselines.

    .venv/bin/python tests/search/eval_dev.py [--corpus corpus] [--gold ../shared/eval/dev.jsonl]

Ours: ingest.pipeline.read_file over the seed corpus → ClauseIndex (graph annotations and entity
names when graph.build is available). Stock: whoosh + jieba.analyse.ChineseAnalyzer over the
blank-line paragraphs of the seeds, default QueryParser (AND) and the OR-grouped variant.
Scoring (bench.metrics.graded_scores) follows /work/shared/eval/README.md. The bench package
owns the real harness; this is the minimal loop used while tuning.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench.baseline import StockIndex, seed_paragraphs  # noqa: E402
from bench.metrics import Evidence, graded_scores, mean_dicts  # noqa: E402
from search.index import ClauseIndex  # noqa: E402
from search.results import SearchRequest  # noqa: E402


def load_gold(path: Path, kind: str = "clause") -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("kind") == kind]


def read_corpus(corpus: Path):  # type: ignore[no-untyped-def]
    from ingest.pipeline import read_file

    docs = []
    for path in sorted(corpus.glob("*.txt")):
        docs.extend(read_file(path))
    return docs


def graph_inputs(docs):  # type: ignore[no-untyped-def]
    """(annotations, entity names) from the graph package, or empty when it is not there yet."""
    try:
        from graph.build import build_graph  # type: ignore[import-not-found]
    except ImportError:
        return {}, []
    kg = build_graph(docs)
    return kg.annotations, list(kg.dictionary_terms())


def build_ours(docs, directory: Path, use_graph: bool = True) -> ClauseIndex:  # type: ignore[no-untyped-def]
    anns, terms = graph_inputs(docs) if use_graph else ({}, [])
    return ClauseIndex.create(directory / "ours", docs, anns, terms)


def evaluate(gold: list[dict], rank) -> list[dict]:  # type: ignore[no-untyped-def]
    rows = []
    for g in gold:
        texts = rank(g["q"])
        rel = [Evidence(e["ev"], e["g"]) for e in g["relevant"]]
        rows.append({"id": g["id"], "q": g["q"], **graded_scores(texts, rel, 10)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus")
    ap.add_argument("--gold", type=Path, default=Path("/work/shared/eval/dev.jsonl"))
    ap.add_argument("--no-graph", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print the top N texts of our ranking")
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    docs = read_corpus(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        ours = build_ours(docs, Path(tmp), use_graph=not args.no_graph)
        t1 = time.perf_counter()
        stock = StockIndex.build(seed_paragraphs(args.corpus))
        t2 = time.perf_counter()
        print(f"ours: {ours.clause_count} clauses in {t1 - t0:.2f}s; stock: built in {t2 - t1:.2f}s")

        def rank_ours(q: str) -> list[str]:
            return [
                h.text
                for h in ours.search(SearchRequest(q=q, limit=10, facets=False, highlight=False)).results
            ]

        results = {
            "ours": evaluate(gold, rank_ours),
            "stock": evaluate(gold, lambda q: [h["text"] for h in stock.search(q, 10)]),
            "stock_or": evaluate(gold, lambda q: [h["text"] for h in stock.search(q, 10, grouping="or")]),
        }
        print(f"{'id':4} {'ours':>6} {'stock':>6} {'st_or':>6}  query")
        for i, g in enumerate(gold):
            o, s, so = (results[k][i]["ndcg"] for k in ("ours", "stock", "stock_or"))
            flag = "  <-- below stock" if o < max(s, 0) - 1e-9 else ""
            print(f"{g['id']:4} {o:6.3f} {s:6.3f} {so:6.3f}  {g['q']}{flag}")
            if args.show:
                for text in rank_ours(g["q"])[: args.show]:
                    print("        ", text[:100].replace("\n", " "))
        for name, rows in results.items():
            m = mean_dicts([{k: r[k] for k in ("ndcg", "recall_top", "mrr")} for r in rows])
            print(f"{name:9} nDCG@10 {m['ndcg']:.3f}  recall_top {m['recall_top']:.3f}  MRR {m['mrr']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
