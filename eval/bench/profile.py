"""Profile the warm query path on an existing index (pyinstrument, a dev dependency).

    python -m eval.bench.profile INDEX_DIR [--queries 30] [--cached] [--html OUT.html]

`--cached` serves query vectors from a cache after a first pass, so the profile shows
search alone. Keep a scale index with `tracuu bench scale --keep` (OUT/work/synth-N/ours).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    from ui.env import set_offline_env

    set_offline_env()
    parser = argparse.ArgumentParser(prog="python -m eval.bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--cached", action="store_true", help="profile with query vectors cached")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        sys.exit("pyinstrument is not installed: pip install pyinstrument")

    from eval.bench.ours import WARMUP, CachingEmbedder, settings_for
    from eval.bench.scale import DATASET, questions
    from qa import answer
    from qa.factory import open_engine, open_index

    settings = settings_for(args.index_dir)
    index = open_index(settings)
    index.embedder = CachingEmbedder(index.embedder)
    engine = open_engine(settings, index=index).warm_up()
    qs = questions(DATASET, args.queries)
    for q in [*WARMUP, *(qs if args.cached else [])]:
        answer(q, engine=engine)
    profiler = Profiler(interval=0.0005)
    t0 = time.perf_counter()
    with profiler:
        for q in qs:
            answer(q, engine=engine)
    per_query = (time.perf_counter() - t0) * 1000 / len(qs)
    print(profiler.output_text(unicode=True, show_all=False))
    print(f"{len(qs)} questions, {per_query:.1f} ms each on average (profiler overhead included)")
    if args.html:
        args.html.write_text(profiler.output_html())


if __name__ == "__main__":
    main(sys.argv[1:])
