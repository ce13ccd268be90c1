"""bench/perturb.py on a tiny page written for the test (real pages are never committed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import perturb

PAGE = (
    "青禾县政协推进离退休干部党支部规范化建设\n\n"
    "发布日期:2024-06-03 来源:青禾县委老干部局\n\n"
    "青禾县政协准确把握离退休干部党支部建设标准，不断推动离退休干部党支部创优建强。\n\n"
    "会议要求，各支部要把学习成果转化为实际行动。\n"
)
ROW = {"file": "x001.txt", "title": "青禾县政协推进离退休干部党支部规范化建设", "date": "2024-06-03"}


@pytest.mark.parametrize("name", sorted(perturb.PERTURBATIONS))
def test_every_perturbation_keeps_the_words(name: str) -> None:
    changed = perturb.PERTURBATIONS[name](PAGE.replace("\n\n发布日期", "\n发布日期"), ROW)
    assert changed is not None
    for word in ("青禾县政协推进离退休干部党支部规范化建设", "青禾县委老干部局", "创优建强"):
        assert word in changed


def test_a_line_goes_under_the_headline_and_nowhere_when_there_is_none() -> None:
    lines = perturb.PERTURBATIONS["views"](PAGE, ROW).split("\n")  # type: ignore[union-attr]
    assert lines[:2] == [ROW["title"], "浏览次数：1024"]
    assert perturb.PERTURBATIONS["views"](PAGE, {**ROW, "title": "另一个标题"}) is None


def test_the_table_counts_pages_lost_against_the_base_reading(tmp_path: Path) -> None:
    (tmp_path / "x001.txt").write_text(PAGE, encoding="utf-8")
    from policykg.gazetteer import default_gazetteer

    results = perturb.run([ROW], tmp_path, ["base", "crumb", "fullcolon"], default_gazetteer())
    assert results["x001.txt"]["base"]["title"] is True
    assert results["x001.txt"]["base"]["date"] is True
    rows = perturb.table(results, ["base", "crumb", "fullcolon"])
    assert rows[1].startswith("base") and "lost   0" in rows[1]
    assert len(rows) == 4
