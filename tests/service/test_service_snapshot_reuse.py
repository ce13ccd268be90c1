"""A new generation takes the unchanged documents of the one before instead of parsing them."""

from __future__ import annotations

import json
from pathlib import Path

from service.snapshot import read_documents, read_documents_reusing


def test_unchanged_lines_reuse_the_previous_documents(seed_data_dir: Path, tmp_path: Path) -> None:
    live = next((seed_data_dir / "snapshots").iterdir()) / "documents.jsonl"
    first, keys = read_documents_reusing(live)
    assert [d.to_dict() for d in first] == [d.to_dict() for d in read_documents(live)]
    lines = live.read_text(encoding="utf-8").splitlines()
    changed = json.loads(lines[1])
    changed["title"] = changed["title"] + "（修订）"
    lines[1] = json.dumps(changed, ensure_ascii=False)
    nxt = tmp_path / "documents.jsonl"
    nxt.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one changed, the last one gone
    second, keys2 = read_documents_reusing(nxt, keys)
    assert [d.to_dict() for d in second] == [d.to_dict() for d in read_documents(nxt)]
    assert second[0] is first[0] and second[2] is first[2]  # taken over
    assert second[1] is not first[1] and second[1].title.endswith("（修订）")  # parsed
    assert len(keys2) == len(second)
