"""A credit line of its own: a medium's (or its channel's) name between its writers' names, printed
where a headline would be (张三 某某新闻某某观察 李四, 某某日报 张三): a byline, not a headline, and the
medium is the page's source. A line of writers' names alone (张三 李四 王五), or of one writer's name over a
text with no headline (冯 伟), is a credit line too. Shared by the residue pass (ingest.webresidue), which takes the line
out, and the credits (ingest.webcredits), which read the medium from it."""

from __future__ import annotations

import re

from policykg.personnames import name_shaped

_MEDIUM_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:日报|晚报|观察|客户端|融媒|新闻网)$")
_NAME_LENGTHS = ((3,), (2,), ())  # a writer of three characters, of two, or none


def medium_credit(line: str) -> str | None:
    """The medium a credit line of its own names (see the module doc), or None. The spacing repair
    may have joined the names to the medium (张三某某观察李四): every split of the line into writers
    before, the medium and writers after is tried."""
    tokens = line.split()
    if 2 <= len(tokens) <= 4:  # the spaces still set the names apart: the medium is the one token
        media = [t for t in tokens if _MEDIUM_RE.match(t)]
        others = [t for t in tokens if not _MEDIUM_RE.match(t)]
        ok = len(media) == 1 and others and all(name_shaped(t) for t in others)
        return media[0] if ok else None
    s = re.sub(r"\s+", "", line)
    if not 6 <= len(s) <= 22 or not re.fullmatch(r"[\u4e00-\u9fff]+", s):
        return None
    for before in _NAME_LENGTHS:
        for after in ((2,), (3,), (2, 2), (2, 3), (3, 2), (3, 3)):
            b, a = sum(before), sum(after)
            medium = s[b : len(s) - a]
            if not _MEDIUM_RE.match(medium):
                continue
            names = [s[:b]] if b else []
            k = len(s) - a
            for n in after:
                names.append(s[k : k + n])
                k += n
            if all(name_shaped(x) for x in names):
                return medium
    return None


_MIN_NAMES = 3  # two name-shaped words may be a headline's two phrases (金秋 高歌); three are a list


def writer_alone(line: str) -> bool:
    """Whether a line is only one person's name, spaces perhaps between its characters (冯 伟)."""
    name = re.sub(r"\s+", "", line)
    return 2 <= len(name) <= 4 and bool(re.fullmatch(r"[\u4e00-\u9fff·]+", name)) and name_shaped(name)


def writers_line(line: str) -> bool:
    """Whether a line is only writers' names set apart by spaces (张三 李四 王五 赵六)."""
    tokens = line.split()
    return _MIN_NAMES <= len(tokens) <= 10 and all(
        2 <= len(t) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", t) and name_shaped(t) for t in tokens
    )
