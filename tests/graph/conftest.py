"""Session fixtures for graph tests; shared helpers live in graph_helpers.py beside this file.

The test run uses ``--import-mode=importlib``, which does not put test folders on sys.path, so
this folder is added here (conftest files load before the test modules that import the helpers).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from graph_helpers import seed_docs, seed_kg  # noqa: E402, F401  (fixtures)
