"""Keyword tokens for BM25, cheap enough for the query path (no underthesea import).

A passage is indexed under its syllables plus underthesea's compound words ("y_tế").
A query is split into syllables plus every 2- and 3-syllable n-gram; the n-grams that
exist in the index vocabulary act as compound-word matches, so the query needs no
segmenter. Figures stay whole ("1.693.586", "1.141,28") and one-letter syllables ("y")
are kept.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ingest.abbreviations import expansions
from ingest.diacritics import fold
from ingest.numbers import NUMBER

# A figure (optionally glued to a letter, "30a"), or a run of letters.
TOKEN_RE = re.compile(rf"(?:{NUMBER})[^\W\d_]*|[^\W\d_]+")


def syllables(text: str) -> list[str]:
    """Lower-cased syllables and figures, in order."""
    return [m.group().lower() for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=1 << 16)  # the same few thousand words recur in every passage (keyword builds)
def compound(word: str) -> str | None:
    """An underthesea word as one keyword token ("Chính sách" -> "chính_sách")."""
    parts = syllables(word)
    return "_".join(parts) if len(parts) > 1 else None


def passage_tokens(text: str, segmented: tuple[str, ...] | list[str], extra: str = "") -> list[str]:
    """Accented keyword tokens of a passage; `extra` carries the document identity."""
    tokens = syllables(text)
    tokens += [c for w in segmented if (c := compound(w))]
    tokens += syllables(expansions(text))  # "DTTS" also matches "dân tộc thiểu số"
    if extra:
        tokens += syllables(extra)
    return tokens


def query_tokens(text: str, max_n: int = 3) -> list[str]:
    """Syllables plus 2..max_n-grams, to meet compound words in the vocabulary."""
    sy = syllables(text)
    extra = syllables(expansions(text))  # "BHYT" also searches "bảo hiểm y tế"
    grams = ["_".join(sy[i:i + n]) for n in range(2, max_n + 1) for i in range(len(sy) - n + 1)]
    return sy + grams + extra + ["_".join(extra[i:i + 2]) for i in range(len(extra) - 1)]


def folded(tokens: list[str]) -> list[str]:
    """The same tokens without diacritics, for questions typed without them."""
    return [fold(t) for t in tokens]
