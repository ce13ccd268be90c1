"""The speed bench's inputs: the query set (bench/data/queries.txt), twelve paragraphs cut from the
seed documents for the long-text mode, and the default corpus sizes.

Apart from the runs because several sides read them (the parent's SpeedConfig defaults, the
worker-spawning code's source tree, bench.speed_queries) and none of them should pull in another.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERIES_FILE = Path(__file__).resolve().parent / "data" / "queries.txt"
DEFAULT_SIZES = (1000, 10000, 50000, 200000)


def load_queries(path: Path = QUERIES_FILE) -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def load_paragraphs(corpus: Path = REPO / "corpus", n: int = 12, chars: int = 450) -> list[str]:
    """Pasted paragraphs (long-text mode): n texts of about `chars` characters, consecutive lines
    of the seed documents joined, spread evenly over the seeds (deterministic)."""
    texts: list[str] = []
    for path in sorted(corpus.glob("*.txt")):
        buf = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) < 20:
                continue
            buf += line
            if len(buf) >= chars:
                texts.append(buf[:chars])
                buf = ""
    step = max(1, len(texts) // n)
    return texts[::step][:n]
