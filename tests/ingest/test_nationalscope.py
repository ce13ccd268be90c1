"""The national scope rules (ingest.nationalscope), with sentences written for the test."""

from __future__ import annotations

import pytest

from ingest.nationalscope import central_after_dateline, is_central


@pytest.mark.parametrize(
    ("unit", "central"),
    [("民政部", True), ("国家体育总局离退休干部局", True), ("中共中央组织部", True), ("省民政厅", False)],
)
def test_is_central(unit: str, central: bool) -> None:
    assert is_central(unit) is central


@pytest.mark.parametrize(
    ("body", "national"),
    [
        ("新华社北京3月2日电（记者张三）民政部、全国老龄办2日共同启动“银龄行动”。", True),
        ("民政部、全国老龄办近日联合印发通知。", True),
        ("民政部离退休干部局的老同志近日座谈。", False),  # no act
        ("青山县民政局近日启动“银龄行动”。", False),  # not central
    ],
)
def test_a_story_of_central_organs_acting(body: str, national: bool) -> None:
    assert central_after_dateline(body) is national
