"""A deterministic embedder for unit tests: hashed syllables, so shared words raise
similarity and ranking assertions mean something. Uses hashlib, never salted hash()."""
from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np

from ingest.diacritics import fold
from ingest.tokens import syllables


class HashingEmbedder:
    def __init__(self, dim: int = 384):
        self.dim = dim
        self.model_id = f"hashing:{dim}"

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    embed_queries = embed_passages

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        sy = [fold(s) for s in syllables(text)]
        for token in sy + [a + "_" + b for a, b in zip(sy, sy[1:])]:
            digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
            idx = int.from_bytes(digest[:4], "little") % self.dim
            v[idx] += 1.0 if digest[4] & 1 else -1.0
        n = np.linalg.norm(v)
        return v / n if n else v
