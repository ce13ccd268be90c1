"""Program shapes beyond the quoted name (graph.extract.programs) and what is not a program.

- unquoted brands introduced by a verb: 打造晚霞生辉品牌, 实施传承红色基因工程 (not 打造特色品牌:
  a modifier made only of generic words names no brand);
- titles and labels are not programs: 示范党支部, 最美志愿服务团队, “互动型”;
- an enumerated mechanism: “四链”：组织链、服务链、… / “五个一”即… makes its items components.
Vocabulary: graph/data/program_words.tsv.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.common import HAN, alternation, cn_number, data_rows

_LIST_SEP_RE = re.compile(r"[、，,；;]")


@lru_cache(maxsize=1)
def words() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row[1].split()) for row in data_rows("program_words.tsv")}


@lru_cache(maxsize=1)
def _unquoted_re() -> re.Pattern[str]:
    w = words()
    return re.compile(
        f"(?:{alternation(w['verb'])})了?(?P<np>(?P<mod>[{HAN}]{{2,10}}?)(?P<head>{alternation(w['head'])}))"
        f"(?![{HAN}]{{0,2}}(?:中心|室|基地|站))"
    )


@lru_cache(maxsize=1)
def _generic_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(words()['generic'])})")


def generic_modifier(mod: str) -> bool:
    """A modifier made only of generic words (特色, 党建, 离退休干部 …) names no particular brand."""
    return len(_generic_re().sub("", mod)) < 2


@lru_cache(maxsize=1)
def _head_re() -> re.Pattern[str]:
    from graph.extract.programs import head_end_re

    return head_end_re()


def generic_name(name: str) -> bool:
    """A kind of thing rather than a named one: generic words before a program noun (老党员工作室,
    志愿服务队); a name with a code or a mark of its own (1+4, ·) is never generic."""
    m = _head_re().search(name)
    if m is None or re.search(r"[0-9A-Za-z+·]", name):
        return False
    return m.start() > 0 and generic_modifier(name[: m.start()])


def is_title(name: str) -> bool:
    """An honour, grade or label rather than a program: 示范党支部, 最美志愿服务团队, 互动型."""
    w = words()
    if name.endswith(w["descriptor"]) and len(name) <= 4:
        return True
    if name.startswith(w["award"]) and not name.endswith(("活动", "行动", "工程", "计划")):
        return True
    return name.endswith(w["holder"]) and any(label in name for label in w["label"])


def unquoted_brands(text: str) -> list[tuple[str, str | None, int, int]]:
    """(name, category, start, end) of brands written without quotes after a verb of setting up;
    a 品牌 is the brand's category (打造晚霞生辉品牌 → 晚霞生辉), other heads stay in the name."""
    out = []
    for m in _unquoted_re().finditer(text):
        mod = m["mod"]
        if "“" in mod or generic_modifier(mod) or set(mod) & set("的和与及为在以把被对将了着等"):
            continue
        if is_title(m["np"]):
            continue
        if m["head"] == "品牌":
            out.append((mod, "品牌", m.start("np"), m.end("np")))
        else:
            out.append((m["np"], None, m.start("np"), m.end("np")))
    return out


def enumerated_parts(q: str, after: str) -> list[str] | None:
    """The items a numbered name (“四链”, “五个一”) is spelled out as right after it:
    ：组织链、服务链、… or 即…; their number must be the name's."""
    n = cn_number(re.sub(r"个.*$", "", q)[:2]) or cn_number(q[:1])
    if not n or n < 2 or n > 12:
        return None
    m = re.match(r"\s*(?:[(（])?\s*(?:[^：:，,。]{0,8}?)(?:[:：]|即|包括|就是)\s*", after)
    if not m:
        return None
    rest = after[m.end() :]
    end = re.search(r"[。；;\n)）]", rest)
    items = [i.strip("“”\"' ") for i in _LIST_SEP_RE.split(rest[: end.start() if end else len(rest)])]
    items = [i for i in items if i]
    if len(items) < n or any(not 2 <= len(i) <= 12 for i in items[:n]):
        return None
    return items[:n]


_UNQUOTED_PARTS_RE = re.compile(
    f"(?P<items>[{HAN}]{{2,8}}(?:、[{HAN}]{{2,6}}){{2,11}})(?P<n>[两三四五六七八九十]|\\d{{1,2}})(?:大|项|个)"
    "(?:行动|工程|任务|举措|板块|品牌)"
)


def unquoted_parts(text: str) -> list[tuple[list[str], int, int]]:
    """A written-out list closed by its count (开展银暖助企、银暖治理、…六大行动): its items, when
    the count is theirs; the first item loses the verb before it (as long as the others)."""
    out = []
    for m in _UNQUOTED_PARTS_RE.finditer(text):
        items = m["items"].split("、")
        width = max(len(i) for i in items[1:])
        items[0] = items[0][-width:]
        if cn_number(m["n"]) != len(items) or len(set(items)) != len(items):
            continue
        out.append((items, m.start(), m.end()))
    return out
