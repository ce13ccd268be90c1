"""Index files read through memory maps.

whoosh's FileStorage reads segment files through buffered file objects: every posting block,
stored-field record and column value is a ``seek`` and a ``read`` — system calls that give up
the interpreter lock and must win it back. Under load (a burst of writes, other threads
scoring) a read waited a switch interval for each of them: the reads of a proximity re-rank or
a page's stored fields added up to seconds (py-spy, 12.8k clauses, 60 parallel uploads:
``StructFile.seek``/``tell`` were a third of the search threads' samples). A memory map serves
the same bytes with no system call per access; the page cache is shared by all maps of a file.

Writes still go through FileStorage's files (``create_file``); whoosh never rewrites a segment
file in place, and a map stays valid when its file is unlinked (a pruned snapshot).
"""

from __future__ import annotations

import mmap
import os
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile


class MappedStorage(FileStorage):
    """FileStorage whose ``open_file`` maps the file read-only (empty files as before)."""

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        with open(self._fpath(name), "rb") as fh:
            if os.fstat(fh.fileno()).st_size == 0:  # a zero-length map is an error
                return super().open_file(name, **kwargs)
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        # an mmap has read/seek/tell/readline/close and no fileno: StructFile reads it like a file
        return StructFile(mapped, name=name, **kwargs)  # type: ignore[arg-type]


def open_index(directory: str, indexname: str) -> Any:
    """``whoosh.index.open_dir`` over a MappedStorage."""
    return MappedStorage(directory).open_index(indexname)
