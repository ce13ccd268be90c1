"""Document type (通知, 实施意见, 讲话 …) from the title suffix, else from layout cues in the text.

The table lives in ``ingest/data/doc_types.tsv`` so new types are a data change, not a code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Trailing decoration that hides the suffix: punctuation, closing quotes, a parenthesised note
# such as （试行） or （征求意见稿）.
_TRAILING_RE = re.compile(
    r"(?:[（(][^（）()]{1,12}[)）]|[\s。.!！?？”\"’》])+$"
)  # (no nested repeat: a run of spaces must not backtrack)
# a template site's collection words after the type (…管理制度汇篇, …工作总结范文, …讲话稿大全): the type
# is the one before them
_TEMPLATE_TAIL_RE = re.compile(r"(?:汇篇|大全|合集|范文|精选|范本|模板|参考)+(?:\d+篇)?$")
_SPEECH_RE = re.compile(r"^在.{2,60}(?:上|中|时)的(?:.{0,6})(?:讲话|致辞|发言|报告)")


@dataclass(frozen=True)
class DocTypeTable:
    suffixes: tuple[tuple[str, str], ...]  # (suffix, type), longest suffix first
    cues: tuple[tuple[re.Pattern[str], str], ...]
    collections: tuple[tuple[re.Pattern[str], str], ...] = ()  # titles that count their pieces
    prefixes: tuple[tuple[str, str], ...] = ()  # (first words, type): 试论… is an essay
    collection_heads: tuple[re.Pattern[str], ...] = ()  # a page's first lines that open a compilation
    title_patterns: tuple[tuple[re.Pattern[str], str], ...] = ()  # a question, an explainer → 其他


@lru_cache(maxsize=1)
def load_table() -> DocTypeTable:
    """The doc-type table shipped with the package (read once)."""
    from ingest import vocab

    suffixes: list[tuple[str, str]] = []
    cues: list[tuple[re.Pattern[str], str]] = []
    collections: list[tuple[re.Pattern[str], str]] = []
    prefixes: list[tuple[str, str]] = []
    heads: list[re.Pattern[str]] = []
    shapes: list[tuple[re.Pattern[str], str]] = []
    for row in vocab.rows("doc_types.tsv"):
        if row[0] == "suffix":
            suffixes.append((row[1], row[2]))
        elif row[0] == "cue":
            cues.append((re.compile(row[1]), row[2]))
        elif row[0] == "collection_title":
            collections.append((re.compile(row[1]), row[2]))
        elif row[0] == "prefix":
            prefixes.append((row[1], row[2]))
        elif row[0] == "collection_head":
            heads.append(re.compile(row[1]))
        elif row[0] == "title_pattern":
            shapes.append((re.compile(row[1]), row[2]))
    suffixes.sort(key=lambda item: -len(item[0]))
    return DocTypeTable(
        tuple(suffixes), tuple(cues), tuple(collections), tuple(prefixes), tuple(heads), tuple(shapes)
    )


# the last of a headline's comma-separated clauses is a person speaking (…，乙致辞 / …，甲出席并讲话)
_REPORTED_SPEAKER_RE = re.compile(r"[，,][\u4e00-\u9fff]{2,4}(?:出席并|到会并|作)?(?:致辞|讲话|发言|致词)$")


def type_from_title(title: str | None) -> str | None:
    """The type named by the title's suffix: …实施意见 → 实施意见, 在…上的总结讲话 → 讲话."""
    if not title:
        return None
    title = title.strip()
    if title.endswith("》") and "《" in title and not title.startswith("《"):
        return None  # 某局学习《关于…的意见》: the type of the document it cites, not its own
    bare = title[1:-1] if title.startswith("《") and title.endswith("》") else title  # 《…(汇总4篇)》
    for pattern, doc_type in (*load_table().collections, *load_table().title_patterns):
        if pattern.search(bare):
            return doc_type
    core = _TEMPLATE_TAIL_RE.sub("", _TRAILING_RE.sub("", title))
    if core.endswith(("汇编", "选编")):  # 在…会议上的讲话和发言材料汇编: a compilation, not a speech
        return "汇编"
    if _SPEECH_RE.match(core):
        return "讲话"
    for suffix, doc_type in load_table().suffixes:
        if core.endswith(suffix):
            if doc_type == "讲话" and _REPORTED_SPEAKER_RE.search(core):
                return None  # 某某节开幕，甲宣布开幕，乙致辞: a report naming who spoke, not the speech
            return doc_type
    for prefix, doc_type in load_table().prefixes:
        if core.startswith(prefix):
            return doc_type
    return None


@lru_cache(maxsize=1)
def _commentary_patterns() -> tuple[re.Pattern[str], ...]:
    from ingest import vocab

    return tuple(re.compile(row[1]) for row in vocab.rows("doc_types.tsv") if row[0] == "commentary")


def shows_commentary(lines: list[str]) -> bool:
    """Whether a (folded) line shows an opinion column: a 时评 trail, a 【新闻随笔】 tag, a 评论员 byline."""
    return any(p.search(line.strip()) for p in _commentary_patterns() for line in lines if line.strip())


def type_from_cues(lines: list[str], limit: int = 80) -> str | None:
    """The type suggested by layout cues (a 同志们： opening, 第N期, 举措/措施 headings).

    `lines` should be folded (simplified) text, one paragraph per line.
    """
    table = load_table()
    head = [line.strip() for line in lines[:limit] if line.strip()]
    for pattern, doc_type in table.cues:
        if any(pattern.search(line) for line in head):
            return doc_type
    return None


@lru_cache(maxsize=1)
def web_cue_patterns() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...], tuple[str, ...]]:
    """The news cues, the experience cues and the endings of a medium's name (``doc_types.tsv``)."""
    from ingest import vocab

    rows = vocab.rows("doc_types.tsv")
    news = tuple(re.compile(r[1]) for r in rows if r[0] == "news_cue")
    experience = tuple(re.compile(r[1]) for r in rows if r[0] == "experience_cue")
    sources = tuple(r[1] for r in rows if r[0] == "news_source")
    return news, experience, sources


def web_type(title: str | None, body: list[str], source: str | None, byline: bool = False) -> str:
    """新闻报道 or 经验交流 by counted cues: one feature of the fitted decision (``ingest.webtype``) for a
    whole page, and the decision itself for a compilation's short pieces.

    A byline (记者/通讯员/本报讯), a medium as the source, or an event in the title or the opening
    (召开/举办/表彰 …) makes it news; a practice in the title or a first-person or 近年来 opening
    makes it an experience write-up. News wins a tie: it is what a page is when nothing says otherwise.
    """
    news, experience, sources = web_cue_patterns()
    texts = [t for t in (title or "", *body[:8]) if t]
    score = 0
    if byline:
        score += 2
    if source and source.endswith(sources):
        score += 1
    score += sum(1 for p in news for t in texts if p.search(t))
    score -= sum(1 for p in experience for t in texts if p.search(t))
    return "新闻报道" if score >= 0 else "经验交流"


def classify(title: str | None, lines: list[str] | None = None) -> str | None:
    """A page that opens as a compilation (第一篇：…, a template site's 小编整理…) first, then the
    title's suffix (what the issuer called the document), then cues."""
    return (
        opens_a_collection(lines or [])
        or type_from_title(title)
        or (type_from_cues(lines) if lines else None)
    )


def opens_a_collection(lines: list[str]) -> str | None:
    """汇编 when one of the page's first three lines opens a compilation (folded text)."""
    heads = load_table().collection_heads
    first = [line.strip() for line in lines[:3]]
    return "汇编" if any(p.search(line) for p in heads for line in first) else None
