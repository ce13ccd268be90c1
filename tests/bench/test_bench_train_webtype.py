"""bench.train_webtype: the fit separates what its features separate, and writing keeps the patterns."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bench.train_webtype import fit, write_weights
from ingest import webtype


def test_the_fit_learns_which_kind_a_feature_points_to() -> None:
    # one feature, low for news (kind 0) and high for experience (kind 1); no page of the other kinds
    x = np.array([[1.0, v] for v in (0.0, 0.1, 0.2, 0.9, 1.0, 1.1)])
    y = np.array([0, 0, 0, 1, 1, 1])
    w = fit(x, y, l2=0.1, steps=2000, rate=0.5)
    assert w.shape == (2, len(webtype.KINDS))
    assert w[1, 1] > w[1, 0]
    assert ((x @ w).argmax(axis=1) == y).all()


def test_a_kind_no_page_shows_is_never_chosen() -> None:
    x = np.array([[1.0, v] for v in (0.0, 0.5, 1.0, 1.5)])
    y = np.array([0, 0, 3, 3])  # news and 其他 only
    w = fit(x, y, l2=0.1, steps=2000, rate=0.5)
    assert set((x @ w).argmax(axis=1)) <= {0, 3}


def test_writing_the_weights_keeps_the_patterns_and_replaces_old_weights(tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text("# head\npattern\tday\t\\d日\n# weights (old)\nweight\tbias\t9.0\n", encoding="utf-8")
    write_weights(table, ["bias", "day"], np.array([[-1.0, 0.5, 0.0, 0.25], [0.5, -0.5, 1.0, 0.0]]), "note")
    text = table.read_text(encoding="utf-8")
    assert "pattern\tday\t\\d日" in text
    assert "weight\tbias\t-1.0000\t0.5000\t0.0000\t0.2500" in text
    assert "weight\tday\t0.5000\t-0.5000\t1.0000\t0.0000" in text
    assert "9.0" not in text and text.count("# weights") == 1
