"""The fast paths of policykg.text and Gazetteer.find_mentions give what the plain computation gives."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

from policykg.gazetteer import Gazetteer
from policykg.text import _is_han, _nfkc_tables, _s2t, _t2s, detect_script, nfkc

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _detect_reference(text: str, sample: int = 20000) -> str:
    han = "".join(ch for ch in text[:sample] if _is_han(ch))
    if not han:
        return "simplified"
    t2s = sum(1 for a, b in zip(han, _t2s().convert(han), strict=False) if a != b)
    s2t = sum(1 for a, b in zip(han, _s2t().convert(han), strict=False) if a != b)
    if t2s >= 2 and t2s > s2t:
        return "traditional"
    if len(han) <= 8 and t2s >= 1 and s2t == 0:
        return "traditional"
    return "simplified"


def test_detect_script_matches_reference() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts += ["離退休", "离退休", "幹部", "干部", "显著", "", "abc", "后", "後", "髮", "黨建工作"]
    texts += [t[i : i + n] for t in texts[:5] for i in range(0, 400, 37) for n in (1, 3, 9, 40)]
    for text in texts:
        assert detect_script(text) == _detect_reference(text), text[:40]


def test_nfkc_matches_unicodedata_next_to_every_changed_character() -> None:
    table, _changed, unsafe = _nfkc_tables()
    rng = random.Random(3)
    partners = list("，。：；（）“”、…　a1 \u0301\u3099\u1161\u11a8e가ㄱㅏ") + [
        chr(c) for c in rng.sample(range(0x20, 0xD7FF), 40)
    ]
    for ch in table:
        for other in partners:
            for s in (ch + other, other + ch, other + ch + other):
                assert nfkc(s) == unicodedata.normalize("NFKC", s), [hex(ord(c)) for c in s]
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
    assert unsafe.search("\u0301") and unsafe.search("\U00020000")


def _find_mentions_reference(gaz: Gazetteer, text: str) -> list[tuple[int, int, str]]:
    from policykg.gazetteer import _FALSE_CONTINUATIONS, _is_street, _is_weak

    out: list[tuple[int, int, str, tuple]] = []
    i, n = 0, len(text)
    while i < n - 1:
        hit = None
        for length in gaz._lengths.get(text[i : i + 2], ()):
            if i + length > n:
                continue
            surface = text[i : i + length]
            if surface in gaz._stops:
                cands: tuple = ()
            elif surface in gaz._names:
                cands = tuple(gaz._names[surface])
            else:
                continue
            nxt = text[i + length] if i + length < n else ""
            if nxt and nxt in _FALSE_CONTINUATIONS.get(surface[-1], ""):
                continue
            if cands and _is_street(text, i + length, surface, cands):
                continue
            if cands and all(_is_weak(c, surface) for c in cands):
                prev = out[-1] if out and out[-1][1] == i else None
                parents = {c.code for c in prev[3]} if prev else set()
                cands = tuple(c for c in cands if c.parent_code in parents)
                if not cands:
                    continue
            hit = (length, cands)
            break
        if hit is None:
            i += 1
            continue
        length, cands = hit
        if cands:
            out.append((i, i + length, text[i : i + length], cands))
        i += length
    return [(s, e, t) for s, e, t, _ in out]


def test_find_mentions_matches_reference_scan() -> None:
    gaz = Gazetteer.default()
    for p in sorted(CORPUS.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        for piece in [text, *text.split("\n")]:
            got = [(m.start, m.end, m.surface) for m in gaz.find_mentions(piece)]
            assert got == _find_mentions_reference(gaz, piece)
