"""Reader fuzzing, bounded form (issue 17, part 2): mutated docx/pdf/html fixtures straight into
ingest.pipeline.read_bytes. Each ends in documents or an IngestError with a Chinese message (never
another exception), and the text stays within the expansion budget. The long form, with a time
and memory budget per input, is `python -m bench.hostile --readers N`.
"""

from __future__ import annotations

import readerfuzz
from hypothesis import HealthCheck, given, settings
from test_reliability_hostile_ingest import _CJK

from policykg.errors import IngestError


def read_one(name: str, data: bytes) -> None:
    from ingest.pipeline import read_bytes
    from ingest.readers.budget import text_budget

    try:
        docs = read_bytes(name, data)
    except IngestError as exc:
        assert exc.code and _CJK.search(exc.message), (exc.code, exc.message)
        return
    except Exception as exc:
        raise AssertionError(f"{name}: {type(exc).__name__} escaped the reader") from exc
    assert docs
    assert sum(len(d.text) for d in docs[:1]) <= text_budget(len(data))


def test_seeds_are_read() -> None:
    from ingest.pipeline import read_bytes

    for name, make in readerfuzz.SEEDS.items():
        assert read_bytes(name, make()), name


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=readerfuzz.mutated_file())
def test_mutated_files_end_in_documents_or_a_clear_error(case: tuple[str, bytes]) -> None:
    read_one(*case)
