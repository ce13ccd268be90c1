"""Chinese personal names: the surname list and the shape of a name (surname + one or two characters).

Shared by ingest (a writer's name after the unit on a byline line) and graph (people named in the
text). Whether a name counts still depends on its context, which each caller judges.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Characters that do not occur in given names here but do in words next to names.
NOT_GIVEN = frozenset(
    "们部委员省市县区镇乡村局党会级各年月日的了和与是有这那个心记任队团组社院校厅处科站等人同老"
)
_HAN_RE = re.compile("[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character, two-character) surnames from ``policykg/data/surnames.txt``."""
    text = resources.files("policykg").joinpath("data/surnames.txt").read_text(encoding="utf-8")
    words = [w for line in text.splitlines() if not line.lstrip().startswith("#") for w in line.split()]
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


def surname_length(text: str, i: int = 0) -> int:
    """Length of the surname starting at text[i] (a two-character one first), 0 when none does."""
    single, double = surnames()
    if text[i : i + 2] in double:
        return 2
    return 1 if text[i : i + 1] in single else 0


def name_shaped(name: str) -> bool:
    """A surname followed by one or two Han characters that can stand in a given name (林奥, 欧阳小明)."""
    n = surname_length(name)
    given = name[n:]
    return bool(n) and 1 <= len(given) <= 2 and bool(_HAN_RE.fullmatch(given)) and NOT_GIVEN.isdisjoint(given)


def names_line(line: str) -> bool:
    """A line of nothing but people's names (张三 李四; a two-character name spaced out: 焦 贺; or the
    names run together once spaces are gone: 张三李四), as a writer's credit under a headline prints them."""
    tokens: list[str] = []
    for token in line.split():
        if len(token) == 1 and tokens and len(tokens[-1]) == 1:
            tokens[-1] += token  # 焦 贺: one name padded to three characters' width
        else:
            tokens.append(token)
    if len(tokens) >= 2:
        return all(name_shaped(t) for t in tokens)
    return len(tokens) == 1 and _run_of_names(tokens[0], 0) >= 2


def _run_of_names(text: str, i: int) -> int:
    """How many names of two or three characters `text[i:]` splits into (0 when it does not)."""
    if i == len(text):
        return 0
    for k in (3, 2):
        if i + k <= len(text) and name_shaped(text[i : i + k]):
            rest = _run_of_names(text, i + k)
            if rest or i + k == len(text):
                return rest + 1
    return 0
