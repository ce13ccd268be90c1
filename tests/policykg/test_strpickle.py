"""policykg.strpickle: objects pickled without a UTF-8 copy left inside the writer's strings, read
back equal."""

from __future__ import annotations

import io
import pickle
import sys

from policykg import strpickle
from policykg.model import Clause, ClauseAnnotation, Fact, RegionRef


def _han(n: int, start: int = 0) -> str:
    return "".join(chr(0x4E00 + start + i) for i in range(n))


def test_plain_pickle_grows_a_string_and_strpickle_does_not() -> None:
    grown, kept = _han(50), _han(50, 100)
    before = sys.getsizeof(grown)
    pickle.dumps(grown)
    assert sys.getsizeof(grown) > before  # the cause: CPython keeps the UTF-8 bytes
    before = sys.getsizeof(kept)
    strpickle.dump(kept, io.BytesIO())
    assert sys.getsizeof(kept) == before


def test_what_is_read_back_is_equal_with_every_type() -> None:
    path = ["一、总体要求", "（一）支部"]
    clauses = [
        Clause(
            id=f"d:{i}", doc_id="d", ordinal=i, text="", search_text=_han(5, i), path=path, number="（二）"
        )
        for i in range(3)
    ]
    value = {
        "clauses": clauses,
        "ann": ClauseAnnotation(
            clause_id="d:0",
            programs=["红枫行动"],
            facts=[Fact(kind="count", value=3, unit="人", text="3人以上", clause_id="d:0")],
        ),
        "region": RegionRef(id="r", name="沈阳市", level="city", code="2101", path=("21", "2101")),
        "surrogate": "a\udcff离",
        "ascii": "plain",
        "mixed": ("离", b"\xe7", 1.5, None, {"键": ["值"]}),
    }
    fh = io.BytesIO()
    strpickle.dump(value, fh)
    strpickle.dump("第二条", fh)
    fh.seek(0)
    got = strpickle.load(fh)
    assert got == value
    assert got["clauses"][0].path is got["clauses"][1].path  # containers keep their sharing
    assert got["clauses"][0].number is got["clauses"][2].number  # and so do strings
    assert type(got["region"]) is RegionRef and got["region"].path == ("21", "2101")
    assert strpickle.load(fh) == "第二条"
