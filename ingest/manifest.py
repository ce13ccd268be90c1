"""The corpus manifest (corpus/MANIFEST.tsv): what each bundled file is and where it came from.

Columns: file, sha256, bytes, script, encoding, source_note. sha256/bytes/script/encoding are
derived from the files and checked by `verify_manifest`; source_note is written by a person and
kept when the manifest is regenerated. `policykg build` ingests every file `corpus_files`
lists, whether it is in the manifest or not.

    python -m ingest.manifest corpus/          # check (exit 1 with the problems)
    python -m ingest.manifest --write corpus/  # regenerate, keeping the notes
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "MANIFEST.tsv"
COLUMNS = ("file", "sha256", "bytes", "script", "encoding", "source_note")


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    sha256: str
    bytes: int
    script: str  # simplified | traditional | "" when the file is not text we can decode
    encoding: str  # the encoding the readers decoded it with ("" for docx/pdf)
    source_note: str = ""

    def row(self) -> str:
        values = (self.file, self.sha256, str(self.bytes), self.script, self.encoding, self.source_note)
        return "\t".join(_clean_cell(v) for v in values)


def _clean_cell(value: str) -> str:
    return " ".join(value.replace("\t", " ").splitlines()).strip()


def corpus_files(corpus_dir: str | Path) -> list[Path]:
    """The files of a corpus folder to ingest, sorted by name.

    Skips the manifest, README*, hidden files (``.DS_Store``, editor swap files), Office lock
    files (``~$x.docx``) and sub-folders.
    """
    root = Path(corpus_dir)
    out = []
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        name = path.name
        if name == MANIFEST_NAME or name.upper().startswith("README") or name.startswith((".", "~$")):
            continue
        if not path.is_file():
            continue
        out.append(path)
    return out


def describe_file(path: Path, note: str = "") -> ManifestEntry:
    """Compute a file's entry: hash and size from the bytes, encoding and script via the readers."""
    from ingest.pipeline import read_raw_bytes
    from policykg.errors import PolicyKGError
    from policykg.text import detect_script

    data = path.read_bytes()
    script = encoding = ""
    try:
        raw = read_raw_bytes(path.name, data, max_bytes=max(len(data), 1))
    except PolicyKGError:
        raw = None
    if raw is not None:
        script = detect_script(raw.text)
        encoding = raw.encoding or ""
    return ManifestEntry(
        file=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
        script=script,
        encoding=encoding,
        source_note=note,
    )


def read_manifest(path: str | Path) -> list[ManifestEntry]:
    """Parse a MANIFEST.tsv (UTF-8, a header row, tab-separated)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    if not lines:
        return []
    header = tuple(lines[0].split("\t"))
    if header != COLUMNS:
        raise ValueError(f"清单表头应为 {'、'.join(COLUMNS)}，实际为 {'、'.join(header)}")
    entries = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise ValueError(f"清单第 {number} 行应有 {len(COLUMNS)} 列，实际为 {len(cells)} 列")
        file, sha, size, script, encoding, note = cells
        entries.append(ManifestEntry(file, sha, int(size), script, encoding, note))
    return entries


def render_manifest(entries: list[ManifestEntry]) -> str:
    return "\n".join(["\t".join(COLUMNS), *(e.row() for e in entries)]) + "\n"


def generate_manifest(corpus_dir: str | Path, notes: dict[str, str] | None = None) -> list[ManifestEntry]:
    """Entries for every corpus file; notes come from `notes`, else from the existing manifest."""
    root = Path(corpus_dir)
    existing: dict[str, str] = {}
    if (root / MANIFEST_NAME).exists():
        existing = {e.file: e.source_note for e in read_manifest(root / MANIFEST_NAME)}
    if notes:
        existing.update(notes)
    return [describe_file(p, existing.get(p.name, "")) for p in corpus_files(root)]


def write_manifest(corpus_dir: str | Path, notes: dict[str, str] | None = None) -> Path:
    root = Path(corpus_dir)
    target = root / MANIFEST_NAME
    target.write_text(render_manifest(generate_manifest(root, notes)), encoding="utf-8", newline="\n")
    return target


def verify_manifest(corpus_dir: str | Path, *, require_listed: bool = True) -> list[str]:
    """Problems with the manifest of `corpus_dir` (Chinese, one per line); empty when it is exact.

    Checks that every listed file exists with the listed sha256, size, script and encoding, that
    each file is listed once, that every row has a note, and (``require_listed``) that every
    corpus file is listed.
    """
    root = Path(corpus_dir)
    path = root / MANIFEST_NAME
    if not path.exists():
        return [f"缺少清单文件 {path}"]
    try:
        entries = read_manifest(path)
    except (ValueError, UnicodeDecodeError) as exc:
        return [f"清单文件无法解析：{exc}"]
    problems: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.file in seen:
            problems.append(f"{entry.file}：在清单中重复出现")
            continue
        seen.add(entry.file)
        file = root / entry.file
        if not file.is_file():
            problems.append(f"{entry.file}：清单中有此文件，但语料目录中不存在")
            continue
        actual = describe_file(file, entry.source_note)
        if actual.sha256 != entry.sha256:
            problems.append(
                f"{entry.file}：sha256 不符（清单 {entry.sha256[:12]}…，实际 {actual.sha256[:12]}…）"
            )
        if actual.bytes != entry.bytes:
            problems.append(f"{entry.file}：大小不符（清单 {entry.bytes}，实际 {actual.bytes}）")
        if actual.script != entry.script:
            problems.append(f"{entry.file}：字形不符（清单 {entry.script}，实际 {actual.script}）")
        if actual.encoding != entry.encoding:
            problems.append(f"{entry.file}：编码不符（清单 {entry.encoding}，实际 {actual.encoding}）")
        if not entry.source_note.strip():
            problems.append(f"{entry.file}：缺少来源说明（source_note）")
    if require_listed:
        problems.extend(
            f"{p.name}：在语料目录中，但未列入清单" for p in corpus_files(root) if p.name not in seen
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.manifest", description="检查或重新生成语料清单")
    parser.add_argument("corpus_dir", nargs="?", default="corpus")
    parser.add_argument("--write", action="store_true", help="重新生成 MANIFEST.tsv（保留已有的来源说明）")
    args = parser.parse_args(argv)
    if args.write:
        print(f"已写入 {write_manifest(args.corpus_dir)}")
    problems = verify_manifest(args.corpus_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("清单与语料文件一致")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
