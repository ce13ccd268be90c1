"""D2 (issue 17): deep nesting and long operator chains in `q` (and topic) end in an answer or
a clear 400, never a RecursionError 500 with a stack logged per request.

The attack: 246 nested parentheses around an operator (500 characters). The hypothesis part
nests parentheses and NOT to random depths and chains operators; `python -m bench.hostile`
runs it with many more examples.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from conftest import REPO, make_client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.errors import PolicyKGError

pytestmark = pytest.mark.e2e

_CJK = re.compile(r"[\u4e00-\u9fff]")
ATTACK = "(" * 246 + "党支部 OR 社区" + ")" * 246
DEEP_NOT = "NOT " * 300 + "党支部"


@pytest.fixture(scope="module")
def engine(seed_build: Path):
    from policykg.settings import Settings
    from service.engine import Engine

    e = Engine(Settings(data_dir=seed_build, corpus_dir=REPO / "corpus"))
    yield e
    e.close()


@pytest.fixture(scope="module")
def client(seed_build: Path):
    with make_client(seed_build) as c:
        yield c


@pytest.mark.parametrize("q", [ATTACK, "(" * 300 + DEEP_NOT + ")" * 300])
@pytest.mark.parametrize(
    "path,param", [("/api/search", "q"), ("/api/precedents", "q"), ("/api/compare", "topic")]
)
def test_d2_deep_nesting_is_a_clear_400_not_a_500(client, caplog, q: str, path: str, param: str) -> None:
    caplog.set_level(logging.ERROR)
    resp = client.get(path, params={param: q})
    assert resp.status_code in (200, 400), (resp.status_code, resp.text[:200])
    if resp.status_code == 400:
        err = resp.json()["error"]
        assert err["code"] == "bad_query" and _CJK.search(err["message"]), err
    assert "RecursionError" not in caplog.text
    assert len(caplog.text) < 4000


def test_d2_moderate_nesting_still_searches(engine) -> None:
    from service.engine import SearchParams

    out = engine.search(SearchParams(q="((党支部 OR 社区) AND NOT (报到))", limit=5))
    assert out["total"] >= 0


def test_logged_stack_of_a_deep_recursion_is_bounded() -> None:
    from service.safelog import MAX_FRAMES, stack

    def down(n: int) -> int:
        return down(n + 1)

    try:
        down(0)
    except RecursionError as exc:
        text = stack(exc)
    assert text.count("File ") <= MAX_FRAMES and "omitted" in text


def _ask(engine, q: str) -> None:
    from service.engine import SearchParams

    for call in (
        lambda: engine.search(SearchParams(q=q, limit=5)),
        lambda: engine.precedents(q, 5),
    ):
        try:
            call()
        except PolicyKGError as exc:
            assert 400 <= exc.status < 500, (q[:80], exc.code)
        except Exception as exc:
            raise AssertionError(f"{q[:80]!r} raised {type(exc).__name__}") from exc


WORD = st.sampled_from(["党支部", "社区", "报到", "〔2018〕4号", '"主题党日"', "region:辽宁省", "*"])
OP = st.sampled_from(["AND", "OR", "NOT", "&&", "||", ""])


@st.composite
def nested(draw) -> str:  # type: ignore[no-untyped-def]
    depth = draw(st.integers(min_value=0, max_value=400))
    inner = " ".join(draw(st.lists(st.tuples(OP, WORD).map(" ".join), min_size=1, max_size=6)))
    nots = "NOT " * draw(st.integers(min_value=0, max_value=3))
    opened = "".join(draw(st.sampled_from(["(", "( ", "(NOT ", "(党支部 AND "])) for _ in range(depth))
    closed = ")" * draw(st.sampled_from([depth, max(depth - 1, 0), depth + 1]))
    return (opened + nots + inner + closed)[:2000]


CHAIN = st.builds(
    lambda words, op: f" {op} ".join(words),
    st.lists(WORD, min_size=50, max_size=300),
    st.sampled_from(["AND", "OR", "NOT", "AND NOT", "OR NOT"]),
).map(lambda s: s[:2000])


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=st.one_of(nested(), CHAIN))
def test_d2_fuzzed_nesting_and_operator_chains(engine, q: str) -> None:
    _ask(engine, q)
