"""Column labels, menus and section names above a page's headline: the short lines ingest.webhead
must not take for the headline (工作动态⏎标题, 公司新闻⏎行业新闻, 县市动态⏎标题⏎发布日期…)."""

from __future__ import annotations

import re

from ingest import vocab
from ingest.headline import KICKER_RE, headline_like
from ingest.metadata import ACT_START_RE as _ACT_START_RE
from ingest.metadata import is_org_name
from ingest.webmeta import _DATE_ONLY_RE, _is_meta_line, _masthead, parse_meta
from ingest.webresidue import is_chrome, simplified

_TABLE = "web_page.tsv"


def column_before(prefix: str, lines: list[str], i: int, limit: int) -> bool:
    """The text glued before a meta line is a column's name, not the headline: short, with a
    headline at least twice as long on the next line."""
    nxt = lines[i + 1] if i + 1 < limit else ""
    return len(prefix) <= 6 and headline_like(nxt) and len(nxt) >= max(8, 2 * len(prefix))


_MENU_WORD_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def menu_or_label(lines: list[str], i: int, trail: list[str] | tuple[str, ...] = ()) -> bool:
    """Line i is a site's label rather than the headline: a short line followed by another short
    line (a menu: 公司新闻⏎行业新闻), or by a headline at least twice as long (离退休处-2019⏎标题), or
    a column that a breadcrumb trail names (`trail`: trails the residue pass already took out)."""
    s = lines[i]
    crumbs = trail_crumbs([*trail, *lines[:12]])
    # the next line that is not furniture, a bare date or a crumb (云报平台⏎我知道了⏎2021年09月09日⏎标题)
    j = next(
        (j for j in range(i + 1, min(i + 6, len(lines)))
         if not is_chrome(lines[j]) and not _DATE_ONLY_RE.match(simplified(lines[j]))
         and not _masthead(lines[j])  # 工人日报 2011年01月30日 星期一: the paper's masthead
         and simplified(lines[j]).strip() not in crumbs),
        i + 1,
    )  # fmt: skip
    if j > i + 1 and re.search(r"[:：|｜]", lines[j]):
        j = i + 1  # past the furniture a labelled line (刊名 2019年1期 关键词：…) is no headline
    nxt = lines[j] if j < len(lines) else ""
    if len(s) > 10 or not nxt or nxt.startswith(("——", "—", "--")):  # a headline over its ——subtitle
        return False
    if KICKER_RE.search(s):
        return False  # 中办印发《意见》⏎标题: a kicker (引题) says what happened, a column does not
    if is_org_name(simplified(s)) and _ACT_START_RE.match(simplified(nxt)):
        return False  # 某某大学⏎组织开展…活动: the unit and what it did are one headline
    if len(s) <= 6 and len(nxt) <= 6 and headline_like(nxt):
        return True
    if simplified(s).strip() in crumbs and headline_like(nxt) and len(nxt) > len(s):
        return True  # 党群园地⏎您所在的位置：首页 - 党群园地 - 老干部⏎标题: a column the trail names
    if (
        len(s) <= 8
        and headline_like(nxt)
        and len(nxt) >= 8
        and _meta_like(lines[j + 1] if j + 1 < len(lines) else "")
    ):
        return True  # 云报平台⏎2022年02月25日⏎标题⏎阅读数：…: the headline is the line over the meta line
    if _MENU_WORD_RE.match(s) and (
        (i + 2 < len(lines) and all(_MENU_WORD_RE.match(x) for x in lines[i + 1 : i + 3]))
        or (i >= 2 and all(_MENU_WORD_RE.match(x) for x in lines[i - 2 : i]))
    ):
        return True  # 组织机构⏎公告栏⏎干部工作: a menu printed one item a line (to its last item)
    return headline_like(nxt) and len(nxt) >= 2 * len(s) and len(nxt) >= 12 and not _meta_like(nxt)


_TRAIL_RE = re.compile(
    rf"^(?:(?:{vocab.alternation(_TABLE, 'trail_label')})\s*[:：]|(?:网站)?首页\s*(?:>|＞|»|›|-|/))"
)
_CRUMB_SPLIT_RE = re.compile(r"\s*(?:>>|>|＞|»|›|/|\s-\s|\s—\s|[|｜•·])\s*")


def trail_crumbs(lines: list[str]) -> frozenset[str]:
    """The column names of the breadcrumb trails in a page's head (当前位置：首页 > 党群园地 > 老干部)."""
    crumbs: set[str] = set()
    for line in lines:
        s = simplified(line).strip()
        found = _TRAIL_RE.match(s)
        if found:
            parts = (c.strip() for c in _CRUMB_SPLIT_RE.split(s[found.end() :]))
            crumbs.update(c for c in parts if 2 <= len(c) <= 10)
    return frozenset(crumbs)


def _meta_like(line: str) -> bool:
    prefix, pairs = parse_meta(line)
    return _is_meta_line(prefix, pairs) or bool(_masthead(line))


def headline_here(lines: list[str], i: int, limit: int) -> bool:
    """Line i is the headline unless it is a column label: a short line followed by another headline
    that has meta lines under it (县市动态⏎标题⏎发布日期…), or a short line that ends like a column
    name (工作动态, 政策指南) above a longer headline."""
    s = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if (
        len(s) <= 6
        and headline_like(nxt)
        and len(nxt) >= 8
        and simplified(s).endswith(vocab.words(_TABLE, "column_end"))
    ):
        return False
    if nxt.startswith(("——", "—", "--")):
        return True  # 热血⏎——记某某地区共产党员的故事: a short main title over its subtitle
    if len(s) <= 8 and headline_like(nxt) and i + 2 < len(lines):
        after = lines[i + 2]
        prefix, pairs = parse_meta(after)
        if _is_meta_line(prefix, pairs) or _masthead(after) or _DATE_ONLY_RE.match(simplified(after)):
            return False
    return True
