"""Accent folding for users who type without diacritics ("tro giup phap ly")."""
from __future__ import annotations

import unicodedata


class _FoldTable(dict):
    """Code point -> folded character for str.translate, filled on first sight.

    translate runs in C; folding character by character in Python was the largest
    cost of keyword-index builds and a visible one on the query path.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = ("d" if ch == "đ" else "D") if ch in "đĐ" else unicodedata.normalize("NFD", ch)[0]
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Strip Vietnamese diacritics, one character in for one out (offsets survive)."""
    if text.isascii():
        return text
    return text.translate(_TABLE)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese mark (or đ)."""
    return fold(text) != text
