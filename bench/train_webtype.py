"""Fit the weights of the untyped-prose decision (ingest.webtype) on the development pages.

    python -m bench.train_webtype [--pages realpages] [--write]

Every development page (``bench/data/real_pages_*.tsv`` without the held-out sets of
``bench.realdocs.HELDOUT_GOLD``) whose annotation is one of the model's kinds (新闻报道, 经验交流, 理论文章,
其他) and whose text names no type of its own is ingested as a user's file; the cues the pipeline
hands to ``webtype.decide`` are recorded, and a softmax regression (L2, plain gradient descent:
deterministic) is fitted to them.
The command prints the leave-one-set-out accuracy of the fitted model next to the counted-cue rule
(``doctypes.web_type``) on the same pages, and with ``--write`` stores the weights in
``ingest/data/web_type.tsv``. The held-out sets are never read.
"""

from __future__ import annotations

import argparse
import glob
from pathlib import Path
from unittest import mock

import numpy as np

from bench.realdocs import HELDOUT_GOLD, read_gold
from ingest import webtype

_TABLE = Path(__file__).resolve().parent.parent / "ingest" / "data" / "web_type.tsv"
_LABELS = {kind: k for k, kind in enumerate(webtype.KINDS)}


def collect(pages: Path, gold: list[dict[str, str]]) -> list[tuple[str, webtype.PageCues, int]]:
    """(file, cues, label) of every annotated page whose type the model decides."""
    from ingest.pipeline import read_file

    out: list[tuple[str, webtype.PageCues, int]] = []
    seen: list[webtype.PageCues] = []
    real = webtype.decide

    def record(cues: webtype.PageCues) -> str:
        seen.append(cues)
        return real(cues)

    with mock.patch.object(webtype, "decide", side_effect=record):
        for row in gold:
            label = _LABELS.get(row.get("doc_type", ""))
            path = pages / row["file"]
            if label is None or not path.exists():
                continue
            seen.clear()
            docs = read_file(path, source_url=row.get("url") or None)
            if len(docs) == 1 and seen:
                out.append((row["file"], seen[-1], label))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, rate: float = 0.1) -> np.ndarray:
    """Softmax regression weights, one column per kind (the bias, row 0, is not penalised)."""
    kinds = len(webtype.KINDS)
    w = np.zeros((x.shape[1], kinds))
    penalty = np.r_[0.0, np.ones(x.shape[1] - 1)][:, None]
    target = np.eye(kinds)[y]
    for _ in range(steps):
        z = x @ w
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        w -= rate * (x.T @ (p - target) + l2 * penalty * w) / len(y)
    return w


def write_weights(table: Path, names: list[str], w: np.ndarray, note: str) -> None:
    """Replace the ``weight`` rows of `table`, keeping its patterns and comments."""
    kept = [ln for ln in table.read_text(encoding="utf-8").splitlines() if not ln.startswith("weight\t")]
    kept = [ln for ln in kept if not ln.startswith("# weights")]
    rows = [f"# weights (written by bench.train_webtype: {note})"]
    rows += [
        "weight\t" + name + "".join(f"\t{v:.4f}" for v in values)
        for name, values in zip(names, w, strict=True)
    ]
    table.write_text("\n".join(kept + rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", default="realpages")
    ap.add_argument(
        "--write", action="store_true", help="store the fitted weights in ingest/data/web_type.tsv"
    )
    args = ap.parse_args(argv)
    dev = [p for p in sorted(glob.glob("bench/data/real_pages_*.tsv")) if p not in HELDOUT_GOLD]
    rows = collect(Path(args.pages), read_gold(dev))
    if not rows:
        print("no development pages found")
        return 1
    values = [webtype.features(cues) for _f, cues, _y in rows]
    names = list(values[0])
    x = np.array([[v[n] for n in names] for v in values])
    y = np.array([label for _f, _c, label in rows])
    rule = x[:, names.index("rule_experience")].astype(int)  # the counted-cue rule: 经验交流 (1) or news (0)
    sets = np.array([Path(f).stem.rstrip("0123456789") for f, _c, _y in rows])  # a001 → a
    right = 0
    for s in sorted(set(sets)):
        test = sets == s
        w = fit(x[~test], y[~test])
        right += int(((x[test] @ w).argmax(axis=1) == y[test]).sum())
    loso, base = right / len(y), float((rule == y).mean())
    counts = ", ".join(f"{int((y == k).sum())} {kind}" for k, kind in enumerate(webtype.KINDS))
    note = f"{len(y)} pages: {counts}; leave-one-set-out {loso:.3f}, counted-cue rule {base:.3f}"
    print(note)
    w = fit(x, y)
    if args.write:  # before the listing, so a closed pipe cannot stop it
        write_weights(_TABLE, names, w, note)
        print(f"written to {_TABLE}")
    print(f"  {'':18s} " + " ".join(f"{kind:>6s}" for kind in webtype.KINDS))
    for name, values in zip(names, w, strict=True):
        print(f"  {name:18s} " + " ".join(f"{v:+8.3f}" for v in values))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
