"""Decode text files whose encoding is detected, not assumed.

UTF-8 (with or without BOM) and UTF-16 are recognised exactly. Otherwise Vietnamese
legacy encodings are tried and the most Vietnamese-looking result wins, with
charset-normalizer as the general fallback.
"""
from __future__ import annotations

import re
import unicodedata

from ingest.errors import UnreadableFileError

_VIET = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def decode_bytes(data: bytes, name: str) -> str:
    """Bytes -> str, or UnreadableFileError saying why."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4000]:
        utf16 = _try_utf16(data)
        if utf16 is not None:
            return utf16
        raise UnreadableFileError(name, "binary data, not text (is it really a text file?)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("cp1258", "cp1252", "latin-1"):
        try:
            candidates.append(unicodedata.normalize("NFC", data.decode(enc)))
        except UnicodeDecodeError:
            continue
    guessed = _charset_normalizer_guess(data)
    if guessed:
        candidates.append(guessed)
    if not candidates:
        raise UnreadableFileError(name, "unknown text encoding")
    return max(candidates, key=_vietnamese_score)


def _try_utf16(data: bytes) -> str | None:
    even_nuls = data[0:4000:2].count(0)
    odd_nuls = data[1:4000:2].count(0)
    enc = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:2000])
    return text if printable >= 0.95 * min(len(text), 2000) else None


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data).best()
    return str(best) if best is not None else None


def _vietnamese_score(text: str) -> float:
    letters = sum(ch.isalpha() for ch in text) or 1
    odd = sum(1 for ch in text if unicodedata.category(ch) in ("Co", "Cn", "So") or ch in "\ufffd")
    return len(_VIET.findall(text)) / letters - 5 * odd / letters
