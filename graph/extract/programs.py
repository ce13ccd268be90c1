"""Programs and brands: named campaigns, brands, mechanisms and methods, found by patterns.

A quoted name is a program when
  (A) a category follows it: “支部力量·红枫行动”党建品牌创建活动, “本色家园”离退休干部党建品牌;
  (B) a program noun follows it, which then belongs to the name: “134”工作模式 → 134工作模式,
      “雷锋精神”红色宣讲团 → 雷锋精神红色宣讲团;
  (C) it ends with a program noun itself: “枫采课堂”, “校园先锋工程”.
A code-like quote (1335, 1+4+N, 双五百) keeps the code as an alias. ``(简称“1335”…机制)`` defines a
program in the document that writes it (with the spelled-out form as an alias). An enumeration of
short items (（一）打造“枫林逸景”。…（六）聚力“枫耀辽宁”。) makes its items sub-programs of the
program named just before; a quoted list with a matching count (“思想教育、组织建设…”五大任务)
makes components. Quoted political formulas (“四个意识”, “三会一课”) are concepts, and quoted
slogans (with commas) are nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.extract.brands import enumerated_parts, generic_name, is_title, unquoted_brands, unquoted_parts
from graph.extract.common import (
    HAN,
    NUMERAL,
    Span,
    alternation,
    cn_number,
    data_lines,
    first_sentence,
    quoted,
    sentences,
)
from policykg.model import Clause

_CODE_RE = re.compile(r"[0-9A-Za-z+\-一二两三四五六七八九十百千双]{1,8}")
_NUMERIC_LEAD_RE = re.compile(r"[0-9一二两三四五六七八九十百千双][个项大步]?.{0,3}")
_NUMERIC_CONCEPT_RE = re.compile(f"(?:两|[一二三四五六七八九十]+)个[{HAN}]{{2,6}}")
_SLOGAN_CHARS = set(",，。;；:：!?！？")
_FUNCTION_CHARS = set("的和与及为在以把被对将了着过等是向从到并或")
_NUMBERING = r"(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.]|\d+[.、．]|[一二三四五六七八九十]是)?"
_ITEM_RE = re.compile(f"^\\s*{_NUMBERING}\\s*(?P<verb>[{HAN}]{{1,3}})“(?P<q>[^”“]{{2,12}})”\\s*$")
_HEADING_RE = re.compile(
    f"^\\s*{_NUMBERING}\\s*(?:实施|开展|推进|打造|创建|启动|推行)(?P<np>[{HAN}]{{4,14}}?(?:工程|行动|计划))\\s*$"
)
_ABBREV_RE = re.compile(r"[(（]\s*简称\s*“(?P<q>[^”]{1,16})”(?P<rest>[^()（）]{0,20}?)\s*[)）]")
_LIST_COUNT_RE = re.compile(
    f"^(?P<n>{NUMERAL})(?:大|项|个|方面)(?:任务|举措|载体|工程|品牌|行动|内容|板块|工作|职能)"
)
_LAUNCH_VERB_RE = re.compile(r"(?:开展|深入推进|推进|实施|创建|建立|启动|推行|打造|推广)$")


@lru_cache(maxsize=1)
def concepts() -> frozenset[str]:
    return frozenset(data_lines("concepts.txt"))


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    return tuple(sorted(set(data_lines("program_heads.txt")), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def head_end_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(_heads())})$")


@lru_cache(maxsize=1)
def _category_res() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(line) for line in data_lines("program_categories.txt"))


@lru_cache(maxsize=1)
def _head_np_re() -> re.Pattern[str]:
    return re.compile(f"(?P<mod>[{HAN}]{{0,12}}?)(?P<head>{alternation(_heads())})")


def is_concept(q: str) -> bool:
    q2 = q.replace(",", "、").replace("，", "、")
    if q2 in concepts():
        return True
    # “四个意识”, “三个有利于” — but “五个一工程” names a program
    return bool(_NUMERIC_CONCEPT_RE.fullmatch(q2)) and not re.search("(?:工程|行动|活动|计划|课堂|讲堂)$", q2)


def is_code(q: str) -> bool:
    """A code-like name that needs its noun: 1335, 1+4+N, 双五百, 六个一."""
    return bool(_CODE_RE.fullmatch(q)) or (
        len(q) <= 4
        and bool(_NUMERIC_LEAD_RE.fullmatch(q))
        and q[0] in "0123456789一二两三四五六七八九十百千双"
    )


@dataclass(slots=True)
class ProgramMention:
    name: str
    clause_id: str
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)
    category: str | None = None
    code: str | None = None
    weak: bool = False  # the bare code with only a category after it: a fuller name wins a merge
    defines: bool = False  # 简称 definition: the writing document establishes it
    parent: str | None = None  # enumerated under this program (a name as written)
    component: bool = False  # a named part of a mechanism (思想教育): scoped to its parent


@dataclass(slots=True)
class ConceptMention:
    name: str
    clause_id: str
    start: int
    end: int


@dataclass(slots=True)
class ComponentList:
    items: list[str]
    clause_id: str
    start: int
    end: int
    unquoted: bool = False  # 开展A、B、C三大行动: its program may be named in an earlier paragraph


def _boundary_ok(after: str) -> bool:
    """A program noun is not the start of a longer place/thing noun (活动中心, 活动室 …)."""
    return not re.match(r"(?:中心|室|场所|阵地|基地|站点)", after)


def classify_quote(q: str, after: str) -> tuple[str, str | None, bool] | None:
    """(name, category, weak) when the quoted `q` followed by `after` is a program, else None."""
    q = q.strip()
    if len(q) < 2 or len(q) > 24 or any(c in _SLOGAN_CHARS for c in q) or "“" in q:
        return None
    if is_concept(q):
        return None
    code = is_code(q)
    has_list = "、" in q
    # (B) a program noun right after the quote belongs to the name
    m = _head_np_re().match(after)
    if m:
        mod, head = m.group("mod"), m.group("head")
        limit = 12 if code else 6
        fits = len(mod) <= limit and not (set(mod) & _FUNCTION_CHARS) and _boundary_ok(after[m.end() :])
        # a quoted list only with a method noun (“五求、五心”工作法); 活动/行动 after a plain name
        # is its category (A below), not part of it
        list_ok = not has_list or head in ("工作法", "模式", "工作模式", "管理模式", "机制", "工作机制")
        # a bare 模式 after a plain phrase is a manner (“文化养老”模式), not a named model
        bare_manner = head == "模式" and not mod and not code and "+" not in q
        if fits and list_ok and not bare_manner and (code or head not in ("活动", "行动", "专项行动")):
            return q + mod + head, None, False
    if has_list:
        return None
    # (A) a category: the quote alone is the name
    for cre in _category_res():
        cm = cre.match(after)
        if cm and cm.group():
            category = cm.group()
            if code:
                last = "活动" if category.endswith("活动") else "行动" if category.endswith("行动") else ""
                return (q + last if last else q), category, not last
            return q, category, False
    # (C) the quote ends with a program noun
    if len(q) >= 3 and head_end_re().search(q) and not code and _boundary_ok(after):
        return q, None, False
    return None


def _code_of(q: str) -> str | None:
    return q if is_code(q) else None


def find_programs(clause: Clause) -> tuple[list[ProgramMention], list[ConceptMention], list[ComponentList]]:
    """Programs, concepts and component lists written in one clause."""
    text = clause.search_text
    programs: list[ProgramMention] = []
    concepts_found: list[ConceptMention] = []
    lists: list[ComponentList] = []
    spans = quoted(text)
    topics = _topic_runs(text, spans)
    for span in spans:
        after = text[span.end + 1 : span.end + 1 + 20]
        q = span.text.strip()
        if span.start in topics:
            continue  # “政治引领”“组织建设”“制度机制”三个方面: topics, not programs
        if is_concept(q):
            concepts_found.append(ConceptMention(_concept_name(q), clause.id, span.start - 1, span.end + 1))
            continue
        if "、" in q and (lst := _component_list(q, after)):
            lists.append(ComponentList(lst, clause.id, span.start - 1, span.end + 1))
            continue
        got = classify_quote(q, after)
        parts = enumerated_parts(q, text[span.end + 1 : span.end + 121]) if is_code(q) else None
        if parts:
            # “四链”：组织链、服务链、… — the mechanism and its named parts
            lists.append(ComponentList(parts, clause.id, span.end + 1, span.end + 1))
            got = got or (q, None, False)
        if got is None:
            continue
        name, category, weak = got
        end = span.end + 1 + max(0, len(name) - len(q)) if name.startswith(q) else span.end + 1
        pm = ProgramMention(name, clause.id, span.start - 1, end, category=category, weak=weak)
        code = _code_of(q)
        if code:
            pm.code = code
            if name != q:
                pm.aliases.append(q)
        programs.append(pm)
    for m in _ABBREV_RE.finditer(text):
        q, rest = m.group("q").strip(), m.group("rest").strip()
        got = classify_quote(q, rest)
        if got is None:
            continue
        name, category, weak = got
        pm = ProgramMention(name, clause.id, m.start(), m.end(), category=category, weak=weak, defines=True)
        if _code_of(q):
            pm.code = q
        if q != name:
            pm.aliases.append(q)
        long_form = _quote_before(spans, m.start())
        if long_form:
            pm.aliases.append(long_form)
        # the same quote was also classified above: keep the definition only
        programs = [p for p in programs if not (m.start() <= p.start < m.end())]
        programs.append(pm)
    first = first_sentence(text)
    for s, e in [first] if first else []:
        hm = _HEADING_RE.match(text[s:e])
        if hm and not is_concept(hm.group("np")) and "“" not in hm.group("np"):
            np = hm.group("np")
            programs.append(ProgramMention(np, clause.id, s + hm.start("np"), s + hm.end("np")))
    for items, start, end in unquoted_parts(text):
        lists.append(ComponentList(items, clause.id, start, end, unquoted=True))
    taken = [(p.start, p.end) for p in programs]
    for name, category, start, end in unquoted_brands(text):
        if not any(s <= start < e or start <= s < end for s, e in taken):
            programs.append(ProgramMention(name, clause.id, start, end, category=category, weak=True))
    programs = [p for p in programs if not is_title(p.name) and not generic_name(p.name)]
    programs.sort(key=lambda p: p.start)
    return programs, concepts_found, lists


def _topic_runs(text: str, spans: list[Span]) -> set[int]:
    """Starts of quotes written back to back (“A”“B”“C” or “A”、“B”) and closed by a count or 等:
    a list of topics or areas, whose items are not names of programs."""
    out: set[int] = set()
    run: list[Span] = []

    def close(run: list[Span]) -> None:
        if len(run) >= 2 and re.match(
            f"(?:{NUMERAL}(?:个|大|项)|等)", text[run[-1].end + 1 : run[-1].end + 6]
        ):
            out.update(s.start for s in run)

    for span in spans:
        if run and text[run[-1].end + 1 : span.start - 1] in ("", "、", ","):
            run.append(span)
        else:
            close(run)
            run = [span]
    close(run)
    return out


def _concept_name(q: str) -> str:
    return q.replace(",", "、").replace("，", "、")


def _quote_before(spans: list[Span], pos: int) -> str | None:
    """The quoted text closing right before `pos` (the spelled-out form before 简称)."""
    for span in spans:
        if 0 <= pos - (span.end + 1) <= 1 and ("、" in span.text or len(span.text) >= 6):
            return span.text
    return None


def _component_list(q: str, after: str) -> list[str] | None:
    items = [i.strip() for i in q.split("、")]
    if len(items) < 3 or any(not (2 <= len(i) <= 8) for i in items):
        return None
    m = _LIST_COUNT_RE.match(after)
    if not m or cn_number(m.group("n")) != len(items):
        return None
    return items


@dataclass
class ItemSentence:
    clause_index: int
    sentence_index: int  # running index over the document's sentences
    name: str
    clause_id: str
    start: int
    end: int


def item_sentences(clauses: list[Clause]) -> list[ItemSentence]:
    """Sentences that are only a verb and a quoted name: 打造“枫林逸景”。"""
    out: list[ItemSentence] = []
    running = 0
    for ci, clause in enumerate(clauses):
        text = clause.search_text
        for s, e in sentences(text):
            m = _ITEM_RE.match(text[s:e])
            if m and not is_concept(m.group("q")) and not any(c in _SLOGAN_CHARS for c in m.group("q")):
                q = m.group("q").strip()
                out.append(ItemSentence(ci, running, q, clause.id, s + m.start("q") - 1, s + m.end("q") + 1))
            running += 1
    return out


def enumerations(items: list[ItemSentence], min_items: int = 3, max_gap: int = 5) -> list[list[ItemSentence]]:
    """Runs of item sentences close to each other (an enumerated list)."""
    runs: list[list[ItemSentence]] = []
    for it in items:
        if (
            runs
            and it.sentence_index - runs[-1][-1].sentence_index <= max_gap
            and it.clause_index - runs[-1][-1].clause_index <= 3
        ):
            runs[-1].append(it)
        else:
            runs.append([it])
    return [r for r in runs if len(r) >= min_items]


def title_launch_quotes(title: str) -> list[str]:
    """Quoted names a title says it launches: 关于开展“X”… / 关于推进“X”…"""
    out = []
    for span in quoted(title):
        if _LAUNCH_VERB_RE.search(title[max(0, span.start - 1 - 6) : span.start - 1]):
            out.append(span.text.strip())
    return out
