"""The vector store: Chroma, written through llama-index's ChromaVectorStore.

Chroma clients and llama-index nodes live in this module only. Embeddings are always
ours: Chroma's default embedder would download a model, so it is never invoked, and
llama-index's global Settings are pinned so it never reaches for OpenAI.
Reads go to the Chroma collection directly, which keeps llama-index's ~7 s import off
the query path.
"""
from __future__ import annotations

import logging
import os
import socket
from pathlib import Path
from typing import Sequence
from urllib.parse import urlparse

import numpy as np

from ingest.errors import StoreUnavailableError
from ingest.types import Passage

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
log = logging.getLogger(__name__)
_BATCH = 1000  # Chroma caps the size of one write; stay well under it


class VectorStore:
    """One Chroma collection (cosine space) holding passage vectors and metadata."""

    def __init__(self, index_dir: Path, collection: str, chroma_url: str = "", timeout_s: float = 5.0):
        self.collection_name = collection
        self.url = chroma_url
        self._client = _connect(index_dir, chroma_url, timeout_s)
        self._collection = self._client.get_or_create_collection(
            collection, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )

    # -- writes (ingest) -------------------------------------------------------------
    def add(self, passages: Sequence[Passage], vectors: np.ndarray) -> None:
        """Store passages with the vectors we computed, through llama-index's Chroma store."""
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
        from llama_index.vector_stores.chroma import ChromaVectorStore

        pin_llama_index_settings()
        store = ChromaVectorStore(chroma_collection=self._collection)
        nodes = []
        for p, v in zip(passages, vectors):
            node = TextNode(
                id_=p.passage_id,
                text=p.text,
                embedding=[float(x) for x in v],
                metadata={"section": p.section, "title": p.title, "start": p.start, "end": p.end},
                excluded_embed_metadata_keys=["section", "title", "start", "end"],
            )
            node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=p.doc_id)
            nodes.append(node)
        for i in range(0, len(nodes), _BATCH):
            store.add(nodes[i:i + _BATCH])

    def delete_ids(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), _BATCH):
            self._collection.delete(ids=ids[i:i + _BATCH])

    def delete_doc(self, doc_id: str) -> None:
        self._collection.delete(where={"document_id": doc_id})

    # -- reads -----------------------------------------------------------------------
    def ids(self) -> set[str]:
        out: set[str] = set()
        offset = 0
        while True:
            got = self._collection.get(include=[], limit=10000, offset=offset)
            out.update(got["ids"])
            if len(got["ids"]) < 10000:
                return out
            offset += 10000

    def count(self) -> int:
        return self._collection.count()

    def query(self, vector: np.ndarray, k: int, doc_ids: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """(passage_id, cosine similarity) best first, optionally within some documents."""
        n = self.count()
        if n == 0:
            return []
        where = None
        if doc_ids:
            where = {"document_id": {"$in": list(doc_ids)}} if len(doc_ids) > 1 else {"document_id": doc_ids[0]}
        got = self._collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
            n_results=min(k, n), where=where, include=["distances"],
        )
        return [(pid, 1.0 - float(d)) for pid, d in zip(got["ids"][0], got["distances"][0])]


def _connect(index_dir: Path, chroma_url: str, timeout_s: float):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if not chroma_url:
        path = Path(index_dir) / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=settings)
    parsed = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
    host, port = parsed.hostname or "127.0.0.1", parsed.port or (443 if parsed.scheme == "https" else 8000)
    # A bounded probe first: an unreachable server fails in `timeout_s`, never hangs.
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            pass
    except OSError as err:
        raise StoreUnavailableError(chroma_url, f"{err.strerror or err} (is `chroma run` started?)") from None
    try:
        client = chromadb.HttpClient(host=host, port=port, ssl=parsed.scheme == "https", settings=settings)
        client.heartbeat()
    except Exception as err:  # chromadb wraps transport errors in several types
        raise StoreUnavailableError(chroma_url, str(err).splitlines()[0][:200]) from None
    return client


def pin_llama_index_settings(embed_model=None) -> None:
    """Make llama-index's globals explicit: no LLM, and never OpenAI's embedder."""
    from llama_index.core import Settings
    from llama_index.core.embeddings import MockEmbedding
    from llama_index.core.llms import MockLLM

    if not isinstance(Settings._llm, MockLLM):
        Settings.llm = MockLLM()  # extractive answers: no LLM, and never a hosted one
    if embed_model is not None:
        Settings.embed_model = embed_model
    elif Settings._embed_model is None:
        Settings.embed_model = MockEmbedding(embed_dim=1)


def llama_embedding(embedder):
    """Our embedder as a llama-index BaseEmbedding, for stock llama-index pipelines."""
    from llama_index.core.embeddings import BaseEmbedding

    class _Adapter(BaseEmbedding):
        def _get_query_embedding(self, query: str):
            return embedder.embed_queries([query])[0].tolist()

        async def _aget_query_embedding(self, query: str):
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str):
            return embedder.embed_passages([text])[0].tolist()

        def _get_text_embeddings(self, texts):
            return embedder.embed_passages(texts).tolist()

    return _Adapter(model_name=embedder.model_id, embed_batch_size=32)
