"""Normalisation of decoded text: layout repair, residue removal, search form.

Readers hand over text with the line structure of the source. Exports of printed documents cut
paragraphs at page ends (``要坚⏎⏎持组织推动``), sometimes repeat a character across the cut
(``理想信念⏎⏎念，``), and spread spaces inside words (``刘 文 生``, ``1997 年``). This module turns
that into the display text: one paragraph per line, original script, residue (share buttons,
distribution lists, editor and contact lines, print runs, confidentiality marks) moved out into
metadata. Repairs are conservative: a break is only removed when the evidence says the paragraph
was cut (the piece before it does not end a sentence *and* is not a heading/title line *and* the
piece after it does not start a new item).

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
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache, partial

from ingest.compilation import is_part_marker
from ingest.flathead import unflatten_first_line
from ingest.inline import split_inline_headings
from ingest.webhead import has_meta_fields, headline_like, is_meta_line, parse_meta
from ingest.webmeta import _DATE_ONLY_RE
from ingest.webresidue import is_chrome, site_suffix, strip_pinyin, strip_web_residue
from policykg.model import Script
from policykg.text import detect_script, fold, to_simplified

# --- character classes -------------------------------------------------------------------------

_CN = "一二三四五六七八九十百零〇两"
_DIGIT = "0-9０-９"
# Ends a sentence (or a clause of a list) when it is the last character of a piece.
_TERMINAL = set("。！？；：…!?;:")
_CLOSERS = set("”’」』）)》】〕]")
# Punctuation that only occurs inside running sentences: its presence marks a piece as body text.
_SENTENCE_PUNCT = set("，、；：。！？,;:!?")
_CLAUSE_PUNCT = _SENTENCE_PUNCT - set("：:")
# A piece ending with one of these was cut in the middle of a phrase.
_OPEN_END = set("，、（(《“‘「『【〔,")
_SPACES = " \u3000\u00a0"


def _is_cjk(ch: str) -> bool:
    """Han characters and CJK / full-width punctuation (what Chinese text is made of)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2FFFF
        or 0x3000 <= o <= 0x303F  # CJK punctuation: 、。《》「」【】〔〕
        or 0xFF01 <= o <= 0xFF0F  # full-width ！＂＃…（）
        or 0xFF1A <= o <= 0xFF20  # ：；＜＝＞？＠
        or 0xFF3B <= o <= 0xFF40
        or 0xFF5B <= o <= 0xFF65
        or ch in "“”‘’·…—"
    )


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF


def _is_digit(ch: str) -> bool:
    return (ch.isdigit() and ch.isascii()) or "０" <= ch <= "９"


# --- numbering and block patterns (shared with ingest.clauses) ---------------------------------

# Each numbering style with its conventional rank (smaller = outer). The clause splitter uses the
# rank to nest items; the layout repair only needs to know that a line starts a new item.
NUMBERING: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("part", 0.6, re.compile(rf"^第[{_CN}{_DIGIT}]{{1,4}}(?:编|部分)\s*")),
    ("chapter", 1.0, re.compile(rf"^第[{_CN}{_DIGIT}]{{1,4}}章\s*")),
    ("section", 2.0, re.compile(rf"^第[{_CN}{_DIGIT}]{{1,4}}节\s*")),
    ("article", 3.0, re.compile(rf"^第[{_CN}{_DIGIT}]{{1,4}}条\s*")),
    ("cn", 4.0, re.compile(rf"^[{_CN}]{{1,3}}\s*[、．.]\s*")),
    ("cn_paren", 5.0, re.compile(rf"^[（(]\s*[{_CN}]{{1,3}}\s*[）)]\s*")),
    ("digit", 6.0, re.compile(rf"^[{_DIGIT}]{{1,2}}\s*[.．、](?![{_DIGIT}])\s*")),
    ("shi", 6.5, re.compile(rf"^(?:[{_CN}]{{1,2}}[是要](?![的了否])|第[{_CN}]{{1,2}}[，,、])")),
    ("digit_paren", 7.0, re.compile(rf"^(?:[（(]\s*[{_DIGIT}]{{1,2}}\s*[）)]|[⑴-⒇])\s*")),
    ("circled", 8.0, re.compile(r"^[①-⑳⒈-⒛]\s*")),
)

_BULLET_RE = re.compile(r"^[-•·●○■□◆◇▪►*]\s")
_BOX_DRAWING_RE = re.compile(r"[┃│┌├└┐┘┤┬┴┼─━┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬]")
# A list bullet at the start of a line (OCR and markdown exports of tables of contents): layout,
# removed from the text. A lone hyphen counts, ``--`` and ``-2-`` (a page number) do not.
_LIST_BULLET_RE = re.compile(r"^(?:[•·●○■□◆◇▪►▶◦‣]|-(?![-\d－—])|\*(?=[ \t]))[ \u3000\t]*(?=\S)")
# The marks above a red header: copy number (份号), urgency (紧急程度), classification (密级).
_HEADER_MARK_RE = re.compile(
    rf"^(?:[{_DIGIT}]{{6}}|[（(【\[]?\s*(?:特急|加急|特提|平急|急件)\s*[）)】\]]?"
    r"|(?:绝密|機密|机密|秘密)(?:\s*★.{0,8})?)$"
)
# The publicity note of GB/T 9704 (此件公开发布, 此件不予公开 …) under the signature.
_PUBLICITY_RE = re.compile(r"^[（(]?\s*此件\S{0,10}公开\S{0,6}?[）)]?$")
# 附件说明: ``附件：XX表`` or ``附件：1.XX`` followed by ``2.YY`` lines, before the signature.
_ATTACHMENT_RE = re.compile(rf"^附\s*件\s*[{_DIGIT}]{{0,2}}\s*[:：]\s*\S")
_ATTACHMENT_ITEM_RE = re.compile(rf"^[{_DIGIT}]{{1,2}}\s*[.．、]\s*\S")
# A speech's salutation on its own line: 同志们： 各位领导、同志们：
_SALUTATION_RE = re.compile(
    r"^(?:同志们|老同志们|各位[^，。：:]{1,16}|女士们[、，,]先生们|朋友们)[^。！？]{0,16}[：:]$"
)
# A chapter/section/article token ``第一章`` followed by white space keeps one space: the token is
# not part of the words after it (``第一章　总　则`` → ``第一章 总则``).
_ARTICLE_TOKEN_RE = re.compile(rf"^(第[{_CN}{_DIGIT}]{{1,4}}(?:编|部分|章|节|条))[ \u3000\u00a0\t]+(?=\S)")
_DATE_LINE_RE = re.compile(
    rf"^[（(]?\s*(?:[{_DIGIT}]{{4}}\s*年\s*[{_DIGIT}]{{1,2}}\s*月(?:\s*[{_DIGIT}]{{1,2}}\s*日)?"
    rf"|[〇零一二三四五六七八九○Ｏ]{{4}}年[{_CN}]{{1,3}}月(?:[{_CN}]{{1,3}}日)?)"
    r"\s*(?:印发|印|发布|制)?\s*[）)]?$"
)
_DOC_NO_LINE_RE = re.compile(
    rf"^\S{{1,20}}[〔\[【(（［]\s*[{_DIGIT}]{{4}}\s*[〕\]】)）］]\s*(?:第\s*)?[{_DIGIT}]+\s*[号號]$"
)
_PAGE_NO_RE = re.compile(
    rf"^(?:[-—－–~]+\s*[{_DIGIT}]{{1,4}}\s*[-—－–~]+|第\s*[{_DIGIT}]+\s*页(?:\s*[，,/]?\s*共\s*[{_DIGIT}]+\s*页)?"
    rf"|[{_DIGIT}]{{1,4}}\s*/\s*[{_DIGIT}]{{1,4}})$"
)
_TITLE_END_RE = re.compile(
    r"(?:通知|意见|意見|方案|要点|要點|讲话|講話|决定|決定|办法|辦法|规定|規定|报告|報告|纪要|紀要|细则|細則"
    r"|条例|條例|规划|規劃|计划|計劃|通报|通報|公告|批复|批覆|请示|請示|函|简报|簡報|总结|總結|发言|發言"
    r"|规则|規則|措施|标准|標準)$"
)
# Author / issuer lines: a unit name on a line of its own.
_ORG_END_RE = re.compile(
    r"(?:局|委|部|处|處|厅|廳|办|辦|会|會|院|校|中心|办公室|辦公室|公司|政府|党委|黨委|支部|总支|總支|小组|小組)$"
)

# Line-start labels of residue (matched on the simplified form of the line).
_DIST_LABEL_RE = re.compile(r"^(?:报|送|发|抄送|抄报|主送|分送|印送|呈报|报送|发送)\s*[:：]")
_EDITOR_LABELS = ("责任编辑", "值班编辑", "美术编辑", "编辑", "审核", "审校", "校对", "终审", "编审", "美编")
_CONTACT_LABELS = (
    "联系电话",
    "联系人",
    "联系方式",
    "联系地址",
    "电话",
    "传真",
    "电子邮箱",
    "邮箱",
    "E-mail",
    "Email",
)
_LABEL_ITEM_RE = re.compile(
    "(" + "|".join(re.escape(x) for x in (*_EDITOR_LABELS, *_CONTACT_LABELS)) + r")\s*[:：]",
    re.IGNORECASE,
)
_EDITOR_START_RE = re.compile(r"^[（(]?\s*(?:" + "|".join(_EDITOR_LABELS) + r")\s*[:：]")
_CONTACT_START_RE = re.compile(
    r"^[（(]?\s*(?:" + "|".join(re.escape(x) for x in _CONTACT_LABELS) + r")\s*[:：]", re.IGNORECASE
)
_PRINT_RUN_RE = re.compile(rf"[（(]?\s*共印\s*[{_DIGIT}]+\s*份\s*[）)]?$")
_MARKING_TOKENS_RE = re.compile(
    r"内部资料|内部文件|内部刊物|内部参考|注意保存|妥善保存|请勿外传|不得外传|秘密|机密|绝密|密级|保密期限"
    rf"|[{_DIGIT}{_CN}]+\s*年|★|☆|[\s,，、:：\[\]【】（）()]"
)
_WEB_LABEL_RE = re.compile(
    r"^[【\[]?\s*(?:分享到|分享至|分享|打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|字体|字号|浏览次数|浏览量|阅读次数"
    r"|阅读量|点击数|点击量|点击率|访问量|发布时间|发布日期|上一篇|下一篇|返回顶部|返回首页|返回列表|扫一扫|收藏本页"
    r"|收藏|加入收藏)(?:\s*[:：】\]]|\s|$)"
)
_RELATED_RE = re.compile(
    r"^[【\[]?\s*(?:相关文章|相关阅读|相关链接|相关新闻|推荐阅读|延伸阅读|相关附件)\s*[】\]]?\s*[:：]?\s*$"
)
_SOURCE_RE = re.compile(r"^(?:来源|信息来源|文章来源|稿件来源)\s*[:：]")
# Page furniture of a web page saved as text: the breadcrumb trail and the "open on your phone" code.
_BREADCRUMB_RE = re.compile(
    r"^(?:(?:当前位置|您现在的位置|您当前的位置|您的位置|现在位置)\s*[:：]|(?:网站)?首页\s*[>＞»›/])"
)
_SCAN_RE = re.compile(r"^(?:微信)?(?:扫一扫|扫描二维码|用手机扫描)")


# The first character of every numbering style above: most lines start with none of them.
_NUMBERING_START_RE = re.compile(rf"[第{_CN}（({_DIGIT}⑴-⒇①-⑳⒈-⒛]")


def numbering(line: str) -> tuple[str, float, str] | None:
    """(style, rank, token) of the numbering a paragraph starts with, or None.

    The token is the numbering as written, without the space after it: ``（二）``, ``1.``, ``一是``.
    """
    if not _NUMBERING_START_RE.match(line):
        return None
    for style, rank, pattern in NUMBERING:
        m = pattern.match(line)
        if m:
            return style, rank, m.group(0).rstrip(_SPACES + "\t")
    return None


def is_date_line(line: str) -> bool:
    return bool(_DATE_LINE_RE.match(line.strip()))


def is_doc_no_line(line: str) -> bool:
    return bool(_DOC_NO_LINE_RE.match(line.strip()))


@lru_cache(maxsize=4096)
def _simplified(line: str) -> str:
    """NFKC + t→s of one line, for matching labels in either script (never for display)."""
    return to_simplified(unicodedata.normalize("NFKC", line))


def _is_marking(line: str) -> bool:
    if len(line) > 24:
        return False
    s = _simplified(line)
    if not re.search(r"内部|注意保存|秘密|机密|绝密|外传", s):
        return False
    return not _MARKING_TOKENS_RE.sub("", s)


def _is_residue_start(line: str) -> bool:
    """A line that starts with a residue label (报： 责任编辑： 分享到 …) or is a print run / mark."""
    head = _simplified(line[:64]).replace("*", "")  # labels sit at the start of the line
    return bool(
        _DIST_LABEL_RE.match(head)
        or _EDITOR_START_RE.match(head)
        or _CONTACT_START_RE.match(head)
        or (len(line) <= 40 and _PRINT_RUN_RE.match(head))
        or (len(line) <= 100 and (_WEB_LABEL_RE.match(head) or _BREADCRUMB_RE.match(head)))
        or (len(line) <= 24 and _SCAN_RE.match(head))
        or (len(line) <= 40 and _RELATED_RE.match(head))
        or _is_marking(line)
        or _is_extra_mark(line)
    )


def _is_extra_mark(line: str) -> bool:
    """A header mark (份号, 特急, 密级) or the publicity note (此件公开发布) on its own line."""
    s = line.strip()
    return len(s) <= 24 and bool(_HEADER_MARK_RE.match(s) or _PUBLICITY_RE.match(s))


def is_salutation(line: str) -> bool:
    return len(line) <= 24 and bool(_SALUTATION_RE.match(line.strip()))


def starts_block(line: str) -> bool:
    """A line that begins something new: a numbered item, bullet, date, document number, residue…"""
    return bool(
        numbering(line)
        or _BULLET_RE.match(line)
        or line.startswith(("——", "--", "附件", "附：", "附:"))
        or is_salutation(line)
        or is_date_line(line)
        or is_doc_no_line(line)
        or _is_residue_start(line)
        or is_meta_line(line)
        or is_part_marker(line)
        or bool(_DATELINE_START_RE.match(line))
    )


# a news dateline opens a paragraph: 中新网拉萨5月21日电, 本报讯, 新华社北京6月1日电
_DATELINE_START_RE = re.compile(
    r"^(?:本报|本台|本网|本刊)讯|^[\u4e00-\u9fff]{2,10}(?:网|社|报|台|客户端)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日(?:电|讯)"
)


# --- spacing -------------------------------------------------------------------------------------

_SPACE_RUN_RE = re.compile(r"[ \u3000\u00a0]+")
_ANY_SPACE_RE = re.compile(r"[ \u3000\u00a0\t]")
_NUM_SEQ_AFTER = re.compile(rf"[{_DIGIT}][{_DIGIT}.,%．]*[ \u3000]+[{_DIGIT}]")
_NUM_SEQ_BEFORE = re.compile(rf"[{_DIGIT}][ \u3000]+[{_DIGIT}][{_DIGIT}.,%．]*$")


def fix_spacing(line: str) -> str:
    """Remove single spaces that split Chinese text: ``刘 文 生``, ``1997 年``, ``10 号``, ``总数 346``.

    A single space is dropped when one side is CJK and the other side is CJK or a digit. Kept:
    spaces between two numbers (``1997 2006``), next to Latin letters, runs of two or more spaces
    (aligned columns), tabs and the spaces of a row of numbers (``年份 2015 2019``). On a short
    line of single characters spread out by spaces (a name, ``张  克``) runs of spaces go too.
    """
    line = line.strip(_SPACES + "\t\r")
    if not line or not _ANY_SPACE_RE.search(line):
        return line  # nothing to remove (the rules below all start from a space)
    token = _ARTICLE_TOKEN_RE.match(line)
    if token:
        return token.group(1) + " " + fix_spacing(line[token.end() :])
    # 张  克 / 刘 文 生: single characters spread out with spaces on a short line (a name)
    tokens = _SPACE_RUN_RE.split(line)
    spaced_chars = len(line) <= 16 and all(len(t) == 1 and _is_cjk(t) for t in tokens)
    out: list[str] = []
    pos = 0
    for m in _SPACE_RUN_RE.finditer(line):
        out.append(line[pos : m.start()])
        pos = m.end()
        left, right = line[m.start() - 1], line[m.end()] if m.end() < len(line) else ""
        run = m.group(0)
        single = len(run) == 1
        cjk_pair = (_is_cjk(left) and (_is_cjk(right) or _is_digit(right))) or (
            _is_digit(left) and _is_cjk(right)
        )
        if cjk_pair and (_NUM_SEQ_AFTER.match(line, m.end()) or _NUM_SEQ_BEFORE.search(line, 0, m.start())):
            cjk_pair = False  # a row of numbers (年份 2015 2019): a table, keep its spacing
        drop = bool(right) and (single or spaced_chars) and cjk_pair
        if not drop:
            out.append(run)
    out.append(line[pos:])
    return "".join(out)


# --- segmentation helpers --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    """A private jieba tokenizer: user words added to the global one by search must not change
    how a document is repaired (ingest has to give the same text in every process)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _tokens(s: str) -> list[str]:
    return _tokenizer().lcut(s, HMM=False)


def _boundary_token(left: str, right: str) -> bool:
    """True when the segmentation of left+right has a word spanning the boundary (``要坚|持`` →
    ``坚持``): the strongest sign that a word was cut by a line break."""
    if not left or not right or not (_is_han(left[-1]) and _is_han(right[0])):
        return False
    window_l, window_r = left[-6:], right[:6]
    cut = len(window_l)
    pos = 0
    for tok in _tokens(window_l + window_r):
        end = pos + len(tok)
        if pos < cut < end:
            return True
        pos = end
    return False


def _single_han_count(tokens: list[str]) -> int:
    return sum(1 for t in tokens if len(t) == 1 and _is_han(t))


def duplicate_at_join(left: str, right: str, script: Script | Callable[[], Script] | None = None) -> bool:
    """Whether the first character of `right` repeats the last of `left` by accident of a page join.

    ``理想信念|念，`` and ``要加|加大`` are accidents; ``常|常``, ``人|人``, ``久|久为功`` are words.
    Scored with jieba over a small window: the doubling is real when the two characters form (part
    of) one word, otherwise the variant without the repeat is kept when it segments into fewer
    single-character fragments. Ties keep the text as it is. `script` may be a function that
    gives it: it is then only called when the script changes the scoring.
    """
    if not left or not right or left[-1] != right[0] or not _is_han(right[0]):
        return False
    wl, wr = left[-6:], right[:7]
    if callable(script):
        script = script() if _changed_by_t2s(wl, wr) else None
    if script == "traditional":
        wl, wr = to_simplified(wl), to_simplified(wr)
    doubled = wl + wr
    cut = len(wl)
    pos = 0
    toks = _tokens(doubled)
    for tok in toks:
        end = pos + len(tok)
        if pos <= cut - 1 and end >= cut + 1:  # the two copies sit in one word: 常常, 人人, 久久为功
            return False
        pos = end
    single = wl + wr[1:]
    return _single_han_count(_tokens(single)) < _single_han_count(toks)


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


def _dated_meta(line: str) -> bool:
    """A short line carrying a labelled date (次 发布日期：2012-12-20): the head's, never joined to the text."""
    return len(line) <= 80 and any(kind == "date" and value for kind, value in parse_meta(line)[1])


def _head_furniture(line: str) -> bool:
    """A line a page prints above its headline: a bare date, a meta line, a breadcrumb or menu."""
    return len(line) <= 60 and (
        bool(_DATE_ONLY_RE.match(_simplified(line))) or is_meta_line(line) or is_chrome(line)
    )


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
        or _dated_meta(prev)
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
    if soft:
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


def _changed_by_t2s(*texts: str) -> bool:
    return any(to_simplified(t) != t for t in texts)


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
            line = line[bullet.end() :]
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
    for n, (line, gap, indented) in enumerate(pieces[1:], start=1):
        soft = blank_style and gap == 0
        new_item = (use_indent and indented) or n in bulleted
        blank_gap = blank_style and gap > 0
        if _should_join(
            paragraphs[-1],
            line,
            soft=soft,
            width=width,
            indented=new_item,
            script=script,
            blank_gap=blank_gap,
            first=head_open,
            near_top=len(paragraphs) <= 3,
        ):
            paragraphs[-1] = _join(paragraphs[-1], line, script)
        else:
            head_open = head_open and _head_furniture(paragraphs[-1])
            paragraphs.append(line)
    return "\n".join(fix_spacing(p) for p in paragraphs)


# --- residue -----------------------------------------------------------------------------------------


def _label_items(line: str) -> list[tuple[str, str]]:
    """Split ``责任编辑：杨红 编辑：李晶鑫 联系电话：024…`` into (kind, item) pairs."""
    clean = line.replace("*", "").strip()
    starts = [m for m in _LABEL_ITEM_RE.finditer(clean)]
    if not starts:
        return []
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(clean)
        item = _clean_item(clean[m.start() : end])
        label = m.group(1)
        kind = "editor" if label in _EDITOR_LABELS else "contact"
        out.append((kind, item))
    prefix = clean[: starts[0].start()].strip(" \u3000（(")
    if prefix:
        out.insert(0, (out[0][0], prefix))
    return out


_HAN_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")


def _clean_item(item: str) -> str:
    """One labelled residue item: a name spread out by spaces (刘  洋) closed up, and the closing
    bracket of a line wrapped in brackets (（责任编辑：赵敏）) dropped."""
    item = _HAN_GAP_RE.sub("", item.strip(" \u3000，,;；"))
    for opening, closing in ("（）", "()"):
        if item.endswith(closing) and item.count(closing) > item.count(opening):
            item = item[:-1].rstrip()
    return item


def strip_residue(text: str) -> tuple[str, dict[str, list[str]]]:
    """Remove residue lines from one-paragraph-per-line text; return (text, residue).

    Keys (only present when something was found): ``web`` (share/print/close buttons, font size,
    view counts, related-article lists, ``来源：`` lines at the top of a web page), ``distribution``
    (``报：`` ``送：`` ``发：`` ``抄送：`` lines with their continuation lines), ``editor``
    (``责任编辑：…``), ``contact`` (``联系电话：…``, ``联系人：…``), ``print_run`` (``共印340份``),
    ``marking`` (``内部资料`` ``注意保存`` ``秘密★1年``, the 份号/特急 marks above a red header and
    the ``（此件公开发布）`` note), ``attachment`` (the 附件说明 ``附件：1.XX`` and its item lines).
    Only whole lines that *are* residue are
    removed (anchored at the line start); a sentence that mentions these words stays. A print run
    at the end of an 印发 line is cut off that line.
    """
    lines = text.split("\n")
    residue: dict[str, list[str]] = {}
    keep: list[str] = []

    def add(key: str, item: str) -> None:
        item = item.strip()
        if item:
            residue.setdefault(key, []).append(item)

    n = len(lines)
    in_related = False
    in_distribution = False
    in_attachment = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            keep.append(raw)
            continue
        s = _simplified(line).replace("*", "").strip()
        near_edge = i < 8 or i >= n - 15
        if in_related:
            # The list after 相关文章: short link titles.
            if len(s) <= 60 and not s.endswith("。"):
                add("web", line)
                continue
            in_related = False
        if in_attachment:
            in_attachment = bool(_ATTACHMENT_ITEM_RE.match(s)) and len(s) <= 60 and "。" not in s
            if in_attachment:
                add("attachment", line)
                continue
        if _ATTACHMENT_RE.match(s) and len(s) <= 100 and "。" not in s[:-1]:
            add("attachment", line)
            # ``附件：1.XX`` announces a numbered list of attachments on the following lines
            in_attachment = bool(_ATTACHMENT_ITEM_RE.match(re.sub(r"^附\s*件\s*[:：]\s*", "", s)))
            continue
        if (i < 8 and _HEADER_MARK_RE.match(s)) or (len(s) <= 24 and _PUBLICITY_RE.match(s)):
            add("marking", line)
            continue
        if in_distribution:
            if (
                len(s) <= 300
                and numbering(s) is None
                and not _is_residue_start(line)
                and not is_date_line(s)
                and s.count("。") <= 1
                and not re.search(r"[。！？]\S", s)
                and not re.search(r"印发|印\s*$|[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月", s)
            ):
                residue["distribution"][-1] += line
                in_distribution = not _ends_sentence(s) or s[-1] in "；;，,、"
                continue
            in_distribution = False
        if _DIST_LABEL_RE.match(s) and len(s) <= 400:
            add("distribution", line)
            in_distribution = s[-1] in "；;，,、" or not _ends_sentence(s)
            continue
        if (_EDITOR_START_RE.match(s) or _CONTACT_START_RE.match(s)) and len(s) <= 160:
            items = _label_items(line)
            for kind, item in items or [("editor" if _EDITOR_START_RE.match(s) else "contact", line)]:
                add(kind, item)
            continue
        if _PRINT_RUN_RE.match(s):
            add("print_run", line)
            continue
        m = _PRINT_RUN_RE.search(s)
        if m and re.search(r"印发|印\s*$|[0-9０-９]日", s[: m.start()]) and len(s) <= 80:
            # 中共…办公室  2018年2月26日印发（共印340份）: keep the 印发 part
            tail = re.search(r"[（(]?\s*共印\s*\S+\s*份\s*[）)]?\s*$", line)
            if tail:
                add("print_run", tail.group(0))
                line = line[: tail.start()].rstrip()
                keep.append(line)
                continue
        if _is_marking(line):
            add("marking", line)
            continue
        if _RELATED_RE.match(s):
            add("web", line)
            in_related = True
            continue
        if (len(s) <= 100 and (_WEB_LABEL_RE.match(s) or _BREADCRUMB_RE.match(s))) or (
            len(s) <= 24 and _SCAN_RE.match(s)
        ):
            add("web", line)
            continue
        if near_edge and len(s) <= 80 and _SOURCE_RE.match(s) and "。" not in s:
            add("web", line)
            continue
        keep.append(raw)
    out = "\n".join(x for x in keep if x.strip())
    return out, residue


def normalize_document_text(text: str, *, line_breaks: str = "layout") -> tuple[str, dict[str, list[str]]]:
    """The display text of a document (original script) and the residue taken out of it."""
    # pinyin readings go first: a glossed headline (关（guān）于…) must read as a headline to the layout
    # repair, which decides what is a line of its own
    lines, readings, sites = [], [], []
    for k, line in enumerate(text.split("\n")):
        bare, found = strip_pinyin(line)
        site = site_suffix(bare) if k < 12 else None
        if site:  # before the spacing repair joins the site's names to the headline
            bare, name = site
            sites.append(name)
        lines.append(bare)
        readings.extend(found)
    repaired = repair_layout("\n".join(unflatten_first_line(lines)), line_breaks=line_breaks)
    cleaned, residue = strip_residue(repaired)
    if readings:
        residue.setdefault("pinyin", []).append("".join(readings))
    if sites:
        residue.setdefault("navigation", []).extend(sites)
    cleaned, web = strip_web_residue(cleaned)
    cleaned = "\n".join(part for line in cleaned.split("\n") for part in split_inline_headings(line))
    for kind, items in web.items():
        residue.setdefault(kind, []).extend(items)
    lines = [line.rstrip() for line in cleaned.split("\n")]
    return "\n".join(line for line in lines if line.strip()).strip(), residue


def search_form(text: str, script: Script | None) -> str:
    """The search form of display text: NFKC, traditional→simplified only for traditional text."""
    return fold(text, script)
