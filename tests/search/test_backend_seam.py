"""The backend seam: one protocol, backends by name, no backend library outside its subpackage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from search.backends import BACKENDS, backend_class
from search.protocol import ClauseIndex as ClauseIndexProtocol

REPO = Path(__file__).resolve().parents[2]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


@pytest.mark.parametrize("package", ["service", "search"])
def test_no_backend_library_outside_its_subpackage(package: str) -> None:
    offenders = []
    for path in sorted((REPO / package).rglob("*.py")):
        if "backends" in path.parts:
            continue
        mods = _imported_modules(path)
        if any(m == "whoosh" or m.startswith("whoosh.") for m in mods):
            offenders.append(str(path.relative_to(REPO)))
        if package == "service" and any(m.startswith("search.backends") for m in mods):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_backends_by_name_satisfy_the_protocol() -> None:
    for name in BACKENDS:
        cls = backend_class(name)
        for method in ("create", "open", "add_documents", "delete_documents", "search", "facets", "close"):
            assert callable(getattr(cls, method)), (name, method)
        assert isinstance(cls.__dict__.get("clause_count"), property)
    assert ClauseIndexProtocol is not None
    with pytest.raises(ValueError):
        backend_class("nope")


def test_settings_name_the_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    from policykg.settings import Settings

    assert Settings().search_backend == "whoosh"
    monkeypatch.setenv("POLICYKG_SEARCH_BACKEND", "whoosh")
    assert Settings().search_backend == "whoosh"


def test_generation_arrays_stay_within_their_byte_budget() -> None:
    import numpy as np

    from search.backends.whoosh.arrays import GenerationArrays, _nbytes

    cache = GenerationArrays(budget_bytes=10_000)
    for i in range(50):
        cache.cached(("t", i), lambda: np.zeros(250), _nbytes)  # 2,000 bytes each
        assert cache.size <= 10_000
    assert cache.cached(("t", 49), lambda: None, _nbytes) is not None  # the newest stays
    made = []
    cache.cached(("t", 0), lambda: made.append(1) or np.zeros(1), _nbytes)  # the oldest left
    assert made == [1]
