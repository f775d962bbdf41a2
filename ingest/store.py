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
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence
from urllib.parse import urlparse

import numpy as np

from ingest.errors import StoreUnavailableError, TracuuError
from ingest.types import Passage

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
log = logging.getLogger(__name__)
_BATCH = 1000  # Chroma caps the size of one write; stay well under it


class VectorStore:
    """One Chroma collection (cosine space) holding passage vectors and metadata."""

    def __init__(self, index_dir: Path, collection: str, chroma_url: str = "", timeout_s: float = 5.0):
        if chroma_url:
            # The catalog beside this store decides which vectors are orphans, so two index
            # folders must never share a server collection: one's reconcile would wipe the other's.
            collection = f"{collection}-{_store_id(Path(index_dir))}"
        self.collection_name = collection
        self.url = chroma_url
        self._client = _connect(index_dir, chroma_url, timeout_s)
        with self._errors():
            self._collection = self._client.get_or_create_collection(
                collection, metadata={"hnsw:space": "cosine"}, embedding_function=None
            )

    def close(self) -> None:
        """Release the client (a local index's files are then free to move or delete)."""
        close = getattr(self._client, "close", None)
        if close is not None:
            close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """A remote server that fails mid-way is one clear error, not a transport traceback."""
        try:
            yield
        except Exception as err:
            if not self.url or isinstance(err, TracuuError):
                raise
            raise StoreUnavailableError(self.url, f"{type(err).__name__}: {_first_line(err)}") from None

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
        with self._errors():
            for i in range(0, len(nodes), _BATCH):
                store.add(nodes[i:i + _BATCH])

    def delete_ids(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        with self._errors():
            for i in range(0, len(ids), _BATCH):
                self._collection.delete(ids=ids[i:i + _BATCH])

    def delete_doc(self, doc_id: str) -> None:
        with self._errors():
            self._collection.delete(where={"document_id": doc_id})

    # -- reads -----------------------------------------------------------------------
    def ids(self) -> set[str]:
        return set(self.owners())

    def owners(self) -> dict[str, str]:
        """Every stored passage id with the document id its vector is filed under."""
        out: dict[str, str] = {}
        offset = 0
        while True:
            with self._errors():
                got = self._collection.get(include=["metadatas"], limit=10000, offset=offset)
            out.update((pid, (meta or {}).get("document_id", "")) for pid, meta in zip(got["ids"], got["metadatas"]))
            if len(got["ids"]) < 10000:
                return out
            offset += 10000

    def count(self) -> int:
        with self._errors():
            return self._collection.count()

    def query(self, vector: np.ndarray, k: int, doc_ids: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """(passage_id, cosine similarity) best first, optionally within some documents."""
        # No count() first: Chroma (>= 1.0) returns fewer than k, or none, by itself, and
        # the extra call cost a round trip per question (an HTTP request on a server).
        where = None
        if doc_ids:
            where = {"document_id": {"$in": list(doc_ids)}} if len(doc_ids) > 1 else {"document_id": doc_ids[0]}
        with self._errors():
            got = self._collection.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
                n_results=k, where=where, include=["distances"],
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
    ssl = parsed.scheme == "https"
    _probe(chroma_url, f"{'https' if ssl else 'http'}://{host}:{port}/api/v2/heartbeat", timeout_s)
    try:
        client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings)
        _bound_requests(client, timeout_s)
        client.heartbeat()
    except Exception as err:  # chromadb wraps transport errors in several types
        raise StoreUnavailableError(chroma_url, _first_line(err)) from None
    return client


def _probe(url: str, heartbeat: str, timeout_s: float) -> None:
    """One bounded request before chromadb's client, whose HTTP session has no timeout:
    a port that accepts but never answers would otherwise hang the caller forever."""
    import urllib.error
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # straight to the server
    try:
        with opener.open(heartbeat, timeout=timeout_s) as response:
            response.read(1024)
    except urllib.error.HTTPError as err:
        raise StoreUnavailableError(url, f"HTTP {err.code} from {heartbeat} (is it a Chroma server?)") from None
    except (OSError, ValueError) as err:  # URLError, timeouts and refused connections are OSErrors
        reason = getattr(err, "reason", err)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            reason = f"no answer within {timeout_s:g} s"
        raise StoreUnavailableError(url, f"{reason} (is `chroma run` started?)") from None


def _bound_requests(client, timeout_s: float) -> None:
    # chromadb builds its httpx session with timeout=None; give every later request a
    # bound too (generous for reads and writes, `timeout_s` to connect). Private
    # attributes, so a chromadb that renames them only loses this extra safety.
    session = getattr(getattr(client, "_server", None), "_session", None)
    if session is not None:
        import httpx

        session.timeout = httpx.Timeout(max(60.0, 4 * timeout_s), connect=timeout_s)


def _store_id(index_dir: Path) -> str:
    """A random id for this index folder, made once (a rebuild makes a new one)."""
    path = index_dir / "store-id"
    try:
        return path.read_text().strip()
    except OSError:
        pass
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(uuid.uuid4().hex[:12])
    os.replace(tmp, path)
    return path.read_text().strip()


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return (text.splitlines()[0] if text else type(err).__name__)[:200]


def forget_local(index_dir: Path) -> None:
    """Drop this process's cached Chroma system for a local index about to be deleted.

    chromadb shares one system per folder in a process; after a wipe a new client for
    the same folder would otherwise get the old one, whose files are gone.
    """
    try:
        from chromadb.api.shared_system_client import SharedSystemClient
    except ImportError:  # pragma: no cover - a chromadb without the cache
        return
    key = str(Path(index_dir) / "chroma")
    SharedSystemClient._identifier_to_refcount.pop(key, None)
    system = SharedSystemClient._identifier_to_system.pop(key, None)
    if system is not None:
        system.stop()


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
