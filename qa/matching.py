"""Matching a question's content words against text, weighted by how informative they are.

With diacritics typed, words match with their diacritics ("cận" is not "cấn"); without,
they match folded. Adjacent word pairs count too, so "cận nghèo" is not satisfied by
"tiếp cận … nghèo" scattered across a sentence.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ingest.abbreviations import expansions
from ingest.diacritics import fold
from ingest.tokens import syllables
from qa.question import Question


@dataclass(frozen=True)
class Matcher:
    accents: bool
    weights: dict[str, float]  # term -> idf; pairs are "a_b"
    # (terms of a question phrase, terms of each phrase that may stand for it)
    alternatives: tuple[tuple[frozenset[str], tuple[frozenset[str], ...]], ...] = ()

    @classmethod
    def for_question(cls, q: Question, idf: Callable[[str, bool], float]) -> "Matcher":
        weights: dict[str, float] = {}
        for t in q.terms:
            weights[t] = idf(t, q.accents)
        for a, b in q.pairs:
            weights[f"{a}_{b}"] = 0.5 * (weights.get(a, 0.0) + weights.get(b, 0.0))
        alternatives = tuple((frozenset(_terms(phrase, q.accents)) & weights.keys(),
                              tuple(_terms(o, q.accents) for o in others))
                             for phrase, others in q.synonyms)
        return cls(q.accents, weights, tuple(a for a in alternatives if a[0]))

    def terms_of(self, text: str) -> set[str]:
        """Syllables and adjacent pairs of a text (plus its abbreviations' expansions)."""
        return set(_terms(text, self.accents))  # a copy: callers may extend it

    def coverage(self, text: str | set[str]) -> float:
        """Idf-weighted share of the question's terms present in `text`."""
        total = sum(self.weights.values())
        if not total:
            return 0.0
        present = self._with_alternatives(text if isinstance(text, set) else self.terms_of(text))
        return sum(w for t, w in self.weights.items() if t in present) / total

    def _with_alternatives(self, present: set[str]) -> set[str]:
        """`present` plus the question's phrases whose synonym the text has."""
        found = [own for own, others in self.alternatives if any(o <= present for o in others)]
        return present.union(*found) if found else present

    def missing(self, text: str | set[str]) -> dict[str, float]:
        present = self._with_alternatives(text if isinstance(text, set) else self.terms_of(text))
        return {t: w for t, w in self.weights.items() if t not in present}


@lru_cache(maxsize=4096)  # ~10 KB an entry: tens of MB at most
def _terms(text: str, accents: bool) -> frozenset[str]:
    # The top passages, their sentences and their context recur from question to
    # question; tokenising them again was most of the cost of choosing a quote.
    out: set[str] = set()
    for piece in (text, expansions(text)):
        sy = [s if accents else fold(s) for s in syllables(piece)]
        out.update(sy)
        out.update(f"{a}_{b}" for a, b in zip(sy, sy[1:]))
    return frozenset(out)


def clear_cache() -> None:
    """Forget tokenised texts (the bench does, so a repeated question costs what a new one does)."""
    _terms.cache_clear()
