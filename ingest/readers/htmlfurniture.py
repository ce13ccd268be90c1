"""The furniture of a saved web page (navigation, share buttons, related-article lists, info bars,
footers, scripts): found by tag, class/id/role and short text, removed from the parsed tree in place,
its text kept by category for ``meta["residue"]``. Used by ingest.readers.html."""

from __future__ import annotations

import re
from typing import Any

# Whole elements that never hold the article.
DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "form",
    "button",
    "select",
    "input",
    "textarea",
)

_RESIDUE_TAGS = {"nav": "navigation", "header": "navigation", "footer": "footer", "aside": "related"}

# class/id tokens of page furniture, including the pinyin abbreviations Chinese government sites
# use (xgwz 相关文章, fx 分享, dqwz 当前位置, ydl 阅读量).
_RESIDUE_ATTR_RE = re.compile(
    r"(?:^|[\s_\-])("
    r"(?P<share>share|bdshare|jiathis|social|fx|fenxiang)"
    r"|(?P<related>related|relate|recommend|xgwz|xgxw|xglj|hot|sidebar|aside|tuijian)"
    r"|(?P<navigation>nav|navbar|menu|breadcrumbs?|crumbs?|dqwz|topbar|toolbar|pager|pagination)"
    r"|(?P<footer>footer|foot|copyright|banquan)"
    r"|(?P<comment>comments?|pinglun)"
    r")(?=$|[\s_\-\d])",
    re.I,
)

# Short blocks whose text announces furniture even when the markup does not.
_RESIDUE_TEXT_RE = re.compile(
    r"^\s*[【\[]?\s*(?:(?P<share>分享到|分享至|分享：|分享:|扫一扫|微信扫一扫)"
    r"|(?P<related>相关文章|相關文章|相关阅读|相關閱讀|相关链接|相關鏈接|相关新闻|相關新聞|推荐阅读|热点推荐)"
    r"|(?P<navigation>当前位置|當前位置|您现在的位置|您當前的位置|首页\s*[>＞»]|上一篇|下一篇)"
    r"|(?P<footer>版权所有|主办单位|主办[:：]|承办[:：]|技术支持|网站标识码|备案号|联系我们))"
)

# The info bar under an article title: 发布时间：… 来源：… 浏览次数：… (two of these words at least).
INFO_RE = re.compile(r"(发布时间|发布日期|发布者|来源|浏览次数|点击数|阅读次数|访问量|字号|作者)\s*[:：]")

# Button rows: 【打印本页】【关闭窗口】 字号：大 中 小.
_BUTTONS_RE = re.compile(
    r"^(?:[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|字号[:：]?|大|中|小)\s*[】\]]?\s*)+$"
)

_WS_RE = re.compile(r"[ \t\r\n\f\u00a0]+")

_MAX_RESIDUE_ITEMS = 50


def squash(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def _classify(node: Any) -> str | None:
    """The residue category of an element, from its tag, class/id, then its own short text."""
    tag = node.tag
    if tag in _RESIDUE_TAGS:
        return _RESIDUE_TAGS[tag]
    attrs = node.attributes or {}
    for key in ("class", "id", "role"):
        value = attrs.get(key) or ""
        m = _RESIDUE_ATTR_RE.search(value)
        if m:
            kind = next((k for k, v in m.groupdict().items() if v), "navigation")
            return "related" if kind == "comment" else kind
        if key == "role" and value in ("navigation", "banner", "contentinfo", "complementary"):
            return "footer" if value == "contentinfo" else "navigation"
    return None


def _text_residue(node: Any) -> str | None:
    if node.tag not in ("p", "div", "li", "span", "h2", "h3", "h4", "td", "dt", "strong", "b", "a"):
        return None
    text = squash(node.text(separator=" "))
    if not text or len(text) > 200:
        return None
    if _BUTTONS_RE.match(text):
        return "navigation"
    if len(text) <= 120 and len(set(INFO_RE.findall(text))) >= 2:
        return "info"
    m = _RESIDUE_TEXT_RE.match(text)
    return m.lastgroup if m else None


def _next_element(node: Any) -> Any:
    sibling = node.next
    while sibling is not None and sibling.tag in ("-text", "-comment"):
        if sibling.tag == "-text" and (sibling.text_content or "").strip():
            return None
        sibling = sibling.next
    return sibling


def remove_furniture(tree: Any) -> dict[str, list[str]]:
    """Remove page furniture from `tree` in place; return its text by category."""
    residue: dict[str, list[str]] = {}
    for tag in DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    body = tree.body
    if body is None:
        return residue
    total = max(1, len(squash(body.text(separator=" "))))

    def record(kind: str, node: Any) -> None:
        text = squash(node.text(separator=" "))
        items = residue.setdefault(kind, [])
        if text and len(items) < _MAX_RESIDUE_ITEMS:
            items.append(text[:200])

    # Outermost first: removing a node removes its descendants, so collect, then decompose.
    candidates: list[tuple[Any, str]] = []
    for node in body.traverse(include_text=False):
        kind = _classify(node) or _text_residue(node)
        if kind is None:
            continue
        candidates.append((node, kind))
    removed: set[int] = set()
    to_remove: list[Any] = []
    for node, kind in candidates:
        if node.mem_id in removed or any(anc in removed for anc in _ancestors(node)):
            continue
        length = len(squash(node.text(separator=" ")))
        # Furniture is small; a "nav" class on the container of the whole article is a bad
        # class name, not a reason to lose the document.
        if length > 0.4 * total and length > 300:
            continue
        record(kind, node)
        removed.add(node.mem_id)
        to_remove.append(node)
        # A bare "相关文章" heading sits right before its list: the list goes with it.
        sibling = _next_element(node)
        if (
            kind == "related"
            and sibling is not None
            and sibling.tag in ("ul", "ol", "dl", "div", "table")
            and len(squash(sibling.text(separator=" "))) <= max(300, 0.4 * total)
        ):
            record(kind, sibling)
            removed.add(sibling.mem_id)
            to_remove.append(sibling)
    for node in to_remove:
        node.decompose()
    return residue


def _ancestors(node: Any) -> list[int]:
    out = []
    parent = node.parent
    while parent is not None:
        out.append(parent.mem_id)
        parent = parent.parent
    return out
