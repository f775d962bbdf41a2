"""Core qa types: frozen dataclasses with no third-party imports."""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.types import Passage


@dataclass(frozen=True)
class Hit:
    """A retrieved passage and why: fused score plus its parts."""

    passage: Passage
    score: float
    dense: float = 0.0
    keyword: float = 0.0
    in_scope: bool = True  # False: it violates a place/year the question names


@dataclass(frozen=True)
class Citation:
    marker: int
    passage: Passage
    quote: str  # verbatim substring of passage.text

    @property
    def quote_start(self) -> int:
        return self.passage.text.find(self.quote)


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    passages: tuple[Hit, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # e.g. "question truncated to 1,000 characters"
