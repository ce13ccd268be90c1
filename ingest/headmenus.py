"""Page furniture recognised by its shape rather than its words: a column of one-word menu items whose
bullets layout took off, a run of channel names with nothing between them, the site's name repeated
under its welcome line. Used by ingest.webresidue, on lines already in its simplified form."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest import segmenter

_MENU_COLUMN = 5  # channel names one to a line (首页⏎行业⏎财经⏎综合⏎热点…): a menu, above any sentence
_MENU_ITEM_RE = re.compile(r"^[\u4e00-\u9fff]{1,4}$")


def menu_column(lines: list[str], top: int) -> set[int]:
    """The lines of the page's head, before its first sentence, that stand in a column of five or more
    one-word lines (a menu whose bullets layout took off)."""
    out: set[int] = set()
    run: list[int] = []
    for k, line in enumerate(lines[: top + 1]):
        if _MENU_ITEM_RE.match(line.strip()):
            run.append(k)
            continue
        if len(run) >= _MENU_COLUMN:
            out.update(run)
        run = []
    if len(run) >= _MENU_COLUMN:
        out.update(run)
    return out


_WELCOME_RE = re.compile(r"^(?:欢迎访问|欢迎来到|欢迎光临|欢迎进入)(?P<site>[^\s!！。，,]{2,20})[!！。]?$")


def welcomed_site_name(lines: list[str], top: int) -> set[int]:
    """Lines of the head that only repeat the name a welcome line gave (欢迎访问某某网！⏎某某网): the site's
    name, not a headline."""
    names = {m["site"] for line in lines[: top + 1] if (m := _WELCOME_RE.match(line.strip()))}
    return {k for k, line in enumerate(lines[: top + 1]) if line.strip() in names}


_NOUN_RUN = 8  # channel names in a row (新闻产经轻工日化电器…): a menu, as no headline is nouns alone


@lru_cache(maxsize=4096)  # (asked of the same head lines again and again: the tagging is the cost)
def noun_run(s: str) -> bool:
    """A run of channel names with nothing between (新闻产经轻工日化电器通讯仪器机械…): at least eight words,
    nine in ten of them nouns of two to four characters, and no verb."""
    if len(s) < 2 * _NOUN_RUN or not _HAN_ONLY_RE.match(s):
        return False
    words = segmenter.tagged(s)
    nouns = sum(1 for w, tag in words if 2 <= len(w) <= 4 and (tag[:1] == "n" or tag == "j"))
    return (
        len(words) >= _NOUN_RUN and nouns * 10 >= 9 * len(words) and not any(t[:1] == "v" for _w, t in words)
    )


_HAN_ONLY_RE = re.compile(r"^[\u4e00-\u9fff]+$")
