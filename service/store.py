"""The data dir: snapshots, the CURRENT pointer, originals and the one-writer lock.

Layout (docs/INTERFACES.md):

    data/
      originals/{sha256}{ext}   original bytes, content-addressed, written atomically
      snapshots/{stamp}/        one complete generation (documents.jsonl, graph.json, index/, manifest.json)
      snapshots/.tmp-{stamp}/   a generation being prepared (never read; removed by the next writer)
      CURRENT                   name of the live snapshot, replaced with os.replace (atomic)
      write.lock                fcntl lock: one writer at a time, across threads and processes

What is atomic: the swap of CURRENT (a reader sees the old or the new snapshot, never a mix).
What is durable: a snapshot is fsynced (files and directories) before CURRENT points at it, and
CURRENT is fsynced with its directory, so after a crash the pointer names a complete snapshot.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from policykg.errors import PolicyKGError, StoreBusy

SNAPSHOT_FORMAT = 1
TMP_PREFIX = ".tmp-"


class NoSnapshot(PolicyKGError):
    """The data dir has no live snapshot yet (nothing was built)."""

    code = "not_ready"
    status = 503


@dataclass(frozen=True)
class PointerState:
    """What identifies the live pointer cheaply: a swap creates a new inode."""

    name: str
    inode: int
    mtime_ns: int


def fsync_path(path: Path) -> None:
    """fsync a file or a directory (directories need it so renames inside them are durable)."""
    flags = os.O_RDONLY
    if path.is_dir():
        flags |= getattr(os, "O_DIRECTORY", 0)
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """fsync every file and directory below root (bottom-up, directories last)."""
    for dirpath, _dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            fsync_path(Path(dirpath) / name)
        fsync_path(Path(dirpath))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary sibling, fsync, rename over the target, fsync the directory."""
    tmp = path.with_name(f"{TMP_PREFIX}{path.name}.{os.getpid()}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_path(path.parent)


def link_or_copy_tree(src: Path, dst: Path) -> None:
    """Recreate src under dst with hard links (copy when linking is impossible).

    Whoosh never rewrites a segment file in place (a commit writes new files and a new TOC and
    deletes what it no longer needs), so a hard-linked copy can be updated without touching src.
    """
    dst.mkdir(parents=True, exist_ok=True)
    for entry in src.iterdir():
        target = dst / entry.name
        if entry.is_dir():
            link_or_copy_tree(entry, target)
            continue
        if entry.name.endswith("LOCK"):  # a stale whoosh lock file must not travel along
            continue
        try:
            os.link(entry, target)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copy2(entry, target)


class DataStore:
    """File-system operations on one data dir. Holds no cached state besides paths."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.snapshots_dir = self.root / "snapshots"
        self.originals_dir = self.root / "originals"
        self.pointer = self.root / "CURRENT"
        self.lock_path = self.root / "write.lock"

    # -- reading -------------------------------------------------------------------------------

    def pointer_state(self) -> PointerState | None:
        """The live snapshot's name and the pointer's identity, or None when nothing is built."""
        try:
            st = os.stat(self.pointer)
            name = self.pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        if not name or not (self.snapshots_dir / name).is_dir():
            return None
        return PointerState(name=name, inode=st.st_ino, mtime_ns=st.st_mtime_ns)

    def current_name(self) -> str | None:
        state = self.pointer_state()
        return state.name if state else None

    def current_path(self) -> Path:
        name = self.current_name()
        if name is None:
            raise NoSnapshot("索引尚未建立：请先运行 policykg build")
        return self.snapshots_dir / name

    def has_snapshot(self) -> bool:
        return self.current_name() is not None

    def snapshot_names(self) -> list[str]:
        if not self.snapshots_dir.is_dir():
            return []
        return sorted(
            p.name for p in self.snapshots_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
        )

    # -- writing (call under write_lock) -------------------------------------------------------

    def ensure_dirs(self) -> None:
        for d in (self.root, self.snapshots_dir, self.originals_dir):
            d.mkdir(parents=True, exist_ok=True)

    @contextlib.contextmanager
    def write_lock(self, timeout: float = 30.0) -> Iterator[None]:
        """One writer at a time. flock on a freshly opened file works across threads and processes."""
        self.ensure_dirs()
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + max(timeout, 0.0)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreBusy("另一个写操作正在进行，请稍后重试") from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def new_stamp(self) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        existing = set(self.snapshot_names())
        n = 0
        name = stamp
        while name in existing:  # two writes within one microsecond (or a clock step back)
            n += 1
            name = f"{stamp}-{n}"
        # Snapshot names must sort in creation order even if the clock steps back.
        if existing and name <= max(existing):
            name = f"{max(existing)}-{n + 1}"
        return name

    def clean_temporaries(self) -> None:
        """Remove generations a crashed writer left half-prepared."""
        if not self.snapshots_dir.is_dir():
            return
        for p in self.snapshots_dir.iterdir():
            if p.name.startswith(TMP_PREFIX):
                shutil.rmtree(p, ignore_errors=True)

    def prepare(self) -> tuple[str, Path]:
        """A fresh temporary directory for the next generation and the name it will get."""
        self.ensure_dirs()
        self.clean_temporaries()
        name = self.new_stamp()
        tmp = self.snapshots_dir / f"{TMP_PREFIX}{name}"
        tmp.mkdir(parents=True)
        return name, tmp

    def commit(self, name: str, tmp: Path, manifest: dict[str, Any], keep: int = 2) -> Path:
        """Make a prepared generation live: manifest, fsync, rename, swap CURRENT, prune."""
        manifest = {"format": SNAPSHOT_FORMAT, "name": name, **manifest}
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        fsync_tree(tmp)
        final = self.snapshots_dir / name
        os.rename(tmp, final)
        fsync_path(self.snapshots_dir)
        atomic_write_bytes(self.pointer, (name + "\n").encode("utf-8"))
        self.prune(keep=keep)
        return final

    def prune(self, keep: int = 2) -> None:
        """Keep the live snapshot and the ones just before it (a reader may still be on them)."""
        live = self.current_name()
        names = self.snapshot_names()
        keepers = set(names[-keep:])
        if live:
            keepers.add(live)
        for name in names:
            if name not in keepers:
                shutil.rmtree(self.snapshots_dir / name, ignore_errors=True)

    def store_original(self, sha256: str, ext: str, data: bytes) -> Path:
        """Keep the uploaded bytes, content-addressed; idempotent."""
        self.ensure_dirs()
        ext = ext.lower() if ext and len(ext) <= 8 and ext[1:].isalnum() else ""
        path = self.originals_dir / f"{sha256}{ext}"
        if not path.exists():
            atomic_write_bytes(path, data)
        return path

    def read_manifest(self, snapshot: Path) -> dict[str, Any]:
        return json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
