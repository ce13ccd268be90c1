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
from ingest.readers.htmlfurniture import DROP_TAGS, INFO_RE, remove_furniture, squash
from ingest.readers.htmlnesting import MAX_NESTING, nesting_depth
from ingest.readers.text import clean_text, decode_bytes
from policykg.errors import IngestError

_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""", re.I)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.\-]{2,40})["']""", re.I)

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
_BR = "\x00"  # sentinel for <br> while whitespace is collapsed


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    return m.group(1).decode("ascii").lower() if m else None


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
        text_length = len(squash(cell.text_content()))
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
                cells = [squash(_xml_text(c)) for c in row.findall("cell")]
                if any(cells):
                    rows.append("\t".join(cells))
            if rows:
                blocks.append("\n".join(rows))
        elif el.tag == "list":
            items = [squash(_xml_text(i)) for i in el.iter("item")]
            blocks.extend(i for i in items if i)
        else:
            text = "\n".join(squash(line) for line in _xml_text(el).split("\n"))
            text = text.strip("\n")
            if text:
                blocks.append(text)
    return blocks


def _walk_blocks(root: Any) -> list[str]:
    """Fallback extraction: every block element's own text as one paragraph, in document order."""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = squash("".join(buffer)).replace(_BR, "\n")
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
            cells = [squash(c.text(separator=" ")) for c in node.iter() if c.tag in ("td", "th")]
            if any(cells):
                blocks.append("\t".join(cells))
        elif tag in ("-comment", "head", "title", *DROP_TAGS):
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
    if title is not None and squash(title.text()):
        meta["title"] = squash(title.text())
    h1 = tree.css_first("h1")
    if h1 is not None and squash(h1.text()):
        meta["h1"] = squash(h1.text(separator=""))
    named: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        attrs = node.attributes
        name = (attrs.get("name") or "").strip()
        content = squash(attrs.get("content") or "")
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
    if INFO_RE.search(text) or _DATE_ONLY_RE.match(text) or "|" in text or "首页" in text:
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
        if not any(title in squash(b)[: len(title) + 4] for b in blocks[:3]):
            blocks = [title, *blocks]
        return blocks
    position: dict[str, int] = {}
    for i, block in enumerate(walk):
        position.setdefault(squash(block.split("\n")[0]), i)

    def where(block: str) -> int | None:
        return position.get(squash(block.split("\n")[0]))

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
                residue.setdefault("navigation", []).append(squash(block)[:200])
            elif squash(block) != squash(candidate):
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
    residue = remove_furniture(tree)
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
