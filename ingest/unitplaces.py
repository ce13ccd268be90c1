"""Where a unit sits when its name does not say it, or says less: 吉林大学 is in 长春市 (not 吉林市),
河北工业大学 in 天津, 河南工业大学 in 郑州市 (its name says only 河南).

Two public lists with their sources, never the schools of particular pages: ``unit_places.tsv``
(reviewed exceptions and customary short forms, a place path each) and ``universities.tsv``
(教育部《全国高等学校名单》: every institution with the city it sits in and its 学校标识码, whose
digits 3–4 are its province's code). docregion asks them before reading a place out of the name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest import vocab

_TABLE = "unit_places.tsv"
_SCHOOLS = "universities.tsv"
# where a school's name can end: 大学 / 学院 / 学校, perhaps with its campus in brackets (（北京）)
_SCHOOL_END_RE = re.compile(r"(?:大学(?!生)|学院|学校)(?:（[^（）]{1,8}）)?")  # 湖南大学生: students
_SCHOOL_MAX = 24  # the longest listed name is shorter


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, str], ...]:
    """(unit, place) pairs, longest unit first (中国矿业大学（北京） before 中国矿业大学)."""
    pairs = {(r[0], r[1]) for r in vocab.rows(_TABLE) if len(r) > 1 and r[0] and r[1]}
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def place_of_unit(name: str) -> str | None:
    """The place path (吉林省长春市) of the listed unit that `name` contains (吉林大学离退休工作处), or None.

    `name` is folded (simplified) text."""
    for unit, place in _entries():
        at = name.find(unit)
        if at >= 0 and not (unit.endswith("大学") and name.startswith("生", at + len(unit))):
            return place  # (湖南大学生志愿者: students, not the school)
    return None


@lru_cache(maxsize=1)
def _schools() -> dict[str, tuple[str, str]]:
    """Listed school name → (province code, city), names with full-width brackets."""
    out: dict[str, tuple[str, str]] = {}
    for row in vocab.rows(_SCHOOLS):
        if len(row) >= 3 and row[1] and len(row[2]) == 10 and row[2].isdigit():
            out.setdefault(_full_width(row[0]), (row[2][2:4] + "0000", row[1]))
    return out


def _full_width(name: str) -> str:
    return name.replace("(", "（").replace(")", "）")


def school_place(name: str) -> tuple[str, str] | None:
    """(province code, city) of the listed school whose full name `name` contains (河南工业大学离退休
    工作处 → ("410000", "郑州市")); None when no listed school is named. `name` is folded text."""
    found = listed_school(name)
    return _schools()[found] if found else None


def listed_school(name: str) -> str | None:
    """The listed school's full name that `name` contains (我们长安大学 → 长安大学), the longest when
    several end at the same place.

    Looked up by the words a school's name ends with, so a name costs a few dictionary lookups, not a
    scan of the list."""
    if "大学" not in name and "学院" not in name and "学校" not in name:
        return None
    text = _full_width(name)
    schools = _schools()
    best = ""
    for m in _SCHOOL_END_RE.finditer(text):
        for end in {m.end(), m.start() + 2}:  # with and without the campus in brackets
            for start in range(max(0, end - _SCHOOL_MAX), end - 3):
                candidate = text[start:end]
                if candidate in schools:
                    if len(candidate) > len(best):
                        best = candidate
                    break  # the first start is the longest name ending here
    return best or None
