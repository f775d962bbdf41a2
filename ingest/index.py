"""The index on disk: manifest + catalog (SQLite) + Chroma vectors + keyword index.

`Index` is what qa reads from and what the ingest pipeline writes to.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from ingest import manifest as manifest_mod
from ingest.catalog import Catalog
from ingest.embedders import Embedder
from ingest.errors import IndexMissingError
from ingest.keyword import KeywordIndex
from ingest.manifest import Manifest
from ingest.passages import PassageBounds
from ingest.store import VectorStore
from ingest.types import DocumentInfo, Passage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexConfig:
    """Plain arguments an Index needs; built from Settings by entry points."""

    index_dir: Path
    bounds: PassageBounds
    chroma_url: str = ""
    chroma_timeout_s: float = 5.0
    batch_size: int = 32


class Index:
    def __init__(self, config: IndexConfig, embedder: Embedder, *, create: bool = False):
        self.config = config
        self.embedder = embedder
        self.dir = Path(config.index_dir)
        if not create and not (self.dir / manifest_mod.FILE).exists():
            raise IndexMissingError(str(self.dir))
        manifest_mod.check(self.dir, self.manifest)
        self._lock = threading.Lock()
        self._keyword: KeywordIndex | None = None

    @cached_property
    def manifest(self) -> Manifest:
        return Manifest(embedder=self.embedder.model_id, dim=self.embedder.dim,
                        min_chars=self.config.bounds.min_chars, max_chars=self.config.bounds.max_chars)

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(self.dir / "catalog.sqlite")

    @cached_property
    def store(self) -> VectorStore:
        return VectorStore(self.dir, self.manifest.collection, self.config.chroma_url, self.config.chroma_timeout_s)

    # -- reads used by qa ------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        return self.catalog.documents()

    def passages(self, ids: list[str]) -> dict[str, Passage]:
        return self.catalog.passages(ids)

    def document_text(self, doc_id: str) -> str | None:
        return self.catalog.document_text(doc_id)

    def keyword(self) -> KeywordIndex:
        """The keyword index for the current catalog generation (rebuilt if stale)."""
        generation = self.catalog.generation
        with self._lock:
            if self._keyword is None or self._keyword.generation != generation:
                kw = KeywordIndex.load(self.dir, generation)
                if kw is None:
                    kw = KeywordIndex.build(self.catalog.iter_passages(), generation)
                    try:
                        kw.save(self.dir)
                    except OSError as err:  # a read-only index still answers
                        log.warning("could not save the keyword index: %s", err)
                self._keyword = kw
            return self._keyword

    def dense(self, vector: np.ndarray, k: int, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        return self.store.query(vector, k, doc_ids)

    def close(self) -> None:
        if "catalog" in self.__dict__:
            self.catalog.close()
        if "store" in self.__dict__:
            self.store.close()
