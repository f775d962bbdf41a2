"""The naive llama-index pipeline at scale, the baseline of `tracuu bench scale`.

Stock parts only: TextNodes carrying the same precomputed vectors as tracuu's passages
(no SentenceSplitter: its speed is not what is compared), a VectorStoreIndex over a
ChromaVectorStore, its retriever, and the top chunk's best-matching sentence as the
answer. llama-index and Chroma appear here because the baseline *is* the stock framework.
"""
from __future__ import annotations

import time
from pathlib import Path

from eval.baselines import best_sentence
from eval.bench.ours import WARMUP, CachingEmbedder
from eval.bench.passages import Segmenter, load_corpus, load_vectors
from eval.bench.stats import ms_summary
from ingest.embedders import make_embedder
from ingest.settings import Settings
from ingest.store import llama_embedding, pin_llama_index_settings

COLLECTION = "naive-baseline"
_INSERT_BATCH = 1000  # nodes per insert: llama-index's bulk path, as a user loading a corpus would


def _vector_index(store_dir: Path, embed_model):
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    pin_llama_index_settings(embed_model)
    client = chromadb.PersistentClient(path=str(store_dir), settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.get_or_create_collection(COLLECTION, metadata={"hnsw:space": "cosine"},
                                                 embedding_function=None)
    store = ChromaVectorStore(chroma_collection=collection)
    return VectorStoreIndex.from_vector_store(store, embed_model=embed_model), collection


def build(corpus: Path, material: Path, store_dir: Path) -> dict:
    """Insert every synthetic passage as a TextNode with its vector; time the inserts."""
    from llama_index.core.schema import TextNode

    from eval.bench.synth import Material

    embedder = _embedder()
    vindex, collection = _vector_index(store_dir, llama_embedding(embedder))
    segmenter = Segmenter(Material.load(material).compounds)
    vectors = load_vectors(corpus)
    row, index_s, batch = 0, 0.0, []
    for doc, passages in load_corpus(corpus, segmenter):
        for p in passages:
            batch.append(TextNode(id_=p.passage_id, text=p.text, embedding=vectors[row].tolist(),
                                  metadata={"doc_id": p.doc_id, "title": p.title}))
            row += 1
        if len(batch) >= _INSERT_BATCH:
            index_s += _insert(vindex, batch)
            batch = []
    if batch:
        index_s += _insert(vindex, batch)
    return {"passages": collection.count(), "index_s": round(index_s, 2),
            "index_passages_per_s": round(row / index_s, 1) if index_s else None}


def _insert(vindex, nodes) -> float:
    t0 = time.perf_counter()
    vindex.insert_nodes(nodes)
    return time.perf_counter() - t0


def serve(store_dir: Path, questions: list[str], k: int = 10) -> dict:
    """Pass 1 embeds each question through llama-index; pass 2 hands it the same vector."""
    from llama_index.core.schema import QueryBundle

    embedder = CachingEmbedder(_embedder())
    vindex, _ = _vector_index(store_dir, llama_embedding(embedder))
    retriever = vindex.as_retriever(similarity_top_k=k)
    for q in WARMUP:
        _answer(retriever, q, q)
    embedder.query_ms.clear()
    full, search, retrieve = [], [], []
    for q in questions:
        t0 = time.perf_counter()
        _answer(retriever, q, q)
        full.append((time.perf_counter() - t0) * 1000)
    for q in questions:
        bundle = QueryBundle(query_str=q, embedding=embedder.cache[q].tolist())
        t0 = time.perf_counter()
        _, r_ms = _answer(retriever, bundle, q)
        search.append((time.perf_counter() - t0) * 1000)
        retrieve.append(r_ms)
    return {**ms_summary("query_ms", full), **ms_summary("search_ms", search),
            **ms_summary("retrieve_ms", retrieve), **ms_summary("query_embed_ms", embedder.query_ms)}


def _answer(retriever, query, question: str) -> tuple[str, float]:
    """The top chunk's best sentence, and the retrieval time in ms."""
    t0 = time.perf_counter()
    found = retriever.retrieve(query)
    r_ms = (time.perf_counter() - t0) * 1000
    if not found:
        return "", r_ms
    text = found[0].node.get_content()
    s, e = best_sentence(text, question)
    return text[s:e], r_ms


def _embedder():
    e = Settings().embedder
    return make_embedder(e.kind, e.model_path, e.dim)

