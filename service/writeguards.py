"""Guards of the write path (issue 17): what a write refuses or translates before it can do harm.

- `read_regular_file`: local files for the CLI and the build, never a FIFO or a device (D12).
- `disk_full_is_507`: a full disk during a write is StorageFull (507), not a 500 (D9).
- `id_clash`: two files of one write that would produce one document id (D8).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ingest.pipeline import human_size
from policykg.errors import FileTooLarge, PolicyKGError, StorageFull
from policykg.model import Document
from service.values import FileOutcome


def rejected(file: str, code: str, message: str) -> FileOutcome:
    return FileOutcome(file=file, status="rejected", code=code, message=message)


class NotRegular(OSError):
    """A path that is not a regular file (directory, device, FIFO, socket)."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most `limit` (FileTooLarge beyond).

    Opened without blocking and checked on the open descriptor: a FIFO would block the open
    (and the read) forever, /dev/zero never ends; checking the name first would race.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(errno.EINVAL, "not a regular file", str(path))
        if st.st_size > limit:
            raise FileTooLarge(f"文件超过大小上限（{human_size(limit)}）")
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1024 * 1024):
            size += len(chunk)
            if size > limit:  # the file grew while we read it
                raise FileTooLarge(f"文件超过大小上限（{human_size(limit)}）")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def is_disk_full(exc: BaseException) -> bool:
    """True when exc, or an exception it was raised from, is "no space left" / "quota exceeded"."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _DISK_FULL:
            return True
        current = current.__cause__ or current.__context__
    return False


@contextlib.contextmanager
def disk_full_is_507() -> Iterator[None]:
    """A full disk during a write becomes StorageFull (507, a Chinese message), not a 500."""
    try:
        yield
    except PolicyKGError:
        raise
    except Exception as exc:
        if is_disk_full(exc):
            raise StorageFull(
                "服务器磁盘空间不足，本次写入未完成，已有数据未受影响；请清理磁盘空间后重试。"
            ) from exc
        raise


def id_clash(name: str, docs: list[Document], claimed: dict[str, str]) -> FileOutcome | None:
    """The refusal of a file whose documents take an id another file of the same write produces
    (``a/x.txt`` and ``x.txt``, ``x.txt`` and ``x.md``): one of them would silently be lost."""
    for d in docs:
        other = claimed.get(d.id)
        if other is not None:
            return rejected(
                name,
                "duplicate_id",
                f"文件“{name}”与同一批中的文件“{other}”对应同一文档编号（{d.id}），"
                "后者会被覆盖；请改名后重新导入。",
            )
    return None
