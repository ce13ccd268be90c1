"""Writing a large JSON object piece by piece: byte-identical to ``json.dumps(obj,
ensure_ascii=False, separators=(",", ":"))`` of the same object, without holding it whole.

The knowledge graph of a 200k-clause library is ~0.5 GB as one JSON string plus the dicts it is
made from (measured: the build's save stage peaked 480 MB above its steady state); written an
array item at a time, only one item's dict and text exist at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

_BATCH = 512  # items joined per write: fewer calls into the file object


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def dump_object(fields: Iterable[tuple[str, Any]], fh: IO[str]) -> None:
    """Write a JSON object of `fields` (key, value) in order; a value that is an iterator is
    written as an array, an item at a time (any other value as json.dumps writes it)."""
    fh.write("{")
    for n, (key, value) in enumerate(fields):
        fh.write(("," if n else "") + _dumps(key) + ":")
        if isinstance(value, Iterator):
            _dump_array(value, fh)
        else:
            fh.write(_dumps(value))
    fh.write("}")


def _dump_array(items: Iterator[Any], fh: IO[str]) -> None:
    fh.write("[")
    batch: list[str] = []
    first = True
    for item in items:
        batch.append(_dumps(item))
        if len(batch) >= _BATCH:
            fh.write(("" if first else ",") + ",".join(batch))
            batch, first = [], False
    if batch:
        fh.write(("" if first else ",") + ",".join(batch))
    fh.write("]")
