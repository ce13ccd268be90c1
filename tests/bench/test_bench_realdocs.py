"""bench/realdocs.py on a tiny development set written for the test (real pages are never committed)."""

from __future__ import annotations

import json
from pathlib import Path

from bench import realdocs

PAGE = (
    "您当前所在的位置: 首页 >> 工作动态 >> 正文\n"
    "青禾县政协推进离退休干部党支部规范化建设\n"
    "发布日期:2024-06-03 来源:青禾县委老干部局 点击:[]\n"
    "青禾县政协准确把握离退休干部党支部建设标准，不断推动离退休干部党支部创优建强。\n"
)
HEADER = "file\turl\tquery\tprovince\tkind\ttitle\tdate\tissuer\tdoc_type\tregion\tdoc_no\tnotes\n"


def test_scores_fields_and_reports_residue_and_coverage(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "x001.txt").write_text(PAGE, encoding="utf-8")
    (pages / "x002.txt").write_text(PAGE.replace("2024-06-03", "2023-01-02"), encoding="utf-8")
    gold = tmp_path / "gold.tsv"
    right = "青禾县政协推进离退休干部党支部规范化建设\t2024-06-03\t青禾县委老干部局 | 青禾县政协\t新闻报道\t"
    gold.write_text(
        HEADER
        + f"x001.txt\thttp://a\tq\t\tnews\t{right}\t\t\n"
        + f"x002.txt\thttp://b\tq\t\tnews\t{right}\t\t\n"  # its date is 2023-01-02: one wrong date
        + "x003.txt\thttp://c\tq\t\tnews\t标题\t\t\t\t\t\t\n",  # no page: not scored
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    assert realdocs.main(["--pages", str(pages), "--gold", str(gold), "--json", str(out)]) == 0
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert summary["pages"] == 2
    assert summary["title"] == {"accuracy": 1.0, "judged": 2}
    assert summary["date"] == {"accuracy": 0.5, "judged": 2}
    assert summary["issuer"]["accuracy"] == 1.0
    assert summary["residue_path_pages"] == 0 and summary["residue_body_clauses"] == 0
    assert summary["min_coverage"] == 1.0


def test_an_issuer_the_text_does_not_name_is_not_judged(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "y.txt").write_text(PAGE, encoding="utf-8")
    gold = tmp_path / "gold.tsv"
    gold.write_text(HEADER + "y.txt\thttp://a\tq\t\tnews\t\t\t某某大学\t\t\t\t\n", encoding="utf-8")
    out = tmp_path / "o.json"
    realdocs.main(["--pages", str(pages), "--gold", str(gold), "--json", str(out)])
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["issuer"]["judged"] == 0
    assert realdocs.same_unit("江苏省无锡市委老干部局", "无锡市委老干部局")
    assert not realdocs.same_unit("无锡市", "无锡市委老干部局")


def test_a_heldout_set_is_scored_apart(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "d.txt").write_text(PAGE, encoding="utf-8")
    (pages / "h.txt").write_text(PAGE.replace("2024-06-03", "2023-01-02"), encoding="utf-8")
    dev, held = tmp_path / "dev.tsv", tmp_path / "held.tsv"
    dev.write_text(HEADER + "d.txt\thttp://a\tq\t\tnews\t\t2024-06-03\t\t\t\t\t\n", encoding="utf-8")
    held.write_text(HEADER + "h.txt\thttp://b\tq\t\tnews\t\t2024-06-03\t\t\t\t\t\n", encoding="utf-8")
    out = tmp_path / "o.json"
    realdocs.main(["--pages", str(pages), "--gold", str(dev), "--heldout", str(held), "--json", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["pages"] == 1 and data["summary"]["date"]["accuracy"] == 1.0
    assert data["summary"]["heldout"]["pages"] == 1 and data["summary"]["heldout"]["date"]["accuracy"] == 0.0
    assert [p["file"] for p in data["heldout_pages"]] == ["h.txt"]


def test_a_headline_annotated_in_both_scripts_is_one_headline() -> None:
    assert realdocs.title_want("青松縣老幹部局召開座談會 | 青松县老干部局召开座谈会") == realdocs.norm(
        "青松县老干部局召开座谈会"
    )
    # a kicker joined by a pipe stays part of the headline: either part alone is not it
    want = realdocs.title_want("金秋话重阳 | 青松县老干部局召开座谈会")
    assert want.startswith(realdocs.norm("金秋话重阳")) and want != realdocs.norm("青松县老干部局召开座谈会")
