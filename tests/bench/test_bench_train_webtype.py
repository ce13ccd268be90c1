"""bench.train_webtype: the fit separates what its features separate, and writing keeps the patterns."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bench.train_webtype import fit, write_weights


def test_the_fit_learns_the_sign_of_a_separating_feature() -> None:
    x = np.array([[1.0, v] for v in (0.0, 0.1, 0.2, 0.9, 1.0, 1.1)])
    y = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    w = fit(x, y, l2=0.1, steps=2000, rate=0.5)
    assert w[1] > 0
    assert (((x @ w) > 0) == y).all()


def test_writing_the_weights_keeps_the_patterns_and_replaces_old_weights(tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text("# head\npattern\tday\t\\d日\n# weights (old)\nweight\tbias\t9.0\n", encoding="utf-8")
    write_weights(table, ["bias", "day"], np.array([-1.0, 0.5]), "note")
    text = table.read_text(encoding="utf-8")
    assert "pattern\tday\t\\d日" in text and "weight\tbias\t-1.0000" in text and "weight\tday\t0.5000" in text
    assert "9.0" not in text and text.count("# weights") == 1
