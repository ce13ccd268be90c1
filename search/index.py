"""The front door of clause search: create or open an index with the named backend.

```python
from search.index import ClauseIndex  # this facade; the type is search.protocol.ClauseIndex
ix = ClauseIndex.create(directory, documents, annotations, extra_terms, workers=2)
ix = ClauseIndex.open(directory, backend="whoosh", max_page_size=100)
```

``backend`` None means the default (search.backends.DEFAULT_BACKEND); the service passes
Settings.search_backend. The returned object is the backend's own class.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from policykg.model import Document
from search import protocol
from search.backends import backend_class


class ClauseIndex:
    """Dispatches create/open to a backend (kept under the name callers have always used)."""

    @staticmethod
    def create(
        directory: str | os.PathLike[str],
        documents: Iterable[Document],
        annotations: protocol.Annotations = None,
        extra_terms: Iterable[str] = (),
        *,
        backend: str | None = None,
        workers: int = 1,
        **options: Any,
    ) -> protocol.ClauseIndex:
        cls = backend_class(backend)
        return cls.create(directory, documents, annotations, extra_terms, workers=workers, **options)

    @staticmethod
    def open(
        directory: str | os.PathLike[str], *, backend: str | None = None, **options: Any
    ) -> protocol.ClauseIndex:
        return backend_class(backend).open(directory, **options)
