"""Question -> hybrid retrieval -> grounded extractive Answer with citations, or abstention."""
from __future__ import annotations

from qa.engine import Engine, answer

__all__ = ["Engine", "answer"]
