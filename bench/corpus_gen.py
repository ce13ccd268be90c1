"""A deterministic scaled corpus built from the seeds' clauses, for the speed bench.

Each generated document is a window of one seed document's clauses (headings re-emitted when
the heading path changes), with every region name of the seed replaced by a region of the same
level drawn from the NBS gazetteer (policykg/data/divisions/pcas-code.json): province → another
province, its cities → cities of that province, counties → counties of those cities. So the
vocabulary and term statistics stay those of real policy text while the region facet, the
documents' issuers (中共辽宁省委… → 中共河北省委…) and titles vary like a real collection.

The same (size, seed) always gives byte-identical files, and no two files are identical (each
carries its own document number), so a build counts every generated clause.

    python -m bench.corpus_gen --clauses 10000 --out /tmp/corpus10k
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DIVISIONS = REPO / "policykg" / "data" / "divisions" / "pcas-code.json"
MIN_WINDOW, MAX_WINDOW = 12, 60  # clauses per generated document
DOC_NO_PREFIXES = ("老干发", "老干字", "离退休发", "组通字", "老干通字")
_GENERIC = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass(frozen=True)
class SeedDoc:
    title: str
    blocks: tuple[tuple[str, str], ...]  # ("heading" | "clause", text) in reading order


@dataclass(frozen=True)
class Gaz:
    """Province → cities → counties, names only, in file order (deterministic)."""

    provinces: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]

    @property
    def levels(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for p, cities in self.provinces:
            out.setdefault(p, "province")
            for c, counties in cities:
                out.setdefault(c, "city")
                for x in counties:
                    out.setdefault(x, "county")
        return out


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = DIVISIONS) -> Gaz:
    tree = json.loads(path.read_text(encoding="utf-8"))
    provinces = []
    for p in tree:
        cities = []
        for c in p.get("children") or []:
            counties = tuple(x["name"] for x in c.get("children") or [] if x["name"] not in _GENERIC)
            name = c["name"]
            if name in _GENERIC:  # municipalities: the province itself acts as the city
                name = p["name"]
            if counties:
                cities.append((name, counties))
        if cities:
            provinces.append((p["name"], tuple(cities)))
    return Gaz(tuple(provinces))


def seed_docs(corpus: Path) -> list[SeedDoc]:
    """The seeds as the project's ingest reads them (clauses + heading paths); falls back to
    blank-line paragraphs when ingest is not importable."""
    try:
        from ingest.manifest import corpus_files
        from ingest.pipeline import read_file
    except ImportError:
        return _paragraph_docs(corpus)
    out = []
    for path in corpus_files(corpus):
        for doc in read_file(path):
            blocks: list[tuple[str, str]] = []
            prev: list[str] = []
            for clause in doc.clauses:
                if clause.path != prev:
                    common = 0
                    while common < min(len(prev), len(clause.path)) and prev[common] == clause.path[common]:
                        common += 1
                    # an item's own inline heading is part of its text: not repeated as a line
                    blocks.extend(
                        ("heading", h) for h in clause.path[common:] if not clause.text.startswith(h)
                    )
                    prev = list(clause.path)
                blocks.append(("clause", clause.text.strip()))
            if any(k == "clause" for k, _ in blocks):
                out.append(SeedDoc(doc.title or path.stem, tuple(blocks)))
    return out


def _paragraph_docs(corpus: Path) -> list[SeedDoc]:
    from bench.baseline import blank_line_paragraphs

    out = []
    for path in sorted(corpus.glob("*.txt")):
        paras = blank_line_paragraphs(path.read_text(encoding="utf-8"))
        if len(paras) > 1:
            out.append(SeedDoc(paras[0], tuple(("clause", p) for p in paras[1:])))
    return out


def region_names_in(texts: Sequence[str], gaz: Gaz) -> dict[str, str]:
    """Gazetteer names (3+ characters) occurring in the texts → their level."""
    blob = "\n".join(texts)
    return {n: lvl for n, lvl in gaz.levels.items() if len(n) >= 3 and n in blob}


def _substitution(names: dict[str, str], rng: random.Random, gaz: Gaz) -> dict[str, str]:
    """One document's mapping: seed region name → a region of the same level, consistent
    (the seed's cities go to cities of the chosen province, counties to counties of those)."""
    pname, cities = gaz.provinces[rng.randrange(len(gaz.provinces))]
    city_pool = list(cities)
    rng.shuffle(city_pool)
    mapping: dict[str, str] = {}
    ci = 0
    county_pool: list[str] = []
    for name in sorted(names, key=lambda n: ({"province": 0, "city": 1, "county": 2}[names[n]], n)):
        level = names[name]
        if level == "province":
            mapping[name] = pname
        elif level == "city":
            cname, counties = city_pool[ci % len(city_pool)]
            ci += 1
            mapping[name] = cname
            county_pool.extend(counties)
        else:
            if not county_pool:
                cname, counties = city_pool[ci % len(city_pool)]
                ci += 1
                county_pool.extend(counties)
            mapping[name] = county_pool[rng.randrange(len(county_pool))]
    return mapping


def _substitute(text: str, pattern: re.Pattern[str] | None, mapping: dict[str, str]) -> str:
    if pattern is None:
        return text
    return pattern.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


def generate(n_clauses: int, corpus: Path = REPO / "corpus", seed: int = 0) -> Iterator[tuple[str, str, int]]:
    """(file name, text, clauses) of generated documents until n_clauses clauses are out."""
    docs = seed_docs(corpus)
    gaz = load_gazetteer()
    names = region_names_in([d.title for d in docs] + [t for d in docs for _, t in d.blocks], gaz)
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True)))) if names else None
    rng = random.Random(seed)
    produced = 0
    i = 0
    while produced < n_clauses:
        doc = docs[rng.randrange(len(docs))]
        clause_idx = [j for j, (k, _) in enumerate(doc.blocks) if k == "clause"]
        want = min(rng.randint(MIN_WINDOW, MAX_WINDOW), len(clause_idx), n_clauses - produced)
        start = rng.randrange(len(clause_idx) - want + 1)
        lo, hi = clause_idx[start], clause_idx[start + want - 1]
        # headings that precede the window's first clause and belong to it
        while lo > 0 and doc.blocks[lo - 1][0] == "heading":
            lo -= 1
        mapping = _substitution(names, rng, gaz)
        title = _substitute(doc.title, pattern, mapping)
        body = [_substitute(t, pattern, mapping) for _, t in doc.blocks[lo : hi + 1]]
        i += 1
        # A document number of its own under the title, as issued documents carry: it makes every
        # file distinct (a short seed without region names would otherwise repeat byte for byte,
        # and a build counts a repeated file once).
        doc_no = f"{DOC_NO_PREFIXES[i % len(DOC_NO_PREFIXES)]}〔{rng.randint(2012, 2024)}〕{i}号"
        text = "\n\n".join([title, doc_no, *body]) + "\n"
        produced += want
        yield f"gen_{i:06d}.txt", text, want


def write_corpus(
    out_dir: Path, n_clauses: int, corpus: Path = REPO / "corpus", seed: int = 0
) -> dict[str, int]:
    """Write the generated documents into out_dir (created; must not hold other .txt files)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = chars = clauses = 0
    for name, text, n in generate(n_clauses, corpus, seed):
        (out_dir / name).write_text(text, encoding="utf-8")
        files += 1
        chars += len(text)
        clauses += n
    return {"files": files, "chars": chars, "clauses": clauses}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a deterministic scaled corpus from the seeds.")
    ap.add_argument("--clauses", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus")
    args = ap.parse_args(argv)
    print(json.dumps(write_corpus(args.out, args.clauses, args.corpus, args.seed), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
