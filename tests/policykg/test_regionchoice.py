"""policykg.regionchoice: the needs-support rule for a name several regions share, and the region
an organization's name places."""

from __future__ import annotations

import pytest

from policykg.gazetteer import Gazetteer
from policykg.regionchoice import choose, region_of_org, resolve


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    tree = [
        {
            "code": "32",
            "name": "江苏省",
            "children": [
                {"code": "3201", "name": "南京市", "children": [{"code": "320106", "name": "鼓楼区"}]}
            ],
        },
        {
            "code": "35",
            "name": "福建省",
            "children": [
                {"code": "3501", "name": "福州市", "children": [{"code": "350102", "name": "鼓楼区"}]}
            ],
        },
        {
            "code": "22",
            "name": "吉林省",
            "children": [
                {"code": "2202", "name": "吉林市", "children": [{"code": "220204", "name": "船营区"}]}
            ],
        },
    ]
    return Gazetteer(tree, [])


def test_a_shared_name_stays_unplaced_without_support(gz: Gazetteer) -> None:
    [m] = resolve(gz, "鼓楼区召开座谈会")
    assert m.region is None and [c.code for c in m.candidates] == ["320106", "350102"]
    assert choose(gz, m.candidates, {}) is None


def test_support_from_the_text_or_the_context(gz: Gazetteer) -> None:
    assert resolve(gz, "福州市鼓楼区")[1].region.code == "350102"  # type: ignore[union-attr]
    assert resolve(gz, "江苏省鼓楼区")[1].region.code == "320106"  # type: ignore[union-attr]
    [m] = resolve(gz, "鼓楼区", context_codes=("region:3201",))
    assert m.region.code == "320106"  # type: ignore[union-attr]
    assert gz.resolve("福州市鼓楼区") == resolve(gz, "福州市鼓楼区")


def test_nested_candidates_need_no_support(gz: Gazetteer) -> None:
    jilin = tuple(gz.lookup("吉林"))
    assert [c.code for c in jilin] == ["220000", "220200"]
    assert choose(gz, jilin, {}).code == "220000"  # type: ignore[union-attr]
    # both lie above 船营区, so support is level: the broader reading is taken
    anchors = {"220204": {r.code for r in gz.ancestors("220204")}}
    assert choose(gz, jilin, anchors).code == "220000"  # type: ignore[union-attr]
    [_, m] = resolve(gz, "船营区吉林")
    assert m.region.code == "220000"  # type: ignore[union-attr]


def test_region_of_org(gz: Gazetteer) -> None:
    assert region_of_org(gz, "中共福州市鼓楼区委老干部局").code == "350102"  # type: ignore[union-attr]
    assert region_of_org(gz, "中共鼓楼区委") is None
    assert region_of_org(gz, "中共鼓楼区委", context_codes=("350100",)).code == "350102"  # type: ignore[union-attr]
    # the context (南京) and the text (福建省) support one 鼓楼区 each: resolve cannot tell, but
    # only one lies inside the organization's outer region
    assert resolve(gz, "福建省鼓楼区", context_codes=("320100",))[1].region is None
    assert region_of_org(gz, "福建省鼓楼区", context_codes=("320100",)).code == "350102"  # type: ignore[union-attr]
    # 南京 is not inside 福建: the outer region stands
    assert region_of_org(gz, "福建省南京商会").code == "350000"  # type: ignore[union-attr]
