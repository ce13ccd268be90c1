"""Text folding shared by index and query side: width (NFKC), traditional→simplified, spaces.

Conversion is applied only to text detected as traditional: running OpenCC t2s over simplified
text damages it (显著→显着). `fold_with_offsets` keeps a map from folded positions back to the
original string so highlights can be drawn on the original script.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from policykg.model import Script

_SPACE_RE = re.compile(r"[ \t\u3000\u00a0]+")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2t")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def detect_script(text: str, sample: int = 20000) -> Script:
    """Traditional when clearly more Han characters change under t2s than under s2t.

    A simplified text has almost no characters that t2s changes; a traditional one has many
    (離退休幹部黨建 → 离退休干部党建). Ratios, not counts, so short texts work too.
    """
    han = "".join(ch for ch in text[:sample] if _is_han(ch))
    if not han:
        return "simplified"
    to_simplified = _t2s().convert(han)
    changed_t2s = sum(1 for a, b in zip(han, to_simplified, strict=False) if a != b)
    to_traditional = _s2t().convert(han)
    changed_s2t = sum(1 for a, b in zip(han, to_traditional, strict=False) if a != b)
    if changed_t2s >= 2 and changed_t2s > changed_s2t:
        return "traditional"
    if len(han) <= 8 and changed_t2s >= 1 and changed_s2t == 0:
        return "traditional"
    return "simplified"


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def fold(text: str, script: Script | None = None) -> str:
    """The search form of a text: NFKC, t→s when traditional (detected if not given), spaces squeezed."""
    folded = nfkc(text)
    if script is None:
        script = detect_script(folded)
    if script == "traditional":
        folded = to_simplified(folded)
    return _SPACE_RE.sub(" ", folded).strip()


def fold_with_offsets(text: str, script: Script) -> tuple[str, list[int]]:
    """Fold without squeezing spaces; return (folded, origin) with origin[i] = index in `text`.

    origin has len(folded) + 1 entries (the last maps the end). NFKC is applied per character so
    expansions (㈠ → (一)) keep a mapping; t→s is applied to the whole string and kept only when it
    preserves length, else per character.
    """
    pieces: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch) or ch
        pieces.append(norm)
        origin.extend([i] * len(norm))
    folded = "".join(pieces)
    if script == "traditional":
        converted = to_simplified(folded)
        if len(converted) != len(folded):
            converted = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in folded)
        folded = converted
    origin.append(len(text))
    return folded, origin
