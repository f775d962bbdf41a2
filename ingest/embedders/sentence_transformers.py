"""Any sentence-transformers model from a local folder (never a hub id)."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Sequence

import numpy as np

from ingest.errors import ConfigError, MissingExtraError


class SentenceTransformerEmbedder:
    def __init__(self, model_path: str):
        path = Path(model_path).expanduser()
        if not path.is_dir():
            raise ConfigError(f"Embedding model folder not found: {model_path} (a local folder is required; "
                              "tracuu never downloads models)")
        self.path = path
        self.model_id = f"sentence-transformers:{path.resolve().name}"

    @cached_property
    def _model(self):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise MissingExtraError("The sentence-transformers embedder", "sentence-transformers") from None
        return SentenceTransformer(str(self.path), device="cpu", local_files_only=True)

    @cached_property
    def dim(self) -> int:
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        return int(get_dim())

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True,
                                     show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)
