"""Party branches named in text: 阿吉镇离退休党支部, 幸福湾社区离退休党支部, 工作处第十九党支部.

A branch needs a specific place or unit before 党支部: a town from the gazetteer, or a named
community/village/compound (钟山柳岸社区). Generic ones (社区离退休党支部, 贫困村党支部, 联合党支部)
are not entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.common import HAN
from graph.extract.regions import find_regions, region_ending_at
from policykg.gazetteer import Gazetteer, Region
from policykg.model import Clause

_BRANCH_RE = re.compile(
    r"(?P<mid>离退休干部|离退休|老干部)?(?P<kind>联合党支部|功能性党支部|临时党支部|党总支|党支部)"
)
_PLACE_UNITS = ("街道", "社区", "小区", "镇", "乡", "村")
_STOP_NAME_CHARS = set("的在了和与为等及各本该这其每所是从到把向对我全")
_GENERIC_NAMES = {
    "乡镇",
    "城乡",
    "基层",
    "农村",
    "城市",
    "贫困",
    "所在",
    "居住",
    "辖区",
    "相关",
    "城镇",
    "一个",
    "当地",
}
_ORDINAL_RE = re.compile(f"(?P<pre>[{HAN}]{{2,4}})第(?P<n>[一二三四五六七八九十百0-9]+)(?:离退休)?党支部")


@dataclass(frozen=True)
class BranchMention:
    name: str  # canonical: from the lowest place down (阿吉镇离退休党支部)
    surface: str
    clause_id: str
    start: int
    end: int
    region: Region | None = None  # the town when the gazetteer knows it
    organization: str | None = None  # the unit it belongs to, when written (辽宁大学离退休工作处)


def _walk_back(text: str, end: int, max_len: int = 6) -> int | None:
    """Start of the name that ends at `end`: back to a clear boundary (punctuation, 的, 在 …), or
    None when there is none within `max_len` characters (then it would take in verbs: 积极协助…)."""
    i = end
    while i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff" and text[i - 1] not in _STOP_NAME_CHARS:
        i -= 1
        if end - i > max_len:
            return None
    return i


def find_branches(
    clause: Clause, gaz: Gazetteer, context_codes: tuple[str, ...], acting_org: str | None = None
) -> list[BranchMention]:
    text = clause.search_text
    out: list[BranchMention] = []
    if "党支部" not in text and "党总支" not in text:
        return out  # every branch pattern below ends with one of them
    for m in _BRANCH_RE.finditer(text):
        place_end = m.start()
        unit = next((u for u in _PLACE_UNITS if text[:place_end].endswith(u)), None)
        if unit is None:
            continue
        run = region_ending_at(gaz, text, place_end, context_codes)
        region = None
        if run and run[-1].region.level == "town":
            region = run[-1].region
            name_start = run[-1].start
            surface_start = run[0].start
        else:
            back = _walk_back(text, place_end - len(unit))
            if back is None or place_end - len(unit) - back < 2:
                continue
            surface_start = name_start = back
            # a leading place name (沈阳市红巾社区) is part of the surface, not of the name
            for hit in find_regions(gaz, text[back : place_end - len(unit)], context_codes):
                if hit.start != name_start - back:
                    break
                name_start = back + hit.end
            if place_end - len(unit) - name_start < 2:
                continue
        place = text[name_start : place_end - len(unit)]
        if not place or place[0] in "省市县区镇乡村" or place.endswith(("社区", "街道", "小区")):
            continue
        if place in _GENERIC_NAMES or any(g in place for g in ("贫困", "所在", "居住")):
            continue
        name = text[name_start : m.end()]
        out.append(
            BranchMention(name, text[surface_start : m.end()], clause.id, surface_start, m.end(), region)
        )
    if acting_org:
        for m in _ORDINAL_RE.finditer(text):
            pre = m.group("pre")
            tail = next((pre[k:] for k in range(len(pre) - 1) if acting_org.endswith(pre[k:])), None)
            if not tail:
                continue
            start = m.start() + len(pre) - len(tail)
            name = acting_org + text[start + len(tail) : m.end()]
            out.append(
                BranchMention(name, text[start : m.end()], clause.id, start, m.end(), None, acting_org)
            )
    out.sort(key=lambda b: b.start)
    return out
