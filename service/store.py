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

Superseded generations stay while a reader may use them: a reader holds a shared flock on the
snapshot directory it serves (`share_lock`) for as long as it keeps that snapshot open, and the
writer's prune deletes only a directory it can lock exclusively at once. Besides those held by a
reader, at most `max_superseded` superseded generations are kept (the newest, and others only
while superseded less than `grace_seconds` ago), and only while their own bytes (files not
shared with the live generation through hard links) stay within `max_superseded` times the live
generation's size:
under any write rate the kept generations stay bounded (issue 17, D6).

Temporaries (`.tmp-*`: a generation being prepared, an original or CURRENT being written) are
only ever created under the write lock, so the next writer removes whatever a killed one left.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
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


def _open_dir(path: Path) -> int:
    return os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


def share_lock(snapshot: Path) -> int:
    """A shared flock on a snapshot directory: prune leaves it alone while the fd is open.

    Returns the fd (close it to release). Raises FileNotFoundError when the directory is gone or
    being deleted right now (the caller reads CURRENT again).
    """
    fd = _open_dir(snapshot)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:  # a prune holds it exclusively: it is being deleted
        os.close(fd)
        raise FileNotFoundError(errno.ENOENT, "snapshot is being removed", str(snapshot)) from None
    except BaseException:
        os.close(fd)
        raise
    return fd


def remove_if_unused(snapshot: Path) -> bool:
    """Delete a snapshot directory unless a reader holds it (see share_lock); True when removed."""
    try:
        fd = _open_dir(snapshot)
    except FileNotFoundError:
        return True
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        shutil.rmtree(snapshot, ignore_errors=True)
        return True
    finally:
        os.close(fd)


def _inodes(root: Path) -> dict[tuple[int, int], int]:
    """(device, inode) → size of every file below root."""
    out: dict[tuple[int, int], int] = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            with contextlib.suppress(FileNotFoundError):
                st = os.lstat(os.path.join(dirpath, name))
                out[(st.st_dev, st.st_ino)] = st.st_size
    return out


def _own_bytes(root: Path, shared: dict[tuple[int, int], int]) -> int:
    """Bytes of the files below root that are not hard links of `shared` ones."""
    return sum(size for key, size in _inodes(root).items() if key not in shared)


class DataStore:
    """File-system operations on one data dir. Holds no cached state besides paths.

    `grace_seconds`: how long a superseded generation is kept at least (a request that read the
    pointer just before a swap may still open it); readers' shared locks protect it beyond that.
    """

    def __init__(self, root: Path, grace_seconds: float = 0.0, max_superseded: int = 2) -> None:
        self.root = Path(root)
        self.grace_seconds = max(0.0, float(grace_seconds))
        self.max_superseded = max(1, int(max_superseded))
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
        """Remove what a killed writer left: half-prepared generations, half-written originals
        and pointer files. Call under write_lock (only a writer creates them)."""
        for folder in (self.snapshots_dir, self.originals_dir, self.root):
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                if not p.name.startswith(TMP_PREFIX):
                    continue
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    with contextlib.suppress(FileNotFoundError):
                        p.unlink()

    def prepare(self) -> tuple[str, Path]:
        """A fresh temporary directory for the next generation and the name it will get."""
        self.ensure_dirs()
        self.clean_temporaries()
        name = self.new_stamp()
        tmp = self.snapshots_dir / f"{TMP_PREFIX}{name}"
        tmp.mkdir(parents=True)
        return name, tmp

    def commit(
        self,
        name: str,
        tmp: Path,
        manifest: dict[str, Any],
        keep: int = 2,
        *,
        preload: Callable[[Path], Any] | None = None,
        install: Callable[[Any], None] | None = None,
    ) -> Path:
        """Make a prepared generation live: manifest, fsync, rename, swap CURRENT, prune.

        `preload(final_dir)` runs after the rename and before the swap (the writer's process opens
        the generation while readers still use the live one); `install(preloaded)` runs right after
        the swap, so this process serves the new generation without any reader paying its load. A
        failing preload only means the first read loads it, as for any other process."""
        manifest = {"format": SNAPSHOT_FORMAT, "name": name, **manifest}
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        fsync_tree(tmp)
        final = self.snapshots_dir / name
        os.rename(tmp, final)
        fsync_path(self.snapshots_dir)
        prepared = None
        if preload is not None:
            try:
                prepared = preload(final)
            except Exception:
                prepared = None
        atomic_write_bytes(self.pointer, (name + "\n").encode("utf-8"))
        if prepared is not None and install is not None:
            install(prepared)
        self.prune(keep=keep)
        return final

    def prune(self, keep: int = 2) -> None:
        """Delete old generations: never the live one nor the `keep` newest, none a reader holds
        (share_lock); of the others, keep only those superseded less than grace_seconds ago, at
        most `max_superseded` in all and within `max_superseded` times the live generation's bytes."""
        live = self.current_name()
        names = self.snapshot_names()
        always = set(names[-keep:])
        live_inodes = _inodes(self.snapshots_dir / live) if live else set()
        budget = sum(size for size in live_inodes.values())
        kept = kept_bytes = 0
        now = time.time()
        for i in range(len(names) - 1, -1, -1):  # newest first: the nearest past is kept first
            name = names[i]
            if name == live:
                continue
            own = _own_bytes(self.snapshots_dir / name, live_inodes)
            within = kept < self.max_superseded and kept_bytes + own <= budget * self.max_superseded
            recent = self._superseded_for(names, i, now) < self.grace_seconds
            if name in always or (within and recent):
                kept += 1
                kept_bytes += own
                continue
            remove_if_unused(self.snapshots_dir / name)

    def _superseded_for(self, names: list[str], i: int, now: float) -> float:
        """Seconds since generation names[i] stopped being live (its successor was committed)."""
        if self.grace_seconds <= 0 or i + 1 >= len(names):
            return float("inf")
        successor = self.snapshots_dir / names[i + 1]
        for path in (successor / "manifest.json", successor):
            with contextlib.suppress(FileNotFoundError):
                return now - path.stat().st_mtime
        return float("inf")

    def prune_originals(self, live_sha256: set[str]) -> int:
        """Delete the kept bytes of documents no longer live (a DELETE, a replaced version);
        call under write_lock, after the commit. Returns how many files were removed."""
        removed = 0
        if not self.originals_dir.is_dir():
            return 0
        for p in self.originals_dir.iterdir():
            sha = p.name.split(".", 1)[0]
            if p.name.startswith(TMP_PREFIX) or len(sha) != 64 or sha in live_sha256:
                continue
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
                removed += 1
        return removed

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
