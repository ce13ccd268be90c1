"""Layout repair: hard line breaks and page joins → one paragraph per line.

Exports of printed documents cut paragraphs at page ends (``要坚⏎⏎持组织推动``), sometimes repeat a
character across the cut (``理想信念⏎⏎念，``); web pages put a date line, a column label or a
``——记…`` subtitle line above their text. A break is only removed when the evidence says the
paragraph was cut (the piece before it does not end a sentence *and* is not a heading/title line
*and* the piece after it does not start a new item).

Decisions worth knowing:

- Every single space between two CJK characters is removed, including the space that separates
  the two halves of a bulletin article title (``以政治建设为统领 不断提升…`` → one phrase). Such
  spaces are almost always layout residue (``党建品牌创建 活动的实施意见``) and the two kinds
  cannot be told apart from the characters alone. Runs of two or more spaces, tabs (table cells)
  and spaces next to Latin letters are kept.
- A title that wraps over two short lines stays on two lines (the bulletin splitter joins titles);
  a *numbered* heading that wraps (``(一) …开始逐步⏎⏎发展的``) is joined.
- A closing quote ends a sentence only after 。！？ (``…旗帜。”``); ``…“枫耀辽宁”`` alone does not.
- List bullets (``-`` ``•`` ``·`` ``●`` ``▪`` …) at line starts are layout: removed, and each bulleted
  line starts an item of its own. Two consecutive lines that both end with a document type
  (…讲话⏎…总结讲话) or both name a unit (a list of 先进党支部) are two entries, not one cut line.
- In hard-wrapped text (a PDF text layer) a line of the printed width that ends with ；is cut
  mid-paragraph; an open bracket (``…考核办法》（湘老``) never ends a paragraph; a number cut at the
  line end (``202⏎3年``) joins without a space.
- The space after a leading ``第一章``/``第三条`` token stays (one space): ``第一章　总　则`` →
  ``第一章 总则``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache, partial

from ingest.compilation import is_part_marker
from ingest.headfurniture import dated_meta, head_furniture, stamp_line
from ingest.headline import wrapped_act
from ingest.lines import (
    _BOX_DRAWING_RE,
    _CLAUSE_PUNCT,
    _CLOSERS,
    _DIST_LABEL_RE,
    _LIST_BULLET_RE,
    _OPEN_END,
    _ORG_END_RE,
    _PAGE_NO_RE,
    _RELATED_RE,
    _SENTENCE_PUNCT,
    _SPACES,
    _TERMINAL,
    _TITLE_END_RE,
    _boundary_token,
    _changed_by_t2s,
    _is_extra_mark,
    _is_residue_start,
    _simplified,
    duplicate_at_join,
    fix_spacing,
    is_date_line,
    is_doc_no_line,
    numbering,
    starts_block,
)
from ingest.opening import LEAD_START_RE
from ingest.residuemeta import crumb_parts
from ingest.webhead import _ISSUE_RE, has_meta_fields, headline_like, is_meta_line
from ingest.webmeta import _DATETIME_LEAD_RE
from ingest.webresidue import is_chrome, residue_kind
from policykg.model import Script
from policykg.text import detect_script, to_simplified

# --- layout repair ---------------------------------------------------------------------------------


def _ends_sentence(piece: str) -> bool:
    s = piece.rstrip()
    if not s:
        return True
    if s[-1] in _TERMINAL:
        return True
    # A closing quote/bracket ends a sentence only right after a terminal mark: 。” 。）
    i = len(s) - 1
    while i >= 0 and s[i] in _CLOSERS:
        i -= 1
    return i < len(s) - 1 and i >= 0 and s[i] in _TERMINAL - {"：", ":"}


def _has_sentence_punct(piece: str) -> bool:
    return any(c in _SENTENCE_PUNCT for c in piece)


def _pure_heading(piece: str) -> bool:
    """A numbered line without a sentence in it: ``二、主要内容``, ``（一）正确认识…的联系``."""
    return numbering(piece) is not None and not any(c in "。！？；!?;" for c in piece)


def _wrap_width(lines: list[str]) -> int | None:
    """The printed line width of a hard-wrapped text (a PDF text layer), if it looks like one:
    many lines of nearly the same length that do not end a sentence."""
    lengths = [len(x) for x in lines if len(x) >= 12]
    if len(lengths) < 8:
        return None
    width, _ = Counter(lengths).most_common(1)[0]
    near = sum(1 for n in lengths if abs(n - width) <= 1)
    if width >= 15 and near >= 0.3 * len(lengths):
        return width
    return None


# a caption's closing credit: （记者 张三 摄）, 张三 摄; a story's: （某某日报记者 张三）
_PHOTO_CREDIT_END_RE = re.compile(
    r"(?:[（(]\s*(?:记者|記者)?\s*[^（）()]{2,12}\s*[摄攝]\s*[)）]|[。！\s][\u4e00-\u9fff·]{2,4}\s*[摄攝]"
    r"|(?<=[。！？”])[（(][^（）()。]{0,16}(?:记者|記者|通讯员|通訊員)[^（）()。]{1,24}[)）])"
    r"(?:\s*[/／]\s*[\u4e00-\u9fff]{2,8})?$"  # and the outlet it was taken for (张三 摄/某某日报)
)


_IMAGE_MARK_RE = re.compile(r"^(?:\s*[!！]\[[^\]]*\][(（][^)）]*[)）])+\s*[|｜]?\s*$")
_CLOSING_PUNCT = frozenset("，,。、；;！？!?）)】」』”")


_LOST_MARK_DATELINE_RE = re.compile(r"^[?？]+\s*[\u4e00-\u9fff]{2,10}\d{1,2}月\d{1,2}日[讯訊]")


def _should_join(
    prev: str,
    nxt: str,
    *,
    soft: bool,
    width: int | None,
    indented: bool,
    script: Callable[[], Script],
    blank_gap: bool = False,
    first: bool = False,
    near_top: bool = False,
) -> bool:
    """Whether `nxt` continues the paragraph whose text so far is `prev` (see module doc).

    `script` gives the document's script; it is only asked for when jieba has to score the join.
    """
    if "\t" in prev or "\t" in nxt or _BOX_DRAWING_RE.search(prev) or _BOX_DRAWING_RE.search(nxt):
        return False  # table rows, and rows drawn with box characters
    if starts_block(nxt) or indented:
        return False
    if _IMAGE_MARK_RE.match(prev) or _IMAGE_MARK_RE.match(nxt):
        return False  # ![](a.png): an image's markup stands alone (the residue pass takes it)
    if near_top and prev.rstrip().endswith(("|", "｜")):
        return False  # 标题 |⏎2031年…16:09 某某网 |: a page's head printed with bars after each line
    if stamp_line(prev) or stamp_line(nxt):
        return False  # a time stamp line (民生  2024-11-11 18:58  吉林, • 25-11-28 20:22:22) stands alone
    if nxt[:1] in _CLOSING_PUNCT and not _PHOTO_CREDIT_END_RE.search(prev):
        # (a character lost to a ? before a dateline, ?某某网3月13日讯…, starts the story: no continuation)
        return not _LOST_MARK_DATELINE_RE.match(
            nxt
        )  # a line cannot begin with ，。； — the break fell before the mark (会议强调⏎，要…)
    if prev.strip() == nxt.strip() and headline_like(prev):
        return False  # a headline printed twice is two lines, whatever they hold
    if first and headline_like(prev) and wrapped_act(prev, nxt):
        return True  # the headline wrapped before its last words (某院开展“某某行”⏎系列活动)
    if (
        first
        and headline_like(prev)
        and prev[-1] not in "，,、；;：:"
        and prev[-1] not in _OPEN_END
        and not _unclosed(prev)
        and not (width and len(prev) >= width - 1)
        and len(nxt) > len(prev) // 2
        and not _cut_word(prev, nxt, script)
        and not duplicate_at_join(prev, nxt, script)
    ):
        return False  # the first line of a page is its headline, even with a comma or 、 inside
    if (
        first
        and LEAD_START_RE.match(nxt)
        and headline_like(prev)
        and prev[-1] not in "，,、；;：:"
        and prev[-1] not in _OPEN_END
        and not _unclosed(prev)
    ):
        return False  # a story's lead (近日，…) opens a paragraph: the page's first line above it is its headline
    if (
        near_top
        and not first
        and LEAD_START_RE.match(nxt)
        and headline_like(prev)
        and len(prev) <= 40
        and len(nxt) >= 2 * len(prev)
        and prev[-1] not in "，,、；;：:"
        and prev[-1] not in _OPEN_END
        and not _unclosed(prev)
    ):
        return False  # 某区关工委⏎“某某”送福活动⏎兔年春节来临之际，…: the lead under a unit's headline
    if (
        near_top
        and prev.startswith(("——", "—"))
        and len(prev) <= 40
        and not _has_sentence_punct(prev)
        and re.search(r"[。，,；]", nxt)
        and len(nxt) > len(prev)
    ):
        return False  # a headline's ——记某某党支部 subtitle line ends where the text begins
    if is_part_marker(prev) and len(prev) <= 64 and not _ends_sentence(prev):
        return False  # 第1篇：标题 — the heading of a piece of a compilation
    if (
        is_meta_line(prev)
        or (blank_gap and has_meta_fields(prev))
        or is_chrome(prev)
        or is_chrome(nxt)
        or residue_kind(prev) == "byline"  # 某某日报新媒体出品⏎通讯员|张三: a closing credit stands alone
        or residue_kind(nxt) == "byline"
        or dated_meta(prev)
    ):
        return False  # a masthead, meta line (XX日报 2024-06-24 19:05) or page furniture stands alone
    if (
        blank_gap
        and len(prev) <= 12
        and not _has_sentence_punct(prev)
        # at the top of a page a blank line ends a column label (2–6 characters) even where a word could run on
        # (专题活动⏎⏎区政协举办…: 活动区); further down it may be a page break inside a word
        and ((near_top and len(prev) <= 6) or not _cut_word(prev, nxt, script))
        and not duplicate_at_join(prev, nxt, script)
    ):
        return False  # a column label or short headline above a blank line ends there
    if _PHOTO_CREDIT_END_RE.search(prev):
        return (
            False  # a photo's caption ends with its photographer (…一阵掌声。张三 摄): the text starts anew
        )
    if _ends_sentence(prev):
        # A full printed line ending in ；is cut mid-paragraph (a list item's ；ends a short line).
        return bool(width) and len(prev) >= width - 1 and prev.rstrip()[-1] in "；;"
    if _bare_unit(prev) and _bare_unit(nxt):
        return False  # a list of unit names, one per line
    if _TITLE_END_RE.search(prev) and _TITLE_END_RE.search(nxt):
        return False  # a list of titles (a table of contents once its bullets are gone)
    if _is_extra_mark(prev):
        return False
    if (
        is_date_line(prev)
        or is_doc_no_line(prev)
        or (_is_residue_start(prev) and not _DIST_LABEL_RE.match(prev))
    ):
        return False
    if soft and near_top and _DATETIME_LEAD_RE.match(prev) and _ISSUE_RE.match(_simplified(nxt)):
        return False  # 2019-12-12 06:11 张三⏎某某导刊 2019年33期: a journal's issue line stands alone
    if soft and not (first and headline_like(prev)):
        # A single line break inside a blank-line separated text is a wrapped line.
        return True
    if prev[-1] in _OPEN_END or _unclosed(prev):
        return True
    nxt_bare = not _has_sentence_punct(nxt) and len(nxt) <= 24  # a title / author line
    if _pure_heading(prev):
        # A numbered heading wrapped onto a second, short line: (一) …开始逐步⏎⏎发展的
        return (
            len(prev) >= 18
            and len(nxt) <= 12
            and not _has_sentence_punct(nxt)
            and not _ORG_END_RE.search(nxt)
        )
    if not _has_sentence_punct(prev) and _TITLE_END_RE.search(prev):
        return False
    # jieba's dictionary is simplified: a traditional text is converted for scoring only. The
    # script is asked for only when conversion would change the two windows scored.
    spans = _cut_word(prev, nxt, script)
    if _has_sentence_punct(prev):
        if blank_gap and not spans and not any(c in _CLAUSE_PUNCT for c in prev):
            return False  # only a colon (路北：…标题, 08:20) in a line above a blank line: a head line
        # Body text cut at a page end: join unless the next line looks like a title or author line.
        return not nxt_bare or spans
    if width and len(prev) >= width - 1:
        return not nxt_bare or spans
    # A short line without punctuation is a title or heading unless a word was cut in two or a
    # character was printed twice across the cut (要切实加⏎⏎加强).
    return spans or duplicate_at_join(prev, nxt, script)


def _cut_word(prev: str, nxt: str, script: Callable[[], Script]) -> bool:
    """A word runs across the cut (jieba on the simplified form: its dictionary is simplified)."""
    if _changed_by_t2s(prev[-6:], nxt[:6]) and script() == "traditional":
        return _boundary_token(to_simplified(prev[-6:]), to_simplified(nxt[:6]))
    return _boundary_token(prev, nxt)


def _unclosed(piece: str) -> bool:
    """A bracket or title mark still open at the end: ``…考核办法》（湘老`` cannot end a paragraph."""
    return any(piece.count(a) > piece.count(b) for a, b in ("（）", "()", "《》", "〔〕"))


def _bare_unit(line: str) -> bool:
    """A short line that is nothing but a unit's name (``**县供销合作社离退休干部党支部``)."""
    return len(line) <= 40 and not _has_sentence_punct(line) and bool(_ORG_END_RE.search(line))


def _join(prev: str, nxt: str, script: Callable[[], Script]) -> str:
    if duplicate_at_join(prev, nxt, script):
        nxt = nxt[1:]
    # Latin words wrap at a space, which the break replaced; a number cut by the line end (202⏎3年)
    # was never spaced.
    latin = (
        prev and nxt and prev[-1].isascii() and prev[-1].isalnum() and nxt[0].isascii() and nxt[0].isalnum()
    )
    if latin and not (prev[-1].isdigit() and nxt[0].isdigit()):
        return prev + " " + nxt
    return prev + nxt


LINK_BULLET = "·"  # the bullet a related-links list keeps (see repair_layout)


def repair_layout(text: str, *, line_breaks: str = "layout") -> str:
    """Repair hard line breaks and page joins; return one paragraph per line.

    `line_breaks="paragraph"` (docx, html: every line is a real paragraph) only fixes spacing and
    blank lines. Otherwise the document's own convention is learnt first: when most paragraphs
    are separated by blank lines, a single line break is a wrapped line and is joined; when lines
    are separated by single breaks (hard-wrapped or one-paragraph-per-line text), every break is
    judged like a page join.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").lstrip("\ufeff")
    pieces: list[tuple[str, int, bool]] = []  # (line, blank lines before it, indented)
    bulleted: set[int] = set()  # pieces that started with a list bullet: each starts an item
    gap = 0
    for raw in text.split("\n"):
        line = fix_spacing(raw)
        if not line or _PAGE_NO_RE.match(line):
            gap += 1
            continue
        bullet = _LIST_BULLET_RE.match(line)
        if bullet:
            # a related-links list keeps its bullets: they tell its links from the headline printed
            # below them (相关新闻⏎· 某区…⏎标题), which ingest.normalize.strip_residue reads
            links = bool(pieces) and (
                bool(_RELATED_RE.match(_simplified(pieces[-1][0]))) or pieces[-1][0].startswith(LINK_BULLET)
            )
            line = LINK_BULLET + line[bullet.end() :] if links else line[bullet.end() :]
            bulleted.add(len(pieces))
        indent = raw[: len(raw) - len(raw.lstrip(_SPACES + "\t"))]
        pieces.append((line, gap, len(indent) >= 2 or "\u3000" in indent or "\t" in indent))
        gap = 0
    if not pieces:
        return ""
    if line_breaks == "paragraph":
        return "\n".join(p for p, _, _ in pieces)

    gaps = [g for _, g, _ in pieces[1:]]
    blank_style = sum(1 for g in gaps if g > 0) > sum(1 for g in gaps if g == 0)
    # Indentation marks a paragraph start only when the text mixes indented and flush lines.
    n_indented = sum(1 for _, _, ind in pieces if ind)
    use_indent = 0.05 * len(pieces) <= n_indented <= 0.8 * len(pieces)
    width = None if blank_style else _wrap_width([p for p, _, _ in pieces])
    # Detecting the script (two OpenCC passes over the text) is the costliest step here and its
    # answer is needed only when jieba scores a join: detected on first use, at most once.
    script = cache(partial(detect_script, text))

    paragraphs: list[str] = [pieces[0][0]]
    # the page's head is still open while every paragraph before the last one is a date line, a
    # meta line or chrome (2023.04.04⏎标题⏎根据…): its next short line is the headline
    head_open = True
    furniture = 0  # paragraphs of the head that are furniture (a banner, a menu, a date line)
    links_open = False  # a list of related links (相关新闻⏎某某…⏎某某…) above the headline: furniture too
    for n, (line, gap, indented) in enumerate(pieces[1:], start=1):
        soft = blank_style and gap == 0
        new_item = (use_indent and indented) or n in bulleted
        blank_gap = blank_style and gap > 0
        column_label = len(paragraphs) >= 2 and crumb_parts(paragraphs[-2])[-1:] == [paragraphs[-1].strip()]
        # a text's first line set apart by a blank line is its headline, not a paragraph cut at a page
        # end (a page ends after lines of text, not after the first one)
        headline_apart = head_open and gap > 0 and not blank_style and len(paragraphs[-1]) <= 60
        headline_apart = headline_apart and not any(c in "。！？" for c in paragraphs[-1])
        # a bulleted link title (· 某区开展敬老活动) ends there: the line after it is not its rest
        after_link = (
            n - 1 in bulleted and len(paragraphs[-1]) <= 40 and not _has_sentence_punct(paragraphs[-1])
        )
        if (
            not column_label
            and not headline_apart
            and not after_link
            and _should_join(
                paragraphs[-1],
                line,
                soft=soft,
                width=width,
                indented=new_item,
                script=script,
                blank_gap=blank_gap,
                first=head_open,
                near_top=len(paragraphs) - furniture <= 3,  # furniture above the page does not count
            )
        ):
            paragraphs[-1] = _join(paragraphs[-1], line, script)
        else:
            prev = paragraphs[-1]
            links_open = bool(_RELATED_RE.match(_simplified(prev))) or (
                links_open and len(prev) <= 60 and not _has_sentence_punct(prev)
            )
            head_open = head_open and (head_furniture(prev) or links_open)
            furniture += head_open
            paragraphs.append(line)
    return "\n".join(fix_spacing(p) for p in paragraphs)
