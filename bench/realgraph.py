"""The graph and the precedent answer on real web pages, against hand annotations.

    python -m bench.realgraph PAGES_DIR [--entities FILE] [--precedents FILE] [--json OUT]

PAGES_DIR holds the real development set's page texts (*.txt, third-party: never committed).
`bench/data/real_entities.jsonl` lists, per annotated page (file name + URL), the programs,
organizations, branches, people and facts a careful reader finds on it, each as the forms it is
written in; `bench/data/real_precedents.jsonl` holds precedent questions with graded relevant
pages. Printed: per-type precision / recall of the graph on the annotated pages, the share of
precedent items naming their actor (and their region), and precedent nDCG@10 next to stock
whoosh + jieba (OR- and AND-grouped) over the pages' blank-line paragraphs, a page being credited
once, to its first result.

Matching: an annotated entity is found when one of its forms equals, contains or is contained in
the name or an alias of a predicted entity of that type with evidence in the page (at least 2
characters each way); a fact when one of its forms is contained in a predicted fact's text (or
the other way round). Precision counts predicted entities that match some annotated one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import metrics
from bench.metrics import Evidence
from bench.report import write_json

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "bench" / "data"
TYPES = ("programs", "organizations", "branches", "people", "facts")
ENTITY_TYPE = {
    "programs": "program",
    "organizations": "organization",
    "branches": "branch",
    "people": "person",
}
_STRIP_RE = re.compile(r"[\s“”\"'‘’「」『』《》〈〉·•・()（）、，,。]+")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def norm(text: str) -> str:
    return _STRIP_RE.sub("", metrics.match_form(text))


def forms_match(gold: Sequence[str], predicted: Sequence[str]) -> bool:
    for g in map(norm, gold):
        for p in map(norm, predicted):
            if not g or not p:
                continue
            if g == p or (len(g) >= 2 and len(p) >= 2 and (g in p or p in g)):
                return True
    return False


# --------------------------------------------------------------------------------------------
# The graph on the pages
# --------------------------------------------------------------------------------------------


def read_pages(pages: Path) -> tuple[list[Any], dict[str, str]]:
    """Documents of every page (ingest), and document id → page file name."""
    from ingest.pipeline import read_file

    docs, page_of = [], {}
    for path in sorted(pages.glob("*.txt")):
        try:
            got = read_file(path)
        except Exception as exc:  # a page ingest rejects is reported, not fatal
            print(f"⚠ {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        for d in got:
            page_of[d.id] = path.name
        docs.extend(got)
    return docs, page_of


def predicted_by_page(kg: Any, page_of: dict[str, str]) -> dict[str, dict[str, list[list[str]]]]:
    """Per page and type: the names (name + aliases) of entities with evidence in the page."""
    out: dict[str, dict[str, list[list[str]]]] = defaultdict(lambda: defaultdict(list))
    wanted = {v: k for k, v in ENTITY_TYPE.items()}
    for e in kg.entities():
        kind = wanted.get(e.type)
        if kind is None:
            continue
        for page in {page_of.get(cid.split(":")[0]) for cid in e.evidence} - {None}:
            out[page][kind].append([e.name, *e.aliases])
    for f in kg.all_facts():
        page = page_of.get(f.clause_id.split(":")[0])
        if page:
            out[page]["facts"].append([f.text])
    return out


def entity_scores(
    annotations: list[dict[str, Any]], predicted: dict[str, Any]
) -> dict[str, dict[str, float]]:
    counts = {t: {"gold": 0, "found": 0, "predicted": 0, "correct": 0} for t in TYPES}
    misses: dict[str, list[str]] = defaultdict(list)
    wrong: dict[str, list[str]] = defaultdict(list)
    for ann in annotations:
        page = ann["file"]
        for t in TYPES:
            gold = [g["forms"] if isinstance(g, dict) else g for g in ann.get(t) or []]
            pred = predicted.get(page, {}).get(t, [])
            c = counts[t]
            c["gold"] += len(gold)
            c["predicted"] += len(pred)
            for g in gold:
                if any(forms_match(g, p) for p in pred):
                    c["found"] += 1
                else:
                    misses[t].append(f"{page}:{g[0]}")
            for p in pred:
                if any(forms_match(g, p) for g in gold):
                    c["correct"] += 1
                else:
                    wrong[t].append(f"{page}:{p[0]}")
    out: dict[str, dict[str, Any]] = {}
    for t, c in counts.items():
        out[t] = {
            **c,
            "precision": c["correct"] / c["predicted"] if c["predicted"] else 1.0,
            "recall": c["found"] / c["gold"] if c["gold"] else 1.0,
            "missed": misses[t],
            "wrong": wrong[t],
        }
    return out


# --------------------------------------------------------------------------------------------
# Precedents: ours through the API, stock whoosh over the pages
# --------------------------------------------------------------------------------------------


def relevant(item: dict[str, Any]) -> list[Evidence]:
    return [Evidence(r["file"], int(r["g"])) for r in item["relevant_pages"]]


def ours(questions: list[dict[str, Any]], pages: Path, page_of: dict[str, str]) -> dict[str, Any]:
    from bench.eval import inprocess_getter

    rows, items_total, with_actor, with_region, top_doc_share = [], 0, 0, 0, []
    no_actor: list[str] = []
    with tempfile.TemporaryDirectory(prefix="policykg-real-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for path in sorted(pages.glob("*.txt")):  # only the page texts, not helper files
            (corpus / path.name).symlink_to(path.resolve())
        with inprocess_getter(None, corpus) as get:
            for q in questions:
                body = get("/api/precedents", {"q": q["q"], "limit": 10})
                items = [i for g in body.get("groups") or [] for i in g.get("items") or []]
                files = [page_of.get(i["doc_id"]) or str(i.get("source") or "") for i in items]
                row = {"id": q["id"], "q": q["q"], **metrics.graded_scores(files, relevant(q), 10)}
                rows.append(row)
                items_total += len(items)
                with_actor += sum(1 for i in items if i.get("organization"))
                no_actor += [
                    f"{q['id']}:{f}" for i, f in zip(items, files, strict=True) if not i.get("organization")
                ]
                with_region += sum(1 for i in items if i.get("region"))
                if items:
                    per_doc = defaultdict(int)
                    for f in files:
                        per_doc[f] += 1
                    top_doc_share.append(max(per_doc.values()) / len(items))
    return {
        "rows": rows,
        "ndcg": metrics.mean([r["ndcg"] for r in rows]),
        "items": items_total,
        "actor_share": with_actor / items_total if items_total else 0.0,
        "region_share": with_region / items_total if items_total else 0.0,
        "top_document_share": metrics.mean(top_doc_share),
        "items_without_actor": no_actor,
    }


def stock(questions: list[dict[str, Any]], pages: Path, grouping: str) -> dict[str, Any]:
    from bench.baseline import StockIndex, blank_line_paragraphs

    units = []
    for path in sorted(pages.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        units.extend((f"{path.name}#{i}", p) for i, p in enumerate(blank_line_paragraphs(text), 1))
    ix = StockIndex.build(units)
    rows = []
    for q in questions:
        files = [h["id"].split("#")[0] for h in ix.search(q["q"], limit=10, grouping=grouping)]
        rows.append({"id": q["id"], **metrics.graded_scores(files, relevant(q), 10)})
    return {"rows": rows, "ndcg": metrics.mean([r["ndcg"] for r in rows])}


# --------------------------------------------------------------------------------------------


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"pages: {result['pages']} ({result['documents']} documents), annotated: {result['annotated']}",
        "",
    ]
    lines += ["| type | gold | predicted | precision | recall |", "|---|---|---|---|---|"]
    for t, s in result["entities"].items():
        lines.append(f"| {t} | {s['gold']} | {s['predicted']} | {s['precision']:.2f} | {s['recall']:.2f} |")
    p = result.get("precedents")
    if p:
        lines += [
            "",
            f"precedent items: {p['ours']['items']}, naming their actor: {p['ours']['actor_share']:.0%}, "
            f"with a region: {p['ours']['region_share']:.0%}, "
            f"mean share of the page from one document: {p['ours']['top_document_share']:.0%}",
            "",
            "| question | ours nDCG@10 | stock OR | stock AND |",
            "|---|---|---|---|",
        ]
        by_id = {
            name: {r["id"]: r["ndcg"] for r in p[name]["rows"]} for name in ("ours", "stock_or", "stock_and")
        }
        for r in p["ours"]["rows"]:
            qid = r["id"]
            lines.append(
                f"| {qid} {r['q']} | {r['ndcg']:.3f} | {by_id['stock_or'][qid]:.3f} | {by_id['stock_and'][qid]:.3f} |"
            )
        lines.append(
            f"| **mean** | {p['ours']['ndcg']:.3f} | {p['stock_or']['ndcg']:.3f} | {p['stock_and']['ndcg']:.3f} |"
        )
    for t, s in result["entities"].items():
        if s["missed"] or s["wrong"]:
            lines.append("")
            lines.append(f"- {t} missed: {', '.join(s['missed']) or '–'}")
            lines.append(f"- {t} not annotated: {', '.join(s['wrong']) or '–'}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Graph and precedents on real pages vs hand annotations.")
    ap.add_argument("pages", type=Path, help="folder of page texts (*.txt)")
    ap.add_argument("--entities", type=Path, default=DATA / "real_entities.jsonl")
    ap.add_argument("--precedents", type=Path, default=DATA / "real_precedents.jsonl")
    ap.add_argument("--no-precedents", action="store_true", help="only the graph's entities")
    ap.add_argument("--json", type=Path, help="write the full result as JSON")
    args = ap.parse_args(argv)

    from graph.build import build_graph

    docs, page_of = read_pages(args.pages)
    kg = build_graph(docs)
    annotations = load_jsonl(args.entities)
    result: dict[str, Any] = {
        "pages": len(set(page_of.values())),
        "documents": len(docs),
        "annotated": len(annotations),
        "entities": entity_scores(annotations, predicted_by_page(kg, page_of)),
    }
    if not args.no_precedents:
        questions = load_jsonl(args.precedents)
        result["precedents"] = {
            "ours": ours(questions, args.pages, page_of),
            "stock_or": stock(questions, args.pages, "or"),
            "stock_and": stock(questions, args.pages, "and"),
        }
    print(markdown(result))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
