"""A site named by the pinyin initials of its place and office: jsyxlgbj.com (江苏 宜兴 老干部局),
hfswlgbj.gov.cn (合肥 市委 老干部局), hnlgb.gov.cn (河南/湖南/海南 老干部局: the text decides).

Read only where the rest of the address gives no place (see ingest.siteregion); the vocabulary is
``ingest/data/site_initials.tsv`` and the initials column of ``place_pinyin.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ingest import vocab
from ingest.regionrefs import inside, ref_of
from policykg.model import RegionRef

_TABLE = "site_initials.tsv"
_PINYIN = "place_pinyin.tsv"
_MIN_PLACE = 2  # one letter is no place


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    rows = vocab.rows(_TABLE)
    offices = sorted((r[1] for r in rows if r[0] == "office"), key=len, reverse=True)
    levels = sorted((r[1] for r in rows if r[0] == "level"), key=len, reverse=True)
    return re.compile(
        rf"^(?P<place>[a-z]{{{_MIN_PLACE},8}}?)(?P<level>{'|'.join(levels)})?(?:{'|'.join(offices)})$"
    )


@lru_cache(maxsize=1)
def _levels() -> dict[str, frozenset[str]]:
    return {r[1]: frozenset(r[2].split()) for r in vocab.rows(_TABLE) if r[0] == "level" and len(r) > 2}


@lru_cache(maxsize=1)
def _by_initials() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in vocab.rows(_PINYIN)[1:]:
        if len(row) > 3 and row[3]:
            out.setdefault(row[3], []).append(row[1])
    return {k: tuple(v) for k, v in out.items()}


def _provinces(gaz: Any) -> dict[str, list[RegionRef]]:
    out: dict[str, list[RegionRef]] = {}
    for initials, codes in _by_initials().items():
        for code in codes:
            if code.endswith("0000") and (ref := ref_of(gaz, gaz.get(code))) is not None:
                out.setdefault(initials, []).append(ref)
    return out


def _candidates(gaz: Any, place: str) -> list[RegionRef]:
    """Divisions whose initials spell `place`, or a province's initials followed by one of its
    divisions' initials (jsyx → 江苏 + 宜兴市)."""
    table = _by_initials()
    found = [ref for code in table.get(place, ()) if (ref := ref_of(gaz, gaz.get(code))) is not None]
    provinces = _provinces(gaz)
    for cut in range(2, len(place) - _MIN_PLACE + 1):
        for province in provinces.get(place[:cut], []):
            for code in table.get(place[cut:], ()):
                ref = ref_of(gaz, gaz.get(code))
                if ref is not None and ref.code != province.code and inside(ref, province):
                    found.append(ref)
    return found


def initials_region(gaz: Any | None, labels: list[str], named_in: Any) -> RegionRef | None:
    """The one place the initials of a site's label spell (its level checked against the committee
    the label names: sw 市委 → a city or province); several need the page's text to name one
    (`named_in(ref)`)."""
    if gaz is None:
        return None
    for label in labels:
        m = _label_re().match(label)
        if m is None:
            continue
        refs = _candidates(gaz, m["place"])
        if m["level"]:
            allowed = _levels().get(m["level"], frozenset())
            refs = [r for r in refs if r.level in allowed]
        if len(refs) > 1:
            refs = [r for r in refs if named_in(r)]
        if len(refs) == 1:
            return refs[0]
    return None
