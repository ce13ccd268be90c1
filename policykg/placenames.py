"""How people write a division's name: the short forms of province and prefecture names (广西, 延边),
the customary forms of autonomous divisions (红河州, 本溪县) and the stems of county-level names written
alone (都江堰, 乌兰浩特). Rules over the division tree, used by policykg.gazetteer to index names and by
scripts/make_place_pinyin.py to spell them."""

from __future__ import annotations

import re

# The 55 minority nationalities, longest first: the ethnic part of 自治州/自治区 names is cut off
# (延边朝鲜族自治州 → 延边, 伊犁哈萨克自治州 → 伊犁); the 族 is sometimes omitted.
_ETHNIC_RE = re.compile(
    "(?:"
    "柯尔克孜|乌孜别克|维吾尔|哈萨克|达斡尔|塔吉克|俄罗斯|鄂温克|塔塔尔|"
    "鄂伦春|蒙古|布依|朝鲜|土家|哈尼|傈僳|高山|拉祜|东乡|纳西|景颇|仫佬|"
    "布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|德昂|保安|裕固|独龙|赫哲|门巴|"
    "珞巴|基诺|回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|"
    "京"
    ")族?$"
)
_UPPER_SUFFIXES = ("特别行政区", "自治区", "地区", "省", "市", "盟")
_AUTONOMOUS_SUFFIXES = (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"))


def _ethnic_stem(stem: str) -> str:
    """The place part of an autonomous division's stem: 红河哈尼族彝族 → 红河, 鄂温克族 → 鄂温克."""
    stem = stem.removesuffix("各族")  # 龙胜各族自治县
    while (m := _ETHNIC_RE.search(stem)) and m.start() >= 2:
        stem = stem[: m.start()]
    # the whole stem is one nationality (鄂温克族自治旗): people drop the 族, not the name
    return stem[:-1] if stem.endswith("族") and len(stem) > 2 else stem


def short_name(name: str, level: str) -> str | None:
    """The customary short form of a province or prefecture name (广西壮族自治区 → 广西), else None."""
    if level not in ("province", "city"):
        return None
    if name.endswith("自治州"):
        stem = _ethnic_stem(name[: -len("自治州")])
    else:
        stem = next((name[: -len(s)] for s in _UPPER_SUFFIXES if name.endswith(s)), name)
        if name.endswith("自治区"):
            m = _ETHNIC_RE.search(stem)
            stem = stem[: m.start()] if m and m.start() >= 2 else stem
    return stem if len(stem) >= 2 and stem != name else None


def customary_form(name: str, level: str) -> str | None:
    """How people write an autonomous prefecture, county or banner: the place part and the bare
    level word (红河哈尼族彝族自治州 → 红河州, 本溪满族自治县 → 本溪县, 鄂伦春自治旗 → 鄂伦春旗).

    A rule over the tree, not a list: every 自治州/自治县/自治旗 gets its form. The forms that do
    not follow it (巴州, 博州, 克州, 莫旗) are rows of region_aliases.tsv.
    """
    if level not in ("city", "county"):
        return None
    for suffix, bare in _AUTONOMOUS_SUFFIXES:
        if name.endswith(suffix):
            stem = _ethnic_stem(name[: -len(suffix)])
            return stem + bare if len(stem) >= 2 else None
    return None


_STEM_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")
_ZONE_RE = re.compile(r"开发|示范|管理|园|产业|实验|新$")


def county_stem(name: str, level: str) -> str | None:
    """The place part of a county-level name that people write alone (都江堰市 → 都江堰, 乌兰浩特市 →
    乌兰浩特, 张家港市 → 张家港): three characters or more — a two-character stem (义乌, 昆山) is
    too often part of another word to scan — and never a development zone's (某某经济技术开发区)."""
    if level != "county":
        return None
    suffix = next((x for x in _STEM_SUFFIXES if name.endswith(x) and len(name) > len(x)), "")
    stem = name[: len(name) - len(suffix)]
    if not suffix or suffix.startswith("自治") or len(stem) < 3 or _ZONE_RE.search(stem):
        return None
    return stem
