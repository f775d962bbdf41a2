"""bench.json -> bench.json on disk, bench.md with its table, and a log-log plot."""
from __future__ import annotations

import json
from pathlib import Path

PLOT = "bench.png"
METHOD = """\
## How these figures were made
- **Real phase.** `corpus/` is ingested by the real pipeline (underthesea, configured embedder, Chroma,
  BM25) twice into fresh indexes: first in a cold process (imports and model load included), then warm.
  `ingest_embed_share` is the warm run's time inside the embedder over its total ingest time;
  `embed_passages_per_s` is its embedder throughput on those real passages. A third run over the
  unchanged corpus gives `reingest_unchanged_s`.
- **Synthetic corpora.** Real sentences recombined into new documents (a sentence borrowed from another
  passage, two swapped), figures re-drawn in the same format, provinces swapped for others, years
  shifted; written as `.txt` with front matter and read back with tracuu's loader. Passage text and
  sentence boundaries come from the generator, and `segmented` from a longest-match dictionary of
  underthesea's own words (segmentation speed is not measured here; at 100k passages underthesea alone
  would take most of an hour).
- **Vectors at scale** are derived from real embeddings: the source passage's real vector (mixed with the
  borrowed sentence's passage), plus Gaussian noise of norm 0.3, re-normalised (cosine ≈ 0.96 to the
  source). They are clustered around the real passages, which is kinder to nothing in particular but is
  not a real 100k-passage embedding distribution.
- **Queries** are dataset questions, answered warm: `query_ms` is the full `qa.answer`. tracuu embeds a
  question only when its words alone do not decide the answer ("questions embedded" is that share; the
  real query embedding is then included); the naive pipeline embeds every question. `search_ms` repeats
  the questions with their vectors cached and qa's caches of passage-text analysis emptied, so it is what
  grows with the corpus; `retrieve_ms` is the retrieval part of that (the answer's `timings_ms.retrieve`).
- **Re-ingest at scale.** After the bulk load, `tracuu ingest` runs twice over the unchanged synthetic
  corpus: the first checks every stored vector against the catalog (no clean run has left its mark yet;
  "full check s", also what `tracuu ingest --verify` costs), the second is a re-ingest after a clean run
  ("re-ingest unchanged s"). Neither embeds anything.
- **Indexing** (`index_passages_per_s`) is embedding-free: Chroma add through llama-index, catalog commit
  per document (as `tracuu ingest` does), and the BM25 build.
- **Peak RSS** is the peak resident memory (VmHWM) of a fresh process that opens the index, warms up and
  answers every query (not `ru_maxrss`, which Linux carries over from the parent process across exec).
- **Baseline**: stock llama-index, `VectorStoreIndex` over a `ChromaVectorStore`, TextNodes carrying the
  same vectors (no SentenceSplitter), inserted 1,000 at a time, queried through its retriever (top 10);
  its answer is the top chunk's best-matching sentence. Same machine, same run.
"""


def write_report(bench: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(bench, ensure_ascii=False, indent=2))
    plotted = _plot(bench, out / PLOT)
    (out / "bench.md").write_text(markdown(bench, PLOT if plotted else None), encoding="utf-8")


def _fmt(v, digits: int = 1) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def _table(bench: dict) -> list[str]:
    b = bench["baseline"]
    srv = bench.get("chroma_server")
    head = ["passages", "query p50 / p95 ms", "naive query p50 / p95 ms", "questions embedded", "search p50 ms",
            "naive search p50 ms", "retrieve p50 ms", "index passages/s", "naive index passages/s", "serving peak RSS MB",
            "naive peak RSS MB", "re-ingest unchanged s", "full check s"]
    if srv:
        head += ["chroma-server query p50 ms", "chroma-server search p50 ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for i, n in enumerate(bench["sizes"]):
        cells = [f"{n:,}", f"{_fmt(bench['query_ms_p50'][i])} / {_fmt(bench['query_ms_p95'][i])}",
                 f"{_fmt(b['query_ms_p50'][i])} / {_fmt(b['query_ms_p95'][i])}",
                 _fmt(bench.get("embedded_share", [None] * len(bench["sizes"]))[i]), _fmt(bench["search_ms_p50"][i]),
                 _fmt(b["search_ms_p50"][i]), _fmt(bench["retrieve_ms_p50"][i]),
                 _fmt(bench["index_passages_per_s"][i], 0), _fmt(b["index_passages_per_s"][i], 0),
                 _fmt(bench["peak_rss_mb"][i], 0), _fmt(b["peak_rss_mb"][i], 0),
                 _fmt(bench["reingest_unchanged_s_by_size"][i], 2),
                 _fmt(bench.get("reingest_verified_s_by_size", [None] * len(bench["sizes"]))[i], 2)]
        if srv:
            cells += [_fmt(srv["query_ms_p50"][i]), _fmt(srv["search_ms_p50"][i])]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _goals(bench: dict) -> list[str]:
    lines = ["| goal | measured | met |", "|---|---|---|"]
    for g in bench["goals"].values():
        value = g["value"]
        if isinstance(value, dict):
            value = ", ".join(f"{k} {_fmt(v, 2)}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(_fmt(v, 2) for v in value)
        else:
            value = _fmt(value, 3)
        lines.append(f"| {g['goal']} | {value} | {'–' if g['met'] is None else ('yes' if g['met'] else 'no')} |")
    return lines


def markdown(bench: dict, plot: str | None) -> str:
    real = bench["real"]
    parts = [
        "# tracuu bench scale", "",
        f"`{bench['command']}` — {bench['machine']['cpus']} CPUs, Python {bench['machine']['python']}, "
        f"embedder `{real['embedder']}`, {bench['queries']} questions per size, {bench['seconds']:.0f} s in all.", "",
        "## Per size", "", *_table(bench), "",
    ]
    if not bench.get("isolated", True):
        parts += ["**Measured in one process (`--in-process`): peak RSS figures are cumulative, not per size.**", ""]
    if plot:
        parts += [f"![latency, throughput and memory against corpus size (log-log)]({plot})", ""]
    parts += [
        "## Goals (one run, reported not asserted)", "", *_goals(bench), "",
        "## Real corpus", "",
        f"- {real['real_documents']} documents, {real['real_passages']} passages.",
        f"- Ingest, warm process: {real['ingest_s']} s, {real['ingest_embed_s']} s of it in the embedder "
        f"(share {real['ingest_embed_share']}); {real['ingest_passages_per_s']} passages/s.",
        f"- Ingest, cold process (imports, model load): {real['ingest_s_cold']} s, embedder share "
        f"{real['ingest_embed_share_cold']}.",
        f"- Embedder throughput: {real['embed_passages_per_s']} passages/s.",
        f"- Re-ingest unchanged: {real['reingest_unchanged_s']} s, {real['reingest_unchanged_embedded']} passages "
        f"embedded, {real['reingest_unchanged_docs']} documents unchanged.", "",
        "## Text statistics (real vs synthetic)", "",
        "| corpus | passages | chars/passage | syllables/passage | vocabulary | figures/passage |",
        "|---|---|---|---|---|---|",
    ]
    for name, st in [("real", real["text"]), *[(f"synthetic {n:,} (first 2,000 docs)", st)
                                                for n, st in zip(bench["sizes"], bench["synthetic_text"])]]:
        parts.append(f"| {name} | {st['passages']:,} | {st['chars_mean']} | {st['syllables_mean']} | "
                     f"{st['vocabulary']:,} | {st['figures_per_passage']} |")
    parts += ["", METHOD]
    return "\n".join(parts)


def _plot(bench: dict, path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    sizes, b = bench["sizes"], bench["baseline"]
    srv = bench.get("chroma_server")
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    series = [
        (axes[0], "query p50 (ms)", [("tracuu query", bench["query_ms_p50"]), ("tracuu search", bench["search_ms_p50"]),
                                    ("naive query", b["query_ms_p50"]), ("naive search", b["search_ms_p50"])]
         + ([("tracuu + chroma server", srv["query_ms_p50"])] if srv else [])),
        (axes[1], "indexing (passages/s)", [("tracuu", bench["index_passages_per_s"]),
                                            ("naive", b["index_passages_per_s"])]),
        (axes[2], "serving peak RSS (MB)", [("tracuu", bench["peak_rss_mb"]), ("naive", b["peak_rss_mb"])]),
    ]
    for ax, title, lines in series:
        for label, ys in lines:
            pts = [(x, y) for x, y in zip(sizes, ys) if y]
            if pts:
                ax.plot(*zip(*pts), marker="o", label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("passages")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True
