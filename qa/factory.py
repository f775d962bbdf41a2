"""Build an Engine from Settings (called by entry points only)."""
from __future__ import annotations

from ingest.embedders import make_embedder
from ingest.index import Index, IndexConfig
from ingest.passages import PassageBounds
from ingest.settings import Settings
from qa.engine import AnswerParams, Engine
from qa.retrieve import RetrievalParams


def index_config(settings: Settings) -> IndexConfig:
    return IndexConfig(
        index_dir=settings.index_dir,
        bounds=PassageBounds(settings.passages.min_chars, settings.passages.max_chars),
        chroma_url=settings.chroma_url,
        chroma_timeout_s=settings.chroma_timeout_s,
        batch_size=settings.embedder.batch_size,
    )


def open_index(settings: Settings, create: bool = False) -> Index:
    e = settings.embedder
    return Index(index_config(settings), make_embedder(e.kind, e.model_path, e.dim), create=create)


def open_engine(settings: Settings, index: Index | None = None) -> Engine:
    r, a = settings.retrieval, settings.answer
    index = index or open_index(settings)
    if settings.chroma_url:
        # A configured server that cannot be reached is named before any question, even one
        # the keyword index could answer alone (AnswerParams.lexical_exit).
        index.store.count()
    return Engine(
        index=index,
        retrieval=RetrievalParams(k=r.k, candidates=r.candidates, dense_weight=r.dense_weight,
                                  constraint_boost=r.constraint_boost),
        answering=AnswerParams(min_coverage=a.min_coverage, rescue_similarity=a.rescue_similarity,
                               max_question_chars=a.max_question_chars, lexical_exit=a.lexical_exit),
    )
