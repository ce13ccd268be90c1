"""Saved web pages (.html/.htm): the article only, without the site around it.

Steps: decode (BOM, then the page's declared charset if the bytes read as Chinese with it, then
the text chain); pre-clean with selectolax (navigation, share buttons, related-article lists,
info bars, footers, scripts — their text is kept in ``meta["residue"]``); turn layout tables
(old government sites) into plain blocks; extract the main content with trafilatura (data
tables included), falling back to a block walk of the cleaned tree when trafilatura finds
nothing; put the article title (``<h1>``, else the title-like block right before the body) on
top. Paragraphs are separated by blank lines and every line is a real paragraph
(``meta["line_breaks"] = "paragraph"``).
"""

from __future__ import annotations

import re
from typing import Any

from ingest.raw import RawText
from ingest.readers.text import clean_text, decode_bytes
from policykg.errors import IngestError

_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""", re.I)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.\-]{2,40})["']""", re.I)

# Whole elements that never hold the article.
_DROP_TAGS = (
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
_INFO_RE = re.compile(r"(发布时间|发布日期|发布者|来源|浏览次数|点击数|阅读次数|访问量|字号|作者)\s*[:：]")
# Button rows: 【打印本页】【关闭窗口】 字号：大 中 小.
_BUTTONS_RE = re.compile(
    r"^(?:[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|字号[:：]?|大|中|小)\s*[】\]]?\s*)+$"
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "body",
}
_META_NAMES = {
    "articletitle",
    "pubdate",
    "contentsource",
    "sitename",
    "columnname",
    "author",
    "description",
    "keywords",
    "firstimgsrc",
}
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# A source line break between two CJK characters is formatting, not a space (HTML collapses it
# to a space, which would leave "加强 离退休" in the text).
_CJK_NEWLINE_RE = re.compile(rf"(?<=[{_CJK}])[ \t]*\r?\n\s*(?=[{_CJK}])")
_WS_RE = re.compile(r"[ \t\r\n\f\u00a0]+")
_MAX_RESIDUE_ITEMS = 50
_BR = "\x00"  # sentinel for <br> while whitespace is collapsed


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _squash(text: str) -> str:
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
    text = _squash(node.text(separator=" "))
    if not text or len(text) > 200:
        return None
    if _BUTTONS_RE.match(text):
        return "navigation"
    if len(text) <= 120 and len(set(_INFO_RE.findall(text))) >= 2:
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


def _preclean(tree: Any) -> dict[str, list[str]]:
    """Remove page furniture from `tree` in place; return its text by category."""
    residue: dict[str, list[str]] = {}
    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    body = tree.body
    if body is None:
        return residue
    total = max(1, len(_squash(body.text(separator=" "))))

    def record(kind: str, node: Any) -> None:
        text = _squash(node.text(separator=" "))
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
        length = len(_squash(node.text(separator=" ")))
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
            and len(_squash(sibling.text(separator=" "))) <= max(300, 0.4 * total)
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


_LAYOUT_BLOCKS = ("p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article")


def _own_cells(table: Any) -> list[Any]:
    return table.xpath("./tr/td|./tr/th|./*/tr/td|./*/tr/th")


def _is_layout_table(table: Any) -> bool:
    """A table used to lay out the page (old government sites) rather than to hold data."""
    cells = _own_cells(table)
    if len(cells) <= 1:
        return True
    for cell in cells:
        if cell.xpath(".//table"):
            return True
        text_length = len(_squash(cell.text_content()))
        if text_length > 500:
            return True
        blocks = [c for c in cell if isinstance(c.tag, str) and c.tag in _LAYOUT_BLOCKS]
        # Several paragraphs of prose in one cell: an article laid out in a table. (A data cell
        # may hold a paragraph or two of a few words each.)
        if (len(blocks) >= 3 and text_length > 80) or (len(blocks) >= 2 and text_length > 300):
            return True
    return False


def _unwrap_layout_tables(html: str) -> str:
    """Turn layout tables into divs so the extractor sees the paragraphs inside their cells.

    Left as tables, a whole article in one cell comes out as one table cell: its paragraphs
    collapse into one line and the site's header and footer rows come along.
    """
    from lxml import html as lxml_html

    if "<table" not in html.lower():
        return html
    try:
        root = lxml_html.document_fromstring(html)
    except Exception:  # lxml refuses some pathological inputs; the tables then stay tables
        return html
    layout = [t for t in root.iter("table") if _is_layout_table(t)]
    if not layout:
        return html
    for table in layout:
        for el in [*table.xpath("./*/tr/*|./tr/*|./tr|./*/tr|./*"), table]:
            if not isinstance(el.tag, str):
                continue
            if el.tag in ("td", "th"):
                # A cell of inline content only (a title in <b><font>) becomes a paragraph, which the
                # extractor keeps; a cell of blocks becomes a plain container.
                inline = not any(isinstance(c.tag, str) and c.tag in _LAYOUT_BLOCKS for c in el.iter())
                el.tag = "p" if inline and len(el) < 50 else "div"
            elif el.tag in ("table", "tbody", "thead", "tfoot", "tr"):
                el.tag = "div"
    return lxml_html.tostring(root, encoding="unicode")


def _xml_text(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _xml_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _trafilatura_blocks(html: str) -> list[str]:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        html,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False))
    main = root.find("main")
    if main is None:
        return []
    blocks: list[str] = []
    for el in main:
        if el.tag == "table":
            rows = []
            for row in el.iter("row"):
                cells = [_squash(_xml_text(c)) for c in row.findall("cell")]
                if any(cells):
                    rows.append("\t".join(cells))
            if rows:
                blocks.append("\n".join(rows))
        elif el.tag == "list":
            items = [_squash(_xml_text(i)) for i in el.iter("item")]
            blocks.extend(i for i in items if i)
        else:
            text = "\n".join(_squash(line) for line in _xml_text(el).split("\n"))
            text = text.strip("\n")
            if text:
                blocks.append(text)
    return blocks


def _walk_blocks(root: Any) -> list[str]:
    """Fallback extraction: every block element's own text as one paragraph, in document order."""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = _squash("".join(buffer)).replace(_BR, "\n")
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        buffer.clear()
        if text:
            blocks.append(text)

    # Explicit stack instead of recursion: saved pages can nest thousands of levels deep.
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            flush()
            continue
        if tag == "-text":
            buffer.append(node.text_content or "")
        elif tag == "br":
            buffer.append(_BR)
        elif tag == "tr":
            flush()
            cells = [_squash(c.text(separator=" ")) for c in node.iter() if c.tag in ("td", "th")]
            if any(cells):
                blocks.append("\t".join(cells))
        elif tag in ("-comment", "head", "title", *_DROP_TAGS):
            continue
        else:
            block = tag in _BLOCK_TAGS
            if block:
                flush()
                stack.append((node, True))
            children = list(node.iter(include_text=True))
            stack.extend((child, False) for child in reversed(children))
    flush()
    return blocks


def _page_meta(tree: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    title = tree.css_first("title")
    if title is not None and _squash(title.text()):
        meta["title"] = _squash(title.text())
    h1 = tree.css_first("h1")
    if h1 is not None and _squash(h1.text()):
        meta["h1"] = _squash(h1.text(separator=""))
    named: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        attrs = node.attributes
        name = (attrs.get("name") or "").strip()
        content = _squash(attrs.get("content") or "")
        if name.lower() in _META_NAMES and content:
            named[name] = content[:500]
    if named:
        meta["html_meta"] = named
    url = _page_address(tree)
    if url:
        meta["source_url"] = url
    return meta


_SAVED_FROM_RE = re.compile(r"saved from url=\(\d+\)(https?://\S+?)\s*-->", re.I)


def _page_address(tree: Any) -> str | None:
    """The page's own web address: <link rel=canonical>, og:url, or the note a browser writes when it
    saves a page (<!-- saved from url=(0042)https://… -->)."""
    for css, attr in (('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")):
        node = tree.css_first(css)
        value = (node.attributes.get(attr) or "").strip() if node is not None else ""
        if value.startswith(("http://", "https://")):
            return value[:500]
    m = _SAVED_FROM_RE.search(tree.html[:4000] if tree.html else "")
    return m.group(1)[:500] if m else None


_TITLE_WORDS_RE = re.compile(
    r"关于|通知|意见|办法|方案|要点|讲话|决定|规定|细则|报告|简报|公告|通报|批复|纪要|计划|总结|规划|条例|措施|指引|"
    r"關於|通報|講話|規定|報告|計劃|總結|規劃|條例"
)
_TITLE_SPLIT_RE = re.compile(r"\s*(?:[-_|–—]+|——)\s*")
_DATE_ONLY_RE = re.compile(r"^[\d\s年月日.\-/:：]+$")


def _title_like(text: str, page_title: str) -> bool:
    if not 6 <= len(text) <= 100 or "\n" in text or "\t" in text:
        return False
    if not re.search(r"[\u4e00-\u9fff]", text) or text[-1] in "。；;，,：:":
        return False
    if _INFO_RE.search(text) or _DATE_ONLY_RE.match(text) or "|" in text or "首页" in text:
        return False
    segments = [seg for seg in _TITLE_SPLIT_RE.split(page_title) if len(seg) >= 4]
    return bool(_TITLE_WORDS_RE.search(text)) or any(seg in text or text in seg for seg in segments)


def _place_title(
    blocks: list[str], walk: list[str], meta: dict[str, Any], residue: dict[str, list[str]]
) -> list[str]:
    """Put the article title on top of the extracted text.

    trafilatura leaves the page's title out of the body. With an <h1> (or an ArticleTitle meta
    tag) that is the title. Without, the title is the title-like block right before the body in
    page order; extracted blocks that come before it in the page are site furniture.
    """
    title = meta.get("h1") or meta.get("html_meta", {}).get("ArticleTitle")
    if title:
        if not any(title in _squash(b)[: len(title) + 4] for b in blocks[:3]):
            blocks = [title, *blocks]
        return blocks
    position: dict[str, int] = {}
    for i, block in enumerate(walk):
        position.setdefault(_squash(block.split("\n")[0]), i)

    def where(block: str) -> int | None:
        return position.get(_squash(block.split("\n")[0]))

    anchor = next(
        (
            j
            for j, b in enumerate(blocks)
            if len(b) >= 30 and where(b) is not None and b[-1] in "。；;！!？?”"
        ),
        None,
    )
    if anchor is None:
        return blocks
    body_start = where(blocks[anchor])
    assert body_start is not None
    for k in range(body_start - 1, max(-1, body_start - 4), -1):
        candidate = walk[k]
        if not _title_like(candidate, meta.get("title", "")):
            continue
        kept = []
        for block in blocks[:anchor]:
            pos = where(block)
            if pos is not None and pos < k:
                residue.setdefault("navigation", []).append(_squash(block)[:200])
            elif _squash(block) != _squash(candidate):
                kept.append(block)
        return [candidate, *kept, *blocks[anchor:]]
    return blocks


def extract_html(html: str) -> tuple[str, dict[str, Any]]:
    """Main text of an html string (blocks separated by blank lines) and what was learnt."""
    from selectolax.lexbor import LexborHTMLParser

    html = _CJK_NEWLINE_RE.sub("", html)
    tree = LexborHTMLParser(html)
    meta = _page_meta(tree)
    meta["tables"] = len(tree.css("table"))
    residue = _preclean(tree)
    cleaned = _unwrap_layout_tables(tree.html or "")
    cleaned_body = LexborHTMLParser(cleaned).body
    walk = _walk_blocks(cleaned_body) if cleaned_body is not None else []
    blocks = _trafilatura_blocks(cleaned)
    meta["extractor"] = "trafilatura"
    if not any(len(b) >= 2 for b in blocks):
        blocks = walk
        meta["extractor"] = "selectolax"
    blocks = _place_title(blocks, walk, meta, residue)
    if residue:
        meta["residue"] = residue
    return "\n\n".join(blocks), meta


# Saved pages nest a few dozen elements deep. Tens of thousands of levels only come from a crafted
# or broken file, and there both the parser and the furniture pass cost depth × size (a 0.5 MB page
# of nested <div>s took 20 s, 2 MB would take minutes), so such a page is refused before parsing.
MAX_NESTING = 512
_MARKUP_RE = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9]{0,15})(?=[\s/>])[^>]{0,4000}>")
_RAW_TEXT_END = {t: re.compile(rf"</{t}\s*>", re.I) for t in ("script", "style", "textarea", "title", "xmp")}
# Void elements and those whose end tag may be omitted never stack up in the parsed tree.
_NO_NESTING = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source"),
        *("track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead"),
        *("tbody", "tfoot", "colgroup", "caption", "rb", "rp", "rt", "rtc", "html", "head", "body"),
    }
)

_HTML_CONTAINERS = frozenset(
    {
        *("div", "span", "section", "article", "aside", "nav", "header", "footer", "main", "ul", "ol"),
        *("dl", "table", "blockquote", "center", "font", "b", "i", "u", "s", "em", "strong", "a"),
        *("form", "fieldset", "figure", "details", "summary", "pre", "code", "small", "big", "sub"),
        *("sup", "label", "h1", "h2", "h3", "h4", "h5", "h6", "address", "menu", "dir", "nobr", "q"),
        *("cite", "mark", "del", "ins", "abbr", "object", "noscript", "button", "select", "iframe"),
    }
)


def nesting_depth(html: str, limit: int = MAX_NESTING) -> int:
    """How deep the page's elements nest, from its raw tags (stops counting once past `limit`).

    One forward pass: comments and script/style bodies are skipped, a tag longer than 4000
    characters is not counted (it cannot nest deeply anyway within the upload limit).
    """
    depth = deepest = 0
    skip_to = 0  # end of the comment or raw-text element being skipped
    for m in _MARKUP_RE.finditer(html):
        if m.start() < skip_to:
            continue
        closing, tag = m.groups()
        if tag is None:  # "<!--"
            end = html.find("-->", m.end())
            if end < 0:
                break
            skip_to = end + 3
            continue
        tag = tag.lower()
        if tag in _NO_NESTING:
            continue
        if closing:
            if depth:
                depth -= 1
            continue
        if tag in _RAW_TEXT_END:
            end_m = _RAW_TEXT_END[tag].search(html, m.end())
            if end_m is None:
                break
            skip_to = end_m.end()
            continue
        if m.group(0).endswith("/>") and tag not in _HTML_CONTAINERS:
            continue  # <path/> in SVG really closes itself; <div/> in HTML does not
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def read_html(name: str, data: bytes, sha256: str) -> RawText:
    declared = _declared_charset(data)
    decoded = decode_bytes(data, name=name, declared=declared)
    warnings = list(decoded.warnings)
    if nesting_depth(decoded.text) > MAX_NESTING:
        raise IngestError(
            f"文件“{name}”的网页结构嵌套超过 {MAX_NESTING} 层，疑似恶意构造或文件已损坏，已拒绝。"
            "请将正文另存为纯文本或 Word 文档后再导入。",
            code="html_too_deep",
        )
    text, meta = extract_html(decoded.text)
    text = clean_text(text, warnings)
    meta["line_breaks"] = "paragraph"
    if declared:
        meta["declared_charset"] = declared
    return RawText(
        source=name,
        sha256=sha256,
        text=text,
        format="html",
        encoding=decoded.encoding,
        warnings=warnings,
        meta=meta,
    )
