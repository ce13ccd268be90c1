"""A guard against hostile or broken HTML: how deep a page's elements nest, counted from its raw tags
before anything parses it. Used by ingest.readers.html."""

from __future__ import annotations

import re

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
