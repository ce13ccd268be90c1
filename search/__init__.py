"""search package of policykg: clause index and ranking (see search/README.md).

Entry points: ``search.index.ClauseIndex`` (create/open/add/delete/search),
``search.results.SearchRequest`` / ``SearchPage``, ``search.segment.get_segmenter``.
"""
