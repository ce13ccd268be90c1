"""A web headline led by who wrote or published it: 张三：退休干部要…, 某某微盟：…启动.

Pure functions over the headline and the line under the page's head (ingest.profiles reads them).
"""

from __future__ import annotations

import re

_LEAD_LABEL_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,10})\s*[:：]\s*\S")


def without_writer(title: str, authors: list[str]) -> str:
    """A commentary's headline led by its writer's name (张三：退休干部要…) whose meta line credits that
    writer: the headline without the name."""
    for author in authors:
        if 2 <= len(author) <= 4 and re.match(rf"{re.escape(author)}\s*[:：]\s*\S", title):
            return title[len(author) :].lstrip(" :：")
    return title


def without_medium(title: str, next_line: str) -> tuple[str, str | None]:
    """A headline led by a medium's name (某某微盟：…启动) that opens the story again on a line of its own
    (某某微盟：⏎昨天上午，…): (the headline without it, the medium); else (the headline, None)."""
    lead = _LEAD_LABEL_RE.match(title)
    line = next_line.strip()
    if lead is None or not line.endswith((":", "：")) or line.rstrip(":：").strip() != lead["name"]:
        return title, None
    return title[lead.end() - 1 :], lead["name"]
