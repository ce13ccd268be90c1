"""policykg.regionsuggest: the known names closest to an unknown one, for "did you mean"."""

from __future__ import annotations

from policykg.regionrecords import Region
from policykg.regionsuggest import _edit_distance, _stem, names_by_char, suggest

SHENYANG = Region("210100", "沈阳市", "city", "210000", ("沈阳",))
SHENHE = Region("210103", "沈河区", "county", "210100")
NAMES = {"沈阳市": [SHENYANG], "沈阳": [SHENYANG], "沈河区": [SHENHE]}


def lookup(name: str) -> list[Region]:
    return NAMES.get(name, [])


def test_edit_distance() -> None:
    assert _edit_distance("沈杨市", "沈阳市") == 1
    assert _edit_distance("kitten", "sitting") == 3
    assert _edit_distance("", "abc") == _edit_distance("abc", "") == 3
    assert _edit_distance("沈阳", "沈阳") == 0


def test_stem_drops_trailing_level_words() -> None:
    assert _stem("延边自治州") == "延边"
    assert _stem("沈阳市") == "沈阳"
    assert _stem("城区") == "城区"  # a stem of one character is no stem


def test_names_by_char_skips_level_words() -> None:
    assert names_by_char(["沈阳市", "沈河区"]) == {
        "沈": ("沈阳市", "沈河区"),
        "阳": ("沈阳市",),
        "河": ("沈河区",),
    }


def test_closest_names_one_per_region() -> None:
    index = names_by_char(NAMES)
    # 沈阳 is the same region as 沈阳市: only the closer one is offered
    assert suggest("沈杨市", index, lookup) == ["沈阳市", "沈河区"]
    assert suggest("沈杨市", index, lookup, limit=1) == ["沈阳市"]


def test_nothing_close() -> None:
    index = names_by_char(NAMES)
    assert suggest("市", index, lookup) == []  # level words only
    assert suggest("xyz", index, lookup) == []
    assert suggest("大连市", index, lookup) == []
