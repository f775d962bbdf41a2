"""The real-corpus phase: the real pipeline and the configured embedder on real documents.

It measures where ingest time goes (embedder share, cold and warm), the embedder's
throughput, a re-ingest of the unchanged corpus, and it keeps every passage with its
real vector as material for the synthetic corpora.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Sequence

import numpy as np

from eval.bench.synth import Material, Source, SourceDoc
from ingest.embedders import make_embedder
from ingest.index import Index
from ingest.pipeline import embedding_text, ingest_paths
from ingest.settings import Settings
from qa.factory import index_config


class RecordingEmbedder:
    """The configured embedder, keeping what it embedded (same model id, same vectors)."""

    def __init__(self, inner):
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.vectors: dict[str, np.ndarray] = {}

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        out = self.inner.embed_passages(texts)
        self.vectors.update(zip(texts, out))
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)


def measure(corpus: Path, work: Path) -> dict:
    """Ingest `corpus` twice into fresh indexes (cold process, then warm) and once unchanged."""
    base = Settings()
    embedder = RecordingEmbedder(make_embedder(base.embedder.kind, base.embedder.model_path, base.embedder.dim))
    runs = []
    for name in ("cold", "warm"):
        folder = work / f"real-index-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        index = Index(index_config(base.model_copy(update={"index_dir": folder, "chroma_url": ""})), embedder,
                      create=True)
        report = ingest_paths(index, [corpus])
        if report.failed:
            raise RuntimeError(f"real corpus ingest failed: {report.failed[0]}")
        runs.append((index, report))
    index, warm = runs[1]
    t0 = time.perf_counter()
    again = ingest_paths(index, [corpus])
    reingest_s = time.perf_counter() - t0
    material = _material(index, embedder)
    material.save(work / "material")
    cold = runs[0][1]
    for idx, _ in runs:
        idx.close()
    return {
        "embedder": embedder.model_id,
        "real_passages": warm.passages,
        "real_documents": len(warm.added),
        "ingest_s_cold": round(cold.seconds, 2),
        "ingest_embed_s_cold": round(cold.embed_seconds, 2),
        "ingest_embed_share_cold": round(cold.embed_seconds / cold.seconds, 3),
        "ingest_s": round(warm.seconds, 2),
        "ingest_embed_s": round(warm.embed_seconds, 2),
        "ingest_embed_share": round(warm.embed_seconds / warm.seconds, 3),
        "embed_passages_per_s": round(warm.embedded / warm.embed_seconds, 2),
        "ingest_passages_per_s": round(warm.passages / warm.seconds, 2),
        "reingest_unchanged_s": round(reingest_s, 3),
        "reingest_unchanged_embedded": again.embedded,
        "reingest_unchanged_docs": len(again.unchanged),
    }


def _material(index: Index, embedder: RecordingEmbedder) -> Material:
    infos = index.documents()
    position = {d.doc_id: i for i, d in enumerate(infos)}
    sources, compounds = [], set()
    for p in index.catalog.iter_passages():
        vector = embedder.vectors.get(embedding_text(p))
        if vector is None:  # embedded by an earlier process: not in this run's record
            continue
        sentences = tuple(p.text[s:e] for s, e in p.sentences) or (p.text,)
        sources.append(Source(position[p.doc_id], p.section, sentences, np.asarray(vector, np.float32)))
        compounds.update(w.lower() for w in p.segmented if " " in w)
    if not sources:
        raise RuntimeError("the real corpus produced no passages to build synthetic corpora from")
    docs = tuple(SourceDoc(d.title, d.number, d.issuer, d.date) for d in infos)
    return Material(docs, tuple(sources), frozenset(compounds))
