"""Accent folding for users who type without diacritics ("tro giup phap ly")."""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    base = unicodedata.normalize("NFD", ch)[0]
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Strip Vietnamese diacritics, one character in for one out (offsets survive)."""
    if text.isascii():
        return text
    return "".join(_fold_char(ch) for ch in text)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese mark (or đ)."""
    return fold(text) != text
