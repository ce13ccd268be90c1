"""A web headline led by who wrote or published it: 张三：退休干部要…, 某某微盟：…启动.

Pure functions over the headline and the line under the page's head (ingest.profiles reads them).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_LEAD_LABEL_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,10})\s*[:：]\s*\S")
# a medium's name (…网, …日报, …客户端) and a colon before a reposted headline: 中国某某新闻网：某处举办…
_MEDIUM_LEAD_RE = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,10}(?:新闻网|网|日报|晚报|报|客户端|电视台|融媒)(?:特约)?(?:评论员)?)\s*[:：]\s*(?=\S{6})"
)
# a genre label before the headline (图文：…, 视频：…): no part of it, and no medium
_GENRE_LEAD_RE = re.compile(r"^(?:图文|视频|组图|图片新闻|快讯)\s*[:：]\s*(?=\S{6})")


def without_writer(title: str, authors: list[str]) -> str:
    """A commentary's headline led by its writer's name (张三：退休干部要…) whose meta line credits that
    writer: the headline without the name."""
    for author in authors:
        if 2 <= len(author) <= 4 and re.match(rf"{re.escape(author)}\s*[:：]\s*\S", title):
            return title[len(author) :].lstrip(" :：")
    return title


def without_medium(title: str, next_line: str) -> tuple[str, str | None]:
    """A headline led by a medium's name: one that says it is a medium (某某新闻网：…), or one that opens
    the story again on a line of its own (某某微盟：…启动⏎某某微盟：⏎昨天上午，…): (the headline without
    it, the medium); else (the headline, None)."""
    genre = _GENRE_LEAD_RE.match(title)
    if genre:
        return title[genre.end() :], None
    medium = _MEDIUM_LEAD_RE.match(title)
    if medium:  # (a place before a colon, 湖北某区：…, stays: readers keep it)
        return title[medium.end() :], medium["name"]
    lead = _LEAD_LABEL_RE.match(title)
    line = next_line.strip()
    if lead is None or not line.endswith((":", "：")) or line.rstrip(":：").strip() != lead["name"]:
        return title, None
    return title[lead.end() - 1 :], lead["name"]


_BRACKET_TAG_RE = re.compile(r"^\s*[【\[](?P<tag>[^】\]]{3,30})[】\]]")


def bracketed_unit(title: str, is_unit: Callable[[str], bool]) -> str | None:
    """The unit a headline's leading tag names (【某某供电公司】离退休党支部开展…): whose news it is (a
    column's tag, 【工作动态】, names none)."""
    tag = _BRACKET_TAG_RE.match(title)
    return tag["tag"].strip() if tag and is_unit(tag["tag"].strip()) else None
