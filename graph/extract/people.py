"""People: speakers and authors (from metadata) and people named in text as exemplars or leaders.

A name is a surname from a list plus one or two characters, and only counts in a person context:
a role right before it (老党员, 党支部书记, 中组部常务副部长 …) with a boundary after it, 同志 right
after it, or a list of such names closed by 等 / N名. Names once accepted in a document are then
found everywhere in it. Spaced-out names (刘 文 生) are matched with optional spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.common import HAN, alternation, data_lines, data_words, sentence_at
from policykg.model import Clause
from policykg.personnames import NOT_GIVEN, surname_length, surnames

_BOUNDARY_RE = re.compile(
    r"(?:同志|等|、|,|，|。|;|；|:|：|\)|）|”|\s|\d|为|在|带领|担任|撰写|荣获|获得|获|捐|义务|先后|是|作|和|与|主持|强调|提出"
    r"|接受|始终|把|自费|牺牲|围绕|局长|部长|副部长|常务副部长|书记|主任|的|也|还|亲自|指出|表示|率先|被|从|通过|利用|发挥"
    r"|创作|就|已|于|开设|带头|多次|对|将|向|以|参加|组织|同|成立|组建|报道|高兴|介绍|说|$)"
)
# Characters that do not occur in given names here but do in words next to names.
_HAN_RUN_RE = re.compile("[\u4e00-\u9fff]+")
_LIST_END_RE = re.compile(r"(?:等|[0-9一二三四五六七八九十]+\s*(?:名|位|人))")


@lru_cache(maxsize=1)
def _surname_start_re() -> re.Pattern[str]:
    """A character a surname can start with: where `find_people` has something to look at."""
    single, double = surnames()
    chars = sorted(single | {w[0] for w in double})
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


@lru_cache(maxsize=1)
def _list_re() -> re.Pattern[str]:
    item = f"[{HAN}]{{2,4}}?"
    return re.compile(f"{item}(?:、{item})+(?={_LIST_END_RE.pattern})")


@lru_cache(maxsize=1)
def _role_re() -> re.Pattern[str]:
    # a byline writes a colon or a space between the role and the name (作者：…, 通讯员 …)
    return re.compile(f'(?:{alternation(data_lines("person_roles.txt"))})[”"]?[:：\\s]?$')


@lru_cache(maxsize=1)
def _role_anywhere_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(data_lines('person_roles.txt'))})")


@dataclass(frozen=True, slots=True)
class PersonMention:
    name: str
    clause_id: str
    start: int
    end: int
    role: str | None = None  # the role written before the name, e.g. 老党员, 党支部书记
    context: str = ""  # the sentence, for "cited for"


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's dictionary with part-of-speech tags (loaded on the first candidate name)."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def common_word(cand: str) -> bool:
    """A dictionary word that is not a personal name (余热, 满意, 高度): a surname character
    followed by ordinary word characters, not a name."""
    tag = _word_tags().get(cand)
    return tag is not None and not tag.startswith("nr")


def _is_name(cand: str, surname_len: int) -> bool:
    given = cand[surname_len:]
    if not 1 <= len(given) <= 2 or not _HAN_RUN_RE.fullmatch(given) or not NOT_GIVEN.isdisjoint(given):
        return False
    not_names = data_words("not_names.txt")
    if cand in not_names or cand[:2] in not_names:
        return False
    if common_word(cand) or common_word(cand[:2]):
        return False
    # a given name that is a verb of the dictionary (相关负责人 → 关负责) is a word, not a name
    return len(given) < 2 or _word_tags().get(given) not in ("v", "d", "c", "p", "u")


def _given_start(ch: str) -> bool:
    """Whether a given name can start with `ch` (as `_is_name` requires of its first character)."""
    return "\u4e00" <= ch <= "\u9fff" and ch not in NOT_GIVEN


def _role_before(text: str, i: int) -> str | None:
    m = _role_re().search(text[max(0, i - 12) : i])
    return m.group().strip('”": ：\t') if m else None


def find_people(clause: Clause) -> list[PersonMention]:
    text = clause.search_text
    out: list[PersonMention] = []
    taken_until = -1
    # Without any role word or 同志 in the clause no name below can be accepted.
    candidates = (
        _surname_start_re().finditer(text) if "同志" in text or _role_anywhere_re().search(text) else ()
    )
    for m in candidates:
        i = m.start()
        if i < taken_until:
            continue
        sl = surname_length(text, i)
        if not sl or not _given_start(text[i + sl : i + sl + 1]):
            continue
        # A name needs a role before it or 同志 right after it (after a one- or two-character given name).
        role = _role_before(text, i)
        if not role and text.find("同志", i + sl + 1, i + sl + 4) < 0:
            continue
        options: list[tuple[int, str, bool, bool]] = []  # (length, name, 同志 after, boundary after)
        for total in (sl + 2, sl + 1):
            cand = text[i : i + total]
            if len(cand) < total or not _is_name(cand, sl):
                continue
            comrade = text.startswith("同志", i + total)
            # a role right after the name (记者甲乙通讯员丙丁) ends it as well
            boundary = _BOUNDARY_RE.match(text, i + total) is not None or bool(
                _role_anywhere_re().match(text, i + total)
            )
            if comrade or boundary:
                options.append((total, cand, comrade, boundary))
        if not options or _role_before(text, i + 1):
            continue  # the surname char ends a role word (主席罗彬: 席 is not a surname here)
        for total, cand, comrade, boundary in options:
            if comrade or (role and boundary):
                s, e = sentence_at(text, i)
                out.append(PersonMention(cand, clause.id, i, i + total, role, text[s:e].strip()))
                taken_until = i + total
                break
    out.extend(_lists(clause, out))
    out.extend(_byline(clause, out))
    out.sort(key=lambda p: p.start)
    return out


def _lists(clause: Clause, found: list[PersonMention]) -> list[PersonMention]:
    """Names in a 、-list closed by 等 / N名 where the items are all plain names."""
    text = clause.search_text
    out: list[PersonMention] = []
    if "、" not in text:
        return out  # a list needs its 、
    for m in _list_re().finditer(text):
        parts = m.group().split("、")
        names = []
        # the first item may carry words before the name (涌现出了石建章): keep its last 2–3 chars
        first = parts[0]
        for size in (3, 2):
            cand = first[-size:]
            sl = surname_length(cand, 0)
            if sl and _is_name(cand, sl):
                names.append(cand)
                break
        else:
            continue
        ok = True
        for p in parts[1:]:
            sl = surname_length(p, 0)
            if not (sl and _is_name(p, sl)):
                ok = False
                break
            names.append(p)
        if not ok:
            continue
        pos = m.start() + len(first) - len(names[0])
        s, e = sentence_at(text, m.start())
        for n in names:
            start = text.find(n, pos)
            if any(f.start == start for f in found):
                pos = start + len(n)
                continue
            out.append(PersonMention(n, clause.id, start, start + len(n), None, text[s:e].strip()))
            pos = start + len(n)
    return out


_BYLINE_RE = re.compile(r"[(（](?P<inner>[^()（）]{2,30})[)）]\s*$")


def _byline(clause: Clause, found: list[PersonMention]) -> list[PersonMention]:
    """The writer's name in parentheses closing a report: (张三), (某单位 张三)."""
    text = clause.search_text
    m = _BYLINE_RE.search(text)
    if m is None:
        return []
    inner = m.group("inner")
    for size in (3, 2):
        cand = inner[-size:]
        sl = surname_length(cand, 0)
        start = m.end("inner") - size
        if sl and _is_name(cand, sl) and not any(f.start == start for f in found):
            return [PersonMention(cand, clause.id, start, start + size, "作者", text[m.start() : m.end()])]
    return []


def known_name_re(names: list[str]) -> re.Pattern[str] | None:
    """Accepted names, matched with optional spaces between characters (刘 文 生)."""
    if not names:
        return None
    alts = sorted({n for n in names if len(n) >= 2}, key=lambda n: -len(n))
    return re.compile("|".join(r"\s?".join(re.escape(c) for c in n) for n in alts))


def clean_name(name: str) -> str:
    return re.sub(r"\s+", "", name)
