"""Residue of web pages inside the body: what a site added around and between the paragraphs.

Runs on one-paragraph-per-line text after the layout repair and the generic residue pass
(ingest.normalize.strip_residue). Each rule removes whole lines, or a byline prefix of a paragraph,
and keeps what it removed under a residue kind, so nothing is silently dropped:

- ``navigation``: page furniture at the head or the tail (breadcrumbs, menus, 正文, share rows);
- ``caption``: photo captions and image markup; ``byline``: reporter / author / editor lines and the
  ``本报讯（记者…）`` opening of a news paragraph; ``paywall``: download and membership notes;
  ``disclaimer``: site statements; ``pager``: page counters; ``table``: box-drawing borders;
  ``pinyin``: readings a site printed after characters (关（guān）于); ``duplicate``: a paragraph
  the page repeats word for word.

The vocabulary is data: ``ingest/data/web_page.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ingest import headmenus, vocab
from ingest.creditline import medium_credit, writers_line
from policykg.text import to_simplified

_TABLE = "web_page.tsv"
_HEAD_LINES = 12
_TAIL_LINES = 10
# Tone-marked pinyin in brackets right after a Han character: 关（guān）于, 发(fā). A tone mark or ü
# is required, so a bracketed Latin letter (甲(a)) stays.
_PINYIN_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])\s?[（(](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7}[)）]"
)
# the same without tone marks: one whole syllable (initial and final) of two letters or more
_TONELESS_PINYIN_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])[（(](?=[a-z]{2,6}[)）])(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|er|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v)[)）]"
)
_BOX_CHARS = "┃│┌├└┐┘┤┬┴┼─━┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬|｜"
_BOX_RE = re.compile(r"[┃│┌├└┐┘┤┬┴┼─━┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬]")
_DUPLICATE_MIN = 16
_LONG_DISCLAIMER = 600
# the site's names after a headline, as a browser's page title prints them: 标题 频道—网站-网站
_SITE_SUFFIX_RE = re.compile(
    r"^(?P<head>[^。！？；，,]{6,80}?)(?<![:：])\s+(?P<site>[^\s。，,:：]{2,16}[—_|｜-][^\s。，,:：]{0,40}(?:网|网站|官网|平台|频道|客户端))$"
)
_GLUED_ABOUT_LINES = 8  # a 关于…的调研报告 headline glued to its text, under a sharing site's notes
_GLUED_TOP_LINES = 3  # how far down a page's own title can be glued to its first words  # a site statement is a paragraph at most
# A headline that a site glued to what follows it: ``…上的讲话同志们：今天…`` or
# ``…调研（五篇）（篇一）正文…``: split where the second part begins.
_GLUED_HEAD_RE = re.compile(
    r"^(?P<head>.{6,80}?(?:讲话|讲话稿|发言|致辞|主持词|[（(][一二三四五六七八九十\d]+篇[)）]))"
    r"(?P<rest>(?:同志们|(?:尊敬的)?各位[^，。：:]{1,10}|[（(]篇[一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]篇).*)$"
)
# a template's title glued to its first section heading: …方案参考模板一、背景分析与问题定义
_GLUED_SECTION_RE = re.compile(
    r"^(?P<head>[^。，,；]{6,60}?(?:方案|报告|总结|计划|办法|制度|规定|细则|模板|范文|范本))(?P<rest>一、.+)$"
)  # shorter repeated lines (a refrain, 同志们：) are not page repetition


@lru_cache(maxsize=4096)
def simplified(line: str) -> str:
    """NFKC + traditional → simplified of one line: the form every rule here matches on."""
    # (a katakana middle dot, 某某日报・某某云, reads as the Chinese one)
    return to_simplified(unicodedata.normalize("NFKC", line)).replace("・", "·").strip()


def dated_chrome(line: str) -> re.Match[str] | None:
    """The match of a furniture line that carries the page's day (and medium), ``dated_chrome`` rows:
    group ``date``, and ``medium`` where the row has one."""
    s = simplified(line)
    return next((m for p in vocab.patterns(_TABLE, "dated_chrome") if (m := p.match(s))), None)


def is_chrome(line: str) -> bool:
    """A whole line of page furniture (breadcrumb, menu row, 正文, share buttons, masthead name)."""
    s = simplified(line)
    if len(s) >= 40 and _portal_menu(s):
        return True
    if len(s) > 160:
        return False
    if any(p.search(s) for p in (*vocab.patterns(_TABLE, "chrome"), *vocab.patterns(_TABLE, "dated_chrome"))):
        return True
    # a menu once its spaces are gone (网站首页关于我们新闻中心…): two navigation words, no sentence
    return (not re.search(r"[。！？；]", s) and _nav_words(s) >= 2) or headmenus.noun_run(s)


def _portal_menu(s: str) -> bool:
    """A portal's long menu: navigation and channel words, no sentence (首页 国际 港澳 华人 中国 社会 …)."""
    if len(s) > 600 or re.search(r"[。！？；，,]", s):
        return False
    return _nav_words(s) + sum(1 for w in vocab.words(_TABLE, "channel_word") if w in s) >= 6


def _nav_words(s: str) -> int:
    return sum(1 for w in vocab.words(_TABLE, "nav_word") if w in s)


def residue_kind(line: str) -> str | None:
    """The residue kind of a whole body line, or None when it is text."""
    s = simplified(line)
    if len(s) > 160:
        # a long site statement (本文仅代表作者个人观点……如有侵权……删除) is still one: two of its markers
        disclaimer = [m for p in vocab.patterns(_TABLE, "residue_disclaimer") for m in p.findall(s)]
        return "disclaimer" if len(s) <= _LONG_DISCLAIMER and len(set(disclaimer)) >= 2 else None
    for kind in ("caption", "byline", "trailer", "paywall", "disclaimer", "pager"):
        if any(p.search(s) for p in vocab.patterns(_TABLE, f"residue_{kind}")):
            return kind
    return "byline" if medium_credit(s) or writers_line(s) else None  # 张三 某某观察 李四, 张三 李四 王五


_MEDIUM_XUN_RE = re.compile(r"(?:日报|晚报|网|报|台|客户端|融媒)讯\s*$")


def byline_prefix(line: str) -> int:
    """Length of a news opening ``本报讯（记者 张三 通讯员 李四）`` at the start of a paragraph (0 if none).

    Matched on the simplified form, which has the same length as the line for these characters
    (NFKC and t→s keep one character for one here), so the length applies to the line itself.
    """
    # NFKC character by character where it keeps one character (（ → (), so that an ellipsis or a
    # ligature later in the paragraph does not shift the length the match is cut at
    s = "".join(n if len(n := unicodedata.normalize("NFKC", c)) == 1 else c for c in line)
    s = to_simplified(s)
    if len(s) != len(line):
        return 0
    for p in vocab.patterns(_TABLE, "byline_prefix"):
        m = p.match(s)
        if m and m.end() < len(s) - 10:  # the rest of the paragraph is the news itself
            return m.end()
        # a medium's 讯 before a few words (某某新闻网讯 某某老人的心愿, the space perhaps lost): a
        # dateline over a short line still goes, its words stay
        if m and _MEDIUM_XUN_RE.search(s[: m.end()]) and len(s) - m.end() >= 4:
            return m.end()
    return 0


def caption_credit(line: str) -> int:
    """Length of a photographer's credit closing a short caption line (…走访慰问。摄影：张三), 0 if none."""
    if len(line) > 80:
        return 0
    s = simplified(line)
    if len(s) != len(line):
        return 0
    m = next((m for p in vocab.patterns(_TABLE, "caption_credit") if (m := p.search(s))), None)
    return len(s) - m.start() if m and m.start() > 0 else 0


def byline_suffix(line: str) -> int:
    """Length of a source note closing the last paragraphs, ``…新局面。（来源：XX市委组织部）`` or
    ``（XX局供稿）``, after a sentence end (0 if none): residue that names the source, not content."""
    folded = simplified(line)  # traditional pages close with （湖北日報記者…） too
    s = folded if len(folded) == len(line.strip()) and line == line.strip() else line
    for p in vocab.patterns(_TABLE, "byline_suffix"):
        m = p.search(s)
        if m and m.start() > 0:
            return len(s) - m.start()
    return 0


def site_suffix(line: str) -> tuple[str, str] | None:
    """(headline, the site's names) of a page title a browser prints: 标题 青海新闻—中国新闻网-某某网站."""
    found = _SITE_SUFFIX_RE.match(line.strip())
    return (found["head"].rstrip(), found["site"]) if found else None


def toneless_glossed(text: str) -> bool:
    """The page glosses its characters with pinyin without tone marks (會(hui), 鄉(xiang)): three or more
    such readings; one bracketed word is more likely a word of the text."""
    return len(_TONELESS_PINYIN_RE.findall(text)) >= 3


def strip_pinyin(line: str, toneless: bool = False) -> tuple[str, list[str]]:
    """The line without pinyin readings after characters, and the readings removed; readings without
    tone marks too on a page that glosses so (`toneless_glossed`) or where the line holds two."""
    found = _PINYIN_RE.findall(line)
    if found:
        line = _PINYIN_RE.sub("", line)
    bare = _TONELESS_PINYIN_RE.findall(line)
    if bare and (toneless or len(bare) >= 2):
        found = [*found, *bare]
        line = _TONELESS_PINYIN_RE.sub("", line)
    return line, found


def box_row(line: str) -> str | None:
    """A box-drawing table row as a table row (cells joined by tabs), '' for a pure border line,
    None when the line has no box-drawing characters."""
    if not _BOX_RE.search(line):
        return None
    cells = [c.strip() for c in re.split(f"[{re.escape(_BOX_CHARS)}]+", line)]
    cells = [c for c in cells if c]
    return "\t".join(cells)


# At the top of a page only: a title ending in its type or piece count, glued to the text's first
# words (…的讲话尊敬的…, …致辞11篇各位老领导, 1、…调研报告2023年初，…).
_GLUED_TOP_RE = re.compile(
    r"^(?P<head>[^，,。；;：:]{6,80}?(?:讲话|讲话稿|发言|致辞|主持词|[一二三四五六七八九十\d]+篇|"
    r"调研报告|工作报告|工作总结|实施方案|工作方案|工作要点|实施意见|制度|管理办法|实施办法|实施细则))\s*"
    r"(?P<rest>\d{0,2}(?:尊敬的|(?:尊敬的)?各位[^，。：:]{1,10}[，,：:]|同志们|"
    r"(?:19|20)\d{2}年(?:初|以来|上半年|下半年|\d{1,2}月)|近年来|今年以来|为(?:了|进一步|深入|认真|切实|全面|贯彻)).*)$"
)


# a news headline run into its first paragraph, which opens with the day, a time word or a purpose and a
# comma (…迎来两位高龄学员9月4日，是…, …大格局近年来，某市…, …圆满成功 为弘扬尊老敬老传统，…); a dateline
# (某某网讯（记者…）5月4日，…) is no headline
_GLUED_LEAD_RE = re.compile(
    r"^(?!.{0,40}?(?:讯|电|記者|记者|通讯员|通訊員|报道|消息))(?P<head>[^，,。；;：:！？!?（）()]{8,60}?)\s*"
    r"(?P<rest>(?:\d{1,2}月\d{1,2}日(?:上午|下午|晚上|晚)?[，,]|(?:近日|日前|近年来|今年以来)[，,]"
    r"|为(?:弘扬|进一步|深入|认真|切实|全面|贯彻|了|庆祝|丰富|促进|推动|加强|提升|营造|展示|迎接|纪念|落实|助力)"
    r"[^。，,]{2,40}[，,]).+)$"
)


@lru_cache(maxsize=1)
def _glued_dateline() -> re.Pattern[str]:
    """A headline run into a central medium's dateline and the story (标题新华社某地6月30日电（记者…）…):
    the medium's name (national_scope.tsv, central_medium) marks where the headline ends."""
    media = vocab.alternation("national_scope.tsv", "central_medium")
    return re.compile(
        r"^(?P<head>[^，,。；;：:！？!?（）()]{6,60}?)\s*"
        rf"(?P<rest>(?:{media}|中新社)[\u4e00-\u9fff]{{2,6}}(?:(?:19|20)\d{{2}}年)?"
        r"\d{1,2}月\d{1,2}日电\s*[（(].+)$"
    )


# a meta line whose source ends with the story's credit in brackets, run into the story's lead
# (2023年06月12日 来源:某某网2023年6月12日(记者 张三 通讯员 李四)在某某社区…。): the meta line, then the text
_GLUED_CREDIT_LEAD_RE = re.compile(
    r"^(?P<head>[^。]{0,80}?来源\s*[:：][^。]{2,60}?[（(]\s*(?:记者|通讯员|特约记者|融媒记者)[^（）()。]{2,40}[)）])"
    r"(?P<rest>[^（）()]{10,}?[，,。].*)$"
)


# a 关于…的调研报告 headline run into the page's first paragraph (a sharing site's text layer): the
# type word ends the headline unless the words after it say what the document does (…的通知要求)
_GLUED_ABOUT_RE = re.compile(
    r"^(?P<head>关于[^，,。；;：:《》]{4,70}?的(?:调研报告|调查报告|通知|实施意见|意见|实施方案|工作方案|方案|"
    r"办法|规定|决定|通报|倡议书))(?P<rest>(?!精神|要求|指出|规定|明确|提出|印发|下发|中|的)[^，,。；;：:]{2,}[，,。].*)$"
)


# a title in brackets glued to a speech's salutation: 【重阳节座谈会领导发言稿】尊敬的各位老前辈：
_BRACKETED_TITLE_RE = re.compile(r"^(?P<head>【[^】]{4,60}】)(?P<rest>(?:尊敬的|各位|同志们).*)$")


# a document's name in brackets run into its first sentence: 【某某工作实施方案】为深入贯彻…
_BRACKETED_DOC_RE = re.compile(
    r"^【(?P<head>[^【】]{4,60}?(?:方案|意见|办法|通知|规定|细则|制度|要点|规划|计划|决定|条例|报告|总结|倡议书|公告))】"
    r"(?P<rest>[^【】\s].{20,})$"
)


def unglue_head(line: str, top: bool = False, near_top: bool = False) -> list[str]:
    """A line split where a glued headline ends (see `_GLUED_HEAD_RE`, `_GLUED_TOP_RE` for the
    first lines of a page, `top`, and `_GLUED_ABOUT_RE` for the lines under a sharing site's
    notes, `near_top`); else the line itself."""
    line = line.strip()
    folded = simplified(line)
    same = len(folded) == len(line)  # the match runs on the simplified form (講話 → 讲话), same length
    doc = _BRACKETED_DOC_RE.match(folded if same else line) if top else None
    if doc:  # the name without its brackets, then the text
        return [line[doc.start("head") : doc.end("head")], line[doc.start("rest") :]]
    patterns = (
        (
            _GLUED_HEAD_RE,
            _GLUED_TOP_RE,
            _BRACKETED_TITLE_RE,
            _GLUED_SECTION_RE,
            _GLUED_LEAD_RE,
            _GLUED_CREDIT_LEAD_RE,
            _glued_dateline(),
        )
        if top
        else (_GLUED_HEAD_RE,)
    )
    for pattern in (*patterns, _GLUED_ABOUT_RE, _GLUED_SECTION_RE) if top or near_top else patterns:
        m = pattern.match(folded if same else line)
        if m and "。" not in m["head"]:
            cut = m.end("head")
            return [line[:cut].rstrip(), line[cut:].lstrip()]
    return [line]


# a meta line of a page's head: its date or its source (2024-05-27 来源：…, 发布时间：…)
_META_HINT_RE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}|来源|发布|时间|日期|作者|浏览")


def note_above_meta(residue: dict[str, list[str]], kept: list[str], removed: str) -> None:
    """Remember the kept line right above a meta line taken from a page's head (``above_meta``):
    pages print their headline there, and the head reader no longer sees the meta line."""
    above = next((k.strip() for k in reversed(kept) if k.strip()), None)
    if above and _META_HINT_RE.search(simplified(removed)):
        residue.setdefault("above_meta", []).append(above)


# a sharing site's watermark, its name and address, printed on a line of its own or glued into the text:
# 某某范文宝典:www.example.com
_WATERMARK_RE = re.compile(
    r"[\u4e00-\u9fff]{2,16}\s*[:：]\s*(?:https?://)?www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+/?", re.IGNORECASE
)


def _cut_watermarks(line: str, found: list[str]) -> str:
    """`line` without the site watermarks in it (kept in `found`)."""
    if "www." not in line.lower():
        return line  # most lines: nothing to look for
    found.extend(m.group(0) for m in _WATERMARK_RE.finditer(line))
    return _WATERMARK_RE.sub("", line)


def strip_web_residue(text: str) -> tuple[str, dict[str, list[str]]]:
    """Remove web residue from one-paragraph-per-line text; return (text, residue by kind)."""
    watermarks: list[str] = []
    raw_lines = [ln for ln in (_cut_watermarks(x, watermarks) for x in text.split("\n")) if ln.strip()]
    # the head of the page: the lines before any sentence (chrome, labels), and the one after them
    top = next((k for k, ln in enumerate(raw_lines) if "。" in ln or len(ln.strip()) > 40), len(raw_lines))
    # positions count from the first line that is not furniture (a banner printed above the page
    # moves nothing)
    first = next((k for k, ln in enumerate(raw_lines[:top]) if not is_chrome(ln.strip())), top)
    lines = [
        part
        for k, ln in enumerate(raw_lines)
        for part in unglue_head(
            ln, top=k <= min(top, first + _GLUED_TOP_LINES), near_top=k - first < _GLUED_ABOUT_LINES
        )
    ]
    residue: dict[str, list[str]] = {"navigation": watermarks} if watermarks else {}

    def add(kind: str, item: str) -> None:
        residue.setdefault(kind, []).append(item.strip())

    n = len(lines)
    head = [simplified(x) for x in lines[: top + 1]]
    menu = headmenus.menu_column(head, top) | headmenus.welcomed_site_name(head, top)
    keep: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate(lines):
        if i in menu:
            add("navigation", raw)
            continue
        line, readings = strip_pinyin(raw.strip())
        if readings:
            add("pinyin", "".join(readings))
        # the head is counted in the lines kept so far: furniture printed above a page (a banner, a
        # menu) does not push its headline and meta lines out of the head
        in_head = len(keep) < _HEAD_LINES
        at_edge = in_head or i >= n - _TAIL_LINES
        if at_edge and is_chrome(line):
            add("navigation", line)
            continue
        kind = residue_kind(line)
        if kind is not None:
            add(kind, line)
            if in_head:
                note_above_meta(residue, keep, line)
            continue
        row = box_row(line)
        if row is not None:
            add("table", line)
            if not row:
                continue
            line = row
        for _ in range(3):  # 某某日报4月25日讯 then （记者…通讯员…）: a dateline and its credit, each cut
            cut = byline_prefix(line)
            if not cut:
                break
            add("byline", line[:cut])
            line = line[cut:].lstrip()
        credit = caption_credit(line)
        if credit:  # 某某召开座谈会 摄影：张三: a photo's caption keeps its words, not its credit
            add("byline", line[-credit:])
            line = line[:-credit].rstrip()
        for _ in range(3) if i >= n - _TAIL_LINES else ():  # （记者…）（本文刊登于…）: each note cut
            tail = byline_suffix(line)
            if not tail:
                break
            add("byline", line[-tail:])
            line = line[:-tail].rstrip()
        key = re.sub(r"\s+", "", simplified(line))
        repeated_head = (
            in_head
            and len(key) <= 80
            and not re.search(r"[。，,；;]", key)
            and bool(keep)
            and key == re.sub(r"\s+", "", simplified(keep[-1]))
        )
        if len(key) >= _DUPLICATE_MIN and key in seen and not repeated_head:
            # (a headline printed twice at the top stays: the head reader takes the pair as the headline)
            add("duplicate", line[:40])
            continue
        seen.add(key)
        keep.append(line)
    return "\n".join(keep), residue
