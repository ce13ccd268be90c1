"""Incremental writes: whoosh's writer with a posting pool that groups by term in memory."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from whoosh import index as windex

from search.backends.whoosh.bulk import codec as _codec

POOL_MAX_ITEMS = 2_000_000  # postings held grouped in memory before spilling to whoosh's pool


class GroupingPool:
    """Postings grouped by term in memory: whoosh's pool sorts every posting tuple at commit, this
    one sorts the distinct terms only (postings of one term arrive in docnum order). Past
    `max_items` postings it hands everything to whoosh's disk-spilling pool, so memory stays
    bounded. Used by incremental updates (add/delete, with whoosh's segment merges); a fresh
    build goes through search.bulk instead.
    """

    def __init__(self, writer: Any, limitmb: int, max_items: int | None = None) -> None:
        self.groups: dict[tuple[str, bytes], list[tuple]] = {}
        self.fieldnames: set[str] = set()
        self.count = 0
        self.max_items = max_items if max_items is not None else POOL_MAX_ITEMS
        self._writer = writer
        self._limitmb = limitmb
        self._spilled: Any = None
        self._unsorted: set[tuple[str, bytes]] = set()

    def add(self, item: tuple) -> None:
        if self._spilled is not None:
            self._spilled.add(item)
            return
        key = (item[0], item[1])
        lst = self.groups.get(key)
        if lst is None:
            self.groups[key] = [item]
            self.fieldnames.add(item[0])
        else:
            if item[2] < lst[-1][2]:
                self._unsorted.add(key)  # merged segments may interleave
            lst.append(item)
        self.count += 1
        if self.count > self.max_items:
            self._spill()

    def _spill(self) -> None:
        from whoosh.writing import PostingPool

        w = self._writer
        pool = PostingPool(w._tempstorage, w.newsegment, limitmb=self._limitmb)
        for lst in self.groups.values():
            for item in lst:
                pool.add(item)
        self.groups.clear()
        self._spilled = pool
        self.fieldnames = pool.fieldnames

    def iter_postings(self):  # type: ignore[no-untyped-def]
        if self._spilled is not None:
            yield from self._spilled.iter_postings()
            return
        for key in sorted(self.groups):
            lst = self.groups[key]
            if key in self._unsorted:
                lst.sort(key=itemgetter(2))
            yield from lst

    def cleanup(self) -> None:
        self.groups.clear()
        if self._spilled is not None:
            self._spilled.cleanup()


def _open_writer(ix: windex.Index, limitmb: int, **kwargs: Any):  # type: ignore[no-untyped-def]
    writer = ix.writer(limitmb=limitmb, codec=_codec(), **kwargs)
    writer.pool = GroupingPool(writer, limitmb)
    return writer
