"""Highlights drawn on the ORIGINAL script: <mark> around the characters whose terms matched.

The clause is re-analyzed with the document's script (cheap with the Rust segmenter); every term
carries offsets into the original string, so a traditional clause gets its traditional characters
wrapped even though matching happened on the simplified form.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import numpy as np

from policykg.model import Script
from search.analysis import Term, analyze
from search.segment import Segmenter

MAX_WHOLE = 400  # a clause up to this many characters is shown whole
WINDOW = 400
ELLIPSIS = "…"


def match_spans(
    terms: Sequence[Term],
    words: set[str],
    phrases: Iterable[Sequence[str]] = (),
) -> list[tuple[int, int]]:
    """Character spans (original offsets) to mark: single matched terms and whole phrase runs."""
    spans: list[tuple[int, int]] = []
    for w, _p, s, e, _k in terms:
        if w in words and e > s:
            spans.append((s, e))
    phrases = [list(p) for p in phrases if p]
    if phrases:
        by_pos: dict[int, list[Term]] = {}
        for t in terms:
            by_pos.setdefault(t[1], []).append(t)
        positions = sorted(by_pos)
        for phrase in phrases:
            for p in positions:
                run = []
                for i, word in enumerate(phrase):
                    hit = next((t for t in by_pos.get(p + i, ()) if t[0] == word), None)
                    if hit is None:
                        break
                    run.append(hit)
                else:
                    spans.append((min(t[2] for t in run), max(t[3] for t in run)))
    return merge_spans(spans)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping and touching spans merged (one <mark> per run)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def render(
    text: str, spans: Sequence[tuple[int, int]], *, max_whole: int = MAX_WHOLE, window: int = WINDOW
) -> str:
    """HTML-escaped text with <mark>s; longer than `max_whole` → a window around the best match."""
    start, end = 0, len(text)
    if len(text) > max_whole:
        start, end = best_window(text, spans, window)
    out: list[str] = []
    if start > 0:
        out.append(ELLIPSIS)
    cur = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[cur:s], quote=False))
        out.append("<mark>")
        out.append(html.escape(text[s:e], quote=False))
        out.append("</mark>")
        cur = e
    out.append(html.escape(text[cur:end], quote=False))
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out)


def best_window(text: str, spans: Sequence[tuple[int, int]], window: int) -> tuple[int, int]:
    """The `window`-character slice that covers the most marked characters (earliest on ties).

    Starts a little before the first mark it contains so the match has some context.
    """
    n = len(text)
    if not spans:
        return 0, min(n, window)
    # every candidate window against every span at once (a long pasted query marks hundreds of
    # spans in a long clause: the pairwise loop was quadratic in Python)
    sp = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    ws = np.maximum(0, np.minimum(sp[:, 0] - window // 8, n - window))
    we = ws + window
    overlap = np.minimum(sp[None, :, 1], we[:, None]) - np.maximum(sp[None, :, 0], ws[:, None])
    cover = np.maximum(overlap, 0).sum(axis=1)
    best_start = int(ws[int(np.argmax(cover))])  # the first of the best, like a strict > scan
    return best_start, min(n, best_start + window)


def highlight(
    text: str,
    script: Script | None,
    words: set[str],
    phrases: Iterable[Sequence[str]] = (),
    *,
    seg: Segmenter | None = None,
) -> str:
    terms = analyze(text, script, seg=seg)
    return render(text, match_spans(terms, words, phrases))
