"""Query syntax: field names, the scanner (quotes, parentheses, operators, ``field:value``), the
boolean parser, and the boolean reading of a query (``BooleanReading``, a mixin of
``search.query.QueryBuilder``) into ``search.boolean`` trees: quoted phrases, document numbers,
``field:value``, AND / OR / NOT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from policykg.errors import BadQuery
from search import boolean as bq
from search.analysis import DOCNO_RE, MAIN, analyze_folded, docno_candidates

FIELD_ALIASES = {
    "text": "text",
    "正文": "text",
    "title": "title",
    "标题": "title",
    "path": "path",
    "标题路径": "path",
    "region": "region",
    "地区": "region",
    "doc_type": "doc_type",
    "type": "doc_type",
    "类型": "doc_type",
    "文种": "doc_type",
    "program": "program",
    "项目": "program",
    "品牌": "program",
    "issuer": "issuer",
    "发文机关": "issuer",
    "发文单位": "issuer",
    "organization": "organization",
    "单位": "organization",
    "doc_no": "doc_no",
    "docno": "doc_no",
    "文号": "doc_no",
    "year": "year",
    "年份": "year",
    "年度": "year",
    "doc_id": "doc_id",
}
USER_FIELDS = sorted({k for k in FIELD_ALIASES if k.isascii()})

_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』"}
_ZH_ALIASES = "|".join(sorted((k for k in FIELD_ALIASES if not k.isascii()), key=len, reverse=True))
_FIELD_RE = re.compile(rf"([a-z_]+|{_ZH_ALIASES}):")
_OPS = {"AND", "OR", "NOT", "&&", "||"}
_SYNTAX_RE = re.compile(r"[\"“”「」『』]|\b(?:AND|OR|NOT)\b|&&|\|\||(?:^|\s)[a-z_]+:")


@dataclass(frozen=True)
class Tok:
    kind: str  # WORD PHRASE LP RP OP FIELD
    text: str = ""
    field: str = ""
    value: Tok | None = None


class Unbalanced(Exception):
    """Quotes or parentheses do not pair up: the caller falls back to plain words."""


def scan(q: str) -> tuple[list[Tok], bool]:
    """Tokens of a folded query; the flag says an unpaired quote was met (searched as text)."""
    toks: list[Tok] = []
    bad_quote = False
    i, n = 0, len(q)
    buf: list[str] = []

    def flush() -> None:
        if buf:
            word = "".join(buf)
            buf.clear()
            toks.append(Tok("OP", word) if word in _OPS else Tok("WORD", word))

    while i < n:
        ch = q[i]
        if ch.isspace():
            flush()
            i += 1
            continue
        if ch in _QUOTES:
            close = q.find(_QUOTES[ch], i + 1)
            if close < 0:
                bad_quote = True
                i += 1  # the lone quote is dropped; what follows is plain text
                continue
            flush()
            toks.append(Tok("PHRASE", q[i + 1 : close]))
            i = close + 1
            continue
        if ch in "()":
            flush()
            toks.append(Tok("LP" if ch == "(" else "RP"))
            i += 1
            continue
        if not buf:
            m = _FIELD_RE.match(q, i)
            if m and m.end() < n and not q[m.end()].isspace():
                name = m.group(1)
                i = m.end()
                # the value: a quoted phrase or a run up to white space / parenthesis
                if q[i] in _QUOTES and q.find(_QUOTES[q[i]], i + 1) >= 0:
                    close = q.find(_QUOTES[q[i]], i + 1)
                    value = Tok("PHRASE", q[i + 1 : close])
                    i = close + 1
                else:
                    j = i
                    while j < n and not q[j].isspace() and q[j] not in "()":
                        j += 1
                    value = Tok("WORD", q[i:j])
                    i = j
                toks.append(Tok("FIELD", field=name, value=value))
                continue
        buf.append(ch)
        i += 1
    flush()
    return toks, bad_quote


# ---------------------------------------------------------------- building


class BooleanReading:
    """Boolean-mode reading of QueryBuilder (needs its weights, seg, content_terms and
    _docno_query_candidates)."""

    weights: Any
    seg: Any

    def _phrase(self, text: str, plan: Any, fieldname: str | None = None) -> bq.Query | None:
        text, docnos = self._docnos(text, plan)
        words = [t[0] for t in analyze_folded(text, self.seg, subwords=False, docnos=False) if t[4] == MAIN]
        parts: list[bq.Query] = list(docnos)
        if words:
            plan.words.update(words)
            if len(words) > 1:
                plan.phrases.append(words)
            fields = [fieldname] if fieldname else ["text", "title", "path"]
            boosts = {"text": 1.0, "title": self.weights.title, "path": self.weights.path}
            alts: list[bq.Query] = []
            for f in fields:
                if len(words) == 1:
                    alts.append(bq.Term(f, words[0], boost=boosts[f]))
                else:
                    alts.append(bq.Phrase(f, words, boost=boosts[f]))
            parts.append(alts[0] if len(alts) == 1 else bq.Or(alts))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else bq.And(parts)

    def _docnos(self, text: str, plan: Any) -> tuple[str, list[bq.Query]]:
        """Document numbers in the text → (text without them, one query per number)."""
        queries: list[bq.Query] = []
        if "号" not in text:
            return text, queries
        w = self.weights
        for m in DOCNO_RE.finditer(text):
            cands = self._docno_query_candidates(text, m)
            if not cands:
                continue
            alts: list[bq.Query] = []
            for i, c in enumerate(cands):
                decay = 0.7**i  # the longest prefix is the one typed; shorter ones may be wrong
                alts.append(bq.ConstantScoreQuery(bq.Term("doc_no", c), score=w.docno_field * decay))
                alts.append(bq.Term("text", c, boost=w.docno_text * decay))
            plan.words.add(cands[0])
            plan.words.update(cands[: min(len(cands), 3)])
            queries.append(bq.Or(alts))
        return DOCNO_RE.sub(" ", text), queries

    # -- boolean (search.boolean trees: power-user expressions are short and selective)
    def _node(self, node, plan: Any) -> bq.Query | None:  # type: ignore[no-untyped-def]
        kind = node[0]
        if kind in ("and", "or"):
            subs = [self._node(n, plan) for n in node[1] if n[0] != "not"]
            subs = [s for s in subs if s is not None]
            if kind == "or":
                return None if not subs else subs[0] if len(subs) == 1 else bq.Or(subs)
            negs = [self._node(n[1], type(plan)(None)) for n in node[1] if n[0] == "not"]
            negs = [x for x in negs if x is not None]
            pos = None if not subs else subs[0] if len(subs) == 1 else bq.And(subs)
            if negs:
                neg = negs[0] if len(negs) == 1 else bq.Or(negs)
                return bq.AndNot(pos if pos is not None else bq.Every(), neg)
            return pos
        if kind == "not":
            inner = self._node(node[1], type(plan)(None))
            return bq.AndNot(bq.Every(), inner) if inner is not None else None
        tok: Tok = node[1]
        if tok.kind == "PHRASE":
            return self._phrase(tok.text, plan)
        if tok.kind == "FIELD":
            return self._field_query(tok, plan)
        return self._all_words(tok.text, plan)

    def _fields(self, word: str, boost: float = 1.0) -> bq.Query:
        w = self.weights
        return bq.Or(
            [
                bq.Term("text", word),
                bq.Term("title", word, boost=w.title),
                bq.Term("path", word, boost=w.path),
            ],
            boost=boost,
        )

    def _boolean_group(self, word: str, weight: float, plan: Any) -> bq.Query:
        """The boolean form of a term group: the word in any text field, or a synonym."""
        from search.vocabulary import synonym_groups  # here: vocabulary reads this module's syntax

        plan.words.add(word)
        alts: list[bq.Query] = [self._fields(word)]
        for member in synonym_groups().get(word, ()):
            words = [
                t[0] for t in analyze_folded(member, self.seg, subwords=False, docnos=False) if t[4] == MAIN
            ]
            if words:
                plan.words.update(words)
                alts.append(bq.And([self._fields(x) for x in words], boost=self.weights.synonym))
        q = alts[0] if len(alts) == 1 else bq.DisjunctionMax(alts)
        q.boost = weight
        return q

    def _all_words(self, text: str, plan: Any) -> bq.Query | None:
        text, docnos = self._docnos(text, plan)
        groups: list[bq.Query] = list(docnos)
        groups.extend(self._boolean_group(w, weight, plan) for w, weight, _p in self.content_terms(text))
        if not groups:
            return None
        return groups[0] if len(groups) == 1 else bq.And(groups)

    def _field_query(self, tok: Tok, plan: Any) -> bq.Query | None:
        name = FIELD_ALIASES.get(tok.field)
        if name is None:
            raise BadQuery(
                f"未知字段“{tok.field}”。可用字段：{', '.join(USER_FIELDS)}（或中文：标题、正文、地区、类型、项目、发文机关、文号、年份）。",
                code="unknown_field",
            )
        value = tok.value.text if tok.value else ""
        if not value.strip():
            raise BadQuery(f"字段“{tok.field}”缺少检索内容。", code="bad_query")
        if name in ("text", "title", "path"):
            if tok.value is not None and tok.value.kind == "PHRASE":
                return self._phrase(value, plan, fieldname=name)
            words = self.content_terms(value)
            plan.words.update(w for w, _x, _p in words)
            qs = [bq.Term(name, w, boost=weight) for w, weight, _p in words]
            return None if not qs else qs[0] if len(qs) == 1 else bq.And(qs)
        if name == "year":
            return year_query(value, tok.field)
        if name == "doc_no":
            m = DOCNO_RE.search(value)
            if not m:
                raise BadQuery(f"“{value}”不是有效的文号（例如：中办发〔2016〕3号）。", code="bad_query")
            self._docnos(value, plan)
            c = docno_candidates(m.group("prefix"), m.group("year"), m.group("num"))[0]
            return bq.Term("doc_no", c)
        if name == "doc_id":
            return bq.Term("doc_id", value.strip())
        return bq.Term(name, value.strip())


def year_query(value: str, fieldname: str = "year") -> bq.Query:
    m = re.fullmatch(r"\s*(\d{4})\s*(?:(?:-|~|至|到|\.\.)\s*(\d{4}))?\s*年?\s*", value)
    if not m:
        raise BadQuery(f"字段“{fieldname}”的值应为年份，例如 2020 或 2019-2021。", code="bad_query")
    lo = int(m.group(1))
    hi = int(m.group(2) or lo)
    if hi < lo:
        lo, hi = hi, lo
    return year_range(lo, hi)


def year_range(lo: int | None, hi: int | None) -> bq.Query:
    """Years are indexed as 4-digit strings, so a term range is a numeric range."""
    return bq.TermRange(
        "year",
        f"{max(lo, 0):04d}" if lo is not None else None,
        f"{min(hi, 9999):04d}" if hi is not None else None,
    )


# Parentheses and NOT nest by recursion (parser, query building, the backend's own normalisation):
# a few hundred levels exhaust the stack (issue 17, D2). No real question nests this deep.
MAX_NESTING = 32


class _Parser:
    """or := and (OR and)* ; and := not (AND? not)* ; not := NOT not | atom ; atom := ( or ) | token"""

    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        self.i = 0
        self.depth = 0

    def _deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise BadQuery(f"查询的括号或 NOT 嵌套过深：最多 {MAX_NESTING} 层。", code="bad_query")

    def peek(self) -> Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse(self):  # type: ignore[no-untyped-def]
        node = self.parse_or()
        if self.peek() is not None:
            raise Unbalanced()
        return node

    def parse_or(self):  # type: ignore[no-untyped-def]
        items = [self.parse_and()]
        while (t := self.peek()) is not None and t.kind == "OP" and t.text in ("OR", "||"):
            self.take()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else ("or", items)

    def parse_and(self):  # type: ignore[no-untyped-def]
        items = [self.parse_not()]
        while (t := self.peek()) is not None and not (
            t.kind == "RP" or (t.kind == "OP" and t.text in ("OR", "||"))
        ):
            if t.kind == "OP" and t.text in ("AND", "&&"):
                self.take()
            items.append(self.parse_not())
        return items[0] if len(items) == 1 and items[0][0] != "not" else ("and", items)

    def parse_not(self):  # type: ignore[no-untyped-def]
        t = self.peek()
        if t is not None and t.kind == "OP" and t.text == "NOT":
            self.take()
            self._deeper()
            node = ("not", self.parse_not())
            self.depth -= 1
            return node
        return self.parse_atom()

    def parse_atom(self):  # type: ignore[no-untyped-def]
        t = self.peek()
        if t is None or t.kind in ("RP", "OP"):
            raise Unbalanced()
        self.take()
        if t.kind == "LP":
            self._deeper()
            node = self.parse_or()
            nxt = self.peek()
            if nxt is None or nxt.kind != "RP":
                raise Unbalanced()
            self.take()
            self.depth -= 1
            return node
        return ("leaf", t)
