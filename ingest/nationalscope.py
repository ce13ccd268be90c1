"""The national scope (全国) of a document: central organs, national titles, stories of central organs.

Pure functions over the read-only gazetteer; docregion asks them where it weighs its evidence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ingest import vocab
from ingest.opening import strip_opening_lead
from policykg.model import RegionRef

_CENTRAL_RE = re.compile(
    r"^(?:中共中央|中央(?!.{0,4}(?:省|市|县|区)委)|国务院|全国(?:人大|政协|老龄|总工会)|中华人民共和国|中组部|中宣部|"
    r"(?:人力资源(?:和)?社会保障|民政|财政|教育|退役军人事务|国家卫生健康委员会|文化和旅游)部|"
    # the State Council's commissions and administrations named without it (国资委, 国管局, 国家…局)
    r"国资委|国管局|国家(?!级)[\u4e00-\u9fff]{1,12}(?:总局|局|委员会))"
)
NATIONAL_TITLE_RE = re.compile(
    # (a national honour held by a local place, unit or person — 全国文明城区, 全国先进离休干部 — is no national piece)
    r"全国(?!人大|政协|总工会|妇联|老龄|[“\"]?两会|文明|先进|优秀|示范|模范|劳模|劳动模范|五一|三八|敬老|十佳|百强)"
    r"|中共中央|中央(?:组织部|老干部局|办公厅)|中组部|国务院|中办|国办"
)


def _organs(*pattern_kinds: str) -> str:
    """An alternation of the central organs named in ``national_scope.tsv`` and of its `pattern_kinds` rows."""
    names = vocab.alternation("national_scope.tsv", "central_organ")
    patterns = [r.pattern for kind in pattern_kinds for r in vocab.patterns("national_scope.tsv", kind)]
    return "|".join([names, *patterns])


@lru_cache(maxsize=1)
def _central_data_re() -> re.Pattern[str]:
    return re.compile(f"^(?:{_organs('central_pattern')})")


def is_central(issuer: str) -> bool:
    """A central party or state organ, people's organisation or central enterprise (中共中央办公厅,
    中央组织部, 人力资源社会保障部, 中国地震局, 国家民委, 中国老龄协会 …; ``national_scope.tsv``)."""
    if _LOCAL_BRANCH_RE.search(issuer):
        return False  # 中国老年大学协会青山市分会: a place's branch of a national body
    if _INSTITUTE_RE.search(issuer):
        return False  # 中国科学院某某研究所: an institute of a national body sits in one place
    return bool(_CENTRAL_RE.match(issuer) or _central_data_re().match(issuer))


_INSTITUTE_RE = re.compile(r"^中国科学院[\u4e00-\u9fff]{2,14}?(?:研究所|研究院|分院|植物园|天文台)")
_LOCAL_BRANCH_RE = re.compile(r"(?:省|市|县|区|州)(?:分会|分局|分行|支行|分公司|办事处|分院|分校)")


def national_ref(gaz: Any | None) -> RegionRef | None:
    try:
        return gaz.ref(gaz.national()) if gaz is not None else None
    except Exception:
        return None


# a news agency's dateline (新华社北京11月20日电（记者…）) before the story's first words
_DATELINE_RE = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{2,8}\d{1,2}月\d{1,2}日电\s*(?:[（(][^）)]{0,20}[）)])?\s*)?"
)
_CENTRAL_ACT_RE = re.compile(r"[^。！？]{0,40}?(?:印发|发布|出台|召开|表彰|启动|举办|举行|部署|开展|组织)")


# a meeting of the whole country held at a venue (2013年全国某某行业离退休干部工作会议在北京举行)
_NATIONAL_MEETING_RE = re.compile(
    r"全国(?!人大|政协)[^。；;！？，,]{0,40}?(?:会议|座谈会|推进会|现场会|表彰会|交流会|研讨会|大会|培训班)"
    r"[^。；;！？]{0,6}?在[\u4e00-\u9fff]{2,12}?(?:召开|举行|举办|开幕|闭幕|开班)"
)


def national_meeting(folded: str) -> bool:
    """The title or first sentence reports a national meeting held at some venue."""
    return bool(_NATIONAL_MEETING_RE.search(folded))


def central_after_dateline(folded_body: str) -> bool:
    """A story whose first words, after any wire dateline, are central organs acting (民政部、全国
    老龄办、中国老龄协会20日共同在京启动…): a national piece."""
    rest = folded_body[_DATELINE_RE.match(folded_body).end() :]  # type: ignore[union-attr]
    rest = strip_opening_lead(rest)  # 2022年8月12日，国家林业和草原局离退休干部局…开展
    if _LOCAL_BRANCH_RE.search(rest[:30]):
        return False  # 中国老年大学协会青山市分会开展…: a place's branch acting
    m = _CENTRAL_RE.match(rest) or _central_data_re().match(rest)
    return bool(m) and bool(_CENTRAL_ACT_RE.match(rest, m.end()))


# a national piece: its opening names a central organ acting (近日，中共中央办公厅印发了…)
CENTRAL_SUBJECT_RE = re.compile(
    r"(?:中共中央|中央(?:组织部|老干部局|办公厅)|国务院|中组部)(?:办公厅)?(?:近日|日前)?(?:印发|发布|出台|召开|表彰)"
)


# where a central organ names itself as the subject of a story: the text's start, after a space,
# punctuation or a wire dateline, or after 由/据/经 (本组报道由国家税务总局离退休干部局组稿)
_STORY_SPAN = 400
_SUBJECT_BEFORE = frozenset("由据经")
# a part of a central body that sits in one place: a branch (…哈分会, …江西分行) or an institute, school
# or hospital (中国科学院某某研究所): its story is that place's, not the nation's
_PLACED_PART_RE = re.compile(
    r"[\u4e00-\u9fff]{0,12}?(?:分会|分局|分行|支行|分公司|分院|分校|研究所|研究院|大学|学院|医院|中心)"
)


@lru_cache(maxsize=1)
def _story_organ_re() -> re.Pattern[str]:
    return re.compile(f"(?:{_organs('central_pattern', 'story_organ')})")


def central_story(folded_body: str) -> bool:
    """A page that places itself nowhere and whose opening has a central organ as a subject (7月1日，
    全国老龄工作委员会发出通知…; 值此佳节 水利部离退休干部局向…; 新华社北京电 中共中央政治局委员…)
    and no unit or scope of a place's own anywhere (全省, 市委, 我校): a national piece. Asked only
    when neither the text nor the page's address places the document."""
    local = vocab.alternation("national_scope.tsv", "local_scope")
    if re.search(local, folded_body):
        return False
    for m in _story_organ_re().finditer(folded_body[:_STORY_SPAN]):
        before = folded_body[m.start() - 1] if m.start() else " "
        subject = before in _SUBJECT_BEFORE or not ("\u4e00" <= before <= "\u9fff" or before == "、")
        # a credit (来源 … 某协会) ends its line, or runs into the story's dateline once lines are joined
        after = folded_body[m.end() : m.end() + 1]
        label = after in ("", "\n") or after.isdigit()
        if subject and not label and not _PLACED_PART_RE.match(folded_body, m.end()):
            return True
    return False


def without_capital_dateline(folded_body: str) -> str:
    """The text without the home-desk datelines of central media (新华社北京10月10日电, 人民网北京3月1日电):
    Beijing there is where the agency files national news, not a place the story is about. A dateline
    from elsewhere (新华社南京…电) is the bureau where the story happened, and stays."""
    media = vocab.alternation("national_scope.tsv", "central_medium")
    return re.sub(rf"({media})(?:记者)?北京\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*电", r"\1电", folded_body)


def central_medium(source: str | None) -> bool:
    """A central party or state medium (人民网, 新华社, 光明日报; ``national_scope.tsv``) as the source."""
    if not source:
        return False
    return source.strip("《》 ") in vocab.words("national_scope.tsv", "central_medium")


def speaks_for_the_nation(folded_body: str) -> bool:
    """An essay or commentary in the national register (我国…, 全国上下…) that shows no unit or
    place of its writer's own (我校, 本单位, 市委, 社区): a national piece. Asked only when neither
    the text nor the page's address places the document (`ingest/data/national_scope.tsv`)."""
    national = vocab.alternation("national_scope.tsv", "speaks_national")
    local = vocab.alternation("national_scope.tsv", "own_unit")
    return bool(re.search(national, folded_body)) and not re.search(local, folded_body)
