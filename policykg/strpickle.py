"""Pickling a long-lived process's objects without growing its strings.

CPython's pickler writes a str through `PyUnicode_AsUTF8AndSize`, which caches the UTF-8 bytes
inside the string object for as long as the string lives: a Chinese string of n characters
keeps 3n more bytes (`sys.getsizeof` shows it). A build's parent pickles its light documents
(clause search texts, titles, paths) into the index workers' chunk files (policykg.docchunks),
and at 200k clauses those caches kept ~75 MB in the parent to the end of the build — the peak of
the build process (round 7 of issue 14, measured: +28 and +47 MB over the two chunk files).

`dump` writes the same objects with every non-ASCII string encoded by `str.encode` (a new bytes
object, nothing cached) as a persistent id, and a string written before in the same dump as its
number; `load` decodes them back. What is read is equal to what was written (every type kept;
surrogates too) and shares what it shared, as plain pickle: one string referenced twice (a
clause's numbering token, a heading path) comes back as one object. ASCII strings (ids, codes)
have no separate UTF-8 copy and are pickled as usual.
"""

from __future__ import annotations

import pickle
from typing import IO, Any

PROTOCOL = pickle.HIGHEST_PROTOCOL


class _Pickler(pickle.Pickler):
    def __init__(self, fh: IO[bytes]) -> None:
        super().__init__(fh, protocol=PROTOCOL)
        self._seen: dict[int, int] = {}  # id of a string written in this dump → its number
        self._held: list[str] = []  # the strings themselves: their ids stay theirs during the dump

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) is str and not obj.isascii():
            number = self._seen.get(id(obj))
            if number is not None:
                return number
            self._seen[id(obj)] = len(self._held)
            self._held.append(obj)
            return obj.encode("utf-8", "surrogatepass")
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, fh: IO[bytes]) -> None:
        super().__init__(fh)
        self._strings: list[str] = []

    def persistent_load(self, pid: Any) -> Any:
        if type(pid) is bytes:
            self._strings.append(pid.decode("utf-8", "surrogatepass"))
            return self._strings[-1]
        if type(pid) is int and 0 <= pid < len(self._strings):
            return self._strings[pid]
        raise pickle.UnpicklingError("unknown persistent id")


def dump(obj: Any, fh: IO[bytes]) -> None:
    """`pickle.dump(obj, fh)`, leaving obj's strings as they were (see the module doc)."""
    _Pickler(fh).dump(obj)


def load(fh: IO[bytes]) -> Any:
    """One object written by `dump`."""
    return _Unpickler(fh).load()
