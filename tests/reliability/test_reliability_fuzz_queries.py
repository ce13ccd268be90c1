"""Query fuzzing in process: hostile query strings straight into the engine (no HTTP, so many
examples are cheap). Search, precedents, compare and entity lookup must answer or raise a
PolicyKGError with a 4xx status; anything else would be a 500 through the API.

The alphabet is what a policy query is made of, plus the syntax the query parser understands:
hanzi of the corpus, 文号 brackets and 号, digits, quotes, AND/OR/NOT, parentheses, wildcards,
full-width forms and a few control/bidi characters.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.errors import PolicyKGError

pytestmark = pytest.mark.e2e

ALPHABET = (
    "离退休干部党支部建设社区报到福州市枣庄辽宁省老干部局通知意见工作机制三会一课主题党日"
    "〔〕[]【】()（）号第年月日0123456789"
    "\"“”‘’'*?~^:：,，、;；.。 \u3000\t"
    "ANDORNOTandornot+-!|&/\\"
    "ＡＮＤ（）＂\u202e\u200b\ufeff\x00\x1f"
)
QUERY = st.text(alphabet=ALPHABET, min_size=0, max_size=80)
WORDS = st.lists(
    st.sampled_from(
        ["党支部", "AND", "OR", "NOT", '"', "(", ")", "〔2018〕4号", "号", "*", "社区", "榕离退工委"]
    ),
    max_size=12,
).map(" ".join)

# Regressions the fuzzing found (kept as explicit examples).
KNOWN = [
    "〔2018〕4号〔2018〕4号",  # the 2nd 文号's prefix is the 1st one's 号
    '"〔2018〕4号〔2018〕4号"',  # phrase path
    "一【2000】0号",  # found by hypothesis: any one-character prefix
    "AND 一【2000】0号",  # boolean path
    "党" * 2000,
    '"' * 50,
    "(" * 200,
    "NOT",
    "AND OR NOT",
    "*",
    "\x00",
]


@pytest.fixture(scope="module")
def engine(seed_build: Path):
    from policykg.settings import Settings
    from service.engine import Engine

    e = Engine(Settings(data_dir=seed_build, corpus_dir=REPO / "corpus"))
    yield e
    e.close()


def ask(engine, q: str, every: bool = False) -> None:
    """Plain search always; then all the other readers (every=True) or one of them, by the query."""
    from service.engine import SearchParams

    others = [
        (
            "search+filters",
            lambda: engine.search(SearchParams(q=q, limit=5, region="辽宁省", year_from=2018)),
        ),
        ("precedents", lambda: engine.precedents(q, 10)),
        ("compare", lambda: engine.compare(q, ["福州市", "枣庄市"], 5)),
        ("entities", lambda: engine.entities(q or None, None, 10)),
    ]
    calls = [("search", lambda: engine.search(SearchParams(q=q, limit=10)))]
    calls += others if every else [others[len(q) % len(others)]]
    for name, call in calls:
        try:
            call()
        except PolicyKGError as exc:
            assert 400 <= exc.status < 500, (name, q, exc.code, exc.message)
        except Exception as exc:
            raise AssertionError(f"{name}({q!r}) raised {type(exc).__name__}: {exc}") from exc


@pytest.mark.parametrize("q", KNOWN)
def test_known_hostile_queries(engine, q: str) -> None:
    ask(engine, q, every=True)


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=st.one_of(QUERY, WORDS))
def test_fuzzed_queries_never_crash(engine, q: str) -> None:
    ask(engine, q)
