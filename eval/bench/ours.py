"""tracuu at scale: index a synthetic corpus the way ingest does, then serve questions.

Indexing keeps `ingest.pipeline`'s order (vectors into Chroma, then each document's
catalog commit) and ends with the keyword index build; the embedder is replaced by the
precomputed vectors. The first documents are written one by one as ingest does (the
per-write cost is reported), the rest in groups of about one Chroma batch, since
Chroma's fixed cost per write would otherwise dominate a bulk load. Serving goes
through `qa.answer`, exactly as users do.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Sequence

import numpy as np

from eval.bench.passages import Segmenter, load_corpus, load_vectors
from eval.bench.stats import ms_summary
from eval.bench.synth import Material
from ingest import manifest as manifest_mod
from ingest.pipeline import ingest_paths
from ingest.settings import Settings
from qa import answer, extract, matching, retrieve
from qa.factory import open_engine, open_index

GROUP = 1000  # passages per Chroma write once the per-document sample is taken
PER_DOC_SAMPLE = 10
WARMUP = ("Chính sách hỗ trợ y tế cho hộ nghèo gồm những gì?", "ty le ho ngheo giam bao nhieu")


class CachingEmbedder:
    """The configured embedder, timing each query and serving repeats from a cache, so
    a second pass over the same questions measures search alone."""

    def __init__(self, inner):
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.cache: dict[str, np.ndarray] = {}
        self.query_ms: list[float] = []

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if all(t in self.cache for t in texts):
            return np.stack([self.cache[t] for t in texts])
        t0 = time.perf_counter()
        out = self.inner.embed_queries(texts)
        self.query_ms.append((time.perf_counter() - t0) * 1000)
        self.cache.update(zip(texts, out))
        return out


def _write(index, group: list, vectors, clock: dict) -> None:
    """Vectors into Chroma, then each document's catalog commit (ingest's order)."""
    t0 = time.perf_counter()
    index.store.add([p for _, ps in group for p in ps], np.asarray(vectors))
    t1 = time.perf_counter()
    for doc, passages in group:
        index.catalog.commit_document(doc, passages)
    clock["store"] += t1 - t0
    clock["catalog"] += time.perf_counter() - t1


def settings_for(index_dir: Path, chroma_url: str = "") -> Settings:
    return Settings().model_copy(update={"index_dir": Path(index_dir), "chroma_url": chroma_url})


def build(corpus: Path, material: Path, index_dir: Path, chroma_url: str = "", reingest: bool = True) -> dict:
    """Index the synthetic corpus; time Chroma, catalog and keyword index separately."""
    index = open_index(settings_for(index_dir, chroma_url), create=True)
    manifest_mod.write(index.dir, index.manifest)
    segmenter = Segmenter(Material.load(material).compounds)
    vectors = load_vectors(corpus)
    # Connect and import Chroma and llama-index before the clock starts: a one-off cost per
    # process, not a cost per passage (it is the `import_s` figure).
    t0 = time.perf_counter()
    index.store.add([], np.zeros((0, index.embedder.dim), dtype=np.float32))
    import_s = time.perf_counter() - t0
    clock = {"prepare": 0.0, "store": 0.0, "catalog": 0.0}
    per_doc_ms: list[float] = []
    row, group = 0, []
    docs = load_corpus(corpus, segmenter)
    while True:
        t0 = time.perf_counter()
        item = next(docs, None)
        clock["prepare"] += time.perf_counter() - t0
        if item is not None:
            group.append(item)
        pending = sum(len(ps) for _, ps in group)
        # The first documents go in one by one, as `tracuu ingest` writes them, to measure
        # Chroma's cost per write; the rest in groups of about one Chroma batch.
        if group and (item is None or pending >= GROUP or len(per_doc_ms) < PER_DOC_SAMPLE):
            t0 = time.perf_counter()
            _write(index, group, vectors[row:row + pending], clock)
            if len(group) == 1 and len(per_doc_ms) < PER_DOC_SAMPLE:
                per_doc_ms.append((time.perf_counter() - t0) * 1000)
            row, group = row + pending, []
        if item is None:
            break
    t0 = time.perf_counter()
    index.keyword()
    keyword_s = time.perf_counter() - t0
    total = clock["store"] + clock["catalog"] + keyword_s
    out = {"passages": row, "documents": len(index.documents()), "import_s": round(import_s, 2),
           **{f"{k}_s": round(v, 2) for k, v in clock.items()}, "keyword_s": round(keyword_s, 2),
           "index_s": round(total, 2), "index_passages_per_s": round(row / total, 1),
           **ms_summary("doc_write_ms", per_doc_ms)}
    if reingest:
        # The bulk load above is not a `tracuu ingest` run, so the first run checks every
        # vector against the catalog (as after an interrupted run); the second is a user's
        # re-ingest of an unchanged corpus after a clean one.
        verified = ingest_paths(index, [corpus / "docs"])
        report = ingest_paths(index, [corpus / "docs"])
        out.update(reingest_unchanged_s=round(report.seconds, 2), reingest_unchanged_embedded=report.embedded,
                   reingest_unchanged_docs=len(report.unchanged), reingest_verified_s=round(verified.seconds, 2))
    index.close()
    return out


def serve(index_dir: Path, questions: list[str], chroma_url: str = "") -> dict:
    """Warm engine; pass 1 answers with real query embedding, pass 2 with cached vectors."""
    settings = settings_for(index_dir, chroma_url)
    index = open_index(settings)
    embedder = index.embedder = CachingEmbedder(index.embedder)
    engine = open_engine(settings, index=index).warm_up()
    for q in WARMUP:
        answer(q, engine=engine)
    embedder.query_ms.clear()
    full = [_timed(engine, q) for q in questions]
    embedded = len(embedder.query_ms)  # the others were answered or refused on the words alone
    # qa caches catalog rows and what it reads off passage texts (places, years, words).
    # Pass 2 repeats pass 1's questions, so empty those caches first: otherwise every
    # passage it needs would be read already and it would report less than a new
    # question costs.
    matching.clear_cache()
    extract.clear_cache()
    retrieve.clear_caches()
    index.catalog.forget_rows()
    search = [_timed(engine, q) for q in questions]
    index.close()
    return {
        **ms_summary("query_ms", [ms for ms, _ in full]),
        **ms_summary("search_ms", [ms for ms, _ in search]),
        **ms_summary("retrieve_ms", [a.timings_ms["retrieve"] for _, a in search]),
        **ms_summary("query_embed_ms", embedder.query_ms),
        "abstained_share": round(sum(a.abstained for _, a in full) / max(1, len(full)), 3),
        "embedded_share": round(embedded / max(1, len(full)), 3),
    }


def _timed(engine, question: str):
    t0 = time.perf_counter()
    result = answer(question, engine=engine)
    return (time.perf_counter() - t0) * 1000, result
