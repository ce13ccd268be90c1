"""D12 (issue 17): hostile local paths for the CLI. A FIFO must not hang it, a symlink to
/dev/zero must not be read without bound, a --data-dir that is a file is a clear message (no
traceback), and `build` never follows a symlink out of the corpus folder.

The FIFO and /dev/zero cases run the real console script in a subprocess with a timeout and an
address-space limit: on a CLI that blocks or reads forever they fail instead of hanging the suite.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import hostile
import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX paths")

MEMORY_LIMIT = 3 * 1024**3


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
    )


@pytest.mark.parametrize("kind", ["fifo", "dev_zero"])
def test_d12_ingest_of_a_fifo_or_dev_zero_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "通知.txt"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    good = tmp_path / "good.txt"
    good.write_text(hostile.POLICY_TEXT, encoding="utf-8")
    try:
        done = _cli("ingest", str(target), str(good), "--data-dir", str(tmp_path / "data"), cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"policykg ingest hung on a {kind}")
    out = done.stdout + done.stderr
    assert "Traceback" not in out and "MemoryError" not in out, out[-2000:]
    assert "不是普通文件" in out, out[-2000:]


def test_d12_a_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    from service import cli

    not_a_dir = tmp_path / "data"
    not_a_dir.write_text("x", encoding="utf-8")
    code = cli.main(["search", "党支部", "--data-dir", str(not_a_dir)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and "数据目录" in err, err


def test_d12_build_does_not_follow_symlinks_out_of_the_corpus(tmp_path: Path, capsys) -> None:
    from service import cli

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "inside.txt").write_text(hostile.POLICY_TEXT, encoding="utf-8")
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(hostile.POLICY_TEXT.replace("通知", "内部密件"), encoding="utf-8")
    (corpus / "leak.txt").symlink_to(secret)
    code = cli.main(
        ["build", "--corpus", str(corpus), "--data-dir", str(tmp_path / "data"), "--workers", "1"]
    )
    out = capsys.readouterr()
    assert code in (0, 1), out.err  # 1: a file was refused (the link), the build went on
    assert "语料目录之外" in out.out + out.err
    docs = (tmp_path / "data" / "snapshots").glob("*/documents.jsonl")
    text = "".join(p.read_text(encoding="utf-8") for p in docs)
    assert '"id": "inside"' in text
    assert "内部密件" not in text and '"id": "leak"' not in text
