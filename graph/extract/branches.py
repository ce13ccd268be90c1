"""Party branches named in text: 阿吉镇离退休党支部, 江门市公安局离退休干部第一党支部, 离退休第八党支部.

A branch is a 党支部 / 党总支 (or a 联合/临时/功能性 one) written after a particular unit or place:
a town from the gazetteer, or a run of characters ending in a unit suffix (局, 学院, 社区 …) back to
a clear boundary (punctuation, a verb: graph/data/branch_words.tsv). Ordinal forms (离退休第八党支部)
belong to the document's acting unit when the text does not name one; "第二和第十二党支部" names two.
Generic ones (社区离退休党支部, 贫困村党支部, 示范党支部 — labels and awards) are not entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.common import HAN, alternation, data_rows
from graph.extract.regions import find_regions, region_ending_at
from policykg.gazetteer import Gazetteer, Region
from policykg.model import Clause

_MID = r"离退休干部职工|离退休干部|退休老干部|离退休人员|离退休|离休干部|退休干部|退休教工|退休|老干部"
_ORD = r"[一二三四五六七八九十百0-9]+"
_BRANCH_RE = re.compile(
    f"(?P<mid>{_MID})?(?P<ord>第{_ORD}(?:(?:和|、|及|与)第{_ORD})*|[一二三四五六七八九十])?"
    f"(?P<mid2>{_MID})?(?P<kind>联合党支部|功能性党支部|临时党支部|党总支|党支部|党小组(?!长))"
)
_ORD_ITEM_RE = re.compile(f"第{_ORD}")
_MAX_UNIT = 18


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row[1].split()) for row in data_rows("branch_words.tsv")}


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(_words()['suffix'])})$")


@lru_cache(maxsize=1)
def _cut_re() -> re.Pattern[str]:
    return re.compile(alternation(_words()["cut"]))


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    return re.compile(alternation(_words()["label"]))


@dataclass(frozen=True, slots=True)
class BranchMention:
    name: str  # canonical: from the lowest place down (阿吉镇离退休党支部)
    surface: str
    clause_id: str
    start: int
    end: int
    region: Region | None = None  # the town, or the place the unit's name starts with
    organization: str | None = None  # the unit it belongs to, when written (江门市公安局)


def _unit_start(text: str, end: int) -> int:
    """Start of the unit name ending at `end`: back over Han characters to a boundary, then after
    the last word that cannot be part of a name."""
    i = end
    while i > 0 and end - i < _MAX_UNIT and re.match(f"[{HAN}]", text[i - 1]):
        i -= 1
    window = text[i:end]
    cut = 0
    for m in _cut_re().finditer(window):
        # a cut word at the very end would leave no name: 成立了…党支部 is handled by the caller
        cut = max(cut, m.end())
    return i + cut


def _acting_tail(unit: str, acting_org: str | None) -> bool:
    """The written unit is the tail of the acting unit's name (工作处 of 吉林大学离退休工作处)."""
    return bool(acting_org) and len(unit) >= 2 and acting_org.endswith(unit)  # type: ignore[union-attr]


def _is_generic(unit: str) -> bool:
    words = _words()
    numbered = re.search(r"\d|[一二三四五六七八九十百千万余多几]+[个名位家]", unit)
    return unit in words["generic"] or bool(_label_re().search(unit)) or bool(numbered)


def find_branches(
    clause: Clause, gaz: Gazetteer, context_codes: tuple[str, ...], acting_org: str | None = None
) -> list[BranchMention]:
    text = clause.search_text
    out: list[BranchMention] = []
    if "党支部" not in text and "党总支" not in text and "党小组" not in text:
        return out  # every branch pattern below ends with one of them
    for m in _BRANCH_RE.finditer(text):
        if m["ord"] and not m["ord"].startswith("第") and not (m["mid"] or m["mid2"]):
            continue  # 西安一党支部: a bare numeral needs 离退休/退休 … to be an ordinal
        out.extend(_mentions(clause, text, m, gaz, context_codes, acting_org))
    out.sort(key=lambda b: b.start)
    return out


def _mentions(
    clause: Clause,
    text: str,
    m: re.Match[str],
    gaz: Gazetteer,
    codes: tuple[str, ...],
    acting_org: str | None,
) -> list[BranchMention]:
    unit_end = m.start()
    run = region_ending_at(gaz, text, unit_end, codes)
    if run and run[-1].region.level == "town":
        # a town of the gazetteer: the name starts at the town, the surface at the run
        town = run[-1]
        name = text[town.start : m.end()]
        return [
            BranchMention(name, text[run[0].start : m.end()], clause.id, run[0].start, m.end(), town.region)
        ]
    start = _unit_start(text, unit_end)
    unit = text[start:unit_end]
    rest = text[unit_end : m.end()]
    if _label_re().search(rest):
        return []
    if _acting_tail(unit, acting_org):
        return _named(clause, m, acting_org + rest, start, None, acting_org)  # type: ignore[operator]
    if not unit and m["ord"] and m["ord"].startswith("第") and acting_org:
        return _named(clause, m, acting_org + rest, m.start(), None, acting_org)
    if len(unit) < 2 or _is_generic(unit) or not _suffix_re().search(unit):
        return []
    if unit[0] in "省市县区镇乡村" and len(unit) <= 3:
        return []  # 镇机关, 市委: the bodies of a place, not a named unit
    hits = find_regions(gaz, unit, codes)
    leading = [h for h in hits if h.start == 0]
    place = next((p for p in _words()["place"] if unit.endswith(p)), None)
    if place:
        # a named place: a leading region (沈阳市红巾社区) belongs to the surface, not the name
        name_start = 0
        for h in hits:
            if h.start != name_start:
                break
            name_start = h.end
        core = unit[name_start:]
        own = core[: -len(place)]
        vague = any(w in own for w in _words()["vague"])
        if not 2 <= len(own) <= 8 or core[0] in "省市县区镇乡村" or _is_generic(own) or vague:
            return []
        region = hits[-1].region if hits and name_start else None
        return _named(clause, m, core + rest, start, region, None, surface_start=start)
    region = leading[-1].region if leading else None
    # the unit is an organization of its own only when its name says where it is (江门市公安局,
    # 市公安局朝阳分局); 院直机关, 财政局 alone name no particular unit
    placed = bool(leading) or (unit[0] in "省市县区" and len(unit) >= 4)
    return _named(clause, m, unit + rest, start, region, unit if placed else None)


def _named(
    clause: Clause,
    m: re.Match[str],
    name: str,
    start: int,
    region: Region | None,
    organization: str | None,
    surface_start: int | None = None,
) -> list[BranchMention]:
    """One mention, or one per ordinal of a list (离退休第二和第十二党支部)."""
    text = clause.search_text
    surface = text[surface_start if surface_start is not None else start : m.end()]
    ords = _ORD_ITEM_RE.findall(m["ord"] or "")
    if len(ords) <= 1:
        return [BranchMention(name, surface, clause.id, start, m.end(), region, organization)]
    head = name[: len(name) - len(text[m.start("ord") : m.end()])]
    tail = (m["mid2"] or "") + m["kind"]
    return [
        BranchMention(head + o + tail, surface, clause.id, start, m.end(), region, organization) for o in ords
    ]
