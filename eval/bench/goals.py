"""The issue's goals as measured ratios: reported, never asserted."""
from __future__ import annotations

RSS_LIMIT_MB = 2048
EMBED_SHARE = 0.8
QUERY_GROWTH = 2.0
REINGEST_SECONDS = 10.0  # "finishes in seconds"


def _ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def _goal(value, goal: str, met) -> dict:
    return {"value": value, "goal": goal, "met": None if value is None else bool(met)}


def goals(bench: dict) -> dict:
    sizes, base = bench["sizes"], bench["baseline"]
    q, s = bench["query_ms_p50"], bench["search_ms_p50"]
    growth = _ratio(q[-1], q[0])
    search_growth = _ratio(s[-1], s[0])
    vs_naive = [_ratio(a, b) for a, b in zip(q, base["query_ms_p50"])]
    search_vs_naive = [_ratio(a, b) for a, b in zip(s, base["search_ms_p50"])]
    rss = bench["peak_rss_mb"][-1]
    share = bench["ingest_embed_share"]
    real = bench["real"]
    reingest = bench["reingest_unchanged_s_by_size"]
    return {
        "query_p50_growth": _goal(growth, f"query p50 at {sizes[-1]} ≤ {QUERY_GROWTH}× p50 at {sizes[0]}",
                                  growth is not None and growth <= QUERY_GROWTH),
        "search_p50_growth": _goal(search_growth, "same, query embedding excluded",
                                   search_growth is not None and search_growth <= QUERY_GROWTH),
        "query_p50_vs_naive": _goal(vs_naive, "tracuu / naive query p50 ≤ 1 at each size",
                                    all(r is not None and r <= 1 for r in vs_naive)),
        "search_p50_vs_naive": _goal(search_vs_naive, "same, query embedding excluded",
                                     all(r is not None and r <= 1 for r in search_vs_naive)),
        "peak_rss_mb_serving_largest": _goal(rss, f"< {RSS_LIMIT_MB} MB serving {sizes[-1]} passages",
                                             rss is not None and rss < RSS_LIMIT_MB),
        "ingest_embed_share": _goal(share, f"≥ {EMBED_SHARE} of ingest time in the embedder (warm process)",
                                    share >= EMBED_SHARE),
        "reingest_unchanged": _goal(
            {"real_s": real["reingest_unchanged_s"], "real_embedded": real["reingest_unchanged_embedded"],
             "largest_s": reingest[-1], "largest_embedded": bench["reingest_unchanged_embedded_by_size"][-1]},
            f"no embedding, < {REINGEST_SECONDS:.0f} s",
            real["reingest_unchanged_embedded"] == 0 and real["reingest_unchanged_s"] < REINGEST_SECONDS
            and (reingest[-1] is None or reingest[-1] < REINGEST_SECONDS)
            and not bench["reingest_unchanged_embedded_by_size"][-1]),
    }
