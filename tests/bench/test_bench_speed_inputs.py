"""bench.speed_inputs: the query set skips comments and blank lines; pasted paragraphs are cut
from consecutive long lines of the seeds and spread evenly over them."""

from __future__ import annotations

from pathlib import Path

from bench import speed_inputs


def test_load_queries_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "queries.txt"
    path.write_text("# 注释\n社区报到\n\n  三会一课  \n#又一个注释\n", encoding="utf-8")
    assert speed_inputs.load_queries(path) == ["社区报到", "三会一课"]


def test_the_shipped_query_set_is_not_empty() -> None:
    queries = speed_inputs.load_queries()
    assert queries and all(q and not q.startswith("#") for q in queries)


def test_load_paragraphs_joins_long_lines_and_skips_short_ones(tmp_path: Path) -> None:
    line = "离退休干部党支部建设工作要求第{}条内容说明。"  # 22 characters: long enough to count
    (tmp_path / "a.txt").write_text("短行\n" + "\n".join(line.format(i) for i in range(8)), encoding="utf-8")
    texts = speed_inputs.load_paragraphs(tmp_path, n=10, chars=40)
    # two 23-character lines make one 46-character buffer, cut to 40; the short line never counts
    assert texts == [(line.format(i) + line.format(i + 1))[:40] for i in range(0, 8, 2)]
    assert all("短行" not in t for t in texts)


def test_load_paragraphs_spreads_over_the_seeds_and_caps_n(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        body = "\n".join(f"{name}文件的第{i}行，这一行足够长，可以算作一段正文内容。" for i in range(4))
        (tmp_path / f"{name}.txt").write_text(body, encoding="utf-8")
    texts = speed_inputs.load_paragraphs(tmp_path, n=3, chars=20)
    assert len(texts) == 3
    assert [t[0] for t in texts] == ["a", "b", "c"]  # one from each file, in file order
