"""Title steps every profile ends with: the title and issuers settled from what the head and tail steps
found, and, for a page that printed no headline, the title its text names (a document named above and
printed below, a template site's note, a headline printed twice between the paragraphs, a Latin page's
first line). Steps of ingest.profiles over its `Reading`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest import headlineclean, names, titleleads, vocab
from ingest import metadata as m
from ingest.headline import headline_like
from ingest.webresidue import is_chrome
from policykg.text import fold

if TYPE_CHECKING:
    from ingest.profiles import Reading

_SECTION_HEAD_RE = re.compile(r"^[一二三四五六七八九十]+、")


def settle_title_and_issuers(r: Reading) -> None:
    if r.title:
        orgs, rest = names.split_title_issuers(r.title)
        if orgs:
            r.issuers.extend(orgs)
            r.title = rest
    r.md.issuers = m.merge_names([m.clean_org(p) for i in r.issuers for p in names.split_glued(i)])
    tagged = titleleads.bracketed_unit(r.title, m.is_org_name) if r.title else None
    if tagged and not r.md.author_unit and not r.md.issuers:  # 【某某供电公司】离退休党支部开展…
        r.md.author_unit = m.clean_org(tagged)
    title = headlineclean.clean_headline(r.title) if r.title else None
    if title:
        title = _continued(r, _without_site_name(r, title))
    if not title:  # a document-sharing page: its first lines name the file (《XX.docx》由会员分享)
        title = next(
            (t for k in range(min(3, len(r.lines))) if (t := headlineclean.shared_file_title(r.at(k)))), None
        )
    if not title:
        title = (
            _document_named_above(r)
            or _document_made_here(r)
            or _template_named(r)
            or _latin_headline(r)
            or _repeated_headline(r)
        )
    if title and _SECTION_HEAD_RE.match(title):
        title = None  # 一、完善某某制度: the first section's heading of a page without a headline, no title
    if not title and r.fallback_title:
        title = m.clean_title(r.fallback_title)
        r.md.warnings.append("正文中未识别出标题，使用文件提供的标题")
    r.md.title = title


_CRUMB_ROOT_RE = re.compile(
    rf"(?:{vocab.alternation('web_page.tsv', 'trail_label')})\s*[:：]\s*(?P<root>[^>＞»›]{{4,30}}?)\s*(?:>|＞|»|›)"
)


def _without_site_name(r: Reading, title: str) -> str:
    """The headline without the site's name glued before it, as the breadcrumb's root spells it
    (当前位置：某某官方网站 > 离退休办 ⏎ 某某官方网站关心下一代工作委员会工作条例)."""
    # the breadcrumb is usually residue by now; it may still be a head line
    heads = [*r.residue.get("web", [])[:8], *(r.at(k) for k in range(min(6, len(r.lines))))]
    for line in heads:
        crumb = _CRUMB_ROOT_RE.search(line)
        if crumb:
            root = crumb["root"].strip()
            rest = title[len(root) :].lstrip(" :：|-")
            return rest if title.startswith(root) and len(rest) >= 6 else title
    return title


_CONTINUATION_RE = re.compile(r"^暨[^。，,；;！？!?]{4,60}$")
_CONTINUATION_SPAN = 20  # the first lines, where the headline is printed


def _continued(r: Reading, title: str) -> str:
    """The headline with its second line when that line goes on with 暨 (某某公开赛（某地站）⏎暨第九届某某邀请赛
    竞赛规程): one event's double name broken over two lines."""
    for k in range(min(_CONTINUATION_SPAN, len(r.lines) - 1)):
        if r.at(k).strip() == title and _CONTINUATION_RE.match(nxt := r.at(k + 1).strip()):
            return title + nxt
    return title


_QUOTED_RE = re.compile(r"《([^《》]{6,60})》")


def _document_named_above(r: Reading) -> str | None:
    """A page with no headline whose opening names a document (近日，XX局印发《X》…; 现将《X》印发给你们)
    and then prints it under that name: the printed name is the page's title."""
    named = {q for k in range(min(4, len(r.lines))) for q in _QUOTED_RE.findall(r.at(k))}
    for k in range(1, min(25, len(r.lines))):
        line = r.at(k).strip()
        # the name on a line of its own, or opening a line the page's wrapping ran into the text
        found = next((q for q in named if line == q or line.startswith(q)), None)
        if found and m.title_like(found, 80):
            return m.clean_title(found)
    return None


# an opening that says the rules below are made here: …现结合实际，制定如下某某管理办法及兑换细则。
_MADE_HERE_RE = re.compile(
    r"(?:特|现)?(?:制定|制订)(?:了)?(?:如下|以下)?(?!本|了|如下|以下)(?P<doc>[^，,。；;：:《》“”]{6,60}?"
    r"(?:办法|细则|制度|规定|规则|方案|公约|章程|守则))[。：:]"
)


def _document_made_here(r: Reading) -> str | None:
    """A page with no headline whose first sentence says it lays down the rules that follow
    (…制定如下某某管理办法及兑换细则。⏎一、…): the rules' name is the page's title."""
    for k in range(min(2, len(r.lines))):
        first = re.split(r"[。！？]", r.at(k), maxsplit=1)[0] + "。"
        hit = _MADE_HERE_RE.search(first)
        if hit:
            return m.clean_title(hit["doc"])
    return None


# a template site's note naming what it collected: 下面是小编给大家整理的X，仅供参考 / 本站为你精心整理了X范文
_TEMPLATE_NOTE_RE = re.compile(
    r"(?:小编|本站)(?:给大家|为大家|为你|为您)?(?:精心)?(?:整理|收集|搜集|准备|精选)(?:了|的)(?:一些|几篇|\d+篇)?"
    r"(?P<name>[^，。,；！!]{4,40}?)(?:范文|范本|材料|资料)?[，,。；]"
)


def _template_named(r: Reading) -> str | None:
    """A headless template page (范文 site) named by its note: 小编给大家整理的X，仅供参考 → X."""
    for k in range(min(3, len(r.lines))):
        line = r.at(k)
        folded = fold(line, r.script)
        hit = _TEMPLATE_NOTE_RE.search(folded)
        if hit:
            name = line[hit.start("name") : hit.end("name")] if len(folded) == len(line) else hit["name"]
            return m.clean_title(name) if m.title_like(name, 60) else None
    return None


# a page in Latin script (machine-translated): its breadcrumb (Current location - A - B), labels (author:)
_LATIN_CHROME_RE = re.compile(
    r"^(?:current location|location|home|author|source|time|date)\b|(?:\s[-–>»]\s.*){2,}", re.IGNORECASE
)
_HAN_CHAR_RE = re.compile(r"[\u4e00-\u9fff]")


def latin_page(r: Reading) -> bool:
    """A page written in Latin script (a machine translation of a Chinese page)."""
    head = r.text[:2000]
    return bool(head) and len(_HAN_CHAR_RE.findall(head)) <= 0.2 * len(head)


def _repeated_headline(r: Reading) -> str | None:
    """A page with no headline on top whose headline stands between its paragraphs, printed twice or
    more (a scraped or spun copy: 本篇文章667字…⏎lead⏎⏎某某标准本月起施行⏎…⏎某某标准本月起施行)."""
    repeated = set(r.residue.get("duplicate", []))
    seen: set[str] = set()
    for k in range(r.pos, min(r.pos + 40, len(r.lines))):
        line = r.at(k).strip()
        if not 8 <= len(line) <= 60 or not headline_like(line) or is_chrome(line):
            continue
        if line in seen or line in repeated:
            return line
        seen.add(line)
    return None


def _latin_headline(r: Reading) -> str | None:
    """The headline of a page written in Latin script: its first line of 3 to 30 words that is no
    sentence, breadcrumb or label."""
    if not latin_page(r):
        return None
    for k in range(min(6, len(r.lines))):
        line = r.at(k).strip()
        words = line.split()
        if (
            3 <= len(words) <= 30
            and len(line) <= 200
            and line[-1] not in ".。!?:："
            and not _LATIN_CHROME_RE.search(line)
        ):
            return line
    return None
