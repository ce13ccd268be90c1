"""search package of policykg: clause index and ranking (see search/README.md).

Entry points: ``search.index.ClauseIndex.create/open`` (the backend named by Settings.search_backend,
returning a ``search.protocol.ClauseIndex``), ``search.results.SearchRequest`` / ``SearchPage`` /
``Hit``, ``search.segment.get_segmenter``. Backends live in ``search.backends.<name>``.
"""
