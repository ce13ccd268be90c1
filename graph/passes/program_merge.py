"""Merging program mentions into programs, and finding every program name in a text."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from graph.extract.programs import ProgramMention, head_end_re
from graph.store import KnowledgeGraph, name_key


def segment_aliases(name: str) -> list[str]:
    """Short forms a name carries: the last ·-segment when it is a program noun phrase
    (支部力量·红枫行动 → 红枫行动), the part before —— (鸭绿江畔的追忆——… → 鸭绿江畔的追忆)."""

    out = []
    if "·" in name:
        last = name.rsplit("·", 1)[1]
        if len(last) >= 3 and head_end_re().search(last):
            out.append(last)
    if "——" in name:
        first = name.split("——", 1)[0]
        if len(first) >= 4:
            out.append(first)
    return out


def group_programs(
    mentions: list[ProgramMention], owners: list[str] | None = None
) -> dict[str, list[tuple[ProgramMention, str]]]:
    """Merge mentions into programs: same name, same code, or a shared short form — within one
    owner (the province of the writing document, "" when unplaced). Groups of different owners
    are one program only when their shown names are the same: a province's 强市有我·银龄行动,
    called 银龄行动 at home, stays apart from a national 银龄行动."""
    owned = list(zip(mentions, owners or [""] * len(mentions), strict=True))
    elems = list(dict.fromkeys((pm.name, o) for pm, o in owned if not pm.component))
    parent = {e: e for e in elems}

    def find(e: tuple[str, str]) -> tuple[str, str]:
        while parent[e] != e:
            parent[e] = parent[parent[e]]
            e = parent[e]
        return e

    first: dict[str, tuple[str, str]] = {}
    for pm, o in owned:
        keys = [name_key(pm.name), *(name_key(a) for a in segment_aliases(pm.name))]
        if pm.code:
            keys.append("code:" + pm.code)
        for k in (f"{o}|{k}" for k in keys):
            if k in first:
                a, b = find(first[k]), find((pm.name, o))
                if a != b:
                    parent[b] = a
            else:
                first[k] = (pm.name, o)
    groups: dict[tuple[str, str], list[tuple[ProgramMention, str]]] = defaultdict(list)
    for pm, o in owned:
        groups[find((pm.name, o))].append((pm, o))
    out: dict[str, list[tuple[ProgramMention, str]]] = defaultdict(list)
    for members in groups.values():
        pms = [pm for pm, _o in members]
        strong = [pm for pm in pms if not pm.weak] or pms
        canonical = max(sorted({pm.name for pm in strong}), key=lambda n: _name_score(n, pms))
        out[canonical].extend(members)
    return dict(out)


def _name_score(name: str, members: list[ProgramMention]) -> tuple[int, int, int, int]:
    """Which name of a merged program to show: the defined one, a full (not short) form, the most
    frequent, the longest."""
    names = [pm.name for pm in members]
    defines = any(pm.defines and pm.name == name for pm in members)
    short = any(name in segment_aliases(o) for o in set(names))
    return (int(defines), int(not short), names.count(name), len(name))


def text_counter(texts: list[str]) -> Callable[[str], int]:
    """``needle → sum(t.count(needle) for t in texts)``, counted in one joined string: a needle
    without the separator cannot match across two texts, so the counts are the same."""
    sep = "\x00"
    blob = sep.join(texts)

    def count(needle: str) -> int:
        if not needle or sep in needle:
            return sum(t.count(needle) for t in texts)
        return blob.count(needle)

    return count


def plain_phrase(name: str, members: list[ProgramMention], count: Callable[[str], int]) -> bool:
    """A quoted “X”活动 whose X is mostly written as plain words (坚持定期走访慰问) is an ordinary
    activity, not a named one. Names with a program noun, a code, a brand category or a
    definition are always kept."""
    if any(pm.code or pm.defines or pm.name != name or (pm.category or "") != "活动" for pm in members):
        return False
    quoted = count(f"“{name}”")
    plain = count(name) - quoted
    return plain > quoted


class ProgramScanner:
    """Finds every program name or alias in a text, longest first; codes only in quotes (“1335”)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        table: dict[str, str] = {}
        for e in kg.entities("program"):
            if e.attributes.get("component_of"):
                continue
            for n in [e.name, *e.aliases]:
                if e.attributes.get("code") == n or re.fullmatch(r"[0-9A-Za-z+\-]+", n):
                    table.setdefault(f"“{n}”", e.id)
                elif len(n) >= 3 and len(n) <= 40:
                    table.setdefault(n, e.id)
        self.table = table
        alts = sorted(table, key=lambda n: -len(n))
        self.rx = re.compile("|".join(re.escape(a) for a in alts)) if alts else None

    def scan(self, text: str) -> list[tuple[str, int, int]]:
        if self.rx is None:
            return []
        return [(self.table[m.group()], m.start(), m.end()) for m in self.rx.finditer(text)]
