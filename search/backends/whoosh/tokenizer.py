"""The whoosh face of ``search.analysis.analyze`` (stored, pickled, in every index's schema)."""

from __future__ import annotations

from whoosh.analysis import Token, Tokenizer

from search.analysis import analyze
from search.segment import Segmenter, get_segmenter


class PolicyTokenizer(Tokenizer):
    """The whoosh face of ``analyze``: Token objects with sequential positions, original offsets.

    Keyword arguments understood on a call: ``script`` ("simplified"/"traditional", detected when
    absent), ``subwords`` (default: True when indexing, False for queries — a query's phrase is
    matched on its main words; sub-words at the same position in the index make it line up).

    Picklable (whoosh stores the schema in the index): it keeps only the dictionary terms and
    rebuilds the process-wide segmenter on first use, so an index carries its own dictionary.
    """

    def __init__(self, extra_terms: tuple[str, ...] = ()) -> None:
        self.extra_terms = tuple(extra_terms)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PolicyTokenizer) and other.extra_terms == self.extra_terms

    def __hash__(self) -> int:
        return hash(self.extra_terms)

    @property
    def segmenter(self) -> Segmenter:
        return get_segmenter(self.extra_terms)

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,  # type: ignore[no-untyped-def]
    ):
        subwords = kwargs.get("subwords", mode != "query")
        terms = analyze(value, kwargs.get("script"), seg=self.segmenter, subwords=subwords, docnos=True)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for w, p, s, e, _k in terms:
            t.text = w
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[s:e]
            if positions:
                t.pos = start_pos + p
            if chars:
                t.startchar = start_char + s
                t.endchar = start_char + e
            yield t


# Pickled in every index's schema under its path from before the backend seam (see
# schema.py): search.analysis resolves the name lazily from here.
PolicyTokenizer.__module__ = "search.analysis"


def PolicyAnalyzer(extra_terms: tuple[str, ...] = ()) -> PolicyTokenizer:
    """Analyzer factory in whoosh style (``StandardAnalyzer()``); the tokenizer is the whole chain."""
    return PolicyTokenizer(tuple(extra_terms))
