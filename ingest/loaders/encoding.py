"""Decode text files whose encoding is detected, not assumed.

UTF-8 (with or without BOM) and UTF-16 are recognised exactly. Otherwise Vietnamese
legacy encodings (Windows-1258, TCVN3) are tried and the reading whose words are
most often well-formed Vietnamese syllables wins, with charset-normalizer as the
general fallback.
"""
from __future__ import annotations

import re
import unicodedata

from ingest.errors import UnreadableFileError
from ingest.loaders.tcvn3 import decode_tcvn3

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# Every Vietnamese letter, both cases: the vowels with each tone, plus đ.
_LETTERS = frozenset(
    unicodedata.normalize("NFC", v + t)
    for v in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" for t in ("",) + tuple(_TONES)
) | frozenset("đĐ") | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SAMPLE = 200_000  # characters (or bytes) enough to tell encodings apart
# Words split at spaces and ASCII punctuation only: «, ¬, ® and the like are Vietnamese
# letters in TCVN3, so they must stay inside the word to betray a wrong reading.
_SPLIT = re.compile(r"[\s!-@\[-`{-~“”‘’…–—•]+")
# One Vietnamese syllable without its tone: initial consonant, vowel nucleus, final.
_NUCLEI = ("iêu oai oay oeo uây uôi ươi ươu uya uyê yêu uyu ai ao au ay âu ây eo êu ia iê iu oa oă oe oi "
           "ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê a ă â e ê i o ô ơ u ư y").split()
_SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?(?:"
                       + "|".join(_NUCLEI) + r")(?:ch|ng|nh|[cmnpt])?")


def decode_bytes(data: bytes, name: str) -> str:
    """Bytes -> str, or UnreadableFileError saying why."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4000]:
        utf16 = _try_utf16(data)
        if utf16 is not None:
            return utf16
        raise UnreadableFileError(name, "binary data, not text (is it really a text file?)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: a legacy encoding. Each Vietnamese reading is scored by how many of its
    # words are well-formed syllables against those only a wrong reading makes (symbols
    # inside words, two tone marks in one syllable, stray capitals). UTF-8 with a few
    # broken bytes competes too, so a damaged UTF-8 file is not misread as cp1258.
    readings = [unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
                unicodedata.normalize("NFC", decode_tcvn3(data)),
                unicodedata.normalize("NFC", data.decode("utf-8", errors="replace"))]
    scores = [_vietnamese_score(text) for text in readings]
    best = max(range(len(readings)), key=scores.__getitem__)  # ties: the order above
    if scores[best] > 0:
        return readings[best]
    if scores[best] == 0 and any(ord(ch) > 0xFF and ch in _LETTERS for ch in readings[best][:_SAMPLE]):
        return readings[best]  # only names ("Đakrông"): Vietnamese letters, nothing malformed
    # No Vietnamese in any reading: some other legacy encoding.
    return _charset_normalizer_guess(data) or data.decode("cp1252", errors="replace")


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
    matches = from_bytes(data[:_SAMPLE])  # a sample: detection on megabytes is slow
    best = matches.best()
    if best is None:
        return None
    # Code pages it cannot tell apart (cp1250 and cp1252 on French): Windows-1252 is the
    # likelier one in an office.
    best = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos
                 and m.coherence >= best.coherence), best)
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _vietnamese_score(text: str) -> int:
    """Evidence that `text` is correctly decoded Vietnamese; every reading holds the same
    words, so the counts compare. Plain ASCII words say nothing."""
    return sum(_word_score(word) for word in _SPLIT.split(text[:_SAMPLE]) if word and not word.isascii())


def _word_score(word: str) -> int:
    """1 for a Vietnamese syllable, 0 for no evidence (a name, a foreign word), -2 for
    what only a misreading makes."""
    if not all(ch.isalpha() for ch in word):
        return -2  # a symbol, a stray mark or U+FFFD inside a word
    if any(ch not in _LETTERS for ch in word):
        return 0  # other languages' letters (ç, ß, Cyrillic…)
    if sum(ch in _TONES for ch in unicodedata.normalize("NFD", word)) > 1:
        return -2  # two tone marks in one syllable
    if any(a.islower() and b.isupper() for a, b in zip(word, word[1:])):
        return -2  # "vêÌ": a tone mark read as a capital letter
    if not _SYLLABLE.fullmatch(_untoned(word).lower()):
        return 0  # not one syllable (a name like Đakrông, or a foreign word)
    return 1


def _untoned(word: str) -> str:
    return unicodedata.normalize("NFC", "".join(ch for ch in unicodedata.normalize("NFD", word) if ch not in _TONES))
