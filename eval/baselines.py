"""Baselines measured in the same run as tracuu, each what a user would build with
stock tools, answering in the same Answer shape so the same metrics apply.

- `bm25`: the index's keyword retrieval only.
- `dense`: the same embedder and Chroma collection only.
- `naive-llamaindex`: llama-index SentenceSplitter(1024/200) over the same documents,
  the same embedder, an in-memory Chroma collection, top-k retrieval.

Each answers with the best sentence of its top passage by plain word overlap, and
abstains only when retrieval returns nothing. llama-index and Chroma appear here
(the one exception to "framework types only in ingest/store.py") because the naive
pipeline *is* the stock framework.
"""
from __future__ import annotations

import re
import time
import uuid
from typing import Callable

import numpy as np

from ingest.diacritics import fold, has_diacritics
from ingest.index import Index
from ingest.tokens import query_tokens, syllables
from ingest.types import Passage
from qa.abstain import NOT_FOUND
from qa.types import Answer, Citation, Hit

NAMES = ("bm25", "dense", "naive-llamaindex")
Retriever = Callable[[str, int], list[Hit]]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def best_sentence(text: str, question: str) -> tuple[int, int]:
    """Offsets of the sentence sharing the most (accent-folded) words with the question."""
    wanted = {fold(t) for t in syllables(question)}
    best, best_score, at = (0, len(text)), -1, 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[at:end]
        s = at + len(chunk) - len(chunk.lstrip())
        e = at + len(chunk.rstrip())
        if e > s:
            score = len(wanted & {fold(t) for t in syllables(text[s:e])})
            if score > best_score:
                best, best_score = (s, e), score
        at = m.end() if m else len(text)
    return best


def extractive_answer(question: str, hits: list[Hit], t0: float, t1: float) -> Answer:
    """The Answer every baseline gives: the top passage's best sentence, cited as [1]."""
    top = hits[0].passage if hits else None
    quote = ""
    if top is not None:
        s, e = best_sentence(top.text, question)
        quote = top.text[s:e]
    t2 = time.perf_counter()
    timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
    if top is None:
        return Answer(question=question, answer=NOT_FOUND, abstained=True, timings_ms=timings)
    return Answer(question=question, answer=f"{quote} [1]", abstained=False,
                  citations=(Citation(marker=1, passage=top, quote=quote),), passages=tuple(hits),
                  timings_ms=timings)


class Baseline:
    """A retriever plus the shared extractive answer; `answer(question, k)`."""

    def __init__(self, name: str, retrieve: Retriever, setup_s: float = 0.0,
                 close: Callable[[], None] | None = None):
        self.name = name
        self._retrieve = retrieve
        self.setup_s = setup_s
        self._close = close

    def answer(self, question: str, k: int) -> Answer:
        question = question.strip()
        t0 = time.perf_counter()
        hits = self._retrieve(question, k)
        return extractive_answer(question, hits, t0, time.perf_counter())

    def close(self) -> None:
        if self._close is not None:
            self._close()


def _hits(index: Index, scored: list[tuple[str, float]]) -> list[Hit]:
    passages = index.passages([pid for pid, _ in scored])
    return [Hit(passage=passages[pid], score=s) for pid, s in scored if pid in passages]


def bm25(index: Index) -> Baseline:
    """Keyword only: the index's BM25 over the question's tokens, no fusion, no rules."""
    kw = index.keyword()

    def retrieve(question: str, k: int) -> list[Hit]:
        scores = kw.scores(query_tokens(question.lower()), use_accents=has_diacritics(question))
        top = [int(i) for i in np.argsort(-scores)[:k] if scores[i] > 0]
        return _hits(index, [(kw.row_ids[i], float(scores[i])) for i in top])

    return Baseline("bm25", retrieve)


def dense(index: Index) -> Baseline:
    """The embedder only: nearest passages in the index's Chroma collection."""

    def retrieve(question: str, k: int) -> list[Hit]:
        vector = index.embedder.embed_queries([question])[0]
        return _hits(index, index.dense(vector, k))

    return Baseline("dense", retrieve)


def naive_llamaindex(index: Index, chunk_size: int = 1024, chunk_overlap: int = 200) -> Baseline:
    """Stock llama-index over the indexed documents' text, with our embedder."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from ingest.store import llama_embedding, pin_llama_index_settings

    t0 = time.perf_counter()
    embed_model = llama_embedding(index.embedder)
    pin_llama_index_settings(embed_model)
    docs = [Document(text=index.document_text(d.doc_id) or "", metadata={"doc_id": d.doc_id, "title": d.title},
                     excluded_embed_metadata_keys=["doc_id"], excluded_llm_metadata_keys=["doc_id"])
            for d in index.documents()]
    nodes = SentenceSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap).get_nodes_from_documents(docs)
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    name = f"naive-{uuid.uuid4().hex[:12]}"
    collection = client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    vindex = VectorStoreIndex(nodes, storage_context=storage, embed_model=embed_model, show_progress=False)
    setup_s = time.perf_counter() - t0

    def retrieve(question: str, k: int) -> list[Hit]:
        found = vindex.as_retriever(similarity_top_k=k).retrieve(question)
        return [Hit(passage=_chunk_passage(n.node), score=float(n.score or 0.0)) for n in found]

    return Baseline("naive-llamaindex", retrieve, setup_s, close=lambda: client.delete_collection(name))


def _chunk_passage(node) -> Passage:
    """A llama-index chunk as a Passage (offsets into the same document text)."""
    meta = node.metadata or {}
    text = node.get_content()
    start = node.start_char_idx if node.start_char_idx is not None else 0
    end = node.end_char_idx if node.end_char_idx is not None else start + len(text)
    return Passage(passage_id=node.node_id, doc_id=meta.get("doc_id", ""), title=meta.get("title", ""),
                   section="", start=start, end=end, text=text)


def make_baselines(names: list[str], index: Index) -> list[Baseline]:
    """Build the named baselines (validated by the caller against NAMES)."""
    builders = {"bm25": bm25, "dense": dense, "naive-llamaindex": naive_llamaindex}
    return [builders[n](index) for n in names]
