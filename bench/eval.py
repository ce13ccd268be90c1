"""Score the service on a gold file (../shared/eval/README.md format), next to stock baselines.

Ours is scored through the contract's endpoints: either a running service (``--url``) or the
in-process app (``service.app.create_app`` driven by a TestClient over a data dir built from the
corpus), so the numbers are those a user of the HTTP API gets. The baseline is stock whoosh +
``jieba.analyse.ChineseAnalyzer`` (bench.baseline) on the same clause/precedent questions, over
the project's clauses and over blank-line paragraphs of the seeds, AND- and OR-grouped.

    python -m bench.eval [--url http://127.0.0.1:8000] [--gold FILE] [--data-dir DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench import metrics
from bench.metrics import Evidence
from bench.report import write_json

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = Path("/work/shared/eval/dev.jsonl")
if not DEFAULT_GOLD.exists():
    DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "dev.jsonl"
RANKED_KINDS = ("clause", "precedent")
KINDS = ("clause", "precedent", "compare", "graph")

# ask → (relation, direction) pairs that select neighbours; "alias" looks at the entity itself
GRAPH_ASKS: dict[str, tuple[tuple[str, str], ...]] = {
    "parts": (("part_of", "in"),),
    "implementers": (("implements", "in"),),
    "cited_by": (("cites", "in"),),
    "region_parent": (("part_of", "out"), ("located_in", "out")),
    "issued": (("issued_by", "in"),),
    "alias": (),
}

Getter = Callable[[str, dict[str, Any]], dict[str, Any]]  # (path, params) -> JSON body; raises on error


def load_gold(path: Path) -> list[dict[str, Any]]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            items.append(json.loads(line))
    return items


def evidence(item: dict[str, Any]) -> list[Evidence]:
    return [Evidence(r["ev"], int(r["g"])) for r in item.get("relevant") or []]


# --------------------------------------------------------------------------------------------
# Per-kind scoring over contract JSON
# --------------------------------------------------------------------------------------------


def clause_texts(body: dict[str, Any]) -> list[str]:
    return [str(r.get("text") or "") for r in body.get("results") or []]


def precedent_texts(body: dict[str, Any]) -> list[str]:
    """Items of all groups, in order."""
    return [str(i.get("text") or "") for g in body.get("groups") or [] for i in g.get("items") or []]


def score_compare(item: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """Fraction of expected regions whose column's first five items (text + fact texts) contain
    every expected substring."""
    expect: dict[str, list[str]] = item.get("expect") or {}
    columns = body.get("columns") or []
    detail = {}
    for region, needles in expect.items():
        col = next((c for c in columns if _region_matches(c.get("region") or {}, region)), None)
        hay: list[str] = []
        for it in (col or {}).get("items", [])[:5]:
            hay.append(str(it.get("text") or ""))
            hay.extend(str(f.get("text") or "") for f in it.get("facts") or [])
        detail[region] = col is not None and metrics.substring_fraction(["\n".join(hay)], needles) == 1.0
    score = sum(detail.values()) / len(detail) if detail else 0.0
    return {"score": score, "regions": detail}


def _region_matches(region: dict[str, Any], wanted: str) -> bool:
    name = str(region.get("name") or "")
    return (
        name == wanted or metrics.match_form(name) == metrics.match_form(wanted) or region.get("id") == wanted
    )


def pick_entity(results: Sequence[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """Exact name or alias first, else the first result."""
    form = metrics.match_form(name)
    for r in results:
        names = [r.get("name") or "", *(r.get("aliases") or [])]
        if any(metrics.match_form(str(n)) == form for n in names):
            return r
    return results[0] if results else None


def graph_names(ask: str, detail: dict[str, Any]) -> list[str]:
    if ask == "alias":
        return [str(detail.get("name") or ""), *map(str, detail.get("aliases") or [])]
    wanted = set(GRAPH_ASKS.get(ask, ()))
    names: list[str] = []
    for n in detail.get("neighbors") or []:
        if (n.get("relation"), n.get("direction")) in wanted:
            ent = n.get("entity") or {}
            names.append(str(ent.get("name") or ""))
            names.extend(map(str, ent.get("aliases") or []))
    return names


def score_item(item: dict[str, Any], get: Getter, k: int = 10) -> dict[str, Any]:
    """One gold item through the API; an endpoint error scores 0 and is recorded."""
    kind = item["kind"]
    row: dict[str, Any] = {
        "id": item.get("id"),
        "kind": kind,
        "q": item.get("q") or item.get("topic") or item.get("entity"),
    }
    t0 = time.perf_counter()
    try:
        if kind in RANKED_KINDS:
            path = "/api/search" if kind == "clause" else "/api/precedents"
            body = get(path, {"q": item["q"], "limit": k})
            texts = clause_texts(body) if kind == "clause" else precedent_texts(body)
            row.update(metrics.graded_scores(texts[:k], evidence(item), k))
            row["score"] = row["ndcg"]
        elif kind == "compare":
            body = get("/api/compare", {"topic": item["topic"], "regions": ",".join(item["regions"])})
            row.update(score_compare(item, body))
        elif kind == "graph":
            found = get("/api/entities", {"q": item["entity"], "type": item.get("type") or "", "limit": 10})
            ent = pick_entity(found.get("results") or [], item["entity"])
            if ent is None:
                row.update(score=0.0, error="entity not found")
            else:
                detail = get(f"/api/entities/{quote(str(ent['id']), safe=':')}", {})
                names = graph_names(item["ask"], detail)
                row.update(
                    score=metrics.substring_fraction(names, item.get("expect") or []), entity=ent["id"]
                )
        else:
            row.update(score=0.0, error=f"unknown kind {kind}")
    except Exception as exc:  # any failure of the system under test is a zero, not a crash
        row.update(score=0.0, error=f"{type(exc).__name__}: {exc}"[:300])
        if kind in RANKED_KINDS:
            row.update(ndcg=0.0, recall_top=0.0, mrr=0.0)
    row["ms"] = (time.perf_counter() - t0) * 1000
    return row


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        rs = [r for r in rows if r["kind"] == kind]
        if not rs:
            continue
        keys = ("ndcg", "recall_top", "mrr") if kind in RANKED_KINDS else ("score",)
        out[kind] = {key: metrics.mean([r.get(key, 0.0) for r in rs]) for key in keys}
        out[kind]["n"] = len(rs)
    return out


# --------------------------------------------------------------------------------------------
# Systems under test
# --------------------------------------------------------------------------------------------


def http_getter(url: str, timeout: float = 30.0) -> Getter:
    import httpx

    client = httpx.Client(base_url=url.rstrip("/"), timeout=timeout)

    def get(path: str, params: dict[str, Any]) -> dict[str, Any]:
        resp = client.get(path, params=params)
        resp.raise_for_status()
        return resp.json()

    return get


def build_data_dir(data_dir: Path, corpus: Path) -> None:
    """A fresh data dir built from the corpus by the engine (what `policykg build` does)."""
    from policykg.settings import Settings
    from service.engine import Engine

    engine = Engine(Settings(data_dir=data_dir, corpus_dir=corpus))
    try:
        engine.build(corpus)
    finally:
        engine.close()


@contextmanager
def inprocess_getter(data_dir: Path | None = None, corpus: Path = REPO / "corpus") -> Iterator[Getter]:
    """The app in this process (TestClient: the real routes, no socket). Builds a temp data dir
    from the corpus unless one is given."""
    import warnings

    with warnings.catch_warnings():  # starlette's note about httpx vs httpx2, not ours to fix
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from policykg.settings import Settings
    from service.app import create_app

    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        if data_dir is None:
            data_dir = Path(tmp) / "data"
            build_data_dir(data_dir, corpus)
        app = create_app(Settings(data_dir=data_dir, corpus_dir=corpus))
        with TestClient(app) as client:

            def get(path: str, params: dict[str, Any]) -> dict[str, Any]:
                resp = client.get(path, params=params)
                resp.raise_for_status()
                return resp.json()

            yield get
        app.state.engine.close()


def project_clauses(corpus: Path) -> list[tuple[str, str]]:
    """(clause_id, text) of the project's clauses of the corpus (ingest), for the baseline."""
    from ingest.manifest import corpus_files
    from ingest.pipeline import read_file

    out = []
    for path in corpus_files(corpus):
        for doc in read_file(path):
            out.extend((c.id, c.text) for c in doc.clauses)
    return out


def baseline_rows(
    gold: Sequence[dict[str, Any]], units: Sequence[tuple[str, str]], grouping: str, k: int = 10
) -> list[dict[str, Any]]:
    from bench.baseline import StockIndex

    ix = StockIndex.build(units)
    rows = []
    for item in gold:
        if item["kind"] not in RANKED_KINDS:
            continue
        texts = [h["text"] for h in ix.search(item["q"], limit=k, grouping=grouping)]
        row = {"id": item.get("id"), "kind": item["kind"], "q": item["q"]}
        row.update(metrics.graded_scores(texts, evidence(item), k))
        row["score"] = row["ndcg"]
        rows.append(row)
    return rows


def run_eval(
    gold: Sequence[dict[str, Any]],
    get: Getter | None,
    corpus: Path = REPO / "corpus",
    baselines: bool = True,
) -> dict[str, Any]:
    """Ours (when `get` is given) and the stock baselines on the same gold items."""
    result: dict[str, Any] = {"gold_items": len(gold), "systems": {}}
    if get is not None:
        rows = [score_item(item, get) for item in gold]
        result["systems"]["ours"] = {"rows": rows, "summary": summarise(rows)}
    if baselines:
        unit_sets: dict[str, Sequence[tuple[str, str]]] = {}
        from bench.baseline import seed_paragraphs

        unit_sets["paragraphs"] = seed_paragraphs(corpus)
        try:
            unit_sets["clauses"] = project_clauses(corpus)
        except Exception as exc:  # ingest missing or failing: the paragraph baseline still runs
            result["baseline_clauses_error"] = f"{type(exc).__name__}: {exc}"[:300]
        for unit_name, units in unit_sets.items():
            for grouping in ("and", "or"):
                rows = baseline_rows(gold, units, grouping)
                name = f"stock whoosh {grouping.upper()} / {unit_name}"
                result["systems"][name] = {"rows": rows, "summary": summarise(rows), "units": len(units)}
    return result


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def markdown(result: dict[str, Any]) -> str:
    systems: dict[str, Any] = result["systems"]
    names = list(systems)
    lines: list[str] = []
    # per-kind summary
    lines.append(
        "| system | "
        + " | ".join(f"{k} nDCG@10 / R_top / MRR" if k in RANKED_KINDS else f"{k} score" for k in KINDS)
        + " |"
    )
    lines.append("|---" * (len(KINDS) + 1) + "|")
    for name in names:
        summ = systems[name]["summary"]
        cells = []
        for kind in KINDS:
            s = summ.get(kind)
            if s is None:
                cells.append("–")
            elif kind in RANKED_KINDS:
                cells.append(f"{_f(s['ndcg'])} / {_f(s['recall_top'])} / {_f(s['mrr'])}")
            else:
                cells.append(_f(s["score"]))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    # per query, ranked kinds: ours vs every baseline (nDCG@10)
    by_id: dict[str, dict[str, float]] = {}
    items: dict[str, dict[str, Any]] = {}
    for name in names:
        for r in systems[name]["rows"]:
            by_id.setdefault(r["id"], {})[name] = r.get("score", 0.0)
            items.setdefault(r["id"], r)
    lines.append("")
    lines.append("| id | kind | query | " + " | ".join(names) + " |")
    lines.append("|---" * (len(names) + 3) + "|")
    for qid, scores in by_id.items():
        it = items[qid]
        q = str(it.get("q") or "").replace("|", "\\|")
        err = " ⚠" if any(r.get("error") for n in names for r in systems[n]["rows"] if r["id"] == qid) else ""
        lines.append(
            f"| {qid}{err} | {it['kind']} | {q} | " + " | ".join(_f(scores.get(n)) for n in names) + " |"
        )
    for kind in KINDS:
        means = []
        for n in names:
            s = systems[n]["summary"].get(kind)
            means.append(_f(s.get("ndcg", s.get("score"))) if s else "–")
        if any(m != "–" for m in means):
            lines.append(f"| **mean** | {kind} | | " + " | ".join(means) + " |")
    errors = [(n, r["id"], r["error"]) for n in names for r in systems[n]["rows"] if r.get("error")]
    if errors:
        lines.append("")
        lines.extend(f"- ⚠ {n} {qid}: {e}" for n, qid, e in errors)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score the service on a gold file, next to stock baselines.")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--url", help="a running service (else the app in-process)")
    ap.add_argument(
        "--data-dir", type=Path, help="in-process: an existing data dir (else built from --corpus)"
    )
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--json", type=Path, help="write the full result as JSON")
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    if args.url:
        result = run_eval(gold, http_getter(args.url), args.corpus, not args.no_baseline)
    else:
        with inprocess_getter(args.data_dir, args.corpus) as get:
            result = run_eval(gold, get, args.corpus, not args.no_baseline)
    print(markdown(result))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
