"""Line-level vocabulary of decoded text shared by the layout repair, the residue pass and the
clause splitter: character classes, numbering and block patterns (``一、`` ``（二）`` ``第三条``, dates,
document numbers, residue labels), the spacing repair (``刘 文 生`` → ``刘文生``) and jieba's view of a
cut word (a word running across a line break, a character printed twice across it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from ingest import vocab
from ingest.compilation import is_part_marker
from ingest.creditline import writers_line
from ingest.segmenter import tokens
from ingest.webhead import is_meta_line
from policykg.model import Script
from policykg.text import to_simplified

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
_EDITOR_LABELS = (
    "责任编辑", "值班编辑", "美术编辑", "总编辑", "值班总编", "编辑", "审核", "审校", "校对", "终审", "复审", "编审", "美编"
)  # fmt: skip
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
_RECORD_FIELD_RE = re.compile(r"^(?:关键词|关键字|中图分类号|文献标识码|文章编号)\s*[:：]")
_RELATED_RE = re.compile(
    r"^[【\[]?\s*(?:相关文章|相关阅读|相关链接|相关新闻|相关内容|推荐阅读|延伸阅读|相关附件|热门资讯|热点推荐|热门推荐|"
    r"精彩推荐|猜你喜欢)\s*[】\]]?\s*[:：]?\s*$"
)
_SOURCE_RE = re.compile(r"^(?:来源|信息来源|文章来源|稿件来源)\s*[:：]")
# Page furniture of a web page saved as text: the breadcrumb trail and the "open on your phone" code.
_BREADCRUMB_RE = re.compile(
    rf"^(?:(?:{vocab.alternation('web_page.tsv', 'trail_label')})\s*[:：]|(?:网站)?首页\s*[>＞»›/])"
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
        or _RECORD_FIELD_RE.match(head)  # 关键词：…, 中图分类号：…: a paper's record field stands alone
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
        or bool(_DATELINE_START_RE.match(_simplified(line)))
    )


# a news dateline opens a paragraph: 中新网拉萨5月21日电, 本报讯, 新华社北京6月1日电
_DATELINE_START_RE = re.compile(
    r"^(?:本报|本台|本网|本刊)讯|^[\u4e00-\u9fff]{2,10}(?:网|社|报|台|客户端)[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日(?:电|讯)"
    # 某某报讯（记者 张三）, 某某网讯（通讯员…）: a medium's dateline with its credit
    r"|^[\u4e00-\u9fff]{2,10}(?:报|网|台|客户端|新闻)讯\s*[（(](?:[^（）()]{0,8})(?:记者|通讯员)"
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
    if writers_line(line):
        return " ".join(line.split())  # 张三 李四 王五: a list of names keeps its spaces
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


def _tokens(s: str) -> list[str]:
    return tokens(s)


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


def _changed_by_t2s(*texts: str) -> bool:
    return any(to_simplified(t) != t for t in texts)
