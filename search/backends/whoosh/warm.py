"""Warming a new index generation before it is served.

Every generation has its own arrays (``arrays.GenerationArrays``): the whole-index ones (live
mask, field lengths, tie-break ranks, BM25 length norms, facet value columns) and the term data
queries asked for. Built lazily, they cost the first reads after each commit their whole build —
under a burst of uploads, every commit's first reads (measured at 12.8k clauses: seconds while
the writer competed for the interpreter). ``warm`` builds them on the writer's side, before the
swap: the whole-index arrays, then the term data the previous generation's readers used most
recently (the same keys, recomputed against the new postings and statistics: BM25 idf and
average lengths change with every write, so values are never copied across generations).
"""

from __future__ import annotations

from typing import Any

from search.backends.whoosh.arrays import GenerationArrays, PostingContext, _nbytes

# At most this many of the previous generation's most recently used term entries are replayed:
# enough for the questions of a busy minute, bounded whatever the previous cache held.
MAX_REPLAYED_KEYS = 2048


def warm_whole(ctx: PostingContext, fields: tuple[str, ...], facet_columns: Any) -> None:
    """The whole-index arrays every query needs (a few bytes per clause each)."""
    ctx.lengths()
    ctx.ranks()
    for name in fields:
        ctx.norm(name)
    ctx.shared.whole("facets", lambda: facet_columns(ctx))
    ctx.shared.whole("years", lambda: [t.decode("ascii") for t in ctx.reader.lexicon("year")])


def recent_keys(previous: GenerationArrays, limit: int = MAX_REPLAYED_KEYS) -> list[Any]:
    """The previous generation's most recently used term keys, least recent first."""
    return previous.recent()[-limit:]


def replay(ctx: PostingContext, keys: list[Any]) -> int:
    """Recompute the entries of `keys` on this generation; returns how many were made."""
    made = 0
    for key in keys:
        kind = key[0]
        if kind == "post":
            ctx.postings(key[1], key[2])
        elif kind == "df":
            ctx.df(key[1], key[2])
        elif kind == "set":
            ctx.docs(key[1], key[2])
        elif kind == "common":
            ctx.common_count(key[1], list(key[2]))
        elif kind == "blocks":
            ctx.block_tables(key[1], key[2])
        elif kind == "comp":
            ctx.component(key[2], key[1])
        elif kind == "group":
            _replay_group(ctx, key)
        else:
            continue
        made += 1
    return made


def _replay_group(ctx: PostingContext, key: Any) -> None:
    """A term group's arrays (ranking.group_arrays' cache entry) from its key."""
    from search.backends.whoosh.ranking import _group_arrays
    from search.plan import Alt

    params, alts = key[1], [Alt(parts, weight, credit) for parts, weight, credit in key[2]]
    ctx.shared.cached(key, lambda: _group_arrays(ctx, alts, params), _nbytes)
